/**
 * The by-query APIs over the bulk-by-scroll engine (see action/bulk-by-scroll.ts), and the request parsing they
 * share with `_reindex` (reindex-action.ts):
 *
 * - POST /<index>/_delete_by_query: deletes every document the `query` matches;
 * - POST /<index>/_update_by_query: re-indexes them in place (no script: the source is unchanged, each
 *   document gets a new version and seq_no, and new mappings apply), through the `pipeline` parameter's
 *   pipeline; with a `script` (action/bulk-by-scroll-script.ts) the script may change each source, noop or
 *   delete it (`version=true` lets it read `ctx._version`).
 *
 * Body keys `query`, `conflicts` (abort|proceed), `max_docs`, `script` (`_update_by_query` only) and the
 * search's `runtime_mappings`, and the `conflicts`, `max_docs`, `refresh`, `scroll_size`, `slices`,
 * `requests_per_second` (bulk-by-scroll-request.ts) and `wait_for_completion` parameters (false: run as a task,
 * tasks/bulk-by-scroll-task.ts); URI search (`q`, `df`, `default_operator`...) too. With more than one slice each
 * slice reads its sliced scroll of the search (action/bulk-by-scroll-parallelization.ts). Manual slicing (`slice`)
 * is refused with an illegal_argument_exception.
 */
import { indexQueryContext } from '../../search/index-query-context.ts'
import { searchMapping } from '../../search/runtime-mappings.ts'
import type { RestResponse } from '../../../protocol/es.ts'
import {
  actionRequestValidationException,
  illegalArgumentException,
  parsingException,
} from '../../errors/index.ts'
import {
  toJson,
  tokenLocation,
  XNumber,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { parseTopLevelQuery, queryStringIndexQuery, type QueryContext } from '../../search/query-builder.ts'
import { rewriteQueryTermsLookups } from '../../action/terms-lookup-rewrite.ts'
import { fetchMoreLikeThisItems } from '../../action/more-like-this-items.ts'
import type { MoreLikeThisItemVectors } from '../../search/queries/more-like-this.ts'
import { uriSearchQuery, type UriQueryString } from '../../search/query-string/index.ts'
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded } from '../responses.ts'
import { optionalBody } from './write-params.ts'
import { valueToken } from '../../action/value-token.ts'
import { resolveSearchTargets } from './search-actions.ts'
import type { StoredDocument } from '../../index/shard/index-shard.ts'
import type { IndexService } from '../../index/index-service.ts'
import { requireStoredSource, storedSource } from '../../action/stored-source.ts'
import { scrollHits, type ScrollHit, type ScrollSearch } from '../../action/bulk-by-scroll.ts'
import type { IndexSearchTarget } from '../../action/transport-search-action.ts'
import type { BulkItem } from '../../action/transport-bulk-action.ts'
import { ScriptApplier } from '../../action/bulk-by-scroll-script.ts'
import { lazyUpdateScript, type UpdateScript } from '../../action/painless-update-script.ts'
import { parseScript } from '../../action/update-helper.ts'
import { storedScriptLookup } from '../../cluster/metadata/script-metadata.ts'
import { filteredQuery } from '../../search/search-request.ts'
import { indicesToString, respond } from '../../tasks/bulk-by-scroll-task.ts'
import {
  maxDocsValidationErrors,
  options,
  refuseUnsupported,
  scrollSizeErrors,
} from './bulk-by-scroll-request.ts'
import { bulkByScrollSearchErrors } from './reindex-source.ts'
import { INTERNAL_MATCH_ANY } from '../../index/version-type.ts'

export function registerByQueryActions(controller: RestController, context: RestContext): void {
  // prepareRequest reads the whole request before BaseRestHandler checks the URL parameters
  const prepare = (kind: ByQueryKind) => (req: RestHandlerRequest) => {
    readByQuery(context, req, kind, context.clock.now())
  }
  controller
    .register(
      'POST',
      '/{index}/_delete_by_query',
      (req) => guarded(() => deleteByQuery(context, req)),
      'delete_by_query',
      null,
      prepare('delete'),
    )
    .register(
      'POST',
      '/{index}/_update_by_query',
      (req) => guarded(() => updateByQuery(context, req)),
      'update_by_query',
      null,
      prepare('update'),
    )
}

type ByQueryKind = 'delete' | 'update'

/**
 * RestDeleteByQueryAction / RestUpdateByQueryAction's buildRequest (AbstractBulkByQueryRestHandler): the body
 * (`conflicts`, `max_docs`, `script` taken out, the rest read as a search source: its query parsed), the URL's
 * `size` refused (REST API 8: "use [max_docs] instead"), then the options.
 */
function readByQuery(context: RestContext, req: RestHandlerRequest, kind: ByQueryKind, now: number) {
  const body = optionalBody(req.request.body)
  refuseUnsupported(body)
  const runtimeMappings = body.get('runtime_mappings')
  checkKeys(body, [
    'query',
    'conflicts',
    'max_docs',
    ...(kind === 'update' ? ['script'] : []),
    ...(runtimeMappings instanceof Map ? ['runtime_mappings'] : []),
    // read only to be refused by the validation (bulkByScrollSearchErrors)
    'from',
    'stored_fields',
  ])
  const applier = kind === 'update' ? scriptApplier(context, 'update_by_query', body, now) : null
  const uri = uriSearchQuery(req.params)
  if (uri === null) {
    const syntax = { fields: new Map(), analyze: context.analyze, nowMillis: now, termsLookups: [] }
    parseTopLevelQuery(body.get('query'), syntax)
  }
  if (req.params.has('size'))
    throw illegalArgumentException('invalid parameter [size], use [max_docs] instead')
  const opts = options(req, body)
  // the search's scroll checks, AbstractBulkByScrollRequest.validate's, then DeleteByQueryRequest.validate's
  const from = body.get('from')
  const errors = [
    ...(from instanceof XNumber && from.value > 0 ? ['using [from] is not allowed in a scroll context'] : []),
    ...scrollSizeErrors(opts),
    ...bulkByScrollSearchErrors(body),
    ...maxDocsValidationErrors(opts),
    ...(kind === 'delete' && uri === null && !body.has('query') ? ['query is missing'] : []),
  ]
  if (errors.length > 0) throw actionRequestValidationException(errors)
  return {
    body,
    uri,
    opts,
    applier,
    runtimeMappings: runtimeMappings instanceof Map ? runtimeMappings : null,
  }
}

/**
 * The scroll search over the indices, checked as _search checks it: the body's `query`, or the URI
 * search `q` (with its options) that replaces it, over each index's mapping with the body's `runtime_mappings`;
 * through an alias, with its filter and search routing.
 */
export async function prepareScroll(
  context: RestContext,
  uri: UriQueryString | null,
  indices: IndexSearchTarget[],
  query: XContentValue | undefined,
  now: number,
  runtimeMappings: XContentObject | null = null,
): Promise<ScrollSearch> {
  const queryFor = (queryContext: QueryContext): IndexQuery =>
    uri
      ? queryStringIndexQuery(uri.query, uri.options, queryContext)
      : parseTopLevelQuery(query, queryContext)
  // The coordinating node's check of the query, which fetches its terms lookups into it (Rewriteable.rewriteAndFetch)
  if (!uri) await rewriteQueryTermsLookups(context, (check) => parseTopLevelQuery(query, check), now)
  const contextFor = (index: IndexService, moreLikeThisItems?: MoreLikeThisItemVectors): QueryContext =>
    indexQueryContext(index, now, {
      mapping: searchMapping(index.metadata.mapping, runtimeMappings),
      moreLikeThisItems,
    })
  const items = uri
    ? undefined
    : await fetchMoreLikeThisItems(context, (recording) => {
        for (const { index } of indices) parseTopLevelQuery(query, contextFor(index, recording))
      })
  // Built here to check it on each index; every shard builds it again (index-query-context.ts)
  for (const { index, aliasFilter } of indices) {
    const queryContext = contextFor(index, items)
    filteredQuery(queryFor(queryContext), aliasFilter, queryContext)
  }
  const source = {
    query: query === undefined ? null : toJson(query),
    uri,
    runtimeMappings: runtimeMappings === null ? null : toJson(runtimeMappings),
    moreLikeThisItems: [...(items?.fetched ?? [])],
  }
  return indices.map(({ index, shards, aliasFilter }) => ({
    index,
    shards,
    source: { ...source, aliasFilter },
  }))
}

/** The documents the search matches, in scroll order (prepareScroll, then its scroll). */
export async function queryHits(
  context: RestContext,
  uri: UriQueryString | null,
  indices: IndexSearchTarget[],
  query: XContentValue | undefined,
  now: number,
  runtimeMappings: XContentObject | null = null,
): Promise<ScrollHit[]> {
  return scrollHits(context, await prepareScroll(context, uri, indices, query, now, runtimeMappings), null)
}

/** A search source's `runtime_mappings` (SearchSourceBuilder takes an object there), or null when absent. */
export function runtimeMappingsOf(source: XContentObject): XContentObject | null {
  const value = source.get('runtime_mappings')
  if (value === undefined) return null
  if (value instanceof Map) return value
  const at = tokenLocation(source, 'runtime_mappings', 'value')
  throw parsingException(...at, `Unknown key for a ${valueToken(value)} in [runtime_mappings].`)
}

export function checkKeys(body: XContentObject, allowed: readonly string[]): void {
  for (const [key, value] of body) {
    if (allowed.includes(key)) continue
    // SearchSourceBuilder.parseXContent stands on the key's value
    throw parsingException(
      ...tokenLocation(body, key, 'value'),
      `Unknown key for a ${valueToken(value)} in [${key}].`,
    )
  }
}

/** The body's `script` (Script.parse), compiled when the first hit reaches it; null when there is none. */
function bodyScript(body: XContentObject): UpdateScript | null {
  const value = body.get('script')
  if (value === undefined) return null
  return parseScript(value, (message) => throwIllegalArgument(message), lazyUpdateScript)
}

function throwIllegalArgument(message: string): never {
  throw illegalArgumentException(message)
}

export function scriptApplier(
  context: RestContext,
  kind: 'update_by_query' | 'reindex',
  body: XContentObject,
  now: number,
): ScriptApplier | null {
  const script = bodyScript(body)
  if (script === null) return null
  return new ScriptApplier(kind, script, storedScriptLookup(context.client.cluster.state()), now)
}

async function byQuery(
  context: RestContext,
  req: RestHandlerRequest,
  kind: ByQueryKind,
  write: (hit: ScrollHit, applier: ScriptApplier | null) => BulkItem | null,
): Promise<RestResponse> {
  const started = context.clock.now()
  const { body, uri, opts, applier, runtimeMappings } = readByQuery(context, req, kind, started)
  const targets = resolveSearchTargets(context, req.path.index, req.params.get('routing') ?? null)
  const search = await prepareScroll(context, uri, targets, body.get('query'), started, runtimeMappings)
  const task = {
    action: `indices:data/write/${kind}/byquery`,
    description: `${kind}-by-query ${indicesToString(req.path.index)}`,
    started,
  }
  return respond(context, req, task, {
    search,
    options: opts,
    fields: { updated: kind === 'update', created: false },
    write: (hit) => write(hit, applier),
  })
}

function deleteByQuery(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  return byQuery(context, req, 'delete', ({ index, doc }) => ({
    index: index.metadata.name,
    item: { op: 'delete', ...readCas(doc) },
  }))
}

function updateByQuery(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const pipeline = req.params.get('pipeline') ?? null
  // The search fetches versions only when asked to: the script reads `ctx._version` -1 otherwise.
  const withVersion = req.params.get('version') === 'true'
  return byQuery(context, req, 'update', ({ index, doc }, applier) => {
    const name = index.metadata.name
    const text = sourceToRewrite(index, doc)
    const rewrite = (source: string): BulkItem => ({
      index: name,
      item: { op: 'index', ...readCas(doc), create: false, text: source },
      pipeline,
    })
    if (applier === null) return rewrite(text)
    const scripted = applier.apply(
      { index: name, id: doc.id, routing: doc.routing, text, versioning: INTERNAL_MATCH_ANY },
      { index: name, id: doc.id, version: withVersion ? doc.version : -1, routing: doc.routing },
    )
    if (scripted === null) return null
    if (scripted.op === 'index') return rewrite(scripted.text)
    return {
      index: name,
      item: { op: 'delete', id: doc.id, routing: doc.routing, ifSeqNo: null, ifPrimaryTerm: null },
    }
  })
}

/** The source a rewrite indexes: the one the hit's index stored, or the request fails (stored-source.ts). */
export function sourceToRewrite(index: IndexService, doc: StoredDocument): string {
  return requireStoredSource(index.metadata.name, doc.id, storedSource(index.metadata.mapping, doc.source))
}

/** A write conditional on the document being as it was read. */
function readCas(doc: StoredDocument): {
  id: string
  routing: string | null
  ifSeqNo: number
  ifPrimaryTerm: number
} {
  return { id: doc.id, routing: doc.routing, ifSeqNo: doc.seqNo, ifPrimaryTerm: doc.primaryTerm }
}
