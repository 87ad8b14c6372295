/**
 * Lucene's classic query syntax as Elasticsearch 8 runs it for the `query_string` query and URI search
 * `q=`: parse into a query tree (parseQueryString), print it back (toQueryString), and convert it to the
 * inverted index's IndexQuery where the engine supports the kinds (toIndexQuery).
 */
export {
  escapeQueryString,
  parseQueryString,
  type QueryStringContext,
  type QueryStringOptions,
} from './query-string-query-parser.ts'
export type { BoolClause, Occur, PhraseTerm, QueryStringNode } from './query-string-node.ts'
export { toQueryString } from './query-string-printer.ts'
export { toIndexQuery, UnsupportedByIndexError, type IndexQueryContext } from './to-index-query.ts'
export { optionalBooleanParam, uriSearchQuery, type UriQueryString } from './uri-search.ts'
