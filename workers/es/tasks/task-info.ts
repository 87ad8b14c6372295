/**
 * TaskInfo (ES 8.17) as it crosses nodes and as TaskInfo.toXContent prints it: node, id, type (`transport`, or
 * `direct` for a child run on its parent's own node), action, status and description (only when the task was listed
 * `detailed`, or stored; a task without a status prints none), start_time_in_millis, running_time_in_nanos,
 * cancellable, cancelled (only for a cancellable task; left out of the copy stored in `.tasks`, whose mapping has
 * no such field, and false read back), parent_task_id (when the task has a parent) and headers (none).
 */
import { parseJson, type JsonOut } from '../xcontent/index.ts'

export interface TaskInfo {
  node: string
  id: number
  type: 'transport' | 'direct'
  action: string
  /** The status object as JSON text (its floats keep their Java spelling across nodes). */
  status?: string
  description?: string
  startMillis: number
  runningNanos: number
  cancellable: boolean
  cancelled: boolean
  /** `<node id>:<number>` of the parent task, when the task has one. */
  parentTaskId?: string
}

export function taskInfoJson(info: TaskInfo, includeCancelled = true): Map<string, JsonOut> {
  const json = new Map<string, JsonOut>([
    ['node', info.node],
    ['id', info.id],
    ['type', info.type],
    ['action', info.action],
  ])
  if (info.status !== undefined) json.set('status', parseJson(info.status))
  if (info.description !== undefined) json.set('description', info.description)
  json.set('start_time_in_millis', info.startMillis)
  json.set('running_time_in_nanos', info.runningNanos)
  json.set('cancellable', info.cancellable)
  if (includeCancelled && info.cancellable) json.set('cancelled', info.cancelled)
  if (info.parentTaskId !== undefined) json.set('parent_task_id', info.parentTaskId)
  json.set('headers', new Map())
  return json
}
