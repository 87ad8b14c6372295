// terms with min_doc_count 0 (MapStringTermsAggregator's and NumericTermsAggregator's collectZeroDocEntriesIfNeeded,
// GlobalOrdinalsStringTermsAggregator's walk of every ordinal): every value of the shard's documents is a bucket, the
// ones no matching document has with doc_count 0 and empty sub-aggregations, filtered by include / exclude.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/farm', {
    settings: { number_of_shards: 1 },
    mappings: { properties: { animal: { type: 'keyword' }, legs: { type: 'long' } } },
  })
  const docs = [
    { animal: 'sheep', legs: 4 },
    { animal: 'sheep', legs: 4 },
    { animal: 'hen', legs: 2 },
    { animal: 'pig', legs: 4 },
    { animal: 'eel', legs: 0 },
  ]
  for (const [i, doc] of docs.entries()) await node.send('PUT', `/farm/_doc/${i}`, doc)
  await node.send('POST', '/farm/_refresh')
}, 60_000)

async function buckets(terms: object): Promise<unknown> {
  const response = await node.send('GET', '/farm/_search?size=0&filter_path=aggregations.t.buckets', {
    query: { term: { animal: 'sheep' } },
    aggs: { t: { terms, aggs: { most: { max: { field: 'legs' } } } } },
  })
  return (JSON.parse(response.body) as { aggregations: { t: { buckets: unknown } } }).aggregations.t.buckets
}

describe('terms min_doc_count 0', () => {
  it('adds the empty buckets of a keyword, ordered by count then key', async () => {
    expect(await buckets({ field: 'animal', min_doc_count: 0, exclude: ['hen'] })).toEqual([
      { key: 'sheep', doc_count: 2, most: { value: 4 } },
      { key: 'eel', doc_count: 0, most: { value: null } },
      { key: 'pig', doc_count: 0, most: { value: null } },
    ])
  })

  it('adds the empty buckets of a number', async () => {
    expect(await buckets({ field: 'legs', min_doc_count: 0 })).toEqual([
      { key: 4, doc_count: 2, most: { value: 4 } },
      { key: 0, doc_count: 0, most: { value: null } },
      { key: 2, doc_count: 0, most: { value: null } },
    ])
  })

  it('keeps only the matched values by default', async () => {
    expect(await buckets({ field: 'animal' })).toEqual([{ key: 'sheep', doc_count: 2, most: { value: 4 } }])
  })
})
