/**
 * The tree a `query_string` query becomes: the Lucene queries Elasticsearch's QueryStringQueryParser builds,
 * after field expansion and analysis. Every node carries its boost (1 when none; Lucene's BoostQuery wrappers
 * are folded in by multiplication). Bool clauses keep their order, as BooleanQuery does.
 *
 * Invariants: a bool has at least one clause; a phrase has at least two terms; a dis_max has at least two
 * disjuncts (one disjunct is returned as itself). Range bounds are null for an open end.
 */

export type Occur = 'MUST' | 'SHOULD' | 'MUST_NOT' | 'FILTER'

export interface BoolClause {
  occur: Occur
  query: QueryStringNode
}

export interface PhraseTerm {
  term: string
  position: number
}

export type QueryStringNode =
  | { kind: 'term'; field: string; term: string; boost: number }
  /** `_id`'s termQuery (IdFieldType's TermInSetQuery of one id), constant-scoring its boost. */
  | { kind: 'id'; id: string; boost: number }
  | { kind: 'phrase'; field: string; terms: PhraseTerm[]; slop: number; boost: number }
  /** Terms at one position (SynonymQuery): what an analyzer's stacked tokens become. */
  | { kind: 'synonym'; field: string; terms: string[]; boost: number }
  | { kind: 'prefix'; field: string; prefix: string; boost: number }
  | { kind: 'wildcard'; field: string; pattern: string; boost: number }
  | { kind: 'regexp'; field: string; pattern: string; boost: number }
  | {
      kind: 'fuzzy'
      field: string
      term: string
      maxEdits: number
      prefixLength: number
      transpositions: boolean
      boost: number
    }
  | {
      kind: 'range'
      field: string
      lower: string | null
      upper: string | null
      includeLower: boolean
      includeUpper: boolean
      boost: number
    }
  | { kind: 'exists'; field: string; boost: number }
  | { kind: 'matchAll'; boost: number }
  | { kind: 'matchNone'; reason: string }
  | { kind: 'disMax'; disjuncts: QueryStringNode[]; tieBreaker: number; boost: number }
  | { kind: 'bool'; clauses: BoolClause[]; minimumShouldMatch: number; boost: number }

/** Wraps a node in a boost: BoostQuery(q, b) scores as q times b, so nested boosts multiply. */
export function withBoost(node: QueryStringNode, boost: number): QueryStringNode {
  if (boost === 1 || node.kind === 'matchNone') return node
  return { ...node, boost: node.boost * boost }
}

export function bool(clauses: BoolClause[], minimumShouldMatch = 0): QueryStringNode {
  return { kind: 'bool', clauses, minimumShouldMatch, boost: 1 }
}
