/**
 * TaskResultsService (ES 8.17): where a task started with `wait_for_completion=false` leaves its result, and
 * TransportGetTaskAction's read of it.
 *
 * The result is a document of the `.tasks` system index, its id the task id (`<node id>:<number>`), its source
 * TaskResult.toXContent without `task.cancelled`: `{"completed":true,"task":{node, id, type, action, status,
 * description, start_time_in_millis, running_time_in_nanos, cancellable, headers},"response":{...}}` (or
 * `"error"` instead of `"response"` for a task that failed). The index is created on the first store with
 * TaskResultsService's settings (1 shard, `auto_expand_replicas` 0-1, `priority` Integer.MAX_VALUE, hidden as
 * system indices are) and its strict mapping; GET `_tasks/<id>` reads the document back and prints it with
 * `cancelled` (TaskInfo's default params), false as TaskInfo's parser reads a missing one. A task still running
 * (task-manager.ts) is answered from the node that runs it: `{"completed":false,"task":{...}}` with its
 * detailed TaskInfo.
 */
import { illegalArgumentException, type EsException } from '../errors/index.ts'
import { resourceNotFoundException } from '../cluster/metadata/metadata-errors.ts'
import { ensureSystemIndex } from '../indices/system-index-creation.ts'
import { parseJson, toJson, XNumber, type JsonOut, type XContentValue } from '../xcontent/index.ts'
import type { RestContext } from '../rest/rest-context.ts'
import { executeSingleWrite } from '../action/transport-bulk-action.ts'
import { realtimeGet } from '../action/transport-get-action.ts'
import { taskInfoJson } from './task-info.ts'

const TASK_INDEX = '.tasks'

const JAVA_INTEGER_MAX = 2147483647

/** A finished task: its TaskInfo fields and its outcome. */
export interface TaskResult {
  taskId: string
  action: string
  description: string
  /** The task's status object (BulkByScrollTask.Status for the by-query APIs). */
  status: JsonOut
  startMillis: number
  runningNanos: number
  outcome: { response: JsonOut } | { error: JsonOut }
}

function object(properties: Record<string, JsonOut>): JsonOut {
  return new Map(Object.entries(properties))
}

// TaskResultsService's mapping: objects kept in `_source` only, never parsed or mapped.
const DISABLED_OBJECT = object({ type: 'object', enabled: false })

function taskIndexMappings(): Map<string, XContentValue> {
  const typed = (type: string): JsonOut => object({ type })
  return parseJson(
    toJson(
      object({
        _meta: object({ version: '8.17.0', managed_index_mappings_version: 0 }),
        dynamic: 'strict',
        properties: object({
          completed: typed('boolean'),
          task: object({
            properties: object({
              action: typed('keyword'),
              cancellable: typed('boolean'),
              id: typed('long'),
              parent_task_id: typed('keyword'),
              node: typed('keyword'),
              running_time_in_nanos: typed('long'),
              start_time_in_millis: typed('long'),
              type: typed('keyword'),
              status: DISABLED_OBJECT,
              description: typed('text'),
              headers: DISABLED_OBJECT,
            }),
          }),
          response: DISABLED_OBJECT,
          error: DISABLED_OBJECT,
        }),
      }),
    ),
  ) as Map<string, XContentValue>
}

function ensureTaskIndex(context: RestContext): Promise<void> {
  const priority = new XNumber(String(JAVA_INTEGER_MAX))
  return ensureSystemIndex(context, TASK_INDEX, [['index.priority', priority]], taskIndexMappings())
}

/** TaskInfo.toXContent as stored: without `cancelled`. */
function taskInfo(result: TaskResult): Map<string, JsonOut> {
  const [node, id] = result.taskId.split(':')
  const info = {
    node: node!,
    id: Number(id),
    type: 'transport' as const,
    action: result.action,
    status: toJson(result.status),
    description: result.description,
    startMillis: result.startMillis,
    runningNanos: result.runningNanos,
    cancellable: true,
    cancelled: false,
  }
  return taskInfoJson(info, false)
}

function taskResultBody(result: TaskResult): Map<string, JsonOut> {
  const body = new Map<string, JsonOut>([
    ['completed', true],
    ['task', taskInfo(result)],
  ])
  if ('error' in result.outcome) body.set('error', result.outcome.error)
  else body.set('response', result.outcome.response)
  return body
}

/** TaskResultsService.storeResult. */
export async function storeResult(context: RestContext, result: TaskResult): Promise<void> {
  await ensureTaskIndex(context)
  await executeSingleWrite(
    context,
    TASK_INDEX,
    {
      op: 'index',
      id: result.taskId,
      routing: null,
      ifSeqNo: null,
      ifPrimaryTerm: null,
      create: false,
      text: toJson(taskResultBody(result)),
    },
    'none',
  )
}

/** TaskId(String): `<node id>:<number>`. */
export function checkTaskId(taskId: string): void {
  const parts = taskId.split(':')
  if (parts.length !== 2 || parts[0] === '' || !/^-?\d+$/.test(parts[1]!)) {
    throw illegalArgumentException(`malformed task id ${taskId}`)
  }
}

/** TransportGetTaskAction.getFinishedTaskFromIndex: the stored result, printed as GetTaskResponse does. */
export async function getTaskResult(context: RestContext, taskId: string): Promise<JsonOut> {
  checkTaskId(taskId)
  const notFound = (): EsException =>
    resourceNotFoundException(`task [${taskId}] isn't running and hasn't stored its results`)
  if (!context.client.cluster.state().metadata.indices[TASK_INDEX]) throw notFound()
  const { doc } = await realtimeGet(context, TASK_INDEX, taskId, null)
  if (doc === null) throw notFound()
  const stored = parseJson(doc.source) as Map<string, JsonOut>
  const task = stored.get('task')
  if (task instanceof Map && task.get('cancellable') === true) {
    // TaskInfo is parsed back and printed with its default params: `cancelled` after `cancellable`.
    const printed = new Map<string, JsonOut>()
    for (const [key, value] of task as Map<string, JsonOut>) {
      printed.set(key, value)
      if (key === 'cancellable') printed.set('cancelled', false)
    }
    stored.set('task', printed)
  }
  return stored
}
