/**
 * The task management APIs (ES 8.17) over the tasks the playground registers (tasks/task-manager.ts: the by-query
 * APIs and `_reindex`, and `GET _tasks` itself: its `cluster:monitor/tasks/lists` task on this node while it runs,
 * with a `cluster:monitor/tasks/lists[n]` child on each node it asks, tasks/node-tasks-handler.ts):
 *
 * - GET /_tasks (RestListTasksAction): `nodes`, `actions` (comma-separated Regex.simpleMatch patterns),
 *   `detailed` (adds each task's `status` and `description`), `parent_task_id`, `group_by` (nodes | parents |
 *   none; anything else "[group_by] must be one of [nodes], [parents] or [none] but was [x]"), printed as
 *   ListTasksResponse (tasks/transport-tasks-action.ts).
 * - GET /_tasks/<task_id> (RestGetTaskAction): a running task, from its node, as `{"completed":false,"task":
 *   {...}}` with its detailed TaskInfo; else its stored result read back from `.tasks`
 *   (tasks/task-results-service.ts): `{"completed":true,"task":{...},"response":{...}}`. An id not of the form
 *   `<node id>:<number>` is "malformed task id <id>" (400); an id with no stored result is
 *   resource_not_found_exception "task [<id>] isn't running and hasn't stored its results" (404), wrapped, when the
 *   id's node is not in the cluster, in "task [<id>] belongs to the node [<node>] which isn't part of the cluster
 *   and there is no record of the task".
 *   `wait_for_completion=true` waits (30 s at most) for a running task to end and answers its stored result.
 * - POST /_tasks/_cancel and /_tasks/<task_id>/_cancel (RestCancelTasksAction): the matching tasks cancelled
 *   with the reason "by user request", answered as ListTasksResponse of their TaskInfo (`group_by` as above); a
 *   task id that is not running is a node failure (resource_not_found_exception "task [<id>] is not found"); a
 *   task id with `nodes` fails validation ("task id cannot be used together with node ids").
 */
import type { RestResponse } from '../../../protocol/es.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { actionRequestValidationException, EsException } from '../../errors/index.ts'
import { getTaskResult } from '../../tasks/task-results-service.ts'
import type { TasksRequest } from '../../tasks/task-manager.ts'
import { taskInfoJson, type TaskInfo } from '../../tasks/task-info.ts'
import {
  listTasksBody,
  nodesTasks,
  parseGroupBy,
  parseTaskId,
  targetNodes,
  type NodesTasksResponse,
} from '../../tasks/transport-tasks-action.ts'
import { urlFlag } from '../../common/booleans.ts'
import { LIST_TASKS_ACTION } from '../../tasks/node-tasks-handler.ts'

/** CancelTasksRequest.DEFAULT_REASON. */
const CANCEL_REASON = 'by user request'

export function registerTasksActions(controller: RestController, context: RestContext): void {
  controller
    .register('GET', '/_tasks', (req) => guarded(() => listTasks(context, req)), 'tasks.list')
    .register('GET', '/_tasks/{task_id}', (req) => guarded(() => getTask(context, req)), 'tasks.get')
    .register('POST', '/_tasks/_cancel', (req) => guarded(() => cancelTasks(context, req)), 'tasks.cancel')
    .register(
      'POST',
      '/_tasks/{task_id}/_cancel',
      (req) => guarded(() => cancelTasks(context, req)),
      'tasks.cancel',
    )
}

function commaList(value: string | undefined): string[] {
  return (value ?? '').split(',').filter((part) => part !== '')
}

function tasksRequest(req: RestHandlerRequest, detailed: boolean): TasksRequest {
  const parent = parseTaskId(req.params.get('parent_task_id'))
  return {
    actions: commaList(req.params.get('actions')),
    taskId: null,
    parentTaskId: parent === null ? null : `${parent.node}:${parent.id}`,
    detailed,
  }
}

async function listTasks(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const groupBy = parseGroupBy(req.params.get('group_by'))
  const state = context.client.cluster.state()
  return json(200, listTasksBody(state, await listTaskInfos(context, req), groupBy))
}

/**
 * TransportListTasksAction for `GET _tasks` and `_cat/tasks`: the tasks of the request's nodes, asked under the
 * list action's own task on this node (the parent of each node's `[n]` child while they list).
 */
export async function listTaskInfos(
  context: RestContext,
  req: RestHandlerRequest,
): Promise<NodesTasksResponse> {
  const request = tasksRequest(req, urlFlag(req.params, 'detailed') ?? false)
  const targets = targetNodes(context.client.cluster.state(), context, null, req.params.get('nodes'))
  const task = context.tasks.register({
    action: LIST_TASKS_ACTION,
    description: '',
    startMillis: context.clock.now(),
    status: () => null,
    cancellable: false,
  })
  try {
    const parentTask = `${context.identity.nodeId}:${task.id}`
    return await nodesTasks(context, targets, { type: 'list_tasks', request, parentTask })
  } finally {
    context.tasks.unregister(task)
  }
}

async function cancelTasks(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const task = parseTaskId(req.path.task_id)
  const request = { ...tasksRequest(req, false), taskId: task?.id ?? null }
  const nodes = req.params.get('nodes')
  if (task !== null && commaList(nodes).length > 0) {
    throw actionRequestValidationException(['task id cannot be used together with node ids'])
  }
  const groupBy = parseGroupBy(req.params.get('group_by'))
  const state = context.client.cluster.state()
  const targets = targetNodes(state, context, task, nodes)
  const response = await nodesTasks(context, targets, {
    type: 'cancel_tasks',
    request,
    reason: CANCEL_REASON,
  })
  return json(200, listTasksBody(state, response, groupBy))
}

/** TaskManager.waitForTaskCompletion's poll and TransportGetTaskAction's default wait. */
const WAIT_POLL_MS = 100
const DEFAULT_WAIT_TIMEOUT_MS = 30_000

/**
 * TransportGetTaskAction: the running task from its node, else its stored result; with `wait_for_completion`,
 * the stored result once the task has ended (polled as TaskManager.waitForTaskCompletion polls), or, when it stored
 * none, the snapshot taken while it ran, completed (waitedForCompletion).
 */
async function getTask(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const taskId = req.path.task_id!
  const task = parseTaskId(taskId)
  const wait = urlFlag(req.params, 'wait_for_completion') ?? false
  const deadline = context.clock.now() + DEFAULT_WAIT_TIMEOUT_MS
  let snapshot: TaskInfo | undefined
  for (;;) {
    const running = task === null ? undefined : await runningTask(context, task)
    if (running === undefined) break
    if (!wait) return json(200, { completed: false, task: taskInfoJson(running) })
    snapshot = running
    if (context.clock.now() >= deadline) {
      throw new EsException({
        type: 'elasticsearch_timeout_exception',
        reason: `Timed out waiting for completion of task [${taskId}]`,
        status: 408,
      })
    }
    await context.clock.sleep(WAIT_POLL_MS)
  }
  try {
    return json(200, await getTaskResult(context, taskId))
  } catch (error) {
    const notStored = error instanceof EsException && error.type === 'resource_not_found_exception'
    if (!notStored) throw error
    if (snapshot !== undefined) return json(200, { completed: true, task: taskInfoJson(snapshot) })
    if (task !== null && !context.client.cluster.state().nodes.some((node) => node.id === task.node)) {
      throw nodeLeftWithoutRecord(taskId, task.node, error)
    }
    throw error
  }
}

/** TransportGetTaskAction: a task of a node not in the cluster, with no stored result (wrapping that failure). */
function nodeLeftWithoutRecord(taskId: string, nodeId: string, cause: EsException): EsException {
  return new EsException({
    type: 'resource_not_found_exception',
    reason: `task [${taskId}] belongs to the node [${nodeId}] which isn't part of the cluster and there is no record of the task`,
    status: 404,
    causedBy: cause,
  })
}

/** The detailed TaskInfo of the task from its node, or undefined when it is not running. */
async function runningTask(
  context: RestContext,
  task: { node: string; id: number },
): Promise<TaskInfo | undefined> {
  const node = context.client.cluster.state().nodes.find((n) => n.id === task.node)
  if (node === undefined) return undefined
  const request: TasksRequest = { actions: [], taskId: task.id, parentTaskId: null, detailed: true }
  const answer = await context.client.toNode(node.address, { type: 'list_tasks', request, parentTask: null })
  return answer?.type === 'tasks' ? answer.tasks[0] : undefined
}
