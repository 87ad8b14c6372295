/**
 * TaskInfo (ES 8.17) as it crosses nodes and as TaskInfo.toXContent prints it: node, id, type ("transport"),
 * action, status and description (only when the task was listed `detailed`, or stored), start_time_in_millis,
 * running_time_in_nanos, cancellable (every task the playground registers is a CancellableTask), cancelled
 * (left out of the copy stored in `.tasks`, whose mapping has no such field; read back, it is false), and
 * headers (none). The playground's tasks have no parent, so `parent_task_id` is never printed.
 */
import { parseJson, type JsonOut } from '../xcontent/index.ts'

export interface TaskInfo {
  node: string
  id: number
  action: string
  /** The status object as JSON text (its floats keep their Java spelling across nodes). */
  status?: string
  description?: string
  startMillis: number
  runningNanos: number
  cancelled: boolean
}

export function taskInfoJson(info: TaskInfo, includeCancelled = true): Map<string, JsonOut> {
  const json = new Map<string, JsonOut>([
    ['node', info.node],
    ['id', info.id],
    ['type', 'transport'],
    ['action', info.action],
  ])
  if (info.status !== undefined) json.set('status', parseJson(info.status))
  if (info.description !== undefined) json.set('description', info.description)
  json.set('start_time_in_millis', info.startMillis)
  json.set('running_time_in_nanos', info.runningNanos)
  json.set('cancellable', true)
  if (includeCancelled) json.set('cancelled', info.cancelled)
  json.set('headers', new Map())
  return json
}
