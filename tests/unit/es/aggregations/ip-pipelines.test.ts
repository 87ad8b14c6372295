// Pipelines over the buckets of an `ip` field's terms and rare_terms: StringTerms.Bucket.getKey is its
// getKeyAsString (DocValueFormat.IP's address text), so max_bucket's `keys` and bucket_sort's `_key` see the
// addresses as ES 8.17 prints them (BucketMetricsPipelineAggregator, BucketSortPipelineAggregator), not the terms.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function hosts(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/hosts', { mappings: { properties: { ip: { type: 'ip' } } } })
  const ips = ['10.0.0.2', '::1', '9.0.0.1', '10.0.0.2', '192.168.0.1', '::1']
  for (const [i, ip] of ips.entries()) await node.send('PUT', `/hosts/_doc/${i + 1}`, { ip })
  await node.send('POST', '/hosts/_refresh')
  return node
}

async function aggregations(node: TestNode, aggs: object): Promise<unknown> {
  const response = await node.send('POST', '/hosts/_search', { size: 0, aggs })
  expect(response.status).toBe(200)
  return (JSON.parse(response.body) as { aggregations: unknown }).aggregations
}

describe('pipelines over ip buckets', () => {
  it('max_bucket and min_bucket name the buckets by their addresses', async () => {
    const node = await hosts()
    expect(
      await aggregations(node, {
        ips: { terms: { field: 'ip' } },
        rare: { rare_terms: { field: 'ip' } },
        most: { max_bucket: { buckets_path: 'ips>_count' } },
        least: { min_bucket: { buckets_path: 'rare>_count' } },
      }),
    ).toEqual({
      ips: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [
          { key: '::1', doc_count: 2 },
          { key: '10.0.0.2', doc_count: 2 },
          { key: '9.0.0.1', doc_count: 1 },
          { key: '192.168.0.1', doc_count: 1 },
        ],
      },
      rare: {
        buckets: [
          { key: '9.0.0.1', doc_count: 1 },
          { key: '192.168.0.1', doc_count: 1 },
        ],
      },
      most: { value: 2, keys: ['::1', '10.0.0.2'] },
      least: { value: 1, keys: ['9.0.0.1', '192.168.0.1'] },
    })
  })

  it("bucket_sort's _key compares the addresses' text", async () => {
    const node = await hosts()
    const sorted = (order: string): Promise<unknown> =>
      aggregations(node, {
        ips: {
          terms: { field: 'ip' },
          aggs: { by_key: { bucket_sort: { sort: [{ _key: { order } }], size: 3 } } },
        },
      })
    expect(await sorted('asc')).toEqual({
      ips: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [
          { key: '10.0.0.2', doc_count: 2 },
          { key: '192.168.0.1', doc_count: 1 },
          { key: '9.0.0.1', doc_count: 1 },
        ],
      },
    })
    expect(await sorted('desc')).toEqual({
      ips: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [
          { key: '::1', doc_count: 2 },
          { key: '9.0.0.1', doc_count: 1 },
          { key: '192.168.0.1', doc_count: 1 },
        ],
      },
    })
  })
})
