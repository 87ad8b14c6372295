/**
 * AbstractBaseReindexRestHandler.doPrepareRequest for `_delete_by_query`, `_update_by_query` and `_reindex`:
 * with `wait_for_completion` true (the default) the response is the run's BulkByScrollResponse (or the exception
 * that stopped it); with `wait_for_completion=false` the answer is `{"task":"<node id>:<number>"}` and the
 * task's result is stored in `.tasks` (task-results-service.ts): `response` is the BulkByScrollResponse printed
 * with every counter (the stored copy has no REST parameters to leave `updated` or `created` out), `task.status`
 * the BulkByScrollTask.Status (the response's counters without `took`, `timed_out` and `failures`), or `error`
 * for a run a script stopped.
 *
 * Either way the run is a task of this node's TaskManager while it runs (listed by `GET _tasks`, cancellable by
 * `POST _tasks/<id>/_cancel`); with `wait_for_completion=false` it runs after the answer, in the background.
 * `requests_per_second` throttles it (bulk-by-scroll-worker.ts).
 */
import type { RestResponse } from '../../protocol/es.ts'
import { exceptionFields, illegalArgumentException, numberFormatException } from '../errors/index.ts'
import type { RestContext } from '../rest/rest-context.ts'
import type { RestHandlerRequest } from '../rest/rest-controller.ts'
import { json } from '../rest/responses.ts'
import type { BulkByScrollResult } from '../action/bulk-by-scroll.ts'
import { storeResult } from './task-results-service.ts'
import { parseJavaDouble } from '../../net/java-double.ts'
import { BulkByScrollWorker } from '../action/bulk-by-scroll-worker.ts'
import type { RunningTask } from './task-manager.ts'

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

/** The status and stored response print every counter: they have no REST parameters to leave some out. */
const ALL_FIELDS = { updated: true, created: true }

/**
 * AbstractBaseReindexRestHandler.parseRequestsPerSecond: `requests_per_second`, a float above 0 or -1
 * (unthrottled, the default); Infinity when unthrottled.
 */
export function requestsPerSecond(req: RestHandlerRequest): number {
  const text = req.params.get('requests_per_second')
  if (text === undefined) return Infinity
  const message = '[requests_per_second] must be a float greater than 0. Use -1 to disable throttling.'
  const parsed = parseJavaDouble(text)
  if (parsed === null) {
    const cause =
      text.trim() === '' ? numberFormatException(text, 'empty String') : numberFormatException(text)
    throw illegalArgumentException(message, cause)
  }
  const value = Math.fround(parsed)
  if (value === -1) return Infinity
  if (!(value > 0)) throw illegalArgumentException(message)
  return value
}

export async function respond(
  context: RestContext,
  req: RestHandlerRequest,
  task: BulkByScrollTask,
  execute: (worker: BulkByScrollWorker) => Promise<BulkByScrollResult>,
): Promise<RestResponse> {
  const worker = new BulkByScrollWorker(context.clock, requestsPerSecond(req))
  const running = context.tasks.register({
    action: task.action,
    description: task.description,
    startMillis: task.started,
    status: () => worker.status(ALL_FIELDS),
  })
  running.onCancel = (reason) => worker.cancel(reason)
  if (!runsAsTask(req)) {
    try {
      const { status, body, failure } = await execute(worker)
      if (failure !== null) throw failure
      return json(status, body)
    } finally {
      context.tasks.unregister(running)
    }
  }
  // A run the node's stop (or a lost master while storing) breaks off ends without a stored result, as a task dies
  // with its node.
  runInBackground(context, task, running, worker, execute).catch(() => undefined)
  return json(200, new Map([['task', `${context.identity.nodeId}:${running.id}`]]))
}

/** The task of `wait_for_completion=false`: run, its result stored in `.tasks`, then unregistered. */
async function runInBackground(
  context: RestContext,
  task: BulkByScrollTask,
  running: RunningTask,
  worker: BulkByScrollWorker,
  execute: (worker: BulkByScrollWorker) => Promise<BulkByScrollResult>,
): Promise<void> {
  try {
    const { body, failure } = await execute(worker)
    await storeResult(context, {
      taskId: `${context.identity.nodeId}:${running.id}`,
      action: task.action,
      description: task.description,
      status: worker.status(ALL_FIELDS),
      startMillis: task.started,
      runningNanos: (context.clock.now() - task.started) * 1_000_000,
      outcome: failure === null ? { response: body } : { error: exceptionFields(failure) },
    })
  } finally {
    context.tasks.unregister(running)
  }
}
