// RestSearchAction.parseSearchRequest reads batched_reduce_size, then pre_filter_shard_size and
// max_concurrent_shard_requests when given, through SearchRequest's setters: a value below the least one allowed is
// illegal_argument_exception, answered before the indices are resolved (a missing index is not reported).
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'

describe('_search shard parameters', () => {
  it('refuses pre_filter_shard_size and max_concurrent_shard_requests below 1', async () => {
    const { cluster } = await clusterWithIndex(1)
    const cases: Array<[string, string]> = [
      ['pre_filter_shard_size=0', 'preFilterShardSize must be >= 1'],
      ['max_concurrent_shard_requests=0', 'maxConcurrentShardRequests must be >= 1'],
      ['batched_reduce_size=1&pre_filter_shard_size=0', 'batchedReduceSize must be >= 2'],
    ]
    for (const [query, reason] of cases) {
      const response = await cluster.send(1, 'GET', `/missing/_search?${query}`)
      expect(response.status).toBe(400)
      expect(JSON.parse(response.body)).toMatchObject({
        error: { type: 'illegal_argument_exception', reason },
      })
    }
    const fine = await cluster.send(
      1,
      'GET',
      '/idx/_search?pre_filter_shard_size=1&max_concurrent_shard_requests=1',
    )
    expect(fine.status).toBe(200)
  })
})
