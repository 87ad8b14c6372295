// variable_width_histogram as ES 8 clusters, reduces and prints it: search.aggregation/350_variable_width_histogram.yml,
// the merge phase past `initial_buffer`, the buffer's renumbering as ES's merge map does it, and the builder's errors.
import { describe, expect, it } from 'vitest'
import { aggregate, parseFailure, type Doc, type Types } from './fixture.ts'
import { failure } from '../es-failure.ts'
import { parseAggregations } from '../../../../workers/es/search/aggregations/index.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import type { IndexLimits } from '../../../../workers/es/index/index-limit-settings.ts'

const types: Types = { number: 'long', price: 'double' }
const numbers = (...values: number[]): Doc[] => values.map((number) => ({ number }))
const histo = (extra: object, aggs?: object) =>
  JSON.stringify({
    histo: { variable_width_histogram: { field: 'number', ...extra }, ...(aggs && { aggs }) },
  })

describe('variable_width_histogram', () => {
  it('clusters the yml test`s numbers into 3 buckets', () => {
    expect(aggregate([{ docs: numbers(-3, -2, 1, 4, 5) }], types, histo({ buckets: 3 }))).toBe(
      '{"histo":{"buckets":[' +
        '{"min":-3.0,"key":-2.5,"max":-2.0,"doc_count":2},' +
        '{"min":1.0,"key":1.0,"max":1.0,"doc_count":1},' +
        '{"min":4.0,"key":4.5,"max":5.0,"doc_count":2}]}}',
    )
  })

  it('past initial_buffer adds each value to the nearest cluster, or a new one when it is far', () => {
    // buffer [0, 10]; 11 joins 10; 50 is farther than twice the average distance (10.5); 1 joins 0
    const body = histo({ buckets: 2, shard_size: 4, initial_buffer: 2 })
    expect(aggregate([{ docs: numbers(0, 10, 11, 50, 1) }], types, body)).toBe(
      '{"histo":{"buckets":[' +
        '{"min":0.0,"key":5.5,"max":11.0,"doc_count":4},' +
        '{"min":50.0,"key":50.0,"max":50.0,"doc_count":1}]}}',
    )
  })

  it('merges the closest centroids across shards, weighting each by its doc count', () => {
    const body = histo({ buckets: 2 })
    expect(aggregate([{ docs: numbers(0, 10) }, { docs: numbers(4, 6) }], types, body)).toBe(
      '{"histo":{"buckets":[' +
        '{"min":0.0,"key":3.3333333333333335,"max":6.0,"doc_count":3},' +
        '{"min":10.0,"key":10.0,"max":10.0,"doc_count":1}]}}',
    )
  })

  it('renumbers the buffered documents as ES`s merge map does (by the sorted order, not its inverse)', () => {
    // values collected 3, 1, 2: clusters 1, 2, 3 by value; document 0 (3) lands in cluster 1, document 1 (1) in
    // cluster 2 and document 2 (2) in cluster 0, so the sub-aggregation sees those documents
    const body = histo({ buckets: 3, shard_size: 4 }, { top: { max: { field: 'number' } } })
    expect(aggregate([{ docs: numbers(3, 1, 2) }], types, body)).toBe(
      '{"histo":{"buckets":[' +
        '{"min":1.0,"key":1.0,"max":1.0,"doc_count":1,"top":{"value":2.0}},' +
        '{"min":2.0,"key":2.0,"max":2.0,"doc_count":1,"top":{"value":3.0}},' +
        '{"min":3.0,"key":3.0,"max":3.0,"doc_count":1,"top":{"value":1.0}}]}}',
    )
  })

  it('prints the bounds and key with a format', () => {
    const body = JSON.stringify({
      p: { variable_width_histogram: { field: 'price', buckets: 1, format: '0.00' } },
    })
    expect(aggregate([{ docs: [{ price: 1 }, { price: 2.5 }] }], types, body)).toBe(
      '{"p":{"buckets":[{"min":1.0,"min_as_string":"1.00","key":1.75,"key_as_string":"1.75",' +
        '"max":2.5,"max_as_string":"2.50","doc_count":2}]}}',
    )
  })

  it('refuses bad sizes when parsing and when building on a shard', () => {
    expect(parseFailure(histo({ buckets: 0 }))).toContain(
      '"caused_by":{"type":"illegal_argument_exception","reason":"buckets must be greater than [0] for [histo]"}',
    )
    expect(parseFailure(histo({ shard_size: 1 }))).toContain(
      'shard_size must be greater than [1] for [histo]',
    )
    const build = (extra: object) => () =>
      parseAggregations(parseJson(histo(extra)))[0]!.checkLimits!({} as IndexLimits)
    expect(failure(build({ buckets: 3, initial_buffer: 2 }))).toEqual({
      type: 'illegal_argument_exception',
      reason: 'initial_buffer must be at least buckets but was [2<3] for [histo]',
    })
    expect(failure(build({ buckets: 3, shard_size: 2 }))).toEqual({
      type: 'illegal_argument_exception',
      reason: '3/4 of shard_size must be at least buckets but was [1<3] for [histo]',
    })
    expect(failure(build({ buckets: 70000 }))).toEqual({
      type: 'illegal_argument_exception',
      reason: 'buckets must be less than 65536',
    })
  })
})
