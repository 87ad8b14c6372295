// A term's positions in one document of a segment, read in ascending order (Lucene's PostingsEnum with positions, one
// document at a time): the cursor TermSpans and TermIntervals walk. Invariant: between reset(doc) and the end of the
// document's positions, `next()` answers each of the term's positions in doc once, then -1.
import { Postings } from './postings'
import { advanceEntry } from './query'

export class TermPositions {
  private cursor: i32 = 0
  private remaining: i32 = 0

  constructor(readonly postings: Postings) {}

  /** Puts the cursor before doc's first position; false (no positions) when the term does not occur in doc. */
  reset(doc: i32): bool {
    const postings = this.postings
    const docs = postings.docs
    const entry = advanceEntry(docs, 0, doc)
    if (entry == docs.length || docs[entry] != doc) {
      this.remaining = 0
      return false
    }
    this.cursor = postings.posStarts[entry]
    this.remaining = postings.freqs[entry]
    return true
  }

  /** The next position in the document, or -1 after its last. */
  next(): i32 {
    if (this.remaining <= 0) return -1
    this.remaining--
    return this.postings.positions[this.cursor++]
  }
}
