// The queries inside `filter`, `filters` and `adjacency_matrix` aggregations are parsed with the request, as
// SearchSourceBuilder reads the aggregations: a query ES cannot parse is the request's 400 before any shard runs,
// at the query's own [line:col]. FilterAggregationBuilder and FiltersAggregationBuilder call parseTopLevelQuery
// and let its parsing_exception through; AdjacencyMatrixAggregationBuilder's ObjectParser wraps it in an
// x_content_parse_exception "[adjacency_matrix] failed to parse field [filters]" whose root cause is the
// parsing_exception (ElasticsearchException.guessRootCauses unwraps XContentParseException).
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/shop/_doc/1?refresh=true', { tag: 'a' })
}, 60_000)

const unknownQuery = (col: number) =>
  '{"type":"parsing_exception","reason":"unknown query [bogus]","line":1,"col":' + col + '}'
const notFound = (col: number) =>
  '{"type":"named_object_not_found_exception","reason":"[1:' + col + '] unknown field [bogus]"}'

async function search(body: string): Promise<{ status: number; body: string }> {
  return node.send('GET', '/shop/_search?size=0', body)
}

describe('queries inside aggregations', () => {
  it('filter: the parsing_exception itself, at the query', async () => {
    const response = await search('{"aggs":{"f":{"filter":{"bogus":{}}}}}')
    expect(response.status).toBe(400)
    expect(response.body).toBe(
      `{"error":{"root_cause":[${unknownQuery(33)}],"type":"parsing_exception","reason":"unknown query [bogus]",` +
        `"line":1,"col":33,"caused_by":${notFound(33)}},"status":400}`,
    )
  })

  it('filters, keyed and anonymous, and under a sub-aggregation', async () => {
    const keyed = await search(
      '{"aggs":{"f":{"filters":{"filters":{"a":{"term":{"tag":"a"}},"b":{"bogus":{}}}}}}}',
    )
    expect(keyed.status).toBe(400)
    expect(keyed.body).toContain(`"root_cause":[${unknownQuery(75)}]`)
    const anonymous = await search('{"aggs":{"f":{"filters":{"filters":[{"bogus":{}}]}}}}')
    expect(anonymous.body).toContain(`"root_cause":[${unknownQuery(46)}]`)
    const nested = await search(
      '{"aggs":{"t":{"terms":{"field":"tag.keyword"},"aggs":{"f":{"filter":{"bogus":{}}}}}}}',
    )
    expect(nested.body).toContain(`"root_cause":[${unknownQuery(78)}]`)
  })

  it('adjacency_matrix: wrapped by its ObjectParser, the root cause unwrapped', async () => {
    const response = await search('{"aggs":{"m":{"adjacency_matrix":{"filters":{"a":{"bogus":{}}}}}}}')
    expect(response.status).toBe(400)
    expect(response.body).toBe(
      `{"error":{"root_cause":[${unknownQuery(59)}],"type":"x_content_parse_exception",` +
        '"reason":"[1:59] [adjacency_matrix] failed to parse field [filters]",' +
        `"caused_by":{"type":"parsing_exception","reason":"unknown query [bogus]","line":1,"col":59,` +
        `"caused_by":${notFound(59)}}},"status":400}`,
    )
  })

  it('an empty query object is the IllegalArgumentException of parseInnerQueryBuilder, not a shard failure', async () => {
    const response = await search('{"aggs":{"f":{"filter":{}}}}')
    expect(response.status).toBe(400)
    expect(response.body).not.toContain('failed_shards')
  })
})
