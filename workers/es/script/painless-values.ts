/**
 * The Java objects a Painless script works on, as plain data:
 *
 * - `null`, `boolean` (java.lang.Boolean), `string` (java.lang.String);
 * - Num: a boxed int, long, float or double (the `def` values DefMath promotes between): an int is a 32-bit
 *   integer, a long a 64-bit bigint (also kept as its nearest double), a float a Math.fround'ed double; or a
 *   java.lang.Character (`char`: a UTF-16 code unit, 0 to 65535), which arithmetic promotes to int but which is
 *   no Number, prints as its character and is written to XContent as a one-character string;
 * - an array: a java.util.ArrayList; a Map: a java.util.Map with String keys, iterated in insertion order (a
 *   LinkedHashMap, as ES reads `_source`), or, a JavaHashMap, in java.util.HashMap's order (what `[:]` and
 *   `new HashMap()` make);
 * - a HostObject: what a context supplies that is neither (`doc` and its field values in search scripts), and
 *   the JDK objects scripts make that are no JSON-like value: a JavaArray (`new int[3]`: fixed length, items of its
 *   component type), Patterns, Matchers and exceptions.
 *
 * fromXContent reads a JSON value as ES's XContentHelper.convertToMap does (an integer is an Integer, or a
 * Long when larger; any other number a Double); toXContent writes the objects back as XContentBuilder would
 * (a float by Float.toString, a double by Double.toString; NaN and infinities as strings, as Jackson quotes
 * non-numeric numbers).
 */
import { javaHashMapKeyOrder } from '../../net/java-hash.ts'
import { XNumber, javaDoubleToString, javaFloatToString, type XContentValue } from '../xcontent/index.ts'

export type NumKind = 'int' | 'long' | 'float' | 'double' | 'char'

export class Num {
  private constructor(
    readonly kind: NumKind,
    /** The value as a double (a long's nearest one). */
    readonly value: number,
    private readonly long: bigint | null,
  ) {}

  static int(value: number): Num {
    return new Num('int', value | 0, null)
  }

  /** A char: the code unit `value` wrapped to 16 bits. */
  static char(value: number): Num {
    return new Num('char', value & 0xffff, null)
  }

  static long(value: bigint): Num {
    const wrapped = BigInt.asIntN(64, value)
    return new Num('long', Number(wrapped), wrapped)
  }

  static float(value: number): Num {
    return new Num('float', Math.fround(value), null)
  }

  static double(value: number): Num {
    return new Num('double', value, null)
  }

  get integral(): boolean {
    return this.kind === 'int' || this.kind === 'long' || this.kind === 'char'
  }

  /** An int's or long's exact value (meaningless for floats and doubles). */
  get exact(): bigint {
    return this.long ?? BigInt(this.value)
  }
}

/** A value a script context supplies: its fields, brackets and methods; undefined where it has none. */
export abstract class HostObject {
  abstract readonly className: string
  field(_name: string): Value | undefined {
    return undefined
  }
  index(_key: Value): Value | undefined {
    return undefined
  }
  call(_name: string, _args: readonly Value[]): Value | undefined {
    return undefined
  }
  /** The items a for-each loop walks when the object is an Iterable (a doc field's values); undefined if not. */
  iterable(): Value[] | undefined {
    return undefined
  }
  /** Object.toString. */
  toString(): string {
    return this.className
  }
  /** The value as XContentBuilder writes it (a List as an array). */
  toXContent(): XContentValue {
    return this.toString()
  }
}

export class JavaHashMap extends Map<string, Value> {}

/** The JVM's names of the primitive types, as Class.getName writes them in an array's descriptor. */
const DESCRIPTORS: Readonly<Record<string, string>> = {
  int: 'I', long: 'J', double: 'D', float: 'F', boolean: 'Z', byte: 'B', short: 'S', char: 'C',
} // prettier-ignore

/** The Java classes of Painless' reference type names (`def` values are Objects). */
export const JAVA_CLASS_NAMES: Readonly<Record<string, string>> = {
  def: 'java.lang.Object', Object: 'java.lang.Object', String: 'java.lang.String', Number: 'java.lang.Number',
  Integer: 'java.lang.Integer', Long: 'java.lang.Long', Float: 'java.lang.Float', Double: 'java.lang.Double',
  Boolean: 'java.lang.Boolean', Character: 'java.lang.Character', List: 'java.util.List', ArrayList: 'java.util.ArrayList', Map: 'java.util.Map',
  HashMap: 'java.util.HashMap', Collection: 'java.util.Collection', Pattern: 'java.util.regex.Pattern',
  Matcher: 'java.util.regex.Matcher',
} // prettier-ignore

let identityHashes = 0x1b6d3586

/**
 * A Java array: `type` its Painless type (`int[]`, `String[][]`), `items` its fixed-length contents. Its class name
 * is the canonical one (`int[]`, `java.lang.String[]`), its toString Object.toString's `[I@1b6d3586`.
 */
export class JavaArray extends HostObject {
  readonly className: string
  private readonly identityHash = (identityHashes = (identityHashes * 31 + 0x9e3779b1) >>> 0)

  constructor(
    readonly type: string,
    readonly items: Value[],
  ) {
    super()
    const element = type.replace(/(\[\])+$/, '')
    this.className = (JAVA_CLASS_NAMES[element] ?? element) + type.slice(element.length)
  }

  /** The array's component type (`int` for `int[]`, `int[]` for `int[][]`). */
  get componentType(): string {
    return this.type.slice(0, -2)
  }

  override field(name: string): Value | undefined {
    return name === 'length' ? Num.int(this.items.length) : undefined
  }

  override iterable(): Value[] {
    return this.items
  }

  override toString(): string {
    const element = this.type.replace(/(\[\])+$/, '')
    const depth = (this.type.length - element.length) / 2
    const descriptor = DESCRIPTORS[element] ?? `L${JAVA_CLASS_NAMES[element] ?? element};`
    return '['.repeat(depth) + descriptor + '@' + this.identityHash.toString(16)
  }

  override toXContent(): XContentValue {
    return this.items.map(toXContent)
  }
}

export type Value = null | boolean | string | Num | Value[] | Map<string, Value> | HostObject

const BOXED: Record<NumKind, string> = {
  int: 'Integer',
  long: 'Long',
  float: 'Float',
  double: 'Double',
  char: 'Character',
}

export function className(value: Value): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return 'java.lang.String'
  if (typeof value === 'boolean') return 'java.lang.Boolean'
  if (value instanceof Num) return `java.lang.${BOXED[value.kind]}`
  if (Array.isArray(value)) return 'java.util.ArrayList'
  if (value instanceof HostObject) return value.className
  return value instanceof JavaHashMap ? 'java.util.HashMap' : 'java.util.LinkedHashMap'
}

export function mapKeys(map: Map<string, Value>): string[] {
  return map instanceof JavaHashMap ? javaHashMapKeyOrder([...map.keys()]) : [...map.keys()]
}

/** String.valueOf. */
export function javaString(value: Value): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return String(value)
  if (value instanceof Num) {
    if (value.kind === 'char') return String.fromCharCode(value.value)
    if (value.integral) return value.exact.toString()
    return value.kind === 'float' ? javaFloatToString(value.value) : javaDoubleToString(value.value)
  }
  if (Array.isArray(value)) return '[' + value.map(javaString).join(', ') + ']'
  if (value instanceof HostObject) return value.toString()
  return (
    '{' +
    mapKeys(value)
      .map((key) => `${key}=${javaString(value.get(key) ?? null)}`)
      .join(', ') +
    '}'
  )
}

const INT_MIN = -(2n ** 31n)
const INT_MAX = 2n ** 31n - 1n

/** A JSON value as these objects; `hashMaps`: its objects as JavaHashMaps (XContentParser.map), else LinkedHashMaps. */
export function fromXContent(value: XContentValue, hashMaps = false): Value {
  if (value instanceof XNumber) {
    if (!value.isInteger) return Num.double(value.value)
    const exact = BigInt(value.text)
    if (exact >= INT_MIN && exact <= INT_MAX) return Num.int(Number(exact))
    return BigInt.asIntN(64, exact) === exact ? Num.long(exact) : Num.double(value.value)
  }
  if (Array.isArray(value)) return value.map((item) => fromXContent(item, hashMaps))
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]): [string, Value] => [k, fromXContent(v, hashMaps)])
    return hashMaps ? new JavaHashMap(entries) : new Map(entries)
  }
  return value
}

export function toXContent(value: Value): XContentValue {
  if (value instanceof Num) {
    if (value.kind === 'char' || (!value.integral && !Number.isFinite(value.value))) return javaString(value)
    return new XNumber(javaString(value))
  }
  if (Array.isArray(value)) return value.map(toXContent)
  if (value instanceof HostObject) return value.toXContent()
  if (value instanceof Map) return new Map(mapKeys(value).map((k) => [k, toXContent(value.get(k) ?? null)]))
  return value
}
