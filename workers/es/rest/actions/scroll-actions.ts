/**
 * RestSearchScrollAction and RestClearScrollAction:
 * - `GET|POST /_search/scroll[/{scroll_id}]`: the scroll id and keep alive from the path or the `scroll_id` and
 *   `scroll` parameters, a JSON body's `scroll_id` and `scroll` taking precedence; answered as a search is
 *   (action/search-scroll-action.ts), with `_scroll_id` first only when the request gave `scroll`
 *   (SearchScrollAsyncAction answers the id only then). No id: `Validation Failed: 1: scrollId is missing;`.
 * - `DELETE /_search/scroll[/{scroll_id}]`: comma-separated ids from the path or parameter, a body's `scroll_id`
 *   (a string or an array) replacing them; `{"succeeded":true,"num_freed":N}`, 404 when nothing was freed. No id:
 *   `Validation Failed: 1: no scroll ids specified;`.
 * A body field other than those two is IllegalArgumentException `Unknown parameter [x] in request body or parameter
 * is of the wrong type[VALUE]`, as SearchScrollRequest.fromXContent / ClearScrollRequest.fromXContent throw it.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException, illegalArgumentException } from '../../errors/index.ts'
import { parseTimeValue, timeValueMillis } from '../../common/time/index.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { clearScroll, executeScroll } from '../../action/search-scroll-action.ts'
import { isBlank, parseRequestBody } from '../request-body.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { searchResponseBody, shardsJson, withNamedQueryScores } from './search-actions.ts'

export function registerScrollActions(controller: RestController, context: RestContext): void {
  const scroll = (req: RestHandlerRequest) => guarded(() => searchScroll(context, req))
  const clear = (req: RestHandlerRequest) => guarded(() => clearScrollAction(context, req))
  for (const method of ['GET', 'POST'] as const)
    controller
      .register(method, '/_search/scroll', scroll)
      .register(method, '/_search/scroll/{scroll_id}', scroll)
  controller
    .register('DELETE', '/_search/scroll', clear)
    .register('DELETE', '/_search/scroll/{scroll_id}', clear)
}

async function searchScroll(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const started = context.clock.now()
  let scrollId = req.path.scroll_id ?? req.params.get('scroll_id') ?? null
  let scroll = req.params.get('scroll') ?? null
  for (const [key, value] of bodyFields(req)) {
    if (key === 'scroll_id' && typeof value === 'string') scrollId = value
    else if (key === 'scroll' && typeof value === 'string') scroll = value
    else throw unknownParameter(key, value)
  }
  if (scrollId === null) throw actionRequestValidationException(['scrollId is missing'])
  const keepAlive = scroll === null ? null : timeValueMillis(parseTimeValue(scroll, 'scroll'))
  const { result, parsed } = await executeScroll(context, scrollId, keepAlive)
  const body = searchResponseBody(result, parsed, {
    scrollId: keepAlive === null ? null : scrollId,
    shards: shardsJson(result),
    took: context.clock.now() - started,
    withScores: withNamedQueryScores(req.params),
    innerHits: null,
  })
  return json(200, body)
}

async function clearScrollAction(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const named = req.path.scroll_id ?? req.params.get('scroll_id') ?? ''
  let scrollIds = named.split(',').filter((id) => id.trim() !== '')
  for (const [key, value] of bodyFields(req)) {
    if (key !== 'scroll_id') throw unknownParameter(key, value)
    if (typeof value === 'string') scrollIds = [value]
    else if (Array.isArray(value) && value.every((id) => typeof id === 'string')) scrollIds = value
    else throw unknownParameter(key, value)
  }
  if (scrollIds.length === 0) throw actionRequestValidationException(['no scroll ids specified'])
  const freed = await clearScroll(context, scrollIds)
  return json(freed === 0 ? 404 : 200, { succeeded: true, num_freed: freed })
}

/** The fields of a JSON body (none for an empty one). */
function bodyFields(req: RestHandlerRequest): XContentObject {
  const text = req.request.body
  if (text === null || isBlank(text)) return new Map()
  return parseRequestBody(text)
}

function unknownParameter(key: string, value: XContentValue): Error {
  const token = Array.isArray(value) ? 'START_ARRAY' : value instanceof Map ? 'START_OBJECT' : 'VALUE_STRING'
  return illegalArgumentException(
    `Unknown parameter [${key}] in request body or parameter is of the wrong type[${token}] `,
  )
}
