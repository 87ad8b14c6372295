/**
 * SqlParser.createStatement: the statement text (with its `?` parameters) to a Statement. Statements:
 * `SELECT [TOP n] [DISTINCT|ALL] items [FROM table [[AS] alias]] [WHERE e] [GROUP BY e, …] [HAVING e] [ORDER BY e [ASC|DESC]
 * [NULLS FIRST|LAST], …] [LIMIT n|ALL]`, `SHOW TABLES [INCLUDE FROZEN] [LIKE 'p' | 'p' | name]`,
 * `SHOW COLUMNS (FROM|IN) table`, `DESCRIBE|DESC table`, `SHOW FUNCTIONS [LIKE 'p']`. A table is a name, a
 * "quoted" name or an unquoted pattern (`logs-*`, `library`), read as ES's TABLE_IDENTIFIER token does:
 * the adjacent characters of words, `*`, `-`, `.` and `:`. Anything after the statement is
 * `extraneous input`/`mismatched input … expecting <EOF>`.
 */
import type { EsException } from '../errors/index.ts'
import { ExpressionParser, type TypedParam } from './expression-parser.ts'
import { sqlParsingException } from './sql-exceptions.ts'
import { tokenize } from './sql-lexer.ts'
import { TokenStream } from './token-stream.ts'
import type { Expression, OrderItem, Select, SelectItem, Statement, TableRef } from './sql-ast.ts'

const STATEMENT_START = ["'DESC'", "'DESCRIBE'", "'SELECT'", "'SHOW'", "'('"]

export function parseStatement(sql: string, params: readonly TypedParam[]): Statement {
  const tokens = new TokenStream(tokenize(sql), sql)
  const expressions = new ExpressionParser(tokens, params)
  const statement = parseTop(tokens, expressions)
  if (tokens.peek().kind !== 'eof') throw trailing(tokens)
  return statement
}

function trailing(tokens: TokenStream): EsException {
  return sqlParsingException(tokens.peek(), `extraneous input '${tokens.peek().text}' expecting <EOF>`)
}

function parseTop(tokens: TokenStream, expressions: ExpressionParser): Statement {
  if (tokens.isKeyword('SELECT')) return parseSelect(tokens, expressions)
  if (tokens.acceptOperator('(')) {
    const inner = parseSelect(tokens, expressions)
    tokens.expectOperator(')')
    return inner
  }
  if (tokens.acceptKeyword('DESCRIBE') || tokens.acceptKeyword('DESC')) {
    return { kind: 'showColumns', table: tableRef(tokens) }
  }
  if (tokens.acceptKeyword('SHOW')) {
    if (tokens.acceptKeyword('TABLES')) {
      if (tokens.acceptKeyword('INCLUDE')) tokens.expectKeyword('FROZEN')
      return { kind: 'showTables', pattern: optionalPattern(tokens, true) }
    }
    if (tokens.acceptKeyword('COLUMNS')) {
      if (!tokens.acceptKeyword('FROM') && !tokens.acceptKeyword('IN'))
        throw tokens.mismatched(["'FROM'", "'IN'"])
      return { kind: 'showColumns', table: tableRef(tokens) }
    }
    if (tokens.acceptKeyword('FUNCTIONS'))
      return { kind: 'showFunctions', pattern: optionalPattern(tokens, false) }
    throw tokens.mismatched(["'CATALOGS'", "'COLUMNS'", "'FUNCTIONS'", "'SCHEMAS'", "'TABLES'"])
  }
  throw tokens.mismatched(STATEMENT_START)
}

/** `LIKE 'pattern'`, or (for SHOW TABLES) a bare 'pattern' or table name. */
function optionalPattern(tokens: TokenStream, bare: boolean): string | null {
  if (tokens.acceptKeyword('LIKE')) {
    const token = tokens.next()
    if (token.kind !== 'string')
      throw sqlParsingException(token, `mismatched input '${token.text}' expecting STRING`)
    return token.value
  }
  if (!bare || tokens.peek().kind === 'eof') return null
  if (tokens.peek().kind === 'string') return tokens.next().value
  return tableRef(tokens).index
}

function parseSelect(tokens: TokenStream, expressions: ExpressionParser): Select {
  tokens.expectKeyword('SELECT')
  let limit: number | null = null
  if (tokens.acceptKeyword('TOP')) limit = integerValue(tokens)
  const distinct = tokens.acceptKeyword('DISTINCT')
  if (!distinct) tokens.acceptKeyword('ALL')
  const items: SelectItem[] = [selectItem(tokens, expressions)]
  while (tokens.acceptOperator(',')) items.push(selectItem(tokens, expressions))
  const from = tokens.acceptKeyword('FROM') ? tableRef(tokens) : null
  // A table alias (`FROM library l`, `FROM library AS l`) names nothing this playground's SELECT reads.
  if (from !== null && (tokens.acceptKeyword('AS') || tokens.peek().kind === 'identifier'))
    expressions.identifier()
  const where = tokens.acceptKeyword('WHERE') ? expressions.expression() : null
  const groupBy: Expression[] = []
  if (tokens.acceptKeyword('GROUP')) {
    tokens.expectKeyword('BY')
    groupBy.push(expressions.expression())
    while (tokens.acceptOperator(',')) groupBy.push(expressions.expression())
  }
  const having = tokens.acceptKeyword('HAVING') ? expressions.expression() : null
  const orderBy: OrderItem[] = []
  if (tokens.acceptKeyword('ORDER')) {
    tokens.expectKeyword('BY')
    orderBy.push(orderItem(tokens, expressions))
    while (tokens.acceptOperator(',')) orderBy.push(orderItem(tokens, expressions))
  }
  if (tokens.acceptKeyword('LIMIT')) {
    if (limit !== null)
      throw sqlParsingException(
        tokens.previous(),
        'TOP and LIMIT are not allowed in the same query - use one or the other',
      )
    limit = tokens.acceptKeyword('ALL') ? null : integerValue(tokens)
  }
  return { kind: 'select', distinct, items, from, where, groupBy, having, orderBy, limit }
}

function selectItem(tokens: TokenStream, expressions: ExpressionParser): SelectItem {
  const expression = expressions.expression()
  if (tokens.acceptKeyword('AS')) return { expression, alias: expressions.identifier() }
  const next = tokens.peek()
  if (next.kind === 'identifier' || next.kind === 'quoted')
    return { expression, alias: expressions.identifier() }
  return { expression, alias: null }
}

function orderItem(tokens: TokenStream, expressions: ExpressionParser): OrderItem {
  const expression = expressions.expression()
  const ascending = !tokens.acceptKeyword('DESC')
  if (ascending) tokens.acceptKeyword('ASC')
  let nullsFirst: boolean | null = null
  if (tokens.acceptKeyword('NULLS')) {
    if (tokens.acceptKeyword('FIRST')) nullsFirst = true
    else if (tokens.acceptKeyword('LAST')) nullsFirst = false
    else throw tokens.mismatched(["'FIRST'", "'LAST'"])
  }
  return { expression, ascending, nullsFirst }
}

function integerValue(tokens: TokenStream): number {
  const token = tokens.peek()
  if (token.kind !== 'integer') throw tokens.mismatched(['INTEGER_VALUE'])
  tokens.next()
  return Number(token.value)
}

const TABLE_PART = new Set(['*', '-', '.', ':'])

function tableRef(tokens: TokenStream): TableRef {
  const first = tokens.peek()
  if (first.kind === 'quoted') {
    tokens.next()
    return { at: first, index: first.value }
  }
  const isPart = (ahead: number): boolean => {
    const token = tokens.peek(ahead)
    if (token.kind === 'operator') return TABLE_PART.has(token.value)
    return ['identifier', 'integer', 'decimal', 'digitIdentifier', 'keyword'].includes(token.kind)
  }
  if (!isPart(0) || (first.kind === 'keyword' && !isAdjacent(tokens))) {
    throw tokens.mismatched(['QUOTED_IDENTIFIER', 'TABLE_IDENTIFIER', 'IDENTIFIER'])
  }
  let end = tokens.next()
  while (isPart(0) && tokens.peek().start === end.end) end = tokens.next()
  return { at: first, index: tokens.sql.slice(first.start, end.end) }
}

/** A keyword is part of a table name only when glued to the next part (`select-logs`). */
function isAdjacent(tokens: TokenStream): boolean {
  return tokens.peek(1).start === tokens.peek().end && tokens.peek(1).kind !== 'eof'
}
