// t_test as ES 8 computes and prints it, over the documents of x-pack analytics/t_test.yml (whose v1 and v2 are
// dynamically mapped `float` fields: their doc values are the floats nearest 15.2, 15.9, ...), with the p-values the
// yml test expects to the last digit, and the builder's errors.
import { describe, expect, it } from 'vitest'
import { aggregate, parseFailure, type Doc, type Types } from './fixture.ts'
import { failure } from '../es-failure.ts'
import { parseAggregations } from '../../../../workers/es/search/aggregations/index.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import type { IndexLimits } from '../../../../workers/es/index/index-limit-settings.ts'

const f = Math.fround
const docs: Doc[] = [
  { v1: f(15.2), v2: f(15.9), str: 'a' },
  { v1: f(15.3), v2: f(15.9), str: 'a' },
  { v1: f(16.0), v2: f(15.2), str: 'b' },
  { v1: f(15.1), v2: f(15.5), str: 'b' },
]
const types: Types = { v1: 'double', v2: 'double', str: 'keyword', multi: 'double' }
const ttest = (body: object) => JSON.stringify({ ttest: { t_test: body } })
const run = (body: object, shards = [docs.slice(0, 3), docs.slice(3)]) =>
  aggregate(
    shards.map((d) => ({ docs: d })),
    types,
    ttest(body),
  )

describe('t_test', () => {
  it('answers the yml test`s heteroscedastic, paired and filtered homoscedastic p-values', () => {
    const fields = { a: { field: 'v1' }, b: { field: 'v2' } }
    expect(run(fields)).toBe('{"ttest":{"value":0.43066659210472646}}')
    expect(run({ ...fields, type: 'paired' })).toBe('{"ttest":{"value":0.5632529432617406}}')
    const filtered = {
      a: { field: 'v1', filter: { term: { str: 'a' } } },
      b: { field: 'v1', filter: { term: { str: 'b' } } },
      type: 'homoscedastic',
    }
    expect(run(filtered)).toBe('{"ttest":{"value":0.5757355806262943}}')
  })

  it('halves the p-value for one tail, formats it, and is null below two values', () => {
    const fields = { a: { field: 'v1' }, b: { field: 'v2' }, type: 'paired' }
    expect(run({ ...fields, tails: 1, format: '0.000' })).toBe(
      '{"ttest":{"value":0.2816264716308703,"value_as_string":"0.282"}}',
    )
    expect(run(fields, [docs.slice(0, 1)])).toBe('{"ttest":{"value":null}}')
  })

  it('fails a paired document with two values, and paired filters on the shard', () => {
    const multi = [{ v1: 1, multi: [1, 2] }, ...docs]
    expect(
      failure(() => run({ a: { field: 'v1' }, b: { field: 'multi' }, type: 'paired' }, [multi])),
    ).toEqual({
      type: 'aggregation_execution_exception',
      reason:
        'Encountered more than one value for a single document. Use a script to combine multiple values per doc into a single value.',
    })
    const filtered = {
      a: { field: 'v1', filter: { term: { str: 'a' } } },
      b: { field: 'v2' },
      type: 'paired',
    }
    expect(failure(() => run(filtered))).toEqual({
      type: 'illegal_argument_exception',
      reason: "Paired t-test doesn't support filters",
    })
  })

  it('refuses one field for both populations without filters when built on a shard', () => {
    const builder = parseAggregations(parseJson(ttest({ a: { field: 'v1' }, b: { field: 'v1' } })))[0]!
    expect(failure(() => builder.checkLimits!({} as IndexLimits))).toEqual({
      type: 'illegal_argument_exception',
      reason: 'The same field [v1] is used for both population but no filters are specified.',
    })
  })

  it('parses type and tails as the builder`s setters do', () => {
    const fields = { a: { field: 'v1' }, b: { field: 'v2' } }
    expect(parseFailure(ttest({ ...fields, type: 'student' }))).toContain(
      '"reason":"[1:1] [t_test] failed to parse field [type]","caused_by":{"type":"illegal_argument_exception",' +
        '"reason":"No enum constant org.elasticsearch.xpack.analytics.ttest.TTestType.STUDENT"}',
    )
    expect(parseFailure(ttest({ ...fields, tails: 3 }))).toContain(
      '"reason":"[tails] must be 1 or 2. Found [3] in [ttest]"',
    )
    expect(parseFailure(ttest({ a: { field: 'v1', filter: 'x' }, b: { field: 'v2' } }))).toContain(
      "[field_config] filter doesn't support values of type: VALUE_STRING",
    )
  })
})
