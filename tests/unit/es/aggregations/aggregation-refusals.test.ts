// Aggregation requests Elasticsearch 8.17 refuses: a regular-expression include / exclude of a terms aggregation on
// a numeric or ip field (TermsAggregatorFactory's numeric and bytes suppliers), a sampler whose shard_size is 0 or
// less once it collects a document (Lucene's TopScoreDocCollectorManager; ES's QueryPhaseExecutionException around
// it is a wrapper, so the shard failure is the illegal_argument_exception), more adjacency_matrix filters than the
// max clause count (AdjacencyMatrixAggregationBuilder.doBuild), and an unknown parameter (ObjectParser's
// SuggestingErrorOnUnknown with its "did you mean").
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/shop', {
    mappings: { properties: { n: { type: 'long' }, ip: { type: 'ip' }, tag: { type: 'keyword' } } },
  })
  await node.send('PUT', '/shop/_doc/1?refresh=true', { n: 1, ip: '10.0.0.1', tag: 'a' })
}, 60_000)

/** The status, root cause and first shard failure reason of a search with these aggregations. */
async function refusal(aggs: object): Promise<unknown> {
  const response = await node.send('GET', '/shop/_search?size=0', { aggs })
  const body = JSON.parse(response.body) as {
    error: { root_cause: { type: string; reason: string }[]; failed_shards?: { reason: unknown }[] }
  }
  const [cause] = body.error.root_cause
  return { status: response.status, type: cause!.type, reason: cause!.reason }
}

describe('terms include / exclude', () => {
  it('refuses a regular expression on a numeric field and on an ip field', async () => {
    expect(await refusal({ t: { terms: { field: 'n', include: '1.*' } } })).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason:
        'Aggregation [t] cannot support regular expression style include/exclude settings as they can only be ' +
        'applied to string fields. Use an array of numeric values for include/exclude clauses used to filter ' +
        'numeric fields',
    })
    expect(await refusal({ t: { terms: { field: 'ip', exclude: '10.*' } } })).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason:
        'Aggregation [t] cannot support regular expression style include/exclude settings as they can only be ' +
        'applied to string fields. Use an array of values for include/exclude clauses',
    })
  })

  it('keeps regular expressions on keywords and value arrays on numbers', async () => {
    const response = await node.send('GET', '/shop/_search?size=0&filter_path=aggregations', {
      aggs: { k: { terms: { field: 'tag', include: 'a|b' } }, n: { terms: { field: 'n', include: [1] } } },
    })
    expect(response.body).toBe(
      '{"aggregations":{"k":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"a","doc_count":1}]},' +
        '"n":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":1,"doc_count":1}]}}}',
    )
  })
})

describe('sampler', () => {
  it('refuses a shard_size of 0 once the shard collects a document', async () => {
    expect(await refusal({ s: { sampler: { shard_size: 0 } } })).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'numHits must be > 0; please use TotalHitCountCollector if you just need the total hit count',
    })
    const none = await node.send('GET', '/shop/_search?size=0&filter_path=aggregations', {
      query: { term: { tag: 'nothing' } },
      aggs: { s: { sampler: { shard_size: 0 } } },
    })
    expect(none.body).toBe('{"aggregations":{"s":{"doc_count":0}}}')
  })
})

describe('adjacency_matrix', () => {
  it('refuses more filters than the max clause count', async () => {
    const filters = Object.fromEntries(
      Array.from({ length: 1025 }, (_, i) => [`f${i}`, { term: { tag: 'a' } }]),
    )
    expect(await refusal({ m: { adjacency_matrix: { filters } } })).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason:
        'Number of filters is too large, must be less than or equal to: [1024] but was [1025].  You can increase ' +
        'this limit by scaling up your java heap',
    })
  })
})

describe('unknown parameters', () => {
  it('names the closest known parameters', async () => {
    expect(await refusal({ t: { terms: { feild: 'tag' } } })).toEqual({
      status: 400,
      type: 'x_content_parse_exception',
      reason: '[1:24] [terms] unknown field [feild] did you mean [field]?',
    })
    expect(await refusal({ a: { avg: { fields: 'n' } } })).toEqual({
      status: 400,
      type: 'x_content_parse_exception',
      reason: '[1:22] [avg] unknown field [fields] did you mean [field]?',
    })
    expect(await refusal({ a: { avg: { zzz: 'n' } } })).toEqual({
      status: 400,
      type: 'x_content_parse_exception',
      reason: '[1:22] [avg] unknown field [zzz]',
    })
  })
})
