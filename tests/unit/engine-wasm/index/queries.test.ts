// Term, phrase, matchAll/None, exists, bool, dis_max, constant_score and boosting queries, with deletes across
// batches, against the brute-force oracle: the matching set by each query's definition, the scores by the Lucene
// scorer structure over the rewritten tree.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AnalyzedDocument, IndexEngine, IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { corpus, query } from './arbitraries.ts'
import { rewriteQuery } from '../../../../engine-wasm/src/index/query-rewrite.ts'
import { loadEngine } from './load-engine.ts'
import { Oracle } from './oracle.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

function build(docs: AnalyzedDocument[], batches: number[], deletes: number[]) {
  const index = engine.newIndex()
  let from = 0
  for (const size of [...batches, docs.length]) {
    const to = Math.min(docs.length, from + size)
    index.addDocuments(docs.slice(from, to))
    index.deleteDocuments(deletes.filter((d) => d < to))
    from = to
  }
  return { index, oracle: new Oracle(docs, new Set(deletes.filter((d) => d < docs.length))) }
}

describe('queries against brute force', () => {
  it('match the defined document set and score as Lucene composes scorers, with deletes and batches', () => {
    fc.assert(
      fc.property(
        corpus,
        fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 24 }), { maxLength: 6 }),
        query,
        fc.integer({ min: 0, max: 30 }),
        (docs, batches, deletes, q, k) => {
          const { index, oracle } = build(docs, batches, deletes)
          const expected = oracle.topDocs(rewriteQuery(q), k)
          const live = docs.filter((d) => !oracle.deleted.has(d.docId))
          expect(expected.totalHits).toBe(live.filter((d) => oracle.matches(q, d)).length)
          expect(index.search(q, k)).toEqual(expected)
          expect(index.count(q)).toBe(expected.totalHits)
          index.free()
        },
      ),
      { numRuns: 800 },
    )
  }, 60_000)

  it('keeps statistics of deleted documents, as Lucene does until a merge', () => {
    const { index } = build(
      [0, 1, 2].map((docId) => ({
        docId,
        fields: [{ field: 'body', tokens: [{ term: 'a', position: 0 }] }],
      })),
      [],
      [1],
    )
    expect(index.docFreq('body', 'a')).toBe(3)
    expect(index.fieldStatistics('body')).toEqual({ docCount: 3, sumTotalTermFreq: 3, sumDocFreq: 3 })
    expect(
      index.search({ type: 'term', field: 'body', term: 'a', boost: 1 }, 10).scoreDocs.map((d) => d.docId),
    ).toEqual([0, 2])
    index.free()
  })

  it('answers programs of every size one after another on one index, as fresh indexes do', () => {
    // Programs up to 4 KiB share a buffer the index keeps; a larger one (500 clauses) gets one of its own.
    const docs = Array.from({ length: 40 }, (_, docId) => ({
      docId,
      fields: [
        {
          field: 'f',
          tokens: [`t${docId % 7}`, `t${docId % 11}`].map((term, position) => ({ term, position })),
        },
      ],
    }))
    const clauses = (n: number): IndexQuery => ({
      type: 'bool',
      must: [],
      should: Array.from({ length: n }, (_, i) => ({
        type: 'term',
        field: 'f',
        term: `t${i}`,
        boost: 1 + i / n,
      })),
      mustNot: [],
      filter: [],
      minimumShouldMatch: 0,
      boost: 1,
    })
    const programs = [clauses(1), clauses(20), clauses(500), clauses(3), clauses(120), clauses(2)]
    const index = engine.newIndex()
    index.addDocuments(docs)
    for (const q of programs) {
      const fresh = engine.newIndex()
      fresh.addDocuments(docs)
      expect(index.search(q, 5)).toEqual(fresh.search(q, 5))
      expect(index.count(q)).toBe(fresh.count(q))
      fresh.free()
    }
    index.free()
    expect(() => index.search(clauses(1), 5)).toThrow('InvertedIndex used after free()')
  })
})

describe('phrase frequencies', () => {
  const text = (words: string): AnalyzedDocument => ({
    docId: 0,
    fields: [{ field: 'f', tokens: words.split(' ').map((t, position) => ({ term: t, position })) }],
  })
  const phrase = (words: string, slop: number): IndexQuery => ({
    type: 'phrase',
    field: 'f',
    terms: words.split(' ').map((t, position) => ({ term: t, position })),
    slop,
    boost: 1,
  })
  // With one document every idf is the same, so the score is a function of freq alone: compare with a
  // document whose exact-phrase freq is known.
  function score(doc: AnalyzedDocument, q: IndexQuery): number | undefined {
    const index = engine.newIndex()
    index.addDocuments([doc])
    const top = index.search(q, 1)
    index.free()
    return top.scoreDocs[0]?.score
  }

  it('counts exact matches and sums 1 / (1 + matchLength) for sloppy ones', () => {
    const oracle = (doc: AnalyzedDocument, q: IndexQuery): number | null =>
      new Oracle([doc], new Set()).score(q, doc)
    const fox = text('the quick brown fox jumps over the lazy dog')
    expect(score(fox, phrase('lazy dog', 0))).toBe(oracle(fox, phrase('lazy dog', 0)))
    expect(score(fox, phrase('quick fox', 0))).toBeUndefined()
    // quick at 1, fox at 3: one match of length 1 → freq 1/2, the same score as freq 0.5 by the formula.
    const sloppy = score(fox, phrase('quick fox', 1))
    expect(sloppy).toBeDefined()
    expect(sloppy).toBe(
      new Oracle([fox], new Set()).bm25(
        'f',
        fox,
        Math.fround(2 * Math.fround(Math.log(1 + 0.5 / 1.5))),
        0.5,
        1,
      ),
    )
    // Reversed: fox (3) then quick (1) wants quick at fox + 1, so the match length is 3 - 0 = 3.
    expect(score(fox, phrase('fox quick', 2))).toBeUndefined()
    expect(score(fox, phrase('fox quick', 3))).toBeDefined()
    // Adjacent terms transposed cost 2.
    expect(score(fox, phrase('brown quick', 1))).toBeUndefined()
    expect(score(fox, phrase('brown quick', 2))).toBeDefined()
    // "to be or not to be": exact "to be" occurs twice.
    const hamlet = text('to be or not to be')
    expect(score(hamlet, phrase('to be', 0))).toBe(oracle(hamlet, phrase('to be', 0)))
    expect(new Oracle([hamlet], new Set()).bm25('f', hamlet, 1, 2, 1)).not.toBe(
      new Oracle([hamlet], new Set()).bm25('f', hamlet, 1, 1, 1),
    )
    // A repeated term in a sloppy phrase cannot use one document position twice.
    expect(score(text('a b'), phrase('a a', 3))).toBeUndefined()
    expect(score(text('a x a'), phrase('a a', 1))).toBeDefined()
  })
})

describe('BooleanQuery.rewrite', () => {
  const t = (term: string, boost = 1): IndexQuery => ({ type: 'term', field: 'f', term, boost })
  const bool = (parts: Partial<Extract<IndexQuery, { type: 'bool' }>>): IndexQuery => ({
    type: 'bool',
    must: [],
    should: [],
    mustNot: [],
    filter: [],
    minimumShouldMatch: 0,
    boost: 1,
    ...parts,
  })

  it('merges equal SHOULD clauses by summing boosts', () => {
    expect(rewriteQuery(bool({ should: [t('a'), t('b'), t('a', 2)] }))).toEqual(
      bool({ should: [t('a', 3), t('b')] }),
    )
  })

  it('flattens unboosted nested pure disjunctions', () => {
    expect(rewriteQuery(bool({ should: [t('a'), bool({ should: [t('b'), t('c')] })] }))).toEqual(
      bool({ should: [t('a'), t('b'), t('c')] }),
    )
    const boosted = bool({ should: [t('a'), bool({ should: [t('b'), t('c')], boost: 2 })] })
    expect(rewriteQuery(boosted)).toEqual(boosted)
  })

  it('turns SHOULD clauses into MUST when minimumShouldMatch equals their count, and fails when above', () => {
    expect(rewriteQuery(bool({ must: [t('a')], should: [t('b'), t('c')], minimumShouldMatch: 2 }))).toEqual(
      bool({ must: [t('a'), t('b'), t('c')] }),
    )
    expect(rewriteQuery(bool({ should: [t('b')], minimumShouldMatch: 2 }))).toEqual({ type: 'matchNone' })
  })

  it('has no matches for empty, pure negative and MatchNoDocs-required queries; single-term phrases are terms', () => {
    expect(rewriteQuery(bool({}))).toEqual({ type: 'matchNone' })
    expect(rewriteQuery(bool({ mustNot: [t('a')] }))).toEqual({ type: 'matchNone' })
    expect(rewriteQuery(bool({ must: [t('a')], filter: [{ type: 'matchNone' }] }))).toEqual({
      type: 'matchNone',
    })
    expect(rewriteQuery(bool({ must: [t('a')], should: [{ type: 'matchNone' }] }))).toEqual(
      bool({ must: [t('a')] }),
    )
    expect(
      rewriteQuery({ type: 'phrase', field: 'f', terms: [{ term: 'a', position: 0 }], slop: 2, boost: 3 }),
    ).toEqual(t('a', 3))
  })
})

describe('CappedScoreQuery.rewrite', () => {
  const t = (term: string, boost = 1): IndexQuery => ({ type: 'term', field: 'body', term, boost })
  const capped = (query: IndexQuery): IndexQuery => ({ type: 'cappedScore', query, maxScore: 2, boost: 1 })
  type Bool = Extract<IndexQuery, { type: 'bool' }>
  const bool = (parts: Partial<Bool>): Bool => ({
    type: 'bool',
    must: [],
    should: [],
    mustNot: [],
    filter: [],
    minimumShouldMatch: 0,
    boost: 1,
    ...parts,
  })

  it("drops the wrapped query's own boost, through a bool with one scoring clause", () => {
    expect(rewriteQuery(capped(t('a', 3)))).toEqual(capped(t('a')))
    expect(rewriteQuery(capped(bool({ must: [t('a', 3)], boost: 2 })))).toEqual(capped(t('a')))
    expect(rewriteQuery(capped(bool({ should: [t('a', 3)], minimumShouldMatch: 1 })))).toEqual(capped(t('a')))
  })

  it('keeps boosts below the top, and a CappedScoreQuery inside alone', () => {
    const two = bool({ must: [t('a', 3), t('b')], boost: 2 })
    expect(rewriteQuery(capped(two))).toEqual(capped({ ...two, boost: 1 }))
    const filtered = bool({ must: [t('a', 3)], filter: [t('b')] })
    expect(rewriteQuery(capped(filtered))).toEqual(capped(filtered))
    const inner: IndexQuery = { type: 'cappedScore', query: t('a'), maxScore: 5, boost: 1 }
    expect(rewriteQuery(capped(inner))).toEqual(inner)
  })
})
