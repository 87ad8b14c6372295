// Lucene's StemmerUtil over a term held as an array of UTF-16 code units and a live length, the shape
// of the char[]/len buffers the light and minimal stemmers rewrite in place. Invariant: only
// units[0, len) belong to the term; the helpers never read at or beyond len.

/** The term as an array of UTF-16 code units (not code points: Lucene indexes chars). */
export function toUnits(term: string): string[] {
  return term.split('')
}

/** StemmerUtil.endsWith: whether units[0, len) ends with `suffix`. */
export function endsWith(units: readonly string[], len: number, suffix: string): boolean {
  if (suffix.length > len) return false
  for (let i = 0; i < suffix.length; i++) {
    if (units[len - suffix.length + i] !== suffix.charAt(i)) return false
  }
  return true
}

/** StemmerUtil.delete: removes units[pos] by shifting the rest left; returns the new length. */
export function deleteAt(units: string[], pos: number, len: number): number {
  for (let i = pos; i < len - 1; i++) units[i] = units[i + 1] ?? ''
  return len - 1
}

/** The code unit at `index` (empty when out of range, as no suffix test matches it). */
export function unitAt(units: readonly string[], index: number): string {
  return units[index] ?? ''
}
