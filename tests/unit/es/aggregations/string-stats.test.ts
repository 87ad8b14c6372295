// string_stats as x-pack's StringStatsAggregator and InternalStringStats compute and print it
// (x-pack analytics/string_stats.yml), with the tie order of java.util.HashMap in the distribution.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc } from './fixture.ts'

const types = { value: 'keyword', n: 'long' } as const

describe('string_stats', () => {
  it('matches analytics/string_stats.yml', () => {
    const docs: Doc[] = [{ value: 'a' }, { value: 'b' }]
    expect(aggregate([{ docs }], types, '{"my_agg":{"string_stats":{"field":"value"}}}')).toBe(
      '{"my_agg":{"count":2,"min_length":1,"max_length":1,"avg_length":1.0,"entropy":1.0}}',
    )
    expect(
      aggregate([{ docs }], types, '{"my_agg":{"string_stats":{"field":"value","show_distribution":true}}}'),
    ).toBe(
      '{"my_agg":{"count":2,"min_length":1,"max_length":1,"avg_length":1.0,"entropy":1.0,"distribution":{"a":0.5,"b":0.5}}}',
    )
  })

  // first appearances t, e, a, p, o; the aggregator's HashMap (16 buckets) iterates p, a, t, e, o, and so does the
  // shard's HashMap(5) (8 buckets): p before o among the shares of 2/9
  it('counts empty strings but not their length, and orders equal shares as the HashMap iterates', () => {
    const docs: Doc[] = [{ value: ['tea', ''] }, { value: 'pot' }, { value: 'top' }]
    expect(
      aggregate([{ docs }], types, '{"s":{"string_stats":{"field":"value","show_distribution":true}}}'),
    ).toBe(
      '{"s":{"count":4,"min_length":3,"max_length":3,"avg_length":2.25,"entropy":2.197159723424149,"distribution":{"t":0.3333333333333333,"p":0.2222222222222222,"o":0.2222222222222222,"a":0.1111111111111111,"e":0.1111111111111111}}}',
    )
  })

  it('merges shards in a default-sized HashMap', () => {
    const json = aggregate(
      [{ docs: [{ value: 'dab' }] }, { docs: [{ value: 'c' }] }],
      types,
      '{"s":{"string_stats":{"field":"value","show_distribution":true}}}',
    )
    expect(json).toBe(
      '{"s":{"count":2,"min_length":1,"max_length":3,"avg_length":2.0,"entropy":2.0,"distribution":{"a":0.25,"b":0.25,"c":0.25,"d":0.25}}}',
    )
    // one shard is not reduced: its HashMap(3) has 4 buckets, so d (100 & 3 = 0) comes first
    expect(
      aggregate(
        [{ docs: [{ value: 'dab' }] }],
        types,
        '{"s":{"string_stats":{"field":"value","show_distribution":true}}}',
      ),
    ).toContain('"distribution":{"d":0.3333333333333333,"a":0.3333333333333333,"b":0.3333333333333333}')
  })

  it('prints nulls without values, sorts terms buckets, and refuses numeric fields', () => {
    expect(
      aggregate([{ docs: [{}] }], types, '{"s":{"string_stats":{"field":"value","show_distribution":true}}}'),
    ).toBe(
      '{"s":{"count":0,"min_length":null,"max_length":null,"avg_length":null,"entropy":0.0,"distribution":null}}',
    )
    expect(() => aggregate([{ docs: [{ n: 1 }] }], types, '{"s":{"string_stats":{"field":"n"}}}')).toThrow(
      'Field [n] of type [long] is not supported for aggregation [string_stats]',
    )
  })
})
