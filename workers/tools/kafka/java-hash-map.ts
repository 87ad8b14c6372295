/**
 * The iteration order of a java.util.HashMap<String, V> filled with `keys` in order, as
 * `new HashMap<>(initialCapacity)` lays them out: bucket index `(h ^ h >>> 16) & (capacity - 1)` with
 * h = String.hashCode() over UTF-16 code units, the table doubling while size > 0.75 * capacity, and
 * insertion order inside a bucket. Kafka's admin client returns topic descriptions in such a map, so
 * `kafka-topics --describe` lists topics in this order, not sorted; `Collectors.toMap` and `new HashMap<>()`
 * start at capacity 16. Other key classes (TopicPartition) go through javaHashOrder with their hashCode.
 */
export function stringHashCode(text: string): number {
  let hash = 0
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0
  return hash
}

function tableSizeFor(capacity: number): number {
  let size = 1
  while (size < capacity) size *= 2
  return size
}

export function javaHashMapOrder(keys: readonly string[], initialCapacity: number = keys.length): string[] {
  return javaHashOrder(keys, stringHashCode, initialCapacity)
}

/** The same order for keys of any class, given its hashCode (keys must be distinct). */
export function javaHashOrder<K>(
  keys: readonly K[],
  hashCode: (key: K) => number,
  initialCapacity: number = keys.length,
): K[] {
  let capacity = tableSizeFor(Math.max(1, initialCapacity))
  while (keys.length > capacity * 0.75) capacity *= 2
  const bucketOf = (key: K): number => {
    const hash = hashCode(key)
    return (hash ^ (hash >>> 16)) & (capacity - 1)
  }
  return keys
    .map((key, index) => ({ key, index, bucket: bucketOf(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key)
}
