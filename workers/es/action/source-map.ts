/**
 * A document `_source` as Elasticsearch holds it once it has been read into a Java map
 * (XContentHelper.convertToMap) and written back (XContentBuilder.map), which is what `_update`,
 * `_source` filtering and the re-indexing APIs store and print:
 *
 * - Numbers lose their lexeme: an integer becomes an Integer, Long or BigInteger (printed in plain
 *   digits), a number with a fraction or exponent becomes a Double (printed by Double.toString, so
 *   `1.50` prints `1.5` and `1e3` prints `1000.0`).
 * - An ordered read (LinkedHashMap) keeps the key order; an unordered read (`parser.map()`, a HashMap,
 *   as UpdateRequest.sourceAsMap reads a partial `doc`) iterates in Java HashMap order at every level
 *   (see net/java-hash.ts).
 * - Equality is Objects.equals on the Java values: an Integer never equals a Double, a Double compares
 *   by its bits (NaN equals NaN, 0.0 differs from -0.0), maps compare regardless of key order.
 */
import {
  JavaDouble,
  XNumber,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../xcontent/index.ts'
import { javaHashMapKeyOrder } from '../../net/java-hash.ts'

/**
 * The initial capacity of each map made like Maps.newMapWithExpectedSize (IngestDocument.deepCopy: a
 * verbose `_simulate` snapshot, `set`'s copy_from, enrich); any other map is a HashMap made with the
 * default 16. The capacity decides the map's iteration order, and it grows as a HashMap's table does.
 */
const initialCapacities = new WeakMap<XContentObject, number>()

/** Marks `map` as made by Maps.newMapWithExpectedSize(its size): HashMap(n < 2 ? n + 1 : (int) (n / 0.75 + 1)). */
export function withExpectedSize(map: XContentObject): XContentObject {
  const n = map.size
  initialCapacities.set(map, n < 2 ? n + 1 : Math.trunc(n / 0.75 + 1))
  return map
}

/** The keys of a map read or made as a Java HashMap, in the order it iterates them. */
export function javaKeyOrder(map: XContentObject): string[] {
  return javaHashMapKeyOrder([...map.keys()], initialCapacities.get(map))
}

/** The value as XContentBuilder.map writes it back. */
export function sourceToJson(value: XContentValue): JsonOut {
  if (value instanceof XNumber) {
    return value.isInteger ? new XNumber(BigInt(value.text).toString()) : new JavaDouble(value.value)
  }
  if (Array.isArray(value)) return value.map(sourceToJson)
  if (value instanceof Map) {
    const out = new Map<string, JsonOut>()
    for (const [key, entry] of value) out.set(key, sourceToJson(entry))
    return out
  }
  return value
}

/** An unordered read (HashMap at every level): the same entries in Java HashMap iteration order. */
export function hashMapOrdered(map: XContentObject): XContentObject {
  return new Map(javaKeyOrder(map).map((key) => [key, hashMapOrderedValue(map.get(key)!)]))
}

/** hashMapOrdered for any value: the maps in it, at every level, in Java HashMap iteration order. */
export function hashMapOrderedValue(value: XContentValue): XContentValue {
  if (Array.isArray(value)) return value.map(hashMapOrderedValue)
  return value instanceof Map ? hashMapOrdered(value) : value
}

/** Objects.equals over the Java values the two parsed values become. */
export function javaEquals(a: XContentValue, b: XContentValue): boolean {
  if (a instanceof XNumber || b instanceof XNumber) {
    if (!(a instanceof XNumber && b instanceof XNumber) || a.isInteger !== b.isInteger) return false
    return a.isInteger ? BigInt(a.text) === BigInt(b.text) : Object.is(a.value, b.value)
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b)) || a.length !== b.length) return false
    return a.every((entry, i) => javaEquals(entry, b[i]!))
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false
    for (const [key, entry] of a) if (!b.has(key) || !javaEquals(entry, b.get(key)!)) return false
    return true
  }
  return a === b
}
