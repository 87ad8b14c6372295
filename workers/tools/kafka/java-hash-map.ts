/**
 * The iteration order of a java.util.HashMap<String, V> created as `new HashMap<>(initialCapacity)` and
 * filled with `keys` in order (the table is tableSizeFor(initialCapacity) and doubles while
 * size > 0.75 × capacity). Kafka's admin client returns topic descriptions in such a map, so
 * `kafka-topics --describe` lists topics in this order, not sorted. The tools' maps are mostly sized for the
 * keys they are built from, so the initial capacity defaults to the number of keys here (`Collectors.toMap`
 * and `new HashMap<>()` start at 16: pass it). The hashing and the table rule are workers/net/java-hash.ts.
 */
import {
  javaHashMapCapacity,
  javaHashMapKeyOrder,
  javaHashOrder as hashOrder,
  javaStringHashCode,
} from '../../net/java-hash.ts'

export const stringHashCode = javaStringHashCode

export function javaHashMapOrder(keys: readonly string[], initialCapacity: number = keys.length): string[] {
  return javaHashMapKeyOrder(keys, initialCapacity)
}

/** The same order for keys of any class, given its hashCode (keys must be distinct). */
export function javaHashOrder<K>(
  keys: readonly K[],
  hashCode: (key: K) => number,
  initialCapacity: number = keys.length,
): K[] {
  return hashOrder(keys, hashCode, javaHashMapCapacity(keys.length, initialCapacity))
}
