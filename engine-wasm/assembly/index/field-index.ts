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

  /**
   * Indexes one document's tokens for this field. tokenTerms[i] is at tokenPositions[i]; tokens come in analyzer
   * order, so a token at the same position as the one before it is an overlap (position increment 0).
   * values are the document's numeric values for the field (empty for text and keyword fields).
   */
  addDocument(
    docId: i32,
    tokenTerms: Array<string>,
    tokenPositions: Array<i32>,
    values: Array<f64>,
    omitNorms: bool,
  ): void {
    this.docValues.addDocument(docId, values)
    const count = tokenTerms.length
    if (count == 0) return
    const byTerm = new Map<string, Array<i32>>()
    let numTerms = 0
    for (let i = 0; i < count; i++) {
      const term = tokenTerms[i]
      const position = tokenPositions[i]
      if (i == 0 || position != tokenPositions[i - 1]) numTerms++
      if (byTerm.has(term)) byTerm.get(term).push(position)
      else byTerm.set(term, [position])
    }
    const distinct = byTerm.keys()
    for (let i = 0; i < distinct.length; i++) {
      this.terms.getOrAdd(distinct[i]).addDoc(docId, byTerm.get(distinct[i]))
    }
    // Without norms Lucene's scorer reads the encoded norm 1 (LeafSimScorer.getNormValue): a length of 1.
    this.norms.set(docId, omitNorms ? 1 : intToByte4(numTerms))
    this.docCount++
    this.sumTotalTermFreq += count
    this.sumDocFreq += distinct.length
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
      let to: Postings | null = null
      for (let i = 0; i < from.docs.length; i++) {
        const doc = docMap[from.docs[i]]
        if (doc < 0) continue
        if (to == null) to = this.terms.getOrAdd(terms[t])
        to.append(doc, from, i)
        this.sumTotalTermFreq += from.freqs[i]
        this.sumDocFreq++
      }
    }
    this.docValues.mergeFrom(source.docValues, docMap)
  }
}
