/**
 * The small part of Painless that `_update` scripts in course notes use, run against `ctx` as
 * UpdateHelper.executeScript gives it: `ctx._source` (the current source as an ordered map, new keys
 * appended), `ctx.op` and `params`. Statements are separated by `;`:
 *
 *   ctx._source.<path> = <expr>        ctx._source.<path> += <expr>       ctx._source.<path> -= <expr>
 *   ctx._source.<path>.add(<expr>)     ctx._source[.<path>].remove('<key>')
 *   ctx.op = 'noop' | 'delete' | 'index'
 *
 * where a path is `.name` or `['name']` segments and an expression is a literal ('text', "text", a
 * number, true, false, null), `params.<name>` or `ctx._source.<path>`. Arithmetic follows Painless'
 * `def` rules: int op int wraps as a Java int, a long makes it a Java long, a double makes it a double,
 * `+` with a String concatenates. Anything else is refused with an illegal_argument_exception naming
 * this subset, never half-run: the script is parsed whole before it touches the source.
 */
import { illegalArgumentException } from '../errors/index.ts'
import { XNumber, javaDoubleToString, type XContentObject, type XContentValue } from '../xcontent/index.ts'

export type ScriptOp = 'index' | 'noop' | 'delete'

type Expr = { literal: XContentValue } | { params: string } | { source: string[] }

type Statement =
  | { kind: 'assign'; path: string[]; operator: '=' | '+=' | '-='; value: Expr }
  | { kind: 'add'; path: string[]; value: Expr }
  | { kind: 'remove'; path: string[]; key: string }
  | { kind: 'op'; op: ScriptOp }

export interface UpdateScript {
  statements: Statement[]
  params: XContentObject
}

const SUBSET =
  'only these Painless statements are supported: ctx._source.<field> = | += | -= <value>, ' +
  "ctx._source.<field>.add(<value>), ctx._source.remove('<field>'), ctx.op = 'noop' | 'delete'"

function unsupported(statement: string): never {
  throw illegalArgumentException(`cannot run script [${statement}]: ${SUBSET}`)
}

const PATH = String.raw`((?:\.[A-Za-z_][A-Za-z0-9_]*|\['[^']*'\])*)`
const VALUE = String.raw`('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|params\.[A-Za-z_][A-Za-z0-9_]*|ctx\._source${PATH})`
const ASSIGN = new RegExp(String.raw`^ctx\._source${PATH}\s*(=|\+=|-=)\s*${VALUE}$`)
const ADD = new RegExp(String.raw`^ctx\._source${PATH}\.add\(\s*${VALUE}\s*\)$`)
const REMOVE = new RegExp(
  String.raw`^ctx\._source${PATH}\.remove\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*\)$`,
)
const OP = /^ctx\.op\s*=\s*(['"])(noop|delete|index|none)\1$/

function pathOf(text: string): string[] {
  return [...text.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\['([^']*)'\]/g)].map((m) => m[1] ?? m[2]!)
}

function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, '$1')
}

function expr(text: string): Expr {
  if (text.startsWith("'") || text.startsWith('"')) return { literal: unquote(text) }
  if (text === 'true' || text === 'false') return { literal: text === 'true' }
  if (text === 'null') return { literal: null }
  if (text.startsWith('params.')) return { params: text.slice('params.'.length) }
  if (text.startsWith('ctx._source')) return { source: pathOf(text.slice('ctx._source'.length)) }
  return { literal: new XNumber(text) }
}

function parseStatement(text: string): Statement {
  let m = ASSIGN.exec(text)
  if (m && m[1] !== '') {
    return { kind: 'assign', path: pathOf(m[1]!), operator: m[2] as '=' | '+=' | '-=', value: expr(m[3]!) }
  }
  m = ADD.exec(text)
  if (m && m[1] !== '') return { kind: 'add', path: pathOf(m[1]!), value: expr(m[2]!) }
  m = REMOVE.exec(text)
  if (m) return { kind: 'remove', path: pathOf(m[1]!), key: unquote(m[2]!) }
  m = OP.exec(text)
  if (m) return { kind: 'op', op: m[2] === 'none' ? 'noop' : (m[2] as ScriptOp) }
  return unsupported(text)
}

export function parseUpdateScript(source: string, params: XContentObject): UpdateScript {
  const statements: Statement[] = []
  for (const raw of source.split(';')) {
    const text = raw.trim()
    if (text === '') continue
    statements.push(parseStatement(text))
  }
  return { statements, params }
}

/** Runs the script over `source` (changed in place); the operation `ctx.op` ends with. */
export function runUpdateScript(script: UpdateScript, source: XContentObject): ScriptOp {
  let op: ScriptOp = 'index'
  const evaluate = (value: Expr): XContentValue => {
    if ('literal' in value) return value.literal
    if ('params' in value) return script.params.get(value.params) ?? null
    return lookup(source, value.source)
  }
  for (const statement of script.statements) {
    if (statement.kind === 'op') {
      op = statement.op
      continue
    }
    if (statement.kind === 'remove') {
      const target = lookup(source, statement.path)
      if (!(target instanceof Map)) throw illegalArgumentException('remove() needs an object')
      target.delete(statement.key)
      continue
    }
    const parent = container(source, statement.path.slice(0, -1))
    const last = statement.path.at(-1)!
    if (statement.kind === 'add') {
      const list = parent.get(last)
      if (!Array.isArray(list)) throw illegalArgumentException(`[${last}] is not a list: add() needs one`)
      list.push(evaluate(statement.value))
    } else {
      const value = evaluate(statement.value)
      const current = parent.get(last) ?? null
      parent.set(last, statement.operator === '=' ? value : arithmetic(current, value, statement.operator))
    }
  }
  return op
}

function lookup(source: XContentObject, path: readonly string[]): XContentValue {
  let value: XContentValue = source
  for (const key of path) value = value instanceof Map ? (value.get(key) ?? null) : null
  return value
}

function container(source: XContentObject, path: readonly string[]): XContentObject {
  const value = lookup(source, path)
  if (!(value instanceof Map))
    throw illegalArgumentException(`cannot assign into [${path.join('.')}]: not an object`)
  return value
}

const INT_MIN = -(2n ** 31n)
const INT_MAX = 2n ** 31n - 1n

function javaString(value: XContentValue): string {
  if (value instanceof XNumber)
    return value.isInteger ? BigInt(value.text).toString() : javaDoubleToString(value.value)
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return String(value)
  throw illegalArgumentException('only strings, numbers, booleans and null can be concatenated')
}

/** Painless' `def` + and -: int, long and double promotion, String concatenation. */
function arithmetic(left: XContentValue, right: XContentValue, operator: '+=' | '-='): XContentValue {
  if (operator === '+=' && (typeof left === 'string' || typeof right === 'string')) {
    return javaString(left) + javaString(right)
  }
  if (!(left instanceof XNumber) || !(right instanceof XNumber)) {
    throw illegalArgumentException(
      `cannot apply [${operator.slice(0, 1)}] to [${javaString(left)}] and [${javaString(right)}]`,
    )
  }
  if (!left.isInteger || !right.isInteger) {
    const result = operator === '+=' ? left.value + right.value : left.value - right.value
    if (!Number.isFinite(result)) throw illegalArgumentException(`[${result}] cannot be stored in _source`)
    return new XNumber(javaDoubleToString(result))
  }
  const a = BigInt(left.text)
  const b = BigInt(right.text)
  const isInt = (n: bigint) => n >= INT_MIN && n <= INT_MAX
  const sum = operator === '+=' ? a + b : a - b
  return new XNumber((isInt(a) && isInt(b) ? BigInt.asIntN(32, sum) : BigInt.asIntN(64, sum)).toString())
}
