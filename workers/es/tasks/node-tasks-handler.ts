/**
 * A node's side of the tasks messages (TransportTasksAction.nodeOperation), taken out of the shard channel's
 * handler: `list_tasks` (cluster:monitor/tasks/lists[n]), `cancel_tasks` (cluster:admin/tasks/cancel[n]) and
 * `rethrottle_tasks` (cluster:admin/reindex/rethrottle[n]) run on this node's TaskManager (task-manager.ts); an
 * EsException they throw is the node's failure, answered as data.
 * A listing sent by `GET _tasks` carries its coordinating task: while the node lists, its child
 * `cluster:monitor/tasks/lists[n]` runs (type `direct` on the coordinating node itself, where ES runs it without the
 * transport, `transport` elsewhere; not cancellable, no status, an empty description), so the listing shows it as
 * ES's does.
 */
import type { Clock } from '../../net/clock.ts'
import { EsException } from '../errors/index.ts'
import { toWireException } from '../errors/wire-exception.ts'
import type { ShardRequest, ShardResponse } from '../action/shard-messages.ts'
import type { TaskManager } from './task-manager.ts'
import type { TaskInfo } from './task-info.ts'

/** ListTasksAction's and its node requests' action names. */
export const LIST_TASKS_ACTION = 'cluster:monitor/tasks/lists'

export type TasksMessage = Extract<ShardRequest, { type: 'list_tasks' | 'cancel_tasks' | 'rethrottle_tasks' }>

export function handleTasksMessage(
  tasks: TaskManager,
  clock: Clock,
  localNodeId: string,
  request: TasksMessage,
): ShardResponse {
  if (request.type === 'cancel_tasks') return answer(() => tasks.cancel(request.request, request.reason))
  if (request.type === 'rethrottle_tasks') {
    return answer(() => tasks.rethrottle(request.request, request.requestsPerSecond))
  }
  const parent = request.parentTask
  if (parent === null) return answer(() => tasks.list(request.request))
  const child = tasks.register({
    action: `${LIST_TASKS_ACTION}[n]`,
    description: '',
    startMillis: clock.now(),
    status: () => null,
    type: parent.startsWith(`${localNodeId}:`) ? 'direct' : 'transport',
    cancellable: false,
    parentTaskId: parent,
  })
  try {
    return answer(() => tasks.list(request.request))
  } finally {
    tasks.unregister(child)
  }
}

function answer(operation: () => TaskInfo[]): ShardResponse {
  try {
    return { type: 'tasks', tasks: operation() }
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    return { type: 'tasks_failed', error: toWireException(error) }
  }
}
