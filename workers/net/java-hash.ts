/**
 * Java's hashing, as Kafka's group code depends on it: String.hashCode (31-based over UTF-16 code units,
 * wrapping int32), TopicPartition.hashCode, Utils.abs (Math.abs with Integer.MIN_VALUE mapped to 0), the
 * coordinator partition of a group (GroupCoordinatorService.partitionFor), and the iteration order of a
 * java.util.HashMap/HashSet, which decides ties in the coordinator and the assignors.
 *
 * HashMap order invariant: entries iterate by bucket `spread(hash) & (capacity - 1)`, and within a bucket
 * in insertion order (a resize splits each bucket keeping relative order). Capacity starts at 16 and
 * doubles while size > 0.75 × capacity; it never shrinks. Treeified buckets (8+ collisions) are not modelled.
 */

/** java.lang.String#hashCode. */
export function javaStringHashCode(value: string): number {
  let hash = 0
  for (let i = 0; i < value.length; i++) hash = (Math.imul(31, hash) + value.charCodeAt(i)) | 0
  return hash
}

/**
 * The hashCode of a Java record whose components are all Strings (ObjectMethods: 31 × h + each component's
 * hashCode, in declaration order, from 0).
 */
export function javaStringRecordHashCode(components: readonly string[]): number {
  let hash = 0
  for (const component of components) hash = (Math.imul(31, hash) + javaStringHashCode(component)) | 0
  return hash
}

/** org.apache.kafka.common.TopicPartition#hashCode: 31 × (31 + partition) + topic.hashCode(). */
export function topicPartitionHashCode(topic: string, partition: number): number {
  return (Math.imul(31, (31 + partition) | 0) + javaStringHashCode(topic)) | 0
}

/** org.apache.kafka.common.utils.Utils#abs. */
export function utilsAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n)
}

/** The __consumer_offsets partition whose leader coordinates `groupId` (offsets.topic.num.partitions = 50). */
export function coordinatorPartition(groupId: string, partitions = 50): number {
  return utilsAbs(javaStringHashCode(groupId)) % partitions
}

/** The table capacity of a `new HashMap<>(initialCapacity)` (default 16) after it has held `maxSize` entries. */
export function javaHashMapCapacity(maxSize: number, initialCapacity = 16): number {
  let capacity = 1
  while (capacity < initialCapacity) capacity *= 2
  while (maxSize > capacity * 0.75) capacity *= 2
  return capacity
}

/**
 * The order in which a Java HashMap (or HashSet) iterates `items`, given in insertion order.
 * `capacity` defaults to what a fresh map holding exactly these items has.
 */
export function javaHashOrder<T>(
  items: readonly T[],
  hashCode: (item: T) => number,
  capacity = javaHashMapCapacity(items.length),
): T[] {
  const bucket = (item: T): number => {
    const h = hashCode(item)
    return (h ^ (h >>> 16)) & (capacity - 1)
  }
  return items
    .map((item, index) => ({ item, index, bucket: bucket(item) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.item)
}

/** Java HashMap order of string keys. */
export function javaStringKeyOrder(keys: readonly string[], capacity?: number): string[] {
  return javaHashOrder(keys, javaStringHashCode, capacity)
}

/** The iteration order of a `new HashMap<>(initialCapacity)` (default 16) given `keys` in this order. */
export function javaHashMapKeyOrder(keys: readonly string[], initialCapacity?: number): string[] {
  return javaStringKeyOrder(keys, javaHashMapCapacity(keys.length, initialCapacity))
}

/** java.lang.String#compareTo (UTF-16 code unit order), as a sort comparator. */
export function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The table a java.util.HashMap (default load factor) reaches through `put` and `putAll` calls, JDK 19+: a fresh
 * map allocates 16 buckets at its first put; `putAll` of s entries into a map with no table yet pre-sizes it to
 * tableSizeFor(ceil(s / 0.75)), into one with a table doubles it while s exceeds the threshold; every put
 * that makes size exceed 0.75 × capacity doubles it. Iterate the keys with `order()`.
 */
export class JavaHashMapModel {
  private capacity = 0
  private readonly keys: string[] = []
  private readonly present = new Set<string>()

  put(key: string): void {
    if (this.capacity === 0) this.capacity = 16
    if (this.present.has(key)) return
    this.present.add(key)
    this.keys.push(key)
    if (this.keys.length > this.capacity * 0.75) this.capacity *= 2
  }

  putAll(keys: readonly string[]): void {
    if (keys.length === 0) return
    if (this.capacity === 0) {
      const wanted = Math.ceil(keys.length / 0.75)
      let size = 1
      while (size < wanted) size *= 2
      this.capacity = size
    } else {
      while (keys.length > this.capacity * 0.75) this.capacity *= 2
    }
    for (const key of keys) this.put(key)
  }

  /** The keys in the map's iteration order. */
  order(): string[] {
    return javaStringKeyOrder(this.keys, Math.max(this.capacity, 1))
  }
}
