// The leading WHEREs as a Query DSL pre-filter: comparisons of exact fields with literals as term/range (dates
// in epoch_millis), IN as terms, IS NOT NULL as exists, LIKE on a keyword as wildcard, AND of what translates,
// OR only when both sides do; a text field without its exact form, NOT and functions are left to the rows.
import { describe, expect, test } from 'vitest'
import type { EsqlCommand } from '../../../../workers/es/esql/esql-ast.ts'
import { parseQuery } from '../../../../workers/es/esql/esql-parser.ts'
import { FilterPushdown } from '../../../../workers/es/esql/esql-pushdown.ts'
import type { EsField } from '../../../../workers/es/sql/index-resolver.ts'
import { toJson } from '../../../../workers/es/xcontent/index.ts'

const field = (name: string, esType: string, exact: string | null = name): [string, EsField] => [
  name,
  { name, esType, sqlType: esType, exact, inStar: true },
]
const fields = new Map([
  field('k', 'keyword'),
  field('n', 'long'),
  field('d', 'date'),
  field('t', 'text', 't.keyword'),
])

const translate = (where: string): string => {
  const [, command] = parseQuery(`FROM x | WHERE ${where}`, []) as [
    EsqlCommand,
    Extract<EsqlCommand, { kind: 'where' }>,
  ]
  const query = new FilterPushdown(fields).translate([command.condition])
  return query === null ? 'null' : toJson(query)
}

describe('FilterPushdown', () => {
  test('comparisons, IN, IS NOT NULL and LIKE', () => {
    expect(translate('k == "a"')).toBe('{"term":{"k":{"value":"a"}}}')
    expect(translate('5 < n')).toBe('{"range":{"n":{"gt":5}}}')
    expect(translate('d >= "2020-01-01"')).toBe(
      '{"range":{"d":{"gte":1577836800000,"format":"epoch_millis"}}}',
    )
    expect(translate('k IN ("a", "b")')).toBe('{"terms":{"k":["a","b"]}}')
    expect(translate('t IS NOT NULL')).toBe('{"exists":{"field":"t"}}')
    expect(translate('k LIKE "a*"')).toBe('{"wildcard":{"k":{"value":"a*"}}}')
  })

  test('AND keeps what translates; OR needs both sides; the rest is left to the rows', () => {
    expect(translate('k == "a" AND LENGTH(k) > 1')).toBe('{"term":{"k":{"value":"a"}}}')
    expect(translate('k == "a" OR n > 1')).toBe(
      '{"bool":{"should":[{"term":{"k":{"value":"a"}}},{"range":{"n":{"gt":1}}}]}}',
    )
    expect(translate('k == "a" OR LENGTH(k) > 1')).toBe('null')
    expect(translate('t == "x"')).toBe('null')
    expect(translate('NOT k == "a"')).toBe('null')
    expect(translate('n == 1.5')).toBe('null')
  })
})
