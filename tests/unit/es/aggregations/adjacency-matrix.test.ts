// adjacency_matrix as ES 8.17 builds and prints it (search.aggregation/70_adjacency_matrix.yml): a bucket per named
// filter and per intersection of two, empty ones left out, sorted by key.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc } from './fixture.ts'
import { parseFailure } from './fixture.ts'

const docs: Doc[] = [{ num: [1, 2] }, { num: [2, 3] }, { num: [3, 4] }]
const types = { num: 'long' } as const

describe('adjacency_matrix', () => {
  it('matches 70_adjacency_matrix.yml, merged across shards', () => {
    expect(
      aggregate(
        [{ docs: docs.slice(0, 1) }, { docs: docs.slice(1) }],
        types,
        '{"conns":{"adjacency_matrix":{"filters":{"4":{"term":{"num":4}},"1":{"term":{"num":1}},"2":{"term":{"num":2}}}}}}',
      ),
    ).toBe(
      '{"conns":{"buckets":[{"key":"1","doc_count":1},{"key":"1&2","doc_count":1},{"key":"2","doc_count":2},{"key":"4","doc_count":1}]}}',
    )
  })

  it('takes a separator and a list of named filters, and runs sub-aggregations', () => {
    expect(
      aggregate(
        [{ docs }],
        types,
        '{"m":{"adjacency_matrix":{"separator":"+","filters":[{"b":{"term":{"num":3}}},{"a":{"term":{"num":2}}}]},"aggs":{"mx":{"max":{"field":"num"}}}}}',
      ),
    ).toBe(
      '{"m":{"buckets":[{"key":"a","doc_count":2,"mx":{"value":3.0}},{"key":"a+b","doc_count":1,"mx":{"value":3.0}},{"key":"b","doc_count":2,"mx":{"value":4.0}}]}}',
    )
  })

  it('refuses a request without filters as checkConsistency does', () => {
    expect(parseFailure('{"conns":{"adjacency_matrix":{}}}')).toBe(
      '{"error":{"root_cause":[{"type":"illegal_state_exception","reason":"[conns] is missing : filters parameter"}],"type":"illegal_state_exception","reason":"[conns] is missing : filters parameter"},"status":500}',
    )
  })
})
