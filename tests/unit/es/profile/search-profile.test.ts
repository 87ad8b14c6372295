// `"profile": true` through the REST layer, shaped as ES 8.17 prints it: the docs' Profile API examples (the query
// tree of a match query, QueryPhaseCollector > SimpleTopScoreDocCollector, the fetch section with FetchSourcePhase
// and StoredFieldsPhase) and the YAML REST test search/370_profile.yml (stored_fields, `_none_`, `fields`).
// Timings vary from run to run: the tests check keys, order, counts and the tree, never a time's value.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

interface ProfileNode {
  type: string
  description: string
  time_in_nanos: number
  breakdown: Record<string, number>
  debug?: Record<string, unknown>
  children?: ProfileNode[]
}
interface Collector {
  name: string
  reason: string
  time_in_nanos: number
  children?: Collector[]
}
interface ShardProfile {
  id: string
  node_id: string
  shard_id: number
  index: string
  cluster: string
  searches: Array<{ query: ProfileNode[]; rewrite_time: number; collector: Collector[] }>
  aggregations: ProfileNode[]
  fetch?: ProfileNode
}

/** ES 8's query breakdown keys in the order its HashMap prints them (the Kibana sample's real 8.x output). */
const QUERY_KEYS = [
  'set_min_competitive_score_count',
  'match_count',
  'shallow_advance_count',
  'set_min_competitive_score',
  'next_doc',
  'match',
  'next_doc_count',
  'score_count',
  'compute_max_score_count',
  'compute_max_score',
  'advance',
  'advance_count',
  'count_weight_count',
  'score',
  'build_scorer_count',
  'create_weight',
  'shallow_advance',
  'count_weight',
  'create_weight_count',
  'build_scorer',
]

let node: TestNode
beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/books', {
    settings: { number_of_shards: 1 },
    mappings: {
      properties: { title: { type: 'text' }, genre: { type: 'keyword' }, year: { type: 'integer' } },
    },
  })
  const books: Array<[string, object]> = [
    ['1', { title: 'Search engines in practice', genre: 'tech', year: 2010 }],
    ['2', { title: 'Relevant search', genre: 'tech', year: 2016 }],
    ['3', { title: 'The art of cooking', genre: 'food', year: 1999 }],
  ]
  for (const [id, doc] of books) await node.send('PUT', `/books/_doc/${id}`, doc)
  await node.send('POST', '/books/_refresh')
})

async function search(body: object, path = '/books/_search'): Promise<Record<string, unknown>> {
  const response = await node.send('GET', path, body)
  expect(response.status).toBe(200)
  return JSON.parse(response.body) as Record<string, unknown>
}

async function profiled(body: object): Promise<ShardProfile> {
  const response = await search({ ...body, profile: true })
  const { shards } = response.profile as { shards: ShardProfile[] }
  expect(shards).toHaveLength(1)
  return shards[0]!
}

/** type, description and children of a query tree, one line per node. */
function outline(n: ProfileNode, depth = 0): string[] {
  return [
    `${'  '.repeat(depth)}${n.type} ${n.description}`,
    ...(n.children ?? []).flatMap((c) => outline(c, depth + 1)),
  ]
}

function checkQueryNode(n: ProfileNode): void {
  expect(Object.keys(n.breakdown)).toEqual(QUERY_KEYS)
  const times = QUERY_KEYS.filter((key) => !key.endsWith('_count')).map((key) => n.breakdown[key]!)
  expect(n.time_in_nanos).toBe(times.reduce((a, b) => a + b, 0))
  expect(n.breakdown.create_weight_count).toBe(1)
  for (const child of n.children ?? []) checkQueryNode(child)
}

describe('profile', () => {
  it('answers the section after hits, one shard with its ids, searches, aggregations and fetch', async () => {
    const response = await search({ query: { match: { title: 'search' } }, profile: true })
    expect(Object.keys(response)).toEqual(['took', 'timed_out', '_shards', 'hits', 'profile'])
    const { shards } = response.profile as { shards: ShardProfile[] }
    const shard = shards[0]!
    expect(Object.keys(shard)).toEqual([
      'id',
      'node_id',
      'shard_id',
      'index',
      'cluster',
      'searches',
      'aggregations',
      'fetch',
    ])
    expect(shard.id).toBe(`[${shard.node_id}][books][0]`)
    expect([shard.shard_id, shard.index, shard.cluster]).toEqual([0, 'books', '(local)'])
    expect(shard.searches).toHaveLength(1)
    expect(Object.keys(shard.searches[0]!)).toEqual(['query', 'rewrite_time', 'collector'])
    expect(shard.aggregations).toEqual([])
  })

  it('a match of one term is a TermQuery, its counts the documents it matched and scored', async () => {
    const { searches } = await profiled({ query: { match: { title: 'search' } } })
    const [query] = searches[0]!.query
    expect(outline(query!)).toEqual(['TermQuery title:search'])
    expect(Object.keys(query!)).toEqual(['type', 'description', 'time_in_nanos', 'breakdown'])
    checkQueryNode(query!)
    expect(query!.breakdown.next_doc_count).toBe(2)
    expect(query!.breakdown.score_count).toBe(2)
    expect(query!.breakdown.build_scorer_count).toBe(1)
    expect(
      searches[0]!.collector.map((c) => [c.name, c.reason, c.children!.map((d) => [d.name, d.reason])]),
    ).toEqual([
      ['QueryPhaseCollector', 'search_query_phase', [['SimpleTopScoreDocCollector', 'search_top_hits']]],
    ])
  })

  it('match of two terms, bool, term, range and match_all as Lucene queries', async () => {
    const tree = async (query: object) => outline((await profiled({ query })).searches[0]!.query[0]!)
    expect(await tree({ match: { title: 'relevant search' } })).toEqual([
      'BooleanQuery title:relevant title:search',
      '  TermQuery title:relevant',
      '  TermQuery title:search',
    ])
    expect(
      await tree({
        bool: {
          must: [{ match: { title: 'search' } }],
          filter: [{ term: { genre: 'tech' } }],
          must_not: [{ range: { year: { gte: 1990, lte: 1999 } } }],
        },
      }),
    ).toEqual([
      'BooleanQuery +title:search -year:[1990 TO 1999] #genre:tech',
      '  TermQuery title:search',
      '  PointRangeQuery year:[1990 TO 1999]',
      '  TermQuery genre:tech',
    ])
    expect(await tree({ term: { genre: { value: 'tech', boost: 2 } } })).toEqual([
      'BoostQuery (genre:tech)^2.0',
      '  TermQuery genre:tech',
    ])
    expect(await tree({ match_all: {} })).toEqual(['MatchAllDocsQuery *:*'])
    const bool = (await profiled({ query: { match: { title: 'relevant search' } } })).searches[0]!.query[0]!
    checkQueryNode(bool)
    expect(bool.children!.map((c) => c.breakdown.next_doc_count)).toEqual([1, 2])
  })

  it('a filter clause does not score, a post_filter is profiled first', async () => {
    const { searches } = await profiled({
      query: { bool: { must: [{ match: { title: 'search' } }], filter: [{ term: { genre: 'tech' } }] } },
      post_filter: { term: { genre: 'tech' } },
    })
    const [postFilter, query] = searches[0]!.query
    expect(outline(postFilter!)).toEqual(['TermQuery genre:tech'])
    expect(query!.children!.map((c) => c.breakdown.score_count)).toEqual([2, 0])
  })

  it('a terms aggregation: its aggregator profiled and the AggregatorCollector beside the top hits', async () => {
    const shard = await profiled({
      size: 0,
      aggs: { genres: { terms: { field: 'genre' } }, years: { avg: { field: 'year' } } },
    })
    const [collector] = shard.searches[0]!.collector
    expect(collector!.children!.map((c) => [c.name.replace(/@[0-9a-f]+/, '@x'), c.reason])).toEqual([
      ['PartialHitCountCollector', 'search_top_hits'],
      ['AggregatorCollector: [org.elasticsearch.search.aggregations.AggregatorCollector@x]', 'aggregation'],
    ])
    expect(shard.aggregations.map((a) => [a.type, a.description])).toEqual([
      ['GlobalOrdinalsStringTermsAggregator', 'genres'],
      ['AvgAggregator', 'years'],
    ])
    const terms = shard.aggregations[0]!
    expect(Object.keys(terms.breakdown)).toEqual([
      'reduce',
      'build_aggregation_count',
      'post_collection',
      'initialize_count',
      'reduce_count',
      'collect_count',
      'post_collection_count',
      'build_leaf_collector',
      'build_aggregation',
      'build_leaf_collector_count',
      'initialize',
      'collect',
    ])
    expect([
      terms.breakdown.collect_count,
      terms.breakdown.initialize_count,
      terms.breakdown.reduce_count,
    ]).toEqual([3, 1, 0])
    // size 0: no hits, no fetch phase
    expect(shard.fetch).toBeUndefined()
  })

  it('fetch: its breakdown, the stored fields it loads and its sub-phases (370_profile.yml)', async () => {
    const { fetch } = await profiled({ query: { match: { title: 'search' } } })
    expect(Object.keys(fetch!)).toEqual([
      'type',
      'description',
      'time_in_nanos',
      'breakdown',
      'debug',
      'children',
    ])
    expect([fetch!.type, fetch!.description]).toEqual(['fetch', ''])
    expect(Object.keys(fetch!.breakdown)).toEqual([
      'load_stored_fields',
      'load_source',
      'load_stored_fields_count',
      'next_reader_count',
      'load_source_count',
      'next_reader',
    ])
    expect(fetch!.breakdown.load_stored_fields_count).toBe(2)
    expect(fetch!.debug).toEqual({ stored_fields: ['_id', '_routing', '_source'] })
    expect(fetch!.children!.map((c) => c.type)).toEqual(['FetchSourcePhase', 'StoredFieldsPhase'])
    const source = fetch!.children![0]!
    expect(Object.keys(source.breakdown)).toEqual([
      'process_count',
      'process',
      'next_reader',
      'next_reader_count',
    ])
    expect(source.debug).toEqual({ fast_path: 2 })
    expect(source.breakdown.process_count).toBe(2)

    const fields = await profiled({ _source: false, fields: ['genre'] })
    expect(fields.fetch!.children!.map((c) => c.type)).toEqual(['FetchFieldsPhase', 'StoredFieldsPhase'])
    expect(fields.fetch!.debug).toEqual({ stored_fields: ['_id', '_routing'] })

    const none = await profiled({ stored_fields: '_none_' })
    expect(none.fetch!.debug).toEqual({ stored_fields: [] })
    expect(none.fetch!.children).toBeUndefined()
  })

  it('is absent without profile, and profile: false changes nothing', async () => {
    const body = { query: { match: { title: 'search' } } }
    const plain = await search(body)
    expect(plain.profile).toBeUndefined()
    const off = await search({ ...body, profile: false })
    expect({ ...off, took: 0 }).toEqual({ ...plain, took: 0 })
    const on = await search({ ...body, profile: true })
    expect(on.profile).toBeDefined()
    expect({ ...on, took: 0, profile: undefined }).toEqual({ ...plain, took: 0, profile: undefined })
  })

  it('one profile per shard searched, sorted by id; only shards with hits on the page fetch', async () => {
    await node.send('PUT', '/shelves', { settings: { number_of_shards: 3 } })
    for (const id of ['a', 'b', 'c', 'd'])
      await node.send('PUT', `/shelves/_doc/${id}`, { title: `book ${id}` })
    await node.send('POST', '/shelves/_refresh')
    const response = await search(
      { query: { match: { title: 'book' } }, size: 1, profile: true },
      '/shelves/_search',
    )
    const { shards } = response.profile as { shards: ShardProfile[] }
    expect(shards.map((s) => s.shard_id)).toEqual([0, 1, 2])
    expect(shards.map((s) => s.id)).toEqual([...shards.map((s) => s.id)].sort())
    expect(shards.filter((s) => s.fetch !== undefined)).toHaveLength(1)
  })

  it('dfs_query_then_fetch over several shards: each shard has its dfs statistics profile (370_profile.yml)', async () => {
    const body = { query: { match: { title: 'book' } }, profile: true }
    const dfs = await search(body, '/shelves/_search?search_type=dfs_query_then_fetch')
    const { shards } = dfs.profile as { shards: Array<ShardProfile & { dfs?: { statistics: ProfileNode } }> }
    expect(Object.keys(shards[0]!).slice(4, 7)).toEqual(['cluster', 'dfs', 'searches'])
    for (const shard of shards) {
      const { statistics } = shard.dfs!
      expect([statistics.type, statistics.description]).toEqual(['statistics', 'collect term statistics'])
      expect(Object.keys(statistics.breakdown).sort()).toEqual([
        'collection_statistics',
        'collection_statistics_count',
        'create_weight',
        'create_weight_count',
        'rewrite',
        'rewrite_count',
        'term_statistics',
        'term_statistics_count',
      ])
      expect(statistics.breakdown.create_weight_count).toBe(1)
    }
    // TermWeight asks for the statistics of a term only on a shard that holds it
    const counts = shards.map((s) => s.dfs!.statistics.breakdown.term_statistics_count)
    expect(counts).toContain(1)
    const plain = await search(body, '/shelves/_search')
    expect(
      (plain.profile as { shards: Array<{ dfs?: unknown }> }).shards.every((s) => s.dfs === undefined),
    ).toBe(true)
  })

  it('each _msearch item with profile: true carries its own section', async () => {
    const lines = [{}, { query: { match_all: {} }, profile: true }, {}, { query: { match_all: {} } }]
    const response = await node.send(
      'POST',
      '/books/_msearch',
      lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
    )
    const { responses } = JSON.parse(response.body) as {
      responses: Array<{ profile?: { shards: ShardProfile[] } }>
    }
    expect(responses[0]!.profile!.shards[0]!.searches[0]!.query[0]!.type).toBe('MatchAllDocsQuery')
    expect(responses[1]!.profile).toBeUndefined()
  })

  it('a bad profile value is refused as ES refuses it', async () => {
    const response = await node.send('GET', '/books/_search', { profile: 'yes' })
    expect(response.status).toBe(400)
  })
})
