/**
 * Runs a parsed Painless program over its context variables (a tree-walking interpreter with the semantics
 * lang-painless compiles to bytecode):
 *
 * - variables live in nested block scopes; a declared type converts what is stored (painless-operators.ts),
 *   a compound assignment or `++` casts its result back to the variable's type as Java does;
 * - `.name` on a Map reads its key (`ctx._source.counter`), on another object Painless' getter shortcut
 *   (`list.empty`, `doc['f'].value`); brackets index Maps by key and Lists by position (negative from the
 *   end); `?.` yields null on a null target;
 * - the loop counter: every loop iteration counts its body's statements, and past max_loop_counter
 *   (1,000,000) the script fails with a PainlessError "The maximum number of statements that can be executed
 *   in a loop has been reached.", so a runaway loop ends instead of freezing the node;
 * - a declared function runs in a scope of its parameters alone, a lambda in one over the scope it was made in; its
 *   `return`ed value is converted to the function's return type. Calls nested deeper than MAX_CALL_DEPTH are the
 *   JVM's StackOverflowError (ES catches it into a runtime error), so recursion cannot exhaust JavaScript's stack;
 * - `try`/`catch` catches the JavaExceptions whose class is the clause's type or a subclass (painless-exceptions.ts),
 *   never an Error (the loop counter's, a stack overflow); `throw` throws an exception value as it was built;
 * - the result is the `return`ed value, or the value of the script's last statement when it is an expression.
 *
 * A Java exception raised by a node carries that node's offset out (the runtime error's position).
 */
import type { Expr, Parameter, Program, Statement } from './painless-ast.ts'
import { FunctionRef } from './painless-lambdas.ts'
import { callMethod, callStatic, listIndex } from './painless-methods.ts'
import { assignable, binary, cast, instanceOf, truthy, unary } from './painless-operators.ts'
import { arrayIndex, defaultValue, initializedArray, newArray } from './painless-arrays.ts'
import { ExceptionValue, isInstance, newException, thrown } from './painless-exceptions.ts'
import { regexOperator } from './painless-regex.ts'
import { HostObject, JavaArray, JavaHashMap, Num, className, type Value } from './painless-values.ts'
import { JavaException, illegalArgument, nullPointer } from './script-errors.ts'

export const MAX_LOOP_COUNTER = 1_000_000
/** How deep calls of the script's functions and lambdas may nest before the JVM's StackOverflowError. */
const MAX_CALL_DEPTH = 200

/** The static types a method reference calls statically (`Integer::parseInt`); others call the first argument's method. */
const STATIC_REFERENCES: ReadonlySet<string> = new Set([
  'Math.', 'Integer.parseInt', 'Integer.valueOf', 'Long.parseLong', 'Long.valueOf', 'Double.parseDouble',
  'Double.valueOf', 'Float.parseFloat', 'Float.valueOf', 'Boolean.parseBoolean', 'String.valueOf', 'String.join',
]) // prettier-ignore

type Completion = { kind: 'break' } | { kind: 'continue' } | { kind: 'return'; value: Value } | undefined

interface Slot {
  type: string
  value: Value
}

class Scope {
  private readonly slots = new Map<string, Slot>()

  constructor(readonly parent: Scope | null) {}

  declare(name: string, type: string, value: Value): void {
    this.slots.set(name, { type, value })
  }

  lookup(name: string): Slot {
    const slot = this.slots.get(name)
    if (slot !== undefined) return slot
    if (this.parent === null) throw illegalArgument(`cannot resolve symbol [${name}]`)
    return this.parent.lookup(name)
  }
}

function getterShortcut(target: Value, name: string): Value {
  if (target instanceof Map) return target.get(name) ?? null
  const found = target instanceof HostObject ? target.field(name) : undefined
  if (found !== undefined) return found
  if (name === 'empty' && (typeof target === 'string' || Array.isArray(target))) return target.length === 0
  if (name === 'length' && typeof target === 'string') return Num.int(target.length)
  throw illegalArgument(`dynamic getter [${className(target)}, ${name}] not found`)
}

function indexed(target: Value, key: Value): Value {
  if (target instanceof JavaArray) return target.items[arrayIndex(target, key)]!
  if (target instanceof Map) return typeof key === 'string' ? (target.get(key) ?? null) : null
  if (Array.isArray(target)) return target[listIndex(target, key)]!
  const found = target instanceof HostObject ? target.index(key) : undefined
  if (found !== undefined) return found
  if (target === null) throw nullPointer('Cannot load from object array because value is null')
  throw illegalArgument(`Attempting to address a non-array-like type [${className(target)}]`)
}

function construct(type: string, args: readonly Value[]): Value {
  const [source] = args
  if ((type === 'ArrayList' || type === 'List') && args.length <= 1) {
    if (source === undefined) return []
    if (Array.isArray(source)) return [...source]
  }
  if ((type === 'HashMap' || type === 'Map') && args.length <= 1) {
    if (source === undefined) return new JavaHashMap()
    if (source instanceof Map) return new JavaHashMap(source)
  }
  throw illegalArgument(`constructor [${type}, <init>/${args.length}] not found`)
}

export class Interpreter {
  private loopCounter = 0
  private callDepth = 0

  constructor(private readonly program: Program) {}

  run(globals: ReadonlyMap<string, Value>): Value {
    this.loopCounter = 0
    this.callDepth = 0
    const scope = new Scope(null)
    for (const [name, value] of globals) scope.declare(name, 'def', value)
    const statements = this.program.statements
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i]!
      if (i === statements.length - 1 && statement.kind === 'expression')
        return this.evaluate(statement.expr, scope)
      const completion = this.execute(statement, scope)
      if (completion?.kind === 'return') return completion.value
    }
    return null
  }

  /** Runs a function's or lambda's body in a scope of its parameters: its `return`ed value, else null. */
  private invoke(
    params: readonly Parameter[],
    args: readonly Value[],
    body: Statement,
    parent: Scope | null,
  ): Value {
    if (++this.callDepth > MAX_CALL_DEPTH) {
      this.callDepth = 0
      throw new JavaException('StackOverflowError', '')
    }
    try {
      const scope = new Scope(parent)
      params.forEach((param, i) =>
        scope.declare(param.name, param.type, assignable(param.type, args[i] ?? null)),
      )
      const completion = this.execute(body, scope)
      return completion?.kind === 'return' ? completion.value : null
    } finally {
      this.callDepth--
    }
  }

  private reference(type: string, name: string): FunctionRef {
    const isStatic = STATIC_REFERENCES.has(`${type}.${name}`) || STATIC_REFERENCES.has(`${type}.`)
    return new FunctionRef(null, (args) => {
      if (isStatic) return callStatic(type, name, args)
      const [self = null, ...rest] = args
      return callMethod(self, name, rest)
    })
  }

  private countLoop(body: Statement, at: number): void {
    this.loopCounter += body.kind === 'block' ? Math.max(1, body.statements.length) : 1
    if (this.loopCounter > MAX_LOOP_COUNTER) {
      const error = new JavaException(
        'PainlessError',
        'The maximum number of statements that can be executed in a loop has been reached.',
      )
      error.offset = at
      throw error
    }
  }

  /** Runs a loop body: true when the loop ends (break or return, the latter left in `out`). */
  private iteration(body: Statement, scope: Scope, at: number, out: { completion: Completion }): boolean {
    this.countLoop(body, at)
    const completion = this.execute(body, body.kind === 'block' ? scope : new Scope(scope))
    if (completion?.kind === 'break') return true
    if (completion?.kind === 'return') {
      out.completion = completion
      return true
    }
    return false
  }

  private execute(statement: Statement, scope: Scope): Completion {
    switch (statement.kind) {
      case 'expression':
        this.evaluate(statement.expr, scope)
        return undefined
      case 'declaration':
        for (const { name, init } of statement.names) {
          const value = init === null ? defaultValue(statement.type) : this.evaluate(init, scope)
          scope.declare(name, statement.type, this.converted(statement.type, value, init?.at ?? statement.at))
        }
        return undefined
      case 'block': {
        const inner = new Scope(scope)
        for (const child of statement.statements) {
          const completion = this.execute(child, inner)
          if (completion !== undefined) return completion
        }
        return undefined
      }
      case 'if':
        if (this.condition(statement.condition, scope)) return this.execute(statement.then, new Scope(scope))
        return statement.otherwise === null ? undefined : this.execute(statement.otherwise, new Scope(scope))
      case 'while': {
        const out: { completion: Completion } = { completion: undefined }
        while (this.condition(statement.condition, scope)) {
          if (this.iteration(statement.body, scope, statement.at, out)) break
        }
        return out.completion
      }
      case 'do': {
        const out: { completion: Completion } = { completion: undefined }
        do {
          if (this.iteration(statement.body, scope, statement.at, out)) break
        } while (this.condition(statement.condition, scope))
        return out.completion
      }
      case 'for': {
        const loop = new Scope(scope)
        if (statement.init !== null) this.execute(statement.init, loop)
        const out: { completion: Completion } = { completion: undefined }
        while (statement.condition === null || this.condition(statement.condition, loop)) {
          if (this.iteration(statement.body, loop, statement.at, out)) break
          for (const update of statement.update) this.evaluate(update, loop)
        }
        return out.completion
      }
      case 'each': {
        const value = this.evaluate(statement.iterable, scope)
        const iterable = value instanceof HostObject ? (value.iterable() ?? value) : value
        if (!Array.isArray(iterable)) {
          throw this.at(
            illegalArgument(`Cannot iterate over [${className(iterable)}]`),
            statement.iterable.at,
          )
        }
        const out: { completion: Completion } = { completion: undefined }
        for (const item of iterable) {
          const loop = new Scope(scope)
          loop.declare(statement.name, statement.type, this.converted(statement.type, item, statement.at))
          if (this.iteration(statement.body, loop, statement.at, out)) break
        }
        return out.completion
      }
      case 'return':
        return {
          kind: 'return',
          value: statement.value === null ? null : this.evaluate(statement.value, scope),
        }
      case 'break':
      case 'continue':
        return { kind: statement.kind }
      case 'try':
        return this.tryStatement(statement, scope)
      case 'throw': {
        const value = this.evaluate(statement.value, scope)
        try {
          throw thrown(value)
        } catch (error) {
          throw error instanceof JavaException ? this.at(error, statement.value.at) : error
        }
      }
    }
  }

  /** Runs a try block; an Exception it throws runs the first catch clause whose type it is an instance of. */
  private tryStatement(statement: Statement & { kind: 'try' }, scope: Scope): Completion {
    try {
      return this.execute(statement.block, scope)
    } catch (error) {
      if (!(error instanceof JavaException)) throw error
      const clause = statement.catches.find((c) => isInstance(error.javaClass, c.type))
      if (clause === undefined) throw error
      const inner = new Scope(scope)
      inner.declare(clause.name, 'def', new ExceptionValue(error))
      return this.execute(clause.block, inner)
    }
  }

  private at(error: JavaException, offset: number): JavaException {
    if (error.offset < 0) error.offset = offset
    return error
  }

  private converted(type: string, value: Value, offset: number): Value {
    try {
      return assignable(type, value)
    } catch (error) {
      throw error instanceof JavaException ? this.at(error, offset) : error
    }
  }

  private condition(expr: Expr, scope: Scope): boolean {
    const value = this.evaluate(expr, scope)
    try {
      return truthy(value)
    } catch (error) {
      throw error instanceof JavaException ? this.at(error, expr.at) : error
    }
  }

  private evaluate(expr: Expr, scope: Scope): Value {
    try {
      return this.evaluateNode(expr, scope)
    } catch (error) {
      throw error instanceof JavaException ? this.at(error, expr.at) : error
    }
  }

  private evaluateNode(expr: Expr, scope: Scope): Value {
    switch (expr.kind) {
      case 'literal':
        return expr.value
      case 'variable':
        return scope.lookup(expr.name).value
      case 'field': {
        const target = this.evaluate(expr.target, scope)
        if (target === null) {
          if (expr.nullSafe) return null
          throw nullPointer(`Cannot invoke "Object.getClass()" because "<parameter1>" is null`)
        }
        return getterShortcut(target, expr.name)
      }
      case 'index':
        return indexed(this.evaluate(expr.target, scope), this.evaluate(expr.key, scope))
      case 'call': {
        const target = this.evaluate(expr.target, scope)
        if (target === null && expr.nullSafe) return null
        return callMethod(
          target,
          expr.name,
          expr.args.map((arg) => this.evaluate(arg, scope)),
        )
      }
      case 'function':
        return callMethod(
          scope.lookup(expr.name).value,
          expr.name,
          expr.args.map((arg) => this.evaluate(arg, scope)),
        )
      case 'userCall': {
        const fn = this.program.functions.get(`${expr.name}/${expr.args.length}`)!
        const args = expr.args.map((arg) => this.evaluate(arg, scope))
        const result = this.invoke(fn.params, args, fn.body, null)
        return fn.returnType === 'void' ? null : assignable(fn.returnType, result)
      }
      case 'lambda': {
        const { params, body } = expr
        return new FunctionRef(params.length, (args) => this.invoke(params, args, body, scope))
      }
      case 'reference':
        return this.reference(expr.type, expr.name)
      case 'static':
        return callStatic(expr.type, expr.name, expr.args?.map((arg) => this.evaluate(arg, scope)) ?? null)
      case 'new': {
        const args = expr.args.map((arg) => this.evaluate(arg, scope))
        return newException(expr.type, args, expr.at) ?? construct(expr.type, args)
      }
      case 'newArray':
        return newArray(
          expr.type,
          expr.dims.map((dim) => this.evaluate(dim, scope)),
        )
      case 'arrayInit':
        return initializedArray(
          expr.type,
          expr.items.map((item) => this.evaluate(item, scope)),
        )
      case 'regex':
        return expr.pattern
      case 'list':
        return expr.items.map((item) => this.evaluate(item, scope))
      case 'map': {
        const map = new JavaHashMap()
        for (const [key, value] of expr.entries) {
          const k = this.evaluate(key, scope)
          if (typeof k !== 'string') throw illegalArgument(`map keys must be Strings, got [${className(k)}]`)
          map.set(k, this.evaluate(value, scope))
        }
        return map
      }
      case 'unary':
        return unary(expr.op, this.evaluate(expr.operand, scope))
      case 'binary':
        if (expr.op === '&&') return this.condition(expr.left, scope) && this.condition(expr.right, scope)
        if (expr.op === '||') return this.condition(expr.left, scope) || this.condition(expr.right, scope)
        if (expr.op === '=~' || expr.op === '==~') {
          const text = this.evaluate(expr.left, scope)
          return regexOperator(expr.op, text, this.evaluate(expr.right, scope))
        }
        return binary(expr.op, this.evaluate(expr.left, scope), this.evaluate(expr.right, scope))
      case 'conditional':
        return this.condition(expr.condition, scope)
          ? this.evaluate(expr.then, scope)
          : this.evaluate(expr.otherwise, scope)
      case 'elvis':
        return this.evaluate(expr.left, scope) ?? this.evaluate(expr.right, scope)
      case 'cast':
        return cast(expr.type, this.evaluate(expr.operand, scope))
      case 'instanceof':
        return instanceOf(this.evaluate(expr.operand, scope), expr.type)
      case 'assign': {
        const value = this.evaluate(expr.value, scope)
        if (expr.op === '=') return this.store(expr.target, scope, false, () => value)
        return this.store(expr.target, scope, true, (current) =>
          binary(expr.op.slice(0, -1), current(), value),
        )
      }
      case 'increment': {
        let before: Value = null
        const after = this.store(expr.target, scope, true, (current) => {
          before = current()
          return binary('+', before, Num.int(expr.delta))
        })
        return expr.prefix ? after : before
      }
    }
  }

  /**
   * Stores into a variable, a Map key, a Map field or a List position what `compute` makes of the old value;
   * a compound assignment (`narrowing`) casts back to a typed variable's type, a plain one only widens.
   */
  private store(
    target: Expr,
    scope: Scope,
    narrowing: boolean,
    compute: (current: () => Value) => Value,
  ): Value {
    if (target.kind === 'variable') {
      const slot = scope.lookup(target.name)
      const computed = compute(() => slot.value)
      slot.value =
        narrowing && computed instanceof Num && slot.type !== 'def' && slot.type !== 'Number'
          ? cast(slot.type, computed)
          : assignable(slot.type, computed)
      return slot.value
    }
    if (target.kind !== 'field' && target.kind !== 'index') throw illegalArgument('invalid assignment target')
    const object = this.evaluate(target.target, scope)
    if (object === null) throw nullPointer('Cannot store to a null value')
    const key = target.kind === 'field' ? target.name : this.evaluate(target.key, scope)
    if (object instanceof Map) {
      if (typeof key !== 'string') throw illegalArgument(`map keys must be Strings, got [${className(key)}]`)
      const value = compute(() => object.get(key) ?? null)
      object.set(key, value)
      return value
    }
    if (object instanceof JavaArray && target.kind === 'index') {
      const at = arrayIndex(object, key)
      const component = object.componentType
      const computed = compute(() => object.items[at]!)
      const value =
        narrowing && computed instanceof Num && component !== 'def'
          ? cast(component, computed)
          : assignable(component, computed)
      object.items[at] = value
      return value
    }
    if (Array.isArray(object) && target.kind === 'index') {
      const at = listIndex(object, key)
      const value = compute(() => object[at]!)
      object[at] = value
      return value
    }
    if (target.kind === 'field')
      throw illegalArgument(`dynamic setter [${className(object)}, ${target.name}] not found`)
    throw illegalArgument(`Attempting to address a non-array-like type [${className(object)}]`)
  }
}
