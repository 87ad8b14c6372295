/**
 * The iteration order of a java.util.HashMap<String, V> created as `new HashMap<>(initialCapacity)` and
 * filled with `keys` in order (the table is tableSizeFor(initialCapacity) and doubles while
 * size > 0.75 × capacity). Kafka's admin client returns topic descriptions in such a map, so
 * `kafka-topics --describe` lists topics in this order, not sorted; `Collectors.toMap` and
 * `new HashMap<>()` start at capacity 16. The hashing itself is workers/net/java-hash.ts.
 */
import { javaHashOrder as hashOrder, javaStringHashCode } from '../../net/java-hash.ts'

export const stringHashCode = javaStringHashCode

/** The table capacity of `new HashMap<>(initialCapacity)` once it holds `size` entries. */
function capacityFor(initialCapacity: number, size: number): number {
  let capacity = 1
  while (capacity < Math.max(1, initialCapacity)) capacity *= 2
  while (size > capacity * 0.75) capacity *= 2
  return capacity
}

export function javaHashMapOrder(keys: readonly string[], initialCapacity: number = keys.length): string[] {
  return javaHashOrder(keys, javaStringHashCode, initialCapacity)
}

/** The same order for keys of any class, given its hashCode (keys must be distinct). */
export function javaHashOrder<K>(
  keys: readonly K[],
  hashCode: (key: K) => number,
  initialCapacity: number = keys.length,
): K[] {
  return hashOrder(keys, hashCode, capacityFor(initialCapacity, keys.length))
}
