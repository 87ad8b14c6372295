// FieldIndex: everything one Lucene field holds in a segment: its term dictionary, its norms and its
// CollectionStatistics (docCount = documents with at least one token, sumTotalTermFreq = all tokens,
// sumDocFreq = sum over terms of docFreq), and its numeric doc values (long / double / date fields).
// Statistics count deleted documents, as Lucene does until a merge; mergeFrom carries only live documents over.
import { NumericDocValues } from './doc-values'
import { ARRAY_OVERHEAD } from './postings'
import { FieldNorms } from './field-norms'
import { intToByte4 } from './small-float'
import { TermDictionary } from './term-dictionary'
import { mergeTerms } from './terms-merger'

export class FieldIndex {
  readonly terms: TermDictionary = new TermDictionary()
  readonly norms: FieldNorms = new FieldNorms()
  readonly docValues: NumericDocValues = new NumericDocValues()
  docCount: i32 = 0
  sumTotalTermFreq: i64 = 0
  sumDocFreq: i64 = 0

  // The document being flushed into this field (-1: none): its numTerms (tokens minus overlaps), omitNorms and
  // numeric values so far. A field named twice in one document continues the same document: its numTerms and values
  // add to the earlier ones.
  private pendingDoc: i32 = -1
  private pendingNumTerms: i32 = 0
  private pendingOmitNorms: bool = false
  private readonly pendingValues: Array<f64> = new Array<f64>()

  /** The bytes reserve(maxDoc, values) allocates in an empty field (postings.ts: ARRAY_OVERHEAD per array). */
  static reservedBytes(maxDoc: i32, values: i32): usize {
    const norms = maxDoc > 0 ? <usize>maxDoc + ARRAY_OVERHEAD : 0
    return norms + (values > 0 ? ((<usize>values) << 3) + ARRAY_OVERHEAD : 0)
  }

  /**
   * Makes room, exactly, for the norms of documents below maxDoc and `values` more doc values: a flush sizes them
   * once for all its documents instead of growing them by doubling.
   */
  reserve(maxDoc: i32, values: i32): void {
    this.norms.reserve(maxDoc)
    this.docValues.reserve(values)
  }

  /** Starts (or continues) document docId; answers true when it starts it, so the caller finishes it later. */
  beginDocument(docId: i32, omitNorms: bool): bool {
    const starts = this.pendingDoc != docId
    this.pendingDoc = docId
    if (omitNorms) this.pendingOmitNorms = true
    return starts
  }

  /**
   * Counts a field record of the pending document: `numTerms` of its tokens are at a position after the token before
   * (the others overlap it: position increment 0), so the record has tokens when numTerms > 0. Their postings come
   * apart, term by term (TermDictionary.addTokens).
   */
  addNumTerms(numTerms: i32): void {
    this.pendingNumTerms += numTerms
  }

  /** Adds a numeric value (long / double / date fields) of the pending document. */
  addValue(value: f64): void {
    this.pendingValues.push(value)
  }

  /** Finishes the pending document: its doc values, its norm and docCount. */
  finishDocument(): void {
    const docId = this.pendingDoc
    this.docValues.addDocument(docId, this.pendingValues)
    this.pendingValues.length = 0
    if (this.pendingNumTerms > 0) {
      // Without norms Lucene's scorer reads the encoded norm 1 (LeafSimScorer.getNormValue): a length of 1.
      this.norms.set(docId, this.pendingOmitNorms ? 1 : intToByte4(this.pendingNumTerms))
      this.docCount++
    }
    this.pendingDoc = -1
    this.pendingNumTerms = 0
    this.pendingOmitNorms = false
  }

  /**
   * sumDocFreq and sumTotalTermFreq once a flush has reserved this field's postings: what the dictionary holds (a
   * flush's batches fill what its first reserved; a merge's sources are counted over what is carried over).
   */
  countPostings(): void {
    this.sumDocFreq = this.terms.entryCount
    this.sumTotalTermFreq = this.terms.positionCount
  }

  /**
   * Fills this field of a segment being merged with the live documents of the same field of the segments merged away
   * (null where one lacks it): their doc d becomes docMaps[i][d] (-1: deleted, dropped). Statistics are recounted
   * over what is carried over.
   */
  mergeFrom(sources: Array<FieldIndex | null>, docMaps: Array<Int32Array>): void {
    const terms = new Array<TermDictionary | null>(sources.length)
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i]
      if (source == null) continue
      terms[i] = source.terms
      const docMap = docMaps[i]
      for (let d = 0; d < docMap.length; d++) {
        const norm = source.norms.get(d)
        if (docMap[d] < 0 || norm == 0) continue
        this.norms.set(docMap[d], norm)
        this.docCount++
      }
      this.docValues.mergeFrom(source.docValues, docMap)
    }
    mergeTerms(this.terms, terms, docMaps)
    this.countPostings()
  }
}
