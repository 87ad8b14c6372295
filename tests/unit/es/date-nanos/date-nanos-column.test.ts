// date_nanos values in the index engine's float64 column (date-nanos-field.ts's sortable doubles): range queries
// one nanosecond apart stay exact through flushes, merges and a segment reload, and a segment image takes exactly
// the bytes the same documents take as a date field's epoch millis.
import { describe, expect, it } from 'vitest'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { MAX_NANOSECOND } from '../../../../workers/es/common/time/index.ts'
import { sortableDouble } from '../../../../workers/es/index/mapper/date-nanos-field.ts'
import type { InvertedIndex } from '../../../../engine-wasm/src/index/index.ts'

const NANOS = [
  1540815132123456788n,
  1540815132123456789n,
  1540815132123456790n,
  MAX_NANOSECOND - 1n,
  MAX_NANOSECOND,
  0n,
  1n,
]

function addValues(index: InvertedIndex, values: readonly number[], firstDoc: number): void {
  index.addDocuments(
    values.map((value, i) => ({
      docId: firstDoc + i,
      fields: [{ field: 'ts', tokens: [], values: [value], norms: false }],
    })),
  )
}

function matching(index: InvertedIndex, lower: bigint, upper: bigint): number[] {
  const query = {
    type: 'numericRange' as const,
    field: 'ts',
    lower: sortableDouble(lower),
    upper: sortableDouble(upper),
    boost: 1,
  }
  return index
    .search(query, 100)
    .scoreDocs.map((hit) => hit.docId)
    .sort((a, b) => a - b)
}

describe('date_nanos in the numeric column', () => {
  it('answers ranges to the nanosecond across segments, a merge and a reload', async () => {
    const engine = await loadEngine()
    const index = engine.newIndex()
    addValues(index, NANOS.slice(0, 4).map(sortableDouble), 0)
    addValues(index, NANOS.slice(4).map(sortableDouble), 4)
    const check = (target: InvertedIndex): void => {
      expect(matching(target, 1540815132123456789n, 1540815132123456789n)).toEqual([1])
      expect(matching(target, 1540815132123456789n, MAX_NANOSECOND - 1n)).toEqual([1, 2, 3])
      expect(matching(target, MAX_NANOSECOND, MAX_NANOSECOND)).toEqual([4])
      expect(matching(target, 0n, 0n)).toEqual([5])
      expect(matching(target, 1n, 1540815132123456788n)).toEqual([0, 6])
    }
    check(index)
    index.merge([0, 1])
    expect(index.segments().length).toBe(1)
    check(index)
    const reloaded = engine.newIndex()
    expect(reloaded.loadSegment(index.segmentImage(0))).toBe(true)
    check(reloaded)
  })

  it('takes the bytes a date field takes for the same documents', async () => {
    const engine = await loadEngine()
    const image = (values: readonly number[]): number => {
      const index = engine.newIndex()
      addValues(index, values, 0)
      return index.segmentImage(0).length
    }
    const nanos = Array.from({ length: 1000 }, (_, i) => 1540815132123456789n + BigInt(i) * 1_000_001n)
    const millis = nanos.map((n) => Number(n / 1_000_000n))
    expect(image(nanos.map(sortableDouble))).toBe(image(millis))
  })
})
