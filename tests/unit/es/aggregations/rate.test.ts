// rate as ES 8 computes and prints it: the documents of x-pack's analytics/rate.yml ("value rate", "value count
// mode"), RateAggregatorTests' month-to-day case, and the parse and Rounding.roundingSize errors.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc, type Types } from './fixture.ts'
import { failureBody } from '../es-failure.ts'
import { parseFailure } from './fixture.ts'

const types: Types = { timestamp: 'date', val: 'long', k: 'keyword' }
const at = (text: string, val?: number): Doc =>
  val === undefined ? { timestamp: Date.parse(text) } : { timestamp: Date.parse(text), val }

const weekly = [
  at('2020-02-03T10:00:00Z', 3),
  at('2020-02-04T10:00:00Z', 4),
  at('2020-02-11T10:00:00Z', 6),
  at('2020-02-12T10:00:00Z', 8),
]
const daily = [
  at('2020-02-01T10:00:00Z', 1),
  at('2020-02-01T11:00:00Z', 20),
  at('2020-02-01T12:00:00Z', 300),
  at('2020-02-02T10:00:00Z', 4),
  at('2020-02-02T11:00:00Z', 50),
  at('2020-02-04T10:00:00Z', 6),
]

const histogram = (interval: string, rate: string, extra = '') =>
  `{"h":{"date_histogram":{"field":"timestamp",${interval}${extra}},"aggs":{"r":{"rate":${rate}}}}}`
const rates = (json: string): unknown[] =>
  (JSON.parse(json) as { h: { buckets: Array<{ r: { value: unknown } }> } }).h.buckets.map((b) => b.r.value)
const run = (docs: Doc[], aggs: string) =>
  aggregate([{ docs: docs.slice(0, 2) }, { docs: docs.slice(2) }], types, aggs)
const failure = (docs: Doc[], aggs: string): string => failureBody(() => run(docs, aggs))

describe('rate', () => {
  it('divides a field`s sum by the bucket size in the unit (value rate)', () => {
    expect(
      rates(run(weekly, histogram('"calendar_interval":"week"', '{"field":"val","unit":"day"}'))),
    ).toEqual([1, 2])
    expect(run(weekly, histogram('"calendar_interval":"week"', '{"field":"val","unit":"day"}'))).toContain(
      '"r":{"value":1.0}',
    )
  })

  it('counts values in value_count mode, and an empty bucket rates 0.0', () => {
    const out = run(
      daily,
      histogram('"calendar_interval":"day"', '{"field":"val","unit":"week","mode":"value_count"}'),
    )
    expect(rates(out)).toEqual([21, 14, 0, 7])
    expect(out).toContain('"doc_count":0,"r":{"value":0.0}')
  })

  it('counts documents without a field, over each month`s own days', () => {
    const docs = [at('2010-03-12T01:07:45Z'), at('2010-04-01T03:43:34Z'), at('2010-04-27T03:43:34Z')]
    expect(rates(run(docs, histogram('"calendar_interval":"month"', '{"unit":"day"}')))).toEqual([
      1 / 31,
      2 / 30,
    ])
    expect(rates(run(docs, histogram('"calendar_interval":"month"', '{"unit":"year"}')))).toEqual([12, 24])
    expect(
      rates(run(docs, histogram('"fixed_interval":"12h"', '{"unit":"day"}', ',"min_doc_count":1'))),
    ).toEqual([2, 2, 2])
  })

  it('prints value_as_string in the request`s format', () => {
    expect(
      run(weekly, histogram('"calendar_interval":"week"', '{"field":"val","unit":"day","format":"0.00"}')),
    ).toContain('"r":{"value":1.0,"value_as_string":"1.00"}')
  })

  it('refuses units its histogram cannot measure (Rounding.roundingSize)', () => {
    expect(failure(weekly, histogram('"fixed_interval":"1d"', '{"unit":"month"}'))).toContain(
      '"reason":"Cannot use month-based rate unit [month] with fixed interval based histogram, only week, day, hour, minute and second are supported for this histogram"',
    )
    expect(failure(weekly, histogram('"calendar_interval":"week"', '{"unit":"quarter"}'))).toContain(
      '"reason":"Cannot use month-based rate unit [quarter] with non-month based calendar interval histogram [week] only week, day, hour, minute and second are supported for this histogram"',
    )
    // below a terms bucket the month is measured without its key
    const nested =
      '{"h":{"date_histogram":{"field":"timestamp","calendar_interval":"month"},"aggs":{"t":{"terms":{"field":"k"},"aggs":{"r":{"rate":{"unit":"day"}}}}}}}'
    expect(failure([{ ...weekly[0]!, k: 'a' }], nested)).toContain(
      '"reason":"Cannot use non month-based rate unit [day] with calendar interval histogram [month] only month, quarter and year are supported for this histogram"',
    )
  })

  it('must sit inside a date histogram, unless its field is unmapped', () => {
    expect(failure(weekly, '{"r":{"rate":{"field":"val"}}}')).toContain(
      '"reason":"The rate aggregation can only be used inside a date histogram aggregation or composite aggregation with one date histogram value source"',
    )
    expect(
      failure(weekly, '{"h":{"histogram":{"field":"val","interval":5},"aggs":{"r":{"rate":{}}}}}'),
    ).toContain('can only be used inside a date histogram')
    expect(run(weekly, '{"r":{"rate":{"field":"nope"}}}')).toBe('{"r":{"value":0.0}}')
    expect(failure(weekly, histogram('"calendar_interval":"week"', '{"mode":"sum"}'))).toContain(
      '"reason":"The mode parameter is only supported with field or script"',
    )
  })

  it('refuses an unknown unit or mode as ObjectParser does', () => {
    expect(parseFailure('{"r":{"rate":{"unit":"fortnight"}}}')).toMatch(
      /"type":"x_content_parse_exception","reason":"\[1:\d+\] \[rate\] failed to parse field \[unit\]","caused_by":\{"type":"illegal_argument_exception","reason":"Unsupported unit fortnight"\}/,
    )
    expect(parseFailure('{"r":{"rate":{"mode":"avg"}}}')).toContain(
      '"caused_by":{"type":"illegal_argument_exception","reason":"No enum constant org.elasticsearch.xpack.analytics.rate.RateMode.AVG"}',
    )
  })
})
