// Span queries over hand-built documents: which documents match (ordered and unordered near, first, not with pre
// and post, or, containing, within, nested spans, overlaps) and their scores against a hand-computed BM25 of
// Lucene's span frequency (sum of 1 / (1 + width) over the matches, idf summed over the distinct terms), span_multi
// expansion over every segment, and the max clause count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  TooManySpanClausesError,
  type AnalyzedDocument,
  type IndexEngine,
  type IndexQuery,
  type InvertedIndex,
  type SpanQuery,
} from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from './load-engine.ts'
import { Oracle } from './oracle.ts'

const f = Math.fround
const TEXTS = [
  'the quick brown fox jumps over the lazy dog',
  'quick fox',
  'fox quick brown',
  'the lazy fox and the quick dog',
  'brown brown fox',
]
const DOCS: AnalyzedDocument[] = TEXTS.map((text, docId) => ({
  docId,
  fields: [{ field: 'body', tokens: text.split(' ').map((term, position) => ({ term, position })) }],
}))

let engine: IndexEngine
let index: InvertedIndex
beforeAll(async () => {
  engine = await loadEngine()
  index = engine.newIndex()
  index.addDocuments(DOCS.slice(0, 3))
  index.addDocuments(DOCS.slice(3))
})
afterAll(() => index.free())

const oracle = new Oracle(DOCS, new Set())
const t = (term: string): SpanQuery => ({ type: 'spanTerm', field: 'body', term })
const near = (clauses: SpanQuery[], slop: number, inOrder: boolean): SpanQuery => ({
  type: 'spanNear',
  field: 'body',
  clauses,
  slop,
  inOrder,
})
const spanQuery = (query: SpanQuery, boost = 1): IndexQuery => ({ type: 'span', query, boost })

/** The expected score: BM25 of freq with the idfs of `terms` summed (as BM25Similarity's multi-term scorer does). */
function expected(docId: number, freq: number, terms: string[], boost = 1): number {
  const idfs = terms.map((term) => oracle.idf('body', term))
  const idf = terms.length === 1 ? idfs[0]! : f(idfs.reduce((sum, x) => sum + x, 0))
  return oracle.bm25('body', DOCS[docId]!, idf, f(freq), boost)
}

function hits(query: SpanQuery, boost = 1): Map<number, number> {
  return new Map(index.search(spanQuery(query, boost), 10).scoreDocs.map((d) => [d.docId, d.score]))
}

describe('span queries', () => {
  it('span_near in order: gaps up to the slop, freq 1 / (1 + width)', () => {
    const result = hits(near([t('quick'), t('fox')], 1, true))
    expect([...result.keys()].sort()).toEqual([0, 1])
    // doc 0: quick@1 fox@3, one position between them; doc 1: adjacent
    expect(result.get(0)).toBe(expected(0, 1 / 2, ['fox', 'quick']))
    expect(result.get(1)).toBe(expected(1, 1, ['fox', 'quick']))
  })

  it('span_near out of order: the width is the whole window, and the order does not matter', () => {
    const result = hits(near([t('quick'), t('fox')], 0, false))
    expect([...result.keys()].sort()).toEqual([1, 2])
    // doc 2: fox@0 quick@1, the window [0, 2) holds both: width 2
    expect(result.get(2)).toBe(expected(2, 1 / 3, ['fox', 'quick']))
    expect(result.get(1)).toBe(expected(1, 1 / 3, ['fox', 'quick']))
  })

  it('span_gap: the next clause starts that many positions after the previous one ends; the gap is no width', () => {
    const gap = (width: number): SpanQuery => ({ type: 'spanGap', field: 'body', width })
    // quick@1 [gap brown@2] fox@3 in doc 0 only
    const result = hits(near([t('quick'), gap(1), t('fox')], 0, true))
    expect([...result.keys()]).toEqual([0])
    expect(result.get(0)).toBe(expected(0, 1, ['fox', 'quick']))
    // with slop 1 one more position may follow the gap: doc 0 still, doc 1 (quick fox) not: the gap needs its position
    expect([...hits(near([t('quick'), gap(1), t('fox')], 1, true)).keys()]).toEqual([0])
    // the lazy dog (doc 0) and the quick dog (doc 3): the [gap 1] dog
    expect([...hits(near([t('the'), gap(1), t('dog')], 0, true)).keys()].sort()).toEqual([0, 3])
  })

  it('span_first keeps matches ending at or before end', () => {
    expect([...hits({ type: 'spanFirst', match: t('fox'), end: 2 }).keys()].sort()).toEqual([1, 2])
  })

  it('span_not drops includes an exclude overlaps, widened by pre and post', () => {
    const not = (pre: number, post: number): SpanQuery => ({
      type: 'spanNot',
      include: t('fox'),
      exclude: t('brown'),
      pre,
      post,
    })
    expect([...hits(not(0, 0)).keys()].sort()).toEqual([0, 1, 2, 3, 4])
    // brown right before fox (docs 0 and 4) excludes them with pre 1; brown two after fox (doc 2) with post 2
    expect([...hits(not(1, 0)).keys()].sort()).toEqual([1, 2, 3])
    expect([...hits(not(0, 2)).keys()].sort()).toEqual([0, 1, 3, 4])
    // the exclude's terms are not scored: fox's idf alone
    expect(hits(not(1, 0)).get(1)).toBe(expected(1, 1, ['fox']))
  })

  it('span_or counts every clause match, overlapping ones too', () => {
    const or: SpanQuery = {
      type: 'spanOr',
      field: 'body',
      clauses: [t('fox'), near([t('quick'), t('fox')], 0, true)],
    }
    const result = hits(or)
    expect([...result.keys()].sort()).toEqual([0, 1, 2, 3, 4])
    expect(result.get(1)).toBe(expected(1, 2, ['fox', 'quick']))
    expect(result.get(4)).toBe(expected(4, 1, ['fox', 'quick']))
  })

  it('span_containing and span_within: the big span around the little one, each scored by its own width', () => {
    const big = near([t('quick'), t('dog')], 10, true)
    const containing = hits({ type: 'spanContaining', big, little: t('fox') })
    expect([...containing.keys()]).toEqual([0])
    // quick@1 .. dog@8: six positions between them
    expect(containing.get(0)).toBe(expected(0, 1 / 7, ['dog', 'fox', 'quick']))
    const within = hits({ type: 'spanWithin', big, little: t('fox') })
    expect([...within.keys()]).toEqual([0])
    expect(within.get(0)).toBe(expected(0, 1, ['dog', 'fox', 'quick']))
  })

  it('nested spans: a near of an or and a near, the same term counted once in the idf', () => {
    const inner = near([t('brown'), t('fox')], 0, true)
    const query = near([{ type: 'spanOr', field: 'body', clauses: [t('quick'), t('brown')] }, inner], 0, true)
    const result = hits(query)
    // doc 0: quick brown fox; doc 4: brown brown fox
    expect([...result.keys()].sort()).toEqual([0, 4])
    expect(result.get(0)).toBe(expected(0, 1, ['brown', 'fox', 'quick']))
  })

  it('the top-level boost scales the weight', () => {
    expect(hits(t('fox'), 2).get(1)).toBe(expected(1, 1, ['fox'], 2))
  })

  it('a term missing from the index makes a near match nothing, and an or drop the clause', () => {
    expect(hits(near([t('quick'), t('cat')], 5, true)).size).toBe(0)
    const or: SpanQuery = { type: 'spanOr', field: 'body', clauses: [t('cat'), t('dog')] }
    expect(hits(or).get(0)).toBe(expected(0, 1, ['dog']))
  })

  it('field_masking_span lets a clause on another field into a near; span_multi expands over all segments', () => {
    const multi: SpanQuery = {
      type: 'spanMulti',
      query: { type: 'prefix', field: 'body', prefix: 'qu', boost: 1 },
      topTerms: null,
      description: 'body:qu*',
    }
    const result = hits(near([multi, t('fox')], 0, true))
    expect([...result.keys()]).toEqual([1])
    const masked: SpanQuery = { type: 'fieldMaskingSpan', query: t('fox'), field: 'body' }
    expect([...hits(near([t('quick'), masked], 0, true)).keys()]).toEqual([1])
    // a mask at the top is scored as the query it masks (its weight is the inner one's)
    const top = hits({ type: 'fieldMaskingSpan', query: t('fox'), field: 'title' })
    expect(top.get(1)).toBe(expected(1, 1, ['fox']))
    const none: SpanQuery = { ...multi, query: { type: 'prefix', field: 'body', prefix: 'zz', boost: 1 } }
    expect(hits(none).size).toBe(0)
  })

  it('span_multi refuses more terms than the max clause count', () => {
    const many = engine.newIndex()
    const tokens = Array.from({ length: 1025 }, (_, i) => ({ term: `t${i}`, position: i }))
    many.addDocuments([{ docId: 0, fields: [{ field: 'body', tokens }] }])
    const multi: SpanQuery = {
      type: 'spanMulti',
      query: { type: 'prefix', field: 'body', prefix: 't', boost: 1 },
      topTerms: null,
      description: 'body:t*',
    }
    expect(() => many.search(spanQuery(multi), 1)).toThrow(TooManySpanClausesError)
    expect(() => many.search(spanQuery(multi), 1)).toThrow(
      '[body:t* ] exceeds maxClauseCount [ Boolean maxClauseCount is set to 1024]',
    )
    expect(many.search(spanQuery({ ...multi, topTerms: 3 }), 1).totalHits).toBe(1)
    many.free()
  })
})
