// The ES|QL parser (EsqlBaseParser.g4): commands split at `|` with FROM's patterns read raw, expressions with
// their source text (which names unaliased columns) and ANTLR-style parsing_exception texts at 1-based
// positions, on any line of a multi-line query.
import { describe, expect, test } from 'vitest'
import { parseQuery } from '../../../../workers/es/esql/esql-parser.ts'
import { failure } from '../es-failure.ts'

describe('parseQuery', () => {
  test('FROM patterns, METADATA, and the text of each expression', () => {
    const [from, evalCommand, stats] = parseQuery(
      'FROM logs-*,library METADATA _id | EVAL x = a + 1, b * 2 | STATS COUNT(*) BY `x`',
      [],
    )
    expect(from).toMatchObject({ kind: 'from', indices: 'logs-*,library', metadata: ['_id'] })
    expect(evalCommand).toMatchObject({ kind: 'eval', fields: [{ name: 'x' }, { name: 'b * 2' }] })
    expect(stats).toMatchObject({
      kind: 'stats',
      aggregates: [{ name: 'COUNT(*)' }],
      groupings: [{ name: '`x`', expression: { kind: 'column', name: 'x' } }],
    })
  })

  test('command words are plain names inside expressions; keywords are not', () => {
    expect(parseQuery('ROW eval = 1 | KEEP eval, first', [])).toMatchObject([
      { kind: 'row', fields: [{ name: 'eval' }] },
      { kind: 'keep', patterns: [{ pattern: 'eval' }, { pattern: 'first' }] },
    ])
  })

  test('parameters: positional in order, named, and a missing one', () => {
    const params = [
      { name: null, value: 1, type: 'integer' },
      { name: 'n', value: 'x', type: 'keyword' },
    ]
    expect(parseQuery('ROW a = ?, b = ?n', params)).toMatchObject([
      { fields: [{ expression: { value: 1 } }, { expression: { value: 'x' } }] },
    ])
    expect(failure(() => parseQuery('ROW a = ?m', params))).toEqual({
      type: 'parsing_exception',
      reason: 'line 1:9: Unknown query parameter [m]',
    })
  })

  test('ANTLR-style mistakes with their positions', () => {
    const reason = (query: string) => failure(() => parseQuery(query, [])).reason
    expect(reason('FROM library | LIMIT x')).toBe("line 1:22: mismatched input 'x' expecting INTEGER_LITERAL")
    expect(reason('ROW a = 1 b')).toBe("line 1:11: extraneous input 'b' expecting {<EOF>, '|'}")
    expect(reason('ROW a = "open')).toBe("line 1:9: token recognition error at: '\"open'")
    expect(reason('FROM library\n| WHERE a == #')).toBe("line 2:14: token recognition error at: '#'")
    expect(reason('ROW a = 1 |')).toBe(
      "line 1:12: mismatched input '<EOF>' expecting {'dissect', 'drop', 'enrich', 'eval', 'grok', 'keep', " +
        "'limit', 'mv_expand', 'rename', 'sort', 'stats', 'where'}",
    )
  })
})
