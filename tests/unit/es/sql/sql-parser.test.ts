// The SQL parser on good and bad statements. The error texts are ES SQL's: `line L:C: ` then ANTLR's message
// (mismatched input / extraneous input / token recognition error) or SqlParser's PostProcessor messages
// (backquoted and digit-first identifiers), with C the offending token's character position + 1. ANTLR's
// `expecting {…}` sets are the playground parser's own (docs/DEVIATIONS.md).
import { describe, expect, test } from 'vitest'
import { parseStatement } from '../../../../workers/es/sql/sql-parser.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import type { Expression } from '../../../../workers/es/sql/sql-ast.ts'

function reason(sql: string): string {
  try {
    parseStatement(sql, [])
  } catch (error) {
    if (error instanceof EsException) return `${error.type}: ${error.reason}`
    throw error
  }
  throw new Error(`parsed: ${sql}`)
}

/** An expression as a fully parenthesised string, to check precedence. */
function shape(e: Expression): string {
  switch (e.kind) {
    case 'binary':
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`
    case 'unary':
      return `(${e.op} ${shape(e.operand)})`
    case 'field':
      return e.name
    case 'literal':
      return JSON.stringify(e.value)
    case 'function':
      return `${e.name}(${e.args.map(shape).join(', ')})`
    case 'between':
      return `(${shape(e.operand)} ${e.negated ? 'NOT ' : ''}BETWEEN ${shape(e.lower)} AND ${shape(e.upper)})`
    case 'in':
      return `(${shape(e.operand)} ${e.negated ? 'NOT ' : ''}IN ${e.list.map(shape).join(', ')})`
    case 'isNull':
      return `(${shape(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL)`
    case 'like':
      return `(${shape(e.operand)} ${e.regex ? 'RLIKE' : 'LIKE'} ${e.pattern})`
    case 'cast':
      return `CAST(${shape(e.operand)} AS ${e.type})`
    default:
      return e.text
  }
}

function where(condition: string): string {
  const statement = parseStatement(`SELECT * FROM t WHERE ${condition}`, [])
  if (statement.kind !== 'select' || statement.where === null) throw new Error('no WHERE')
  return shape(statement.where)
}

describe('expressions', () => {
  test.each([
    ['a = 1 OR b = 2 AND c = 3', '((a = 1) OR ((b = 2) AND (c = 3)))'],
    ['NOT a = 1 AND b', '((NOT (a = 1)) AND b)'],
    ['a + b * c > 10 - d / 2', '((a + (b * c)) > (10 - (d / 2)))'],
    ['a BETWEEN 1 AND 5 AND b NOT IN (1, 2)', '((a BETWEEN 1 AND 5) AND (b NOT IN 1, 2))'],
    ["name IS NOT NULL OR name LIKE 'Du%'", '((name IS NOT NULL) OR (name LIKE Du%))'],
    ['page_count::double * -2 >= 1.5', '((CAST(page_count AS double) * -2) >= 1.5)'],
    ["UPPER(author.keyword) = 'X'", '(UPPER(author.keyword) = "X")'],
    ["HISTOGRAM(d, INTERVAL '2' DAYS) > 0", '(HISTOGRAM(d, {"amount":2,"unit":"DAY"}) > 0)'],
    ["\"my field\" <> 'it''s'", '(my field <> "it\'s")'],
  ])('%s', (condition, expected) => {
    expect(where(condition)).toBe(expected)
  })

  test('parameters take the request params in order, with their types', () => {
    const statement = parseStatement('SELECT * FROM t WHERE a > ? AND b = ?', [
      { value: 300, type: 'integer' },
      { value: 'Frank Herbert', type: 'keyword' },
    ])
    expect(statement.kind === 'select' && statement.where !== null && shape(statement.where)).toBe(
      '((a > 300) AND (b = "Frank Herbert"))',
    )
  })

  test('an unaliased column keeps its text as typed; the table name keeps its pattern', () => {
    const statement = parseStatement('select count(*), avg( page_count ) AS a from "lib*" l group by 1', [])
    expect(statement).toMatchObject({
      kind: 'select',
      items: [
        { expression: { text: 'count(*)' }, alias: null },
        { expression: { text: 'avg( page_count )' }, alias: 'a' },
      ],
      from: { index: 'lib*', at: { line: 1, column: 46 } },
      groupBy: [{ kind: 'literal', value: 1 }],
    })
    expect(parseStatement('SELECT * FROM logs-2024.*', [])).toMatchObject({ from: { index: 'logs-2024.*' } })
  })
})

describe('statements', () => {
  test.each([
    ['SHOW TABLES', { kind: 'showTables', pattern: null }],
    ["SHOW TABLES LIKE 'lib%'", { kind: 'showTables', pattern: 'lib%' }],
    ['DESCRIBE library', { kind: 'showColumns', table: { index: 'library' } }],
    ['SHOW COLUMNS IN library', { kind: 'showColumns', table: { index: 'library' } }],
    ["SHOW FUNCTIONS LIKE 'A%'", { kind: 'showFunctions', pattern: 'A%' }],
    [
      'SELECT TOP 2 a FROM t ORDER BY a DESC NULLS LAST',
      { kind: 'select', limit: 2, orderBy: [{ ascending: false, nullsFirst: false }] },
    ],
  ])('%s', (sql, expected) => {
    expect(parseStatement(sql, [])).toMatchObject(expected)
  })
})

describe('bad statements', () => {
  test.each([
    [
      'SELECT `name` FROM library',
      'parsing_exception: line 1:8: backquoted identifiers not supported; please use double quotes instead',
    ],
    [
      'SELECT 1name FROM library',
      'parsing_exception: line 1:8: identifiers must not start with a digit; please use double quotes',
    ],
    [
      "SELECT 'abc FROM library",
      "parsing_exception: line 1:8: token recognition error at: ''abc FROM library'",
    ],
    ['SELECT a FROM t WHERE a # 1', "parsing_exception: line 1:25: token recognition error at: '#'"],
    ['SELECT a FROM t LIMIT x', "parsing_exception: line 1:23: mismatched input 'x' expecting INTEGER_VALUE"],
    ['SELECT a FROM t ORDER a', "parsing_exception: line 1:23: mismatched input 'a' expecting 'BY'"],
    ['SELECT a FROM t extra junk', "parsing_exception: line 1:23: extraneous input 'junk' expecting <EOF>"],
    [
      'SELECT a,\nFROM t',
      "parsing_exception: line 2:1: mismatched input 'FROM' expecting {'(', '*', 'CASE', 'CAST', 'FALSE', 'NULL', 'TRUE', INTEGER_VALUE, DECIMAL_VALUE, STRING, IDENTIFIER, QUOTED_IDENTIFIER, '?'}",
    ],
    [
      'UPDATE t SET a = 1',
      "parsing_exception: line 1:1: mismatched input 'UPDATE' expecting {'DESC', 'DESCRIBE', 'SELECT', 'SHOW', '('}",
    ],
    ['SELECT CAST(a AS blob) FROM t', 'parsing_exception: line 1:18: Does not recognize type [blob]'],
    ['SELECT * FROM t WHERE a = ?', 'parsing_exception: line 1:27: Not enough actual parameters 0 '],
    [
      'SELECT TOP 1 a FROM t LIMIT 2',
      'parsing_exception: line 1:23: TOP and LIMIT are not allowed in the same query - use one or the other',
    ],
  ])('%s', (sql, expected) => {
    expect(reason(sql)).toBe(expected)
  })
})
