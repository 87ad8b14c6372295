// Log compaction as Kafka 4.1's Cleaner does it, on hand-made logs: exactly which offsets survive, the
// delete horizon of tombstones (KIP-534: stamped by the first round that keeps them, now +
// delete.retention.ms; removed by the first round at or past it), grouping into segment.bytes, reads and
// follower appends across the gaps compaction leaves, and the refusal of keyless records.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { groupSegmentsBySize } from '../../../../workers/kafka/log/cleaner.ts'
import { RecordValidationError } from '../../../../workers/kafka/log/log-validator.ts'
import { UnifiedLog } from '../../../../workers/kafka/log/unified-log.ts'
import { loadLogEngine, record } from '../kafka-fixtures.ts'
import { appendBatches, cleanOnce, compactedLog, consume, keyed } from './compaction-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const single = (...specs: string[]) => specs.map((spec) => [keyed(spec)])

describe('Cleaner', () => {
  it('keeps the latest record of each key and the tombstone of a, with their offsets', () => {
    const log = compactedLog(engine)
    appendBatches(engine, log, single('a=1', 'b=1', 'a=2', 'c=1', 'b=2', 'a=', 'd=1', 'e=1'))
    expect(cleanOnce(engine, log, 10_000)).toBe(7)
    expect(consume(engine, log)).toEqual([
      [3, 'c', '1'],
      [4, 'b', '2'],
      [5, 'a', null],
      [6, 'd', '1'],
      [7, 'e', '1'],
    ])
    expect([log.logStartOffset, log.logEndOffset]).toEqual([0, 8])
  })

  it('rewrites a batch that loses records into runs of consecutive offsets', () => {
    const log = compactedLog(engine)
    appendBatches(engine, log, [
      ['a=1', 'b=1', 'c=1', 'a=2'].map((s) => keyed(s)),
      [keyed('b=2')],
      [keyed('z=1')],
    ])
    cleanOnce(engine, log, 10_000)
    const batches = engine.decodeBatches(log.read(0, 1 << 20, log.logEndOffset))
    expect(batches.map((b) => [b.baseOffset, b.lastOffset])).toEqual([[2, 3]])
    expect(consume(engine, log).map(([offset]) => offset)).toEqual([2, 3, 4, 5])
  })

  it('copies a batch that keeps every record byte for byte', () => {
    const log = compactedLog(engine)
    appendBatches(engine, log, single('a=1', 'b=1', 'a=2', 'z=1'))
    const before = log.read(1, 1 << 20, 2)
    cleanOnce(engine, log, 10_000)
    expect(log.read(1, 1 << 20, 2)).toEqual(before)
  })

  it('stamps the delete horizon on the first round that keeps a tombstone and removes it at the horizon', () => {
    const log = compactedLog(engine, { deleteRetentionMs: 1_000, minCleanableRatio: 0.01 })
    appendBatches(engine, log, single('a=1', 'a=', 'b=1'))
    const first = cleanOnce(engine, log, 10_000)!
    const [tombstone] = engine.decodeBatches(log.read(1, 1 << 20, 2))
    expect(tombstone!.attributes & 0x40).toBe(0x40)
    expect(tombstone!.baseTimestamp).toBe(11_000)
    expect(tombstone!.records[0]!.timestamp).toBe(1_000)
    appendBatches(engine, log, single('c=1'))
    const second = cleanOnce(engine, log, 10_999, first)!
    expect(consume(engine, log).map(([o, k, v]) => `${o}:${k}=${v}`)).toEqual(['1:a=null', '2:b=1', '3:c=1'])
    appendBatches(engine, log, single('d=1'))
    cleanOnce(engine, log, 11_000, second)
    expect(consume(engine, log).map(([o, k, v]) => `${o}:${k}=${v}`)).toEqual(['2:b=1', '3:c=1', '4:d=1'])
  })

  it('keeps a tombstone whose horizon has passed when no round runs (nothing dirty)', () => {
    const log = compactedLog(engine, { deleteRetentionMs: 0 })
    appendBatches(engine, log, single('a=1', 'a=', 'b=1'))
    const checkpoint = cleanOnce(engine, log, 10_000)!
    expect(cleanOnce(engine, log, 99_000, checkpoint)).toBeNull()
    expect(consume(engine, log).map(([o]) => o)).toEqual([1, 2])
  })

  it('groups the cleaned segments up to segment.bytes into one segment', () => {
    const log = compactedLog(engine)
    appendBatches(engine, log, single('a=1', 'b=1', 'c=1', 'a=2', 'z=1'))
    log.config.segmentBytes = 1 << 20
    cleanOnce(engine, log, 10_000)
    expect(log.cleanable().segments.map((s) => s.baseOffset)).toEqual([0, 4])
    expect(consume(engine, log).map(([o]) => o)).toEqual([1, 2, 3, 4])
  })

  it('groups by size and int32 offset range as groupSegmentsBySize does', () => {
    const segment = (baseOffset: number, size: number) => ({
      baseOffset,
      size,
      largestTimestamp: 0,
      firstBatchTimestamp: 0,
    })
    const segments = [segment(0, 100), segment(10, 100), segment(20, 100), segment(30, 50), segment(40, 0)]
    const groups = groupSegmentsBySize(segments, 250, 50).map((g) => g.map((s) => s.baseOffset))
    expect(groups).toEqual([
      [0, 10],
      [20, 30, 40],
    ])
    const far = [segment(0, 10), segment(2 ** 31, 10), segment(2 ** 31 + 5, 0)]
    expect(groupSegmentsBySize(far, 1000, 2 ** 31 + 10).map((g) => g.map((s) => s.baseOffset))).toEqual([
      [0],
      [2 ** 31, 2 ** 31 + 5],
    ])
  })

  it('lets a follower append the cleaned leader log across its gaps', () => {
    const leader = compactedLog(engine)
    appendBatches(engine, leader, single('a=1', 'b=1', 'a=2', 'b=2', 'c=1', 'a=3'))
    cleanOnce(engine, leader, 10_000)
    const follower = new UnifiedLog(engine, { segmentBytes: 1 << 20, compact: true })
    for (let offset = 0; offset < leader.logEndOffset; offset = follower.logEndOffset) {
      follower.appendAsFollower(leader.read(offset, 100, leader.logEndOffset))
    }
    follower.highWatermark = follower.logEndOffset
    expect(consume(engine, follower)).toEqual(consume(engine, leader))
    expect(consume(engine, follower).map(([o]) => o)).toEqual([2, 3, 4, 5])
  })
})

describe('appendAsLeader on a compacted topic', () => {
  it('refuses records without a key with INVALID_RECORD and changes nothing', () => {
    const log = compactedLog(engine)
    const batch = engine.encodeBatch([keyed('a=1'), record('no key'), record('none either')])
    const error = (() => {
      try {
        log.appendAsLeader(batch, 0, 'orders-0')
      } catch (e) {
        return e
      }
      return null
    })()
    expect(error).toBeInstanceOf(RecordValidationError)
    const refused = error as RecordValidationError
    expect(refused.error).toBe('INVALID_RECORD')
    expect(refused.recordErrors.map((e) => e.batchIndex)).toEqual([1, 2])
    expect(refused.message).toBe(
      'One or more records have been rejected due to 2 record errors in total, and only showing the first ' +
        "three errors at most: [RecordError(batchIndex=1, message='Compacted topic cannot accept message " +
        "without key in topic partition orders-0'), RecordError(batchIndex=2, message='Compacted topic " +
        "cannot accept message without key in topic partition orders-0')]",
    )
    expect(log.logEndOffset).toBe(0)
  })

  it('accepts keyless records when cleanup.policy is delete', () => {
    const log = new UnifiedLog(engine, { segmentBytes: 1 << 20 })
    expect(log.appendAsLeader(engine.encodeBatch([record('no key')])).lastOffset).toBe(0)
  })
})
