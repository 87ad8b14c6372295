// LeaderEpochCache against the cases of Kafka's LeaderEpochFileCacheTest (endOffsetFor, assign, truncation)
// and UnifiedLog's replication additions: epoch stamping, follower appends at the leader's offsets,
// truncation across segments, the cache rebuilt from a loaded log's batches.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { UnexpectedAppendOffsetError, UnifiedLog } from '../../../../workers/kafka/log/unified-log.ts'
import { LeaderEpochCache } from '../../../../workers/kafka/replication/leader-epoch-cache.ts'
import { truncationOffset } from '../../../../workers/kafka/replication/replica-fetcher.ts'
import { decodeValues, loadLogEngine, record } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

function cache(entries: [number, number][]): LeaderEpochCache {
  const built = new LeaderEpochCache()
  for (const [epoch, start] of entries) built.assign(epoch, start)
  return built
}

describe('LeaderEpochCache', () => {
  it('answers endOffsetFor as LeaderEpochFileCache does', () => {
    const c = cache([
      [2, 6],
      [3, 8],
      [5, 11],
    ])
    expect(c.endOffsetFor(5, 20)).toEqual({ epoch: 5, endOffset: 20 })
    expect(c.endOffsetFor(3, 20)).toEqual({ epoch: 3, endOffset: 11 })
    expect(c.endOffsetFor(4, 20)).toEqual({ epoch: 3, endOffset: 11 })
    expect(c.endOffsetFor(1, 20)).toEqual({ epoch: 1, endOffset: 6 })
    expect(c.endOffsetFor(6, 20)).toEqual({ epoch: -1, endOffset: -1 })
    expect(c.endOffsetFor(-1, 20)).toEqual({ epoch: -1, endOffset: -1 })
    expect(new LeaderEpochCache().endOffsetFor(0, 0)).toEqual({ epoch: -1, endOffset: -1 })
  })

  it('keeps both columns increasing: a new entry removes the ones it contradicts', () => {
    const c = cache([
      [2, 6],
      [3, 8],
    ])
    c.assign(3, 9)
    expect(c.epochEntries()).toEqual([
      { epoch: 2, startOffset: 6 },
      { epoch: 3, startOffset: 8 },
    ])
    c.assign(4, 7)
    expect(c.epochEntries()).toEqual([
      { epoch: 2, startOffset: 6 },
      { epoch: 4, startOffset: 7 },
    ])
    c.truncateFromEnd(7)
    expect(c.latestEpoch).toBe(2)
  })
})

describe('UnifiedLog replication', () => {
  const batch = (...values: string[]): Uint8Array => engine.encodeBatch(values.map((v) => record(v)))

  it('stamps the leader epoch, copies batches to a follower at the same offsets, and truncates', () => {
    const leader = new UnifiedLog(engine, { segmentBytes: 200 })
    leader.appendAsLeader(batch('a', 'b'), 0)
    leader.assignEpochStartOffset(3, leader.logEndOffset)
    for (const v of ['c', 'd', 'e']) leader.appendAsLeader(batch(v.repeat(80)), 3)
    expect(leader.segmentCount).toBeGreaterThan(1)
    expect(engine.decodeBatches(leader.read(0, 1 << 20, 2))[0]?.partitionLeaderEpoch).toBe(0)
    expect(leader.endOffsetForEpoch(0)).toEqual({ epoch: 0, endOffset: 2 })
    const follower = new UnifiedLog(engine, { segmentBytes: 200 })
    for (let offset = 0; offset < leader.logEndOffset;) {
      const bytes = leader.read(offset, 1, leader.logEndOffset)
      follower.appendAsFollower(bytes)
      offset = follower.logEndOffset
    }
    expect(follower.latestEpoch).toBe(3)
    expect(() => follower.appendAsFollower(leader.read(0, 1, 5))).toThrow(UnexpectedAppendOffsetError)
    follower.highWatermark = 5
    follower.truncateTo(2)
    expect(follower.logEndOffset).toBe(2)
    expect(follower.highWatermark).toBe(2)
    expect(follower.latestEpoch).toBe(0)
    expect(follower.segmentCount).toBe(1)
    expect(decodeValues(engine, follower.read(0, 1 << 20, 2))).toEqual([
      [0, 'a'],
      [1, 'b'],
    ])
    expect(follower.pendingFlush.takeTruncations()).toEqual([
      { segmentBaseOffset: 0, size: follower.pendingFlush.takeUnflushed()[0]?.bytes.length },
    ])
    expect(follower.pendingFlush.takeTruncations()).toEqual([])
  })

  it('rebuilds the epoch cache from the batches of a loaded log', () => {
    const leader = new UnifiedLog(engine, { segmentBytes: 1 << 20 })
    leader.appendAsLeader(batch('a'), 1)
    leader.appendAsLeader(batch('b', 'c'), 4)
    const segment = engine.recoverSegment(0, leader.pendingFlush.takeUnflushed()[0]!.bytes).segment
    const loaded = new UnifiedLog(engine, { segmentBytes: 1 << 20 }, [segment])
    expect(loaded.endOffsetForEpoch(1)).toEqual({ epoch: 1, endOffset: 1 })
    expect(loaded.endOffsetForEpoch(4)).toEqual({ epoch: 4, endOffset: 3 })
  })

  it('truncates a divergent follower to what it holds of the leader epoch', () => {
    const follower = new UnifiedLog(engine, { segmentBytes: 1 << 20 })
    follower.appendAsLeader(batch('a', 'b'), 0)
    follower.appendAsLeader(batch('c'), 1)
    follower.appendAsLeader(batch('d'), 2)
    follower.highWatermark = 2
    // The leader's epoch 1 ends at 3: the follower keeps its epoch-1 data up to there.
    expect(truncationOffset(follower, { epoch: 1, endOffset: 3 })).toBe(3)
    // The leader never saw epoch 2; its largest epoch at or below is 1, ending at 2.
    expect(truncationOffset(follower, { epoch: 1, endOffset: 2 })).toBe(2)
    // An epoch the follower never had: keep up to where its next epoch starts.
    expect(truncationOffset(follower, { epoch: 0, endOffset: 10 })).toBe(2)
    expect(truncationOffset(follower, { epoch: -1, endOffset: -1 })).toBe(2)
  })
})
