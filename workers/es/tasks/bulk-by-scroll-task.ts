/**
 * AbstractBaseReindexRestHandler.doPrepareRequest for `_delete_by_query`, `_update_by_query` and `_reindex`:
 * with `wait_for_completion` true (the default) the response is the run's BulkByScrollResponse (or the exception
 * that stopped it); with `wait_for_completion=false` the answer is `{"task":"<node id>:<number>"}` and the
 * task's result is stored in `.tasks` (task-results-service.ts): `response` is the BulkByScrollResponse printed
 * with every counter (the stored copy has no REST parameters to leave `updated` or `created` out), `task.status`
 * the BulkByScrollTask.Status (the response's counters without `took`, `timed_out` and `failures`), or `error`
 * for a run a script stopped.
 *
 * The playground runs the task to its end before it answers, so `GET _tasks/<id>` always finds it completed.
 */
import type { RestResponse } from '../../protocol/es.ts'
import { exceptionFields } from '../errors/index.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { RestContext } from '../rest/rest-context.ts'
import type { RestHandlerRequest } from '../rest/rest-controller.ts'
import { json } from '../rest/responses.ts'
import type { BulkByScrollResult } from '../action/bulk-by-scroll.ts'
import { nextTaskId, storeResult } from './task-results-service.ts'

export interface BulkByScrollTask {
  /** The transport action's name: `indices:data/write/update/byquery`, ... */
  action: string
  /** The request's toString, the task's description. */
  description: string
  started: number
}

/** True when the request asks to run as a task (`wait_for_completion=false`). */
export function runsAsTask(req: RestHandlerRequest): boolean {
  return req.params.get('wait_for_completion') === 'false'
}

/** Arrays.toString of the request's index names, as AbstractBulkByScrollRequest.searchToString prints them. */
export function indicesToString(names: string | undefined): string {
  if (names === undefined || names === '') return '[all indices]'
  return `[${names.split(',').join(', ')}]`
}

const NOT_STATUS = new Set(['took', 'timed_out', 'failures'])

export async function respond(
  context: RestContext,
  req: RestHandlerRequest,
  task: BulkByScrollTask,
  execute: () => Promise<BulkByScrollResult>,
): Promise<RestResponse> {
  if (!runsAsTask(req)) {
    const { status, body, failure } = await execute()
    if (failure !== null) throw failure
    return json(status, body)
  }
  const taskId = nextTaskId(context)
  const { body, failure } = await execute()
  const status = new Map<string, JsonOut>([...body].filter(([key]) => !NOT_STATUS.has(key)))
  await storeResult(context, {
    taskId,
    action: task.action,
    description: task.description,
    status,
    startMillis: task.started,
    runningNanos: (context.clock.now() - task.started) * 1_000_000,
    outcome: failure === null ? { response: body } : { error: exceptionFields(failure) },
  })
  return json(200, new Map([['task', taskId]]))
}
