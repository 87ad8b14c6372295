// The compact widths of a field's postings buffers (engine-wasm/assembly/index/postings.ts): each term's extras (where
// its entries' positions start) in 0, 1, 2 or 4 bytes by totalTermFreq - docFreq, positions in u8, u16 or i32 by the
// field's largest position, doc ids in 3 bytes until one reaches 2^24 (then 4), and single-valued doc values kept
// without their docs and starts (doc-values.ts). Every width is exercised at its boundary, and the answers (term and
// phrase top k with exact BM25 scores, counts, the term frequency explain reports, numeric ranges) equal the
// brute-force oracle's, before and after the segment goes through its image (which is the memory layout, each buffer
// at its width: segment-codec.ts) and is loaded into a fresh index, whose image is then byte for byte the same.
import { describe, expect, it } from 'vitest'
import type { AnalyzedDocument, IndexQuery, InvertedIndex } from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { Oracle } from '../../engine-wasm/index/oracle.ts'

const engine = await loadEngine()

/** `count` tokens of `term` at positions from..from + count - 1. */
function run(term: string, count: number, from = 0): Array<{ term: string; position: number }> {
  return Array.from({ length: count }, (_, i) => ({ term, position: from + i }))
}

/**
 * Fields by the widths they need: wide4 term `a` has 70,000 - 3 more positions than entries (4-byte extras), and
 * term `e` positions above 65,535 (i32 positions); wide2 term `b` 299 more (2-byte extras) and positions up to 299
 * (u16); narrow term `c` 255 more (1-byte extras, at the boundary) and term `d` none (no extras), positions up to 255 (u8, at the boundary).
 */
function documents(firstDocId: number, farDocId: number): AnalyzedDocument[] {
  const docIds = [firstDocId, firstDocId + 1, firstDocId + 2, farDocId]
  return docIds.map((docId, i) => ({
    docId,
    fields: [
      {
        field: 'wide4',
        tokens: [...run('a', i === 0 ? 70_000 : i + 1), ...run('e', 2, i === 0 ? 70_000 : i + 1)],
      },
      { field: 'wide2', tokens: i === 1 ? run('b', 300) : [{ term: 'b', position: 3 }] },
      {
        field: 'narrow',
        tokens: i === 2 ? [...run('c', 256), ...run('d', 1, 255)] : run('d', 1, i),
      },
      { field: 'views', tokens: [], values: [docId * 2], norms: false },
    ],
  }))
}

const queries: IndexQuery[] = [
  { type: 'term', field: 'wide4', term: 'a', boost: 1 },
  { type: 'term', field: 'wide2', term: 'b', boost: 1 },
  { type: 'term', field: 'narrow', term: 'c', boost: 1 },
  { type: 'term', field: 'narrow', term: 'd', boost: 1 },
  {
    type: 'phrase',
    field: 'wide4',
    terms: [
      { term: 'e', position: 0 },
      { term: 'e', position: 1 },
    ],
    slop: 0,
    boost: 1,
  },
  {
    type: 'phrase',
    field: 'narrow',
    terms: [
      { term: 'c', position: 0 },
      { term: 'c', position: 1 },
    ],
    slop: 2,
    boost: 1,
  },
]

function expectOracleAnswers(index: InvertedIndex, docs: AnalyzedDocument[]): void {
  const oracle = new Oracle(docs, new Set())
  for (const query of queries) {
    expect(index.search(query, 10)).toEqual(oracle.topDocs(query, 10))
    expect(index.count(query)).toBe(oracle.topDocs(query, Infinity).totalHits)
  }
  const first = docs[0]!.docId
  const freq = (query: IndexQuery, docId: number) => {
    const weight = index.explain(query, docId).weights[0]
    return weight?.status === 'match' ? weight.factors.freq : null
  }
  expect(freq(queries[0]!, first)).toBe(70_000)
  expect(freq(queries[0]!, first + 2)).toBe(3)
  expect(freq(queries[1]!, first + 1)).toBe(300)
  expect(freq(queries[2]!, first + 2)).toBe(256)
  expect(freq(queries[3]!, first + 2)).toBe(1)
  // views = 2 x docId: every document but the first, each scored its boost
  const range: IndexQuery = {
    type: 'numericRange',
    field: 'views',
    lower: first * 2 + 1,
    upper: Infinity,
    boost: 2,
  }
  const later = docs.slice(1).map(({ docId }) => ({ docId, score: 2 }))
  expect(index.search(range, 10)).toMatchObject({ totalHits: 3, scoreDocs: later })
}

/** The index's one segment through its image into a fresh index: the same image and the same answers. */
function expectImageRoundTrip(index: InvertedIndex, docs: AnalyzedDocument[]): void {
  const image = index.segmentImage(0)
  const restored = engine.newIndex()
  expect(restored.loadSegment(image)).toBe(true)
  // Buffer.equals: a deep equality over the far document's image (norms of 2^24 documents per field) takes minutes
  expect(Buffer.from(restored.segmentImage(0)).equals(image)).toBe(true)
  expectOracleAnswers(restored, docs)
  restored.free()
}

describe('postings widths', () => {
  it('answers as the oracle with every extras and positions width, 3-byte doc ids and dense doc values', () => {
    const docs = documents(0, 3)
    const index = engine.newIndex()
    index.addDocuments(docs)
    expectOracleAnswers(index, docs)
    expectImageRoundTrip(index, docs)
    index.free()
  })

  it('widens doc ids to 4 bytes for a document at 2^24 and keeps sparse doc values', () => {
    const docs = documents(5, 2 ** 24 + 7)
    const index = engine.newIndex()
    index.addDocuments(docs)
    expectOracleAnswers(index, docs)
    expectImageRoundTrip(index, docs)
    index.free()
  })
})
