/**
 * The iteration order of a java.util.HashMap<String, V> filled in the given order (HighlightPhase collects a
 * hit's highlighted fields in one, and SearchHit writes them in its order): keys by bucket,
 * `(h ^ (h >>> 16)) & (capacity - 1)` with h the String.hashCode of the key (UTF-16 code units, int32
 * arithmetic), then by insertion within a bucket; the capacity starts at 16 and doubles while the size
 * exceeds three quarters of it. Resizing splits buckets keeping their order, so the final order depends only
 * on the final capacity. (Buckets of 8+ keys, which Java turns into trees, are not modelled.)
 */

export function javaStringHashCode(text: string): number {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0
  return h
}

export function javaHashMapOrder<V>(entries: ReadonlyArray<readonly [string, V]>): Array<[string, V]> {
  let capacity = 16
  while (entries.length > capacity * 0.75) capacity *= 2
  const bucket = (key: string): number => {
    const h = javaStringHashCode(key)
    return (h ^ (h >>> 16)) & (capacity - 1)
  }
  return entries
    .map(([key, value], i) => ({ key, value, i, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.i - b.i)
    .map(({ key, value }) => [key, value])
}
