// The flat term dictionary (engine-wasm/assembly/index/term-dictionary.ts: one byte pool and offset arrays per field,
// no object per term; terms-merger.ts) against a naive oracle (a Map of every term's documents): terms that differ
// only where UTF-16 order and code point order disagree (surrogate pairs against U+E000..U+FFFF), flushes cut
// anywhere, a merge in either order, and an image round trip. Checked: docFreq of every term and of absent ones, and
// term ranges and prefixes that walk the dictionary in code point order, all equal to the oracle on the original
// index and on the one loaded from its images.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnalyzedDocument, IndexQuery, InvertedIndex } from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

const engine = await loadEngine()

/** Letters whose UTF-16 order differs from their code point order: U+FF5E sorts after U+1D11E by code point. */
const term = fc
  .array(fc.constantFrom('a', 'b', 'é', '\uff5e', '\u{1d11e}', 'z'), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''))

const scenario = fc.record({
  docs: fc.array(fc.array(term, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 40 }),
  cuts: fc.array(fc.nat(), { maxLength: 3 }),
  merge: fc.constantFrom('none', 'forward', 'backward'),
  bounds: fc.array(fc.tuple(term, term, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 6 }),
})

/** Code point order, which UTF-8 byte order is. */
const codePointOrder = (a: string, b: string): number => {
  const x = [...a].map((c) => c.codePointAt(0)!)
  const y = [...b].map((c) => c.codePointAt(0)!)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
  return x.length - y.length
}

/** The index, and each original docId's id after the merge (a merge renumbers docs in the order it is given). */
function build(docs: string[][], cuts: number[], merge: string): { index: InvertedIndex; docIds: number[] } {
  const index = engine.newIndex()
  const analyzed = docs.map((terms, docId): AnalyzedDocument => ({
    docId,
    fields: [{ field: 'f', tokens: terms.map((t, position) => ({ term: t, position })) }],
  }))
  const bounds = [...new Set(cuts.map((cut) => cut % docs.length))].sort((a, b) => a - b)
  let from = 0
  for (const to of [...bounds, docs.length]) {
    if (to > from) index.addDocuments(analyzed.slice(from, to))
    from = Math.max(from, to)
  }
  const segments = index.segments()
  const docIds: number[] = []
  if (segments.length >= 2 && merge !== 'none') {
    const all = Array.from({ length: segments.length }, (_, i) => i)
    const order = merge === 'forward' ? all : all.reverse()
    index.merge(order)
    let next = 0
    for (const s of order)
      for (let d = 0; d < segments[s]!.maxDoc; d++) docIds[segments[s]!.docBase + d] = next++
  } else {
    for (let d = 0; d < docs.length; d++) docIds[d] = d
  }
  return { index, docIds }
}

/** The same index loaded from its segment images. */
function reloaded(index: InvertedIndex): InvertedIndex {
  const copy = engine.newIndex()
  for (let i = 0; i < index.segments().length; i++) copy.loadSegment(index.segmentImage(i))
  return copy
}

const ids = (index: InvertedIndex, query: IndexQuery): number[] =>
  index
    .search(query, 1000)
    .scoreDocs.map((d) => d.docId)
    .sort((a, b) => a - b)

describe('the flat term dictionary', () => {
  it('finds every term and walks them in code point order, after flushes, merges and a reload', () => {
    fc.assert(
      fc.property(scenario, ({ docs, cuts, merge, bounds }) => {
        const { index, docIds } = build(docs, cuts, merge)
        const postings = new Map<string, Set<number>>()
        docs.forEach((terms, docId) => {
          for (const t of terms) postings.set(t, (postings.get(t) ?? new Set()).add(docIds[docId]!))
        })
        for (const target of [index, reloaded(index)]) {
          for (const [t, set] of postings) expect(target.docFreq('f', t)).toBe(set.size)
          expect(target.docFreq('f', 'absent')).toBe(0)
          for (const [lower, upper, includeLower, includeUpper] of bounds) {
            const expected = new Set<number>()
            for (const [t, set] of postings) {
              const low = codePointOrder(t, lower)
              const high = codePointOrder(t, upper)
              if ((low > 0 || (low === 0 && includeLower)) && (high < 0 || (high === 0 && includeUpper)))
                for (const d of set) expected.add(d)
            }
            const range = {
              type: 'termRange',
              field: 'f',
              lower,
              upper,
              includeLower,
              includeUpper,
              boost: 1,
            } as const
            expect(ids(target, range)).toEqual([...expected].sort((a, b) => a - b))
            const prefixed = new Set<number>()
            for (const [t, set] of postings) if (t.startsWith(lower)) for (const d of set) prefixed.add(d)
            expect(ids(target, { type: 'prefix', field: 'f', prefix: lower, boost: 1 })).toEqual(
              [...prefixed].sort((a, b) => a - b),
            )
          }
          target.free()
        }
      }),
      { numRuns: 150 },
    )
  })
})
