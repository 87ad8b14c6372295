// SearchContext: what a query program is evaluated against: the index's segments, the one being searched now (its
// fields by name, live docs and maxDoc: every doc id a query node sees is local to it), and, when one document is
// being explained, the trace that records how each node scored it.
// It is also the searcher the scoring weights ask for their statistics (Lucene's IndexSearcher.termStatistics /
// collectionStatistics over the top-level reader, as Elasticsearch's ContextIndexSearcher answers them): sums over
// every segment, deleted documents included (TermStates.build, MultiTerms), whichever segment is being searched:
//   - in the DFS phase (`dfs` set) every answer given to a scoring weight is recorded there, as DfsPhase's
//     searcher records them; clauses weighed without scores (`scoring` false) ask for nothing;
//   - in a dfs_query_then_fetch query phase (`global` set) a term or field found in the aggregated statistics is
//     answered from them, anything else (a term only some shard's rewrite produced) from this shard's own.
// Invariant: `segment` is one of `segments`; sums over several segments are cached per term, so a query over S
// segments sums once.
import { CollectionStatistics, DfsStatistics, TermStatistics } from './dfs-statistics'
import { DocScores } from './doc-scores'
import { ExplainTrace } from './explain-trace'
import { FieldIndex } from './field-index'
import { LiveDocs } from './live-docs'
import { Segment } from './segment'

export class SearchContext {
  trace: ExplainTrace | null = null
  dfs: DfsStatistics | null = null
  global: DfsStatistics | null = null
  /** False inside a clause Lucene weighs with COMPLETE_NO_SCORES (filter, must_not, constant_score, negative). */
  scoring: bool = true
  /**
   * The documents the enclosing scorers may ask this node about, null for all: Lucene's ConjunctionDISI leads every
   * required clause to a document all of them match before it asks for a score, so a scorer raises a scoring error
   * (score-error.ts) only for a document in this set. In a bool's first pass the intersection of the enclosing
   * bools' filters, in its second the documents each clause is asked about (see boolean-query.ts). Documents of
   * one doc id space: a block join clears it for its child query.
   */
  acceptDocs: DocScores | null = null
  segment: Segment
  /** The sums over several segments by `field \0 term`, made on the first sum (a search of one segment sums none). */
  private termStates: Map<string, TermStatistics | null> | null = null

  constructor(
    readonly segments: Array<Segment>,
    readonly indexMaxDoc: i64,
  ) {
    this.segment = segments.length > 0 ? segments[0] : new Segment(-1)
  }

  get liveDocs(): LiveDocs {
    return this.segment.liveDocs
  }

  get maxDoc(): i32 {
    return this.segment.maxDoc
  }

  /** Whether a scorer above may ask for this document's score (see acceptDocs). */
  accepts(docId: i32): bool {
    const acceptDocs = this.acceptDocs
    return acceptDocs == null || acceptDocs.entryOf(docId) >= 0
  }

  field(name: string): FieldIndex | null {
    return this.segment.field(name)
  }

  /** The term's docFreq and totalTermFreq summed over the segments; null when no segment has it. */
  indexTermStates(field: string, term: string): TermStatistics | null {
    // One segment's numbers are read again rather than remembered (its dictionary remembers the last term looked up).
    const remember = this.segments.length > 1
    const key = remember ? field + '\u0000' + term : ''
    let termStates = this.termStates
    if (remember) {
      if (termStates == null) this.termStates = termStates = new Map<string, TermStatistics | null>()
      else if (termStates.has(key)) return termStates.get(key)
    }
    let docFreq: i64 = 0
    let totalTermFreq: i64 = 0
    for (let s = 0; s < this.segments.length; s++) {
      const f = this.segments[s].field(field)
      const postings = f != null ? f.terms.get(term) : null
      if (postings == null) continue
      docFreq += postings.docFreq
      totalTermFreq += postings.totalTermFreq
    }
    const states = docFreq > 0 ? new TermStatistics(docFreq, totalTermFreq) : null
    if (termStates != null) termStates.set(key, states)
    return states
  }

  /** A term's statistics for a weight that found it in the index with this docFreq (>= 1) and totalTermFreq. */
  termStatistics(field: string, term: string, docFreq: i64, totalTermFreq: i64): TermStatistics {
    const local = new TermStatistics(docFreq, totalTermFreq)
    const dfs = this.dfs
    if (dfs != null && this.scoring) dfs.putTerm(field, term, local)
    const global = this.global
    const aggregated = global != null ? global.term(field, term) : null
    return aggregated != null ? aggregated : local
  }

  /**
   * A field's statistics summed over the segments, null when no segment has the field (those of a field without
   * terms are recorded nowhere: Lucene returns null for them).
   */
  collectionStatistics(name: string): CollectionStatistics | null {
    const local = this.localCollectionStatistics(name)
    if (local == null) return null
    const dfs = this.dfs
    if (dfs != null && this.scoring && local.docCount > 0) dfs.fields.set(name, local)
    const global = this.global
    const aggregated = global != null ? global.field(name) : null
    return aggregated != null ? aggregated : local
  }

  /** The field's statistics summed over this index's segments (IndexReader's), null when none has the field. */
  localCollectionStatistics(name: string): CollectionStatistics | null {
    let found = false
    let docCount: i64 = 0
    let sumTotalTermFreq: i64 = 0
    let sumDocFreq: i64 = 0
    for (let s = 0; s < this.segments.length; s++) {
      const f = this.segments[s].field(name)
      if (f == null) continue
      found = true
      docCount += f.docCount
      sumTotalTermFreq += f.sumTotalTermFreq
      sumDocFreq += f.sumDocFreq
    }
    return found ? new CollectionStatistics(this.indexMaxDoc, docCount, sumTotalTermFreq, sumDocFreq) : null
  }
}
