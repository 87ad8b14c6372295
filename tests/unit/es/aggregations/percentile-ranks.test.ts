// percentile_ranks as ES 8.17 computes and prints it (search.aggregation/420_percentile_ranks_tdigest_metric):
// the SortingDigest's Dist.cdf over the sorted samples, clamped to [0, 1], × 100, and
// AbstractPercentilesAggregationBuilder's errors for the required `values`.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc } from './fixture.ts'
import { parseFailure } from './fixture.ts'

const docs: Doc[] = [{ i: 1 }, { i: 51 }, { i: 101 }, { i: 151 }]

const parseError = (aggs: string): string => parseFailure(aggs, { locations: true })

describe('percentile_ranks', () => {
  it('ranks each value by the cdf of the samples, keyed by Double.toString of the sorted values', () => {
    expect(
      aggregate([{ docs }], { i: 'long' }, '{"r":{"percentile_ranks":{"field":"i","values":[99,50]}}}'),
    ).toBe('{"r":{"values":{"50.0":37.0,"99.0":61.5}}}')
  })

  it('merges the shards, clamps below the first and past the last sample, counts ties as half', () => {
    expect(
      aggregate(
        [{ docs: docs.slice(0, 2) }, { docs: [...docs.slice(2), { i: 51 }] }],
        { i: 'long' },
        '{"r":{"percentile_ranks":{"field":"i","values":[0,51,"151",1000],"keyed":false}}}',
      ),
    ).toBe(
      '{"r":{"values":[{"key":0.0,"value":0.0},{"key":51.0,"value":30.0},{"key":151.0,"value":90.0},{"key":1000.0,"value":100.0}]}}',
    )
  })

  it('uses `missing`, prints null without data, and formats the ranks', () => {
    expect(
      aggregate(
        [{ docs }],
        { i: 'long' },
        '{"r":{"percentile_ranks":{"field":"nope","missing":1.0,"values":[50]}}}',
      ),
    ).toBe('{"r":{"values":{"50.0":100.0}}}')
    expect(
      aggregate([{ docs: [{}] }], { i: 'long' }, '{"r":{"percentile_ranks":{"field":"i","values":[50]}}}'),
    ).toBe('{"r":{"values":{"50.0":null}}}')
    expect(
      aggregate(
        [{ docs }],
        { i: 'long' },
        '{"r":{"percentile_ranks":{"field":"i","values":[50],"format":"0.0"}}}',
      ),
    ).toBe('{"r":{"values":{"50.0":37.0,"50.0_as_string":"37.0"}}}')
  })

  it('sorts terms buckets by a rank', () => {
    expect(
      aggregate(
        [{ docs: [...docs.map((d) => ({ ...d, k: 'a' })), { i: 10, k: 'b' }] }],
        { i: 'long', k: 'keyword' },
        '{"t":{"terms":{"field":"k","order":{"r.50":"desc"}},"aggs":{"r":{"percentile_ranks":{"field":"i","values":[50]}}}}}',
      ),
    ).toBe(
      '{"t":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"b","doc_count":1,"r":{"values":{"50.0":100.0}}},{"key":"a","doc_count":4,"r":{"values":{"50.0":37.0}}}]}}',
    )
  })

  it('refuses missing, empty and non-numeric values as ES does', () => {
    const build = (reason: string) =>
      `{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"Failed to build [percentile_ranks] after last required field arrived"}],"type":"x_content_parse_exception","reason":"Failed to build [percentile_ranks] after last required field arrived","caused_by":{"type":"illegal_argument_exception","reason":"${reason}"}},"status":400}`
    expect(parseError('{"r":{"percentile_ranks":{"field":"i"}}}')).toBe(
      build('[values] must not be null: [r]'),
    )
    expect(parseError('{"r":{"percentile_ranks":{"field":"i","values":[]}}}')).toBe(
      build('[values] must not be an empty array: [r]'),
    )
    expect(parseError('{"r":{"percentile_ranks":{"field":"i","values":null}}}')).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:48] [percentile_ranks] values doesn\'t support values of type: VALUE_NULL"}],"type":"x_content_parse_exception","reason":"[1:48] [percentile_ranks] values doesn\'t support values of type: VALUE_NULL"},"status":400}',
    )
    expect(parseError('{"r":{"percentile_ranks":{"field":"i","values":["foo"]}}}')).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:49] [percentile_ranks] failed to parse field [values]"}],"type":"x_content_parse_exception","reason":"[1:49] [percentile_ranks] failed to parse field [values]","caused_by":{"type":"number_format_exception","reason":"For input string: \\"foo\\""}},"status":400}',
    )
    expect(parseError('{"r":{"percentile_ranks":{"field":"i","values":[1],"percents":[1]}}}')).toContain(
      '[percentile_ranks] unknown field [percents]',
    )
  })

  it('locates a refused element at its own token, on its own line', () => {
    const body = '{"r":{"percentile_ranks":{\n  "field":"i",\n  "values":[1,\n    true]}}}'
    expect(parseError(body)).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[4:5] [percentile_ranks] values doesn\'t support values of type: VALUE_BOOLEAN"}],"type":"x_content_parse_exception","reason":"[4:5] [percentile_ranks] failed to parse field [values]","caused_by":{"type":"x_content_parse_exception","reason":"[4:5] [percentile_ranks] values doesn\'t support values of type: VALUE_BOOLEAN"}},"status":400}',
    )
  })
})
