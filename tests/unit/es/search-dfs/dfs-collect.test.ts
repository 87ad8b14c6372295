// What a shard's DFS phase records (InvertedIndex.dfs), rule by rule from Lucene 9 as Elasticsearch 8's DfsPhase
// sees it (createWeight(rewritten query, COMPLETE) on a searcher that records every statistic it hands out):
// TermWeight asks for the field's CollectionStatistics even when its term is absent, and for the term's only when
// present (docFreq > 0); PhraseWeight asks for its present terms, and the field's only when one is present;
// clauses weighed with COMPLETE_NO_SCORES (bool filter / must_not, constant_score) ask for nothing, a boosting
// query's negative (DoubleValuesSource.fromQuery, COMPLETE) does; fuzzy's BlendedTermQuery hands each expanded
// term the largest docFreq and the summed totalTermFreq; IndexSearcher returns no CollectionStatistics for a
// field without terms. Then the query phase: a term missing from the global table scores with the shard's own
// docFreq (ContextIndexSearcher's fallback), and aggregateDfs sums as SearchPhaseController.aggregateDfs does.
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  AnalyzedDocument,
  DfsStatistics,
  IndexEngine,
  IndexQuery,
  InvertedIndex,
} from '../../../../engine-wasm/src/index/index.ts'
import { aggregateDfs } from '../../../../workers/es/search/dfs-phase.ts'
import { explainDocument } from '../../../../workers/es/search/explain/index.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

function indexOf(texts: string[]): InvertedIndex {
  const docs: AnalyzedDocument[] = texts.map((text, docId) => ({
    docId,
    fields: [{ field: 'body', tokens: text.split(' ').map((term, position) => ({ term, position })) }],
  }))
  const index = engine.newIndex()
  index.addDocuments(docs)
  return index
}

const term = (t: string, field = 'body'): IndexQuery => ({ type: 'term', field, term: t, boost: 1 })
const bool = (
  clauses: Partial<Record<'must' | 'should' | 'mustNot' | 'filter', IndexQuery[]>>,
): IndexQuery => ({
  type: 'bool',
  must: clauses.must ?? [],
  should: clauses.should ?? [],
  mustNot: clauses.mustNot ?? [],
  filter: clauses.filter ?? [],
  minimumShouldMatch: 0,
  boost: 1,
})
const phrase = (...terms: string[]): IndexQuery => ({
  type: 'phrase',
  field: 'body',
  terms: terms.map((t, position) => ({ term: t, position })),
  slop: 0,
  boost: 1,
})

// 3 documents, 6 tokens: a in 2 docs (3 times), b in 2 docs, c in 1 doc; sumDocFreq = 2 + 2 + 1
const TEXTS = ['a b', 'a a c', 'b']
const BODY = { field: 'body', maxDoc: 3, docCount: 3, sumTotalTermFreq: 6, sumDocFreq: 5 }

function terms(stats: DfsStatistics): string[] {
  return stats.terms.map((t) => `${t.field}:${t.term} df=${t.docFreq} ttf=${t.totalTermFreq}`).sort()
}

describe('the DFS phase records what the scoring weights ask for', () => {
  it('a term query: the term and its field; an absent term: the field alone; an absent field: nothing', () => {
    const index = indexOf(TEXTS)
    expect(index.dfs(term('a'))).toEqual({
      maxDoc: 3,
      fields: [BODY],
      terms: [{ field: 'body', term: 'a', docFreq: 2, totalTermFreq: 3 }],
    })
    expect(index.dfs(term('zzz'))).toEqual({ maxDoc: 3, fields: [BODY], terms: [] })
    expect(index.dfs(term('a', 'title'))).toEqual({ maxDoc: 3, fields: [], terms: [] })
  })

  it('filter, must_not and constant_score clauses ask for nothing; a boosting negative does', () => {
    const index = indexOf(TEXTS)
    const q = bool({ must: [term('a')], filter: [term('b')], mustNot: [term('c')] })
    expect(terms(index.dfs(q))).toEqual(['body:a df=2 ttf=3'])
    expect(index.dfs({ type: 'constantScore', filter: term('a'), boost: 1 })).toEqual({
      maxDoc: 3,
      fields: [],
      terms: [],
    })
    const boosting: IndexQuery = {
      type: 'boosting',
      positive: term('a'),
      negative: term('c'),
      negativeBoost: 0.5,
      boost: 1,
    }
    expect(terms(index.dfs(boosting))).toEqual(['body:a df=2 ttf=3', 'body:c df=1 ttf=1'])
  })

  it('a phrase records its present terms and then its field, even when it cannot match', () => {
    const index = indexOf(TEXTS)
    expect(index.dfs(phrase('a', 'zzz'))).toEqual({
      maxDoc: 3,
      fields: [BODY],
      terms: [{ field: 'body', term: 'a', docFreq: 2, totalTermFreq: 3 }],
    })
    expect(index.dfs(phrase('yyy', 'zzz'))).toEqual({ maxDoc: 3, fields: [], terms: [] })
  })

  it('fuzzy records each expanded term with the blended docFreq (max) and totalTermFreq (sum)', () => {
    const index = indexOf(['ab', 'ab ac', 'ab x', 'ad'])
    const fuzzy: IndexQuery = {
      type: 'fuzzy',
      field: 'body',
      term: 'ab',
      maxEdits: 1,
      prefixLength: 0,
      maxExpansions: 50,
      transpositions: true,
      boost: 1,
    }
    // ab: df 3 ttf 3; ac: df 1; ad: df 1 → every one df 3, ttf 5
    expect(terms(index.dfs(fuzzy))).toEqual([
      'body:ab df=3 ttf=5',
      'body:ac df=3 ttf=5',
      'body:ad df=3 ttf=5',
    ])
  })

  it('match_all and multi-term constant-score queries record nothing', () => {
    const index = indexOf(TEXTS)
    expect(index.dfs({ type: 'matchAll', boost: 1 }).terms).toEqual([])
    expect(index.dfs({ type: 'prefix', field: 'body', prefix: 'a', boost: 1 })).toEqual({
      maxDoc: 3,
      fields: [],
      terms: [],
    })
  })
})

describe('scoring with global statistics', () => {
  it('aggregateDfs sums per term and per field, and maxDoc', () => {
    const one = indexOf(['a b', 'a a c'])
    const two = indexOf(['b', 'a d d'])
    const q = bool({ should: [term('a'), term('d')] })
    const global = aggregateDfs([one.dfs(q), two.dfs(q)])
    expect(global.maxDoc).toBe(4)
    expect(global.fields).toEqual([
      { field: 'body', maxDoc: 4, docCount: 4, sumTotalTermFreq: 9, sumDocFreq: 2 + 2 + 1 + 2 },
    ])
    expect(terms(global)).toEqual(['body:a df=3 ttf=4', 'body:d df=1 ttf=2'])
  })

  it('a term absent from the global table scores with the shard docFreq, the global N and avgdl', () => {
    const index = indexOf(TEXTS)
    const global: DfsStatistics = {
      maxDoc: 10,
      fields: [{ field: 'body', maxDoc: 10, docCount: 10, sumTotalTermFreq: 40, sumDocFreq: 20 }],
      terms: [],
    }
    const [hit] = index.search(term('c'), 1, global).scoreDocs
    // weight 2.2 * ln(1 + (10 - 1 + 0.5) / 1.5); doc 1 has 3 terms, avgdl 4: tf = 1 / (1 + 1.2 * (0.25 + 0.75 * 3 / 4))
    const idf = Math.fround(Math.log(1 + 9.5 / 1.5))
    const weight = Math.fround(Math.fround(2.2) * idf)
    const cache = Math.fround(
      1 / Math.fround(Math.fround(1.2) * Math.fround(0.25 + Math.fround(0.75 * 3) / 4)),
    )
    expect(hit).toEqual({
      docId: 1,
      score: Math.fround(weight - Math.fround(weight / Math.fround(1 + cache))),
    })
    const factors = explainDocument(index, term('c'), 1, global).details[0]!.details
    const idfExplanation = factors[1]!
    expect(idfExplanation.details.map((d) => [d.description, d.value])).toEqual([
      ['n, number of documents containing term', 1],
      ['N, total number of documents with field', 10],
    ])
    expect(factors[2]!.details[4]).toMatchObject({ description: 'avgdl, average length of field', value: 4 })
  })

  it('a shard holding the field but none of a phrase terms adds nothing to N, as in ES', () => {
    const one = indexOf(['a b', 'a b c'])
    const two = indexOf(['c', 'c d'])
    const q = phrase('a', 'b')
    const global = aggregateDfs([one.dfs(q), two.dfs(q)])
    expect(global.fields).toEqual([
      { field: 'body', maxDoc: 2, docCount: 2, sumTotalTermFreq: 5, sumDocFreq: 5 },
    ])
    expect(one.search(q, 2, global)).toEqual(one.search(q, 2))
  })

  it('fuzzy terms get their own global docFreq: the sum of the shards blended ones', () => {
    const one = indexOf(['ab', 'ab', 'ac'])
    const two = indexOf(['ac', 'x'])
    const fuzzy: IndexQuery = {
      type: 'fuzzy',
      field: 'body',
      term: 'ab',
      maxEdits: 1,
      prefixLength: 0,
      maxExpansions: 50,
      transpositions: true,
      boost: 1,
    }
    // shard one blends ab and ac to df 2; shard two has ac alone, df 1
    expect(terms(aggregateDfs([one.dfs(fuzzy), two.dfs(fuzzy)]))).toEqual([
      'body:ab df=2 ttf=3',
      'body:ac df=3 ttf=4',
    ])
  })
})
