/**
 * The expressions of Painless (PainlessParser.g4's `expression` and below, by recursive descent) and the token
 * cursor and scopes the statement parser (painless-parser.ts) shares, with the semantic pass's symbol check: a
 * name that is neither a declared variable in scope, a context variable (`params`, `ctx`, `doc`, `_score`, ...) nor
 * a static type fails with "cannot resolve symbol [x]".
 *
 * Expressions, lowest precedence first: assignments (`=` and the compound ones, right-associative), `?:`
 * (elvis) and `? :`, `||`, `&&`, `|`, `^`, `&`, equality (`==`, `!=`, `===`, `!==`), comparison and
 * `instanceof`, shifts, the regex operators `=~` (find) and `==~` (matches), `+ -`, `* / %`, unary (`! ~ - +`, prefix `++ --`, casts), postfix (`.`, `?.`, `[]`,
 * calls, `++ --`). Primaries: literals (regexes `/p/flags` compiled here, so a bad pattern is a compile error), list
 * `[a, b]` and map `[k: v]` / `[:]` initializers, `new T(...)`, arrays `new int[n][m]` and `new String[] {a, b}`,
 * static members (`Math.max(a, b)`, `Integer.MAX_VALUE`), variables, parentheses, and local calls of the
 * functions the context binds (`emit(v)` in a runtime field) or the script declares (any other is "Unknown call [f]
 * with [n] arguments."), method references (`String::length`). A call's arguments may be lambdas (`x -> e`,
 * `(a, b) -> { ... }`, `(int a) -> e`), which see the variables in scope and their parameters.
 * Syntax errors are ParserErrorStrategy's: "invalid sequence of tokens near ['x']." at the offending token,
 * "unexpected end of script." at the end.
 */
import type { Expr, FunctionDeclaration, Parameter, Statement } from './painless-ast.ts'
import { compileRegexLiteral } from './painless-regex.ts'
import { tokenize, type Token } from './painless-lexer.ts'
import { Num } from './painless-values.ts'
import { ScriptCompileError } from './script-errors.ts'
export const TYPES = new Set([
  'def', 'int', 'long', 'float', 'double', 'boolean', 'byte', 'short', 'char', 'String', 'Object', 'List',
  'ArrayList', 'Map', 'HashMap', 'Number', 'Integer', 'Long', 'Float', 'Double', 'Boolean', 'Character', 'Collection',
  'Pattern', 'Matcher',
]) // prettier-ignore
const STATIC_TYPES = new Set([
  'Math',
  'MovingFunctions',
  'Integer',
  'Long',
  'Float',
  'Double',
  'String',
  'Boolean',
  'Character',
  'Collections',
  'Debug',
  'Collectors',
  'TextStyle',
  'Locale',
  'Instant',
  'ZonedDateTime',
  'ZoneId',
  'Pattern',
])

const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!=', '===', '!=='],
  ['<', '<=', '>', '>=', 'instanceof'],
  ['<<', '>>', '>>>'],
  ['=~', '==~'],
  ['+', '-'],
  ['*', '/', '%'],
]
const ASSIGNMENTS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '<<=', '>>=', '>>>='])

/** The token cursor, the scopes of declared names and the expression grammar; statements are the subclass's. */
export abstract class ExpressionParser {
  private readonly tokens: Token[]
  private at = 0
  protected readonly scopes: Array<Set<string>>
  /** The functions the script declares, by `name/arity`. */
  protected readonly declared = new Map<string, FunctionDeclaration>()
  /** Calls made inside functions, checked once every function is declared. */
  protected deferredCalls: Array<{ name: string; arity: number; at: number }> | null = null

  constructor(
    private readonly source: string,
    globals: readonly string[],
    private readonly functions: ReadonlySet<string>,
  ) {
    this.tokens = tokenize(source)
    this.scopes = [new Set(globals)]
  }

  /** A block statement (`{ ... }`), which a lambda's body may be. */
  protected abstract block(): Statement

  protected typeLength(ahead = 0): number {
    const token = this.peek(ahead)
    if (token.kind !== 'id' || !TYPES.has(token.text)) return 0
    let length = 1
    while (this.is('[', ahead + length) && this.is(']', ahead + length + 1)) length += 2
    return length
  }

  /** A type (PainlessParser's `decltype`): its name and `[]` suffixes. */
  protected type(): string {
    const length = this.typeLength()
    if (length === 0) this.fail()
    let type = ''
    for (let i = 0; i < length; i++) type += this.next().text
    return type
  }

  /** A local call of a function the script declares, or the semantic pass's "Unknown call". */
  protected checkCall(name: string, arity: number, at: number): void {
    if (!this.declared.has(`${name}/${arity}`))
      throw new ScriptCompileError(`Unknown call [${name}] with [${arity}] arguments.`, at)
  }

  protected peek(ahead = 0): Token {
    return this.tokens[Math.min(this.at + ahead, this.tokens.length - 1)]!
  }

  protected is(text: string, ahead = 0): boolean {
    const token = this.peek(ahead)
    return (token.kind === 'op' || token.kind === 'id') && token.text === text
  }

  protected next(): Token {
    const token = this.peek()
    if (token.kind !== 'eof') this.at++
    return token
  }

  protected fail(token = this.peek()): never {
    const message =
      token.kind === 'eof'
        ? 'unexpected end of script.'
        : `invalid sequence of tokens near ['${this.source.slice(token.start, token.end)}'].`
    throw new ScriptCompileError(message, token.start)
  }

  protected expect(text: string): Token {
    if (!this.is(text)) this.fail()
    return this.next()
  }

  protected accept(text: string): boolean {
    if (!this.is(text)) return false
    this.next()
    return true
  }

  protected identifier(): string {
    const token = this.peek()
    if (token.kind !== 'id') this.fail()
    return this.next().text
  }

  protected declare(name: string, at: number): void {
    if (this.scopes.some((scope) => scope.has(name))) {
      throw new ScriptCompileError(`variable [${name}] is already defined`, at)
    }
    this.scopes.at(-1)!.add(name)
  }

  protected scoped<T>(body: () => T): T {
    this.scopes.push(new Set())
    try {
      return body()
    } finally {
      this.scopes.pop()
    }
  }

  protected isDeclaration(): boolean {
    const length = this.typeLength()
    return length > 0 && this.peek(length).kind === 'id'
  }

  protected parenthesized(): Expr {
    this.expect('(')
    const expr = this.expression()
    this.expect(')')
    return expr
  }

  protected expression(): Expr {
    const target = this.conditional()
    const token = this.peek()
    if (token.kind !== 'op' || !ASSIGNMENTS.has(token.text)) return target
    if (target.kind !== 'variable' && target.kind !== 'field' && target.kind !== 'index') this.fail()
    this.next()
    return { kind: 'assign', at: token.start, op: token.text, target, value: this.expression() }
  }

  private conditional(): Expr {
    const condition = this.binary(0)
    const token = this.peek()
    if (this.accept('?:'))
      return { kind: 'elvis', at: token.start, left: condition, right: this.expression() }
    if (!this.accept('?')) return condition
    const then = this.expression()
    this.expect(':')
    return { kind: 'conditional', at: token.start, condition, then, otherwise: this.expression() }
  }

  private binary(level: number): Expr {
    if (level === BINARY_LEVELS.length) return this.unary()
    let left = this.binary(level + 1)
    for (;;) {
      const token = this.peek()
      const op = token.text
      if (!((token.kind === 'op' || op === 'instanceof') && BINARY_LEVELS[level]!.includes(op))) return left
      this.next()
      if (op === 'instanceof') {
        const type = this.type()
        left = { kind: 'instanceof', at: token.start, operand: left, type }
      } else {
        left = { kind: 'binary', at: token.start, op, left, right: this.binary(level + 1) }
      }
    }
  }

  private unary(): Expr {
    const token = this.peek()
    if (token.kind === 'op' && (token.text === '++' || token.text === '--')) {
      this.next()
      const target = this.unary()
      return { kind: 'increment', at: token.start, delta: token.text === '++' ? 1 : -1, prefix: true, target }
    }
    if (token.kind === 'op' && ['!', '~', '-', '+'].includes(token.text)) {
      this.next()
      const literal = this.peek()
      if (token.text === '-' && ['int', 'long', 'float', 'double'].includes(literal.kind)) {
        this.next()
        return this.postfix(this.numberLiteral(literal, '-'))
      }
      return {
        kind: 'unary',
        at: token.start,
        op: token.text as '!' | '~' | '-' | '+',
        operand: this.unary(),
      }
    }
    const castLength = this.is('(') ? this.typeLength(1) : 0
    if (castLength > 0 && this.is(')', castLength + 1)) {
      this.next()
      const type = this.type()
      this.next()
      return { kind: 'cast', at: token.start, type, operand: this.unary() }
    }
    return this.postfix(this.primary())
  }

  private postfix(start: Expr): Expr {
    let expr = start
    for (;;) {
      const token = this.peek()
      if (this.is('.') || this.is('?.')) {
        this.next()
        const name = this.identifier()
        const nullSafe = token.text === '?.'
        expr = this.is('(')
          ? { kind: 'call', at: token.start, target: expr, name, args: this.arguments(), nullSafe }
          : { kind: 'field', at: token.start, target: expr, name, nullSafe }
      } else if (this.accept('[')) {
        const key = this.expression()
        this.expect(']')
        expr = { kind: 'index', at: token.start, target: expr, key }
      } else if (this.is('++') || this.is('--')) {
        this.next()
        expr = {
          kind: 'increment',
          at: token.start,
          delta: token.text === '++' ? 1 : -1,
          prefix: false,
          target: expr,
        }
      } else {
        return expr
      }
    }
  }

  private arguments(): Expr[] {
    this.expect('(')
    const args: Expr[] = []
    if (this.accept(')')) return args
    do args.push(this.isLambda() ? this.lambda() : this.expression())
    while (this.accept(','))
    this.expect(')')
    return args
  }

  /** Whether a lambda starts here: `x ->` or a parenthesized parameter list followed by `->`. */
  private isLambda(): boolean {
    if (this.peek().kind === 'id' && this.is('->', 1)) return true
    if (!this.is('(')) return false
    let depth = 0
    for (let ahead = 0; this.peek(ahead).kind !== 'eof'; ahead++) {
      if (this.is('(', ahead)) depth++
      else if (this.is(')', ahead) && --depth === 0) return this.is('->', ahead + 1)
    }
    return false
  }

  /** PainlessParser's `lambda`: `x -> e`, `(a, b) -> e`, `(int a) -> { ... }`, `() -> e`. */
  private lambda(): Expr {
    const at = this.peek().start
    const params: Array<Parameter & { at: number }> = []
    if (this.peek().kind === 'id' && !this.is('(')) {
      params.push({ type: 'def', at: this.peek().start, name: this.identifier() })
    } else {
      this.expect('(')
      if (!this.accept(')')) {
        do {
          const type = this.isDeclaration() ? this.type() : 'def'
          params.push({ type, at: this.peek().start, name: this.identifier() })
        } while (this.accept(','))
        this.expect(')')
      }
    }
    this.expect('->')
    return this.scoped(() => {
      for (const param of params) this.declare(param.name, param.at)
      const bodyAt = this.peek().start
      const body: Statement = this.is('{')
        ? this.block()
        : { kind: 'return', at: bodyAt, value: this.expression() }
      return { kind: 'lambda', at, params: params.map(({ type, name }) => ({ type, name })), body }
    })
  }

  private primary(): Expr {
    const token = this.peek()
    const at = token.start
    switch (token.kind) {
      case 'string':
        this.next()
        return { kind: 'literal', at, value: token.text }
      case 'int':
      case 'long':
      case 'float':
      case 'double':
        this.next()
        return this.numberLiteral(token, '')
      case 'regex':
        this.next()
        return { kind: 'regex', at, pattern: compileRegexLiteral(token.text, token.flags ?? '', at) }
      case 'eof':
        return this.fail()
      case 'op':
        if (this.is('(')) return this.parenthesized()
        if (this.is('[')) return this.initializer()
        return this.fail()
    }
    const name = token.text
    this.next()
    if (name === 'true' || name === 'false') return { kind: 'literal', at, value: name === 'true' }
    if (name === 'null') return { kind: 'literal', at, value: null }
    if (name === 'new') {
      const type = this.identifier()
      return this.is('[') ? this.newArray(at, type) : { kind: 'new', at, type, args: this.arguments() }
    }
    if ((STATIC_TYPES.has(name) || TYPES.has(name)) && this.is('::')) {
      this.next()
      return { kind: 'reference', at, type: name, name: this.identifier() }
    }
    if (STATIC_TYPES.has(name) && this.is('.')) {
      // the member's node (ECall, EDot) is at its `.`, as the Walker's postdot locations are
      const dot = this.next().start
      const member = this.identifier()
      return {
        kind: 'static',
        at: dot,
        type: name,
        name: member,
        args: this.is('(') ? this.arguments() : null,
      }
    }
    if (this.is('(')) {
      // A local call: a function the context binds (`emit/1`), else the semantic pass's "Unknown call".
      const args = this.arguments()
      if (this.functions.has(`${name}/${args.length}`)) return { kind: 'function', at, name, args }
      if (this.deferredCalls !== null) this.deferredCalls.push({ name, arity: args.length, at })
      else this.checkCall(name, args.length, at)
      return { kind: 'userCall', at, name, args }
    }
    if (!this.scopes.some((scope) => scope.has(name))) {
      throw new ScriptCompileError(`cannot resolve symbol [${name}]`, at)
    }
    return { kind: 'variable', at, name }
  }

  /** `new T[n][m]...[]...` (NewArray with dimensions) or `new T[] { a, b }` (an initializer, one dimension). */
  private newArray(at: number, element: string): Expr {
    if (!TYPES.has(element)) throw new ScriptCompileError(`cannot resolve type [${element}]`, at)
    if (this.is('[') && this.is(']', 1)) {
      this.next()
      this.next()
      this.expect('{')
      const items: Expr[] = []
      if (!this.accept('}')) {
        do items.push(this.expression())
        while (this.accept(','))
        this.expect('}')
      }
      return { kind: 'arrayInit', at, type: `${element}[]`, items }
    }
    const dims: Expr[] = []
    let type = element
    while (this.is('[') && !this.is(']', 1)) {
      this.next()
      dims.push(this.expression())
      this.expect(']')
      type += '[]'
    }
    while (this.is('[') && this.is(']', 1)) {
      this.next()
      this.next()
      type += '[]'
    }
    return { kind: 'newArray', at, type, dims }
  }

  private initializer(): Expr {
    const at = this.expect('[').start
    if (this.accept(':')) {
      this.expect(']')
      return { kind: 'map', at, entries: [] }
    }
    if (this.accept(']')) return { kind: 'list', at, items: [] }
    const first = this.expression()
    if (this.accept(':')) {
      const entries: Array<[Expr, Expr]> = [[first, this.expression()]]
      while (this.accept(',')) {
        const key = this.expression()
        this.expect(':')
        entries.push([key, this.expression()])
      }
      this.expect(']')
      return { kind: 'map', at, entries }
    }
    const items = [first]
    while (this.accept(',')) items.push(this.expression())
    this.expect(']')
    return { kind: 'list', at, items }
  }

  /** A numeric constant, with a leading minus folded in as the Painless compiler folds it. */
  private numberLiteral(token: Token, sign: '' | '-'): Expr {
    const text = token.text
    const at = token.start
    const digits = text.replace(/[lLfFdD]$/, '')
    if (token.kind === 'float') return { kind: 'literal', at, value: Num.float(Number(sign + digits)) }
    if (token.kind === 'double') return { kind: 'literal', at, value: Num.double(Number(sign + digits)) }
    const radix = /^0[xX]/.test(digits) ? 16 : /^0\d/.test(digits) ? 8 : 10
    const body = radix === 16 ? digits.slice(2) : digits
    let magnitude = 0n
    for (const c of body.toLowerCase()) magnitude = magnitude * BigInt(radix) + BigInt(parseInt(c, radix))
    const value = sign === '-' ? -magnitude : magnitude
    const bits = token.kind === 'long' ? 64 : 32
    const fits =
      radix === 10 ? BigInt.asIntN(bits, value) === value : magnitude < 2n ** BigInt(bits) && magnitude >= 0n
    if (!fits) {
      const shown = sign + text
      throw new ScriptCompileError(
        token.kind === 'int' && BigInt.asIntN(64, value) === value
          ? `Invalid int constant [${shown}]. If you want a long constant then change it to [${shown}L].`
          : `Invalid ${token.kind} constant [${shown}].`,
        at,
      )
    }
    const wrapped = BigInt.asIntN(bits, value)
    return { kind: 'literal', at, value: bits === 64 ? Num.long(wrapped) : Num.int(Number(wrapped)) }
  }
}
