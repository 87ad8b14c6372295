// UnionPostings: Lucene's MultiPhraseQuery.UnionPostingsEnum over the postings of one query position's terms in one
// segment, materialised: every document of any of the terms (ascending), its freq the sum of theirs, its positions
// all of theirs in ascending order (a position two terms share is listed twice, as the union's queue yields it).
// It answers the accessors a term's Postings does (docs, freqs, posStarts, positions indexable with [], docFreq), so
// PhrasePositions<UnionPostings> walks it as it walks one term. Deleted documents stay, as in the postings.
import { Postings } from './postings'
import { allocated } from './safe-points'

export class UnionPostings {
  readonly docs: StaticArray<i32>
  readonly freqs: StaticArray<i32>
  /** Where entry i's positions start in `positions` (posStarts[docFreq] is their end). */
  readonly posStarts: StaticArray<i32>
  readonly positions: StaticArray<i32>

  constructor(postings: Array<Postings>) {
    // every (doc, position) of every term as one key, doc in the high word
    const keys = new Array<i64>()
    for (let p = 0; p < postings.length; p++) {
      const term = postings[p]
      for (let e = 0; e < term.docFreq; e++) {
        const high = (<i64>term.docs[e]) << 32
        const start = term.posStarts[e]
        for (let at = start; at < start + term.freqs[e]; at++) keys.push(high | (<i64>term.positions[at]))
      }
    }
    keys.sort((a: i64, b: i64): i32 => (a < b ? -1 : a > b ? 1 : 0))
    let docCount = 0
    for (let i = 0; i < keys.length; i++) if (i == 0 || keys[i] >> 32 != keys[i - 1] >> 32) docCount++
    this.docs = new StaticArray<i32>(docCount)
    this.freqs = new StaticArray<i32>(docCount)
    this.posStarts = new StaticArray<i32>(docCount + 1)
    this.positions = new StaticArray<i32>(keys.length)
    let entry = -1
    for (let i = 0; i < keys.length; i++) {
      const doc = <i32>(keys[i] >> 32)
      if (entry < 0 || this.docs[entry] != doc) {
        entry++
        this.docs[entry] = doc
        this.posStarts[entry] = i
      }
      this.freqs[entry]++
      this.positions[i] = <i32>(keys[i] & 0xffffffff)
    }
    this.posStarts[docCount] = keys.length
    allocated(24 * <usize>keys.length + 12 * <usize>docCount + 64)
  }

  get docFreq(): i32 {
    return this.docs.length
  }
}
