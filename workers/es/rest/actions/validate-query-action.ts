/**
 * `GET|POST [/{index}]/_validate/query` (RestValidateQueryAction and TransportValidateQueryAction, ES 8.17).
 * The body is `{"query": {...}}` (or a `q=` URI query; neither is match_all). A query that does not parse
 * answers 200 `{"valid":false}`, with `"error"` (the exception's getDetailedMessage, or a non-ES exception's
 * message) when `explain` is set. Otherwise the query is built on one shard of every target index (every
 * shard with `all_shards`, each then named by `"shard"`), and the answer is
 *   {"_shards":{"total","successful","failed"},"valid":bool[,"explanations":[{"index"[,"shard"],"valid"
 *    [,"error"][,"explanation"]}]]}
 * with explanations under `explain` or `rewrite`: Lucene's Query.toString() of a valid query, the detailed
 * message of a query that failed on the shard (query_shard_exception and the like).
 * `rewrite` prints the query as built, not as Lucene's rewrite would expand it. The query's `terms` lookups are fetched
 * before it is built (action/terms-lookup-rewrite.ts): a rewrite that fails answers `valid: false` with its message;
 * so are its more_like_this items' term vectors (action/more-like-this-items.ts). A more_like_this query prints as
 * ES prints it before its rewrite on a shard: `like:[texts]` (`like:null` with items only).
 */
import { requestDoesNotSupport } from '../../search/queries/query-parsing.ts'
import { indexQueryContext } from '../../search/index-query-context.ts'
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException } from '../../errors/index.ts'
import type { JsonOut, XContentValue } from '../../xcontent/index.ts'
import { parseQueryContent, queryStringIndexQuery, type QueryContext } from '../../search/query-builder.ts'
import { uriSearchQuery } from '../../search/query-string/index.ts'
import { describeQuery } from '../../search/explain/query-description.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody } from '../request-body.ts'
import { guarded, json } from '../responses.ts'
import { urlFlag } from '../../common/booleans.ts'
import {
  globalBlockedRaiseException,
  indicesBlockedRaiseException,
} from '../../cluster/block/cluster-blocks.ts'
import type { RewriteSite } from '../../search/queries/query-parsing.ts'
import { rewriteTermsLookups, termsLookupCheck } from '../../action/terms-lookup-rewrite.ts'
import { fetchMoreLikeThisItems } from '../../action/more-like-this-items.ts'

/** The Java classes behind the exception types a query can fail with, for Throwable.toString. */
const JAVA_CLASS: Readonly<Record<string, string>> = {
  parsing_exception: 'org.elasticsearch.common.ParsingException',
  query_shard_exception: 'org.elasticsearch.index.query.QueryShardException',
  named_object_not_found_exception: 'org.elasticsearch.xcontent.NamedObjectNotFoundException',
  x_content_parse_exception: 'org.elasticsearch.xcontent.XContentParseException',
  illegal_argument_exception: 'java.lang.IllegalArgumentException',
  number_format_exception: 'java.lang.NumberFormatException',
  parse_exception: 'org.apache.lucene.queryparser.classic.ParseException',
}

/** Exceptions ES raises while parsing the request, before any shard sees it. */
const PARSE_ERRORS = new Set([
  'parsing_exception',
  'named_object_not_found_exception',
  'x_content_parse_exception',
])

/** What TransportValidateQueryAction's rewrite passes on as the request's failure, not as an invalid query. */
const REQUEST_FAILURES = new Set(['index_not_found_exception', 'index_closed_exception'])

type QuerySource = (context: QueryContext) => IndexQuery

interface ShardResult {
  index: string
  shard: number | null
  valid: boolean
  error: string | null
  explanation: string | null
}

export function registerValidateQueryAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => validate(context, req))
  for (const method of ['GET', 'POST'] as const) {
    controller
      .register(method, '/_validate/query', handler, 'indices.validate_query')
      .register(method, '/{index}/_validate/query', handler, 'indices.validate_query')
  }
}

async function validate(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const explain = urlFlag(req.params, 'explain') ?? false
  const rewrite = urlFlag(req.params, 'rewrite') ?? false
  const allShards = urlFlag(req.params, 'all_shards') ?? false
  const now = context.clock.now()
  let source: QuerySource
  try {
    source = querySource(req)
  } catch (error) {
    if (error instanceof EsException) return invalidRequest(error, explain)
    throw error
  }
  const failedRewrite = await rewriteLookups(context, source, now)
  if (failedRewrite !== null) return failedRewrite
  // TransportBroadcastAction: the global READ blocks before the indices are resolved, then theirs.
  const state = context.client.cluster.state()
  globalBlockedRaiseException(state, 'READ')
  const indices = context.indices.resolve(req.path.index)
  indicesBlockedRaiseException(
    state,
    'READ',
    indices.map((index) => index.metadata.name),
  )
  const items = await fetchMoreLikeThisItems(context, (recording) => {
    for (const index of indices) source(indexQueryContext(index, now, { moreLikeThisItems: recording }))
  })
  const results: ShardResult[] = []
  try {
    // The query parses the same on every index: with no index at all it is still parsed once.
    if (indices.length === 0) source({ fields: new Map(), analyze: context.analyze, nowMillis: now })
    for (const index of indices) {
      const outcome = buildOn(source, indexQueryContext(index, now, { moreLikeThisItems: items }))
      const shards = allShards ? [...Array(index.metadata.numberOfShards).keys()] : [null]
      for (const shard of shards) results.push({ index: index.metadata.name, shard, ...outcome })
    }
  } catch (error) {
    if (error instanceof EsException && PARSE_ERRORS.has(error.type)) return invalidRequest(error, explain)
    throw error
  }
  const body: Record<string, JsonOut> = {
    _shards: { total: results.length, successful: results.length, failed: 0 },
    valid: results.every((result) => result.valid),
  }
  if ((explain || rewrite) && results.length > 0) body.explanations = results.map(explanationJson)
  return json(200, body)
}

/** RestActions.getQueryContent over the body, else the URI query, else match_all. */
function querySource(req: RestHandlerRequest): QuerySource {
  const text = req.request.body
  if (text !== null && text.trim() !== '') {
    const body = parseRequestBody(text)
    let query: XContentValue | undefined
    for (const [key, value] of body) {
      if (!(value instanceof Map)) continue
      if (key !== 'query') throw requestDoesNotSupport(body, key)
      query = value
    }
    if (query !== undefined) {
      const found = query
      return (context) => parseQueryContent(found, context)
    }
  }
  const uri = uriSearchQuery(req.params)
  if (uri) return (context) => queryStringIndexQuery(uri.query, uri.options, context)
  return () => ({ type: 'matchAll', boost: 1 })
}

/**
 * TransportValidateQueryAction's rewrite before the shards: the query's `terms` lookups fetched into it. A query that
 * fails its check is left as it is (building it reports why). A missing or closed index fails the request; any other
 * failure of the rewrite is the answer `valid: false` with the failure's message and no shard.
 */
async function rewriteLookups(
  context: RestContext,
  source: QuerySource,
  now: number,
): Promise<RestResponse | null> {
  const sites: RewriteSite[] = []
  try {
    source(termsLookupCheck(context, now, sites))
  } catch (error) {
    if (!(error instanceof EsException)) throw error
  }
  try {
    await rewriteTermsLookups(context, sites)
    return null
  } catch (error) {
    if (!(error instanceof EsException) || REQUEST_FAILURES.has(error.type)) throw error
    return json(200, {
      _shards: { total: 0, successful: 0, failed: 0 },
      valid: false,
      explanations: [{ valid: false, error: error.reason }],
    })
  }
}

/** TransportValidateQueryAction.shardOperation: the query built in the index's context, or why it failed. */
function buildOn(source: QuerySource, context: QueryContext): Omit<ShardResult, 'index' | 'shard'> {
  try {
    const query = source(context)
    return { valid: true, error: null, explanation: describeQuery(query) }
  } catch (error) {
    if (!(error instanceof EsException) || PARSE_ERRORS.has(error.type)) throw error
    return { valid: false, error: detailedMessage(error), explanation: null }
  }
}

/** RestValidateQueryAction.buildErrorResponse. */
function invalidRequest(error: EsException, explain: boolean): RestResponse {
  const message = error.type === 'parsing_exception' ? detailedMessage(error) : error.reason
  return json(200, explain ? { valid: false, error: message } : { valid: false })
}

function throwableString(error: EsException): string {
  return `${JAVA_CLASS[error.type] ?? error.type}: ${error.reason}`
}

/**
 * ElasticsearchException.getDetailedMessage: its toString (prefixed by `[index/uuid] ` when it names an
 * index), then `; ` and the cause's detailed message (a non-ES cause's Throwable.toString).
 */
function detailedMessage(error: EsException): string {
  const index = error.metadata.find(([key]) => key === 'index')?.[1]
  const uuid = error.metadata.find(([key]) => key === 'index_uuid')?.[1]
  const prefix = typeof index === 'string' && typeof uuid === 'string' ? `[${index}/${uuid}] ` : ''
  const own = `${prefix}${throwableString(error)}`
  const cause = error.causedBy
  if (cause === undefined) return own
  return `${own}; ${cause.rootCause ? detailedMessage(cause) : throwableString(cause)}`
}

function explanationJson(result: ShardResult): JsonOut {
  return {
    index: result.index,
    ...(result.shard !== null ? { shard: result.shard } : {}),
    valid: result.valid,
    ...(result.error !== null ? { error: result.error } : {}),
    ...(result.explanation !== null ? { explanation: result.explanation } : {}),
  }
}
