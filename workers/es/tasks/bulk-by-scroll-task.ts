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
 * `POST _tasks/<id>/_cancel`, rethrottled by `_rethrottle`); with `wait_for_completion=false` it runs after the
 * answer, in the background. `requests_per_second` throttles it (bulk-by-scroll-worker.ts).
 *
 * With more than one slice (BulkByScrollParallelizationHelper.executeSlicedAction) the task is a leader
 * (action/leader-bulk-by-scroll-task-state.ts): each slice runs at once as a child task of the same action and
 * description (`parent_task_id` the leader), with requests_per_second / slices (a float) and its own status
 * (`slice_id`); cancelling the leader cancels them with the same reason (TaskManager.cancelTaskAndDescendants), and
 * rethrottling it rethrottles the running ones (a slice can be rethrottled by its own id too). Only the leader
 * stores its result.
 */
import type { RestResponse } from '../../protocol/es.ts'
import {
  EsException,
  exceptionFields,
  illegalArgumentException,
  numberFormatException,
} from '../errors/index.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { RestContext } from '../rest/rest-context.ts'
import type { RestHandlerRequest } from '../rest/rest-controller.ts'
import { json } from '../rest/responses.ts'
import {
  bulkByScroll,
  bulkByScrollResponse,
  scrollHits,
  type BulkByScrollOptions,
  type BulkByScrollResult,
  type ScrollHit,
  type ScrollSearch,
} from '../action/bulk-by-scroll.ts'
import type { BulkItem } from '../action/transport-bulk-action.ts'
import { forSlice, resolveSlices } from '../action/bulk-by-scroll-parallelization.ts'
import { storeResult } from './task-results-service.ts'
import { parseJavaDouble } from '../../net/java-double.ts'
import { BulkByScrollWorker } from '../action/bulk-by-scroll-worker.ts'
import {
  statusXContent,
  type BulkByScrollStatus,
  type StatusFields,
} from '../action/bulk-by-scroll-status.ts'
import { LeaderBulkByScrollTaskState } from '../action/leader-bulk-by-scroll-task-state.ts'
import type { SliceBuilder } from '../search/slice/slice-builder.ts'
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
const ALL_FIELDS: StatusFields = { updated: true, created: true }

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

/** What the REST action runs: a scroll over `search` and a bulk per batch, once, or once per slice. */
export interface BulkByScrollRun {
  search: ScrollSearch
  options: BulkByScrollOptions & {
    /** requests_per_second; Infinity when unthrottled. */
    requestsPerSecond: number
    /** The configured slices (AUTO_SLICES for `auto`). */
    slices: number
  }
  /** The REST action's include_updated / include_created. */
  fields: StatusFields
  /** The write for a hit; null for a noop. */
  write: (hit: ScrollHit) => BulkItem | null
}

export async function respond(
  context: RestContext,
  req: RestHandlerRequest,
  task: BulkByScrollTask,
  run: BulkByScrollRun,
): Promise<RestResponse> {
  const slices = resolveSlices(run.options.slices, run.search)
  const sliceOptions = forSlice(run.options, slices)
  // AbstractAsyncBulkByScrollAction over the whole search or, a sliced run's child, over one slice of it
  const execute = async (
    worker: BulkByScrollWorker,
    slice: SliceBuilder | null,
  ): Promise<BulkByScrollResult> => {
    const hits = await scrollHits(context, run.search, slice)
    return bulkByScroll(
      context,
      task.started,
      hits,
      slice === null ? run.options : sliceOptions,
      run.write,
      worker,
    )
  }
  const state =
    slices > 1
      ? leaderState(context, task, slices, run.options.requestsPerSecond, execute)
      : workerState(context, run.options.requestsPerSecond, execute)
  const status = (): Map<string, JsonOut> => statusXContent(state.status(), ALL_FIELDS)
  const running = context.tasks.register({
    action: task.action,
    description: task.description,
    startMillis: task.started,
    status,
  })
  running.onCancel = (reason) => state.cancel(reason)
  running.rethrottle = (newRequestsPerSecond) =>
    statusXContent(state.rethrottle(newRequestsPerSecond), ALL_FIELDS)
  if (!runsAsTask(req)) {
    try {
      const result = await state.execute(running)
      if (result.failure !== null) throw result.failure
      const { status: httpStatus, body } = bulkByScrollResponse(result, run.fields)
      return json(httpStatus, body)
    } finally {
      context.tasks.unregister(running)
    }
  }
  // A run the node's stop (or a lost master while storing) breaks off ends without a stored result, as a task dies
  // with its node.
  runInBackground(context, task, running, () => state.execute(running), status).catch(() => undefined)
  return json(200, new Map([['task', `${context.identity.nodeId}:${running.id}`]]))
}

/** BulkByScrollTask's worker or leader state, as the task's status, cancellation and run see it. */
interface BulkByScrollTaskState {
  status(): BulkByScrollStatus
  cancel(reason: string): void
  /** TransportRethrottleAction.rethrottle (Infinity: unlimited); the status after. */
  rethrottle(requestsPerSecond: number): BulkByScrollStatus
  execute(task: RunningTask): Promise<BulkByScrollResult>
}

/** One run (of the whole search, or of a slice of it). */
type Execute = (worker: BulkByScrollWorker, slice: SliceBuilder | null) => Promise<BulkByScrollResult>

function workerState(
  context: RestContext,
  requestsPerSecond: number,
  execute: Execute,
): BulkByScrollTaskState {
  const worker = new BulkByScrollWorker(context.clock, requestsPerSecond)
  return {
    status: () => worker.status(),
    cancel: (reason) => worker.cancel(reason),
    rethrottle: (newRequestsPerSecond) => rethrottleChildTask(worker, newRequestsPerSecond),
    execute: () => execute(worker, null),
  }
}

/** TransportRethrottleAction.rethrottleChildTask: a worker's new requests_per_second; its status after. */
function rethrottleChildTask(worker: BulkByScrollWorker, newRequestsPerSecond: number): BulkByScrollStatus {
  worker.rethrottle(newRequestsPerSecond)
  return worker.status()
}

/** A sliced run's leader: the children are cancelled with it (task-manager.ts); it only records the reason. */
function leaderState(
  context: RestContext,
  task: BulkByScrollTask,
  slices: number,
  requestsPerSecond: number,
  execute: Execute,
): BulkByScrollTaskState {
  const leader = new LeaderBulkByScrollTaskState(slices, context.clock, requestsPerSecond)
  return {
    status: () => leader.status(),
    cancel: (reason) => {
      leader.reasonCancelled = reason
    },
    rethrottle: (newRequestsPerSecond) => leader.rethrottle(newRequestsPerSecond),
    execute: (parent) => runSlices(context, task, parent, leader, execute),
  }
}

/** sendSubRequests: every slice at once, each a child task of the leader, then their merged result. */
async function runSlices(
  context: RestContext,
  task: BulkByScrollTask,
  parent: RunningTask,
  leader: LeaderBulkByScrollTaskState,
  execute: Execute,
): Promise<BulkByScrollResult> {
  await Promise.all(
    leader.workers.map(async (worker, sliceId) => {
      const child = context.tasks.register({
        action: task.action,
        description: task.description,
        startMillis: context.clock.now(),
        status: () => statusXContent(worker.status(), ALL_FIELDS),
        parentTaskId: `${context.identity.nodeId}:${parent.id}`,
      })
      child.onCancel = (reason) => worker.cancel(reason)
      child.rethrottle = (newRequestsPerSecond) =>
        statusXContent(rethrottleChildTask(worker, newRequestsPerSecond), ALL_FIELDS)
      try {
        leader.onSliceResult(sliceId, await execute(worker, { id: sliceId, max: leader.slices }))
      } catch (error) {
        if (!(error instanceof EsException)) throw error
        leader.onSliceResult(sliceId, { took: 0, status: worker.status(), failures: [], failure: error })
      } finally {
        context.tasks.unregister(child)
      }
    }),
  )
  return leader.response()
}

/** The task of `wait_for_completion=false`: run, its result stored in `.tasks`, then unregistered. */
async function runInBackground(
  context: RestContext,
  task: BulkByScrollTask,
  running: RunningTask,
  execute: () => Promise<BulkByScrollResult>,
  status: () => Map<string, JsonOut>,
): Promise<void> {
  try {
    const result = await execute()
    await storeResult(context, {
      taskId: `${context.identity.nodeId}:${running.id}`,
      action: task.action,
      description: task.description,
      status: status(),
      startMillis: task.started,
      runningNanos: (context.clock.now() - task.started) * 1_000_000,
      outcome:
        result.failure === null
          ? { response: bulkByScrollResponse(result, ALL_FIELDS).body }
          : { error: exceptionFields(result.failure) },
    })
  } finally {
    context.tasks.unregister(running)
  }
}
