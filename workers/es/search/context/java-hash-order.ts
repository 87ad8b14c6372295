/**
 * The iteration order of a java.util.HashMap filled by `put` in the given order (no removals), which is the
 * order ES writes such a map's entries in: buckets by the spread hash (h ^ h >>> 16) masked to the table size
 * (16, doubled whenever the entries pass three quarters of it), entries of one bucket in insertion order (a
 * resize splits a bucket keeping that order). Trees of crowded buckets (more than 8 entries) are not modelled.
 */

/** String.hashCode: s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units, in 32-bit arithmetic. */
export function javaStringHash(text: string): number {
  let hash = 0
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0
  return hash
}

export function javaHashMapOrder<T>(entries: readonly T[], hashOf: (entry: T) => number): T[] {
  let capacity = 16
  while (entries.length > capacity * 0.75) capacity *= 2
  const bucket = (entry: T): number => {
    const h = hashOf(entry)
    return (h ^ (h >>> 16)) & (capacity - 1)
  }
  return entries
    .map((entry, order) => ({ entry, order, bucket: bucket(entry) }))
    .sort((a, b) => a.bucket - b.bucket || a.order - b.order)
    .map(({ entry }) => entry)
}
