// matrix_stats as ES 8 computes and prints it over search.aggregation/480_matrix_stats.yml's two indices (a shard
// each): the yml test's values (close_to, 1e-4), the fields in ES's HashMap order, the missing-fields error, `mode`
// for multi-valued fields, and the parser's errors.
import { describe, expect, it } from 'vitest'
import { aggregate, aggregateObject, parseFailure, shard, type Doc, type Types } from './fixture.ts'
import {
  collectAggregations,
  parseAggregations,
  reduceShardAggregations,
} from '../../../../workers/es/search/aggregations/index.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import { failure } from '../es-failure.ts'

const types: Types = {
  value1: 'double',
  value2: 'double',
  value3: 'double',
  value4: 'double',
  multi: 'double',
}
const test1: Doc[] = [
  { value1: 1, value2: 10, value3: 100 },
  { value1: 2, value2: 20, value3: 200 },
  { value1: 3, value2: 10, value3: 300 },
]
const test2: Doc[] = [
  { value1: 1, value2: 10, value4: 100 },
  { value1: 2, value2: 20, value4: 200 },
  { value1: 3, value2: 10, value4: 300 },
]
const matrix = (body: object) => JSON.stringify({ stats: { matrix_stats: body } })
type Field = { name: string; count: number } & Record<string, number | Record<string, number>>

describe('matrix_stats', () => {
  it('matches the yml test`s statistics for two fields, value2 first', () => {
    const out = aggregateObject(
      [{ docs: test1 }, { docs: test2 }],
      types,
      matrix({ fields: ['value1', 'value2'] }),
    )
    const stats = out['stats'] as { doc_count: number; fields: Field[] }
    expect(stats.doc_count).toBe(6)
    expect(stats.fields.map((f) => [f.name, f.count])).toEqual([
      ['value2', 6],
      ['value1', 6],
    ])
    const [v2, v1] = stats.fields as [Field, Field]
    const close = (actual: unknown, expected: number) =>
      expect(Math.abs(Number(actual) - expected)).toBeLessThan(1e-4)
    close(v2['mean'], 13.3333)
    close(v2['variance'], 26.6666)
    close(v2['skewness'], 0.7071)
    close(v2['kurtosis'], 1.4999)
    close((v2['covariance'] as Record<string, number>)['value1'], 0)
    close((v2['covariance'] as Record<string, number>)['value2'], 26.6666)
    close((v2['correlation'] as Record<string, number>)['value2'], 1)
    close(v1['mean'], 2)
    close(v1['variance'], 0.8)
    close(v1['skewness'], 0)
    close(v1['kurtosis'], 1.5)
    close((v1['correlation'] as Record<string, number>)['value1'], 1)
    close((v1['correlation'] as Record<string, number>)['value2'], 0)
  })

  it('prints every double as Java does, for one field', () => {
    expect(aggregate([{ docs: test1 }, { docs: test2 }], types, matrix({ fields: 'value1' }))).toBe(
      '{"stats":{"doc_count":6,"fields":[{"name":"value1","count":6,"mean":2.0,"variance":0.8,' +
        '"skewness":0.0,"kurtosis":1.5,"covariance":{"value1":0.8},"correlation":{"value1":1.0}}]}}',
    )
  })

  it('refuses fields that are not in every index, and counts only documents with every field', () => {
    // each index maps only its own fields
    const builders = parseAggregations(parseJson(matrix({ fields: ['value3', 'value4'] })))
    const perShard = [
      collectAggregations(builders, shard(test1, { value3: 'double' }), [0, 1, 2]),
      collectAggregations(builders, shard(test2, { value4: 'double' }), [0, 1, 2]),
    ]
    expect(failure(() => reduceShardAggregations(perShard, undefined, builders))).toEqual({
      type: 'illegal_argument_exception',
      reason:
        'Aggregation [stats] all fields must exist in all indices, but some indices are missing these fields [value3, value4]',
    })
    const partial = aggregateObject(
      [{ docs: [...test1, { value1: 9 }] }],
      types,
      matrix({ fields: ['value1', 'value2'] }),
    )
    expect((partial['stats'] as { doc_count: number }).doc_count).toBe(3)
    expect(aggregate([{ docs: [] }], types, matrix({ fields: ['value1'] }))).toBe('{"stats":{"doc_count":0}}')
  })

  it('picks one value of a multi-valued field by `mode`, with NaN correlations for no variance', () => {
    const docs: Doc[] = [
      { multi: [1, 5], value1: 1 },
      { multi: [2, 4], value1: 1 },
    ]
    const mean = (mode: string) =>
      (
        aggregateObject([{ docs }], types, matrix({ fields: ['multi'], mode }))['stats'] as {
          fields: Field[]
        }
      ).fields[0]!['mean'] as number
    expect([mean('avg'), mean('min'), mean('max'), mean('sum'), mean('median')]).toEqual([3, 1.5, 4.5, 6, 3])
    expect(aggregate([{ docs }], types, matrix({ fields: ['value1'] }))).toContain(
      '"correlation":{"value1":1.0}',
    )
    expect(aggregate([{ docs }], types, matrix({ fields: ['value1', 'multi'] }))).toContain('"value1":"NaN"')
  })

  it('parses as ArrayValuesSourceParser does', () => {
    expect(parseFailure(matrix({ fields: ['value1'], script: { source: 'x' } }))).toContain(
      'Unexpected token START_OBJECT [script] in [stats]. Multi-field aggregations do not support scripts.',
    )
    expect(parseFailure(matrix({ fields: ['value1', 3] }))).toContain(
      'Unexpected token VALUE_NUMBER [fields] in [stats].',
    )
    expect(parseFailure(matrix({ fields: ['value1'], size: 3 }))).toContain(
      'Unexpected token VALUE_NUMBER [size] in [stats].',
    )
    expect(parseFailure(matrix({ fields: ['value1'], mode: 'mean' }))).toContain('Illegal sort mode: mean')
  })
})
