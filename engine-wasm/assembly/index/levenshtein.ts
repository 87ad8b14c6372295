// The edit distance FuzzyQuery's Levenshtein automata accept: insertions, deletions, substitutions and, with
// transpositions, swaps of two adjacent code points (Damerau's restricted distance, as LevenshteinAutomata builds
// with withTranspositions). The first prefixLength code points must match exactly; edits apply to the rest.
// As FuzzyQuery.getTermsEnum, a prefix at least as long as the term (in UTF-16 units) allows the term only.

export function codePoints(text: string): Array<i32> {
  const out = new Array<i32>()
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)
    if (c > 0xffff) i++
    out.push(c)
  }
  return out
}

export class LevenshteinMatcher {
  readonly termLength: i32
  private readonly query: Array<i32>

  private readonly maxEdits: i32

  constructor(
    term: string,
    maxEdits: i32,
    private readonly prefixLength: i32,
    private readonly transpositions: bool,
  ) {
    this.query = codePoints(term)
    this.termLength = this.query.length
    this.maxEdits = prefixLength >= term.length ? 0 : maxEdits
  }

  /** The candidate's (code points) edit distance from the term when within maxEdits, else -1. */
  edits(cand: Array<i32>): i32 {
    const prefix = min(this.prefixLength, this.query.length)
    if (cand.length < prefix) return -1
    for (let i = 0; i < prefix; i++) if (cand[i] != this.query[i]) return -1
    const edits = this.distance(cand, prefix)
    return edits > this.maxEdits ? -1 : edits
  }

  private distance(cand: Array<i32>, from: i32): i32 {
    const a = this.query
    const n = a.length - from
    const m = cand.length - from
    if (abs(n - m) > this.maxEdits) return this.maxEdits + 1
    let twoBack = new Array<i32>(m + 1)
    let previous = new Array<i32>(m + 1)
    let current = new Array<i32>(m + 1)
    for (let j = 0; j <= m; j++) previous[j] = j
    for (let i = 1; i <= n; i++) {
      current[0] = i
      const x = a[from + i - 1]
      for (let j = 1; j <= m; j++) {
        const y = cand[from + j - 1]
        let best = min(min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (x == y ? 0 : 1))
        if (this.transpositions && i > 1 && j > 1 && x == cand[from + j - 2] && a[from + i - 2] == y) {
          best = min(best, twoBack[j - 2] + 1)
        }
        current[j] = best
      }
      const recycled = twoBack
      twoBack = previous
      previous = current
      current = recycled
    }
    return previous[m]
  }
}
