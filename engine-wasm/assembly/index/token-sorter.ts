// TokenSorter: a flush's counting sort of each batch's tokens by (field ordinal, term ordinal), so that each term's
// tokens reach its dictionary in one run (TermDictionary.addTokens) and the runs come in term order: a batch's
// postings are written in one forward sweep of each buffer, as Lucene's flush writes a field's postings term by term.
// Input (segment.ts): the batch's field records with tokens, each as i32 field ordinal, i32 docId, i32 token count,
// and their tokens, record after record, each as i32 term ordinal within the field (bit 31 set on the term's first
// token in the document) and i32 position. Output, into the room the batch leaves after its tokens (as many words as
// the tokens'): per term with tokens, its run in document order and, within a document, in the order analysed: the
// term's first token in a document as i32 docId with bit 31 set, i32 position; its others as i32 position.
// Per field ordinal of the flush it keeps a count per term of the field's terms over the flush (allocated when the
// field comes, within the flush's reservation: reservedBytes), and the lowest and highest ordinal the batch touched,
// so that a batch reads and clears only that span (a field like `_id`, whose terms are new in every batch, spans a
// few of its terms, not all). A batch allocates nothing.
// Invariant: between batches every count is zero and every span empty (low > high).
import { ARRAY_OVERHEAD } from './postings'
import { FieldIndex } from './field-index'

const FIRST_IN_DOC: i32 = 0x80000000
/** Bytes per field record of the batch: field ordinal, docId, token count. */
const RECORD_BYTES: usize = 12

export class TokenSorter {
  /** Per field ordinal: per term ordinal, the words of its tokens in the batch, then where its run ends. */
  private readonly counts: Array<StaticArray<i32>> = new Array<StaticArray<i32>>()
  private readonly low: Array<i32> = new Array<i32>()
  private readonly high: Array<i32> = new Array<i32>()

  /** The bytes a field of `terms` terms over the flush takes here (its counts). */
  static reservedBytes(terms: i32): usize {
    return ((<usize>terms) << 2) + ARRAY_OVERHEAD
  }

  /** The flush's next field ordinal, holding `terms` terms over the flush. */
  addField(terms: i32): void {
    this.counts.push(new StaticArray<i32>(terms))
    this.low.push(i32.MAX_VALUE)
    this.high.push(-1)
  }

  /**
   * Sorts the tokens of the `count` field records at `records` (their tokens right after them, the room for the runs
   * right after the tokens) and adds each term's run to its field's dictionary (fields by ordinal).
   */
  sort(records: usize, count: i32, fields: Array<FieldIndex>, docBase: i32): void {
    const tokens = records + RECORD_BYTES * <usize>count
    const runs = this.count(records, tokens)
    this.place()
    this.scatter(records, tokens, runs)
    let at = 0
    for (let f = 0; f < this.counts.length; f++) {
      const high = unchecked(this.high[f])
      if (high < 0) continue
      const counts = unchecked(this.counts[f])
      const terms = unchecked(fields[f]).terms
      for (let t = unchecked(this.low[f]); t <= high; t++) {
        const end = unchecked(counts[t])
        if (end == 0) continue
        terms.addTokens(t, runs + ((<usize>at) << 2), end - at, docBase)
        unchecked((counts[t] = 0))
        at = end
      }
      unchecked((this.low[f] = i32.MAX_VALUE))
      unchecked((this.high[f] = -1))
    }
  }

  /** Counts each term's words and widens its field's span; answers where the tokens end (the runs' room). */
  private count(records: usize, tokens: usize): usize {
    let token = tokens
    for (let record = records; record < tokens; record += RECORD_BYTES) {
      const f = load<i32>(record)
      const counts = unchecked(this.counts[f])
      let low = unchecked(this.low[f])
      let high = unchecked(this.high[f])
      const end = token + ((<usize>load<i32>(record, 8)) << 3)
      for (; token < end; token += 8) {
        const term = load<i32>(token)
        const t = term & i32.MAX_VALUE
        const count = unchecked(counts[t])
        if (count == 0) {
          if (t < low) low = t
          if (t > high) high = t
        }
        unchecked((counts[t] = count + (term < 0 ? 2 : 1)))
      }
      unchecked((this.low[f] = low))
      unchecked((this.high[f] = high))
    }
    return token
  }

  /** Turns each term's count into where its run starts: the runs in (field, term) order. */
  private place(): void {
    let at = 0
    for (let f = 0; f < this.counts.length; f++) {
      const high = unchecked(this.high[f])
      const counts = unchecked(this.counts[f])
      for (let t = unchecked(this.low[f]); t <= high; t++) {
        const count = unchecked(counts[t])
        if (count == 0) continue
        unchecked((counts[t] = at))
        at += count
      }
    }
  }

  /** Writes each token into its term's run at `runs`; each count ends as where its run ends. */
  private scatter(records: usize, tokens: usize, runs: usize): void {
    let token = tokens
    for (let record = records; record < tokens; record += RECORD_BYTES) {
      const counts = unchecked(this.counts[load<i32>(record)])
      const docId = load<i32>(record, 4) | FIRST_IN_DOC
      const end = token + ((<usize>load<i32>(record, 8)) << 3)
      for (; token < end; token += 8) {
        const term = load<i32>(token)
        const t = term & i32.MAX_VALUE
        let to = unchecked(counts[t])
        if (term < 0) {
          store<i32>(runs + ((<usize>to) << 2), docId)
          to++
        }
        store<i32>(runs + ((<usize>to) << 2), load<i32>(token, 4))
        unchecked((counts[t] = to + 1))
      }
    }
  }
}
