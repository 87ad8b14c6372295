// significant_terms with ES 8.17's default JLH heuristic, over the documents of
// search.aggregation/30_sig_terms.yml (`text` as a keyword field of the words each document's text holds).
import { describe, expect, it } from 'vitest'
import { aggregate, shard, type Doc } from './fixture.ts'
import {
  aggregationsResponse,
  collectAggregations,
  parseAggregations,
  reduceShardAggregations,
} from '../../../../workers/es/search/aggregations/index.ts'
import { parseJson, toJson } from '../../../../workers/es/xcontent/index.ts'
import { EsException, errorResponseBody } from '../../../../workers/es/errors/index.ts'

const goodbad: Doc[] = [
  { text: 'good', class: 'good' },
  { text: 'good', class: 'good' },
  { text: 'bad', class: 'bad' },
  { text: 'bad', class: 'bad' },
  { text: ['good', 'bad'], class: 'good' },
  { text: ['good', 'bad'], class: 'bad' },
  { text: 'bad', class: 'bad' },
]
const types = { text: 'keyword', class: 'keyword', d: 'double', ip: 'ip' } as const

describe('significant_terms', () => {
  it('finds each class`s own word against the whole index (30_sig_terms.yml)', () => {
    expect(
      aggregate(
        [{ docs: goodbad }],
        types,
        '{"class":{"terms":{"field":"class"},"aggs":{"sig_terms":{"significant_terms":{"field":"text"}}}}}',
      ),
    ).toBe(
      '{"class":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":"bad","doc_count":4,"sig_terms":{"doc_count":4,"bg_count":7,"buckets":[{"key":"bad","doc_count":4,"score":0.39999999999999997,"bg_count":5}]}},' +
        '{"key":"good","doc_count":3,"sig_terms":{"doc_count":3,"bg_count":7,"buckets":[{"key":"good","doc_count":3,"score":0.75,"bg_count":4}]}}]}}',
    )
  })

  it('sums the shards` foreground and background counts before scoring, and honours min_doc_count', () => {
    expect(
      aggregate(
        [
          { docs: goodbad.slice(0, 4), query: (doc) => doc['class'] === 'good' },
          { docs: goodbad.slice(4), query: (doc) => doc['class'] === 'good' },
        ],
        types,
        '{"s":{"significant_terms":{"field":"text","min_doc_count":1}}}',
      ),
    ).toBe(
      '{"s":{"doc_count":3,"bg_count":7,"buckets":[{"key":"good","doc_count":3,"score":0.75,"bg_count":4}]}}',
    )
  })

  it('takes its background from background_filter', () => {
    expect(
      aggregate(
        [{ docs: goodbad, query: (doc) => doc['class'] === 'bad' }],
        types,
        '{"s":{"significant_terms":{"field":"text","min_doc_count":1,"background_filter":{"term":{"class":"good"}}}}}',
      ),
    ).toBe(
      '{"s":{"doc_count":4,"bg_count":3,"buckets":[{"key":"bad","doc_count":4,"score":2.0,"bg_count":1}]}}',
    )
  })

  it('prints an unmapped field as UnmappedSignificantTerms does, and counts no unmapped shard', () => {
    expect(aggregate([{ docs: goodbad }], types, '{"s":{"significant_terms":{"field":"nope"}}}')).toBe(
      '{"s":{"buckets":[]}}',
    )
    const builders = parseAggregations(
      parseJson('{"s":{"significant_terms":{"field":"text","min_doc_count":1}}}'),
    )
    const mapped = collectAggregations(builders, shard(goodbad, types), [0, 1, 4])
    const unmapped = collectAggregations(builders, shard(goodbad, { class: 'keyword' }), [0, 1, 2, 3])
    expect(
      toJson(aggregationsResponse(reduceShardAggregations([mapped, unmapped], undefined, builders))),
    ).toBe(
      '{"s":{"doc_count":3,"bg_count":7,"buckets":[{"key":"good","doc_count":3,"score":0.75,"bg_count":4}]}}',
    )
  })

  it('keeps a shard_size below size, as its factory (unlike terms) does not raise it', () => {
    const docs: Doc[] = [
      { text: ['a', 'b'], class: 'x' },
      { text: 'b', class: 'y' },
      { text: 'c', class: 'y' },
      { text: 'c', class: 'y' },
    ]
    const sig = (shardSize: string) =>
      aggregate(
        [{ docs, query: (doc) => doc['class'] === 'x' }],
        types,
        `{"s":{"significant_terms":{"field":"text","min_doc_count":1,"size":2${shardSize}}}}`,
      )
    expect(sig('')).toBe(
      '{"s":{"doc_count":1,"bg_count":4,"buckets":[{"key":"a","doc_count":1,"score":3.0,"bg_count":1},' +
        '{"key":"b","doc_count":1,"score":1.0,"bg_count":2}]}}',
    )
    expect(sig(',"shard_size":1')).toBe(
      '{"s":{"doc_count":1,"bg_count":4,"buckets":[{"key":"a","doc_count":1,"score":3.0,"bg_count":1}]}}',
    )
  })

  it("refuses sizes below their bounds with SignificantTermsAggregationBuilder's texts", () => {
    const reason = (params: string): string => {
      try {
        aggregate([{ docs: goodbad }], types, `{"s":{"significant_terms":{"field":"text",${params}}}}`)
      } catch (e) {
        if (e instanceof EsException)
          return errorResponseBody(e).replace(/.*"caused_by":\{[^}]*"reason":"([^"]*)".*/, '$1')
      }
      return ''
    }
    expect(reason('"size":0')).toBe('[size] must be greater than 0. Found [0] in [s]')
    expect(reason('"shard_size":0')).toBe('[shardSize] must be greater than  0. Found [0] in [s]')
    expect(reason('"min_doc_count":-1')).toBe(
      '[minDocCount] must be greater than or equal to 0. Found [-1] in [s]',
    )
  })

  it('refuses a regular-expression exclude on an ip field (30_sig_terms.yml)', () => {
    expect(() =>
      aggregate(
        [{ docs: [{}] }],
        types,
        '{"ip_terms":{"significant_terms":{"field":"ip","exclude":"127.*"}}}',
      ),
    ).toThrow(
      'Aggregation [ip_terms] cannot support regular expression style include/exclude settings as they can only be applied to string fields. Use an array of values for include/exclude clauses',
    )
  })

  it('refuses floating-point fields as ES does', () => {
    let body = ''
    try {
      aggregate([{ docs: [{ d: 1.5 }] }], types, '{"s":{"significant_terms":{"field":"d"}}}')
    } catch (e) {
      if (e instanceof EsException) body = errorResponseBody(e)
    }
    expect(body).toBe(
      '{"error":{"root_cause":[{"type":"unsupported_operation_exception","reason":"No support for examining floating point numerics"}],"type":"unsupported_operation_exception","reason":"No support for examining floating point numerics"},"status":500}',
    )
  })
})
