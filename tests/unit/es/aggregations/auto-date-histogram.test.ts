// auto_date_histogram as ES 8.17 collects, reduces and prints it (aggregations/auto_date_histogram.yml): the
// rounding ladder, the shard collectors (FromSingle at the top level, FromMany under a multi-bucket parent), the
// reduce's climb, empty buckets and consecutive-bucket merge behind "interval", and the builder's errors.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc } from './fixture.ts'
import {
  checkAggregationLimits,
  parseAggregations,
} from '../../../../workers/es/search/aggregations/index.ts'
import {
  collectFromMany,
  collectFromSingle,
} from '../../../../workers/es/search/aggregations/bucket/auto-date-collector.ts'
import { buildRoundings } from '../../../../workers/es/search/aggregations/bucket/auto-date-rounding.ts'
import { ZoneId } from '../../../../workers/es/common/time/index.ts'
import { indexLimits } from '../../../../workers/es/index/index-limit-settings.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import { failureBody } from '../es-failure.ts'

const types = { date: 'date', v: 'long', t: 'keyword' } as const
const at = (text: string) => Date.parse(text)

/** The buckets' key_as_string and doc_count, and the interval. */
function summary(json: string): string {
  const h = (
    JSON.parse(json) as {
      h: { interval: string; buckets: Array<{ key_as_string: string; doc_count: number }> }
    }
  ).h
  return `${h.interval} ${h.buckets.map((b) => `${b.key_as_string}:${b.doc_count}`).join(' ')}`
}

const MARCH: Doc[] = [
  { date: at('2020-03-01'), v: 1 },
  { date: at('2020-03-02'), v: 2 },
  { date: at('2020-03-08'), v: 3 },
  { date: at('2020-03-09'), v: 4 },
]

describe('auto_date_histogram', () => {
  it('merges runs of 7 day buckets into "7d" (basic, avg_bucket)', () => {
    expect(
      aggregate(
        [{ docs: MARCH }],
        types,
        '{"h":{"auto_date_histogram":{"field":"date","buckets":2},"aggs":{"v":{"sum":{"field":"v"}}}},"a":{"avg_bucket":{"buckets_path":"h.v"}}}',
      ),
    ).toBe(
      '{"h":{"buckets":[{"key_as_string":"2020-03-01T00:00:00.000Z","key":1583020800000,"doc_count":2,"v":{"value":3.0}},' +
        '{"key_as_string":"2020-03-08T00:00:00.000Z","key":1583625600000,"doc_count":2,"v":{"value":7.0}}],"interval":"7d"},' +
        '"a":{"value":5.0}}',
    )
    // ten buckets fit the nine days, empty ones included
    expect(
      summary(aggregate([{ docs: MARCH }], types, '{"h":{"auto_date_histogram":{"field":"date"}}}')),
    ).toBe(
      '1d 2020-03-01T00:00:00.000Z:1 2020-03-02T00:00:00.000Z:1 2020-03-03T00:00:00.000Z:0 2020-03-04T00:00:00.000Z:0 ' +
        '2020-03-05T00:00:00.000Z:0 2020-03-06T00:00:00.000Z:0 2020-03-07T00:00:00.000Z:0 2020-03-08T00:00:00.000Z:1 ' +
        '2020-03-09T00:00:00.000Z:1',
    )
  })

  it('climbs on the coordinating node from the shards` seconds to hours, then "3h" (two indices)', () => {
    const shards = [
      { docs: [{ date: at('2017-10-20T03:08:45Z') }] },
      { docs: [{ date: at('2017-10-20T04:10:15Z') }] },
    ]
    expect(aggregate(shards, types, '{"h":{"auto_date_histogram":{"field":"date","buckets":2}}}')).toBe(
      '{"h":{"buckets":[{"key_as_string":"2017-10-20T03:00:00.000Z","key":1508468400000,"doc_count":1},' +
        '{"key_as_string":"2017-10-20T04:00:00.000Z","key":1508472000000,"doc_count":1}],"interval":"1h"}}',
    )
    expect(aggregate(shards, types, '{"h":{"auto_date_histogram":{"field":"date","buckets":1}}}')).toBe(
      '{"h":{"buckets":[{"key_as_string":"2017-10-20T03:00:00.000Z","key":1508468400000,"doc_count":2}],"interval":"3h"}}',
    )
  })

  it('groups months by three from the first bucket ("3M"), honours minimum_interval, format and time_zone', () => {
    const months = Array.from({ length: 13 }, (_, i): Doc => ({ date: Date.UTC(2024, i, 1) }))
    expect(
      summary(
        aggregate(
          [{ docs: months }],
          types,
          '{"h":{"auto_date_histogram":{"field":"date","buckets":5,"format":"yyyy-MM"}}}',
        ),
      ),
    ).toBe('3M 2024-01:3 2024-04:3 2024-07:3 2024-10:3 2025-01:1')
    const two = [{ docs: [{ date: at('2017-10-20T03:08:45Z') }, { date: at('2017-10-20T04:10:15Z') }] }]
    expect(
      summary(
        aggregate(two, types, '{"h":{"auto_date_histogram":{"field":"date","minimum_interval":"day"}}}'),
      ),
    ).toBe('1d 2017-10-20T00:00:00.000Z:2')
    const night = [{ docs: [{ date: at('2020-01-01T23:30:00Z') }, { date: at('2020-01-03T10:00:00Z') }] }]
    expect(
      summary(
        aggregate(
          night,
          types,
          '{"h":{"auto_date_histogram":{"field":"date","buckets":2,"time_zone":"+01:00"}}}',
        ),
      ),
    ).toBe('1d 2020-01-02T00:00:00.000+01:00:1 2020-01-03T00:00:00.000+01:00:1')
    // in UTC the same days leave an empty day between them: three buckets, merged into one "7d"
    expect(
      summary(aggregate(night, types, '{"h":{"auto_date_histogram":{"field":"date","buckets":2}}}')),
    ).toBe('7d 2020-01-01T00:00:00.000Z:2')
  })

  it('counts a document twice when two of its values fell in buckets a promotion merged (ES sums the counts)', () => {
    const docs = [{ date: [at('2020-01-01T00:00:00Z'), at('2020-01-01T00:00:31Z')] }]
    expect(aggregate([{ docs }], types, '{"h":{"auto_date_histogram":{"field":"date","buckets":1}}}')).toBe(
      '{"h":{"buckets":[{"key_as_string":"2020-01-01T00:00:00.000Z","key":1577836800000,"doc_count":2}],"interval":"1m"}}',
    )
  })

  it('collects with FromMany under a multi-bucket parent, which keeps the spread of rounded keys', () => {
    const day = 86_400_000
    const values = [[55 * day], [91 * day], [4 * day]]
    const ladder = buildRoundings(ZoneId.UTC, null)
    const read = (doc: number) => values[doc]!
    // FromSingle keeps the unrounded 91st day as its max: 91 days exceed a month rung's 90, so it climbs to years
    expect(collectFromSingle([0, 1, 2], read, ladder, 1).roundingIdx).toBe(5)
    const many = collectFromMany([0, 1, 2], read, ladder, 1)
    expect(many.roundingIdx).toBe(4)
    expect(many.buckets.map((b) => [b.key / day, b.docs])).toEqual([
      [0, [2]],
      [31, [0]],
      [90, [1]],
    ])
    const docs = values.map(([date]): Doc => ({ t: 'x', date: date! }))
    expect(
      aggregate(
        [{ docs }],
        types,
        '{"t":{"terms":{"field":"t"},"aggs":{"h":{"auto_date_histogram":{"field":"date","buckets":1}}}}}',
      ),
    ).toBe(
      '{"t":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"x","doc_count":3,' +
        '"h":{"buckets":[{"key_as_string":"1970-01-01T00:00:00.000Z","key":0,"doc_count":3}],"interval":"1y"}}]}}',
    )
  })

  it('refuses bad parameters as the builder does', () => {
    const parse = (body: string) => () =>
      parseAggregations(parseJson(`{"h":{"auto_date_histogram":${body}}}`, { locations: true }))
    expect(failureBody(parse('{"field":"date","minimum_interval":"week"}'))).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:64] [auto_date_histogram] failed to parse field [minimum_interval]"}],' +
        '"type":"x_content_parse_exception","reason":"[1:64] [auto_date_histogram] failed to parse field [minimum_interval]",' +
        '"caused_by":{"type":"illegal_argument_exception","reason":"minimum_interval must be one of [[year, month, day, hour, minute, second]]"}},"status":400}',
    )
    expect(failureBody(parse('{"field":"date","buckets":0}'))).toContain(
      '"reason":"[1:55] [auto_date_histogram] failed to parse field [buckets]","caused_by":{"type":"illegal_argument_exception","reason":"buckets must be greater than 0 for [h]"}',
    )
    expect(failureBody(parse('{"field":"date","interval":"1d"}'))).toContain(
      '"reason":"[1:45] [auto_date_histogram] unknown field [interval]"',
    )
    // the shard's build: buckets × the largest inner interval below the top rung must fit 65,536
    const build = (body: string) => () => checkAggregationLimits(parse(body)(), indexLimits({ limits: {} }))
    expect(failureBody(build('{"field":"date","buckets":2185}'))).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"buckets must be less than 2184"}],' +
        '"type":"illegal_argument_exception","reason":"buckets must be less than 2184"},"status":400}',
    )
    expect(build('{"field":"date","buckets":2184}')).not.toThrow()
    expect(failureBody(build('{"field":"date","buckets":9363,"minimum_interval":"day"}'))).toContain(
      '"reason":"buckets must be less than 9362"',
    )
    expect(failureBody(build('{"field":"date","minimum_interval":"year"}'))).toBe(
      '{"error":{"root_cause":[{"type":"no_such_element_exception","reason":"No value present"}],' +
        '"type":"no_such_element_exception","reason":"No value present"},"status":500}',
    )
  })

  it('refuses a keyword field', () => {
    expect(
      failureBody(() =>
        aggregate([{ docs: [{ t: 'x' }] }], types, '{"h":{"auto_date_histogram":{"field":"t"}}}'),
      ),
    ).toContain(
      '"reason":"Field [t] of type [keyword] is not supported for aggregation [auto_date_histogram]"',
    )
  })
})
