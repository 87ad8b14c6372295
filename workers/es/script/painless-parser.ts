/**
 * The Painless parser (PainlessParser.g4's grammar, by recursive descent): the script's functions and statements,
 * on the expression parser of painless-expression-parser.ts (which holds the token cursor, the scopes and the
 * semantic pass's symbol check).
 *
 * A script starts with the functions it declares (`int f(int x) { ... }`: a function sees its parameters only; one
 * may call any other, whatever their order), then its statements.
 * Statements: blocks, `if`/`else`, `while`, `do`/`while`, `for (init; condition; update)`, `for (T x : e)` and
 * `for (x in e)`, declarations (`def x = 1, y;`, `int`, `double`, `String`, `List`, `Map`, `int[]`, ...), `return`,
 * `break`, `continue`, `try { } catch (T e) { }` (T an exception class the allowlist has: "invalid catch declaration:
 * cannot resolve type [T]" else, a ClassCastException "cannot cast from [..] to [java.lang.Exception]" for another
 * type), `throw e`, expressions. A statement ends with `;`, or without one when it is the last of its block
 * or of the script. The script's last statement, when an expression, is its return value.
 */
import type { CatchClause, Expr, FunctionDeclaration, Parameter, Program, Statement } from './painless-ast.ts'
import { canonicalTypeName } from './painless-arrays.ts'
import { isExceptionType } from './painless-exceptions.ts'
import { ExpressionParser, TYPES } from './painless-expression-parser.ts'
import { ScriptCompileError } from './script-errors.ts'

/**
 * `functions`: the functions the context binds as `name/arity` (`emit/1` in a runtime field's script); a call of
 * any other name is "Unknown call [name] with [n] arguments.".
 */
export function parsePainless(
  source: string,
  globals: readonly string[],
  functions: readonly string[] = [],
): Program {
  return new Parser(source, globals, new Set(functions)).parseProgram()
}

class Parser extends ExpressionParser {
  private readonly statementStarts: number[] = []

  parseProgram(): Program {
    this.deferredCalls = []
    while (this.isFunction()) this.functionDeclaration()
    for (const call of this.deferredCalls) this.checkCall(call.name, call.arity, call.at)
    this.deferredCalls = null
    const statements: Statement[] = []
    while (this.peek().kind !== 'eof') statements.push(this.statement())
    return { functions: this.declared, statements, statementStarts: this.statementStarts }
  }

  /** `decltype ID parameters block` (PainlessParser's `function`), which only the start of a script holds. */
  private isFunction(): boolean {
    const length = this.is('void') ? 1 : this.typeLength()
    return length > 0 && this.peek(length).kind === 'id' && this.is('(', length + 1)
  }

  private functionDeclaration(): void {
    const returnType = this.is('void') ? this.next().text : this.type()
    const nameToken = this.peek()
    const name = this.identifier()
    this.expect('(')
    const params: Parameter[] = []
    if (!this.accept(')')) {
      do {
        const type = this.type()
        params.push({ type, name: this.identifier() })
      } while (this.accept(','))
      this.expect(')')
    }
    const key = `${name}/${params.length}`
    if (this.declared.has(key))
      throw new ScriptCompileError(`Illegal duplicate functions [${key}].`, nameToken.start)
    const declaration: FunctionDeclaration = {
      name,
      returnType,
      params,
      body: { kind: 'block', at: 0, statements: [] },
    }
    this.declared.set(key, declaration)
    // a function sees its parameters only, not the context's variables
    const outer = this.scopes.splice(0, this.scopes.length, new Set(params.map((param) => param.name)))
    try {
      declaration.body = this.block()
    } finally {
      this.scopes.splice(0, this.scopes.length, ...outer)
    }
  }

  private terminator(): void {
    if (this.accept(';') || this.is('}') || this.peek().kind === 'eof') return
    this.fail()
  }

  private statement(): Statement {
    const at = this.peek().start
    this.statementStarts.push(at)
    const keyword = this.peek().kind === 'id' ? this.peek().text : ''
    switch (keyword) {
      case 'if': {
        this.next()
        const condition = this.parenthesized()
        const then = this.scoped(() => this.statement())
        const otherwise = this.accept('else') ? this.scoped(() => this.statement()) : null
        return { kind: 'if', at, condition, then, otherwise }
      }
      case 'while': {
        this.next()
        const condition = this.parenthesized()
        return { kind: 'while', at, condition, body: this.loopBody() }
      }
      case 'do': {
        this.next()
        const body = this.scoped(() => this.statement())
        this.expect('while')
        const condition = this.parenthesized()
        this.terminator()
        return { kind: 'do', at, body, condition }
      }
      case 'for':
        this.next()
        return this.scoped(() => this.forStatement(at))
      case 'return': {
        this.next()
        const value = this.is(';') || this.is('}') || this.peek().kind === 'eof' ? null : this.expression()
        this.terminator()
        return { kind: 'return', at, value }
      }
      case 'break':
      case 'continue':
        this.next()
        this.terminator()
        return { kind: keyword, at }
      case 'try':
        this.next()
        return this.tryStatement(at)
      case 'throw': {
        this.next()
        const value = this.expression()
        this.terminator()
        return { kind: 'throw', at, value }
      }
    }
    if (this.is('{')) return this.block()
    if (this.isDeclaration()) {
      const declaration = this.declaration()
      this.terminator()
      return declaration
    }
    const expr = this.expression()
    this.terminator()
    return { kind: 'expression', at, expr }
  }

  /** `try block trap+` (PainlessParser's `trap`: `catch ( type ID ) block`), checked as the semantic pass checks it. */
  private tryStatement(at: number): Statement {
    const block = this.block()
    const catches: CatchClause[] = []
    do {
      const catchAt = this.expect('catch').start
      this.expect('(')
      const type = this.identifier()
      const nameToken = this.peek()
      const name = this.identifier()
      this.expect(')')
      if (!isExceptionType(type)) {
        if (TYPES.has(type)) {
          throw new ScriptCompileError(
            `cannot cast from [${canonicalTypeName(type)}] to [java.lang.Exception]`,
            catchAt,
            'ClassCastException',
          )
        }
        throw new ScriptCompileError(`invalid catch declaration: cannot resolve type [${type}]`, catchAt)
      }
      const clause = this.scoped(() => {
        this.declare(name, nameToken.start)
        return { type, name, block: this.block() }
      })
      catches.push(clause)
    } while (this.is('catch'))
    return { kind: 'try', at, block, catches }
  }

  protected block(): Statement {
    const at = this.expect('{').start
    return this.scoped(() => {
      const statements: Statement[] = []
      while (!this.is('}')) {
        if (this.peek().kind === 'eof') this.fail()
        statements.push(this.statement())
      }
      this.next()
      return { kind: 'block', at, statements }
    })
  }

  private loopBody(): Statement {
    const at = this.peek().start
    if (this.accept(';')) return { kind: 'block', at, statements: [] }
    return this.scoped(() => this.statement())
  }

  private declaration(): Statement & { kind: 'declaration' } {
    const at = this.peek().start
    const type = this.type()
    const names: Array<{ name: string; init: Expr | null }> = []
    do {
      const nameToken = this.peek()
      const name = this.identifier()
      const init = this.accept('=') ? this.expression() : null
      this.declare(name, nameToken.start)
      names.push({ name, init })
    } while (this.accept(','))
    return { kind: 'declaration', at, type, names }
  }

  private forStatement(at: number): Statement {
    this.expect('(')
    const eachTyped = this.isDeclaration() && this.is(':', this.typeLength() + 1)
    if (eachTyped || (this.peek().kind === 'id' && this.is('in', 1))) {
      const type = eachTyped ? this.type() : 'def'
      const nameToken = this.peek()
      const name = this.identifier()
      this.next()
      const iterable = this.expression()
      this.expect(')')
      this.declare(name, nameToken.start)
      return { kind: 'each', at, type, name, iterable, body: this.loopBody() }
    }
    let init: Statement | null = null
    if (!this.is(';')) {
      const initAt = this.peek().start
      init = this.isDeclaration()
        ? this.declaration()
        : { kind: 'expression', at: initAt, expr: this.expression() }
    }
    this.expect(';')
    const condition = this.is(';') ? null : this.expression()
    this.expect(';')
    const update: Expr[] = []
    if (!this.is(')')) {
      do update.push(this.expression())
      while (this.accept(','))
    }
    this.expect(')')
    return { kind: 'for', at, init, condition, update, body: this.loopBody() }
  }
}
