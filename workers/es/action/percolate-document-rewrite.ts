/**
 * The coordinating node's rewrite of a `percolate` query's indexed document (PercolateQueryBuilder.doRewrite and the
 * GET it registers, run by Rewriteable.rewriteAndFetch before the request goes anywhere): a realtime GET through the
 * cluster (transport-get-action.ts: routed by the query's `routing`, or an alias's index routing; the `preference`
 * picks a copy, and every copy answers a realtime GET alike), checked against the query's `version` as
 * VersionType.INTERNAL checks a read (409 version_conflict_engine_exception `[id]: version conflict, current version
 * [c] is different than the one provided [v]`). A missing document is ResourceNotFoundException `indexed document
 * [index/id] couldn't be found`, one without a stored `_source` IllegalArgumentException `indexed document
 * [index/id] source disabled` (the index as the query names it); the GET's own errors (index_not_found_exception,
 * routing_missing_exception, an alias of several indices) fail the request as they come.
 *
 * The rewritten query is the one doRewrite builds, with the name, `_name` and boost AbstractQueryBuilder.rewrite
 * carries over: the body without its indexed document's keys, the `_source` as its `document` where `id` stood.
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'
import type { RestContext } from '../rest/rest-context.ts'
import type { IndexedDocument } from '../search/queries/percolate-indexed-document.ts'
import { parseJson, type XContentObject } from '../xcontent/index.ts'
import { storedSource } from './stored-source.ts'
import { rewriteGet } from './transport-get-action.ts'

/** The keys of an indexed document, which its rewrite drops. */
const INDEXED_KEYS: ReadonlySet<string> = new Set(['index', 'id', 'routing', 'preference', 'version'])

/** The percolate query `body` names rewritten: its indexed document fetched and given as its `document`. */
export async function rewrittenPercolateBody(
  context: RestContext,
  body: XContentObject,
  indexed: IndexedDocument,
): Promise<XContentObject> {
  const source = await fetchIndexedDocument(context, indexed)
  const rewritten: XContentObject = new Map()
  for (const [key, value] of body) {
    if (key === 'id') rewritten.set('document', source)
    else if (!INDEXED_KEYS.has(key)) rewritten.set(key, value)
  }
  return rewritten
}

/** The GET of doRewrite and its checks: the document's `_source`. */
async function fetchIndexedDocument(context: RestContext, indexed: IndexedDocument): Promise<XContentObject> {
  const { index, doc, routing } = await rewriteGet(context, indexed.index, indexed.id, indexed.routing)
  if (doc !== null && indexed.version !== null && doc.version !== indexed.version) {
    throw new EsException({
      type: 'version_conflict_engine_exception',
      reason:
        `[${indexed.id}]: version conflict, current version [${doc.version}] is different than the one provided ` +
        `[${indexed.version}]`,
      status: 409,
      metadata: [
        ['index_uuid', index.metadata.uuid],
        ['shard', String(index.shardNumber(indexed.id, routing))],
        ['index', index.metadata.name],
      ],
    })
  }
  const named = `${indexed.index}/${indexed.id}`
  if (doc === null) {
    throw new EsException({
      type: 'resource_not_found_exception',
      reason: `indexed document [${named}] couldn't be found`,
      status: 404,
    })
  }
  const source = storedSource(index.metadata.mapping, doc.source)
  if (source === null) throw illegalArgumentException(`indexed document [${named}] source disabled`)
  return parseJson(source) as XContentObject
}
