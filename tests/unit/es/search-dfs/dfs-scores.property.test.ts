// dfs_query_then_fetch's definition as a property: random documents spread over 2 to 4 shards, each shard's DFS
// statistics summed (aggregateDfs) and every shard scored with the sums, give every document the score (bit for
// bit, as float32) and the explanation top value it has when all the documents are in ONE shard (no deletes).
// Checked for term, match (OR of terms), match_phrase, bool and the whole query arbitrary of the engine tests.
// The one way ES's DFS differs from one shard, a shard that holds the field but none of a phrase's terms (its
// PhraseWeight asks for no CollectionStatistics, so its documents are missing from N), is excluded with fc.pre
// and pinned in dfs-collect.test.ts.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  AnalyzedDocument,
  IndexEngine,
  IndexQuery,
  InvertedIndex,
} from '../../../../engine-wasm/src/index/index.ts'
import { aggregateDfs } from '../../../../workers/es/search/dfs-phase.ts'
import { explainDocument } from '../../../../workers/es/search/explain/index.ts'
import { corpus, query } from '../../engine-wasm/index/arbitraries.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

const term = fc.constantFrom('a', 'b', 'c', 'd')
const field = fc.constantFrom('body', 'title')
const boost = fc.constantFrom(1, 2, 0.5)

const termQuery: fc.Arbitrary<IndexQuery> = fc.record({
  type: fc.constant('term' as const),
  field,
  term,
  boost,
})

/** MatchQueryBuilder with the default OR operator: a bool of SHOULD term clauses on one field. */
const matchQuery: fc.Arbitrary<IndexQuery> = fc
  .record({ field, terms: fc.array(term, { minLength: 1, maxLength: 4 }), boost })
  .map(({ field, terms, boost }) => ({
    type: 'bool',
    must: [],
    should: terms.map((t) => ({ type: 'term', field, term: t, boost: 1 })),
    mustNot: [],
    filter: [],
    minimumShouldMatch: 0,
    boost,
  }))

const phraseQuery: fc.Arbitrary<IndexQuery> = fc.record({
  type: fc.constant('phrase' as const),
  field,
  terms: fc
    .array(term, { minLength: 2, maxLength: 3 })
    .map((ts) => ts.map((t, position) => ({ term: t, position }))),
  slop: fc.constantFrom(0, 1, 3),
  boost,
})

const boolQuery: fc.Arbitrary<IndexQuery> = fc.record({
  type: fc.constant('bool' as const),
  must: fc.array(fc.oneof(termQuery, phraseQuery), { maxLength: 2 }),
  should: fc.array(fc.oneof(termQuery, matchQuery, phraseQuery), { maxLength: 3 }),
  mustNot: fc.array(termQuery, { maxLength: 1 }),
  filter: fc.array(termQuery, { maxLength: 1 }),
  minimumShouldMatch: fc.constantFrom(0, 1),
  boost,
})

interface Spread {
  shards: InvertedIndex[]
  /** Per shard, the original docId of each shard-local docId. */
  origins: number[][]
}

function spread(docs: AnalyzedDocument[], placement: number[], count: number): Spread {
  const perShard: AnalyzedDocument[][] = Array.from({ length: count }, () => [])
  const origins: number[][] = Array.from({ length: count }, () => [])
  docs.forEach((doc, i) => {
    const s = (placement[i] ?? 0) % count
    origins[s]!.push(doc.docId)
    perShard[s]!.push({ docId: perShard[s]!.length, fields: doc.fields })
  })
  const shards = perShard.map((shardDocs) => {
    const index = engine.newIndex()
    index.addDocuments(shardDocs)
    return index
  })
  return { shards, origins }
}

/** True unless a shard holds a field the single index records but records no statistics for it itself. */
function sameFieldsRecorded(single: InvertedIndex, shards: InvertedIndex[], q: IndexQuery): boolean {
  const wanted = single.dfs(q).fields.map((f) => f.field)
  return shards.every((shard) => {
    const recorded = new Set(shard.dfs(q).fields.map((f) => f.field))
    return wanted.every((f) => recorded.has(f) || shard.fieldStatistics(f) === null)
  })
}

function checkDfsEqualsOneShard(docs: AnalyzedDocument[], placement: number[], count: number, q: IndexQuery) {
  const single = engine.newIndex()
  single.addDocuments(docs)
  const { shards, origins } = spread(docs, placement, count)
  try {
    fc.pre(sameFieldsRecorded(single, shards, q))
    const expected = new Map(single.search(q, docs.length).scoreDocs.map((d) => [d.docId, d.score]))
    const global = aggregateDfs(shards.map((shard) => shard.dfs(q)))
    const actual = new Map<number, number>()
    shards.forEach((shard, s) => {
      for (const { docId, score } of shard.search(q, docs.length, global).scoreDocs) {
        const origin = origins[s]![docId]!
        actual.set(origin, score)
        expect(Math.fround(explainDocument(shard, q, docId, global).value)).toBe(score)
      }
    })
    expect(new Map([...actual].sort((a, b) => a[0] - b[0]))).toEqual(
      new Map([...expected].sort((a, b) => a[0] - b[0])),
    )
  } finally {
    single.free()
    for (const shard of shards) shard.free()
  }
}

const placement = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 25, maxLength: 25 })
const shardCount = fc.integer({ min: 2, max: 4 })

describe('dfs_query_then_fetch scores are the one-shard scores', () => {
  const cases: Array<[string, fc.Arbitrary<IndexQuery>]> = [
    ['term', termQuery],
    ['match (OR)', matchQuery],
    ['match_phrase', phraseQuery],
    ['bool', boolQuery],
    ['any query tree', query],
  ]
  for (const [name, arbitrary] of cases) {
    it(
      name,
      () => {
        fc.assert(
          fc.property(corpus, placement, shardCount, arbitrary, (docs, where, count, q) =>
            checkDfsEqualsOneShard(docs, where, count, q),
          ),
          { numRuns: 250 },
        )
      },
      60_000,
    )
  }

  it('the per-shard statistics (query_then_fetch) do differ on a spread corpus', () => {
    // the oracle is not trivially true: without the global statistics the same spread scores differently
    const docs: AnalyzedDocument[] = ['a b', 'a', 'b c d', 'a a c'].map((text, docId) => ({
      docId,
      fields: [{ field: 'body', tokens: text.split(' ').map((t, position) => ({ term: t, position })) }],
    }))
    const q: IndexQuery = { type: 'term', field: 'body', term: 'a', boost: 1 }
    const { shards } = spread(docs, [0, 1, 1, 0], 2)
    const local = shards[0]!.search(q, 4).scoreDocs.map((d) => d.score)
    const global = aggregateDfs(shards.map((shard) => shard.dfs(q)))
    const dfs = shards[0]!.search(q, 4, global).scoreDocs.map((d) => d.score)
    const single = engine.newIndex()
    single.addDocuments(docs)
    const expected = single.search(q, 4).scoreDocs.filter((d) => d.docId === 0 || d.docId === 3)
    expect(dfs).toEqual(expected.map((d) => d.score))
    expect(local).not.toEqual(dfs)
  })
})
