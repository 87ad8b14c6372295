/**
 * Painless' operators over `def` values (lang-painless's DefMath and the casting rules of AnalyzerCaster):
 *
 * - binary numeric promotion: double if either side is a double, else float, else long, else int (a char is
 *   promoted to int, in unary operations too); int and
 *   long arithmetic wraps as Java's does, `/` and `%` by zero throw ArithmeticException "/ by zero", float
 *   results are rounded to float;
 * - `+` with a String on either side concatenates String.valueOf of the other;
 * - shifts take the left side's type; `& | ^` work on integers and on booleans;
 * - `==` is Object.equals after numeric promotion (1 == 1.0), `===` identity (numbers and strings by value);
 * - casts (AnalyzerCaster's legal casts, Def's defTo*Implicit/Explicit for values held as def): explicit ones narrow
 *   numbers as Java does (a double to int truncates and saturates, NaN is 0; to char, the int's low 16 bits), make a
 *   one-character String a char (Utility.StringTochar) and a char a String; the implicit conversion of a
 *   declaration or assignment only widens (char → int → long → float → double; nothing becomes a char implicitly
 *   but a char).
 *
 * A wrong operand type is a ClassCastException "Cannot apply [op] operation to types [A] and [B].", a null one
 * a NullPointerException.
 */
import {
  HostObject,
  JAVA_CLASS_NAMES,
  JavaArray,
  Num,
  className,
  javaString,
  type NumKind,
  type Value,
} from './painless-values.ts'
import { JavaException, classCast, nullPointer } from './script-errors.ts'
import { stringToChar } from './painless-character.ts'

const RANK: Record<NumKind, number> = { char: 0, int: 0, long: 1, float: 2, double: 3 }
const KINDS: readonly NumKind[] = ['int', 'long', 'float', 'double']

function promote(a: Num, b: Num): NumKind {
  return KINDS[Math.max(RANK[a.kind], RANK[b.kind])]!
}

function operandError(op: string, a: Value, b: Value): JavaException {
  if (a === null || b === null) {
    return nullPointer(`Cannot invoke "Object.getClass()" because "${a === null ? 'left' : 'right'}" is null`)
  }
  return classCast(`Cannot apply [${op}] operation to types [${className(a)}] and [${className(b)}].`)
}

function arithmeticException(): JavaException {
  return new JavaException('ArithmeticException', '/ by zero')
}

function numeric(op: string, a: Num, b: Num): Num {
  const kind = promote(a, b)
  if (kind === 'long') {
    const [x, y] = [a.integral ? a.exact : 0n, b.integral ? b.exact : 0n]
    if ((op === '/' || op === '%') && y === 0n) throw arithmeticException()
    const result = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : x % y
    return Num.long(result)
  }
  const [x, y] = [a.value, b.value]
  if (kind === 'int') {
    if ((op === '/' || op === '%') && y === 0) throw arithmeticException()
    const result = op === '*' ? Math.imul(x, y) : op === '/' ? Math.trunc(x / y) : arithmetic(op, x, y)
    return Num.int(result)
  }
  const result = arithmetic(op, x, y)
  return kind === 'float' ? Num.float(result) : Num.double(result)
}

function arithmetic(op: string, x: number, y: number): number {
  switch (op) {
    case '+':
      return x + y
    case '-':
      return x - y
    case '*':
      return x * y
    case '/':
      return x / y
    default:
      return x % y
  }
}

function integral(op: string, a: Value, b: Value): [Num, Num] {
  if (a instanceof Num && b instanceof Num && a.integral && b.integral) return [a, b]
  throw operandError(op, a, b)
}

function shift(op: string, a: Num, b: Num): Num {
  const distance = Number(b.exact)
  if (a.kind === 'int' || a.kind === 'char') {
    const x = a.value
    return Num.int(op === '<<' ? x << distance : op === '>>' ? x >> distance : x >>> distance)
  }
  const n = BigInt(distance & 63)
  if (op === '<<') return Num.long(a.exact << n)
  if (op === '>>') return Num.long(a.exact >> n)
  return Num.long(BigInt.asUintN(64, a.exact) >> n)
}

function bitwise(op: string, a: Value, b: Value): Value {
  if (typeof a === 'boolean' && typeof b === 'boolean')
    return op === '&' ? a && b : op === '|' ? a || b : a !== b
  const [x, y] = integral(op, a, b)
  if (promote(x, y) === 'int') {
    return Num.int(op === '&' ? x.value & y.value : op === '|' ? x.value | y.value : x.value ^ y.value)
  }
  return Num.long(op === '&' ? x.exact & y.exact : op === '|' ? x.exact | y.exact : x.exact ^ y.exact)
}

/** Compares two numbers after promotion: negative, zero or positive (NaN compares unordered: NaN). */
function compareNumbers(a: Num, b: Num): number {
  if (promote(a, b) === 'long') return a.exact < b.exact ? -1 : a.exact > b.exact ? 1 : 0
  return a.value - b.value
}

export function binary(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '+':
      if (typeof a === 'string' || typeof b === 'string') return javaString(a) + javaString(b)
      if (a instanceof Num && b instanceof Num) return numeric(op, a, b)
      throw operandError(op, a, b)
    case '-':
    case '*':
    case '/':
    case '%':
      if (a instanceof Num && b instanceof Num) return numeric(op, a, b)
      throw operandError(op, a, b)
    case '<<':
    case '>>':
    case '>>>': {
      const [x, y] = integral(op, a, b)
      return shift(op, x, y)
    }
    case '&':
    case '|':
    case '^':
      return bitwise(op, a, b)
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (!(a instanceof Num) || !(b instanceof Num)) throw operandError(op, a, b)
      const c = compareNumbers(a, b)
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0
    }
    case '==':
      return javaEquals(a, b)
    case '!=':
      return !javaEquals(a, b)
    case '===':
      return identical(a, b)
    default:
      return !identical(a, b)
  }
}

/** Object.equals with DefMath's numeric promotion at the top level; lists and maps compare element-wise. */
export function javaEquals(a: Value, b: Value): boolean {
  if (a instanceof Num && b instanceof Num) return compareNumbers(a, b) === 0
  return deepEquals(a, b)
}

function deepEquals(a: Value, b: Value): boolean {
  if (a instanceof Num || b instanceof Num) {
    return a instanceof Num && b instanceof Num && a.kind === b.kind && compareNumbers(a, b) === 0
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEquals(v, b[i]!))
    )
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false
    for (const [key, value] of a) if (!b.has(key) || !deepEquals(value, b.get(key)!)) return false
    return true
  }
  return a === b
}

function identical(a: Value, b: Value): boolean {
  if (a instanceof Num && b instanceof Num) return a.kind === b.kind && compareNumbers(a, b) === 0
  return a === b
}

export function truthy(value: Value): boolean {
  if (typeof value === 'boolean') return value
  if (value === null)
    throw nullPointer('Cannot invoke "java.lang.Boolean.booleanValue()" because value is null')
  throw classCast(`Cannot cast ${className(value)} to java.lang.Boolean`)
}

export function unary(op: '!' | '~' | '-' | '+', operand: Value): Value {
  if (op === '!') return !truthy(operand)
  if (!(operand instanceof Num)) {
    if (operand === null) throw nullPointer(`Cannot apply [${op}] to a null value`)
    throw classCast(`Cannot apply [${op}] operation to type [${className(operand)}].`)
  }
  const value = operand.kind === 'char' ? Num.int(operand.value) : operand
  if (op === '+') return value
  if (op === '~') {
    if (!value.integral) throw classCast(`Cannot apply [~] operation to type [${className(value)}].`)
    return value.kind === 'int' ? Num.int(~value.value) : Num.long(~value.exact)
  }
  if (value.kind === 'int') return Num.int(-value.value)
  if (value.kind === 'long') return Num.long(-value.exact)
  return value.kind === 'float' ? Num.float(-value.value) : Num.double(-value.value)
}

const NUMERIC_TYPES: Record<string, NumKind> = {
  byte: 'int',
  short: 'int',
  char: 'char',
  Character: 'char',
  int: 'int',
  Integer: 'int',
  long: 'long',
  Long: 'long',
  float: 'float',
  Float: 'float',
  double: 'double',
  Double: 'double',
}

/** Java's narrowing of a double to an int or long: truncation, saturation, NaN to zero. */
function narrowed(value: number, bits: 32 | 64): bigint {
  if (Number.isNaN(value)) return 0n
  const limit = 2n ** BigInt(bits - 1)
  if (value >= Number(limit)) return limit - 1n
  if (value <= -Number(limit)) return -limit
  return BigInt(Math.trunc(value))
}

function toKind(value: Num, kind: NumKind): Num {
  if (value.kind === kind) return value
  switch (kind) {
    case 'int':
      return Num.int(Number(BigInt.asIntN(32, value.integral ? value.exact : narrowed(value.value, 32))))
    case 'long':
      return Num.long(value.integral ? value.exact : narrowed(value.value, 64))
    case 'char':
      return Num.char(Number(BigInt.asUintN(16, value.integral ? value.exact : narrowed(value.value, 32))))
    case 'float':
      return Num.float(value.value)
    default:
      return Num.double(value.value)
  }
}

function castError(value: Value, type: string): JavaException {
  return classCast(`Cannot cast ${className(value)} to ${type}`)
}

/** Whether an array is a `type` (`int[]`; a reference array is also an `Object[]` / `def[]`, as arrays are covariant). */
function isArrayType(value: Value, type: string): boolean {
  if (!(value instanceof JavaArray)) return false
  if (value.type === type) return true
  return (
    (type === 'def[]' || type === 'Object[]') &&
    !(value.componentType in NUMERIC_TYPES) &&
    value.componentType !== 'boolean'
  )
}

function isType(value: Value, type: string): boolean {
  if (type.endsWith('[]')) return isArrayType(value, type)
  switch (type) {
    case 'Pattern':
    case 'Matcher':
      return value instanceof HostObject && value.className === JAVA_CLASS_NAMES[type]
    case 'def':
    case 'Object':
      return true
    case 'String':
      return typeof value === 'string'
    case 'boolean':
    case 'Boolean':
      return typeof value === 'boolean'
    case 'List':
    case 'ArrayList':
    case 'Collection':
      return Array.isArray(value)
    case 'Map':
    case 'HashMap':
      return value instanceof Map
    case 'Number':
      return value instanceof Num && value.kind !== 'char'
    default:
      return value instanceof Num && value.kind === NUMERIC_TYPES[type]
  }
}

/** `value instanceof type`: false for null. */
export function instanceOf(value: Value, type: string): boolean {
  const host =
    value instanceof HostObject && !(value instanceof JavaArray) && type !== 'Pattern' && type !== 'Matcher'
  return value !== null && !host && isType(value, type)
}

/** An explicit cast `(type) value`. */
export function cast(type: string, value: Value): Value {
  const kind = NUMERIC_TYPES[type]
  if (kind === 'char' && typeof value === 'string') return stringToChar(value)
  if (type === 'String' && value instanceof Num && value.kind === 'char') return javaString(value)
  if (kind !== undefined && value instanceof Num) {
    const converted = toKind(value, kind)
    if (type === 'byte' || type === 'short') {
      return Num.int(Number(BigInt.asIntN(type === 'byte' ? 8 : 16, converted.exact)))
    }
    return converted
  }
  if (value === null && (kind === undefined || type !== type.toLowerCase())) return null
  if (kind === undefined && isType(value, type)) return value
  throw castError(value, type)
}

/** Whether a `from` value converts implicitly to `type` (of kind `to`): a char only to itself and int and wider. */
function widens(from: NumKind, type: string, to: NumKind): boolean {
  if (to === 'char') return from === 'char'
  if (from === 'char') return type !== 'byte' && type !== 'short'
  return RANK[from] <= RANK[to]
}

/** The implicit conversion of a value stored into a variable of `type`: widening only. */
export function assignable(type: string, value: Value): Value {
  const kind = NUMERIC_TYPES[type]
  if (kind !== undefined && value instanceof Num && widens(value.kind, type, kind)) return toKind(value, kind)
  if (kind !== undefined && value === null && type === type.toLowerCase()) throw castError(value, type)
  if (kind === undefined && (value === null || isType(value, type))) return value
  throw castError(value, type)
}
