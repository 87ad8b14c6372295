// Retention and segment rolls as Kafka 4.1's UnifiedLog and LogManager do them: deletableSegmentCount
// against a direct reading of deleteOldSegments' three passes (fast-check), and a 3-node cluster where a
// retention.ms altered at run time deletes the old segments on the leader and both followers at the first
// retention check (every log.retention.check.interval.ms = 300000), moving the log start offset and
// dropping the segments' stored chunks.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deletableSegmentCount, type SegmentSummary } from '../../../../workers/kafka/log/log-retention.ts'
import { record, startCluster } from '../kafka-fixtures.ts'

/** The oracle: each pass deletes the longest prefix of eligible segments its predicate accepts. */
function oracle(
  sizes: number[],
  stamps: number[],
  now: number,
  hw: number,
  ms: number,
  bytes: number,
): number {
  const segments = sizes.map((size, i) => ({ base: i * 10, size, stamp: stamps[i] ?? 0 }))
  const end = segments.length * 10
  const eligible = (i: number) =>
    (i + 1 < segments.length ? (i + 1) * 10 : end) <= hw &&
    !(i === segments.length - 1 && segments[i]!.size === 0)
  let start = 0
  if (bytes >= 0) {
    let diff = segments.reduce((sum, s) => sum + s.size, 0) - bytes
    while (start < segments.length && eligible(start) && diff - segments[start]!.size >= 0) {
      diff -= segments[start]!.size
      start++
    }
  }
  if (ms >= 0) while (start < segments.length && eligible(start) && now - segments[start]!.stamp > ms) start++
  return start
}

describe('deletableSegmentCount', () => {
  it('matches the three passes of deleteOldSegments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 100 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: -1, max: 60 }),
        fc.integer({ min: -1, max: 200 }),
        (pairs, now, hw, ms, bytes) => {
          const sizes = pairs.map(([size]) => size)
          const stamps = pairs.map(([, stamp]) => stamp)
          const summaries: SegmentSummary[] = pairs.map(([size, stamp], i) => ({
            baseOffset: i * 10,
            size,
            largestTimestamp: stamp,
            nextBaseOffset: i + 1 < pairs.length ? (i + 1) * 10 : null,
          }))
          const state = {
            now,
            logStartOffset: 0,
            highWatermark: hw,
            logEndOffset: pairs.length * 10,
            config: { deletePolicy: true, retentionMs: ms, retentionBytes: bytes },
          }
          expect(deletableSegmentCount(summaries, state)).toBe(oracle(sizes, stamps, now, hw, ms, bytes))
        },
      ),
    )
  })

  it('deletes below the log start offset even with cleanup.policy compact', () => {
    const segments: SegmentSummary[] = [
      { baseOffset: 0, size: 10, largestTimestamp: 0, nextBaseOffset: 5 },
      { baseOffset: 5, size: 10, largestTimestamp: 0, nextBaseOffset: null },
    ]
    const config = { deletePolicy: false, retentionMs: 0, retentionBytes: 0 }
    const state = { now: 100, logStartOffset: 5, highWatermark: 9, logEndOffset: 9, config }
    expect(deletableSegmentCount(segments, state)).toBe(1)
  })
})

describe('retention in a cluster', () => {
  it('an altered retention.ms deletes old segments on every replica at the next check', async () => {
    const cluster = await startCluster(3)
    await cluster.advance(5_000)
    const api = cluster.server(1).api
    await cluster.run(
      api.createTopics(
        [{ name: 't', numPartitions: 1, replicationFactor: 3, configs: { 'segment.bytes': '100' } }],
        false,
      ),
    )
    // CreateTopics answers once the controller committed the topic; the leader learns of it a little later.
    await cluster.advance(1_000)
    const leaderId = cluster.server(1).metadata.topic('t')!.partitions.get(0)!.leader
    const produce = async (value: string) => {
      const records = cluster.engine.encodeBatch([record(value, null, cluster.queue.now())])
      const {
        responses: [answer],
      } = await cluster.run(
        cluster.server(leaderId).api.produce(-1, 5_000, [{ topic: 't', partition: 0, records }]),
      )
      expect(answer!.error).toBeNull()
    }
    for (const value of ['old-1', 'old-2', 'old-3']) await produce(value)
    await cluster.advance(600_000)
    for (const value of ['new-1', 'new-2']) await produce(value)
    await cluster.advance(1_000)
    const [altered] = await cluster.run(
      api.incrementalAlterConfigs(
        [
          {
            resource: { type: 'topic', name: 't' },
            ops: [{ op: 'SET', name: 'retention.ms', value: '300000' }],
          },
        ],
        false,
      ),
    )
    expect(altered!.error).toBeNull()
    const earliest = async (id: number) =>
      (
        await cluster.run(
          cluster.server(id).api.fetch([{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }]),
        )
      ).responses[0]!
    expect((await earliest(leaderId)).logStartOffset).toBe(0)
    await cluster.advance(300_000)
    const answer = await earliest(leaderId)
    expect(answer.error).toBe('OFFSET_OUT_OF_RANGE')
    const [start] = await cluster.run(
      cluster.server(leaderId).api.listOffsets([{ topic: 't', partition: 0, timestamp: -2 }]),
    )
    expect(start!.offset).toBe(3)
    for (const id of [1, 2, 3]) {
      const keys = await cluster.storage(id).keys('kafka', 'log/')
      const bases = new Set(keys.map((key) => Number(key.split('/')[3])))
      expect([...bases].sort((a, b) => a - b)).toEqual([3, 4])
    }
  })
})
