// DeleteRecords in a simulated 3-broker cluster (seeded network, virtual time, the replication invariants
// after every task): the leader moves its log start offset at once and answers the low watermark only once
// every follower on a live broker learned it from its fetches (DelayedDeleteRecords); a paused follower holds
// the answer back until the request times out, a stopped one does not; a follower whose log ends below the
// leader's log start offset starts over there; -1 means the high watermark, past it is OFFSET_OUT_OF_RANGE,
// and a compacted topic refuses (POLICY_VIOLATION).
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { loadLogEngine } from '../kafka-fixtures.ts'
import { installInvariants } from './invariants.ts'
import { SimCluster, TOPIC_ID } from './sim-cluster.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

async function cluster(): Promise<SimCluster> {
  const sim = new SimCluster(engine, 3, 1)
  installInvariants(sim)
  await sim.step(1_000)
  return sim
}

async function produce(sim: SimCluster, values: string[]): Promise<void> {
  const [result] = await sim.settle(
    sim.leaderManager!.appendRecords(-1, 30_000, [
      { topicId: TOPIC_ID, partition: 0, records: sim.encode(values) },
    ]),
  )
  expect(result?.error).toBeNull()
}

function deleteRecords(sim: SimCluster, offset: number, timeoutMs = 30_000) {
  return sim.leaderManager!.deleteRecords(timeoutMs, [{ topicId: TOPIC_ID, partition: 0, offset }])
}

const tenValues = Array.from({ length: 10 }, (_, i) => `v${i}`)

describe('DeleteRecords', () => {
  it('moves the leader at once and answers once every follower has moved its log start offset', async () => {
    const sim = await cluster()
    await produce(sim, tenValues)
    let answered = false
    const pending = deleteRecords(sim, 4).then((r) => ((answered = true), r))
    await sim.step(0)
    expect(sim.logOf(1).logStartOffset).toBe(4)
    expect(answered).toBe(false)
    const [result] = await sim.settle(pending)
    expect(result).toMatchObject({ requestedOffset: 4, lowWatermark: 4, error: null })
    expect([2, 3].map((id) => sim.logOf(id).logStartOffset)).toEqual([4, 4])
    // Reads below the log start offset are out of range; the records from it on are still there.
    const [read] = await sim.leaderManager!.fetchMessages(
      { replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20 },
      [
        {
          topicId: TOPIC_ID,
          partition: 0,
          fetchOffset: 2,
          currentLeaderEpoch: -1,
          lastFetchedEpoch: -1,
          logStartOffset: -1,
          partitionMaxBytes: 1 << 20,
        },
      ],
    )
    expect(read).toMatchObject({ error: 'OFFSET_OUT_OF_RANGE', logStartOffset: -1 })
  })

  it('takes -1 as the high watermark and refuses an offset past it or a negative one', async () => {
    const sim = await cluster()
    await produce(sim, tenValues)
    const [all] = await sim.settle(deleteRecords(sim, -1))
    expect(all).toMatchObject({ requestedOffset: 10, lowWatermark: 10, error: null })
    const [past] = await sim.settle(deleteRecords(sim, 11))
    expect(past).toMatchObject({ lowWatermark: -1, error: 'OFFSET_OUT_OF_RANGE' })
    const [negative] = await sim.settle(deleteRecords(sim, -2))
    expect(negative).toMatchObject({ lowWatermark: -1, error: 'OFFSET_OUT_OF_RANGE' })
    // An offset at or below the log start offset changes nothing and answers at once.
    const [again] = await sim.settle(deleteRecords(sim, 3))
    expect(again).toMatchObject({ requestedOffset: 3, lowWatermark: 10, error: null })
  })

  it('refuses a topic whose cleanup.policy has no delete', async () => {
    const sim = await cluster()
    await produce(sim, tenValues)
    const log = sim.logOf(1)
    log.config = { ...log.config, deletePolicy: false }
    const [result] = await sim.settle(deleteRecords(sim, 5))
    expect(result).toMatchObject({ error: 'POLICY_VIOLATION', lowWatermark: -1 })
    expect(log.logStartOffset).toBe(0)
  })

  it('waits for a paused follower until the request times out', async () => {
    const sim = await cluster()
    await produce(sim, tenValues)
    sim.network.pause(3)
    const [result] = await sim.settle(deleteRecords(sim, 6, 5_000))
    expect(result).toMatchObject({ error: 'REQUEST_TIMED_OUT', requestedOffset: 6 })
    expect(sim.logOf(2).logStartOffset).toBe(6)
    expect(sim.logOf(3).logStartOffset).toBe(0)
    sim.network.resume(3)
    await sim.step(2_000)
    expect(sim.logOf(3).logStartOffset).toBe(6)
  })

  it('does not wait for a stopped follower, which starts over at the log start offset when it returns', async () => {
    const sim = await cluster()
    await produce(sim, tenValues)
    sim.stop(3)
    await produce(sim, ['x', 'y', 'z'])
    const [result] = await sim.settle(deleteRecords(sim, -1))
    expect(result).toMatchObject({ lowWatermark: 13, error: null })
    expect(sim.logOf(3).logEndOffset).toBe(10)
    sim.start(3)
    await sim.step(40_000)
    const follower = sim.logOf(3)
    expect([follower.logStartOffset, follower.logEndOffset]).toEqual([13, 13])
    expect(sim.registration.isr).toContain(3)
    await produce(sim, ['after'])
    await sim.step(1_000)
    // Nothing of the deleted records is left on broker 3: its log holds only what came after.
    expect(sim.values(3)).toEqual(['after'])
  })

  it('leaves segments below the log start offset to the retention check', async () => {
    const sim = await cluster()
    // One batch of 3 records per segment: segments at 0, 3, 6 and 9.
    for (const id of [1, 2, 3]) sim.logOf(id).config = { segmentBytes: 100 }
    for (let i = 0; i < 4; i++) await produce(sim, [`a${i}`, `b${i}`, `c${i}`])
    const leader = sim.logOf(1)
    expect(leader.segmentCount).toBe(4)
    await sim.settle(deleteRecords(sim, 7))
    expect(leader.segmentCount).toBe(4)
    leader.pendingFlush.takeDeletedSegments()
    // The segments wholly below offset 7 go; the one holding 7 stays, and reads start at 7.
    expect(leader.deleteOldSegments(sim.queue.now())).toBe(2)
    expect(leader.pendingFlush.takeDeletedSegments()).toEqual([0, 3])
    expect(leader.logStartOffset).toBe(7)
    expect(leader.isOutOfRange(6)).toBe(true)
  })
})
