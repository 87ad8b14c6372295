// median_absolute_deviation and boxplot over ES 8.17's TDigestState (a SortingDigest below 20 · compression
// samples): InternalMedianAbsoluteDeviation and x-pack's InternalBoxplot with its whiskers.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc } from './fixture.ts'
import { parseFailure } from './fixture.ts'

const values = (list: number[]): Doc[] => list.map((v) => ({ v, k: v > 5 ? 'high' : 'low' }))
const types = { v: 'long', k: 'keyword' } as const

describe('median_absolute_deviation', () => {
  it('is the median of the deviations from the median, merged across shards', () => {
    const docs = values([1, 1, 2, 2, 4, 6, 9])
    expect(
      aggregate(
        [{ docs: docs.slice(0, 3) }, { docs: docs.slice(3) }],
        types,
        '{"m":{"median_absolute_deviation":{"field":"v"}}}',
      ),
    ).toBe('{"m":{"value":1.0}}')
    expect(
      aggregate([{ docs: values([1, 2, 4, 8]) }], types, '{"m":{"median_absolute_deviation":{"field":"v"}}}'),
    ).toBe('{"m":{"value":1.5}}')
  })

  it('prints null without values, applies `missing` and `format`, and sorts terms buckets', () => {
    expect(aggregate([{ docs: [{}] }], types, '{"m":{"median_absolute_deviation":{"field":"v"}}}')).toBe(
      '{"m":{"value":null}}',
    )
    expect(
      aggregate(
        [{ docs: [...values([2, 4]), {}] }],
        types,
        '{"m":{"median_absolute_deviation":{"field":"v","missing":10,"format":"0.0"}}}',
      ),
    ).toBe('{"m":{"value":2.0,"value_as_string":"2.0"}}')
    expect(
      aggregate(
        [{ docs: values([1, 2, 9, 6, 20]) }],
        types,
        '{"t":{"terms":{"field":"k","order":{"m":"desc"}},"aggs":{"m":{"median_absolute_deviation":{"field":"v"}}}}}',
      ),
    ).toBe(
      '{"t":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"high","doc_count":3,"m":{"value":3.0}},{"key":"low","doc_count":2,"m":{"value":0.5}}]}}',
    )
  })

  it('refuses a compression that is not positive', () => {
    expect(parseFailure('{"m":{"median_absolute_deviation":{"field":"v","compression":0}}}')).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:1] [median_absolute_deviation] failed to parse field [compression]"}],"type":"x_content_parse_exception","reason":"[1:1] [median_absolute_deviation] failed to parse field [compression]","caused_by":{"type":"illegal_argument_exception","reason":"[compression] must be greater than 0. Found [0.0] in [m]"}},"status":400}',
    )
  })
})

describe('boxplot', () => {
  it('matches x-pack analytics/boxplot.yml (8.9+ digest), with missing', () => {
    const latency: Doc[] = [{ v: 2 }, { v: 3 }, { v: 5 }, { v: 10 }, { v: 15 }, {}]
    expect(aggregate([{ docs: latency }], types, '{"plot":{"boxplot":{"field":"v"}}}')).toBe(
      '{"plot":{"min":2.0,"max":15.0,"q1":3.0,"q2":5.0,"q3":10.0,"lower":2.0,"upper":15.0}}',
    )
    expect(aggregate([{ docs: latency }], types, '{"plot":{"boxplot":{"field":"v","missing":10000}}}')).toBe(
      '{"plot":{"min":2.0,"max":10000.0,"q1":3.5,"q2":7.5,"q3":13.75,"lower":2.0,"upper":15.0}}',
    )
  })

  it('prints min, max, the quartiles and the whiskers, leaving out an outlier', () => {
    const docs = values([1, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    expect(
      aggregate(
        [{ docs: docs.slice(0, 4) }, { docs: docs.slice(4) }],
        types,
        '{"b":{"boxplot":{"field":"v"}}}',
      ),
    ).toBe('{"b":{"min":1.0,"max":100.0,"q1":3.25,"q2":5.5,"q3":7.75,"lower":1.0,"upper":9.0}}')
  })

  it('moves the lower whisker past a low outlier, and formats every value', () => {
    expect(
      aggregate(
        [{ docs: values([-50, 10, 11, 12, 13]) }],
        types,
        '{"b":{"boxplot":{"field":"v","format":"0.0"}}}',
      ),
    ).toBe(
      '{"b":{"min":-50.0,"max":13.0,"q1":10.0,"q2":11.0,"q3":12.0,"lower":10.0,"upper":13.0,"min_as_string":"-50.0","max_as_string":"13.0","q1_as_string":"10.0","q2_as_string":"11.0","q3_as_string":"12.0","lower_as_string":"10.0","upper_as_string":"13.0"}}',
    )
  })

  it('prints the empty digest as ES does, and sorts terms buckets by a named value', () => {
    expect(aggregate([{ docs: [{}] }], types, '{"b":{"boxplot":{"field":"v"}}}')).toBe(
      '{"b":{"min":"Infinity","max":"-Infinity","q1":"NaN","q2":"NaN","q3":"NaN","lower":"NaN","upper":"-Infinity"}}',
    )
    expect(
      aggregate(
        [{ docs: values([1, 2, 9, 6, 20]) }],
        types,
        '{"t":{"terms":{"field":"k","order":{"b.q1":"asc"}},"aggs":{"b":{"boxplot":{"field":"v"}}}}}',
      ),
    ).toContain('"buckets":[{"key":"low"')
  })

  it('refuses a negative compression', () => {
    expect(parseFailure('{"b":{"boxplot":{"field":"v","compression":-1}}}')).toContain(
      '"reason":"[compression] must be greater than or equal to 0. Found [-1.0] in [b]"',
    )
  })
})
