/**
 * ES|QL expressions (EsqlBaseParser.g4's booleanExpression and below), loosest first: OR, AND, NOT, then a
 * value with `IS [NOT] NULL`, `[NOT] IN (…)`, `[NOT] LIKE|RLIKE "pattern"` or one comparison (`== != < <= > >=`),
 * then `+ -`, `* / %`, unary `-`/`+`, `::type` casts and the primaries: literals (null, true/false, numbers,
 * strings, `[…]` lists, `?` parameters, an integer with a time unit such as `1 day`), (possibly
 * `backquoted`) dotted column names, function calls (`COUNT(*)`) and parenthesised expressions. Every node
 * records its start and its text as written.
 */
import { sqlParsingException } from '../sql/sql-exceptions.ts'
import type { Token } from '../sql/sql-lexer.ts'
import type { TokenStream } from '../sql/token-stream.ts'
import type { EsqlExpression } from './esql-ast.ts'
import { TIME_UNIT_NAMES, TimeSpan, type EsqlScalar, type EsqlValue } from './esql-values.ts'

/** A request parameter: its value and ES|QL type. */
export interface EsqlParam {
  readonly name: string | null
  readonly value: EsqlValue
  readonly type: string
}

/** An expression node before its position and text are added. */
type BareExpression = EsqlExpression extends infer E
  ? E extends EsqlExpression
    ? Omit<E, 'at' | 'text'>
    : never
  : never

const COMPARISONS = ['==', '!=', '<', '<=', '>', '>=']
const CAST_FUNCTIONS: Readonly<Record<string, string>> = {
  bool: 'to_boolean',
  boolean: 'to_boolean',
  date: 'to_datetime',
  datetime: 'to_datetime',
  double: 'to_double',
  int: 'to_integer',
  integer: 'to_integer',
  ip: 'to_ip',
  keyword: 'to_string',
  long: 'to_long',
  string: 'to_string',
  text: 'to_string',
  version: 'to_version',
  unsigned_long: 'to_unsigned_long',
  date_period: 'to_dateperiod',
  time_duration: 'to_timeduration',
}

export class EsqlExpressionParser {
  private positional = 0

  constructor(
    private readonly tokens: TokenStream,
    private readonly params: readonly EsqlParam[],
  ) {}

  parse(): EsqlExpression {
    return this.or()
  }

  private node(start: Token, e: BareExpression): EsqlExpression {
    return { ...e, at: start, text: this.tokens.textFrom(start) }
  }

  private or(): EsqlExpression {
    const start = this.tokens.peek()
    let left = this.and()
    while (this.tokens.acceptKeyword('OR')) {
      const right = this.and()
      left = this.node(start, { kind: 'binary', op: 'or', left, right })
    }
    return left
  }

  private and(): EsqlExpression {
    const start = this.tokens.peek()
    let left = this.not()
    while (this.tokens.acceptKeyword('AND')) {
      const right = this.not()
      left = this.node(start, { kind: 'binary', op: 'and', left, right })
    }
    return left
  }

  private not(): EsqlExpression {
    const start = this.tokens.peek()
    if (this.tokens.acceptKeyword('NOT')) return this.node(start, { kind: 'not', operand: this.not() })
    return this.predicate()
  }

  private predicate(): EsqlExpression {
    const t = this.tokens
    const start = t.peek()
    const operand = this.additive()
    if (t.acceptKeyword('IS')) {
      const negated = t.acceptKeyword('NOT')
      t.expectKeyword('NULL')
      return this.node(start, { kind: 'isNull', operand, negated })
    }
    const negated = t.isKeyword('NOT') && ['IN', 'LIKE', 'RLIKE'].some((k) => t.isKeyword(k, 1))
    if (negated) t.next()
    if (t.acceptKeyword('IN')) {
      t.expectOperator('(')
      const list = [this.additive()]
      while (t.acceptOperator(',')) list.push(this.additive())
      t.expectOperator(')')
      return this.node(start, { kind: 'in', operand, list, negated })
    }
    if (t.isKeyword('LIKE') || t.isKeyword('RLIKE')) {
      const regex = t.next().value === 'RLIKE'
      const pattern = t.peek()
      if (pattern.kind !== 'string') throw t.mismatched(['QUOTED_STRING'])
      t.next()
      return this.node(start, { kind: 'like', operand, pattern: pattern.value, regex, negated })
    }
    const op = COMPARISONS.find((o) => t.isOperator(o))
    if (op === undefined) return operand
    t.next()
    const right = this.additive()
    return this.node(start, { kind: 'binary', op, left: operand, right })
  }

  private additive(): EsqlExpression {
    const start = this.tokens.peek()
    let left = this.multiplicative()
    for (;;) {
      const op = ['+', '-'].find((o) => this.tokens.isOperator(o))
      if (op === undefined) return left
      this.tokens.next()
      const right = this.multiplicative()
      left = this.node(start, { kind: 'binary', op, left, right })
    }
  }

  private multiplicative(): EsqlExpression {
    const start = this.tokens.peek()
    let left = this.unary()
    for (;;) {
      const op = ['*', '/', '%'].find((o) => this.tokens.isOperator(o))
      if (op === undefined) return left
      this.tokens.next()
      const right = this.unary()
      left = this.node(start, { kind: 'binary', op, left, right })
    }
  }

  private unary(): EsqlExpression {
    const start = this.tokens.peek()
    if (this.tokens.acceptOperator('-')) return this.node(start, { kind: 'neg', operand: this.unary() })
    if (this.tokens.acceptOperator('+')) return this.unary()
    let e = this.primary()
    while (this.tokens.acceptOperator('::')) {
      const type = this.tokens.next()
      const fn = CAST_FUNCTIONS[type.value.toLowerCase()]
      if (fn === undefined)
        throw sqlParsingException(type, `Unsupported conversion to type [${type.value.toUpperCase()}]`)
      e = this.node(start, { kind: 'call', name: fn, args: [e], star: false })
    }
    return e
  }

  private primary(): EsqlExpression {
    const t = this.tokens
    const start = t.peek()
    if (t.acceptOperator('(')) {
      const inner = this.or()
      t.expectOperator(')')
      return inner
    }
    if (t.acceptOperator('[')) {
      const values: EsqlScalar[] = []
      let type = 'null'
      do {
        // a number in a list may carry a sign (numericValue: (PLUS | MINUS)? INTEGER_LITERAL / DECIMAL_LITERAL)
        const sign = t.acceptOperator('-') ? -1 : t.acceptOperator('+') ? 1 : 0
        const item = this.literal(t.next())
        if (item === null || item.value === null) throw t.noViableAlternative()
        if (sign !== 0 && typeof item.value !== 'number') throw t.noViableAlternative()
        values.push(sign === -1 ? -(item.value as number) : (item.value as EsqlScalar))
        type = item.type
      } while (t.acceptOperator(','))
      t.expectOperator(']')
      return this.node(start, { kind: 'literal', value: values, type })
    }
    if (start.kind === 'identifier' || start.kind === 'backquoted') {
      if (start.kind === 'identifier' && t.isOperator('(', 1)) return this.call()
      const parts = [t.next().value]
      while (t.isOperator('.') && ['identifier', 'backquoted'].includes(t.peek(1).kind)) {
        t.next()
        parts.push(t.next().value)
      }
      return this.node(start, { kind: 'column', name: parts.join('.') })
    }
    const literal = this.literal(start)
    if (literal === null) throw t.noViableAlternative()
    t.next()
    if (start.kind === 'integer' || start.kind === 'decimal') {
      const unit =
        t.peek().kind === 'identifier' ? TIME_UNIT_NAMES.get(t.peek().value.toLowerCase()) : undefined
      if (unit !== undefined) {
        t.next()
        return this.node(start, { kind: 'literal', value: new TimeSpan(Number(start.value), unit), type: '' })
      }
    }
    return this.node(start, { kind: 'literal', ...literal })
  }

  private literal(token: Token): { value: EsqlValue; type: string } | null {
    switch (token.kind) {
      case 'string':
        return { value: token.value, type: 'keyword' }
      case 'integer': {
        const n = Number(token.value)
        return { value: n, type: n <= 2147483647 ? 'integer' : Number.isSafeInteger(n) ? 'long' : 'double' }
      }
      case 'decimal':
        return { value: Number(token.value), type: 'double' }
      case 'param':
        return this.param(token)
      case 'keyword':
        if (token.value === 'NULL') return { value: null, type: 'null' }
        if (token.value === 'TRUE' || token.value === 'FALSE')
          return { value: token.value === 'TRUE', type: 'boolean' }
        return null
      default:
        return null
    }
  }

  private param(token: Token): { value: EsqlValue; type: string } {
    const name = token.value
    let param: EsqlParam | undefined
    if (name === '') param = this.params[this.positional++]
    else if (/^\d+$/.test(name)) param = this.params[Number(name) - 1]
    else param = this.params.find((p) => p.name === name)
    if (param === undefined) {
      const position = name === '' ? String(this.positional) : name
      const message = /^\d+$/.test(position)
        ? `No parameter is defined for position ${position}, did you specify the right number of parameters?`
        : `Unknown query parameter [${name}]`
      throw sqlParsingException(token, message)
    }
    return { value: param.value, type: param.type }
  }

  private call(): EsqlExpression {
    const t = this.tokens
    const start = t.next()
    t.expectOperator('(')
    const args: EsqlExpression[] = []
    let star = false
    if (t.acceptOperator('*')) star = true
    else if (!t.isOperator(')')) {
      args.push(this.or())
      while (t.acceptOperator(',')) args.push(this.or())
    }
    t.expectOperator(')')
    return this.node(start, { kind: 'call', name: start.value, args, star })
  }
}
