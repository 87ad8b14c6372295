// TermDictionary: a field's terms (UTF-8 bytes, held as the decoded string) mapped to their postings.
// Invariant: a term is present only if at least one document has it (docFreq >= 1).
import { Postings } from './postings'

export class TermDictionary {
  private readonly terms: Map<string, Postings> = new Map<string, Postings>()

  get(term: string): Postings | null {
    return this.terms.has(term) ? this.terms.get(term) : null
  }

  getOrAdd(term: string): Postings {
    if (this.terms.has(term)) return this.terms.get(term)
    const postings = new Postings()
    this.terms.set(term, postings)
    return postings
  }
}
