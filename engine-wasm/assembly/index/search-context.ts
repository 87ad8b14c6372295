// SearchContext: what a query program is evaluated against: the index's fields by name, its live docs and maxDoc,
// and, when one document is being explained, the trace that records how each node scored it.
// It is also the searcher the scoring weights ask for their statistics (Lucene's IndexSearcher.termStatistics /
// collectionStatistics, as Elasticsearch's ContextIndexSearcher answers them):
//   - in the DFS phase (`dfs` set) every answer given to a scoring weight is recorded there, as DfsPhase's
//     searcher records them; clauses weighed without scores (`scoring` false) ask for nothing;
//   - in a dfs_query_then_fetch query phase (`global` set) a term or field found in the aggregated statistics is
//     answered from them, anything else (a term only some shard's rewrite produced) from this shard's own.
import { CollectionStatistics, DfsStatistics, TermStatistics } from './dfs-statistics'
import { ExplainTrace } from './explain-trace'
import { FieldIndex } from './field-index'
import { LiveDocs } from './live-docs'

export class SearchContext {
  trace: ExplainTrace | null = null
  dfs: DfsStatistics | null = null
  global: DfsStatistics | null = null
  /** False inside a clause Lucene weighs with COMPLETE_NO_SCORES (filter, must_not, constant_score, negative). */
  scoring: bool = true

  constructor(
    readonly fields: Map<string, FieldIndex>,
    readonly liveDocs: LiveDocs,
    readonly maxDoc: i32,
  ) {}

  field(name: string): FieldIndex | null {
    return this.fields.has(name) ? this.fields.get(name) : null
  }

  /** A term's statistics for a weight that found it here with this docFreq (>= 1) and totalTermFreq. */
  termStatistics(field: string, term: string, docFreq: i64, totalTermFreq: i64): TermStatistics {
    const local = new TermStatistics(docFreq, totalTermFreq)
    const dfs = this.dfs
    if (dfs != null && this.scoring) dfs.putTerm(field, term, local)
    const global = this.global
    const aggregated = global != null ? global.term(field, term) : null
    return aggregated != null ? aggregated : local
  }

  /** A field's statistics (the field's, when it has no terms, are recorded nowhere: Lucene returns null). */
  collectionStatistics(name: string, field: FieldIndex): CollectionStatistics {
    const local = new CollectionStatistics(
      this.maxDoc,
      field.docCount,
      field.sumTotalTermFreq,
      field.sumDocFreq,
    )
    const dfs = this.dfs
    if (dfs != null && this.scoring && field.docCount > 0) dfs.fields.set(name, local)
    const global = this.global
    const aggregated = global != null ? global.field(name) : null
    return aggregated != null ? aggregated : local
  }
}
