/**
 * The by-query and copy APIs over the bulk-by-scroll engine (see action/bulk-by-scroll.ts):
 *
 * - POST /<index>/_delete_by_query: deletes every document the `query` matches;
 * - POST /<index>/_update_by_query: re-indexes them in place (no script: the source is unchanged, each
 *   document gets a new version and seq_no, and new mappings apply);
 * - POST /_reindex: copies `source.index` (with an optional `source.query`) into `dest.index`, ids and
 *   routing kept; `dest.op_type: create` makes an existing id a version conflict.
 *
 * Body keys `conflicts` (abort|proceed) and `max_docs` (and, for the by-query APIs, the search's `runtime_mappings`),
 * and the `conflicts`, `max_docs`, `refresh`,
 * `scroll_size` parameters; the by-query APIs also take URI search (`q`, `df`, `default_operator`...). Scripts, slices, remote sources and `wait_for_completion=false` are refused
 * with an illegal_argument_exception.
 */
import { indexQueryContext } from '../../search/index-query-context.ts'
import { searchMapping } from '../../search/runtime-mappings.ts'
import type { RestResponse } from '../../../protocol/es.ts'
import {
  actionRequestValidationException,
  illegalArgumentException,
  parsingException,
} from '../../errors/index.ts'
import { toJson, XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { nonNestedFiltered } from '../../search/queries/nested-scope.ts'
import { buildQuery, queryStringIndexQuery, type QueryContext } from '../../search/query-builder.ts'
import { uriSearchQuery, type UriQueryString } from '../../search/query-string/index.ts'
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { optionalBody } from './write-params.ts'
import { valueToken } from '../../action/value-token.ts'
import { scalarText } from '../../search/queries/query-parsing.ts'
import { resolveSearchTargets } from './search-actions.ts'
import { refreshPolicy } from '../../action/doc-write.ts'
import type { StoredDocument } from '../../index/shard/index-shard.ts'
import type { IndexService } from '../../index/index-service.ts'
import { requireStoredSource, storedSource } from '../../action/stored-source.ts'
import {
  bulkByScroll,
  scrollHits,
  type BulkByScrollOptions,
  type ScrollHit,
} from '../../action/bulk-by-scroll.ts'
import type { IndexSearchTarget } from '../../action/transport-search-action.ts'
import { filteredQuery } from '../../search/search-request.ts'

export function registerByQueryActions(controller: RestController, context: RestContext): void {
  controller
    .register('POST', '/{index}/_delete_by_query', (req) => guarded(() => deleteByQuery(context, req)))
    .register('POST', '/{index}/_update_by_query', (req) => guarded(() => updateByQuery(context, req)))
    .register('POST', '/_reindex', (req) => guarded(() => reindex(context, req)))
}

const UNSUPPORTED = new Set(['script', 'slice', 'remote'])

function refuseUnsupported(req: RestHandlerRequest, body: XContentObject): void {
  for (const key of body.keys()) {
    if (UNSUPPORTED.has(key)) throw illegalArgumentException(`[${key}] is not supported by this playground`)
  }
  if (req.params.get('wait_for_completion') === 'false' || req.params.has('slices')) {
    throw illegalArgumentException('background tasks and slices are not supported by this playground')
  }
}

function positiveInt(value: XContentValue | string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = value instanceof XNumber ? value.value : Number(value)
  if (!Number.isInteger(n)) throw illegalArgumentException(`[${name}] must be an integer`)
  if (n <= 0) throw actionRequestValidationException([`${name} must be greater than 0 but was [${n}]`])
  return n
}

function options(
  req: RestHandlerRequest,
  body: XContentObject,
  fields: BulkByScrollOptions['fields'],
): BulkByScrollOptions {
  const conflicts = body.get('conflicts') ?? req.params.get('conflicts') ?? 'abort'
  if (conflicts !== 'abort' && conflicts !== 'proceed') {
    throw illegalArgumentException(
      `conflicts may only be "proceed" or "abort" but was [${scalarText(conflicts) ?? ''}]`,
    )
  }
  return {
    abortOnConflict: conflicts === 'abort',
    maxDocs: positiveInt(body.get('max_docs') ?? req.params.get('max_docs'), 'maxDocs', Infinity),
    scrollSize: positiveInt(req.params.get('scroll_size'), 'scroll_size', 1000),
    refresh: refreshPolicy(req.params.get('refresh')),
    fields,
  }
}

/**
 * The matching documents of the indices, queried as _search would: the body's `query`, or the URI
 * search `q` (with its options) that replaces it, over each index's mapping with the body's `runtime_mappings`;
 * through an alias, with its filter and search routing.
 */
export function queryHits(
  context: RestContext,
  uri: UriQueryString | null,
  indices: IndexSearchTarget[],
  query: XContentValue | undefined,
  now: number,
  runtimeMappings: XContentObject | null = null,
): Promise<ScrollHit[]> {
  const queryBody = query ?? new Map<string, XContentValue>()
  const queryFor = (queryContext: QueryContext): IndexQuery =>
    uri ? queryStringIndexQuery(uri.query, uri.options, queryContext) : buildQuery(queryBody, queryContext)
  if (!uri) buildQuery(queryBody, { fields: new Map(), analyze: context.analyze, nowMillis: now })
  const targets = indices.map(({ index, shards, aliasFilter }) => {
    const mapping = searchMapping(index.metadata.mapping, runtimeMappings)
    const queryContext = indexQueryContext(index, now, mapping)
    const query = filteredQuery(queryFor(queryContext), aliasFilter, queryContext)
    return { index, shards, query: nonNestedFiltered(query, queryContext.nested ?? null) }
  })
  return scrollHits(context, targets, runtimeMappings === null ? null : toJson(runtimeMappings))
}

function checkKeys(body: XContentObject, allowed: readonly string[]): void {
  for (const [key, value] of body) {
    if (allowed.includes(key)) continue
    throw parsingException(1, 1, `Unknown key for a ${valueToken(value)} in [${key}].`)
  }
}

async function byQuery(
  context: RestContext,
  req: RestHandlerRequest,
  fields: BulkByScrollOptions['fields'],
  write: Parameters<typeof bulkByScroll>[4],
): Promise<RestResponse> {
  const started = context.clock.now()
  const body = optionalBody(req.request.body)
  refuseUnsupported(req, body)
  const runtimeMappings = body.get('runtime_mappings')
  checkKeys(body, [
    'query',
    'conflicts',
    'max_docs',
    ...(runtimeMappings instanceof Map ? ['runtime_mappings'] : []),
  ])
  const opts = options(req, body, fields)
  const hits = await queryHits(
    context,
    uriSearchQuery(req.params),
    resolveSearchTargets(context, req.path.index, req.params.get('routing') ?? null),
    body.get('query'),
    started,
    runtimeMappings instanceof Map ? runtimeMappings : null,
  )
  const { status, body: response } = await bulkByScroll(context, started, hits, opts, write)
  return json(status, response)
}

function deleteByQuery(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  return byQuery(context, req, { updated: false, created: false }, ({ index, doc }) => ({
    index: index.metadata.name,
    item: { op: 'delete', ...readCas(doc) },
  }))
}

function updateByQuery(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  return byQuery(context, req, { updated: true, created: false }, ({ index, doc }) => ({
    index: index.metadata.name,
    item: { op: 'index', ...readCas(doc), create: false, text: sourceToRewrite(index, doc) },
  }))
}

/** The source a rewrite indexes: the one the hit's index stored, or the request fails (stored-source.ts). */
function sourceToRewrite(index: IndexService, doc: StoredDocument): string {
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

function objectField(body: XContentObject, key: string): XContentObject {
  const value = body.get(key)
  return value instanceof Map ? value : new Map<string, XContentValue>()
}

function indexNames(value: XContentValue | undefined): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(String).join(',')
  return undefined
}

async function reindex(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const started = context.clock.now()
  const body = optionalBody(req.request.body)
  refuseUnsupported(req, body)
  checkKeys(body, ['source', 'dest', 'conflicts', 'max_docs'])
  const source = objectField(body, 'source')
  const dest = objectField(body, 'dest')
  refuseUnsupported(req, source)
  const sourceIndex = indexNames(source.get('index'))
  const destIndex = dest.get('index')
  const errors: string[] = []
  if (sourceIndex === undefined) errors.push('use _all if you really want to copy from all existing indexes')
  if (typeof destIndex !== 'string') errors.push('index must be specified')
  if (errors.length > 0) throw actionRequestValidationException(errors)
  const opType = dest.get('op_type') ?? 'index'
  if (opType !== 'index' && opType !== 'create') {
    throw illegalArgumentException(`opType must be 'create' or 'index', found: [${scalarText(opType) ?? ''}]`)
  }
  const indices = resolveSearchTargets(context, sourceIndex, null)
  const target = destIndex as string
  if (indices.some(({ index }) => index.metadata.name === target)) {
    throw actionRequestValidationException([
      `reindex cannot write into an index its reading from [${target}]`,
    ])
  }
  const opts = options(req, body, { updated: true, created: true })
  const batchSize = source.get('size')
  if (batchSize !== undefined) opts.scrollSize = positiveInt(batchSize, 'size', 1000)
  const hits = await queryHits(context, null, indices, source.get('query'), started)
  const { status, body: response } = await bulkByScroll(context, started, hits, opts, ({ index, doc }) => ({
    index: target,
    item: {
      op: 'index',
      id: doc.id,
      routing: doc.routing,
      ifSeqNo: null,
      ifPrimaryTerm: null,
      create: opType === 'create',
      text: sourceToRewrite(index, doc),
    },
  }))
  return json(status, response)
}
