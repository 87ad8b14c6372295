/**
 * Rewriting the leaves of a built query: every compound query (bool, dis_max, covering, constant_score, boosting,
 * function_score's query, nested, capped score) is rebuilt around its rewritten clauses; a query `opaque` says is left whole, as
 * it is (a leaf already replaced by a rewrite, whose own clauses are not the user's). The input is not modified.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'

export function rewriteLeaves(
  query: IndexQuery,
  leaf: (query: IndexQuery) => IndexQuery,
  opaque: (query: IndexQuery) => boolean = () => false,
): IndexQuery {
  if (opaque(query)) return query
  const one = (q: IndexQuery): IndexQuery => rewriteLeaves(q, leaf, opaque)
  const each = (queries: readonly IndexQuery[]): IndexQuery[] => queries.map(one)
  switch (query.type) {
    case 'bool':
      return {
        ...query,
        must: each(query.must),
        should: each(query.should),
        mustNot: each(query.mustNot),
        filter: each(query.filter),
      }
    case 'disMax':
    case 'covering':
      return { ...query, queries: each(query.queries) }
    case 'constantScore':
      return { ...query, filter: one(query.filter) }
    case 'boosting':
      return { ...query, positive: one(query.positive), negative: one(query.negative) }
    case 'functionScore':
    case 'nested':
    case 'cappedScore':
      return { ...query, query: one(query.query) }
    default:
      return leaf(query)
  }
}
