// KafkaApis' ListOffsets special timestamps (-3 max-timestamp, -4 earliest-local, -5 latest-tiered),
// ElectLeaders forwarded to the controller (ReplicationControlManager.electLeaders: ELECTION_NOT_NEEDED,
// "No such topic as x", every partition when none are named) and DescribeLogDirs (one log dir per broker,
// sizes in bytes of whole batches, offsetLag = max(HW - LEO, 0)) on simulated KRaft clusters.
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import {
  EARLIEST_LOCAL_TIMESTAMP,
  LATEST_TIERED_TIMESTAMP,
  MAX_TIMESTAMP,
} from '../../../../workers/protocol/kafka.ts'
import { logDirFor } from '../../../../workers/protocol/log-dirs.ts'
import { loadLogEngine, record, startCluster } from '../kafka-fixtures.ts'
import type { SimKafkaCluster } from './sim-kafka-cluster.ts'

let engine: LogEngine
const T = Date.UTC(2026, 0, 1)
beforeAll(async () => {
  engine = await loadLogEngine()
})

async function produce(cluster: SimKafkaCluster, topic: string, partition: number, timestamps: number[]) {
  const records = engine.encodeBatch(timestamps.map((ts, i) => record(`v${i}`, null, ts)))
  const {
    responses: [response],
  } = await cluster.run(cluster.server(1).api.produce(-1, 30_000, [{ topic, partition, records }]))
  expect(response!.error).toBeNull()
  return records.length
}

describe('ListOffsets special timestamps', () => {
  it('answers max-timestamp with the first record carrying the largest timestamp (property)', async () => {
    const cluster = await startCluster(1)
    const api = cluster.server(1).api
    await cluster.run(
      api.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 1, configs: {} }], false),
    )
    const empty = await cluster.run(api.listOffsets([{ topic: 't', partition: 0, timestamp: MAX_TIMESTAMP }]))
    expect(empty[0]).toMatchObject({ error: null, offset: -1, timestamp: -1 })
    const all: number[] = []
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 6 }),
        async (deltas) => {
          const batch = deltas.map((d) => T + 1_000 + d)
          await produce(cluster, 't', 0, batch)
          all.push(...batch)
          const max = Math.max(...all)
          const [answer] = await cluster.run(
            api.listOffsets([{ topic: 't', partition: 0, timestamp: MAX_TIMESTAMP }]),
          )
          expect(answer).toEqual({
            topic: 't',
            partition: 0,
            error: null,
            offset: all.indexOf(max),
            timestamp: max,
          })
        },
      ),
      { numRuns: 15 },
    )
    const [local, tiered] = await cluster.run(
      api.listOffsets([
        { topic: 't', partition: 0, timestamp: EARLIEST_LOCAL_TIMESTAMP },
        { topic: 't', partition: 0, timestamp: LATEST_TIERED_TIMESTAMP },
      ]),
    )
    expect(local).toMatchObject({ error: null, offset: 0 })
    expect(tiered).toMatchObject({ error: null, offset: -1, timestamp: -1 })
  })
})

describe('DescribeLogDirs', () => {
  it('lists every replica of the broker in its log dir with the bytes of its batches', async () => {
    const cluster = await startCluster(3)
    await cluster.advance(5_000)
    const api = (id: number) => cluster.server(id).api
    await cluster.run(
      api(1).createTopics(
        [
          { name: 'a', numPartitions: 2, replicationFactor: 3, configs: {} },
          { name: 'b', numPartitions: 1, replicationFactor: 1, configs: {} },
        ],
        false,
      ),
    )
    await cluster.advance(1_000)
    const leaderOfA0 = (await cluster.run(api(1).metadata(['a']))).topics[0]!.partitions[0]!.leader
    const bytes = await (async () => {
      const records = engine.encodeBatch([record('x', null, T + 1_000), record('y', null, T + 1_001)])
      await cluster.run(api(leaderOfA0).produce(-1, 30_000, [{ topic: 'a', partition: 0, records }]))
      return records.length
    })()
    await cluster.advance(2_000)
    for (const id of [1, 2, 3]) {
      const [dir] = await cluster.run(api(id).describeLogDirs(['a']))
      expect(dir!.logDir).toBe(logDirFor(id))
      expect(dir!.error).toBeNull()
      const replicas = [...dir!.replicas].sort((x, y) => x.partition - y.partition)
      expect(replicas).toEqual([
        { topic: 'a', partition: 0, size: bytes, offsetLag: 0, isFuture: false },
        { topic: 'a', partition: 1, size: 0, offsetLag: 0, isFuture: false },
      ])
    }
    const everything = (await Promise.all([1, 2, 3].map((id) => cluster.run(api(id).describeLogDirs(null)))))
      .flatMap((dirs) => dirs.flatMap((d) => d.replicas))
      .filter((r) => r.topic === 'b')
    expect(everything).toHaveLength(1)
  })
})

describe('ElectLeaders', () => {
  it('answers per partition as ReplicationControlManager.electLeaders does', async () => {
    const cluster = await startCluster(3)
    await cluster.advance(5_000)
    const api = cluster.server(1).api
    await cluster.run(
      api.createTopics([{ name: 'e', numPartitions: 3, replicationFactor: 3, configs: {} }], false),
    )
    await cluster.advance(1_000)
    const named = await cluster.run(
      api.electLeaders('PREFERRED', [
        { topic: 'e', partition: 0 },
        { topic: 'e', partition: 7 },
        { topic: 'nope', partition: 0 },
      ]),
    )
    expect(named).toEqual({
      error: null,
      results: [
        { topic: 'e', partition: 0, error: 'ELECTION_NOT_NEEDED', message: null },
        {
          topic: 'e',
          partition: 7,
          error: 'UNKNOWN_TOPIC_OR_PARTITION',
          message: 'No such partition as e-7',
        },
        {
          topic: 'nope',
          partition: 0,
          error: 'UNKNOWN_TOPIC_OR_PARTITION',
          message: 'No such topic as nope',
        },
      ],
    })
    const unclean = await cluster.run(api.electLeaders('UNCLEAN', [{ topic: 'e', partition: 1 }]))
    expect(unclean.results[0]!.error).toBe('ELECTION_NOT_NEEDED')
    // Nothing to do anywhere: asking for every partition answers none of them.
    expect(await cluster.run(api.electLeaders('PREFERRED', null))).toEqual({ error: null, results: [] })
  })

  it('moves leadership back to the preferred replica after it returns', async () => {
    const cluster = await startCluster(3)
    await cluster.advance(5_000)
    await cluster.run(
      cluster
        .server(1)
        .api.createTopics([{ name: 'p', numPartitions: 3, replicationFactor: 3, configs: {} }], false),
    )
    await cluster.advance(1_000)
    const preferredOf2 = (
      await cluster.run(cluster.server(1).api.metadata(['p']))
    ).topics[0]!.partitions.filter((p) => p.replicas[0] === 2).map((p) => p.partition)
    expect(preferredOf2.length).toBeGreaterThan(0)
    cluster.kill(2)
    await cluster.advance(15_000)
    await cluster.start(2)
    await cluster.advance(20_000)
    const answer = await cluster.run(cluster.server(1).api.electLeaders('PREFERRED', null))
    expect(answer.results.map((r) => [r.partition, r.error]).sort()).toEqual(
      preferredOf2.map((partition) => [partition, null]).sort(),
    )
    const after = (await cluster.run(cluster.server(3).api.metadata(['p']))).topics[0]!.partitions
    for (const partition of after) expect(partition.leader).toBe(partition.replicas[0])
  })
})
