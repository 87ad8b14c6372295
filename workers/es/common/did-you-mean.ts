/**
 * Elasticsearch's "did you mean" hints for an unknown name (SuggestingErrorOnUnknown, and
 * AbstractScopedSettings for settings): the known names whose Lucene LevenshteinDistance similarity
 * (1 - edits / max(length), in float) is above a threshold, best first, then by name.
 */

/** The known names close enough to `unknown`, best first. */
export function closestNames(unknown: string, candidates: readonly string[], threshold: number): string[] {
  return candidates
    .map((candidate) => ({ candidate, score: similarity(unknown, candidate) }))
    .filter(({ score }) => score > threshold)
    .sort((a, b) => b.score - a.score || (a.candidate < b.candidate ? -1 : 1))
    .map(({ candidate }) => candidate)
}

/** `" did you mean [terms]?"`, `" did you mean any of [a, b]?"`, or "" when nothing is close. */
export function didYouMean(names: readonly string[]): string {
  if (names.length === 0) return ''
  return names.length === 1 ? ` did you mean [${names[0]}]?` : ` did you mean any of [${names.join(', ')}]?`
}

/** SuggestingErrorOnUnknown's hint: similarity above 0.5. */
export function suggest(unknown: string, candidates: readonly string[]): string {
  return didYouMean(closestNames(unknown, candidates, 0.5))
}

/**
 * The QL hint (ql StringUtils.findSimilar, used by ES SQL and ES|QL): `, did you mean [a]?` or `, did you mean
 * any of [a, b]?` for the names whose similarity is at least 0.5, best first (ties in candidate order).
 */
export function findSimilarHint(name: string, candidates: readonly string[]): string {
  const scored = candidates
    .map((candidate) => ({ candidate, score: similarity(name, candidate) }))
    .filter(({ score }) => score >= 0.5)
  scored.sort((a, b) => b.score - a.score)
  const names = scored.map(({ candidate }) => candidate)
  if (names.length === 0) return ''
  return names.length === 1 ? `, did you mean [${names[0]}]?` : `, did you mean any of [${names.join(', ')}]?`
}

/** Lucene's LevenshteinDistance.getDistance, computed in float as Lucene does. */
export function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return a === b ? 1 : 0
  let previous = Array.from({ length: a.length + 1 }, (_, i) => i)
  for (let j = 1; j <= b.length; j++) {
    const current = [j]
    for (let i = 1; i <= a.length; i++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[i] = Math.min(current[i - 1]! + 1, previous[i]! + 1, previous[i - 1]! + cost)
    }
    previous = current
  }
  return Math.fround(1 - Math.fround(previous[a.length]!) / Math.max(a.length, b.length))
}
