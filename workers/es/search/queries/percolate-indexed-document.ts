/**
 * A `percolate` query's indexed document (PercolateQueryBuilder's `index`, `id`, `routing`, `preference`, `version`):
 * ES fetches it in the query's rewrite on the coordinating node (doRewrite registers an async GET), so no shard ever
 * builds a percolate query with one. Here the coordinating node's check of a request records every one it meets
 * (QueryContext.termsLookups, beside the `terms` lookups, as both are that rewrite's fetches: a site each, the
 * query's body), the request's coordinator fetches them (action/percolate-document-rewrite.ts) and rewrites each body
 * to the query ES rewrites it to, the document's `_source` as its `document`. An indexed document that reaches an
 * index's query unrewritten is where the playground does not fetch (an alias filter, a point-in-time
 * `index_filter`): it is refused as not available.
 */
import type { XContentObject } from '../../xcontent/index.ts'
import { recordRewriteSite, type QueryContext } from './query-parsing.ts'

/** The document to fetch: its index (or alias), id, and the GET's routing, preference and expected version. */
export interface IndexedDocument {
  index: string
  id: string
  routing: string | null
  preference: string | null
  version: number | null
}

/** One percolate query of a parsed request whose `body` names an indexed document, rewritten in place once fetched. */
export interface PercolateDocumentSite {
  indexed: IndexedDocument
  body: XContentObject
}

/** An indexed document met while building (recordRewriteSite: refused where the request's coordinator did not fetch). */
export function recordIndexedDocument(
  body: XContentObject,
  indexed: IndexedDocument,
  context: QueryContext,
): void {
  recordRewriteSite(
    context,
    { indexed, body },
    (site) => 'indexed' in site && site.body === body,
    `[percolate] query indexed document [${indexed.index}/${indexed.id}] is not available in the playground ` +
      'here: only the queries of a search (its aggregations included), _count, _explain, _validate/query and the ' +
      'by-query APIs fetch it',
  )
}
