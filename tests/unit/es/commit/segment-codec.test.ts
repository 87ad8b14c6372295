// The segment image codec (engine-wasm/assembly/index/segment-codec.ts) against the index it came from: random
// documents flushed into several segments, some deleted, some segments merged; every segment encoded, decoded into a
// new index in the same order with the same deletions, and then both indexes must answer every query identically
// (hits, scores, totals), with identical segment lists, field statistics and docFreqs, re-encode to identical bytes,
// and name the next segment alike.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnalyzedDocument, InvertedIndex } from '../../../../engine-wasm/src/index/index.ts'
import { corpus, query } from '../../engine-wasm/index/arbitraries.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

const engine = await loadEngine()

/** The corpus with numeric doc values on some documents, and `tag` without norms on others. */
const documents = fc
  .tuple(
    corpus,
    fc.array(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 3 }), { maxLength: 25 }),
  )
  .map(([docs, values]) =>
    docs.map((doc, i): AnalyzedDocument => {
      const own = values[i] ?? []
      if (own.length === 0) return doc
      const tag = { field: 'tag', tokens: [{ term: `t${own.length}`, position: 0 }], norms: false }
      return { docId: doc.docId, fields: [...doc.fields, { field: 'n', tokens: [], values: own }, tag] }
    }),
  )

const scenario = fc.record({
  docs: documents,
  /** Where the corpus is cut into flushes (each a segment). */
  cuts: fc.array(fc.nat(), { maxLength: 3 }),
  deletes: fc.array(fc.nat(), { maxLength: 10 }),
  merge: fc.boolean(),
  queries: fc.array(query, { minLength: 1, maxLength: 5 }),
})

function build(
  docs: readonly AnalyzedDocument[],
  cuts: number[],
  deletes: number[],
  merge: boolean,
): InvertedIndex {
  const index = engine.newIndex()
  const bounds = [...new Set(cuts.map((cut) => cut % docs.length))].sort((a, b) => a - b)
  let from = 0
  for (const to of [...bounds, docs.length]) {
    if (to > from) index.addDocuments(docs.slice(from, to))
    from = Math.max(from, to)
  }
  const maxDoc = docs.length
  index.deleteDocuments([...new Set(deletes.map((d) => d % maxDoc))].sort((a, b) => a - b))
  if (merge && index.segments().length >= 2) index.merge([1, 0])
  return index
}

/** The global ids of deleted documents: every id below maxDoc that match_all does not find. */
function deletedDocs(index: InvertedIndex): number[] {
  const last = index.segments().at(-1)
  const maxDoc = last ? last.docBase + last.maxDoc : 0
  const live = new Set(index.search({ type: 'matchAll', boost: 1 }, maxDoc + 1).scoreDocs.map((d) => d.docId))
  return Array.from({ length: maxDoc }, (_, d) => d).filter((d) => !live.has(d))
}

function reload(source: InvertedIndex): { index: InvertedIndex; images: Uint8Array[] } {
  const images = source.segments().map((_, ordinal) => source.segmentImage(ordinal))
  const index = engine.newIndex()
  // each image in three parts, as a store's chunks come
  for (const image of images) {
    const third = Math.floor(image.length / 3)
    index.loadSegment([image.subarray(0, third), image.subarray(third, 2 * third), image.subarray(2 * third)])
  }
  index.advanceSegmentCounter(source.segmentCounter)
  const deleted = deletedDocs(source)
  if (deleted.length > 0) index.deleteDocuments(deleted)
  return { index, images }
}

describe('segment images', () => {
  it('decode to an index that answers, counts and encodes exactly as the original (property)', () => {
    fc.assert(
      fc.property(scenario, ({ docs, cuts, deletes, merge, queries }) => {
        const original = build(docs, cuts, deletes, merge)
        const { index: restored, images } = reload(original)
        try {
          expect(restored.segments()).toEqual(original.segments())
          expect(restored.segmentCounter).toBe(original.segmentCounter)
          restored
            .segments()
            .forEach((_, ordinal) => expect(restored.segmentImage(ordinal)).toEqual(images[ordinal]))
          for (const field of ['body', 'title', 'tag', 'n']) {
            expect(restored.fieldStatistics(field)).toEqual(original.fieldStatistics(field))
            for (const term of ['a', 'b', 'c', 'd', 't1', 't2', 't3'])
              expect(restored.docFreq(field, term)).toBe(original.docFreq(field, term))
          }
          for (const q of [
            ...queries,
            { type: 'numericRange' as const, field: 'n', lower: -1, upper: 1e5, boost: 1 },
          ]) {
            expect(restored.search(q, 50)).toEqual(original.search(q, 50))
            expect(restored.count(q)).toBe(original.count(q))
          }
          const next: AnalyzedDocument = {
            docId: docs.length,
            fields: [{ field: 'body', tokens: [{ term: 'a', position: 0 }] }],
          }
          original.addDocuments([next])
          restored.addDocuments([next])
          expect(restored.segments()).toEqual(original.segments())
        } finally {
          original.free()
          restored.free()
        }
      }),
      { numRuns: 150 },
    )
  })

  it('loads nothing from an image of another format version, and says so', () => {
    const index = engine.newIndex()
    index.addDocuments([{ docId: 0, fields: [{ field: 'body', tokens: [{ term: 'a', position: 0 }] }] }])
    const image = index.segmentImage(0)
    const target = engine.newIndex()
    // version 1 (vint-coded postings, before the image became the memory layout) and a future version 4
    for (const version of [1, 4]) {
      const other = image.slice()
      other[4] = version
      expect(target.loadSegment(other)).toBe(false)
    }
    expect(target.segments()).toEqual([])
    expect(target.loadSegment(image)).toBe(true)
    expect(target.segments()).toEqual([{ name: '_0', generation: 0, docBase: 0, maxDoc: 1, delCount: 0 }])
    expect(() => index.segmentImage(1)).toThrow('segment 1 out of range [0, 1)')
  })
})
