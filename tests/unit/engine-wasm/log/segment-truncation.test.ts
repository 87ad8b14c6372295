// LogSegment.truncateTo against the naive segment model: the kept batches are exactly those whose lastOffset
// lies below the target, their bytes are unchanged, the indexes equal a recovery over them, and appends
// continue from the new next offset.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { recoverIndexes } from './index-model.ts'
import { concat, expectSameBytes, loadLogEngine, sizedRecord, withBaseOffset } from './log-fixtures.ts'
import { appendAll, appendsArbitrary } from './segment-model.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

describe('LogSegment.truncateTo', () => {
  it('keeps the batches below the target, with the bytes, offsets and indexes of a recovery over them', () => {
    fc.assert(
      fc.property(
        appendsArbitrary,
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: -2, max: 60 }),
        (appends, base, relativeTarget) => {
          const segment = engine.newSegment(base)
          const batches = appendAll(engine, segment, appends).flat()
          const sizeBefore = segment.sizeInBytes
          const target = base + relativeTarget
          const kept = batches.filter((batch) => batch.lastOffset < target)
          const dropped = sizeBefore - kept.reduce((sum, batch) => sum + batch.size, 0)
          expect(segment.truncateTo(target)).toBe(dropped)
          expectSameBytes(segment.logBytes(), concat(kept.map((batch) => batch.bytes)))
          expect(segment.nextOffset).toBe((kept.at(-1)?.lastOffset ?? base - 1) + 1)
          if (dropped > 0) {
            const indexes = recoverIndexes(base, kept)
            expectSameBytes(segment.offsetIndexBytes(), indexes.offsetIndex)
            expectSameBytes(segment.timeIndexBytes(), indexes.timeIndex)
            expect(segment.maxTimestamp).toBe(Math.max(-1, ...kept.map((batch) => batch.maxTimestamp)))
          }
          segment.free()
        },
      ),
      { numRuns: 60 },
    )
  })

  it('changes nothing at or past the next offset, and empties the segment at or below its base', () => {
    const segment = engine.newSegment(10)
    appendAll(engine, segment, [[[sizedRecord(5, 100), sizedRecord(7, 100)]], [[sizedRecord(9, 5_000)]]])
    const bytes = segment.logBytes()
    const index = segment.offsetIndexBytes()
    expect(segment.truncateTo(13)).toBe(0)
    expect(segment.truncateTo(100)).toBe(0)
    expect(segment.logBytes()).toEqual(bytes)
    expect(segment.offsetIndexBytes()).toEqual(index)
    expect(segment.truncateTo(10)).toBe(bytes.length)
    expect(segment.sizeInBytes).toBe(0)
    expect(segment.nextOffset).toBe(10)
    expect(segment.maxTimestamp).toBe(-1)
    expect(segment.offsetIndexBytes().length).toBe(0)
    expect(segment.timeIndexBytes().length).toBe(0)
    segment.free()
  })

  it('drops the whole batch holding the target offset, and later appends take the freed offsets', () => {
    const segment = engine.newSegment(0)
    const [first, second] = appendAll(engine, segment, [
      [[sizedRecord(1, 10), sizedRecord(2, 10)]],
      [[sizedRecord(3, 10), sizedRecord(4, 10), sizedRecord(5, 10)]],
    ])
    expect(segment.nextOffset).toBe(5)
    // Offset 3 lies inside the second batch (offsets 2..4): that batch goes entirely.
    expect(segment.truncateTo(3)).toBe(second?.[0]?.size)
    expect(segment.nextOffset).toBe(2)
    expect(segment.read(0, 1 << 20)).toEqual(first?.[0]?.bytes)
    const again = engine.encodeBatch([sizedRecord(8, 20)])
    expect(segment.append(again)).toMatchObject({ firstOffset: 2, lastOffset: 2 })
    expect(segment.read(2, 1 << 20)).toEqual(withBaseOffset(again, 2))
    expect(segment.maxTimestamp).toBe(8)
    segment.free()
  })
})
