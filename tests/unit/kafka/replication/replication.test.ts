// Replication in a simulated 3-broker cluster (seeded network, virtual time, invariants after every task):
// acks=all waits for the ISR, the ISR shrinks after replica.lag.time.max.ms and grows back, min.insync.replicas
// refuses writes, acks=1 loses a record when its leader dies first, an ISR leader keeps every acks=all record.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { loadLogEngine } from '../kafka-fixtures.ts'
import { installInvariants } from './invariants.ts'
import { SimCluster, TOPIC_ID } from './sim-cluster.ts'
import { transferListOf } from '../../../../workers/net/transfer-list.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

async function cluster(minIsr: number, seed = 1): Promise<SimCluster> {
  const sim = new SimCluster(engine, seed, minIsr)
  installInvariants(sim)
  await sim.step(1_000)
  return sim
}

function produce(sim: SimCluster, acks: -1 | 0 | 1, values: string[], timeoutMs = 30_000) {
  const manager = sim.leaderManager
  if (!manager) throw new Error('no leader')
  return manager.appendRecords(acks, timeoutMs, [
    { topicId: TOPIC_ID, partition: 0, records: sim.encode(values) },
  ])
}

describe('replication', () => {
  it('answers acks=all only once every ISR follower fetched the batch', async () => {
    const sim = await cluster(2)
    sim.network.pause(3)
    let answered = false
    const pending = produce(sim, -1, ['a']).then((r) => ((answered = true), r))
    await sim.step(5_000)
    expect(answered).toBe(false)
    expect(sim.partitionOn(1)?.log.highWatermark).toBe(0)
    expect(sim.logOf(2).logEndOffset).toBe(1)
    sim.network.resume(3)
    const [result] = await sim.settle(pending)
    expect(result).toMatchObject({ error: null, baseOffset: 0 })
    expect(sim.logOf(3).logEndOffset).toBe(1)
    expect(sim.partitionOn(1)?.isr).toEqual([1, 2, 3])
  })

  it('shrinks the ISR at the first isr-expiration check past replica.lag.time.max.ms, and grows it back', async () => {
    const sim = await cluster(1)
    const start = sim.queue.now() - 1_000
    sim.network.partition([3], [1])
    await sim.step(2_000)
    await sim.settle(produce(sim, 1, ['x']))
    const lastCaughtUp = sim.partitionOn(1)!.replica(3)!.lastCaughtUpTimeMs
    // The check runs every 15000 ms from start-up; the follower is out once now - lastCaughtUp > 30000.
    let expected = start + 15_000
    while (expected - lastCaughtUp <= 30_000) expected += 15_000
    await sim.step(expected - sim.queue.now() + 10)
    expect(sim.alterCalls).toEqual([{ at: expected, brokerId: 1, newIsr: [1, 2] }])
    expect(sim.registration.isr).toEqual([1, 2])
    expect(sim.partitionOn(1)?.isr).toEqual([1, 2])
    sim.network.heal()
    await sim.step(40_000)
    expect(sim.logOf(3).logEndOffset).toBe(1)
    expect(sim.alterCalls.at(-1)).toMatchObject({ brokerId: 1, newIsr: [1, 2, 3] })
    expect(sim.registration.isr).toEqual([1, 2, 3])
  })

  it("gives the records of a follower's fetch away with the answer, into the buffers it gave back", async () => {
    const sim = await cluster(1)
    sim.network.partition([1])
    await sim.settle(produce(sim, 1, ['a', 'b']))
    const fetch = (fetchOffset: number, returnedBuffers: ArrayBuffer[] = []) =>
      sim.settle(
        sim.manager(1).handleReplicaFetch(2, {
          kind: 'replicaFetch',
          replicaId: 2,
          maxWaitMs: 0,
          minBytes: 1,
          maxBytes: 1 << 20,
          partitions: [
            {
              topicId: TOPIC_ID,
              partition: 0,
              currentLeaderEpoch: 0,
              fetchOffset,
              lastFetchedEpoch: -1,
              logStartOffset: 0,
              partitionMaxBytes: 1 << 20,
            },
          ],
          returnedBuffers,
        }),
      )
    const answer = await fetch(0)
    const records = answer.partitions[0]!.records
    expect(records.byteLength).toBeGreaterThan(0)
    expect(transferListOf(answer)).toEqual([records.buffer])
    // Nothing past the log end: no bytes, nothing to give away.
    expect(transferListOf(await fetch(2))).toEqual([])
    // The follower gives the buffer back with a fetch: the leader's next answer is copied into it.
    const again = (await fetch(0, [records.buffer as ArrayBuffer])).partitions[0]!.records
    expect(again.buffer).toBe(records.buffer)
    expect([...again]).toEqual([...records])
  })

  it('refuses acks=all with NOT_ENOUGH_REPLICAS when the ISR is below min.insync.replicas', async () => {
    const sim = await cluster(2)
    sim.network.partition([1])
    // acks=1 is written, but in Kafka 4 the HW does not move while the ISR is under min.insync.replicas.
    const [written] = await sim.settle(produce(sim, 1, ['b']))
    expect(written).toMatchObject({ error: null, baseOffset: 0 })
    await sim.step(50_000)
    expect(sim.registration.isr).toEqual([1])
    const [refused] = await sim.settle(produce(sim, -1, ['a']))
    expect(refused).toMatchObject({
      error: 'NOT_ENOUGH_REPLICAS',
      errorMessage:
        'The size of the current ISR Set(1) is insufficient to satisfy the min.isr requirement of 2 for partition orders-0',
      baseOffset: -1,
    })
    expect(sim.logOf(1).logEndOffset).toBe(1)
    expect(sim.logOf(1).highWatermark).toBe(0)
    const read = await sim.settle(
      sim.manager(1).fetchMessages({ replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20 }, [
        {
          topicId: TOPIC_ID,
          partition: 0,
          currentLeaderEpoch: -1,
          fetchOffset: 0,
          lastFetchedEpoch: -1,
          logStartOffset: -1,
          partitionMaxBytes: 1 << 20,
        },
      ]),
    )
    expect(read[0]).toMatchObject({ error: null, highWatermark: 0, records: new Uint8Array(0) })
  })

  it('times out acks=all when the ISR shrinks under min.insync.replicas while it waits (Kafka 4 keeps the HW)', async () => {
    const sim = await cluster(2)
    sim.network.partition([1])
    const [result] = await sim.settle(produce(sim, -1, ['a'], 60_000))
    expect(result).toMatchObject({ error: 'REQUEST_TIMED_OUT', baseOffset: 0 })
    expect(sim.registration.isr).toEqual([1])
  })

  it('loses an acks=1 record whose leader died before the followers fetched it', async () => {
    const sim = await cluster(1)
    await sim.settle(produce(sim, -1, ['kept']))
    sim.network.partition([1])
    const [acked] = await sim.settle(produce(sim, 1, ['doomed']))
    expect(acked).toMatchObject({ error: null, baseOffset: 1 })
    sim.stop(1)
    expect(sim.registration).toMatchObject({ leader: 2, leaderEpoch: 1, isr: [2, 3] })
    await sim.settle(produce(sim, -1, ['after']))
    sim.network.heal()
    sim.start(1)
    await sim.step(5_000)
    // Broker 1 held 'doomed' at offset 1 in epoch 0; the new leader's epoch 0 ends at 1: it truncates.
    expect(sim.values(1)).toEqual(['kept', 'after'])
    expect(sim.values(2)).toEqual(['kept', 'after'])
    expect(sim.logOf(1).endOffsetForEpoch(0)).toEqual({ epoch: 0, endOffset: 1 })
  })

  it('keeps every acks=all record when the controller elects a new leader from the ISR', async () => {
    const sim = await cluster(2)
    const acked: string[] = []
    for (let i = 0; i < 5; i++) {
      const [r] = await sim.settle(produce(sim, -1, [`v${i}`]))
      if (r?.error === null) acked.push(`v${i}`)
    }
    sim.network.partition([3], [1])
    const [during] = await sim.settle(produce(sim, 1, ['only-on-1-and-2']))
    expect(during?.error).toBeNull()
    await sim.step(200)
    sim.stop(1)
    expect(sim.registration.leader).toBe(2)
    sim.network.heal()
    await sim.step(5_000)
    expect(acked).toHaveLength(5)
    for (const id of [2, 3]) expect(sim.values(id)).toEqual([...acked, 'only-on-1-and-2'])
  })

  it('truncates a divergent follower to the leader epoch end offset, never below the HW', async () => {
    const sim = await cluster(1)
    await sim.settle(produce(sim, -1, ['a', 'b']))
    sim.network.partition([1])
    await sim.settle(produce(sim, 1, ['c1']))
    await sim.settle(produce(sim, 1, ['d1']))
    sim.stop(1)
    await sim.settle(produce(sim, -1, ['c2']))
    sim.stop(2)
    expect(sim.registration).toMatchObject({ leader: 3, leaderEpoch: 2 })
    await sim.settle(produce(sim, -1, ['d3']))
    sim.network.heal()
    sim.start(1)
    sim.start(2)
    await sim.step(5_000)
    for (const id of [1, 2, 3]) expect(sim.values(id)).toEqual(['a', 'b', 'c2', 'd3'])
    expect(sim.logOf(1).latestEpoch).toBe(2)
    expect([...sim.registration.isr].sort()).toEqual([1, 2, 3])
  })
})
