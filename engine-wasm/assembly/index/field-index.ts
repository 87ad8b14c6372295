// FieldIndex: everything one Lucene field holds in a segment: its term dictionary, its norms and its
// CollectionStatistics (docCount = documents with at least one token, sumTotalTermFreq = all tokens,
// sumDocFreq = sum over terms of docFreq), and its numeric doc values (long / double / date fields).
// Statistics count deleted documents, as Lucene does until a merge; mergeFrom carries only live documents over.
import { NumericDocValues } from './doc-values'
import { FieldNorms } from './field-norms'
import { intToByte4 } from './small-float'
import { Postings } from './postings'
import { TermDictionary } from './term-dictionary'

export class FieldIndex {
  readonly terms: TermDictionary = new TermDictionary()
  readonly norms: FieldNorms = new FieldNorms()
  readonly docValues: NumericDocValues = new NumericDocValues()
  docCount: i32 = 0
  sumTotalTermFreq: i64 = 0
  sumDocFreq: i64 = 0

  // The document being flushed into this field (-1: none): its token count, numTerms (tokens minus overlaps),
  // distinct terms, last position, omitNorms and numeric values so far. A field named twice in one document
  // continues the same document: its tokens and values follow the earlier ones.
  private pendingDoc: i32 = -1
  private pendingTokens: i32 = 0
  private pendingNumTerms: i32 = 0
  private pendingDistinct: i32 = 0
  private lastPosition: i32 = 0
  private pendingOmitNorms: bool = false
  private readonly pendingValues: Array<f64> = new Array<f64>()

  /** Starts (or continues) document docId; answers true when it starts it, so the caller finishes it later. */
  beginDocument(docId: i32, omitNorms: bool): bool {
    const starts = this.pendingDoc != docId
    this.pendingDoc = docId
    if (omitNorms) this.pendingOmitNorms = true
    return starts
  }

  /**
   * Indexes the next token of the pending document: `postings` is its term's, `position` its position. Tokens come
   * in analyzer order, so a token at the same position as the one before it is an overlap (position increment 0).
   */
  addToken(postings: Postings, position: i32): void {
    if (this.pendingTokens == 0 || position != this.lastPosition) this.pendingNumTerms++
    this.lastPosition = position
    this.pendingTokens++
    if (postings.addPosition(this.pendingDoc, position)) this.pendingDistinct++
  }

  /** Adds a numeric value (long / double / date fields) of the pending document. */
  addValue(value: f64): void {
    this.pendingValues.push(value)
  }

  /** Finishes the pending document: its doc values, its norm and the statistics. */
  finishDocument(): void {
    const docId = this.pendingDoc
    this.docValues.addDocument(docId, this.pendingValues)
    this.pendingValues.length = 0
    const count = this.pendingTokens
    if (count > 0) {
      // Without norms Lucene's scorer reads the encoded norm 1 (LeafSimScorer.getNormValue): a length of 1.
      this.norms.set(docId, this.pendingOmitNorms ? 1 : intToByte4(this.pendingNumTerms))
      this.docCount++
      this.sumTotalTermFreq += count
      this.sumDocFreq += this.pendingDistinct
    }
    this.pendingDoc = -1
    this.pendingTokens = 0
    this.pendingNumTerms = 0
    this.pendingDistinct = 0
    this.pendingOmitNorms = false
  }

  /**
   * Appends the live documents of the same field of a segment being merged away: its doc d becomes docMap[d]
   * (-1: deleted, dropped). Statistics are recounted over what is carried over.
   */
  mergeFrom(source: FieldIndex, docMap: Int32Array, maxDoc: i32): void {
    for (let d = 0; d < maxDoc; d++) {
      const norm = source.norms.get(d)
      if (docMap[d] < 0 || norm == 0) continue
      this.norms.set(docMap[d], norm)
      this.docCount++
    }
    const terms = source.terms.sortedTerms()
    for (let t = 0; t < terms.length; t++) {
      const from = source.terms.get(terms[t])!
      // What the term carries over, so that its postings grow once, to the exact size.
      let liveDocs = 0
      let livePositions = 0
      for (let i = 0; i < from.docs.length; i++) {
        if (docMap[from.docs[i]] < 0) continue
        liveDocs++
        livePositions += from.freqs[i]
      }
      if (liveDocs == 0) continue
      const to = this.terms.getOrAdd(terms[t], liveDocs, livePositions)
      to.reserveExact(liveDocs, livePositions)
      for (let i = 0; i < from.docs.length; i++) {
        const doc = docMap[from.docs[i]]
        if (doc < 0) continue
        to.append(doc, from, i)
        this.sumTotalTermFreq += from.freqs[i]
        this.sumDocFreq++
      }
    }
    this.docValues.mergeFrom(source.docValues, docMap)
  }
}
