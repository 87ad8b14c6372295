/**
 * The inverted index engine's TypeScript-facing types: analysed documents in, Lucene-style queries in,
 * top documents with BM25 scores (float32 values, as Lucene computes them) out.
 */
export interface AnalyzedToken {
  term: string
  /** Position within the field, as the analyzer assigned it (gaps allowed, e.g. after stop words). */
  position: number
}

export interface AnalyzedField {
  field: string
  tokens: readonly AnalyzedToken[]
}

export interface AnalyzedDocument {
  /** Dense shard-local document number, assigned by the caller, never reused. */
  docId: number
  fields: readonly AnalyzedField[]
}

/** A query tree, as Lucene's Query classes compose (TermQuery, BooleanQuery, PhraseQuery, ...). */
export type IndexQuery =
  | { type: 'term'; field: string; term: string; boost: number }
  | { type: 'phrase'; field: string; terms: readonly AnalyzedToken[]; slop: number; boost: number }
  | { type: 'matchAll'; boost: number }
  | { type: 'matchNone' }
  | {
      type: 'bool'
      must: readonly IndexQuery[]
      should: readonly IndexQuery[]
      mustNot: readonly IndexQuery[]
      filter: readonly IndexQuery[]
      /** How many should clauses must match; 0 means "none required" unless there is no must/filter. */
      minimumShouldMatch: number
      boost: number
    }

export interface ScoreDoc {
  docId: number
  score: number
}

export interface TopDocs {
  totalHits: number
  maxScore: number | null
  scoreDocs: ScoreDoc[]
}

export interface FieldStatistics {
  docCount: number
  sumTotalTermFreq: number
  sumDocFreq: number
}
