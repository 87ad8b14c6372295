// NumericDocValues: a field's numeric values per document, as Lucene's SortedNumericDocValues holds the values of a
// long / double / date field (and as its points do for ranges). Values are float64 (longs beyond 2^53 lose
// precision; dates are epoch milliseconds). Layout: docs strictly ascending; document docs[i] has the values
// values[starts[i] .. starts[i + 1]) (starts has one more entry than docs), sorted ascending.
import { entryOf } from './doc-scores'

export class NumericDocValues {
  readonly docs: Array<i32> = new Array<i32>()
  readonly starts: Array<i32> = [0]
  readonly values: Array<f64> = new Array<f64>()

  /** The entry of docId, or -1 when the document has no value. */
  entryOf(docId: i32): i32 {
    return entryOf(this.docs, docId)
  }

  /** Appends a document's values; its docId is greater than every docId already here. */
  addDocument(docId: i32, docValues: Array<f64>): void {
    if (docValues.length == 0) return
    docValues.sort()
    this.docs.push(docId)
    for (let i = 0; i < docValues.length; i++) this.values.push(docValues[i])
    this.starts.push(this.values.length)
  }

  /** True when document entry i has a value in [lower, upper]. */
  anyBetween(entry: i32, lower: f64, upper: f64): bool {
    for (let v = this.starts[entry]; v < this.starts[entry + 1]; v++) {
      const value = this.values[v]
      if (value >= lower && value <= upper) return true
    }
    return false
  }

  /** Appends the entries of a segment being merged away whose docs docMap keeps (docMap[doc] >= 0). */
  mergeFrom(source: NumericDocValues, docMap: Int32Array): void {
    for (let i = 0; i < source.docs.length; i++) {
      const doc = docMap[source.docs[i]]
      if (doc < 0) continue
      this.docs.push(doc)
      for (let v = source.starts[i]; v < source.starts[i + 1]; v++) this.values.push(source.values[v])
      this.starts.push(this.values.length)
    }
  }
}
