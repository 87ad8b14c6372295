// A segment of several megabytes, whose batches straddle the pages log.wasm keeps a segment's .log in
// (256 KiB; one batch spans three pages): every read, timestamp lookup, truncation and recovery must see
// the same bytes, offsets and indexes as over one run of bytes, as the naive models compute them.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine, LogSegment } from '../../../../engine-wasm/src/log/index.ts'
import { appendIndexes, recoverIndexes } from './index-model.ts'
import { concat, expectSameBytes, loadLogEngine, sizedRecord } from './log-fixtures.ts'
import { type ModelBatch, appendAll } from './segment-model.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const BASE = 1_000

/**
 * ~3.6 MB in 60 appends of 1-3 batches of 2 records, values 1-64 KiB of varied sizes (so batch ends fall
 * at every position of a page), one batch of 600 KiB; record k of the segment has timestamp 10 × k.
 */
function multiPageSegment(): { segment: LogSegment; appends: ModelBatch[][]; batches: ModelBatch[] } {
  const segment = engine.newSegment(BASE)
  let record = 0
  const appends = Array.from({ length: 60 }, (_, a) =>
    Array.from({ length: 1 + (a % 3) }, (_, b) => {
      const size = a === 17 && b === 1 ? 600 * 1024 : 1024 + ((a * 7919 + b * 104_729) % 64_512)
      return [sizedRecord(10 * record++, size, 0x61 + (a % 26)), sizedRecord(10 * record++, 37)]
    }),
  )
  const grouped = appendAll(engine, segment, appends)
  return { segment, appends: grouped, batches: grouped.flat() }
}

/** Position of each batch in the segment's .log. */
function positions(batches: readonly ModelBatch[]): number[] {
  let at = 0
  return batches.map((batch) => ((at += batch.size), at - batch.size))
}

describe('LogSegment over pages', () => {
  it('holds and hands out the bytes and indexes of one run of batches', () => {
    const { segment, appends, batches } = multiPageSegment()
    const bytes = concat(batches.map((batch) => batch.bytes))
    expect(bytes.length).toBeGreaterThan(3_000_000)
    expectSameBytes(segment.logBytes(), bytes)
    for (const from of [1, 262_143, 262_144, 262_145, 524_288 + 13, bytes.length - 1, bytes.length]) {
      expectSameBytes(segment.logBytes(from), bytes.subarray(from))
    }
    const indexes = appendIndexes(BASE, appends)
    expectSameBytes(segment.offsetIndexBytes(), indexes.offsetIndex)
    expectSameBytes(segment.timeIndexBytes(), indexes.timeIndex)
    segment.free()
  })

  it('reads whole batches from any offset, and finds every record by its timestamp', () => {
    const { segment, batches } = multiPageSegment()
    const at = positions(batches)
    const bytes = concat(batches.map((batch) => batch.bytes))
    batches.forEach((batch, i) => {
      for (const offset of [batch.firstOffset, batch.lastOffset]) {
        expectSameBytes(segment.read(offset, 1), batch.bytes)
        const next = batches[i + 1]
        const two = batch.size + (next?.size ?? 0)
        expectSameBytes(segment.read(offset, two), bytes.subarray(at[i], (at[i] ?? 0) + two))
        expect(segment.offsetForTimestamp(10 * (offset - BASE))).toBe(offset)
        expect(segment.offsetForTimestamp(10 * (offset - BASE) - 5)).toBe(offset)
      }
    })
    expect(segment.offsetForTimestamp(10 * (segment.nextOffset - BASE))).toBeNull()
    segment.free()
  })

  it('truncates inside any page and appends on from there', () => {
    const { batches } = multiPageSegment()
    for (const cut of [3, 30, 31, 32, 70, batches.length - 1]) {
      const { segment } = multiPageSegment()
      const target = batches[cut]?.firstOffset ?? 0
      const kept = batches.slice(0, cut)
      const keptBytes = concat(kept.map((batch) => batch.bytes))
      expect(segment.truncateTo(target + 1)).toBe(
        batches.slice(cut).reduce((sum, batch) => sum + batch.size, 0),
      )
      expectSameBytes(segment.logBytes(), keptBytes)
      const indexes = recoverIndexes(BASE, kept)
      expectSameBytes(segment.offsetIndexBytes(), indexes.offsetIndex)
      expectSameBytes(segment.timeIndexBytes(), indexes.timeIndex)
      const [again] = appendAll(engine, segment, [[[sizedRecord(1, 300_000)]]])
      expect(again?.[0]?.firstOffset).toBe(target)
      expectSameBytes(segment.logBytes(), concat([keptBytes, ...(again ?? []).map((batch) => batch.bytes)]))
      segment.free()
    }
  })

  it('recovers the whole batches of stored bytes cut anywhere, across pages', () => {
    const { segment, batches } = multiPageSegment()
    const bytes = segment.logBytes()
    segment.free()
    const ends = positions(batches).map((at, i) => at + (batches[i]?.size ?? 0))
    for (const cut of [
      bytes.length,
      bytes.length - 1,
      ends[40] ?? 0,
      (ends[40] ?? 0) + 11,
      (ends[20] ?? 0) - 1,
    ]) {
      const keptCount = ends.filter((end) => end <= cut).length
      const kept = batches.slice(0, keptCount)
      const recovered = engine.recoverSegment(BASE, bytes.subarray(0, cut))
      expect(recovered.truncatedBytes).toBe(cut - (ends[keptCount - 1] ?? 0))
      expectSameBytes(recovered.segment.logBytes(), bytes.subarray(0, ends[keptCount - 1]))
      const indexes = recoverIndexes(BASE, kept)
      expectSameBytes(recovered.segment.offsetIndexBytes(), indexes.offsetIndex)
      expectSameBytes(recovered.segment.timeIndexBytes(), indexes.timeIndex)
      expect(recovered.segment.nextOffset).toBe((kept.at(-1)?.lastOffset ?? BASE - 1) + 1)
      recovered.segment.free()
    }
  })
})
