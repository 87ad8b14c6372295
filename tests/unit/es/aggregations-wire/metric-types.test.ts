// One exact test per metric aggregation type: shard 0's wire form (the format, pinned), and the response
// ES renders for the reduce of both shards' results after they crossed the wire. Plus the reader's
// refusal of a type it does not know, as NamedWriteableRegistry refuses one.
import { describe, expect, it } from 'vitest'
import {
  readAggregations,
  reduceShardAggregations,
  writeAggregations,
  type AggregationsWire,
} from '../../../../workers/es/search/aggregations/index.ts'
import { collectShards, overTheWire, render, throughWire } from './wire-fixture.ts'

const header = (type: string, name: string, meta: string | null = null) => ({ type, name, meta })
const FIELD_DATE_FORMAT = { type: 'date_time', pattern: 'strict_date_optional_time||epoch_millis', zone: 'Z' }

describe('metric aggregations over the wire', () => {
  it('avg', () => {
    const { wire, rendered } = throughWire('{"a":{"avg":{"field":"v"}}}')
    expect(wire).toEqual([
      { ...header('numeric_metric', 'a'), kind: 'avg', state: 11, count: 3, format: null },
    ])
    expect(rendered).toBe('{"a":{"value":5.25}}')
  })

  it('sum, with meta', () => {
    const { wire, rendered } = throughWire('{"s":{"sum":{"field":"d"},"meta":{"unit":"kg"}}}')
    expect(wire).toEqual([
      { ...header('numeric_metric', 's', '{"unit":"kg"}'), kind: 'sum', state: 4, count: 2, format: null },
    ])
    expect(rendered).toBe('{"s":{"meta":{"unit":"kg"},"value":4.0}}')
  })

  it('min of a date field, with the field format', () => {
    const { wire, rendered } = throughWire('{"mn":{"min":{"field":"ts"}}}')
    expect(wire).toEqual([
      {
        ...header('numeric_metric', 'mn'),
        kind: 'min',
        state: Date.UTC(2024, 0, 1, 10),
        count: 2,
        format: FIELD_DATE_FORMAT,
      },
    ])
    expect(rendered).toBe('{"mn":{"value":1.7041032E12,"value_as_string":"2024-01-01T10:00:00.000Z"}}')
  })

  it('max, with missing', () => {
    const { wire, rendered } = throughWire('{"mx":{"max":{"field":"v","missing":100}}}')
    expect(wire).toEqual([
      { ...header('numeric_metric', 'mx'), kind: 'max', state: 6, count: 3, format: null },
    ])
    expect(rendered).toBe('{"mx":{"value":100.0}}')
  })

  it('max of nothing crosses as -Infinity and renders null', () => {
    const { wire, rendered } = throughWire('{"mx":{"max":{"field":"v"}}}', [[], []])
    expect(wire).toEqual([
      { ...header('numeric_metric', 'mx'), kind: 'max', state: -Infinity, count: 0, format: null },
    ])
    expect(rendered).toBe('{"mx":{"value":null}}')
  })

  it('value_count', () => {
    const { wire, rendered } = throughWire('{"vc":{"value_count":{"field":"t"}}}')
    expect(wire).toEqual([
      { ...header('numeric_metric', 'vc'), kind: 'value_count', state: 3, count: 3, format: null },
    ])
    expect(rendered).toBe('{"vc":{"value":5}}')
  })

  it('stats', () => {
    const { wire, rendered } = throughWire('{"st":{"stats":{"field":"v"}}}')
    expect(wire).toEqual([
      {
        ...header('stats', 'st'),
        state: { count: 3, sum: 11, min: 1, max: 6, sumOfSquares: 53 },
        format: null,
        sigma: null,
      },
    ])
    expect(rendered).toBe('{"st":{"count":4,"min":1.0,"max":10.0,"avg":5.25,"sum":21.0}}')
  })

  it('extended_stats, with sigma', () => {
    const { wire, rendered } = throughWire('{"es":{"extended_stats":{"field":"v","sigma":1}}}')
    expect(wire).toEqual([
      {
        ...header('stats', 'es'),
        state: { count: 3, sum: 11, min: 1, max: 6, sumOfSquares: 53 },
        format: null,
        sigma: 1,
      },
    ])
    expect(rendered).toBe(
      '{"es":{"count":4,"min":1.0,"max":10.0,"avg":5.25,"sum":21.0,"sum_of_squares":153.0,"variance":10.6875,' +
        '"variance_population":10.6875,"variance_sampling":14.25,"std_deviation":3.2691742076555053,' +
        '"std_deviation_population":3.2691742076555053,"std_deviation_sampling":3.774917217635375,' +
        '"std_deviation_bounds":{"upper":8.519174207655505,"lower":1.9808257923444947,' +
        '"upper_population":8.519174207655505,"lower_population":1.9808257923444947,' +
        '"upper_sampling":9.024917217635375,"lower_sampling":1.475082782364625}}}',
    )
  })

  it('cardinality in linear counting: the encoded hashes cross and the count is exact', () => {
    const { wire, rendered } = throughWire('{"c":{"cardinality":{"field":"t"}}}')
    const counts = (wire[0] as { counts: { precision: number; algorithm: string; hashes: Int32Array } })
      .counts
    expect(counts.precision).toBe(14)
    expect(counts.algorithm).toBe('linear_counting')
    expect(counts.hashes).toBeInstanceOf(Int32Array)
    expect(counts.hashes.length).toBe(2)
    expect(rendered).toBe('{"c":{"value":3}}')
  })

  it('cardinality in HyperLogLog mode: the 2^p registers cross', () => {
    const shards = [0, 5].map((start) =>
      Array.from({ length: 10 }, (_, i) => ({ id: `${start + i}`, v: start + i })),
    )
    const request = '{"c":{"cardinality":{"field":"v","precision_threshold":1}}}'
    const { wire, rendered } = throughWire(request, shards)
    const counts = (wire[0] as { counts: { precision: number; algorithm: string; registers: Uint8Array } })
      .counts
    expect(counts.precision).toBe(4)
    expect(counts.algorithm).toBe('hyperloglog')
    expect(counts.registers).toBeInstanceOf(Uint8Array)
    expect(counts.registers.length).toBe(16)
    expect(rendered).toBe(render(reduceShardAggregations(collectShards(request, shards))))
  })

  it('percentiles, not keyed: the sorted samples cross as a Float64Array', () => {
    const { wire, rendered } = throughWire(
      '{"p":{"percentiles":{"field":"v","percents":[50,25],"keyed":false}}}',
    )
    expect(wire).toEqual([
      {
        ...header('percentiles', 'p'),
        samples: new Float64Array([1, 4, 6]),
        percents: [25, 50],
        ranks: false,
        keyed: false,
        format: null,
      },
    ])
    expect(rendered).toBe('{"p":{"values":[{"key":25.0,"value":3.25},{"key":50.0,"value":5.0}]}}')
  })

  it('percentile_ranks: the same digest, with its values and ranks flag', () => {
    const { wire, rendered } = throughWire('{"r":{"percentile_ranks":{"field":"v","values":[5,2]}}}')
    expect(wire).toEqual([
      {
        ...header('percentiles', 'r'),
        samples: new Float64Array([1, 4, 6]),
        percents: [2, 5],
        ranks: true,
        keyed: true,
        format: null,
      },
    ])
    expect(rendered).toBe('{"r":{"values":{"2.0":20.833333333333332,"5.0":50.0}}}')
  })

  it('top_hits: sort keys and the rendered hits cross; reduce applies from after the merge', () => {
    const { wire, rendered } = throughWire('{"th":{"top_hits":{"from":1,"size":1}}}')
    expect(wire).toEqual([
      {
        ...header('top_hits', 'th'),
        from: 1,
        size: 1,
        totalHits: 2,
        maxScore: 1,
        order: [{ type: 'long', descending: false, missingFirst: false }],
        hits: [
          { sortKey: [1], hit: '{"_id":"1","_score":1}' },
          { sortKey: [2], hit: '{"_id":"2","_score":1}' },
        ],
      },
    ])
    expect(rendered).toBe(
      '{"th":{"hits":{"total":{"value":4,"relation":"eq"},"max_score":1.0,"hits":[{"_id":"2","_score":1}]}}}',
    )
  })

  it('top_hits under terms', () => {
    const { rendered } = throughWire(
      '{"t":{"terms":{"field":"t","size":1},"aggs":{"th":{"top_hits":{"size":1}}}}}',
    )
    expect(rendered).toBe(
      '{"t":{"doc_count_error_upper_bound":0,"sum_other_doc_count":3,"buckets":[{"key":"a","doc_count":2,' +
        '"th":{"hits":{"total":{"value":2,"relation":"eq"},"max_score":1.0,"hits":[{"_id":"1","_score":1}]}}}]}}',
    )
  })

  it('a reduced terms result crosses with its error bounds', () => {
    const request = '{"t":{"terms":{"field":"t","size":1,"shard_size":1,"show_term_doc_count_error":true}}}'
    const shards = [
      [{ t: 'a' }, { t: 'a' }, { t: 'b' }],
      [{ t: 'b' }, { t: 'b' }, { t: 'a' }],
    ]
    const reduced = reduceShardAggregations(collectShards(request, shards))
    expect(writeAggregations(reduced)).toMatchObject([{ otherDocCount: 4, docCountError: 4 }])
    expect(render(overTheWire(reduced))).toBe(
      '{"t":{"doc_count_error_upper_bound":4,"sum_other_doc_count":4,' +
        '"buckets":[{"key":"a","doc_count":2,"doc_count_error_upper_bound":2}]}}',
    )
  })
})

describe('reading an unknown type', () => {
  it('fails as NamedWriteableRegistry does', () => {
    const wire = [{ type: 'geo_line', name: 'g', meta: null }] as unknown as AggregationsWire
    expect(() => readAggregations(wire)).toThrow('Unknown NamedWriteable [InternalAggregation][geo_line]')
  })
})
