/**
 * Expressions, with SqlBase.g4's precedence (lowest first): OR; AND; NOT; a predicated value (BETWEEN, IN,
 * LIKE, RLIKE, IS [NOT] NULL after a value); comparison (=, <>, !=, <, <=, >, >=, <=>); + and -; *, / and %;
 * unary - and +; `::` casts; primaries (literals, INTERVAL literals, `?` parameters, `*`, CAST, CASE, MATCH, QUERY,
 * EXTRACT(field FROM value), CURRENT_TIMESTAMP, CURRENT_DATE and CURRENT_TIME without parentheses, function calls,
 * dotted or "quoted" names, parenthesised expressions). Every node keeps its text and position.
 */
import { sqlParsingException } from './sql-exceptions.ts'
import type { Token } from './sql-lexer.ts'
import type { TokenStream } from './token-stream.ts'
import type { BinaryOp, Expression, FieldRef, Literal, LiteralValue, WhenClause } from './sql-ast.ts'
import { castTypeName } from './sql-data-types.ts'
import { IntervalValue, type IntervalUnit } from './sql-values.ts'

const INTERVAL_UNITS: Readonly<Record<string, IntervalUnit>> = {
  YEAR: 'YEAR',
  MONTH: 'MONTH',
  DAY: 'DAY',
  HOUR: 'HOUR',
  MINUTE: 'MINUTE',
  SECOND: 'SECOND',
}

/** The functions SqlBase.g4's builtinDateTimeFunction names without parentheses. */
const NO_PARENTHESES = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME'])

/** A `?` parameter's value and its SQL type. */
export interface TypedParam {
  readonly value: LiteralValue
  readonly type: string
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=', '<=>'])
const PRIMARY_START = [
  "'('",
  "'*'",
  "'CASE'",
  "'CAST'",
  "'FALSE'",
  "'NULL'",
  "'TRUE'",
  'INTEGER_VALUE',
  'DECIMAL_VALUE',
  'STRING',
  'IDENTIFIER',
  'QUOTED_IDENTIFIER',
  "'?'",
]

export class ExpressionParser {
  private nextParam = 0

  constructor(
    private readonly tokens: TokenStream,
    private readonly params: readonly TypedParam[],
  ) {}

  expression(): Expression {
    return this.or()
  }

  private or(): Expression {
    const start = this.tokens.peek()
    let left = this.and()
    while (this.tokens.acceptKeyword('OR')) left = this.binary('OR', left, this.and(), start)
    return left
  }

  private and(): Expression {
    const start = this.tokens.peek()
    let left = this.not()
    while (this.tokens.acceptKeyword('AND')) left = this.binary('AND', left, this.not(), start)
    return left
  }

  private not(): Expression {
    const start = this.tokens.peek()
    if (this.tokens.acceptKeyword('NOT')) {
      const operand = this.not()
      return { kind: 'unary', op: 'NOT', operand, at: start, text: this.tokens.textFrom(start) }
    }
    return this.predicated()
  }

  private predicated(): Expression {
    const start = this.tokens.peek()
    const operand = this.comparison()
    const negated = this.tokens.isKeyword('NOT') && !this.tokens.isKeyword('NULL', 1)
    if (negated) this.tokens.next()
    const node = { operand, negated, at: start }
    if (this.tokens.acceptKeyword('BETWEEN')) {
      const lower = this.additive()
      this.tokens.expectKeyword('AND')
      const upper = this.additive()
      return { kind: 'between', ...node, lower, upper, text: this.tokens.textFrom(start) }
    }
    if (this.tokens.acceptKeyword('IN')) {
      this.tokens.expectOperator('(')
      const list = [this.expression()]
      while (this.tokens.acceptOperator(',')) list.push(this.expression())
      this.tokens.expectOperator(')')
      return { kind: 'in', ...node, list, text: this.tokens.textFrom(start) }
    }
    if (this.tokens.isKeyword('LIKE') || this.tokens.isKeyword('RLIKE')) {
      const regex = this.tokens.next().value === 'RLIKE'
      const pattern = this.tokens.peek()
      if (pattern.kind !== 'string' && pattern.kind !== 'param')
        throw this.tokens.mismatched(['STRING', "'?'"])
      const value =
        pattern.kind === 'param' ? String(this.param(pattern).value) : (this.tokens.next(), pattern.value)
      return { kind: 'like', ...node, pattern: value, regex, text: this.tokens.textFrom(start) }
    }
    if (negated) throw this.tokens.mismatched(["'BETWEEN'", "'IN'", "'LIKE'", "'RLIKE'"])
    if (this.tokens.acceptKeyword('IS')) {
      const isNot = this.tokens.acceptKeyword('NOT')
      this.tokens.expectKeyword('NULL')
      return { kind: 'isNull', operand, negated: isNot, at: start, text: this.tokens.textFrom(start) }
    }
    return operand
  }

  private comparison(): Expression {
    const start = this.tokens.peek()
    let left = this.additive()
    while (this.tokens.peek().kind === 'operator' && COMPARISONS.has(this.tokens.peek().value)) {
      const op = this.tokens.next().value as BinaryOp
      left = this.binary(op, left, this.additive(), start)
    }
    return left
  }

  private additive(): Expression {
    const start = this.tokens.peek()
    let left = this.multiplicative()
    while (this.tokens.isOperator('+') || this.tokens.isOperator('-')) {
      const op = this.tokens.next().value as BinaryOp
      left = this.binary(op, left, this.multiplicative(), start)
    }
    return left
  }

  private multiplicative(): Expression {
    const start = this.tokens.peek()
    let left = this.unary()
    while (this.tokens.isOperator('*') || this.tokens.isOperator('/') || this.tokens.isOperator('%')) {
      const op = this.tokens.next().value as BinaryOp
      left = this.binary(op, left, this.unary(), start)
    }
    return left
  }

  private unary(): Expression {
    const start = this.tokens.peek()
    if (this.tokens.isOperator('-') || this.tokens.isOperator('+')) {
      const op = this.tokens.next().value as '-' | '+'
      const operand = this.unary()
      if (op === '-' && operand.kind === 'literal' && typeof operand.value === 'number') {
        return { ...operand, value: -operand.value, at: start, text: this.tokens.textFrom(start) }
      }
      return { kind: 'unary', op, operand, at: start, text: this.tokens.textFrom(start) }
    }
    return this.castSuffix()
  }

  private castSuffix(): Expression {
    const start = this.tokens.peek()
    let operand = this.primary()
    while (this.tokens.acceptOperator('::')) {
      const type = this.dataType()
      operand = { kind: 'cast', operand, type, at: start, text: this.tokens.textFrom(start) }
    }
    return operand
  }

  private dataType(): string {
    const token = this.tokens.peek()
    if (token.kind !== 'identifier' && token.kind !== 'keyword') throw this.tokens.mismatched(['IDENTIFIER'])
    this.tokens.next()
    const type = castTypeName(token.value)
    if (type === null) throw sqlParsingException(token, `Does not recognize type [${token.value}]`)
    return type
  }

  private primary(): Expression {
    const start = this.tokens.peek()
    switch (start.kind) {
      case 'integer':
      case 'decimal':
        this.tokens.next()
        return this.literal(start, ...numberLiteral(start))
      case 'string':
        this.tokens.next()
        return this.literal(start, start.value, 'keyword')
      case 'param': {
        const param = this.param(start)
        return this.literal(start, param.value, param.type)
      }
      case 'quoted':
      case 'identifier':
        return this.nameOrCall()
      case 'backquoted':
        throw sqlParsingException(
          start,
          'backquoted identifiers not supported; please use double quotes instead',
        )
      case 'digitIdentifier':
        throw sqlParsingException(start, 'identifiers must not start with a digit; please use double quotes')
      case 'operator':
        if (this.tokens.acceptOperator('*')) return { kind: 'star', at: start, text: '*' }
        if (this.tokens.acceptOperator('(')) {
          const inner = this.expression()
          this.tokens.expectOperator(')')
          return inner
        }
        break
      case 'keyword':
        return this.keywordPrimary(start)
      case 'eof':
        break
    }
    throw this.tokens.mismatched(PRIMARY_START)
  }

  private keywordPrimary(start: Token): Expression {
    switch (start.value) {
      case 'TRUE':
      case 'FALSE':
        this.tokens.next()
        return this.literal(start, start.value === 'TRUE', 'boolean')
      case 'NULL':
        this.tokens.next()
        return this.literal(start, null, 'null')
      case 'CAST': {
        this.tokens.next()
        this.tokens.expectOperator('(')
        const operand = this.expression()
        this.tokens.expectKeyword('AS')
        const type = this.dataType()
        this.tokens.expectOperator(')')
        return { kind: 'cast', operand, type, at: start, text: this.tokens.textFrom(start) }
      }
      case 'MATCH':
      case 'QUERY':
        return this.fullText(start)
      case 'CASE':
        return this.caseExpression(start)
      case 'FIRST':
      case 'LAST':
        // non-reserved in SqlBase.g4, so the aggregates' names
        if (this.tokens.isOperator('(', 1)) return this.nameOrCall()
        throw this.tokens.mismatched(PRIMARY_START)
      default:
        throw this.tokens.mismatched(PRIMARY_START)
    }
  }

  /** `CASE [operand] WHEN … THEN … [WHEN …] [ELSE …] END` (SqlBase.g4's caseExpression). */
  private caseExpression(start: Token): Expression {
    this.tokens.next()
    const operand = this.tokens.isKeyword('WHEN') ? null : this.expression()
    const whens: WhenClause[] = []
    do {
      const when = this.tokens.expectKeyword('WHEN')
      const value = this.expression()
      this.tokens.expectKeyword('THEN')
      const result = this.expression()
      const text = this.tokens.textFrom(when)
      const condition: Expression =
        operand === null ? value : { kind: 'binary', op: '=', left: operand, right: value, at: when, text }
      whens.push({ condition, result, at: when, text })
    } while (this.tokens.isKeyword('WHEN'))
    const otherwise = this.tokens.acceptKeyword('ELSE') ? this.expression() : null
    this.tokens.expectKeyword('END')
    return { kind: 'case', whens, otherwise, at: start, text: this.tokens.textFrom(start) }
  }

  /** `EXTRACT(field FROM value)`: the datetime field function `field` of `value`. */
  private extract(start: Token): Expression {
    this.tokens.next()
    this.tokens.expectOperator('(')
    const field = this.identifier()
    this.tokens.expectKeyword('FROM')
    const value = this.expression()
    this.tokens.expectOperator(')')
    const name = field.toUpperCase()
    const text = this.tokens.textFrom(start)
    return { kind: 'function', name, args: [value], distinct: false, extract: true, at: start, text }
  }

  private fullText(start: Token): Expression {
    this.tokens.next()
    this.tokens.expectOperator('(')
    const fields: FieldRef[] = []
    if (start.value === 'MATCH') {
      fields.push(this.fieldName())
      this.tokens.expectOperator(',')
    }
    const query = this.stringArgument()
    const options = this.tokens.acceptOperator(',') ? this.stringArgument() : null
    this.tokens.expectOperator(')')
    const kind = start.value === 'MATCH' ? 'match' : 'query'
    return { kind, fields, query, options, at: start, text: this.tokens.textFrom(start) }
  }

  private stringArgument(): string {
    const token = this.tokens.peek()
    if (token.kind === 'param') return String(this.param(token).value)
    if (token.kind !== 'string') throw this.tokens.mismatched(['STRING'])
    this.tokens.next()
    return token.value
  }

  /** A dotted name: identifiers (or "quoted" ones) joined by `.`. */
  fieldName(): FieldRef {
    const start = this.tokens.peek()
    const parts = [this.identifier()]
    while (this.tokens.isOperator('.') && this.tokens.peek(1).kind !== 'operator') {
      this.tokens.next()
      parts.push(this.identifier())
    }
    return { kind: 'field', name: parts.join('.'), at: start, text: this.tokens.textFrom(start) }
  }

  identifier(): string {
    const token = this.tokens.peek()
    if (token.kind === 'identifier' || token.kind === 'quoted') {
      this.tokens.next()
      return token.value
    }
    if (token.kind === 'backquoted')
      throw sqlParsingException(
        token,
        'backquoted identifiers not supported; please use double quotes instead',
      )
    if (token.kind === 'digitIdentifier')
      throw sqlParsingException(token, 'identifiers must not start with a digit; please use double quotes')
    throw this.tokens.mismatched(['IDENTIFIER', 'QUOTED_IDENTIFIER'])
  }

  private nameOrCall(): Expression {
    const start = this.tokens.peek()
    if (start.kind === 'identifier' && start.value.toUpperCase() === 'INTERVAL') {
      const next = this.tokens.peek(1)
      if (next.kind === 'integer' || next.kind === 'string' || next.value === '-' || next.value === '+') {
        return this.interval(start)
      }
    }
    const upper = start.kind === 'identifier' ? start.value.toUpperCase() : ''
    if (upper === 'EXTRACT' && this.tokens.isOperator('(', 1)) return this.extract(start)
    if (NO_PARENTHESES.has(upper) && !this.tokens.isOperator('(', 1)) {
      this.tokens.next()
      return { kind: 'function', name: upper, args: [], distinct: false, at: start, text: start.text }
    }
    if ((start.kind === 'identifier' || start.kind === 'keyword') && this.tokens.isOperator('(', 1)) {
      this.tokens.next()
      this.tokens.next()
      const distinct = this.tokens.acceptKeyword('DISTINCT')
      if (!distinct) this.tokens.acceptKeyword('ALL')
      const args: Expression[] = []
      if (!this.tokens.isOperator(')')) {
        args.push(this.expression())
        while (this.tokens.acceptOperator(',')) args.push(this.expression())
      }
      this.tokens.expectOperator(')')
      const name = start.value.toUpperCase()
      return { kind: 'function', name, args, distinct, at: start, text: this.tokens.textFrom(start) }
    }
    const field = this.fieldName()
    if (this.tokens.isOperator('.') && this.tokens.isOperator('*', 1)) {
      throw sqlParsingException(this.tokens.peek(), 'qualified star projections are not supported')
    }
    return field
  }

  /** `INTERVAL [+|-] (n | 'n') unit`, unit one of YEAR(S), MONTH(S), DAY(S), HOUR(S), MINUTE(S), SECOND(S). */
  private interval(start: Token): Expression {
    this.tokens.next()
    const sign = this.tokens.acceptOperator('-') ? -1 : (this.tokens.acceptOperator('+'), 1)
    const amount = this.tokens.next()
    const value = Number(amount.value)
    if (!Number.isInteger(value))
      throw sqlParsingException(amount, `Invalid interval value [${amount.value}]`)
    const unitToken = this.tokens.peek()
    const unit = INTERVAL_UNITS[unitToken.value.toUpperCase().replace(/S$/, '')]
    if (unit === undefined)
      throw this.tokens.mismatched(["'YEAR'", "'MONTH'", "'DAY'", "'HOUR'", "'MINUTE'", "'SECOND'"])
    this.tokens.next()
    const interval = new IntervalValue(sign * value, unit)
    return this.literal(start, interval, interval.type)
  }

  private param(token: Token): TypedParam {
    this.tokens.next()
    const param = this.params[this.nextParam]
    if (param === undefined)
      throw sqlParsingException(token, `Not enough actual parameters ${this.params.length} `)
    this.nextParam++
    return param
  }

  private literal(start: Token, value: LiteralValue, type: string): Literal {
    return { kind: 'literal', value, type, at: start, text: this.tokens.textFrom(start) }
  }

  private binary(op: BinaryOp, left: Expression, right: Expression, start: Token): Expression {
    return { kind: 'binary', op, left, right, at: start, text: this.tokens.textFrom(start) }
  }
}

/** An integer literal is an integer when it fits 32 bits, else a long; a decimal one a double. */
function numberLiteral(token: Token): [number, string] {
  const value = Number(token.value)
  if (token.kind === 'decimal') return [value, 'double']
  return [value, Math.abs(value) <= 2147483647 ? 'integer' : 'long']
}
