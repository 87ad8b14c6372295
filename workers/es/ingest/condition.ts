/**
 * A processor's `if`: the Painless expressions course notes put there, evaluated against the ctx map
 * (source fields and `_index`, `_id`, ...) and `params`:
 *
 *   expr := or;  or := and ('||' and)*;  and := unary ('&&' unary)*;  unary := '!' unary | cmp
 *   cmp := term (('=='|'!='|'<'|'<='|'>'|'>=') term)?
 *   term := literal | '-' number | '(' expr ')' | ('ctx' | 'params') ( ('.'|'?.') name | ('.'|'?.') method '(' args ')'
 *           | '[' expr ']' )*
 *
 * Methods: contains, containsKey, startsWith, endsWith, equals, equalsIgnoreCase, isEmpty, size, length,
 * toLowerCase, toUpperCase, trim, get. Semantics follow Painless' `def`: `==` compares numbers by value
 * (1 == 1.0) and everything else with equals; `.` on null is a NullPointerException, `?.` yields null;
 * the expression must produce a boolean. Runtime failures are script_exception `runtime error` caused by
 * the Java exception; anything outside the subset is refused when the pipeline is stored.
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import { javaEquals } from '../action/source-map.ts'
import type { IngestDocument } from './ingest-document.ts'
import { javaClassName } from './java-values.ts'

export interface Condition {
  readonly source: string
  evaluate(doc: IngestDocument): boolean
}

type Value = XContentValue
type Scope = { ctx: XContentObject; params: XContentObject }
type Expr = (scope: Scope) => Value

const TOKEN =
  /\s*(?:('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\?\.|==|!=|<=|>=|&&|\|\||[<>!().[\],-]))/y

function scriptError(source: string, cause: EsException): EsException {
  return new EsException({
    type: 'script_exception',
    reason: 'runtime error',
    status: 400,
    metadata: [
      ['script_stack', []],
      ['script', source],
      ['lang', 'painless'],
    ],
    causedBy: cause,
  })
}

function javaError(simpleName: string, message: string): EsException {
  const type = simpleName.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()
  return new EsException({ type, reason: message, status: 400, rootCause: false })
}

export function compileCondition(config: XContentValue): Condition {
  let source: string
  let params: XContentObject = new Map()
  if (typeof config === 'string') source = config
  else if (config instanceof Map && typeof config.get('source') === 'string') {
    source = config.get('source') as string
    const p = config.get('params')
    if (p instanceof Map) params = p
  } else {
    throw illegalArgumentException(
      `cannot compile condition [${javaClassName(config)}]: only inline Painless sources are supported`,
    )
  }
  const expr = new Parser(source).parseAll()
  return {
    source,
    evaluate(doc) {
      const scope: Scope = { ctx: new Map([...doc.source, ...doc.metadata]), params }
      let result: Value
      try {
        result = expr(scope)
      } catch (error) {
        if (error instanceof EsException) throw scriptError(source, error)
        throw error
      }
      if (typeof result !== 'boolean') {
        throw scriptError(
          source,
          javaError('ClassCastException', `Cannot cast ${javaClassName(result)} to java.lang.Boolean`),
        )
      }
      return result
    },
  }
}

class Parser {
  private readonly tokens: string[] = []
  private at = 0

  constructor(private readonly source: string) {
    TOKEN.lastIndex = 0
    let match: RegExpExecArray | null
    while (TOKEN.lastIndex < source.length && (match = TOKEN.exec(source)) !== null) {
      this.tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]!)
    }
    if (source.slice(TOKEN.lastIndex).trim() !== '') this.unsupported()
  }

  private unsupported(): never {
    throw illegalArgumentException(
      `cannot compile condition [${this.source}]: only comparisons, &&, ||, ! and ctx/params field access ` +
        'with contains, startsWith, endsWith, equals, isEmpty, size, length are supported',
    )
  }

  private peek(): string | undefined {
    return this.tokens[this.at]
  }

  private accept(token: string): boolean {
    if (this.peek() !== token) return false
    this.at++
    return true
  }

  private expect(token: string): void {
    if (!this.accept(token)) this.unsupported()
  }

  parseAll(): Expr {
    const expr = this.or()
    if (this.at !== this.tokens.length) this.unsupported()
    return expr
  }

  private or(): Expr {
    let left = this.and()
    while (this.accept('||')) {
      const [a, b] = [left, this.and()]
      left = (s) => bool(a(s)) || bool(b(s))
    }
    return left
  }

  private and(): Expr {
    let left = this.unary()
    while (this.accept('&&')) {
      const [a, b] = [left, this.unary()]
      left = (s) => bool(a(s)) && bool(b(s))
    }
    return left
  }

  private unary(): Expr {
    if (this.accept('!')) {
      const inner = this.unary()
      return (s) => !bool(inner(s))
    }
    const left = this.term()
    const op = this.peek()
    if (op === undefined || !['==', '!=', '<', '<=', '>', '>='].includes(op)) return left
    this.at++
    const right = this.term()
    return (s) => compare(op, left(s), right(s))
  }

  private term(): Expr {
    const token = this.peek()
    if (token === undefined) return this.unsupported()
    this.at++
    if (token === '(') {
      const inner = this.or()
      this.expect(')')
      return inner
    }
    if (token.startsWith("'") || token.startsWith('"')) {
      const text = token.slice(1, -1).replace(/\\(.)/g, '$1')
      return () => text
    }
    if (/^\d/.test(token)) return () => new XNumber(token)
    if (token === '-' && /^\d/.test(this.peek() ?? '')) {
      const negative = new XNumber('-' + this.tokens[this.at++]!)
      return () => negative
    }
    if (token === 'true' || token === 'false') return () => token === 'true'
    if (token === 'null') return () => null
    if (token !== 'ctx' && token !== 'params') return this.unsupported()
    let expr: Expr = token === 'ctx' ? (s) => s.ctx : (s) => s.params
    for (;;) {
      const nullSafe = this.peek() === '?.'
      if (this.accept('.') || this.accept('?.')) {
        const name = this.peek()
        if (name === undefined || !/^[A-Za-z_]/.test(name)) return this.unsupported()
        this.at++
        const target = expr
        if (this.accept('(')) {
          const args: Expr[] = []
          if (!this.accept(')')) {
            do args.push(this.or())
            while (this.accept(','))
            this.expect(')')
          }
          expr = (s) => {
            const self = target(s)
            if (self === null) return nullSafe ? null : npe(name)
            return callMethod(
              self,
              name,
              args.map((a) => a(s)),
            )
          }
        } else {
          expr = (s) => field(target(s), name, nullSafe)
        }
      } else if (this.accept('[')) {
        const key = this.or()
        this.expect(']')
        const target = expr
        expr = (s) => index(target(s), key(s))
      } else return expr
    }
  }
}

function npe(name: string): never {
  throw javaError('NullPointerException', `Cannot invoke "Object.${name}" because value is null`)
}

function field(target: Value, name: string, nullSafe: boolean): Value {
  if (target === null) return nullSafe ? null : npe(name)
  if (target instanceof Map) return target.get(name) ?? null
  throw javaError('IllegalArgumentException', `dynamic getter [${javaClassName(target)}, ${name}] not found`)
}

function index(target: Value, key: Value): Value {
  if (target instanceof Map && typeof key === 'string') return target.get(key) ?? null
  if (Array.isArray(target) && key instanceof XNumber && key.isInteger) {
    const i = Number(key.text)
    if (i < 0 || i >= target.length) {
      throw javaError('IndexOutOfBoundsException', `Index ${i} out of bounds for length ${target.length}`)
    }
    return target[i]!
  }
  if (target === null) return npe('get')
  throw javaError(
    'IllegalArgumentException',
    `Attempting to address a non-array-like type [${javaClassName(target)}]`,
  )
}

function callMethod(self: Exclude<Value, null>, name: string, args: Value[]): Value {
  const [arg = null] = args
  if (typeof self === 'string') {
    const text = typeof arg === 'string' ? arg : ''
    switch (name) {
      case 'contains':
        return self.includes(text)
      case 'startsWith':
        return self.startsWith(text)
      case 'endsWith':
        return self.endsWith(text)
      case 'equals':
        return self === arg
      case 'equalsIgnoreCase':
        return typeof arg === 'string' && self.toLowerCase() === arg.toLowerCase()
      case 'isEmpty':
        return self.length === 0
      case 'length':
        return new XNumber(String(self.length))
      case 'toLowerCase':
        return self.toLowerCase()
      case 'toUpperCase':
        return self.toUpperCase()
      case 'trim':
        return self.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
    }
  } else if (Array.isArray(self)) {
    if (name === 'contains') return self.some((item) => javaEquals(item, arg))
    if (name === 'isEmpty') return self.length === 0
    if (name === 'size') return new XNumber(String(self.length))
    if (name === 'get') return index(self, arg)
  } else if (self instanceof Map) {
    if (name === 'containsKey') return typeof arg === 'string' && self.has(arg)
    if (name === 'isEmpty') return self.size === 0
    if (name === 'size') return new XNumber(String(self.size))
    if (name === 'get') return typeof arg === 'string' ? (self.get(arg) ?? null) : null
  }
  if (name === 'equals') return javaEquals(self, arg)
  throw javaError(
    'IllegalArgumentException',
    `dynamic method [${javaClassName(self)}, ${name}/${args.length}] not found`,
  )
}

function bool(value: Value): boolean {
  if (typeof value === 'boolean') return value
  throw javaError('ClassCastException', `Cannot cast ${javaClassName(value)} to java.lang.Boolean`)
}

function compare(op: string, a: Value, b: Value): boolean {
  if (op === '==' || op === '!=') {
    const equal = a instanceof XNumber && b instanceof XNumber ? a.value === b.value : javaEquals(a, b)
    return op === '==' ? equal : !equal
  }
  if (!(a instanceof XNumber) || !(b instanceof XNumber)) {
    throw javaError(
      'ClassCastException',
      `Cannot apply [${op}] operation to types [${javaClassName(a)}] and [${javaClassName(b)}].`,
    )
  }
  if (op === '<') return a.value < b.value
  if (op === '<=') return a.value <= b.value
  return op === '>' ? a.value > b.value : a.value >= b.value
}
