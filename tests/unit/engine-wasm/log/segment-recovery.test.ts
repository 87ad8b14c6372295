// LogEngine.recoverSegment against LogSegment.recover: keep the longest prefix of whole valid batches,
// report the bytes dropped, rebuild both indexes per batch and index the largest timestamp at the end.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { recoverIndexes } from './index-model.ts'
import { concat, expectSameBytes, loadLogEngine, sizedRecord, withBaseOffset } from './log-fixtures.ts'
import { type ModelBatch, appendAll, appendsArbitrary } from './segment-model.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

/** A segment of ~13 KB in 9 appends, some of several batches; returns its bytes and its batches. */
function builtSegment(base: number): { bytes: Uint8Array; batches: ModelBatch[] } {
  const segment = engine.newSegment(base)
  const appends = [1, 2, 1, 3, 1, 1, 2, 1, 1].map((batchCount, a) =>
    Array.from({ length: batchCount }, (_, b) => [
      sizedRecord(a * 10 + b, 300 + 97 * b),
      sizedRecord(a, 500),
    ]),
  )
  const batches = appendAll(engine, segment, appends).flat()
  const bytes = segment.logBytes()
  segment.free()
  return { bytes, batches }
}

describe('recoverSegment', () => {
  it('keeps exactly the whole batches before the cut, for every truncation length', () => {
    const base = 50
    const { bytes, batches } = builtSegment(base)
    // What a recovery must leave depends only on how many whole batches the cut keeps: one expectation each.
    const expectations = batches.map((_, count) => {
      const kept = batches.slice(0, count)
      return { kept, validBytes: endOf(batches, kept.at(-1)), indexes: recoverIndexes(base, kept) }
    })
    expectations.push({ kept: batches, validBytes: bytes.length, indexes: recoverIndexes(base, batches) })
    let keptCount = 0
    for (let cut = 0; cut <= bytes.length; cut++) {
      while (keptCount < batches.length && endOf(batches, batches[keptCount]) <= cut) keptCount++
      const { kept, validBytes, indexes } = expectations[keptCount] ?? expect.unreachable()
      const { segment, truncatedBytes } = engine.recoverSegment(base, bytes.subarray(0, cut))
      expect(truncatedBytes).toBe(cut - validBytes)
      expect(segment.sizeInBytes).toBe(validBytes)
      expect(segment.nextOffset).toBe((kept.at(-1)?.lastOffset ?? base - 1) + 1)
      expectSameBytes(segment.offsetIndexBytes(), indexes.offsetIndex)
      expectSameBytes(segment.timeIndexBytes(), indexes.timeIndex)
      if (cut === bytes.length || cut % 997 === 0)
        expectSameBytes(segment.logBytes(), bytes.subarray(0, validBytes))
      segment.free()
    }
  })

  it('stops at the first batch with a flipped byte', () => {
    const { bytes, batches } = builtSegment(0)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (i) => {
        const batch = batches.findIndex((candidate) => endOf(batches, candidate) > i)
        const start = endOf(batches, batches[batch - 1])
        fc.pre(i - start >= 16 || (i - start >= 8 && i - start < 12))
        const corrupt = bytes.slice()
        corrupt[i] = (corrupt[i] ?? 0) ^ 0x10
        const { segment, truncatedBytes } = engine.recoverSegment(0, corrupt)
        expect(segment.sizeInBytes).toBe(start)
        expect(truncatedBytes).toBe(bytes.length - start)
        segment.free()
      }),
      { numRuns: 200 },
    )
  })

  it('rebuilds the offset index that appends built, one batch per append', () => {
    fc.assert(
      fc.property(appendsArbitrary, (appends) => {
        const segment = engine.newSegment(7)
        appendAll(
          engine,
          segment,
          appends.flat().map((batch) => [batch]),
        )
        const recovered = engine.recoverSegment(7, segment.logBytes())
        expect(recovered.truncatedBytes).toBe(0)
        expect(recovered.segment.offsetIndexBytes()).toEqual(segment.offsetIndexBytes())
        expect([recovered.segment.nextOffset, recovered.segment.maxTimestamp]).toEqual([
          segment.nextOffset,
          segment.maxTimestamp,
        ])
        recovered.segment.free()
        segment.free()
      }),
      { numRuns: 60 },
    )
  })

  it('drops batches whose offsets go backwards, and appends after the recovered end', () => {
    const one = engine.encodeBatch([sizedRecord(1, 10), sizedRecord(2, 10)])
    const bytes = concat([withBaseOffset(one, 10), withBaseOffset(one, 20), withBaseOffset(one, 21)])
    const { segment, truncatedBytes } = engine.recoverSegment(10, bytes)
    expect([truncatedBytes, segment.nextOffset]).toEqual([one.length, 22])
    expect(segment.append(one).firstOffset).toBe(22)
    segment.free()
    expect(engine.recoverSegment(11, withBaseOffset(one, 10)).truncatedBytes).toBe(one.length)
  })
})

function endOf(batches: readonly ModelBatch[], batch: ModelBatch | undefined): number {
  if (batch === undefined) return 0
  return batches.slice(0, batches.indexOf(batch) + 1).reduce((sum, b) => sum + b.size, 0)
}
