// Postings: one term's occurrences in one field, in document order.
// Invariants: docs is strictly ascending; freqs[i] = number of positions of docs[i]; that document's positions are
// positions[posStarts[i] .. posStarts[i] + freqs[i]), ascending. totalTermFreq = sum of freqs (Lucene's
// totalTermFreq); docFreq = docs.length. Deleted documents stay here until a merge, as in Lucene.

export class Postings {
  readonly docs: Array<i32> = new Array<i32>()
  readonly freqs: Array<i32> = new Array<i32>()
  readonly posStarts: Array<i32> = new Array<i32>()
  readonly positions: Array<i32> = new Array<i32>()
  totalTermFreq: i64 = 0

  get docFreq(): i32 {
    return this.docs.length
  }

  /** Appends a document; its docId is greater than every docId already here. */
  addDoc(docId: i32, docPositions: Array<i32>): void {
    docPositions.sort()
    this.docs.push(docId)
    this.freqs.push(docPositions.length)
    this.posStarts.push(this.positions.length)
    for (let i = 0; i < docPositions.length; i++) this.positions.push(docPositions[i])
    this.totalTermFreq += docPositions.length
  }

  /** Appends entry `entry` of `source` as document docId (a merge); docId is above every docId already here. */
  append(docId: i32, source: Postings, entry: i32): void {
    const freq = source.freqs[entry]
    const start = source.posStarts[entry]
    this.docs.push(docId)
    this.freqs.push(freq)
    this.posStarts.push(this.positions.length)
    for (let i = start; i < start + freq; i++) this.positions.push(source.positions[i])
    this.totalTermFreq += freq
  }
}
