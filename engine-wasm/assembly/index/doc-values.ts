// NumericDocValues: a field's numeric values per document, as Lucene's SortedNumericDocValues holds the values of a
// long / double / date field (and as its points do for ranges). Values are float64 (longs beyond 2^53 lose
// precision; dates are epoch milliseconds). Layout: `size` entries, their docs strictly ascending; entry i is
// document doc(i), whose values are values[start(i) .. start(i + 1)), sorted ascending.
// Dense form (Lucene's DirectMonotonic readers skip the doc ids of a dense field too): while every entry i is
// document i with exactly one value, as when every document has a single value, doc(i) = start(i) = i and no doc or
// start is stored (half the bytes of a single-valued field); the first document that breaks that stores them all.
import { entryOf } from './doc-scores'

export class NumericDocValues {
  readonly values: Array<f64> = new Array<f64>()
  /** Null while the values are dense (above). */
  private docs: Array<i32> | null = null
  private starts: Array<i32> | null = null

  /** Documents with at least one value. */
  get size(): i32 {
    const docs = this.docs
    return docs == null ? this.values.length : docs.length
  }

  @inline doc(entry: i32): i32 {
    const docs = this.docs
    return docs == null ? entry : unchecked(docs[entry])
  }

  /** Where entry `entry`'s values start; start(size) = values.length. */
  @inline start(entry: i32): i32 {
    const starts = this.starts
    return starts == null ? entry : unchecked(starts[entry])
  }

  /** The entry of docId, or -1 when the document has no value. */
  entryOf(docId: i32): i32 {
    const docs = this.docs
    if (docs != null) return entryOf(docs, docId)
    return docId >= 0 && docId < this.values.length ? docId : -1
  }

  /** True while no doc or start is stored (the dense form above). */
  get dense(): bool {
    return this.docs == null
  }

  /**
   * Takes a segment image's values: valueCount f64 at `values` and, unless `docs` is 0 (the dense form), `size` i32
   * docs at `docs` and size + 1 i32 starts at `starts`, as doc() and start() answer them.
   */
  restore(size: i32, values: usize, valueCount: i32, docs: usize, starts: usize): void {
    this.values.length = valueCount
    memory.copy(this.values.dataStart, values, (<usize>valueCount) << 3)
    if (docs == 0) return
    const docArray = new Array<i32>(size)
    memory.copy(docArray.dataStart, docs, (<usize>size) << 2)
    const startArray = new Array<i32>(size + 1)
    memory.copy(startArray.dataStart, starts, (<usize>size + 1) << 2)
    this.docs = docArray
    this.starts = startArray
  }

  /** Appends a document's values; its docId is greater than every docId already here. */
  /** Makes room, exactly, for `count` more values (a flush's, known before its documents come). */
  reserve(count: i32): void {
    const length = this.values.length
    // Setting an Array's length sizes its buffer exactly, no growth factor; shrinking it keeps the buffer.
    this.values.length = length + count
    this.values.length = length
  }

  addDocument(docId: i32, docValues: Array<f64>): void {
    if (docValues.length == 0) return
    docValues.sort()
    if (this.docs == null && (docValues.length != 1 || docId != this.values.length)) this.storeDocs()
    const docs = this.docs
    for (let i = 0; i < docValues.length; i++) this.values.push(docValues[i])
    if (docs == null) return
    docs.push(docId)
    this.starts!.push(this.values.length)
  }

  /** True when document entry i has a value in [lower, upper]. */
  anyBetween(entry: i32, lower: f64, upper: f64): bool {
    for (let v = this.start(entry); v < this.start(entry + 1); v++) {
      const value = this.values[v]
      if (value >= lower && value <= upper) return true
    }
    return false
  }

  /** Appends the entries of a segment being merged away whose docs docMap keeps (docMap[doc] >= 0). */
  mergeFrom(source: NumericDocValues, docMap: Int32Array): void {
    const values = new Array<f64>()
    for (let i = 0; i < source.size; i++) {
      const doc = docMap[source.doc(i)]
      if (doc < 0) continue
      values.length = 0
      for (let v = source.start(i); v < source.start(i + 1); v++) values.push(source.values[v])
      this.addDocument(doc, values)
    }
  }

  /** Leaves the dense form: stores every entry's doc and start. */
  private storeDocs(): void {
    const n = this.values.length
    const docs = new Array<i32>(n)
    const starts = new Array<i32>(n + 1)
    for (let i = 0; i <= n; i++) {
      if (i < n) unchecked((docs[i] = i))
      unchecked((starts[i] = i))
    }
    this.docs = docs
    this.starts = starts
  }
}
