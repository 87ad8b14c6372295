// Property tests of collection and reduce against naive oracles over random documents split across
// random shards: metric sums and extremes, histogram counts, and terms counts with their error bounds.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { aggregateObject, type Doc } from './fixture.ts'

const values = fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 3 })
const docsArb = fc.array(
  fc.record({ v: values, t: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h') }),
  { maxLength: 60 },
)

function split(docs: readonly Doc[], cuts: readonly number[]): Array<{ docs: Doc[] }> {
  const shards = [{ docs: [] as Doc[] }, { docs: [] as Doc[] }, { docs: [] as Doc[] }]
  docs.forEach((doc, i) => shards[(cuts[i % cuts.length] ?? 0) % 3]!.docs.push(doc))
  return shards
}

const cutsArb = fc.array(fc.nat(2), { minLength: 1, maxLength: 10 })

describe('metrics against a naive scan', () => {
  it('sum, min, max, avg, value_count and stats', () => {
    fc.assert(
      fc.property(docsArb, cutsArb, (docs, cuts) => {
        const all = docs.flatMap((d) => d.v)
        const out = aggregateObject(
          split(docs, cuts),
          { v: 'long' },
          '{"s":{"sum":{"field":"v"}},"lo":{"min":{"field":"v"}},"hi":{"max":{"field":"v"}},"a":{"avg":{"field":"v"}},"c":{"value_count":{"field":"v"}},"st":{"stats":{"field":"v"}}}',
        )
        const sum = all.reduce((a, b) => a + b, 0)
        expect(out['s']).toEqual({ value: sum })
        expect(out['lo']).toEqual({ value: all.length ? Math.min(...all) : null })
        expect(out['hi']).toEqual({ value: all.length ? Math.max(...all) : null })
        expect(out['a']).toEqual({ value: all.length ? sum / all.length : null })
        expect(out['c']).toEqual({ value: all.length })
        expect(out['st']).toMatchObject({ count: all.length, sum })
      }),
    )
  })
})

describe('histogram against a naive scan', () => {
  it('one bucket per interval from the first to the last key, each counting documents once', () => {
    fc.assert(
      fc.property(docsArb, cutsArb, fc.integer({ min: 1, max: 20 }), (docs, cuts, interval) => {
        const out = aggregateObject(
          split(docs, cuts),
          { v: 'long' },
          `{"h":{"histogram":{"field":"v","interval":${interval}}}}`,
        )
        const buckets = (out['h'] as { buckets: Array<{ key: number; doc_count: number }> }).buckets
        const keyOf = (x: number) => Math.floor(x / interval) * interval
        const all = docs.flatMap((d) => d.v)
        const first = keyOf(Math.min(...all))
        const last = keyOf(Math.max(...all))
        const keys =
          all.length === 0
            ? []
            : Array.from({ length: (last - first) / interval + 1 }, (_, i) => first + i * interval)
        expect(buckets.map((b) => b.key)).toEqual(keys)
        for (const b of buckets)
          expect(b.doc_count).toBe(docs.filter((d) => d.v.some((x) => keyOf(x) === b.key)).length)
      }),
    )
  })
})

type TermsOut = {
  doc_count_error_upper_bound: number
  sum_other_doc_count: number
  buckets: Array<{ key: string; doc_count: number; doc_count_error_upper_bound: number }>
}

describe('terms against exact counts', () => {
  it('one shard is exact: the top `size` by count then key, the rest in sum_other_doc_count', () => {
    fc.assert(
      fc.property(docsArb, fc.integer({ min: 1, max: 8 }), (docs, size) => {
        const out = aggregateObject(
          [{ docs }],
          { t: 'keyword' },
          `{"t":{"terms":{"field":"t","size":${size}}}}`,
        )['t'] as TermsOut
        const counts = new Map<string, number>()
        for (const d of docs) counts.set(d.t, (counts.get(d.t) ?? 0) + 1)
        const oracle = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        expect(out.buckets.map((b) => [b.key, b.doc_count])).toEqual(oracle.slice(0, size))
        expect(out.sum_other_doc_count).toBe(oracle.slice(size).reduce((n, [, c]) => n + c, 0))
        expect(out.doc_count_error_upper_bound).toBe(0)
      }),
    )
  })

  it('several shards: counts never overstate, and the error bounds hold', () => {
    fc.assert(
      fc.property(
        docsArb,
        cutsArb,
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        (docs, cuts, size, shardSize) => {
          const shards = split(docs, cuts)
          const out = aggregateObject(
            shards,
            { t: 'keyword' },
            `{"t":{"terms":{"field":"t","size":${size},"shard_size":${shardSize},"show_term_doc_count_error":true}}}`,
          )['t'] as TermsOut
          const truth = (key: string) => docs.filter((d) => d.t === key).length
          for (const b of out.buckets) {
            expect(b.doc_count).toBeLessThanOrEqual(truth(b.key))
            expect(truth(b.key) - b.doc_count).toBeLessThanOrEqual(b.doc_count_error_upper_bound)
            expect(truth(b.key) - b.doc_count).toBeLessThanOrEqual(out.doc_count_error_upper_bound)
          }
          const shown = out.buckets.reduce((n, b) => n + b.doc_count, 0)
          expect(shown + out.sum_other_doc_count).toBe(docs.length)
        },
      ),
    )
  })
})
