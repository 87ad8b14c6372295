// TokenSorter: a flush's counting sort of each batch's tokens by (field ordinal, term ordinal), so that each term's
// tokens reach its dictionary in one run (TermDictionary.addTokens) and the runs come in term order: a batch's
// postings are written in one forward sweep of each buffer, as Lucene's flush writes a field's postings term by term.
// Input (segment.ts): per field record with tokens, in document order, its tokens as i32 term ordinal within the
// field (bit 31 set on the term's first token in the document) and i32 position. Output: per term with tokens, its
// run in document order and, within a document, in the order analysed: the term's first token in a document as i32
// docId with bit 31 set, i32 position; its others as i32 position.
// Per field ordinal of the flush it keeps a count per term of the field's terms over the flush, and the lowest and
// highest ordinal the batch touched, so that a batch reads and clears only that span (a field like `_id`, whose terms
// are new in every batch, spans a few of its terms, not all).
// Invariant: between batches every count is zero and every span empty (low > high).
import { FieldIndex } from './field-index'

const FIRST_IN_DOC: i32 = 0x80000000
/** Ints per record of the batch (addRecord): field ordinal, docId, token count. */
const RECORD_INTS = 3

export class TokenSorter {
  /** Per field ordinal: per term ordinal, the words of its tokens in the batch, then where its next word goes. */
  private readonly counts: Array<StaticArray<i32>> = new Array<StaticArray<i32>>()
  private readonly low: Array<i32> = new Array<i32>()
  private readonly high: Array<i32> = new Array<i32>()
  /** The batch's field records with tokens (RECORD_INTS each). */
  private records: StaticArray<i32> = new StaticArray<i32>(RECORD_INTS * 64)
  private recordCount: i32 = 0
  /** The sorted runs, one after another (kept from batch to batch, grown when a batch needs more). */
  private runs: StaticArray<i32> = new StaticArray<i32>(0)

  /** The flush's next field ordinal, holding `terms` terms over the flush. */
  addField(terms: i32): void {
    this.counts.push(new StaticArray<i32>(terms))
    this.low.push(i32.MAX_VALUE)
    this.high.push(-1)
  }

  /** A field record of the batch with `tokens` tokens (none: nothing to sort) of document docId (global). */
  addRecord(field: i32, docId: i32, tokens: i32): void {
    if (tokens == 0) return
    const at = RECORD_INTS * this.recordCount++
    if (at == this.records.length) {
      const grown = new StaticArray<i32>(2 * at)
      memory.copy(changetype<usize>(grown), changetype<usize>(this.records), (<usize>at) << 2)
      this.records = grown
    }
    unchecked((this.records[at] = field))
    unchecked((this.records[at + 1] = docId))
    unchecked((this.records[at + 2] = tokens))
  }

  /**
   * Sorts the batch's tokens, which start at `tokens` (the records' tokens one after another), and adds each term's
   * run to its field's dictionary (fields by ordinal); leaves every count zero and every span empty.
   */
  sort(tokens: usize, fields: Array<FieldIndex>, docBase: i32): void {
    const words = this.count(tokens)
    if (words > this.runs.length) this.runs = new StaticArray<i32>(max(words, this.runs.length * 2))
    this.place()
    this.scatter(tokens)
    const runs = changetype<usize>(this.runs)
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
    this.recordCount = 0
  }

  /** Counts each term's words and widens its field's span; answers the batch's words. */
  private count(tokens: usize): i32 {
    let words = 0
    let token = tokens
    for (let r = 0; r < RECORD_INTS * this.recordCount; r += RECORD_INTS) {
      const f = unchecked(this.records[r])
      const counts = unchecked(this.counts[f])
      let low = unchecked(this.low[f])
      let high = unchecked(this.high[f])
      const end = token + ((<usize>unchecked(this.records[r + 2])) << 3)
      for (; token < end; token += 8) {
        const term = load<i32>(token)
        const t = term & i32.MAX_VALUE
        const count = unchecked(counts[t])
        if (count == 0) {
          if (t < low) low = t
          if (t > high) high = t
        }
        const w = term < 0 ? 2 : 1
        unchecked((counts[t] = count + w))
        words += w
      }
      unchecked((this.low[f] = low))
      unchecked((this.high[f] = high))
    }
    return words
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

  /** Writes each token into its term's run; each count ends as where its run ends. */
  private scatter(tokens: usize): void {
    const runs = changetype<usize>(this.runs)
    let token = tokens
    for (let r = 0; r < RECORD_INTS * this.recordCount; r += RECORD_INTS) {
      const counts = unchecked(this.counts[unchecked(this.records[r])])
      const docId = unchecked(this.records[r + 1]) | FIRST_IN_DOC
      const end = token + ((<usize>unchecked(this.records[r + 2])) << 3)
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
