/**
 * AsyncSearchResponse and AsyncStatusResponse (ES 8.17 x-pack core) as JSON, from one AsyncSearchResult: the state
 * of an async search, running or done, as its task holds it or its `.async-search` document stored it.
 *
 * AsyncSearchResponse: `id` (when the result is kept or the search still runs), `is_partial`, `is_running`,
 * `start_time_in_millis`, `expiration_time_in_millis`, `completion_time_in_millis` (start + the response's `took`,
 * once done with a response), `response` (the search response; while running, or failed after its shards were listed,
 * the partial one of mutable-search-response.ts), `error` (ElasticsearchException.generateThrowableXContent: no
 * root_cause). Its HTTP status is the response's (200) once done without error, else the error's, else 200.
 *
 * AsyncStatusResponse: `id`, `is_running`, `is_partial`, the times (no completion time for a failed search),
 * `_shards` (RestActions.buildBroadcastShardsHeader's counts of the response, zeros without one) and, once done,
 * `completion_status`.
 */
import type { JsonOut } from '../../xcontent/index.ts'

export type ShardCounts = { total: number; successful: number; skipped: number; failed: number }

export interface AsyncSearchResult {
  isPartial: boolean
  isRunning: boolean
  startMillis: number
  /** The search response printed without and with `typed_keys`, its `took` and `_shards`; null: none (yet). */
  response: { plain: JsonOut; typed: JsonOut; took: number; shards: ShardCounts } | null
  /** The failure's fields (exceptionFields), or null. */
  error: JsonOut | null
  /** The HTTP status of the search's outcome (AsyncSearchResponse.status). */
  status: number
}

function completionTime(result: AsyncSearchResult): number | null {
  return result.response === null || result.isRunning ? null : result.startMillis + result.response.took
}

/** AsyncSearchResponse.toXContent. */
export function asyncSearchResponseJson(
  id: string | null,
  result: AsyncSearchResult,
  expirationMillis: number,
  typedKeys: boolean,
): Map<string, JsonOut> {
  const body = new Map<string, JsonOut>()
  if (id !== null) body.set('id', id)
  body.set('is_partial', result.isPartial)
  body.set('is_running', result.isRunning)
  body.set('start_time_in_millis', result.startMillis)
  body.set('expiration_time_in_millis', expirationMillis)
  const completed = completionTime(result)
  if (completed !== null) body.set('completion_time_in_millis', completed)
  if (result.response !== null)
    body.set('response', typedKeys ? result.response.typed : result.response.plain)
  if (result.error !== null) body.set('error', result.error)
  return body
}

/** AsyncStatusResponse.toXContent (getStatusFromStoredSearch, or the running task's). */
export function asyncStatusResponseJson(
  id: string,
  result: AsyncSearchResult,
  expirationMillis: number,
): Map<string, JsonOut> {
  const body = new Map<string, JsonOut>([
    ['id', id],
    ['is_running', result.isRunning],
    ['is_partial', result.isPartial],
    ['start_time_in_millis', result.startMillis],
    ['expiration_time_in_millis', expirationMillis],
  ])
  const completed = result.error === null ? completionTime(result) : null
  if (completed !== null) body.set('completion_time_in_millis', completed)
  body.set('_shards', result.response?.shards ?? { total: 0, successful: 0, skipped: 0, failed: 0 })
  if (!result.isRunning) body.set('completion_status', result.status)
  return body
}
