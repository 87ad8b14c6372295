/**
 * The async search REST API (ES 8.17 x-pack async-search):
 * - `POST /_async_search`, `POST /{index}/_async_search` (RestSubmitAsyncSearchAction): the search is parsed as
 *   `_search` parses it, with SubmitAsyncSearchRequest's defaults (`request_cache` true, `pre_filter_shard_size` 1,
 *   `batched_reduce_size` 5, `ccs_minimize_roundtrips` true), then `wait_for_completion_timeout` (1s),
 *   `keep_alive` (5d) and `keep_on_completion` (false) are read, then SubmitAsyncSearchRequest.validate adds to the
 *   search's own validation errors: `[scroll] queries are not supported`, `suggest-only queries are not supported`,
 *   `[keep_alive] must be greater or equals than 1 second, got:<TimeValue>`, `[pre_filter_shard_size] cannot be
 *   changed for async search queries`.
 * - `GET /_async_search/{id}` (`wait_for_completion_timeout`, `keep_alive`, `typed_keys`),
 *   `GET /_async_search/status/{id}`, `DELETE /_async_search/{id}` (`{"acknowledged":true}`).
 * A malformed id fails all three with AsyncExecutionId.decode's error (400); an unknown or expired one with
 * resource_not_found_exception whose reason is the id (404). An id of another node's task is served by that node
 * (async-search-transport.ts). `typed_keys` is a response parameter of submit and GET.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { urlFlag } from '../../common/booleans.ts'
import { parseTimeValue, timeValueMillis } from '../../common/time/index.ts'
import { humanReadableMillis } from '../../common/time/time-value-text.ts'
import { EsException } from '../../errors/index.ts'
import { parseJson, toJson } from '../../xcontent/index.ts'
import { parseSearchRequest, type ParsedSearch } from '../../search/search-request.ts'
import { decodeAsyncExecutionId, type AsyncExecutionId } from '../../search/async/async-execution-id.ts'
import { asyncSearchResponseJson, asyncStatusResponseJson } from '../../search/async/async-search-response.ts'
import {
  AsyncSearchService,
  type AsyncSearchAnswer,
  type SearchOutcome,
} from '../../search/async/async-search-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import {
  forward,
  runningNode,
  type AsyncSearchAction,
  type AsyncSearchChannel,
} from './async-search-transport.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { executeSearch, typedKeys } from './search-actions.ts'
import type { SearchProgressListener } from '../../action/search-progress-listener.ts'
import { paramAsInt } from './rest-params.ts'

const MIN_KEEP_ALIVE_MILLIS = 1000

export function registerAsyncSearchActions(
  controller: RestController,
  context: RestContext,
  channel: AsyncSearchChannel,
): void {
  const service = new AsyncSearchService(context)
  const actions: Record<AsyncSearchAction, IdAction> = {
    get: (id, params) => get(service, id, params),
    status: (id) => status(service, id),
    delete: (id) => remove(service, id),
  }
  channel.serve((_from, request) =>
    guarded(() => actions[request.action](decodeAsyncExecutionId(request.id), new Map(request.params))),
  )
  /** The action on this node, or forwarded to the node running the search (async-search-transport.ts). */
  const routed = (action: AsyncSearchAction) => (req: RestHandlerRequest) =>
    guarded(async () => {
      const id = decodeAsyncExecutionId(req.path.id!)
      const address = runningNode(context, id)
      if (address !== null) {
        const request = { action, id: id.encoded, params: [...req.params] }
        const wait = action === 'get' ? timeParam(req.params, 'wait_for_completion_timeout', -1) : 0
        const answered = await forward(channel, address, request, wait)
        if (answered !== null) return answered
      }
      return actions[action](id, req.params)
    })
  const submitAction = (req: RestHandlerRequest) => guarded(() => submit(context, service, req))
  controller
    .register('POST', '/_async_search', submitAction, 'async_search.submit')
    .register('POST', '/{index}/_async_search', submitAction, 'async_search.submit')
    .register('GET', '/_async_search/{id}', routed('get'), 'async_search.get')
    .register('GET', '/_async_search/status/{id}', routed('status'), 'async_search.status')
    .register('DELETE', '/_async_search/{id}', routed('delete'), 'async_search.delete')
}

/** GET, status or DELETE of one id on this node. */
type IdAction = (id: AsyncExecutionId, params: ReadonlyMap<string, string>) => Promise<RestResponse>

/** RestRequest.paramAsTime in ms, or `fallback` without the parameter. */
function timeParam(params: ReadonlyMap<string, string>, key: string, fallback: number): number {
  const value = params.get(key)
  return value === undefined ? fallback : timeValueMillis(parseTimeValue(value, key))
}

function answer(found: AsyncSearchAnswer, typed: boolean): RestResponse {
  const body = asyncSearchResponseJson(found.id, found.result, found.expirationMillis, typed)
  return json(found.result.status, body)
}

async function submit(
  context: RestContext,
  service: AsyncSearchService,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const started = context.clock.now()
  const params = new Map(req.params)
  if (!params.has('request_cache')) params.set('request_cache', 'true')
  if (!params.has('batched_reduce_size')) params.set('batched_reduce_size', '5')
  let wait = 1000
  let keepAlive = 5 * 86_400_000
  let keepOnCompletion = false
  const parsed = parseSearchRequest(
    req.request.body,
    params,
    false,
    context.analyze,
    started,
    false,
    (suggestOnly) => {
      wait = timeParam(params, 'wait_for_completion_timeout', wait)
      const keepAliveText = params.get('keep_alive')
      keepAlive = timeParam(params, 'keep_alive', keepAlive)
      keepOnCompletion = urlFlag(params, 'keep_on_completion') ?? false
      const errors: string[] = []
      if (params.has('scroll')) errors.push('[scroll] queries are not supported')
      if (suggestOnly) errors.push('suggest-only queries are not supported')
      if (keepAlive < MIN_KEEP_ALIVE_MILLIS) {
        const shown = keepAlive < 0 ? String(keepAlive) : humanReadableKeepAlive(keepAliveText!)
        errors.push(`[keep_alive] must be greater or equals than 1 second, got:${shown}`)
      }
      if (paramAsInt(params, 'pre_filter_shard_size', 1) !== 1)
        errors.push('[pre_filter_shard_size] cannot be changed for async search queries')
      return errors
    },
  )
  const request = { ...req, params }
  const found = await service.submit({
    description: searchDescription(req, parsed),
    waitForCompletionMillis: wait,
    keepAliveMillis: keepAlive,
    keepOnCompletion,
    hitsView: parsed,
    run: (progress) => runSearch(context, request, parsed, started, progress),
  })
  return withWarnings(answer(found, typedKeys(req.params)), parsed.deprecations)
}

/** TimeValue.toString of the parsed keep_alive (toHumanReadableString(1)). */
function humanReadableKeepAlive(text: string): string {
  const value = parseTimeValue(text, 'keep_alive')
  return humanReadableMillis((value.duration * value.nanosPerUnit) / 1e6, 1)
}

/** SearchRequest.buildDescription (the search task's description). */
function searchDescription(req: RestHandlerRequest, parsed: ParsedSearch): string {
  const body = req.request.body
  const source = body === null || body.trim() === '' ? '{}' : toJson(parseJson(body))
  const searchType = parsed.searchType.toUpperCase()
  return `indices[${req.path.index ?? ''}], search_type[${searchType}], source[${source}], preference[null]`
}

async function runSearch(
  context: RestContext,
  req: RestHandlerRequest,
  parsed: ParsedSearch,
  started: number,
  progress: SearchProgressListener,
): Promise<SearchOutcome> {
  try {
    const { render } = await executeSearch(context, req, parsed, false, started, progress)
    const plain = render(false)
    const shards = plain._shards as { total: number; successful: number; skipped: number; failed: number }
    const { total, successful, skipped, failed } = shards
    const took = plain.took as number
    return { response: { plain, typed: render(true), took, shards: { total, successful, skipped, failed } } }
  } catch (error) {
    if (error instanceof EsException) return { failure: error }
    throw error
  }
}

async function get(
  service: AsyncSearchService,
  id: AsyncExecutionId,
  params: ReadonlyMap<string, string>,
): Promise<RestResponse> {
  const wait = timeParam(params, 'wait_for_completion_timeout', -1)
  const keepAlive = params.has('keep_alive') ? timeParam(params, 'keep_alive', 0) : null
  return answer(await service.get(id, keepAlive, wait), typedKeys(params))
}

async function status(service: AsyncSearchService, id: AsyncExecutionId): Promise<RestResponse> {
  const found = await service.status(id)
  return json(200, asyncStatusResponseJson(id.encoded, found.result, found.expirationMillis))
}

async function remove(service: AsyncSearchService, id: AsyncExecutionId): Promise<RestResponse> {
  await service.delete(id)
  return json(200, { acknowledged: true })
}
