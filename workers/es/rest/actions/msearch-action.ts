/**
 * `_msearch` (RestMultiSearchAction, MultiSearchRequest.readMultiLineFormat, MultiSearchResponse), ES 8:
 * - GET/POST `/_msearch` and `/{index}/_msearch`; the body is NDJSON pairs: a header line (`{}` or an empty
 *   line for none) with `index`/`indices` (a string or a list), `search_type`, `routing`, `preference`,
 *   `request_cache`, `allow_partial_search_results`, `ccs_minimize_roundtrips`, `expand_wildcards`,
 *   `ignore_unavailable`, `allow_no_indices`, `ignore_throttled` (camelCase spellings too; any other key is
 *   "key [k] is not supported in the metadata section"), then the search body line; a header without its body
 *   line is dropped, as the reader stops there; `allow_partial_search_results` is a strict boolean
 *   (nodeBooleanValue: "Could not convert [null] to boolean" otherwise) that the search then reads as its parameter;
 * - the path's index and the `routing` / `search_type` parameters are each search's defaults;
 *   `max_concurrent_searches` must be positive;
 * - every body is parsed before any search runs: one bad body, or a body not ending with a newline, fails the
 *   whole request, as does a body with `pit` whose item names an index, `routing`, `preference` or indices options
 *   (RestSearchAction.preparePointInTime, run as each item is read); no pair at all is the validation error
 *   "no requests added";
 * - the response is `took` and `responses`, one per search in request order: the search's own response with
 *   `status` 200, or its failure as `{"error": {...}, "status": N}` (a missing index fails only its search).
 * Searches run one after another here (ES runs up to max_concurrent_searches at once; the answers are the same).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import {
  actionRequestValidationException,
  errorJson,
  EsException,
  illegalArgumentException,
  parsingException,
} from '../../errors/index.ts'
import { NdjsonTerminationError, parseNdjson, type NdjsonLine } from '../../xcontent/ndjson.ts'
import {
  toJson,
  XNumber,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { parseSearchRequest, type ParsedSearch } from '../../search/search-request.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody, requiredContent } from '../request-body.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { executeSearch } from './search-actions.ts'
import { validatePitSearch } from '../../action/point-in-time-search.ts'
import { globalBlockedRaiseException } from '../../cluster/block/cluster-blocks.ts'
import { parseBoolean } from '../../common/booleans.ts'

export function registerMultiSearchAction(controller: RestController, context: RestContext): void {
  const msearch = (req: RestHandlerRequest) => guarded(() => runMultiSearch(context, req))
  for (const method of ['GET', 'POST'] as const) {
    controller
      .register(method, '/_msearch', msearch, 'msearch')
      .register(method, '/{index}/_msearch', msearch, 'msearch')
  }
}

/** One search of the request: the search request its header and body make, and its parsed body. */
interface MultiSearchItem {
  req: RestHandlerRequest
  parsed: ParsedSearch
}

/** Header keys that only tune where the search runs: accepted, no effect here. */
const ACCEPTED_KEYS = new Set([
  'ccs_minimize_roundtrips',
  'ccsMinimizeRoundtrips',
  'request_cache',
  'requestCache',
  'ignore_throttled',
  'ignoreThrottled',
])

async function runMultiSearch(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const started = context.clock.now()
  const text = requiredContent(req.request.body)
  const maxConcurrent = req.params.get('max_concurrent_searches')
  if (maxConcurrent !== undefined && !(Number(maxConcurrent) >= 1))
    throw illegalArgumentException('maxConcurrentSearchRequests must be positive')
  const items = parseItems(text, req, context, started)
  if (items.length === 0) throw actionRequestValidationException(['no requests added'])
  return multiSearchResponse(context, started, items, (item) =>
    executeSearch(context, item.req, item.parsed, false, started),
  )
}

/**
 * The response of a multi search (MultiSearchResponse), its items run in order: each item's search response with
 * status 200, or the EsException it failed with as an `error` and its status; the items' warnings together.
 */
export async function multiSearchResponse<T>(
  context: RestContext,
  started: number,
  items: readonly T[],
  search: (item: T) => Promise<{ body: { readonly [key: string]: JsonOut }; warnings: readonly string[] }>,
): Promise<RestResponse> {
  // TransportMultiSearchAction: the global READ blocks fail the whole request before any item runs.
  globalBlockedRaiseException(context.client.cluster.state(), 'READ')
  const responses: JsonOut[] = []
  const warnings: string[] = []
  for (const item of items) {
    try {
      const result = await search(item)
      warnings.push(...result.warnings)
      responses.push({ ...result.body, status: 200 })
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      responses.push(
        new Map<string, JsonOut>([
          ['error', errorJson(error)],
          ['status', error.status],
        ]),
      )
    }
  }
  return withWarnings(json(200, { took: context.clock.now() - started, responses }), warnings)
}

/** readMultiLineFormat over the NDJSON lines, each body parsed as a search request and a `pit` one checked. */
function parseItems(
  text: string,
  req: RestHandlerRequest,
  context: RestContext,
  now: number,
): MultiSearchItem[] {
  return readMultiLineFormat(text, req).map(({ index, params, body }) => {
    const parsed = parseSearchRequest(body, params, false, context.analyze, now)
    const itemReq: RestHandlerRequest = {
      request: { ...req.request, body, params: [...params] },
      path: index === undefined ? {} : { index },
      params,
    }
    if (parsed.pit !== null) validatePitSearch(itemReq, req.params)
    return { req: itemReq, parsed }
  })
}

/**
 * MultiSearchRequest.readMultiLineFormat: each header line (its index, and the request's parameters it
 * overrides) with the body line after it, for `_msearch` and `_msearch/template`.
 */
export function readMultiLineFormat(
  text: string,
  req: RestHandlerRequest,
): Array<{ index: string | undefined; params: Map<string, string>; body: string }> {
  let lines: NdjsonLine[]
  try {
    lines = parseNdjson(text, 'msearch')
  } catch (error) {
    if (error instanceof NdjsonTerminationError) throw illegalArgumentException(error.message)
    throw error
  }
  const items: Array<{ index: string | undefined; params: Map<string, string>; body: string }> = []
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const header = lines[i]!
    const params = new Map<string, string>()
    // typed_keys and rest_total_hits_as_int are response parameters of the whole request (RestMultiSearchAction's
    // RESPONSE_PARAMS); each search checks the latter against its body's track_total_hits (validateSearchRequest)
    const responseParams = ['typed_keys', 'rest_total_hits_as_int']
    for (const key of ['routing', 'search_type', ...responseParams, ...INDICES_OPTIONS_KEYS.keys()]) {
      const value = req.params.get(key)
      if (value !== undefined) params.set(key, value)
    }
    const index =
      readHeader(header.kind === 'blank' ? null : parseRequestBody(header.text), params) ?? req.path.index
    const body = lines[i + 1]!
    if (body.kind === 'blank') throw parsingException(1, 1, 'Expected [START_OBJECT] but found [null]')
    items.push({ index, params, body: body.text })
  }
  return items
}

/**
 * IndicesOptions.fromMap: a header's `expand_wildcards`, `ignore_unavailable` and `allow_no_indices` (or their
 * camelCase spellings) override the request's parameters of the same names (the defaults, fromRequest).
 */
const INDICES_OPTIONS_KEYS = new Set(['expand_wildcards', 'ignore_unavailable', 'allow_no_indices'])
const INDICES_OPTIONS_SPELLINGS = new Map([
  ['expandWildcards', 'expand_wildcards'],
  ['ignoreUnavailable', 'ignore_unavailable'],
  ['allowNoIndices', 'allow_no_indices'],
])

/** A header's keys into the search's parameters; its index expression, when it names one. */
function readHeader(header: XContentObject | null, params: Map<string, string>): string | undefined {
  let index: string | undefined
  for (const [key, value] of header ?? []) {
    if (key === 'index' || key === 'indices') index = stringArray(value).join(',')
    else if (key === 'search_type' || key === 'searchType') params.set('search_type', scalar(value))
    else if (key === 'routing' || key === 'preference') params.set(key, scalar(value))
    else if (key === 'allow_partial_search_results') params.set(key, String(nodeBooleanValue(scalar(value))))
    else if (INDICES_OPTIONS_KEYS.has(key)) params.set(key, stringArray(value).join(','))
    else if (INDICES_OPTIONS_SPELLINGS.has(key))
      params.set(INDICES_OPTIONS_SPELLINGS.get(key)!, stringArray(value).join(','))
    else if (!ACCEPTED_KEYS.has(key))
      throw illegalArgumentException(`key [${key}] is not supported in the metadata section`)
  }
  return index
}

/** XContentMapValues.nodeBooleanValue(value, null): readMultiLineFormat names no key. */
function nodeBooleanValue(value: string): boolean {
  try {
    return parseBoolean(value)
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw illegalArgumentException('Could not convert [null] to boolean', error)
  }
}

/** XContentMapValues.nodeStringArrayValue: a list's items, or a comma-separated string. */
function stringArray(value: XContentValue): string[] {
  if (Array.isArray(value)) return value.map((item) => scalar(item))
  return scalar(value).split(',')
}

/** nodeStringValue: a value's text (an object or list as its JSON). */
function scalar(value: XContentValue): string {
  if (value instanceof XNumber) return value.text
  if (value instanceof Map || Array.isArray(value)) return toJson(value)
  return String(value)
}
