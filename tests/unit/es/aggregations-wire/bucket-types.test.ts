// One exact test per bucket aggregation type: shard 0's wire form (the format, pinned), and the response
// ES renders for the reduce of both shards' results after they crossed the wire, sub-aggregations included.
import { describe, expect, it } from 'vitest'
import { throughWire } from './wire-fixture.ts'

const COUNT_DESC = [
  { by: '_count', asc: false },
  { by: '_key', asc: true },
]
const KEY_ASC = [{ by: '_key', asc: true }]
const metric = (name: string, kind: string, state: number, count: number, format: unknown = null) => ({
  type: 'numeric_metric',
  name,
  meta: null,
  kind,
  state,
  count,
  format,
})

describe('bucket aggregations over the wire', () => {
  it('adjacency_matrix: the non-empty buckets with their keys', () => {
    const { wire, rendered } = throughWire(
      '{"m":{"adjacency_matrix":{"filters":{"a":{"term":{"t":"a"}},"b":{"term":{"t":"b"}}}}}}',
    )
    expect(wire).toEqual([
      {
        type: 'adjacency_matrix',
        name: 'm',
        meta: null,
        buckets: [
          { key: 'a', docCount: 2, aggs: [] },
          { key: 'b', docCount: 1, aggs: [] },
          { key: 'a&b', docCount: 1, aggs: [] },
        ],
      },
    ])
    expect(rendered).toBe(
      '{"m":{"buckets":[{"key":"a","doc_count":2},{"key":"a&b","doc_count":1},{"key":"b","doc_count":2}]}}',
    )
  })

  it('significant_terms: its sizes and each bucket`s counts and score', () => {
    const { wire, rendered } = throughWire('{"s":{"significant_terms":{"field":"t","min_doc_count":1}}}', [
      [{ t: 'a' }, { t: ['a', 'b'] }, { t: 'c' }],
      [{ t: 'b' }, { t: 'c' }],
    ])
    expect(wire).toEqual([
      {
        type: 'significant_terms',
        name: 's',
        meta: null,
        settings: { size: 10, minDocCount: 1, valueType: 'string', format: null },
        subsetSize: 3,
        supersetSize: 3,
        buckets: [
          { key: 'a', docCount: 2, aggs: [], supersetDf: 2, score: 0 },
          { key: 'b', docCount: 1, aggs: [], supersetDf: 1, score: 0 },
          { key: 'c', docCount: 1, aggs: [], supersetDf: 1, score: 0 },
        ],
        mapped: true,
      },
    ])
    expect(rendered).toBe('{"s":{"doc_count":5,"bg_count":5,"buckets":[]}}')
  })

  it('rare_terms: its buckets and the keys its shard filtered', () => {
    const { wire, rendered } = throughWire(
      '{"r":{"rare_terms":{"field":"t"},"aggs":{"mx":{"max":{"field":"v"}}}}}',
    )
    expect(wire).toEqual([
      {
        type: 'rare_terms',
        name: 'r',
        meta: null,
        settings: { maxDocCount: 1, valueType: 'string', format: null, mapped: true },
        buckets: [{ key: 'b', docCount: 1, aggs: [metric('mx', 'max', 6, 2)] }],
        filtered: ['a'],
      },
    ])
    expect(rendered).toBe('{"r":{"buckets":[{"key":"c","doc_count":1,"mx":{"value":null}}]}}')
  })

  it('multi_terms: each term`s KeyConverter and format, the key lists and the shard`s error 0', () => {
    const { wire, rendered } = throughWire(
      '{"m":{"multi_terms":{"terms":[{"field":"t"},{"field":"v"}],"size":2},"aggs":{"mx":{"max":{"field":"d"}}}}}',
    )
    const bucket = (key: Array<string | number>, max: number) => ({
      key,
      docCount: 1,
      docCountError: 0,
      aggs: [metric('mx', 'max', max, 1)],
    })
    expect(wire).toEqual([
      {
        type: 'multi_terms',
        name: 'm',
        meta: null,
        settings: {
          order: COUNT_DESC,
          size: 2,
          shardSize: 13,
          minDocCount: 1,
          showTermDocCountError: false,
          converters: ['string', 'long'],
          formats: [null, null],
        },
        buckets: [
          bucket(['a', 1], 1.5),
          bucket(['a', 4], 2.5),
          bucket(['a', 6], 2.5),
          bucket(['b', 4], 2.5),
          bucket(['b', 6], 2.5),
        ],
        otherDocCount: 0,
        docCountError: 0,
      },
    ])
    expect(rendered).toBe(
      '{"m":{"doc_count_error_upper_bound":0,"sum_other_doc_count":4,"buckets":[' +
        '{"key":["a",1],"key_as_string":"a|1","doc_count":1,"mx":{"value":1.5}},' +
        '{"key":["a",4],"key_as_string":"a|4","doc_count":1,"mx":{"value":2.5}}]}}',
    )
  })

  it('auto_date_histogram: the rung, the zone and format, and the empty bucket`s sub-aggregations', () => {
    const { wire, rendered } = throughWire(
      '{"h":{"auto_date_histogram":{"field":"ts","buckets":3,"time_zone":"+02:00","format":"yyyy-MM-dd"},"aggs":{"mx":{"max":{"field":"v"}}}}}',
    )
    expect(wire).toEqual([
      {
        type: 'auto_date_histogram',
        name: 'h',
        meta: null,
        settings: {
          targetBuckets: 3,
          zone: '+02:00',
          minimumInterval: null,
          format: { type: 'date_time', pattern: 'yyyy-MM-dd', zone: '+02:00' },
        },
        roundingIdx: 2,
        innerInterval: 1,
        buckets: [
          { key: Date.UTC(2024, 0, 1, 10), docCount: 1, aggs: [metric('mx', 'max', 1, 1)] },
          { key: Date.UTC(2024, 0, 2, 10), docCount: 1, aggs: [metric('mx', 'max', 6, 2)] },
        ],
        emptySubs: [metric('mx', 'max', -Infinity, 0)],
      },
    ])
    // shard 1's one date (Feb 5) stays at seconds; the reduce climbs from hours to months
    expect(rendered).toBe(
      '{"h":{"buckets":[{"key_as_string":"2024-01-01","key":1704060000000,"doc_count":2,"mx":{"value":6.0}},' +
        '{"key_as_string":"2024-02-01","key":1706738400000,"doc_count":1,"mx":{"value":10.0}}],"interval":"1M"}}',
    )
  })

  it('terms, with meta and an avg per bucket', () => {
    const { wire, rendered } = throughWire(
      '{"t":{"terms":{"field":"t","size":2},"meta":{"k":1.50},"aggs":{"avg_v":{"avg":{"field":"v"}}}}}',
    )
    expect(wire).toEqual([
      {
        type: 'terms',
        name: 't',
        meta: '{"k":1.50}',
        settings: {
          order: COUNT_DESC,
          size: 2,
          shardSize: 13,
          minDocCount: 1,
          showTermDocCountError: false,
          valueType: 'string',
          format: null,
          mapped: true,
        },
        buckets: [
          { key: 'a', docCount: 2, docCountError: 0, aggs: [metric('avg_v', 'avg', 11, 3)] },
          { key: 'b', docCount: 1, docCountError: 0, aggs: [metric('avg_v', 'avg', 10, 2)] },
        ],
        otherDocCount: 0,
        docCountError: null,
      },
    ])
    expect(rendered).toBe(
      '{"t":{"meta":{"k":1.50},"doc_count_error_upper_bound":0,"sum_other_doc_count":1,"buckets":[' +
        '{"key":"a","doc_count":2,"avg_v":{"value":3.6666666666666665}},' +
        '{"key":"b","doc_count":2,"avg_v":{"value":6.666666666666667}}]}}',
    )
  })

  it('histogram, with the empty buckets min_doc_count 0 and extended_bounds add carrying their sub-aggregations', () => {
    const { wire, rendered } = throughWire(
      '{"h":{"histogram":{"field":"v","interval":2,"extended_bounds":{"max":13}},"aggs":{"m":{"max":{"field":"d"}}}}}',
    )
    expect(wire).toEqual([
      {
        type: 'histogram',
        name: 'h',
        meta: null,
        settings: {
          rounding: { type: 'interval', interval: 2, offset: 0 },
          order: KEY_ASC,
          minDocCount: 0,
          keyed: false,
          extendedBounds: { min: null, max: 13 },
          format: null,
          keyAsDouble: true,
        },
        buckets: [
          { key: 0, docCount: 1, aggs: [metric('m', 'max', 1.5, 1)] },
          { key: 4, docCount: 1, aggs: [metric('m', 'max', 2.5, 1)] },
          { key: 6, docCount: 1, aggs: [metric('m', 'max', 2.5, 1)] },
        ],
        emptySubs: [metric('m', 'max', -Infinity, 0)],
      },
    ])
    expect(rendered).toBe(
      '{"h":{"buckets":[{"key":0.0,"doc_count":1,"m":{"value":1.5}},{"key":2.0,"doc_count":0,"m":{"value":null}},' +
        '{"key":4.0,"doc_count":1,"m":{"value":2.5}},{"key":6.0,"doc_count":1,"m":{"value":2.5}},' +
        '{"key":8.0,"doc_count":0,"m":{"value":null}},{"key":10.0,"doc_count":1,"m":{"value":null}},' +
        '{"key":12.0,"doc_count":0,"m":{"value":null}}]}}',
    )
  })

  it('date_histogram, its calendar rounding, time zone and format crossing as data', () => {
    const { wire, rendered } = throughWire(
      '{"dh":{"date_histogram":{"field":"ts","calendar_interval":"month","time_zone":"+01:00","format":"yyyy-MM"},' +
        '"aggs":{"c":{"value_count":{"field":"t"}}}}}',
    )
    const jan = Date.UTC(2023, 11, 31, 23)
    expect(wire).toEqual([
      {
        type: 'histogram',
        name: 'dh',
        meta: null,
        settings: {
          rounding: { type: 'time_unit', unit: 'MONTH_OF_YEAR', zone: '+01:00', offset: 0 },
          order: KEY_ASC,
          minDocCount: 0,
          keyed: false,
          extendedBounds: null,
          format: { type: 'date_time', pattern: 'yyyy-MM', zone: '+01:00' },
          keyAsDouble: false,
        },
        buckets: [{ key: jan, docCount: 2, aggs: [metric('c', 'value_count', 3, 3)] }],
        emptySubs: [metric('c', 'value_count', 0, 0)],
      },
    ])
    expect(rendered).toBe(
      '{"dh":{"buckets":[{"key_as_string":"2024-01","key":1704063600000,"doc_count":2,"c":{"value":3}},' +
        '{"key_as_string":"2024-02","key":1706742000000,"doc_count":1,"c":{"value":1}}]}}',
    )
  })

  it('date_histogram with a fixed interval in a region zone', () => {
    const { wire, rendered } = throughWire(
      '{"dh":{"date_histogram":{"field":"ts","fixed_interval":"12h","time_zone":"America/New_York","min_doc_count":1}}}',
    )
    expect(wire).toMatchObject([
      {
        settings: {
          rounding: { type: 'time_interval', interval: 43_200_000, zone: 'America/New_York', offset: 0 },
          format: {
            type: 'date_time',
            pattern: 'strict_date_optional_time||epoch_millis',
            zone: 'America/New_York',
          },
        },
      },
    ])
    expect(rendered).toBe(
      '{"dh":{"buckets":[{"key_as_string":"2024-01-01T00:00:00.000-05:00","key":1704085200000,"doc_count":1},' +
        '{"key_as_string":"2024-01-02T00:00:00.000-05:00","key":1704171600000,"doc_count":1},' +
        '{"key_as_string":"2024-02-04T12:00:00.000-05:00","key":1707066000000,"doc_count":1}]}}',
    )
  })

  it('range, open ends crossing as infinities', () => {
    const { wire, rendered } = throughWire(
      '{"r":{"range":{"field":"v","ranges":[{"to":5},{"from":5,"key":"high"}]},"aggs":{"s":{"sum":{"field":"d"}}}}}',
    )
    expect(wire).toEqual([
      {
        type: 'range',
        name: 'r',
        meta: null,
        rangeType: 'range',
        keyed: false,
        format: null,
        buckets: [
          { key: '*-5.0', from: -Infinity, to: 5, docCount: 2, aggs: [metric('s', 'sum', 4, 2)] },
          { key: 'high', from: 5, to: Infinity, docCount: 1, aggs: [metric('s', 'sum', 2.5, 1)] },
        ],
      },
    ])
    expect(rendered).toBe(
      '{"r":{"buckets":[{"key":"*-5.0","to":5.0,"doc_count":2,"s":{"value":4.0}},' +
        '{"key":"high","from":5.0,"doc_count":2,"s":{"value":2.5}}]}}',
    )
  })

  it('date_range, keyed, with the field format of a date metric below', () => {
    const { wire, rendered } = throughWire(
      '{"dr":{"date_range":{"field":"ts","format":"yyyy-MM-dd","keyed":true,' +
        '"ranges":[{"to":"2024-01-02"},{"from":"2024-01-02"}]},"aggs":{"mn":{"min":{"field":"ts"}}}}}',
    )
    const fieldFormat = { type: 'date_time', pattern: 'strict_date_optional_time||epoch_millis', zone: 'Z' }
    expect(wire).toEqual([
      {
        type: 'range',
        name: 'dr',
        meta: null,
        rangeType: 'date_range',
        keyed: true,
        format: { type: 'date_time', pattern: 'yyyy-MM-dd', zone: 'Z' },
        buckets: [
          {
            key: '*-2024-01-02',
            from: -Infinity,
            to: Date.UTC(2024, 0, 2),
            docCount: 1,
            aggs: [metric('mn', 'min', Date.UTC(2024, 0, 1, 10), 1, fieldFormat)],
          },
          {
            key: '2024-01-02-*',
            from: Date.UTC(2024, 0, 2),
            to: Infinity,
            docCount: 1,
            aggs: [metric('mn', 'min', Date.UTC(2024, 0, 2, 10), 1, fieldFormat)],
          },
        ],
      },
    ])
    expect(rendered).toBe(
      '{"dr":{"buckets":{"*-2024-01-02":{"to":1.7041536E12,"to_as_string":"2024-01-02","doc_count":1,' +
        '"mn":{"value":1.7041032E12,"value_as_string":"2024-01-01T10:00:00.000Z"}},' +
        '"2024-01-02-*":{"from":1.7041536E12,"from_as_string":"2024-01-02","doc_count":2,' +
        '"mn":{"value":1.7041896E12,"value_as_string":"2024-01-02T10:00:00.000Z"}}}}}',
    )
  })

  it('filter, with boolean terms below (DocValueFormat.BOOLEAN crossing as its name)', () => {
    const { wire, rendered } = throughWire(
      '{"f":{"filter":{"term":{"t":"a"}},"aggs":{"tt":{"terms":{"field":"b"}}}}}',
    )
    expect(wire).toMatchObject([
      {
        type: 'single_bucket',
        name: 'f',
        meta: null,
        bucketType: 'filter',
        bucket: {
          docCount: 2,
          aggs: [
            {
              type: 'terms',
              settings: { valueType: 'long', format: { type: 'bool' } },
              buckets: [
                { key: 0, docCount: 1 },
                { key: 1, docCount: 1 },
              ],
            },
          ],
        },
      },
    ])
    expect(rendered).toBe(
      '{"f":{"doc_count":2,"tt":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":0,"key_as_string":"false","doc_count":1},{"key":1,"key_as_string":"true","doc_count":1}]}}}',
    )
  })

  it('filters, named and keyed, with the other bucket', () => {
    const { wire, rendered } = throughWire(
      '{"fs":{"filters":{"other_bucket_key":"rest","filters":{"is_a":{"term":{"t":"a"}},' +
        '"big":{"range":{"v":{"gte":5}}}}},"aggs":{"n":{"value_count":{"field":"v"}}}}}',
    )
    expect(wire).toEqual([
      {
        type: 'filters',
        name: 'fs',
        meta: null,
        keyed: true,
        buckets: [
          { key: 'big', docCount: 1, aggs: [metric('n', 'value_count', 2, 2)] },
          { key: 'is_a', docCount: 2, aggs: [metric('n', 'value_count', 3, 3)] },
          { key: 'rest', docCount: 0, aggs: [metric('n', 'value_count', 0, 0)] },
        ],
      },
    ])
    expect(rendered).toBe(
      '{"fs":{"buckets":{"big":{"doc_count":2,"n":{"value":3}},"is_a":{"doc_count":2,"n":{"value":3}},' +
        '"rest":{"doc_count":1,"n":{"value":0}}}}}',
    )
  })

  it('filters, anonymous, render as a list without keys', () => {
    const { wire, rendered } = throughWire('{"fs":{"filters":{"filters":[{"term":{"t":"b"}}]}}}')
    expect(wire).toEqual([
      {
        type: 'filters',
        name: 'fs',
        meta: null,
        keyed: false,
        buckets: [{ key: null, docCount: 1, aggs: [] }],
      },
    ])
    expect(rendered).toBe('{"fs":{"buckets":[{"doc_count":2}]}}')
  })

  it('missing, with terms below', () => {
    const { wire, rendered } = throughWire(
      '{"mi":{"missing":{"field":"v"},"aggs":{"tt":{"terms":{"field":"t"}}}}}',
    )
    expect(wire).toMatchObject([{ type: 'single_bucket', name: 'mi', bucket: { docCount: 0 } }])
    expect(rendered).toBe(
      '{"mi":{"doc_count":1,"tt":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,' +
        '"buckets":[{"key":"c","doc_count":1}]}}}',
    )
  })

  it('global, with a cardinality below', () => {
    const { wire, rendered } = throughWire('{"g":{"global":{},"aggs":{"c":{"cardinality":{"field":"t"}}}}}')
    expect(wire).toMatchObject([{ type: 'single_bucket', name: 'g', bucket: { docCount: 2 } }])
    expect(rendered).toBe('{"g":{"doc_count":4,"c":{"value":3}}}')
  })
})
