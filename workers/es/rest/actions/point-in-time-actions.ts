/**
 * RestOpenPointInTimeAction and RestClosePointInTimeAction (ES 8.17):
 * - `POST /{index}/_pit?keep_alive=1m`: `keep_alive` required (`Validation Failed: 1: [keep_alive] is not
 *   specified;`), `routing`, `preference` (accepted, no effect), `ignore_unavailable`, `expand_wildcards`,
 *   `allow_no_indices`, `allow_partial_search_results` (accepted); a body's `index_filter` (a query) skips the shards
 *   it matches nothing on. Answers `{"id": ..., "_shards": {total, successful, skipped, failed}}`
 *   (OpenPointInTimeResponse with RestActions.buildBroadcastShardsHeader).
 * - `DELETE /_pit` with `{"id": ...}`: `{"succeeded": ..., "num_freed": N}`, 404 when nothing was succeeded nor
 *   freed (ClosePointInTimeResponse.status). No body or no id: `search context id is is not provided`; another
 *   field: `Unknown parameter [x] in request body or parameter is of the wrong type[TOKEN] `.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException, illegalArgumentException } from '../../errors/index.ts'
import { parseTimeValue, timeValueMillis } from '../../common/time/index.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { closePointInTime, openPointInTime } from '../../action/point-in-time-action.ts'
import { isBlank, parseRequestBody } from '../request-body.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { valueToken } from '../../action/value-token.ts'

export function registerPointInTimeActions(controller: RestController, context: RestContext): void {
  controller
    .register('POST', '/{index}/_pit', (req) => guarded(() => openPit(context, req)), 'open_point_in_time')
    .register('DELETE', '/_pit', (req) => guarded(() => closePit(context, req)), 'close_point_in_time')
}

async function openPit(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const param = req.params.get('keep_alive')
  const keepAlive = param === undefined ? null : timeValueMillis(parseTimeValue(param, 'keep_alive'))
  let indexFilter: XContentObject | null = null
  for (const [key, value] of bodyFields(req)) {
    if (key === 'index_filter' && value instanceof Map) indexFilter = value
    else throw illegalArgumentException(`[open_point_in_time_request] unknown field [${key}]`)
  }
  if (keepAlive === null) throw actionRequestValidationException(['[keep_alive] is not specified'])
  const opened = await openPointInTime(context, req.path.index, req.params, keepAlive, indexFilter)
  const { id, total, successful, skipped, failed } = opened
  return json(200, { id, _shards: { total, successful, skipped, failed } })
}

async function closePit(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  let id: string | null = null
  for (const [key, value] of bodyFields(req)) {
    if (key !== 'id') {
      throw illegalArgumentException(
        `Unknown parameter [${key}] in request body or parameter is of the wrong type[${valueToken(value)}] `,
      )
    }
    if (value instanceof Map || Array.isArray(value))
      throw illegalArgumentException('the request must contain only [id field')
    id = String(value)
  }
  if (id === null || id === '') throw illegalArgumentException('search context id is is not provided')
  const { succeeded, freed } = await closePointInTime(context, id)
  return json(succeeded || freed > 0 ? 200 : 404, { succeeded, num_freed: freed })
}

/** The fields of a JSON body (none for an empty one). */
function bodyFields(req: RestHandlerRequest): XContentObject {
  const text = req.request.body
  if (text === null || isBlank(text)) return new Map()
  return parseRequestBody(text)
}
