/**
 * POST /_reindex (RestReindexAction, Reindexer.AsyncIndexBySearchAction) over the bulk-by-scroll engine
 * (action/bulk-by-scroll.ts): copies what `source.query` matches in `source.index` into `dest.index`.
 *
 * - `source` (reindex-source.ts: parsed as a search source and validated before any index is resolved): `remote`
 *   (reindex-remote.ts: read, then refused as a node without `reindex.remote.whitelist` refuses every host), `index`
 *   (names, wildcards, aliases; required), `query` (over the index's runtime fields and the source's
 *   `runtime_mappings`), `size` (the batch), `_source` (the copied fields, filtered as a search's `_source` filters;
 *   `false` leaves the hits without a source: "[i][id] didn't store _source"); the keys that would change the
 *   copied hits (UNSUPPORTED_SOURCE_KEYS) are refused once the request is valid, the others change nothing;
 * - `dest`: `index` (required), `op_type` (`create` makes an existing id a version conflict), `pipeline`,
 *   `routing` (`keep`, the default; `discard`; `=<value>`; anything else fails ReindexRequest.validate), `version_type` (VersionType.fromString: `internal`, the default, writes
 *   unconditionally; `external`, `external_gt` or `external_gte` write each copy with its source document's
 *   version under that type, so a destination document of a version it does not exceed is a version conflict);
 * - `script` (action/bulk-by-scroll-script.ts): may change the source, `_index`, `_id`, `_routing`, and `op`;
 * - `conflicts`, `max_docs` (body or parameters), `refresh`, `scroll_size`, `slices`, `requests_per_second` and
 *   `wait_for_completion` as the by-query APIs take them (bulk-by-scroll-request.ts; a remote source refuses
 *   `slices` other than 1: "reindex from remote sources doesn't support slices > 1 but was [n]", `auto` being 0).
 *
 * Each copy is an index request (Reindexer.AsyncIndexBySearchAction.buildRequest): under internal versioning the
 * destination's existing documents are overwritten ("updated") unless `op_type` is create; a create under external
 * versioning fails the batch's bulk validation ("create operations only support internal versioning").
 */
import type { RestResponse } from '../../../protocol/es.ts'
import {
  actionRequestValidationException,
  EsException,
  illegalArgumentException,
  xContentParseException,
} from '../../errors/index.ts'
import {
  parseJson,
  toJson,
  tokenLocation,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { suggest } from '../../common/did-you-mean.ts'
import { refuseRemote } from './reindex-remote.ts'
import {
  bulkByScrollSearchErrors,
  parseReindexSource,
  validateReindexSearch,
  type ReindexSource,
} from './reindex-source.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded } from '../responses.ts'
import { indicesToString, respond } from '../../tasks/bulk-by-scroll-task.ts'
import { optionalBody } from './write-params.ts'
import { scalarText } from '../../search/queries/query-parsing.ts'
import { INTERNAL_MATCH_ANY, versionTypeFromString, type VersionTypeName } from '../../index/version-type.ts'
import { resolveSearchTargets } from './search-actions.ts'
import type { ScrollHit } from '../../action/bulk-by-scroll.ts'
import type { BulkItem } from '../../action/transport-bulk-action.ts'
import { fetchSourceFromValue, filterSource, type FetchSourceContext } from '../../action/fetch-source.ts'
import { requireStoredSource } from '../../action/stored-source.ts'
import { sourceToJson } from '../../action/source-map.ts'
import { prepareScroll, runtimeMappingsOf, scriptApplier, sourceToRewrite } from './by-query-actions.ts'
import {
  abortOnConflict,
  bodyMaxDocs,
  maxDocsValidationErrors,
  options,
  refuseUnsupported,
} from './bulk-by-scroll-request.ts'

export function registerReindexAction(controller: RestController, context: RestContext): void {
  controller.register('POST', '/_reindex', (req) => guarded(() => reindex(context, req)), 'reindex')
}

function objectField(body: XContentObject, key: string): XContentObject {
  const value = body.get(key)
  return value instanceof Map ? value : new Map<string, XContentValue>()
}

/** Search source keys that would change which hits a reindex copies, which the playground's runs do not build. */
const UNSUPPORTED_SOURCE_KEYS = ['slice', 'sort', 'post_filter', 'min_score', 'terminate_after', 'knn']

const REINDEX_FIELDS = ['source', 'dest', 'max_docs', 'script', 'conflicts']
const DEST_FIELDS = ['index', 'routing', 'op_type', 'pipeline', 'version_type']

/** ObjectParser.parseValue's failure: `[parser] failed to parse field [field]` where it stands, caused by `error`. */
function failedToParse<T>(at: [number, number], parser: string, field: string, read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw xContentParseException(...at, `[${parser}] failed to parse field [${field}]`, error)
  }
}

/** IndexRequest.opType(String): `create` or `index`, in any case. */
function destOpType(value: XContentValue): 'create' | 'index' {
  const text = scalarText(value) ?? ''
  const op = text.toLowerCase()
  if (op !== 'index' && op !== 'create') {
    throw illegalArgumentException(`opType must be 'create' or 'index', found: [${text}]`)
  }
  return op
}

/**
 * The `dest` parser (ObjectParser "dest"), in the object's order: an unknown field (with SuggestingErrorOnUnknown's
 * hint) at its key, a bad `op_type` or `version_type` as the field's failure at its value; each wrapped as the
 * `dest` field's failure where the parser stands.
 */
function parseDest(dest: XContentObject): void {
  for (const [field, value] of dest) {
    const at = tokenLocation(dest, field, DEST_FIELDS.includes(field) ? 'value' : 'key')
    failedToParse(at, 'reindex', 'dest', () => {
      if (!DEST_FIELDS.includes(field)) {
        throw xContentParseException(...at, `[dest] unknown field [${field}]${suggest(field, DEST_FIELDS)}`)
      }
      failedToParse(at, 'dest', field, () => {
        if (field === 'op_type') destOpType(value)
        if (field === 'version_type') destVersionType(value)
      })
    })
  }
}

/** The source of a body without `source`: every index (none named), an empty search source. */
const NO_SOURCE: ReindexSource = { indices: undefined, remote: null, search: new Map(), searchText: '{}' }

/**
 * ReindexRequest.PARSER over the body, field by field in its order: an unknown field is `[reindex] unknown field
 * [x]` at its key; `source` (reindex-source.ts), `dest`, and `max_docs` and `conflicts` (their setters' failures at
 * the value) fail as their fields. Returns the parsed source.
 */
function parseReindexBody(context: RestContext, body: XContentObject, now: number): ReindexSource {
  let source = NO_SOURCE
  for (const [key, value] of body) {
    if (!REINDEX_FIELDS.includes(key)) {
      const [line, col] = tokenLocation(body, key, 'key')
      throw xContentParseException(
        line,
        col,
        `[reindex] unknown field [${key}]${suggest(key, REINDEX_FIELDS)}`,
      )
    }
    const at = tokenLocation(body, key, 'value')
    if (key === 'source' && value instanceof Map)
      source = parseReindexSource(body, value, context.analyze, now)
    else if (key === 'dest' && value instanceof Map) parseDest(value)
    else if (key === 'conflicts') failedToParse(at, 'reindex', key, () => abortOnConflict(value))
    else if (key === 'max_docs') failedToParse(at, 'reindex', key, () => bodyMaxDocs(value))
  }
  return source
}

/** VersionType.fromString of `dest.version_type` (internal when absent). */
function destVersionType(value: XContentValue | undefined): VersionTypeName {
  return value === undefined ? 'internal' : versionTypeFromString(scalarText(value) ?? '')
}

/** ReindexRequest.routingIsValid: unset, `keep`, `discard` or `=<value>`. */
function routingIsValid(spec: string | null): boolean {
  return spec === null || spec === 'keep' || spec === 'discard' || spec.startsWith('=')
}

/** Reindexer.copyRouting over a valid `dest.routing`: the routing the copy of a document with `routing` gets. */
function destinationRouting(spec: string | null, routing: string | null): string | null {
  if (spec === null || spec === 'keep') return routing
  return spec === 'discard' ? null : spec.slice(1)
}

/** The copied source: the stored one, filtered by `source._source`. */
function copiedSource(index: string, id: string, text: string, fetch: FetchSourceContext | null): string {
  if (fetch === null) return text
  if (!fetch.fetchSource) return requireStoredSource(index, id, null)
  return toJson(sourceToJson(filterSource(parseJson(text) as XContentObject, fetch)))
}

async function reindex(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const started = context.clock.now()
  // RestReindexAction.buildRequest checks this before it reads the body
  if (req.params.has('pipeline')) {
    throw illegalArgumentException(
      "_reindex doesn't support [pipeline] as a query parameter. Specify it in the [dest] object instead.",
    )
  }
  const body = optionalBody(req.request.body)
  const source = parseReindexBody(context, body, started)
  const applier = scriptApplier(context, 'reindex', body, started)
  const dest = objectField(body, 'dest')
  const { remote, search: searchSource } = source
  const opts = options(req, body)
  const destIndex = dest.get('index')
  // AbstractBulkByScrollRequest.validate's checks after the search's own, then ReindexRequest.validate's
  const errors = [...bulkByScrollSearchErrors(searchSource), ...maxDocsValidationErrors(opts)]
  if (searchSource.has('slice') && opts.slices !== 1)
    errors.push("can't specify both manual and automatic slicing at the same time")
  if (source.indices === undefined)
    errors.push('use _all if you really want to copy from all existing indexes')
  const routingValue = dest.get('routing')
  const routingSpec = typeof routingValue === 'string' ? routingValue : null
  if (typeof destIndex !== 'string') errors.push('index must be specified')
  else {
    if (!routingIsValid(routingSpec))
      errors.push('routing must be unset, [keep], [discard] or [=<some new value>]')
    if (remote !== null && opts.slices !== 1)
      errors.push(`reindex from remote sources doesn't support slices > 1 but was [${opts.slices}]`)
  }
  const parsed = validateReindexSearch(source, context.analyze, started, errors)
  refuseUnsupported(searchSource, UNSUPPORTED_SOURCE_KEYS)
  if (remote !== null) refuseRemote(remote)
  const opType = destOpType(dest.get('op_type') ?? 'index')
  const versionType = destVersionType(dest.get('version_type'))
  const indices = resolveSearchTargets(context, source.indices, null)
  const target = destIndex as string
  if (indices.some(({ index }) => index.metadata.name === target)) {
    throw actionRequestValidationException([
      `reindex cannot write into an index its reading from [${target}]`,
    ])
  }
  // The search source's `size` is the batch size (DEFAULT_SCROLL_SIZE when absent)
  if (searchSource.has('size')) opts.scrollSize = parsed.request.size
  const fetchValue = searchSource.get('_source')
  const fetch = fetchValue === undefined ? null : fetchSourceFromValue(fetchValue)
  const pipeline = dest.get('pipeline')
  const runtimeMappings = runtimeMappingsOf(searchSource)
  const query = searchSource.get('query')
  const search = await prepareScroll(context, null, indices, query, started, runtimeMappings)
  const task = {
    action: 'indices:data/write/reindex',
    description: `reindex from ${indicesToString(source.indices)} to [${target}]`,
    started,
  }
  // needsSourceDocumentVersions: the search fetches versions only for external versioning (-1 otherwise).
  const external = versionType !== 'internal'
  const write = ({ index, doc }: ScrollHit): BulkItem | null => {
    const name = index.metadata.name
    const version = external ? doc.version : -1
    const request = {
      index: target,
      id: doc.id,
      routing: destinationRouting(routingSpec, doc.routing),
      text: copiedSource(name, doc.id, sourceToRewrite(index, doc), fetch),
      versioning: external ? { version, versionType } : INTERNAL_MATCH_ANY,
    }
    const scripted = applier
      ? applier.apply(request, { index: name, id: doc.id, version, routing: doc.routing })
      : { op: 'index' as const, ...request }
    if (scripted === null) return null
    const conditions = {
      routing: scripted.routing,
      ifSeqNo: null,
      ifPrimaryTerm: null,
      versioning: scripted.versioning,
    }
    if (scripted.op === 'delete') {
      return { index: scripted.index, item: { op: 'delete', id: scripted.id, ...conditions } }
    }
    return {
      index: scripted.index,
      item: {
        op: 'index',
        id: scripted.id,
        ...conditions,
        create: opType === 'create',
        text: scripted.text,
      },
      pipeline: typeof pipeline === 'string' ? pipeline : null,
    }
  }
  return respond(context, req, task, {
    search,
    options: opts,
    fields: { updated: true, created: true },
    write,
  })
}
