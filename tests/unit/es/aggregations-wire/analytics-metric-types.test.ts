// The wire forms of percentile_ranks' siblings: weighted_avg, median_absolute_deviation, boxplot, string_stats and
// top_metrics; shard 0's form pinned, and the reduce of both shards' results read back from the wire.
import { describe, expect, it } from 'vitest'
import { throughWire } from './wire-fixture.ts'

const header = (type: string, name: string) => ({ type, name, meta: null })

describe('analytics metrics over the wire', () => {
  it('weighted_avg', () => {
    const { wire, rendered } = throughWire(
      '{"w":{"weighted_avg":{"value":{"field":"v"},"weight":{"field":"d"}}}}',
    )
    expect(wire).toEqual([{ ...header('weighted_avg', 'w'), sum: 26.5, weight: 6.5, format: null }])
    expect(rendered).toBe('{"w":{"value":4.076923076923077}}')
  })

  it('rate crosses as its sum and divisor inside each date_histogram bucket', () => {
    const { wire, rendered } = throughWire(
      '{"h":{"date_histogram":{"field":"ts","calendar_interval":"month"},"aggs":{"r":{"rate":{"field":"v","unit":"day"}}}}}',
    )
    const [histogram] = wire as unknown as [{ buckets: Array<{ aggs: unknown[] }> }]
    expect(histogram.buckets[0]!.aggs).toEqual([
      { ...header('rate', 'r'), sum: 11, divisor: 31, format: null },
    ])
    expect(rendered).toContain('"doc_count":2,"r":{"value":0.3548387096774194}')
    expect(rendered).toContain('"doc_count":1,"r":{"value":0.3448275862068966}')
  })

  it('median_absolute_deviation and boxplot cross as their sorted samples', () => {
    const mad = throughWire('{"m":{"median_absolute_deviation":{"field":"v"}}}')
    expect(mad.wire).toEqual([
      { ...header('median_absolute_deviation', 'm'), samples: new Float64Array([1, 4, 6]), format: null },
    ])
    expect(mad.rendered).toBe('{"m":{"value":2.5}}')
    const box = throughWire('{"b":{"boxplot":{"field":"v"}}}')
    expect(box.wire).toEqual([
      { ...header('boxplot', 'b'), samples: new Float64Array([1, 4, 6]), format: null },
    ])
    expect(box.rendered).toBe(
      '{"b":{"min":1.0,"max":10.0,"q1":3.25,"q2":5.0,"q3":7.0,"lower":1.0,"upper":10.0}}',
    )
  })

  it('an empty boxplot over a date field formats Java`s (long) casts of its non-finite values', () => {
    const { rendered } = throughWire('{"b":{"boxplot":{"field":"ts"}}}', [[{ t: 'x' }], []])
    expect(rendered).toBe(
      '{"b":{"min":"Infinity","max":"-Infinity","q1":"NaN","q2":"NaN","q3":"NaN","lower":"NaN","upper":"-Infinity",' +
        // ES prints Long.MAX_VALUE's 07:12:55.807Z: a double cannot hold it (docs/DEVIATIONS.md)
        '"min_as_string":"+292278994-08-17T07:12:55.808Z","max_as_string":"-292275055-05-16T16:47:04.192Z",' +
        '"q1_as_string":"1970-01-01T00:00:00.000Z","q2_as_string":"1970-01-01T00:00:00.000Z",' +
        '"q3_as_string":"1970-01-01T00:00:00.000Z","lower_as_string":"1970-01-01T00:00:00.000Z",' +
        '"upper_as_string":"-292275055-05-16T16:47:04.192Z"}}',
    )
  })

  it('string_stats crosses its occurrences in HashMap order', () => {
    const { wire, rendered } = throughWire('{"s":{"string_stats":{"field":"t","show_distribution":true}}}')
    expect(wire).toEqual([
      {
        ...header('string_stats', 's'),
        state: {
          count: 3,
          totalLength: 3,
          minLength: 1,
          maxLength: 1,
          occurrences: [
            ['a', 2],
            ['b', 1],
          ],
        },
        showDistribution: true,
      },
    ])
    expect(rendered).toBe(
      '{"s":{"count":5,"min_length":1,"max_length":1,"avg_length":1.0,"entropy":1.5219280948873621,"distribution":{"a":0.4,"b":0.4,"c":0.2}}}',
    )
  })

  it('top_metrics crosses its rendered sort and metric values', () => {
    const { wire, rendered } = throughWire(
      '{"tm":{"top_metrics":{"metrics":[{"field":"v"},{"field":"ts"}],"sort":{"ts":"desc"}}}}',
    )
    expect(wire).toEqual([
      {
        ...header('top_metrics', 'tm'),
        order: { type: 'long', descending: true, missingFirst: false },
        metricNames: ['v', 'ts'],
        size: 1,
        top: [
          {
            sortValue: Date.UTC(2024, 0, 2, 10),
            sort: '"2024-01-02T10:00:00.000Z"',
            metrics: [
              { json: '5', value: 5 },
              { json: '"2024-01-02T10:00:00.000Z"', value: Date.UTC(2024, 0, 2, 10) },
            ],
          },
        ],
      },
    ])
    expect(rendered).toBe(
      '{"tm":{"top":[{"sort":["2024-02-05T00:00:00.000Z"],"metrics":{"v":10,"ts":"2024-02-05T00:00:00.000Z"}}]}}',
    )
  })
})
