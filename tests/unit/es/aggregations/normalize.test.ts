// normalize as ES 8's NormalizePipelineAggregator computes it, over the documents of x-pack's analytics/normalize.yml
// (daily counts 3, 2, 1), NormalizePipelineMethods' statistics quirks, and ConstructingObjectParser's errors.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc, type Types } from './fixture.ts'
import { parseFailure } from './fixture.ts'

const day = (d: number, v?: number): Doc => ({
  timestamp: Date.UTC(2017, 0, d, 5),
  ...(v === undefined ? {} : { v }),
})
const docs = [day(1), day(1), day(1), day(2), day(2), day(3)]
const types: Types = { timestamp: 'date', v: 'double' }

const request = (normalize: string, path = '_count') =>
  `{"users_by_day":{"date_histogram":{"field":"timestamp","calendar_interval":"day"},"aggs":{"n":{"normalize":{"buckets_path":"${path}",${normalize}}}}}}`
const run = (normalize: string, data = docs, path = '_count') =>
  aggregate([{ docs: data.slice(0, 2) }, { docs: data.slice(2) }], types, request(normalize, path))
const values = (json: string) =>
  (
    JSON.parse(json) as { users_by_day: { buckets: Array<{ n: { value: unknown } }> } }
  ).users_by_day.buckets.map((b) => b.n.value)

describe('normalize', () => {
  it('applies each method to the daily counts (normalize.yml)', () => {
    expect(values(run('"method":"rescale_0_1"'))).toEqual([1, 0.5, 0])
    expect(values(run('"method":"rescale_0_100"'))).toEqual([100, 50, 0])
    expect(values(run('"method":"percent_of_sum"'))).toEqual([0.5, 2 / 6, 1 / 6])
    expect(values(run('"method":"mean"'))).toEqual([0.5, 0, -0.5])
    const z = Math.sqrt(2 / 3)
    expect(values(run('"method":"z-score"'))).toEqual([1 / z, 0, -1 / z])
    const sumExp = Math.exp(3) + Math.exp(2) + Math.exp(1)
    expect(values(run('"method":"softmax"'))).toEqual([
      Math.exp(3) / sumExp,
      Math.exp(2) / sumExp,
      Math.exp(1) / sumExp,
    ])
  })

  it('prints value_as_string in its format', () => {
    expect(run('"method":"percent_of_sum","format":"00.00%"')).toContain(
      '"n":{"value":0.3333333333333333,"value_as_string":"33.33%"}',
    )
  })

  it('keeps ES`s Double.MIN_VALUE max for an all-negative series, and null for a gap', () => {
    const negative = [day(1, -4), day(2, -2), day(3, -1)]
    const out = values(
      aggregate(
        [{ docs: negative }],
        types,
        '{"users_by_day":{"date_histogram":{"field":"timestamp","calendar_interval":"day"},"aggs":{"s":{"sum":{"field":"v"}},"n":{"normalize":{"buckets_path":"s","method":"rescale_0_1"}}}}}',
      ),
    )
    expect(out).toEqual([
      (-4 + 4) / (Number.MIN_VALUE + 4),
      2 / (Number.MIN_VALUE + 4),
      3 / (Number.MIN_VALUE + 4),
    ])
    const gap = [day(1, 1), day(3, 3)]
    const withGap = aggregate(
      [{ docs: gap }],
      types,
      '{"users_by_day":{"date_histogram":{"field":"timestamp","calendar_interval":"day"},"aggs":{"s":{"avg":{"field":"v"}},"n":{"normalize":{"buckets_path":"s","method":"percent_of_sum"}}}}}',
    )
    expect(values(withGap)).toEqual([0.25, null, 0.75])
  })

  it('refuses a missing or unknown method as ConstructingObjectParser does', () => {
    expect(parseFailure('{"n":{"normalize":{}}}')).toContain(
      '"type":"illegal_argument_exception","reason":"Required [method, buckets_path]"',
    )
    expect(parseFailure('{"n":{"normalize":{"buckets_path":"_count"}}}')).toContain(
      '"reason":"Required [method]"',
    )
    expect(parseFailure('{"n":{"normalize":{"buckets_path":"_count","method":"max"}}}')).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"Failed to build [normalize] after last required field arrived"}],"type":"x_content_parse_exception","reason":"Failed to build [normalize] after last required field arrived","caused_by":{"type":"illegal_argument_exception","reason":"invalid method [max]"}},"status":400}',
    )
    expect(parseFailure('{"n":{"normalize":{"method":"max","format":"0","buckets_path":"_count"}}}')).toMatch(
      /"reason":"\[1:\d+\] \[normalize\] failed to parse field \[buckets_path\]","caused_by":\{"type":"x_content_parse_exception","reason":"Failed to build \[normalize\] after last required field arrived","caused_by":\{"type":"illegal_argument_exception","reason":"invalid method \[max\]"\}\}/,
    )
  })

  it('must be declared inside another aggregation', () => {
    expect(parseFailure('{"n":{"normalize":{"buckets_path":"_count","method":"mean"}}}')).toContain(
      'normalize aggregation [n] must be declared inside of another aggregation',
    )
  })
})
