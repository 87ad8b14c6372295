/**
 * TaskManager (ES 8.17) for the tasks the playground registers: the by-query APIs and `_reindex` (bulk-by-scroll-task.ts,
 * CancellableTasks of type `transport`), and `GET _tasks`'s own tasks while it runs (node-tasks-handler.ts: its
 * `cluster:monitor/tasks/lists` on the coordinating node and each node's `cluster:monitor/tasks/lists[n]` child, not
 * cancellable). One per node; ids count from 1 per node (ES numbers every request's task, so its ids are larger).
 * Cancelling a cancellable task records the reason (CancelTasksRequest's default "by user request") and calls its
 * `onCancel`, which wakes a throttled by-query run so that it stops at its next batch boundary
 * (WorkerBulkByScrollTaskState.handleCancel), and cancels its cancellable children with the same reason (a sliced
 * by-query run's slices; ES bans the parent on each node, which cancels them); cancelling it again changes nothing
 * and lists it again.
 *
 * `list` and `cancel` are each node's part of TransportListTasksAction and TransportCancelTasksAction
 * (TransportTasksAction.processTasks): the tasks matching the request's `actions` patterns (Regex.simpleMatch)
 * and `parent_task_id` (cancel: the cancellable ones only), or the one task of a task id
 * (TransportCancelTasksAction.processTasks: "task [<id>] is not found", resource_not_found_exception, when it is not
 * running here; "task [<id>] doesn't support this operation" when it does not match the request's `actions`; "task
 * [<id>] doesn't support cancellation" when it cannot be cancelled), as TaskInfo (task-info.ts) in the iteration
 * order of the HashMap<Long, Task> TaskManager.getTasks returns.
 *
 * `rethrottle` is each node's part of TransportRethrottleAction: TransportTasksAction.processTasks's match (a task
 * id not running here is resource_not_found_exception "task [<id>] is missing", one that does not match "task
 * [<id>] doesn't support this operation", the same type), then each by-query task rethrottled
 * (bulk-by-scroll-task.ts) and answered as its detailed TaskInfo with the status the rethrottle made. A task that
 * is no BulkByScrollTask does not match (ES fails its cast as a task failure).
 */
import type { Clock } from '../../net/clock.ts'
import { javaHashOrder } from '../../net/java-hash.ts'
import { simpleMatch } from '../common/simple-match.ts'
import { toJson, type JsonOut } from '../xcontent/index.ts'
import { resourceNotFoundException } from '../cluster/metadata/metadata-errors.ts'
import { illegalArgumentException, type EsException } from '../errors/index.ts'
import type { TaskInfo } from './task-info.ts'

/** What a node is asked about its tasks (BaseTasksRequest), as it crosses nodes. */
export interface TasksRequest {
  /** `actions` patterns; empty: every action. */
  actions: string[]
  /** The one task asked for (its number on this node), or null. */
  taskId: number | null
  /** `parent_task_id`: only tasks with this parent; null: any. */
  parentTaskId: string | null
  detailed: boolean
}

export interface RunningTask {
  readonly id: number
  readonly type: 'transport' | 'direct'
  readonly action: string
  readonly description: string
  readonly startMillis: number
  readonly cancellable: boolean
  /** `<node id>:<number>` of the parent task, or null. */
  readonly parentTaskId: string | null
  /** The task's status (BulkByScrollTask.Status) as it is now; null: it has none. */
  status(): JsonOut | null
  /** The reason it was cancelled for, or null. */
  cancelled: string | null
  /** Called once, with the reason, when the task is cancelled. */
  onCancel: (reason: string) => void
  /**
   * A by-query task's rethrottle to a requests_per_second (Infinity: unlimited), answering its status after;
   * null for a task of another kind.
   */
  rethrottle: ((requestsPerSecond: number) => JsonOut) | null
}

/** What processTasks throws for a task id that is not running here, or whose task does not match. */
interface ProcessTasksErrors {
  missing: (taskId: string) => EsException
  unsupported: (taskId: string) => EsException
}

/** TransportCancelTasksAction.processTasks's, which the listing's lookup of one task answers too. */
const NOT_FOUND_ERRORS: ProcessTasksErrors = {
  missing: (taskId) => resourceNotFoundException(`task [${taskId}] is not found`),
  unsupported: (taskId) => illegalArgumentException(`task [${taskId}] doesn't support this operation`),
}

/** TransportTasksAction.processTasks's. */
const PROCESS_TASKS_ERRORS: ProcessTasksErrors = {
  missing: (taskId) => resourceNotFoundException(`task [${taskId}] is missing`),
  unsupported: (taskId) => resourceNotFoundException(`task [${taskId}] doesn't support this operation`),
}

export class TaskManager {
  private last = 0
  private readonly tasks = new Map<number, RunningTask>()

  constructor(
    private readonly nodeId: () => string,
    private readonly clock: Clock,
  ) {}

  /** TaskManager.register: the next id of this node for a new task (a cancellable `transport` task unless told). */
  register(
    task: Pick<RunningTask, 'action' | 'description' | 'startMillis' | 'status'> &
      Partial<Pick<RunningTask, 'type' | 'cancellable' | 'parentTaskId'>>,
  ): RunningTask {
    const registered: RunningTask = {
      type: 'transport',
      cancellable: true,
      parentTaskId: null,
      ...task,
      id: ++this.last,
      cancelled: null,
      onCancel: () => undefined,
      rethrottle: null,
    }
    this.tasks.set(registered.id, registered)
    return registered
  }

  unregister(task: RunningTask): void {
    this.tasks.delete(task.id)
  }

  /** The running task of this node's number, or undefined. */
  get(id: number): RunningTask | undefined {
    return this.tasks.get(id)
  }

  /** This node's part of `GET _tasks`. */
  list(request: TasksRequest): TaskInfo[] {
    return this.matching(request, NOT_FOUND_ERRORS).map((task) => this.taskInfo(task, request.detailed))
  }

  /** This node's part of `POST _reindex/<task id>/_rethrottle` and its twins. */
  rethrottle(request: TasksRequest, requestsPerSecond: number): TaskInfo[] {
    return this.matching(request, PROCESS_TASKS_ERRORS, (task) => task.rethrottle !== null).map((task) => {
      const status = task.rethrottle!(requestsPerSecond)
      return this.taskInfo(task, true, status)
    })
  }

  /** This node's part of `POST _tasks/_cancel`: each matching task cancelled, its TaskInfo taken after. */
  cancel(request: TasksRequest, reason: string): TaskInfo[] {
    if (request.taskId !== null && this.tasks.get(request.taskId)?.cancellable === false) {
      throw illegalArgumentException(`task [${this.nodeId()}:${request.taskId}] doesn't support cancellation`)
    }
    return this.matching(request, NOT_FOUND_ERRORS)
      .filter((task) => task.cancellable)
      .map((task) => {
        this.cancelTaskAndDescendants(task, reason)
        return this.taskInfo(task, false)
      })
  }

  /** cancelTaskAndDescendants: a task and, as BulkByScrollTask.shouldCancelChildrenOnCancellation asks, its children. */
  private cancelTaskAndDescendants(task: RunningTask, reason: string): void {
    if (task.cancelled !== null) return
    task.cancelled = reason
    task.onCancel(reason)
    const id = `${this.nodeId()}:${task.id}`
    for (const child of this.tasks.values()) {
      if (child.parentTaskId === id && child.cancellable) this.cancelTaskAndDescendants(child, reason)
    }
  }

  /** The tasks of the request that `supports` (every task unless told), or the one task of its task id. */
  private matching(
    request: TasksRequest,
    errors: ProcessTasksErrors,
    supports: (task: RunningTask) => boolean = () => true,
  ): RunningTask[] {
    if (request.taskId !== null) {
      const task = this.tasks.get(request.taskId)
      const taskId = `${this.nodeId()}:${request.taskId}`
      if (task === undefined) throw errors.missing(taskId)
      if (!matches(task, request) || !supports(task)) throw errors.unsupported(taskId)
      return [task]
    }
    const tasks = [...this.tasks.values()].filter((task) => matches(task, request) && supports(task))
    return javaHashOrder(tasks, (task) => task.id)
  }

  /** The task's TaskInfo; detailed, with its status as it is now unless given. */
  private taskInfo(
    task: RunningTask,
    detailed: boolean,
    status: JsonOut | null = detailed ? task.status() : null,
  ): TaskInfo {
    return {
      node: this.nodeId(),
      id: task.id,
      type: task.type,
      action: task.action,
      ...(status !== null ? { status: toJson(status) } : {}),
      ...(detailed ? { description: task.description } : {}),
      startMillis: task.startMillis,
      runningNanos: (this.clock.now() - task.startMillis) * 1_000_000,
      cancellable: task.cancellable,
      cancelled: task.cancelled !== null,
      ...(task.parentTaskId !== null ? { parentTaskId: task.parentTaskId } : {}),
    }
  }
}

/** BaseTasksRequest.match. */
function matches(task: RunningTask, request: TasksRequest): boolean {
  if (request.actions.length > 0 && !request.actions.some((pattern) => simpleMatch(pattern, task.action))) {
    return false
  }
  return request.parentTaskId === null || request.parentTaskId === task.parentTaskId
}
