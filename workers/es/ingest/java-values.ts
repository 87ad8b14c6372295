/**
 * How the Java objects an ingest document is made of look from Java: the class names that ES error
 * messages quote (`cannot be cast to [java.lang.String]`) and Object.toString, which templates, join,
 * convert and the error texts use. Values are XContentValues read as XContentHelper.convertToMap reads
 * them: a map is a java.util.HashMap, a list a java.util.ArrayList, an integer an Integer (or Long,
 * BigInteger when larger), any other number a Double whose lexeme is already Double.toString's.
 */
import { XNumber, javaDoubleToString, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import { javaKeyOrder, withExpectedSize } from '../action/source-map.ts'

const INT_MIN = -(2n ** 31n)
const INT_MAX = 2n ** 31n - 1n
const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

export type JavaNumberClass = 'Integer' | 'Long' | 'BigInteger' | 'Double'

export function javaNumberClass(value: XNumber): JavaNumberClass {
  if (!value.isInteger) return 'Double'
  const n = BigInt(value.text)
  if (n >= INT_MIN && n <= INT_MAX) return 'Integer'
  return n >= LONG_MIN && n <= LONG_MAX ? 'Long' : 'BigInteger'
}

export function javaClassName(value: XContentValue): string {
  if (typeof value === 'string') return 'java.lang.String'
  if (typeof value === 'boolean') return 'java.lang.Boolean'
  if (value instanceof XNumber) {
    const kind = javaNumberClass(value)
    return kind === 'BigInteger' ? 'java.math.BigInteger' : `java.lang.${kind}`
  }
  if (Array.isArray(value)) return 'java.util.ArrayList'
  return value === null ? 'null' : 'java.util.HashMap'
}

/**
 * Object.toString (String.valueOf for null): `[a, b]` for a list, `{k=v}` for a map in the order `keys` gives (a
 * HashMap's by default; a LinkedHashMap, as an ordered source map, iterates in insertion order).
 */
export function javaToString(
  value: XContentValue,
  keys: (map: XContentObject) => string[] = javaKeyOrder,
): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return String(value)
  if (value instanceof XNumber) {
    return value.isInteger ? BigInt(value.text).toString() : javaDoubleToString(value.value)
  }
  if (Array.isArray(value)) return '[' + value.map((item) => javaToString(item, keys)).join(', ') + ']'
  return (
    '{' +
    keys(value)
      .map((key) => `${key}=${javaToString(value.get(key) ?? null, keys)}`)
      .join(', ') +
    '}'
  )
}

/**
 * IngestDocument.deepCopy: maps and lists are copied, scalars shared (they are immutable). A map's copy
 * is made by Maps.newMapWithExpectedSize and filled in the original's iteration order, so it may iterate
 * in another order than the original (a smaller table).
 */
export function deepCopy(value: XContentValue): XContentValue {
  if (Array.isArray(value)) return value.map(deepCopy)
  if (value instanceof Map)
    return withExpectedSize(new Map(javaKeyOrder(value).map((k) => [k, deepCopy(value.get(k)!)])))
  return value
}

/** Number.intValue: an Integer as it is, a Long's or BigInteger's low 32 bits, a Double truncated into int range (NaN: 0). */
export function javaIntValue(value: XNumber): number {
  if (value.isInteger) return Number(BigInt.asIntN(32, BigInt(value.text)))
  if (Number.isNaN(value.value)) return 0
  return Math.max(-2147483648, Math.min(2147483647, Math.trunc(value.value)))
}
