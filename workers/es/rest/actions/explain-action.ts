/**
 * The explain API (RestExplainAction): GET|POST /<index>/_explain/<id> with a body {"query": ...} or a `q=`
 * URI query. The document is looked up by `_id` in the shard's searcher (not realtime, as TransportExplainAction
 * reads it), then the query is explained for it: 200 {"_index", "_id", "matched", "explanation"} whether it
 * matches or not, 404 {"_index", "_id", "matched": false} when the document is not searchable. A body key other
 * than `query` is a parsing_exception "request does not support [key]"; no query at all fails validation with
 * "query is missing". The query's `terms` lookups are fetched first (action/terms-lookup-rewrite.ts). The query is
 * built here to check it, then built again and explained on an active copy of the document's shard
 * (TransportExplainAction.shardOperation builds it in the shard's SearchExecutionContext).
 * Through an alias of one index, the alias's filter is ANDed with the query and its index routing routes.
 * With `stored_fields` or a `_source` parameter that fetches the source, the response gains `get`: the document
 * read from the same searcher, as GetResult.toXContentEmbedded prints it (get-result.ts).
 */
import { requestDoesNotSupport } from '../../search/queries/query-parsing.ts'
import { indexQueryContext, type ShardQuerySource } from '../../search/index-query-context.ts'
import type { RestResponse } from '../../../protocol/es.ts'
import { toJson, type JsonOut, type XContentValue } from '../../xcontent/index.ts'
import { embeddedGetResultFields } from '../../action/get-result.ts'
import {
  fetchSourceFromParams,
  normalizeFetchSourceContent,
  storedFieldsParam,
} from '../../action/fetch-source.ts'
import { actionRequestValidationException } from '../../errors/index.ts'
import type { IndexService } from '../../index/index-service.ts'
import { explanationJson } from '../../search/explain/index.ts'
import { parseQueryContent, queryStringIndexQuery } from '../../search/query-builder.ts'
import { filteredQuery } from '../../search/search-request.ts'
import { readableSingleIndex } from '../../action/transport-get-action.ts'
import { resolveIndexRouting } from '../../cluster/metadata/index-abstraction.ts'
import { searchTargets } from '../../cluster/metadata/search-targets.ts'
import { uriSearchQuery } from '../../search/query-string/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody } from '../request-body.ts'
import { guarded, json } from '../responses.ts'
import { checkRoutingRequired } from '../../index/mapper/routing-field.ts'
import { rewriteQueryTermsLookups } from '../../action/terms-lookup-rewrite.ts'
import { fetchMoreLikeThisItems } from '../../action/more-like-this-items.ts'

export function registerExplainAction(controller: RestController, context: RestContext): void {
  const explain = (req: RestHandlerRequest) => guarded(() => runExplain(context, req))
  controller
    .register('GET', '/{index}/_explain/{id}', explain, 'explain')
    .register('POST', '/{index}/_explain/{id}', explain, 'explain')
}

async function explainQuery(
  context: RestContext,
  req: RestHandlerRequest,
  index: IndexService,
  aliasFilter: string | null,
  now: number,
): Promise<ShardQuerySource> {
  const body = req.request.body ? parseRequestBody(req.request.body) : new Map<string, XContentValue>()
  for (const key of body.keys()) {
    if (key !== 'query') throw requestDoesNotSupport(body, key)
  }
  const uri = uriSearchQuery(req.params)
  const query = body.get('query')
  if (!uri && query === undefined) throw actionRequestValidationException(['query is missing'])
  // TransportExplainAction rewrites the query (its terms lookups fetched) before the shard explains it.
  if (!uri) await rewriteQueryTermsLookups(context, (check) => parseQueryContent(query!, check), now)
  const items = uri
    ? undefined
    : await fetchMoreLikeThisItems(context, (recording) =>
        parseQueryContent(query!, indexQueryContext(index, now, { moreLikeThisItems: recording })),
      )
  // Built here to check it; the shard holding the document builds it again (index-query-context.ts)
  const queryContext = indexQueryContext(index, now, { moreLikeThisItems: items })
  const built = uri
    ? queryStringIndexQuery(uri.query, uri.options, queryContext)
    : parseQueryContent(query!, queryContext)
  filteredQuery(built, aliasFilter, queryContext)
  return {
    query: uri ? null : toJson(query!),
    uri,
    aliasFilter,
    moreLikeThisItems: [...(items?.fetched ?? [])],
  }
}

async function runExplain(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const now = context.clock.now()
  const name = req.path.index!
  const index = readableSingleIndex(context, name)
  const metadata = context.indices.all().map((service) => service.metadata)
  const routing = resolveIndexRouting(metadata, name, req.params.get('routing') ?? null)
  const aliasFilter = searchTargets(metadata, name, null).find((t) => t.index === index.metadata.name)!.filter
  const id = req.path.id!
  const source = await explainQuery(context, req, index, aliasFilter, now)
  const head = { _index: index.metadata.name, _id: id }
  checkRoutingRequired(index.metadata.mapping, index.metadata.name, id, routing)
  const shard = index.shardNumber(id, routing)
  const storedFields = storedFieldsParam(req.params)
  const fetch = fetchSourceFromParams(req.params)
  const withDocument = storedFields !== null || fetch?.fetchSource === true
  const response = await context.client.toActiveCopy(index.metadata.name, shard, (target) => ({
    type: 'explain',
    ...target,
    id,
    source,
    withDocument,
  }))
  if (response?.type !== 'explain' || response.explanation === null) {
    return json(404, { ...head, matched: false })
  }
  const { explanation, doc } = response
  const body = new Map<string, JsonOut>([
    ...Object.entries(head),
    ['matched', explanation.match],
    ['explanation', explanationJson(explanation)],
  ])
  if (doc) {
    const get = embeddedGetResultFields(
      doc,
      normalizeFetchSourceContent(fetch, storedFields),
      storedFields,
      index.metadata.mapping,
    )
    body.set('get', get)
  }
  return json(200, body)
}
