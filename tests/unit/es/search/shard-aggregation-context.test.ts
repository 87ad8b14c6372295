// The shard's random_sampler view (search/shard-aggregation-context.ts): its segments and ShardId.hashCode seed, read
// through a node. With shard_seed the sample is fixed by the segment's doc ids: checked against a Java run of the
// same RandomSamplingQuery skip (p 0.25, seed 5, hash 9 over 20 docs: 1, 9 and 16).
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/data', {
    settings: { number_of_shards: 1 },
    mappings: { properties: { n: { type: 'long' } } },
  })
  for (let i = 0; i < 20; i++) await node.send('PUT', `/data/_doc/${i}`, { n: i })
  await node.send('POST', '/data/_refresh')
})

async function sample(sampler: object): Promise<string> {
  const body = {
    size: 0,
    aggs: {
      s: {
        random_sampler: sampler,
        aggs: { ns: { terms: { field: 'n', size: 20, order: { _key: 'asc' } } } },
      },
    },
  }
  return (await node.send('POST', '/data/_search?filter_path=aggregations', body)).body
}

describe('random_sampler on a node', () => {
  it('samples the segment`s doc ids with the shard_seed as hash', async () => {
    expect(await sample({ probability: 0.25, seed: 5, shard_seed: 9 })).toBe(
      '{"aggregations":{"s":{"seed":5,"shard_seed":9,"probability":0.25,"doc_count":3,"ns":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,' +
        '"buckets":[{"key":1,"doc_count":4},{"key":9,"doc_count":4},{"key":16,"doc_count":4}]}}}}',
    )
  })

  it('draws the same sample again from the shard`s own seed', async () => {
    const first = await sample({ probability: 0.25, seed: 5 })
    expect(await sample({ probability: 0.25, seed: 5 })).toBe(first)
    expect(first).toContain('"seed":5,"probability":0.25,')
  })
})
