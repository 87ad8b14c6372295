// composite through EsNode's search path with the setup of the YAML REST test 230_composite.yml (indices `test`
// and `other`): the geotile_grid source and its `after`, an index where the fields are unmapped, and the shard
// failure of a composite under a terms aggregation.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { filterJson } from '../filter-json.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/test', {
    settings: { number_of_shards: 2 },
    mappings: {
      properties: {
        date: { type: 'date' },
        keyword: { type: 'keyword' },
        long: { type: 'long' },
        geo_point: { type: 'geo_point' },
      },
    },
  })
  await node.send('PUT', '/other', {
    mappings: { properties: { date: { type: 'date' }, long: { type: 'long' } } },
  })
  const docs = [
    { keyword: 'foo', long: [10, 20], geo_point: '37.2343,-115.8067' },
    { keyword: ['foo', 'bar'], geo_point: '41.12,-71.34' },
    { keyword: 'bar', long: [100, 0], geo_point: '90.0,0.0' },
    { keyword: 'bar', long: [1000, 0], geo_point: '41.12,-71.34' },
    { date: '2017-10-20T03:08:45' },
    { date: '2017-10-21T07:00:00' },
  ]
  for (const [i, doc] of docs.entries()) await node.send('PUT', `/test/_doc/${i + 1}`, doc)
  await node.send('PUT', '/other/_doc/0', { date: '2017-10-20T03:08:45' })
  await node.send('POST', '/test,other/_refresh')
})

async function search(index: string, composite: object, extra: object = {}): Promise<string> {
  const response = await node.send('POST', `/${index}/_search?filter_path=aggregations,error`, {
    size: 0,
    aggs: { test: { composite, ...extra } },
  })
  return filterJson(response.body, 'aggregations,error')
}

const GEO_KW = [
  { geo: { geotile_grid: { field: 'geo_point', precision: 12 } } },
  { kw: { terms: { field: 'keyword' } } },
]

describe('composite on a node', () => {
  it('Simple Composite aggregation with GeoTile grid, and after a tile', async () => {
    expect(await search('test', { sources: GEO_KW })).toBe(
      '{"aggregations":{"test":{"after_key":{"geo":"12/2048/0","kw":"bar"},"buckets":[' +
        '{"key":{"geo":"12/730/1590","kw":"foo"},"doc_count":1},{"key":{"geo":"12/1236/1533","kw":"bar"},"doc_count":2},' +
        '{"key":{"geo":"12/1236/1533","kw":"foo"},"doc_count":1},{"key":{"geo":"12/2048/0","kw":"bar"},"doc_count":1}]}}}',
    )
    expect(await search('test', { sources: GEO_KW, after: { geo: '12/730/1590', kw: 'foo' } })).toContain(
      '"buckets":[{"key":{"geo":"12/1236/1533","kw":"bar"},"doc_count":2},',
    )
    expect(await search('test', { sources: GEO_KW, after: { geo: '12/730', kw: 'foo' } })).toContain(
      '"reason":"Invalid geotile_grid hash string of 12/730. Must be three integers in a form \\"zoom/x/y\\"."',
    )
  })

  it('Composite aggregation with unmapped field: the other index adds nothing', async () => {
    const sources = [{ long: { terms: { field: 'long' } } }, { kw: { terms: { field: 'keyword' } } }]
    expect(await search('test,other', { sources, after: { long: 100, kw: 'bar' } })).toBe(
      '{"aggregations":{"test":{"after_key":{"long":1000,"kw":"bar"},"buckets":[{"key":{"long":1000,"kw":"bar"},"doc_count":1}]}}}',
    )
  })

  it('Invalid Composite aggregation: under terms every shard fails', async () => {
    const response = await node.send('POST', '/test/_search?filter_path=error.root_cause,status', {
      aggs: {
        test: {
          terms: { field: 'long' },
          aggs: { invalid_child: { composite: { sources: [{ kw: { terms: { field: 'keyword' } } }] } } },
        },
      },
    })
    expect(filterJson(response.body, 'error.root_cause,status')).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"[composite] aggregation cannot be used with a parent aggregation of type: [TermsAggregatorFactory]"}]},"status":400}',
    )
  })
})
