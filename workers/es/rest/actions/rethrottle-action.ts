/**
 * RestRethrottleAction (ES 8.17): POST /_reindex/{taskId}/_rethrottle, /_update_by_query/{taskId}/_rethrottle and
 * /_delete_by_query/{taskId}/_rethrottle, each for any by-query task (the path does not pick the action).
 *
 * Its prepareRequest reads the task id (TaskId: "malformed task id <id>"), then `requests_per_second`
 * (parseRequestsPerSecond: a float above 0, or -1 for unlimited; else "[requests_per_second] must be a float
 * greater than 0. Use -1 to disable throttling."), which it requires ("requests_per_second is a required
 * parameter"), and `group_by`, checked only once the URL parameters are ("[group_by] must be one of ...").
 *
 * TransportRethrottleAction asks the task's node (tasks/transport-tasks-action.ts), whose TaskManager rethrottles it
 * (tasks/task-manager.ts, tasks/bulk-by-scroll-task.ts); the answer is ListTasksResponse with the task's detailed
 * TaskInfo, grouped by `group_by` (nodes by default). A task not running there is a node failure
 * (resource_not_found_exception "task [<id>] is missing"), answered 200 as ES answers it.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { requestsPerSecond } from '../../tasks/bulk-by-scroll-task.ts'
import {
  listTasksBody,
  nodesTasks,
  parseGroupBy,
  parseTaskId,
  targetNodes,
} from '../../tasks/transport-tasks-action.ts'

export function registerRethrottleAction(controller: RestController, context: RestContext): void {
  const routes = [
    ['/_update_by_query/{taskId}/_rethrottle', 'update_by_query_rethrottle'],
    ['/_delete_by_query/{taskId}/_rethrottle', 'delete_by_query_rethrottle'],
    ['/_reindex/{taskId}/_rethrottle', 'reindex_rethrottle'],
  ] as const
  for (const [path, api] of routes) {
    controller.register(
      'POST',
      path,
      (req) => guarded(() => rethrottle(context, req)),
      api,
      null,
      (req) => {
        rethrottleRequest(req)
      },
    )
  }
}

/** prepareRequest's RethrottleRequest: the task (null: TaskId's unset id, every task) and its new throttle. */
function rethrottleRequest(req: RestHandlerRequest): {
  task: { node: string; id: number } | null
  requestsPerSecond: number
} {
  const task = parseTaskId(req.path.taskId)
  if (req.params.get('requests_per_second') === undefined) {
    throw illegalArgumentException('requests_per_second is a required parameter')
  }
  return { task, requestsPerSecond: requestsPerSecond(req) }
}

async function rethrottle(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const { task, requestsPerSecond } = rethrottleRequest(req)
  const groupBy = parseGroupBy(req.params.get('group_by'))
  const state = context.client.cluster.state()
  const response = await nodesTasks(context, targetNodes(state, context, task, undefined), {
    type: 'rethrottle_tasks',
    request: { actions: [], taskId: task?.id ?? null, parentTaskId: null, detailed: true },
    requestsPerSecond,
  })
  return json(200, listTasksBody(state, response, groupBy))
}
