// The sampler aggregation through EsNode, over search.aggregation/400_sampler.yml: each shard's best shard_size
// documents by score are the bucket its sub-aggregations read.
import { describe, expect, it } from 'vitest'
import { startNode } from './es-node-fixture.ts'
import { filterJson } from '../filter-json.ts'

async function sampled(sampler: object, size?: number): Promise<string> {
  const node = await startNode({})
  await node.send('PUT', '/test', {
    settings: { number_of_shards: 1 },
    mappings: { properties: { tags: { type: 'text' }, number: { type: 'integer' } } },
  })
  const docs = [
    ['kibana', 1],
    ['kibana', 2],
    ['kibana', 3],
    ['javascript', 4],
  ] as const
  for (const [i, [tags, number]] of docs.entries())
    await node.send('PUT', `/test/_doc/${i}`, { tags, number })
  await node.send('POST', '/test/_refresh')
  const response = await node.send('POST', '/test/_search?filter_path=aggregations,error.type,error.reason', {
    ...(size === undefined ? {} : { size }),
    query: { query_string: { query: 'tags:kibana OR tags:javascript' } },
    aggs: {
      sample: {
        sampler,
        aggs: { min_number: { min: { field: 'number' } }, max_number: { max: { field: 'number' } } },
      },
    },
  })
  return filterJson(response.body, 'aggregations,error.type,error.reason')
}

describe('sampler', () => {
  it('keeps the best-scoring document with shard_size 1', async () => {
    expect(await sampled({ shard_size: 1 })).toBe(
      '{"aggregations":{"sample":{"doc_count":1,"min_number":{"value":4.0},"max_number":{"value":4.0}}}}',
    )
  })

  it('scores the documents it samples under size 0 too', async () => {
    expect(await sampled({ shard_size: 1 }, 0)).toBe(
      '{"aggregations":{"sample":{"doc_count":1,"min_number":{"value":4.0},"max_number":{"value":4.0}}}}',
    )
  })

  it('keeps every document under the default shard_size of 100', async () => {
    expect(await sampled({})).toBe(
      '{"aggregations":{"sample":{"doc_count":4,"min_number":{"value":1.0},"max_number":{"value":4.0}}}}',
    )
  })

  it('refuses other properties as SamplerAggregationBuilder.parse does', async () => {
    expect(await sampled({ size: 'x' })).toBe(
      '{"error":{"type":"parsing_exception","reason":"Unsupported property \\"size\\" for aggregation \\"sample"}}',
    )
  })
})
