/**
 * The explain API (RestExplainAction): GET|POST /<index>/_explain/<id> with a body {"query": ...} or a `q=`
 * URI query. The document is looked up by `_id` in the shard's searcher (not realtime, as TransportExplainAction
 * reads it), then the query is explained for it: 200 {"_index", "_id", "matched", "explanation"} whether it
 * matches or not, 404 {"_index", "_id", "matched": false} when the document is not searchable. A body key other
 * than `query` is a parsing_exception "request does not support [key]"; no query at all fails validation with
 * "query is missing". Only the shard copies this node holds are explained; another node's copy reads as missing.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { RestResponse } from '../../../protocol/es.ts'
import {
  actionRequestValidationException,
  indexNotFoundException,
  parsingException,
} from '../../errors/index.ts'
import type { IndexService } from '../../index/index-service.ts'
import { leafFields } from '../../index/mapper/mapping.ts'
import { explainDocument, explanationJson } from '../../search/explain/index.ts'
import { buildQuery, queryStringIndexQuery } from '../../search/query-builder.ts'
import { uriSearchQuery } from '../../search/query-string/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody } from '../request-body.ts'
import { guarded, json } from '../responses.ts'

export function registerExplainAction(controller: RestController, context: RestContext): void {
  const explain = (req: RestHandlerRequest) => guarded(() => runExplain(context, req))
  controller
    .register('GET', '/{index}/_explain/{id}', explain)
    .register('POST', '/{index}/_explain/{id}', explain)
}

function explainQuery(
  context: RestContext,
  req: RestHandlerRequest,
  index: IndexService,
  now: number,
): IndexQuery {
  const body = req.request.body ? parseRequestBody(req.request.body) : new Map()
  for (const key of body.keys()) {
    if (key !== 'query') throw parsingException(1, 1, `request does not support [${key}]`)
  }
  const queryContext = {
    fields: leafFields(index.metadata.mapping),
    analyze: index.analysis.analyze,
    nowMillis: now,
    index: { name: index.metadata.name, uuid: index.metadata.uuid },
  }
  const uri = uriSearchQuery(req.params)
  if (uri) return queryStringIndexQuery(uri.query, uri.options, queryContext)
  const query = body.get('query')
  if (query === undefined) throw actionRequestValidationException(['query is missing'])
  return buildQuery(query, queryContext)
}

function runExplain(context: RestContext, req: RestHandlerRequest): RestResponse {
  const now = context.clock.now()
  const index = context.indices.get(req.path.index!)
  if (!index) throw indexNotFoundException(req.path.index!)
  const id = req.path.id!
  const query = explainQuery(context, req, index, now)
  const head = { _index: index.metadata.name, _id: id }
  index.scheduledRefresh(now)
  const shard = index.shards.get(index.shardNumber(id, req.params.get('routing') ?? null))
  const byId: IndexQuery = { type: 'term', field: '_id', term: id, boost: 1 }
  const docId = shard?.searcherIndex.search(byId, 1).scoreDocs[0]?.docId
  if (!shard || docId === undefined) return json(404, { ...head, matched: false })
  const explanation = explainDocument(shard.searcherIndex, query, docId)
  return json(200, { ...head, matched: explanation.match, explanation: explanationJson(explanation) })
}
