// Metric aggregations against the Elasticsearch 8 reference docs' example responses and the YAML REST
// tests (search.aggregation/100_avg_metric … 180_percentiles_tdigest_metric), with ES 8's HybridDigest.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc } from './fixture.ts'
import {
  checkAggregationLimits,
  parseAggregations,
} from '../../../../workers/es/search/aggregations/index.ts'
import { DEFAULT_INDEX_LIMITS } from '../../../../workers/es/index/index-limit-settings.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import { parseFailure } from './fixture.ts'

/** The error response of parsing `aggs` as a request body is parsed (with its token locations). */

const grades: Doc[] = [{ grade: 50 }, { grade: 100 }]

const parseError = (aggs: string): string => parseFailure(aggs, { locations: true })

describe('single-value metrics', () => {
  it('avg, sum, min, max and value_count of values, with doubles written as Java writes them', () => {
    const docs: Doc[] = [{ n: 1 }, { n: 2 }, { n: [3, 3] }, {}]
    const json = aggregate(
      [{ docs }],
      { n: 'long' },
      JSON.stringify({
        a: { avg: { field: 'n' } },
        s: { sum: { field: 'n' } },
        lo: { min: { field: 'n' } },
        hi: { max: { field: 'n' } },
        c: { value_count: { field: 'n' } },
      }),
    )
    expect(json).toBe(
      '{"a":{"value":2.25},"s":{"value":9.0},"lo":{"value":1.0},"hi":{"value":3.0},"c":{"value":4}}',
    )
  })

  it('renders nothing as ES does: avg/min/max null, sum 0.0, value_count 0', () => {
    const json = aggregate(
      [{ docs: [{}] }],
      { n: 'long' },
      JSON.stringify({
        a: { avg: { field: 'n' } },
        s: { sum: { field: 'n' } },
        lo: { min: { field: 'n' } },
        hi: { max: { field: 'n' } },
        c: { value_count: { field: 'n' } },
      }),
    )
    expect(json).toBe(
      '{"a":{"value":null},"s":{"value":0.0},"lo":{"value":null},"hi":{"value":null},"c":{"value":0}}',
    )
  })

  it('uses `missing` for documents without a value and puts `meta` first', () => {
    const json = aggregate(
      [{ docs: [{ n: 4 }, {}] }],
      { n: 'long' },
      '{"a":{"meta":{"x":1},"avg":{"field":"n","missing":10}}}',
    )
    expect(json).toBe('{"a":{"meta":{"x":1},"value":7.0}}')
  })

  it('value_count counts keyword values; an unmapped field yields nothing', () => {
    const json = aggregate(
      [{ docs: [{ tag: ['a', 'b'] }, { tag: 'a' }] }],
      { tag: 'keyword' },
      '{"c":{"value_count":{"field":"tag"}},"u":{"max":{"field":"nope"}}}',
    )
    expect(json).toBe('{"c":{"value":3},"u":{"value":null}}')
  })
})

describe('stats and extended_stats', () => {
  it('matches the extended_stats reference example (grades 50 and 100)', () => {
    const json = aggregate(
      [{ docs: grades }],
      { grade: 'long' },
      '{"grades_stats":{"extended_stats":{"field":"grade"}}}',
    )
    expect(JSON.parse(json)).toEqual({
      grades_stats: {
        count: 2,
        min: 50.0,
        max: 100.0,
        avg: 75.0,
        sum: 150.0,
        sum_of_squares: 12500.0,
        variance: 625.0,
        variance_population: 625.0,
        variance_sampling: 1250.0,
        std_deviation: 25.0,
        std_deviation_population: 25.0,
        std_deviation_sampling: 35.35533905932738,
        std_deviation_bounds: {
          upper: 125.0,
          lower: 25.0,
          upper_population: 125.0,
          lower_population: 25.0,
          upper_sampling: 145.71067811865476,
          lower_sampling: 4.289321881345245,
        },
      },
    })
    expect(json).toContain('"min":50.0,"max":100.0,"avg":75.0,"sum":150.0,"sum_of_squares":12500.0')
  })

  it('stats over nothing and extended_stats over nothing', () => {
    const json = aggregate(
      [{ docs: [{}] }],
      { grade: 'long' },
      '{"s":{"stats":{"field":"grade"}},"e":{"extended_stats":{"field":"grade","sigma":3}}}',
    )
    expect(json).toBe(
      '{"s":{"count":0,"min":null,"max":null,"avg":null,"sum":0.0},' +
        '"e":{"count":0,"min":null,"max":null,"avg":null,"sum":0.0,"sum_of_squares":null,"variance":null,' +
        '"variance_population":null,"variance_sampling":null,"std_deviation":null,"std_deviation_population":null,' +
        '"std_deviation_sampling":null,"std_deviation_bounds":{"upper":null,"lower":null,"upper_population":null,' +
        '"lower_population":null,"upper_sampling":null,"lower_sampling":null}}}',
    )
  })

  it('reduces across shards (count, min, max, sum)', () => {
    const json = aggregate(
      [{ docs: [{ v: 1 }, { v: 9 }] }, { docs: [{ v: -2 }] }],
      { v: 'double' },
      '{"s":{"stats":{"field":"v"}}}',
    )
    expect(json).toBe('{"s":{"count":3,"min":-2.0,"max":9.0,"avg":2.6666666666666665,"sum":8.0}}')
  })

  it('refuses a negative sigma inside the parser, the double printed as Java prints it', () => {
    const reason = '[1:49] [extended_stats] failed to parse field [sigma]'
    const refusal = '[sigma] must be greater than or equal to 0. Found [-1.0] in [e]'
    expect(parseError('{"e":{"extended_stats":{"field":"grade","sigma":-1}}}')).toBe(
      `{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"${reason}"}],` +
        `"type":"x_content_parse_exception","reason":"${reason}",` +
        `"caused_by":{"type":"illegal_argument_exception","reason":"${refusal}"}},"status":400}`,
    )
    // extended_stats_bucket's own parser calls the setter after reading the object: the refusal alone
    const bucket = '[sigma] must be greater than or equal to 0. Found [-1.0] in [b]'
    expect(parseError('{"b":{"extended_stats_bucket":{"buckets_path":"h>c","sigma":-1}}}')).toBe(
      `{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"${bucket}"}],` +
        `"type":"illegal_argument_exception","reason":"${bucket}"},"status":400}`,
    )
  })
})

describe('percentiles (HybridDigest: exact below 2000 samples)', () => {
  const docs: Doc[] = [{ i: 1 }, { i: 51 }, { i: 101 }, { i: 151 }]

  it('default percents, keyed by Double.toString', () => {
    const json = aggregate([{ docs }], { i: 'long' }, '{"p":{"percentiles":{"field":"i"}}}')
    expect(json).toBe(
      '{"p":{"values":{"1.0":2.5,"5.0":8.5,"25.0":38.5,"50.0":76.0,"75.0":113.5,"95.0":143.5,"99.0":149.5}}}',
    )
  })

  it('merges samples across shards, sorts the percents, and renders keyed:false as a list', () => {
    const json = aggregate(
      [{ docs: docs.slice(0, 3) }, { docs: docs.slice(3) }],
      { i: 'long' },
      '{"p":{"percentiles":{"field":"i","percents":[50,5,99.9],"keyed":false}}}',
    )
    expect(json).toBe(
      '{"p":{"values":[{"key":5.0,"value":8.5},{"key":50.0,"value":76.0},{"key":99.9,"value":150.85000000000002}]}}',
    )
  })

  it('renders null values with no data, and uses `missing`', () => {
    expect(
      aggregate([{ docs: [{}] }], { i: 'long' }, '{"p":{"percentiles":{"field":"i","percents":[50]}}}'),
    ).toBe('{"p":{"values":{"50.0":null}}}')
    expect(
      aggregate(
        [{ docs: [{}, {}] }],
        { i: 'long' },
        '{"p":{"percentiles":{"field":"nope","missing":1.0,"percents":[1,99]}}}',
      ),
    ).toBe('{"p":{"values":{"1.0":1.0,"99.0":1.0}}}')
  })

  it('rejects a negative compression and empty percents', () => {
    expect(() =>
      aggregate(
        [{ docs }],
        { i: 'long' },
        '{"p":{"percentiles":{"field":"i","tdigest":{"compression":-1}}}}',
      ),
    ).toThrow('[compression] must be greater than or equal to 0. Found [-1.0]')
    const build = (reason: string) =>
      `{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"Failed to build [percentiles] after last required field arrived"}],"type":"x_content_parse_exception","reason":"Failed to build [percentiles] after last required field arrived","caused_by":{"type":"illegal_argument_exception","reason":"${reason}"}},"status":400}`
    expect(parseError('{"p":{"percentiles":{"field":"i","percents":[]}}}')).toBe(
      build('[percents] must not be empty: [p]'),
    )
    expect(parseError('{"p":{"percentiles":{"field":"i","percents":[50,104]}}}')).toBe(
      build('percent must be in [0,100], got [104.0]: [p]'),
    )
  })

  it('reads percents as declareDoubleArray does, locating a refused value at its token', () => {
    expect(
      aggregate(
        [{ docs }],
        { i: 'long' },
        '{"p":{"percentiles":{"field":"i","percents":"50","keyed":false}}}',
      ),
    ).toBe('{"p":{"values":[{"key":50.0,"value":76.0}]}}')
    expect(parseError('{"p":{"percentiles":{\n "field":"i",\n "percents":[50, "x"]}}}')).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[3:18] [percentiles] failed to parse field [percents]"}],"type":"x_content_parse_exception","reason":"[3:18] [percentiles] failed to parse field [percents]","caused_by":{"type":"number_format_exception","reason":"For input string: \\"x\\""}},"status":400}',
    )
    expect(parseError('{"p":{"percentiles":{"field":"i","percents":{}}}}')).toContain(
      '"reason":"[1:45] [percentiles] percents doesn\'t support values of type: START_OBJECT"',
    )
  })
})

describe('top_hits', () => {
  it('merges the shards hits by sort key and reports the total', () => {
    const json = aggregate(
      [
        {
          docs: [
            { id: 'a', rank: 3 },
            { id: 'b', rank: 1 },
          ],
        },
        { docs: [{ id: 'c', rank: 2 }] },
      ],
      { rank: 'long' },
      '{"t":{"top_hits":{"size":2}}}',
    )
    expect(json).toBe(
      '{"t":{"hits":{"total":{"value":3,"relation":"eq"},"max_score":1.0,"hits":[{"_id":"b","_score":1},{"_id":"c","_score":1}]}}}',
    )
  })

  it('bounds from + size by index.max_inner_result_window when the shard builds it', () => {
    const builders = parseAggregations(parseJson('{"t":{"top_hits":{"size":101}}}'))
    expect(() => checkAggregationLimits(builders, DEFAULT_INDEX_LIMITS)).toThrow(
      "the top hits aggregator [t]'s from + size must be less than or equal to: [100] but was [101]",
    )
    expect(() =>
      checkAggregationLimits(builders, { ...DEFAULT_INDEX_LIMITS, maxInnerResultWindow: 101 }),
    ).not.toThrow()
  })
})
