// weighted_avg as ES 8.17 computes and prints it, over the documents of
// search.aggregation/440_weighted_avg.yml, and its field-config errors (MultiValuesSourceFieldConfig.Builder).
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc, type Types } from './fixture.ts'
import { failureBody } from '../es-failure.ts'
import { parseFailure } from './fixture.ts'

const docs: Doc[] = [
  { double_field: 1.0, long_field: 6, integer_field: 10, multi_value_field: [1, 2, 3], weight: 2 },
  { double_field: 3.0, long_field: 2, multi_value_field: [0, 1, 4], weight: 4 },
  { double_field: 1.0, long_field: 1 },
  { double_field: 5.0, long_field: 3, integer_field: 4, weight: 3 },
]
const types: Types = {
  double_field: 'double',
  long_field: 'long',
  integer_field: 'long',
  multi_value_field: 'long',
  weight: 'long',
  k: 'keyword',
}

const run = (body: string) => aggregate([{ docs: docs.slice(0, 2) }, { docs: docs.slice(2) }], types, body)
const failure = (aggs: string): string => failureBody(() => run(aggs))
const wavg = (value: string, weight: string, extra = '') =>
  `{"w":{"weighted_avg":{"value":${value},"weight":${weight}${extra}}}}`

describe('weighted_avg', () => {
  it('weights each value by its document weight, skipping documents without either', () => {
    expect(run(wavg('{"field":"long_field"}', '{"field":"weight"}'))).toBe(
      '{"w":{"value":3.2222222222222223}}',
    )
    expect(run(wavg('{"field":"integer_field"}', '{"field":"weight"}'))).toBe('{"w":{"value":6.4}}')
    expect(run(wavg('{"field":"multi_value_field"}', '{"field":"weight"}'))).toBe(
      '{"w":{"value":1.7777777777777777}}',
    )
  })

  it('uses each side`s missing, and prints null while the weights sum to 0', () => {
    expect(run(wavg('{"field":"integer_field","missing":2}', '{"field":"weight"}'))).toBe(
      '{"w":{"value":4.444444444444445}}',
    )
    expect(run(wavg('{"field":"long_field"}', '{"field":"weight","missing":4}'))).toBe(
      '{"w":{"value":2.5384615384615383}}',
    )
    expect(run(wavg('{"field":"integer_field"}', '{"field":"unknown","missing":0}'))).toBe(
      '{"w":{"value":null}}',
    )
  })

  it('formats with its own `format`, reads scripts, and sorts terms buckets', () => {
    expect(run(wavg('{"field":"long_field"}', '{"field":"weight"}', ',"format":"0.00"'))).toBe(
      '{"w":{"value":3.2222222222222223,"value_as_string":"3.22"}}',
    )
    expect(run(wavg('{"script":"doc[\'long_field\'].value * 2"}', '{"field":"weight"}'))).toBe(
      '{"w":{"value":6.444444444444445}}',
    )
  })

  it('fails the shard on a document with more than one weight', () => {
    expect(failure(wavg('{"field":"integer_field"}', '{"field":"multi_value_field"}'))).toBe(
      '{"error":{"root_cause":[{"type":"aggregation_execution_exception","reason":"Encountered more than one weight for a single document. Use a script to combine multiple weights-per-doc into a single value."}],"type":"aggregation_execution_exception","reason":"Encountered more than one weight for a single document. Use a script to combine multiple weights-per-doc into a single value."},"status":500}',
    )
  })

  it("refuses field configs as MultiValuesSourceFieldConfig's parser does", () => {
    expect(parseFailure(wavg('{"missing":1}', '{"field":"weight"}'))).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:1] [weighted_avg] failed to parse field [value]"}],"type":"x_content_parse_exception","reason":"[1:1] [weighted_avg] failed to parse field [value]","caused_by":{"type":"illegal_argument_exception","reason":"[field] and [script] cannot both be null.  Please specify one or the other."}},"status":400}',
    )
    expect(parseFailure(wavg('{"field":"a"}', '{"field":"b","script":"1"}'))).toContain(
      '"reason":"[field] and [script] cannot both be configured.  Please specify one or the other."',
    )
    expect(parseFailure(wavg('{"field":"a","size":1}', '{"field":"b"}'))).toContain(
      '"caused_by":{"type":"x_content_parse_exception","reason":"[1:1] [field_config] unknown field [size]"}',
    )
    expect(parseFailure('{"w":{"weighted_avg":{"value":"a"}}}')).toContain(
      '"reason":"[1:1] [weighted_avg] value doesn\'t support values of type: VALUE_STRING"',
    )
  })
})
