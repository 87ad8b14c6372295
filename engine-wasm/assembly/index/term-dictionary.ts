// TermDictionary: a field's terms (UTF-8 bytes, held as the decoded string) mapped to their postings, plus the
// terms in Lucene's order (BytesRef order: UTF-8 bytes unsigned = Unicode code point order), built lazily and
// dropped whenever a term is added, which multi-term queries walk as Lucene walks a TermsEnum.
// Invariant: a term is present only if at least one document has it (docFreq >= 1).
import { Postings } from './postings'

/** Code point order of two strings (UTF-16 code unit order differs only for surrogates against U+E000..U+FFFF). */
export function compareTerms(a: string, b: string): i32 {
  const n = min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)
    const y = b.codePointAt(i)
    if (x != y) return x < y ? -1 : 1
    if (x > 0xffff) i++
  }
  return a.length - b.length
}

export class TermDictionary {
  private readonly terms: Map<string, Postings> = new Map<string, Postings>()
  private sorted: Array<string> | null = null

  get(term: string): Postings | null {
    return this.terms.has(term) ? this.terms.get(term) : null
  }

  /** The term's postings; a new one gets room for `docs` entries holding `positions` positions. */
  getOrAdd(term: string, docs: i32 = 1, positions: i32 = 1): Postings {
    if (this.terms.has(term)) return this.terms.get(term)
    const postings = new Postings(docs, positions)
    this.terms.set(term, postings)
    this.sorted = null
    return postings
  }

  /** Adds a term decoded with its postings (segment-codec.ts); the term is not here yet. */
  put(term: string, postings: Postings): void {
    this.terms.set(term, postings)
    this.sorted = null
  }

  /** Every term in code point order. */
  sortedTerms(): Array<string> {
    let sorted = this.sorted
    if (sorted == null) {
      sorted = this.terms.keys()
      sorted.sort(compareTerms)
      this.sorted = sorted
    }
    return sorted
  }
}
