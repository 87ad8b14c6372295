/**
 * The methods and static members a script may call (Painless' allowlist, the part course notes use), each
 * as the JDK defines it:
 *
 * - String: length, isEmpty, substring, charAt (a char), toCharArray, indexOf and lastIndexOf (of a String, or of
 *   a char or code point), contains,
 *   startsWith, endsWith, toLowerCase, toUpperCase, trim, replace, equals, equalsIgnoreCase, compareTo,
 *   splitOnToken (Painless' augmentation), replaceAll / replaceFirst with a Pattern and a Function (painless-regex.ts),
 *   toString;
 * - List: add, addAll, get, set, remove (by index for an int, else the element), size, isEmpty, contains,
 *   indexOf, clear, toString;
 * - Map: get, getOrDefault, put, putAll, remove, containsKey, containsValue, size, isEmpty, keySet, values,
 *   clear, toString;
 * - the methods that take lambdas and method references (List.removeIf/forEach/sort/stream, Map.computeIfAbsent,
 *   ..., Collections.sort, Collectors): painless-lambdas.ts;
 * - Number: intValue, longValue, floatValue, doubleValue, toString; Character: painless-character.ts; any object:
 *   equals, toString;
 * - statics: Math (abs, max, min, pow, sqrt, cbrt, log, log10, log1p, exp, floor, ceil, round, signum, sin,
 *   cos, tan, asin, acos, atan, atan2, hypot, toRadians, toDegrees, PI, E), Integer/Long/Double/Float
 *   (parseX, valueOf, MAX_VALUE, MIN_VALUE), String.valueOf and String.join, Boolean.parseBoolean, Pattern.quote; the java.time
 *   ones of java-time.ts (Instant.ofEpochMilli, ZonedDateTime.ofInstant, ZoneId.of, TextStyle.*, Locale.*);
 *   MovingFunctions (moving-functions.ts), for moving_fn scripts; Debug.explain (painless-exceptions.ts).
 *
 * A method that is not there is Painless' "dynamic method [class, name/arity] not found"; a bad index the
 * JDK's IndexOutOfBoundsException.
 */
import { parseJavaDouble } from '../../net/java-double.ts'
import { movingFunction } from './moving-functions.ts'
import { javaFloatToString } from '../xcontent/index.ts'
import { assignable, cast, javaEquals } from './painless-operators.ts'
import { HostObject, JavaArray, Num, className, javaString, mapKeys, type Value } from './painless-values.ts'
import { debugExplain } from './painless-exceptions.ts'
import { CHARACTER_CONSTANTS, characterMethod, characterStatic } from './painless-character.ts'
import { JavaException, classCast, illegalArgument, nullPointer } from './script-errors.ts'
import { JAVA_TIME_CONSTANTS, javaTimeStatic } from './java-time.ts'
import { replaceWithFunction } from './painless-regex.ts'
import { collectorsStatic, listFunctionalMethod, mapFunctionalMethod, sortList } from './painless-lambdas.ts'

function methodNotFound(self: Value, name: string, arity: number): JavaException {
  return illegalArgument(`dynamic method [${className(self)}, ${name}/${arity}] not found`)
}

function outOfBounds(index: number, length: number): JavaException {
  return new JavaException('IndexOutOfBoundsException', `Index ${index} out of bounds for length ${length}`)
}

function int(value: Value): number {
  if (value instanceof Num && (value.kind === 'int' || value.kind === 'char')) return value.value
  throw classCast(`Cannot cast ${className(value)} to java.lang.Integer`)
}

function text(value: Value): string {
  if (typeof value === 'string') return value
  if (value === null) throw nullPointer('Cannot invoke "String.length()" because "str" is null')
  throw classCast(`Cannot cast ${className(value)} to java.lang.String`)
}

/** indexOf's needle: a String, or the code point of an `int ch` (a char widening to one). */
function needle(value: Value): string {
  if (!(value instanceof Num && (value.kind === 'int' || value.kind === 'char'))) return text(value)
  return value.value >= 0 && value.value <= 0x10ffff ? String.fromCodePoint(value.value) : '\uffff\uffff'
}

function key(value: Value): string {
  if (typeof value === 'string') return value
  throw illegalArgument(`map keys must be Strings in this playground, got [${className(value)}]`)
}

/** List and array access allow a negative index from the end, as Painless' brace access does. */
export function listIndex(list: readonly Value[], index: Value): number {
  const i = int(index)
  const at = i < 0 ? list.length + i : i
  if (at < 0 || at >= list.length) throw outOfBounds(i, list.length)
  return at
}

function stringMethod(self: string, name: string, args: readonly Value[]): Value | undefined {
  const [a = null, b = null] = args
  switch (`${name}/${args.length}`) {
    case 'length/0':
      return Num.int(self.length)
    case 'isEmpty/0':
      return self.length === 0
    case 'substring/1':
    case 'substring/2': {
      const begin = int(a)
      const end = args.length === 2 ? int(b) : self.length
      if (begin < 0 || end > self.length || begin > end) {
        throw new JavaException(
          'StringIndexOutOfBoundsException',
          `begin ${begin}, end ${end}, length ${self.length}`,
        )
      }
      return self.substring(begin, end)
    }
    case 'charAt/1': {
      const i = int(a)
      if (i < 0 || i >= self.length) {
        throw new JavaException(
          'StringIndexOutOfBoundsException',
          `Index ${i} out of bounds for length ${self.length}`,
        )
      }
      return Num.char(self.charCodeAt(i))
    }
    case 'toCharArray/0':
      return new JavaArray(
        'char[]',
        [...Array(self.length).keys()].map((i) => Num.char(self.charCodeAt(i))),
      )
    case 'indexOf/1':
      return Num.int(self.indexOf(needle(a)))
    case 'indexOf/2':
      return Num.int(self.indexOf(needle(a), int(b)))
    case 'lastIndexOf/1':
      return Num.int(self.lastIndexOf(needle(a)))
    case 'contains/1':
      return self.includes(text(a))
    case 'startsWith/1':
      return self.startsWith(text(a))
    case 'endsWith/1':
      return self.endsWith(text(a))
    case 'toLowerCase/0':
      return self.toLowerCase()
    case 'toUpperCase/0':
      return self.toUpperCase()
    case 'trim/0':
      return self.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
    case 'replace/2':
      return self.split(text(a)).join(text(b))
    case 'equalsIgnoreCase/1':
      return typeof a === 'string' && self.toLowerCase() === a.toLowerCase()
    case 'compareTo/1': {
      const other = text(a)
      for (let i = 0; i < Math.min(self.length, other.length); i++) {
        if (self.charCodeAt(i) !== other.charCodeAt(i))
          return Num.int(self.charCodeAt(i) - other.charCodeAt(i))
      }
      return Num.int(self.length - other.length)
    }
    case 'splitOnToken/1':
      return self.split(text(a))
    case 'replaceAll/2':
    case 'replaceFirst/2':
      return replaceWithFunction(self, name === 'replaceAll', a, b)
  }
  return undefined
}

function listMethod(self: Value[], name: string, args: readonly Value[]): Value | undefined {
  const [a = null, b = null] = args
  switch (`${name}/${args.length}`) {
    case 'add/1':
      self.push(a)
      return true
    case 'add/2': {
      const i = int(a)
      if (i < 0 || i > self.length) throw outOfBounds(i, self.length)
      self.splice(i, 0, b)
      return null
    }
    case 'addAll/1':
      if (!Array.isArray(a)) throw classCast(`Cannot cast ${className(a)} to java.util.Collection`)
      self.push(...a)
      return a.length > 0
    case 'get/1':
      return self[listIndex(self, a)]!
    case 'set/2': {
      const i = listIndex(self, a)
      const previous = self[i]!
      self[i] = b
      return previous
    }
    case 'remove/1': {
      if (a instanceof Num && a.kind === 'int') return self.splice(listIndex(self, a), 1)[0]!
      const at = self.findIndex((item) => javaEquals(item, a))
      if (at >= 0) self.splice(at, 1)
      return at >= 0
    }
    case 'size/0':
      return Num.int(self.length)
    case 'isEmpty/0':
      return self.length === 0
    case 'contains/1':
      return self.some((item) => javaEquals(item, a))
    case 'indexOf/1':
      return Num.int(self.findIndex((item) => javaEquals(item, a)))
    case 'clear/0':
      self.length = 0
      return null
  }
  return listFunctionalMethod(self, name, args)
}

function mapMethod(self: Map<string, Value>, name: string, args: readonly Value[]): Value | undefined {
  const [a = null, b = null] = args
  switch (`${name}/${args.length}`) {
    case 'get/1':
      return typeof a === 'string' ? (self.get(a) ?? null) : null
    case 'getOrDefault/2':
      return typeof a === 'string' && self.has(a) ? self.get(a)! : b
    case 'put/2': {
      const previous = self.get(key(a)) ?? null
      self.set(key(a), b)
      return previous
    }
    case 'putAll/1':
      if (!(a instanceof Map)) throw classCast(`Cannot cast ${className(a)} to java.util.Map`)
      for (const [k, v] of a) self.set(k, v)
      return null
    case 'remove/1': {
      if (typeof a !== 'string') return null
      const previous = self.get(a) ?? null
      self.delete(a)
      return previous
    }
    case 'containsKey/1':
      return typeof a === 'string' && self.has(a)
    case 'containsValue/1':
      return [...self.values()].some((v) => javaEquals(v, a))
    case 'size/0':
      return Num.int(self.size)
    case 'isEmpty/0':
      return self.size === 0
    case 'keySet/0':
      return mapKeys(self)
    case 'values/0':
      return mapKeys(self).map((k) => self.get(k)!)
    case 'clear/0':
      self.clear()
      return null
  }
  return mapFunctionalMethod(self, name, args, key)
}

function numberMethod(self: Num, name: string, args: readonly Value[]): Value | undefined {
  if (self.kind === 'char') return characterMethod(self, name, args)
  if (args.length !== 0) return undefined
  const converted: Record<string, string> = {
    intValue: 'int',
    longValue: 'long',
    floatValue: 'float',
    doubleValue: 'double',
  }
  const type = converted[name]
  return type === undefined ? undefined : cast(type, self)
}

export function callMethod(self: Value, name: string, args: readonly Value[]): Value {
  if (self === null) throw nullPointer(`Cannot invoke "Object.${name}()" because value is null`)
  const found =
    self instanceof HostObject
      ? self.call(name, args)
      : typeof self === 'string'
        ? stringMethod(self, name, args)
        : Array.isArray(self)
          ? listMethod(self, name, args)
          : self instanceof Map
            ? mapMethod(self, name, args)
            : self instanceof Num
              ? numberMethod(self, name, args)
              : undefined
  if (found !== undefined) return found
  if (name === 'equals' && args.length === 1) return javaEquals(self, args[0]!)
  if (name === 'toString' && args.length === 0) return javaString(self)
  throw methodNotFound(self, name, args.length)
}

function double(value: Value): number {
  if (value instanceof Num) return value.value
  throw classCast(`Cannot cast ${className(value)} to double`)
}

const MATH_1: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  log: Math.log,
  log10: Math.log10,
  log1p: Math.log1p,
  exp: Math.exp,
  floor: Math.floor,
  ceil: Math.ceil,
  signum: Math.sign,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  toRadians: (x) => (x / 180) * Math.PI,
  toDegrees: (x) => (x * 180) / Math.PI,
}

/** Math.max / min / abs keep the promoted type of their arguments, as the JDK's overloads do. */
function mathOverloaded(name: string, args: readonly Value[]): Value | undefined {
  if (name === 'abs' && args.length === 1) {
    const x = args[0]!
    if (!(x instanceof Num)) return undefined
    if (x.kind === 'int') return Num.int(Math.abs(x.value))
    if (x.kind === 'long') return Num.long(x.exact < 0n ? -x.exact : x.exact)
    return cast(x.kind, Num.double(Math.abs(x.value)))
  }
  if ((name === 'max' || name === 'min') && args.length === 2) {
    const [a, b] = args as [Value, Value]
    if (!(a instanceof Num) || !(b instanceof Num)) return undefined
    const kinds = ['int', 'long', 'float', 'double']
    const kind = kinds[Math.max(kinds.indexOf(a.kind), kinds.indexOf(b.kind))]!
    const [x, y] = [assignable(kind, a) as Num, assignable(kind, b) as Num]
    if (x.integral) return (name === 'max') === x.exact >= y.exact ? x : y
    if (Number.isNaN(x.value) || Number.isNaN(y.value)) return cast(kind, Num.double(NaN))
    return cast(kind, Num.double(name === 'max' ? Math.max(x.value, y.value) : Math.min(x.value, y.value)))
  }
  if (name === 'round' && args.length === 1) {
    const x = args[0]!
    if (!(x instanceof Num)) return undefined
    const rounded = Math.floor(x.value + 0.5)
    return cast(x.kind === 'float' ? 'int' : 'long', Num.double(rounded))
  }
  return undefined
}

const CONSTANTS: Record<string, Value> = {
  'Math.PI': Num.double(Math.PI),
  'Math.E': Num.double(Math.E),
  'Integer.MAX_VALUE': Num.int(2147483647),
  'Integer.MIN_VALUE': Num.int(-2147483648),
  'Long.MAX_VALUE': Num.long(2n ** 63n - 1n),
  'Long.MIN_VALUE': Num.long(-(2n ** 63n)),
  'Double.MAX_VALUE': Num.double(Number.MAX_VALUE),
  'Double.MIN_VALUE': Num.double(Number.MIN_VALUE),
  'Float.MAX_VALUE': Num.float(3.4028234663852886e38),
  ...CHARACTER_CONSTANTS,
  ...JAVA_TIME_CONSTANTS,
}

function parseNumber(type: string, value: Value): Value {
  const input = typeof value === 'string' ? value : javaString(value)
  const invalid = () => new JavaException('NumberFormatException', `For input string: "${input}"`)
  if (type === 'Integer' || type === 'Long') {
    if (!/^[+-]?\d+$/.test(input)) throw invalid()
    const n = BigInt(input)
    const bits = type === 'Integer' ? 32 : 64
    if (BigInt.asIntN(bits, n) !== n) throw invalid()
    return bits === 32 ? Num.int(Number(n)) : Num.long(n)
  }
  const parsed = parseJavaDouble(input)
  if (parsed === null) throw invalid()
  return type === 'Float' ? Num.float(parsed) : Num.double(parsed)
}

/** A static member: `Type.name(args)`, or the constant `Type.name` when args is null. */
export function callStatic(type: string, name: string, args: readonly Value[] | null): Value {
  if (args === null) {
    const constant = CONSTANTS[`${type}.${name}`]
    if (constant === undefined) throw illegalArgument(`cannot resolve symbol [${type}.${name}]`)
    return constant
  }
  if (type === 'Math') {
    const overloaded = mathOverloaded(name, args)
    if (overloaded !== undefined) return overloaded
    const one = MATH_1[name]
    if (one !== undefined && args.length === 1) return Num.double(one(double(args[0]!)))
    if (name === 'pow' && args.length === 2) return Num.double(Math.pow(double(args[0]!), double(args[1]!)))
    if (name === 'atan2' && args.length === 2)
      return Num.double(Math.atan2(double(args[0]!), double(args[1]!)))
    if (name === 'hypot' && args.length === 2)
      return Num.double(Math.hypot(double(args[0]!), double(args[1]!)))
  } else if (type === 'Collections' && name === 'sort' && args.length <= 2 && Array.isArray(args[0])) {
    sortList(args[0], args[1])
    return null
  } else if (type === 'Collectors') {
    const collector = collectorsStatic(name, args)
    if (collector !== undefined) return collector
  } else if (type === 'MovingFunctions') {
    const result = movingFunction(name, args)
    if (result !== undefined) return result
  } else if (['Integer', 'Long', 'Double', 'Float'].includes(type) && args.length === 1) {
    if (name.startsWith('parse') || name === 'valueOf') return parseNumber(type, args[0]!)
    if (name === 'toString')
      return type === 'Float' ? javaFloatToString(double(args[0]!)) : javaString(args[0]!)
  } else if (type === 'String' && name === 'valueOf' && args.length === 1) {
    return javaString(args[0]!)
  } else if (type === 'String' && name === 'join' && args.length === 2 && Array.isArray(args[1])) {
    return args[1].map(javaString).join(text(args[0]!))
  } else if (type === 'Pattern' && name === 'quote' && args.length === 1) {
    // Pattern.quote: the text between \Q and \E, any \E in it closed and reopened
    return '\\Q' + text(args[0]!).split('\\E').join('\\E\\\\E\\Q') + '\\E'
  } else if (type === 'Debug' && name === 'explain' && args.length === 1) {
    throw debugExplain(args[0]!)
  } else if (type === 'Character') {
    const result = characterStatic(name, args)
    if (result !== undefined) return result
  } else if (type === 'Boolean' && name === 'parseBoolean' && args.length === 1) {
    return typeof args[0] === 'string' && args[0].toLowerCase() === 'true'
  }
  const time = javaTimeStatic(type, name, args)
  if (time !== undefined) return time
  throw illegalArgument(`unknown call [${name}] with [${args.length}] arguments on type [${type}].`)
}
