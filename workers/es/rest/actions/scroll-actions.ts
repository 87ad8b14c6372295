/**
 * RestSearchScrollAction and RestClearScrollAction:
 * - `GET|POST /_search/scroll[/{scroll_id}]`: the scroll id and keep alive from the path or the `scroll_id` and
 *   `scroll` parameters, a JSON body's `scroll_id` and `scroll` taking precedence; answered as a search is
 *   (action/search-scroll-action.ts), with `_scroll_id` first only when the request gave `scroll`
 *   (SearchScrollAsyncAction answers the id only then). No id: `Validation Failed: 1: scrollId is missing;`.
 * - `DELETE /_search/scroll[/{scroll_id}]`: comma-separated ids from the path or parameter, a body's `scroll_id`
 *   (any scalar, read as its text, or an array of them) replacing them; an object is `scroll_id element should only
 *   contain scroll_id`, one in an array `scroll_id array element should only contain scroll_id`;
 *   `{"succeeded":true,"num_freed":N}`, 404 when nothing was freed. No id: `Validation Failed: 1: no scroll ids
 *   specified;`.
 * A body field other than those (or, for a page, a `scroll_id` or `scroll` that is not a string) is
 * IllegalArgumentException `Unknown parameter [x] in request body or parameter is of the wrong type[TOKEN]` with the
 * value's token (VALUE_NUMBER, START_OBJECT, ...), as SearchScrollRequest.fromXContent / ClearScrollRequest.fromXContent
 * throw it. A page's `took` is at least 1.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException, illegalArgumentException } from '../../errors/index.ts'
import { parseTimeValue, timeValueMillis } from '../../common/time/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { valueToken } from '../../action/value-token.ts'
import { clearScroll, executeScroll } from '../../action/search-scroll-action.ts'
import { isBlank, parseRequestBody } from '../request-body.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { searchResponseBody, shardsJson, typedKeys, withNamedQueryScores } from './search-actions.ts'

export function registerScrollActions(controller: RestController, context: RestContext): void {
  const scroll = (req: RestHandlerRequest) => guarded(() => searchScroll(context, req))
  const clear = (req: RestHandlerRequest) => guarded(() => clearScrollAction(context, req))
  for (const method of ['GET', 'POST'] as const)
    controller
      .register(method, '/_search/scroll', scroll, 'scroll')
      .register(method, '/_search/scroll/{scroll_id}', scroll, 'scroll')
  controller
    .register('DELETE', '/_search/scroll', clear, 'clear_scroll')
    .register('DELETE', '/_search/scroll/{scroll_id}', clear, 'clear_scroll')
}

async function searchScroll(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const started = context.clock.now()
  let scrollId = req.path.scroll_id ?? req.params.get('scroll_id') ?? null
  let scroll = req.params.get('scroll') ?? null
  for (const [key, value] of bodyFields(req) ?? []) {
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
    // SearchScrollAsyncAction.buildTookInMillis: at least 1.
    took: Math.max(1, context.clock.now() - started),
    withScores: withNamedQueryScores(req.params),
    typedKeys: typedKeys(req.params),
    innerHits: null,
  })
  return json(200, body)
}

async function clearScrollAction(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const named = req.path.scroll_id ?? req.params.get('scroll_id') ?? ''
  let scrollIds = named.split(',').filter((id) => id.trim() !== '')
  const fields = bodyFields(req)
  // ClearScrollRequest.fromXContent: a body, even `{}`, replaces the ids of the path.
  if (fields !== null) scrollIds = []
  for (const [key, value] of fields ?? []) {
    if (key !== 'scroll_id') throw unknownParameter(key, value)
    if (!Array.isArray(value))
      scrollIds.push(scalarScrollId(value, 'scroll_id element should only contain scroll_id'))
    else
      for (const element of value)
        scrollIds.push(scalarScrollId(element, 'scroll_id array element should only contain scroll_id'))
  }
  if (scrollIds.length === 0) throw actionRequestValidationException(['no scroll ids specified'])
  const freed = await clearScroll(context, scrollIds)
  return json(freed === 0 ? 404 : 200, { succeeded: true, num_freed: freed })
}

/** The fields of a JSON body, null without one. */
function bodyFields(req: RestHandlerRequest): XContentObject | null {
  const text = req.request.body
  if (text === null || isBlank(text)) return null
  return parseRequestBody(text)
}

function unknownParameter(key: string, value: XContentValue): Error {
  return illegalArgumentException(
    `Unknown parameter [${key}] in request body or parameter is of the wrong type[${valueToken(value)}] `,
  )
}

/** A value token's text as parser.text() gives it (`null` for null), else `error`. */
function scalarScrollId(value: XContentValue, error: string): string {
  if (value instanceof Map || Array.isArray(value)) throw illegalArgumentException(error)
  if (value instanceof XNumber) return value.text
  return String(value)
}
