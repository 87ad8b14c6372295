/**
 * Parses a jq program (the subset the playground runs: paths `.a.b`, `.a?`, `.[n]`, `.[]`, `.[n:m]`,
 * `..`, `|`, `,`, `//`, `and`/`or`, comparisons, arithmetic, literals, string interpolation `"\(.a)"`,
 * `@csv`-style formats, array and object construction, `if`/`elif`/`else`/`end`, `try`/`catch`, `?`,
 * `$var`, `E as $x | ...`, `reduce`, and calls `name(a; b)`) with jq 1.7's precedences. A syntax error is
 * jq's compile error (`syntax error, unexpected IDENT (Unix shell quoting issues?)`), without bison's
 * `expecting ...` list (docs/DEVIATIONS.md).
 */
import type { BinaryOperator, JqAst } from './jq-ast.ts'
import { numberLiteral } from './json-input.ts'

type Token =
  | { kind: 'field'; text: string }
  | { kind: 'ident'; text: string }
  | { kind: 'keyword'; text: string }
  | { kind: 'variable'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'string'; parts: (string | JqAst)[] }
  | { kind: 'format'; text: string }
  | { kind: 'op'; text: string }
  | { kind: 'invalid'; text: string }
  | { kind: 'end' }

export class JqSyntaxError extends Error {}

const KEYWORDS = new Set([
  'if',
  'then',
  'elif',
  'else',
  'end',
  'as',
  'reduce',
  'foreach',
  'try',
  'catch',
  'and',
  'or',
  'def',
  'label',
  'import',
  'include',
  '__loc__',
])
const OPERATORS = [
  '?//',
  '|=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '//=',
  '==',
  '!=',
  '<=',
  '>=',
  '//',
  '..',
  '|',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ';',
  '?',
  '<',
  '>',
  '.',
  '=',
  '$',
]

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of file'
    case 'field':
      return 'FIELD'
    case 'ident':
      return 'IDENT'
    case 'variable':
      return 'BINDING'
    case 'number':
      return 'LITERAL'
    case 'string':
      return 'QQSTRING_START'
    case 'format':
      return 'FORMAT'
    case 'invalid':
      return 'INVALID_CHARACTER'
    case 'keyword':
      return token.text
    case 'op':
      return token.text.length === 1 ? `'${token.text}'` : token.text
  }
}

function unexpected(token: Token): JqSyntaxError {
  return new JqSyntaxError(`syntax error, unexpected ${describeToken(token)} (Unix shell quoting issues?)`)
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let at = 0
  while (at < source.length) {
    const rest = source.slice(at)
    const space = /^(?:\s+|#[^\n]*)/.exec(rest)
    if (space) {
      at += space[0].length
      continue
    }
    const field = /^\.[a-zA-Z_][a-zA-Z_0-9]*/.exec(rest)
    const number = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest)
    const ident = /^[a-zA-Z_][a-zA-Z_0-9]*(?:::[a-zA-Z_][a-zA-Z_0-9]*)*/.exec(rest)
    const variable = /^\$(?:__loc__|[a-zA-Z_][a-zA-Z_0-9]*)/.exec(rest)
    const format = /^@[a-zA-Z0-9_]+/.exec(rest)
    if (number && !(field && field[0].length >= number[0].length)) {
      tokens.push({ kind: 'number', text: number[0] })
      at += number[0].length
    } else if (field) {
      tokens.push({ kind: 'field', text: field[0].slice(1) })
      at += field[0].length
    } else if (ident) {
      tokens.push({ kind: KEYWORDS.has(ident[0]) ? 'keyword' : 'ident', text: ident[0] })
      at += ident[0].length
    } else if (variable) {
      tokens.push({ kind: 'variable', text: variable[0].slice(1) })
      at += variable[0].length
    } else if (format) {
      tokens.push({ kind: 'format', text: format[0] })
      at += format[0].length
    } else if (rest[0] === '"') {
      const [parts, length] = stringAt(source, at)
      tokens.push({ kind: 'string', parts })
      at += length
    } else {
      const op = OPERATORS.find((o) => rest.startsWith(o))
      if (!op) {
        tokens.push({ kind: 'invalid', text: rest[0]! })
        at++
      } else {
        tokens.push({ kind: 'op', text: op })
        at += op.length
      }
    }
  }
  tokens.push({ kind: 'end' })
  return tokens
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/** The string literal at `start` (its `"`): literal parts and `\(...)` interpolations, and its length. */
function stringAt(source: string, start: number): [(string | JqAst)[], number] {
  const parts: (string | JqAst)[] = []
  let text = ''
  let at = start + 1
  while (at < source.length && source[at] !== '"') {
    if (source[at] !== '\\') {
      text += source[at++]
      continue
    }
    const next = source[at + 1]
    if (next === '(') {
      let depth = 1
      let end = at + 2
      while (end < source.length && depth > 0) {
        if (source[end] === '(') depth++
        else if (source[end] === ')') depth--
        else if (source[end] === '"') end += stringAt(source, end)[1] - 1
        end++
      }
      if (depth > 0) throw unexpected({ kind: 'end' })
      if (text !== '') parts.push(text)
      text = ''
      parts.push(parseJq(source.slice(at + 2, end - 1)))
      at = end
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(at + 2, at + 6))) {
      text += String.fromCharCode(Number.parseInt(source.slice(at + 2, at + 6), 16))
      at += 6
    } else if (next !== undefined && next in ESCAPES) {
      text += ESCAPES[next]
      at += 2
    } else throw new JqSyntaxError(`syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?)`)
  }
  if (at >= source.length) throw unexpected({ kind: 'end' })
  if (text !== '' || parts.length === 0) parts.push(text)
  return [parts, at + 1 - start]
}

const BINARY: readonly (readonly string[])[] = [
  ['or'],
  ['and'],
  ['==', '!=', '<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
]

class Parser {
  private at = 0
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at]!
  }

  private is(text: string): boolean {
    const token = this.peek()
    return (token.kind === 'op' || token.kind === 'keyword') && token.text === text
  }

  private expect(text: string): void {
    if (!this.is(text)) throw unexpected(this.peek())
    this.at++
  }

  program(): JqAst {
    const ast = this.pipe()
    if (this.peek().kind !== 'end') throw unexpected(this.peek())
    return ast
  }

  /** Pipe := Comma ('|' Pipe)? | Term 'as' $x '|' Pipe */
  pipe(): JqAst {
    const start = this.at
    if (!this.is('reduce') && !this.is('if') && !this.is('try')) {
      try {
        const source = this.postfix()
        if (this.is('as')) {
          this.at++
          const variable = this.peek()
          if (variable.kind !== 'variable') throw unexpected(variable)
          this.at++
          this.expect('|')
          return { type: 'bind', source, name: variable.text, body: this.pipe() }
        }
      } catch (error) {
        if (!(error instanceof JqSyntaxError)) throw error
      }
      this.at = start
    }
    const left = this.comma()
    if (this.is('|')) {
      this.at++
      return { type: 'pipe', left, right: this.pipe() }
    }
    return left
  }

  private comma(): JqAst {
    let left = this.alternative()
    while (this.is(',')) {
      this.at++
      left = { type: 'comma', left, right: this.alternative() }
    }
    return left
  }

  private alternative(): JqAst {
    const left = this.binary(0)
    if (this.is('//')) {
      this.at++
      return { type: 'alternative', left, right: this.alternative() }
    }
    return left
  }

  private binary(level: number): JqAst {
    if (level === BINARY.length) return this.unary()
    let left = this.binary(level + 1)
    const ops = BINARY[level]!
    while (ops.some((op) => this.is(op))) {
      const op = (this.peek() as { text: string }).text
      this.at++
      const right = this.binary(level + 1)
      if (op === 'and' || op === 'or') left = { type: op, left, right }
      else left = { type: 'binary', op: op as BinaryOperator, left, right }
      if (level === 2 && ops.some((o) => this.is(o))) throw unexpected(this.peek())
    }
    return left
  }

  private unary(): JqAst {
    if (this.is('-')) {
      this.at++
      return { type: 'negate', of: this.unary() }
    }
    return this.postfix()
  }

  private postfix(): JqAst {
    let term = this.term()
    for (;;) {
      const token = this.peek()
      if (token.kind === 'field') {
        this.at++
        term = { type: 'index', of: term, key: { type: 'literal', value: token.text } }
      } else if (this.is('.') && this.tokens[this.at + 1]?.kind === 'string') {
        this.at++
        term = { type: 'index', of: term, key: this.term() }
      } else if (
        this.is('[') ||
        (this.is('.') &&
          this.tokens[this.at + 1]?.kind === 'op' &&
          (this.tokens[this.at + 1] as { text: string }).text === '[')
      ) {
        if (this.is('.')) this.at++
        term = this.bracketSuffix(term)
      } else if (this.is('?')) {
        this.at++
        term = { type: 'try', body: term, handler: null }
      } else return term
    }
  }

  private bracketSuffix(of: JqAst): JqAst {
    this.expect('[')
    if (this.is(']')) {
      this.at++
      return { type: 'iterate', of }
    }
    if (this.is(':')) {
      this.at++
      const to = this.pipe()
      this.expect(']')
      return { type: 'slice', of, from: null, to }
    }
    const key = this.pipe()
    if (this.is(':')) {
      this.at++
      const to = this.is(']') ? null : this.pipe()
      this.expect(']')
      return { type: 'slice', of, from: key, to }
    }
    this.expect(']')
    return { type: 'index', of, key }
  }

  private term(): JqAst {
    const token = this.peek()
    this.at++
    switch (token.kind) {
      case 'number':
        return { type: 'literal', value: numberLiteral(token.text) }
      case 'string':
        return { type: 'string', parts: token.parts, format: null }
      case 'format': {
        if (this.peek().kind === 'string') {
          const string = this.peek() as { parts: (string | JqAst)[] }
          this.at++
          return { type: 'string', parts: string.parts, format: token.text }
        }
        return { type: 'format', name: token.text }
      }
      case 'field':
        return { type: 'index', of: { type: 'identity' }, key: { type: 'literal', value: token.text } }
      case 'variable':
        return { type: 'variable', name: token.text }
      case 'ident':
        return this.call(token.text)
      case 'keyword':
        return this.keywordTerm(token)
      case 'op':
        return this.punctuationTerm(token)
      default:
        throw unexpected(token)
    }
  }

  private call(name: string): JqAst {
    if (name === 'null' || name === 'true' || name === 'false') {
      return { type: 'literal', value: name === 'null' ? null : name === 'true' }
    }
    const args: JqAst[] = []
    if (this.is('(')) {
      this.at++
      args.push(this.pipe())
      while (this.is(';')) {
        this.at++
        args.push(this.pipe())
      }
      this.expect(')')
    }
    return { type: 'call', name, args }
  }

  private keywordTerm(token: { kind: 'keyword'; text: string }): JqAst {
    if (token.text === 'if') {
      const cond = this.pipe()
      this.expect('then')
      const then = this.pipe()
      if (this.is('elif')) {
        this.at++
        return { type: 'if', cond, then, otherwise: this.keywordTerm(token) }
      }
      let otherwise: JqAst | null = null
      if (this.is('else')) {
        this.at++
        otherwise = this.pipe()
      }
      this.expect('end')
      return { type: 'if', cond, then, otherwise }
    }
    if (token.text === 'try') {
      const body = this.postfix()
      if (!this.is('catch')) return { type: 'try', body, handler: null }
      this.at++
      return { type: 'try', body, handler: this.postfix() }
    }
    if (token.text === 'reduce') {
      const source = this.postfix()
      this.expect('as')
      const variable = this.peek()
      if (variable.kind !== 'variable') throw unexpected(variable)
      this.at++
      this.expect('(')
      const init = this.pipe()
      this.expect(';')
      const update = this.pipe()
      this.expect(')')
      return { type: 'reduce', source, name: variable.text, init, update }
    }
    throw unexpected(token)
  }

  private punctuationTerm(token: { kind: 'op'; text: string }): JqAst {
    switch (token.text) {
      case '.':
        if (this.peek().kind === 'string')
          return { type: 'index', of: { type: 'identity' }, key: this.term() }
        if (this.is('[')) return this.bracketSuffix({ type: 'identity' })
        return { type: 'identity' }
      case '..':
        return { type: 'recurse' }
      case '(': {
        const inner = this.pipe()
        this.expect(')')
        return inner
      }
      case '[': {
        if (this.is(']')) {
          this.at++
          return { type: 'array', body: null }
        }
        const body = this.pipe()
        this.expect(']')
        return { type: 'array', body }
      }
      case '{':
        return this.object()
      default:
        throw unexpected(token)
    }
  }

  private object(): JqAst {
    const entries: { key: JqAst; value: JqAst }[] = []
    while (!this.is('}')) {
      const token = this.peek()
      this.at++
      let key: JqAst
      let shorthand: JqAst | null = null
      if (token.kind === 'ident' || token.kind === 'keyword') {
        key = { type: 'literal', value: token.text }
        shorthand = { type: 'index', of: { type: 'identity' }, key }
      } else if (token.kind === 'variable') {
        key = { type: 'literal', value: token.text }
        shorthand = { type: 'variable', name: token.text }
      } else if (token.kind === 'string') {
        key = { type: 'string', parts: token.parts, format: null }
        shorthand = { type: 'index', of: { type: 'identity' }, key }
      } else if (token.kind === 'number') {
        key = { type: 'literal', value: numberLiteral(token.text) }
      } else if (token.kind === 'op' && token.text === '(') {
        key = this.pipe()
        this.expect(')')
      } else throw unexpected(token)
      if (this.is(':')) {
        this.at++
        entries.push({ key, value: this.objectValue() })
      } else if (shorthand) entries.push({ key, value: shorthand })
      else throw unexpected(this.peek())
      if (!this.is('}')) this.expect(',')
    }
    this.at++
    return { type: 'object', entries }
  }

  /** ObjVal: terms joined by `|`, or a negation (jq's ExpD): `{a: 1 + 2}` is a syntax error in jq. */
  private objectValue(): JqAst {
    const left = this.is('-') ? (this.at++, { type: 'negate', of: this.postfix() } as JqAst) : this.postfix()
    if (this.is('|')) {
      this.at++
      return { type: 'pipe', left, right: this.objectValue() }
    }
    return left
  }
}

/** The program's tree; throws JqSyntaxError with jq's message. */
export function parseJq(source: string): JqAst {
  return new Parser(tokenize(source)).program()
}
