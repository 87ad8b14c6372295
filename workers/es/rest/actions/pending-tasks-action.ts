/**
 * `GET /_cluster/pending_tasks` (RestPendingClusterTasksAction, PendingClusterTasksResponse): the elected
 * master's unfinished cluster state tasks, the batch being published first (`executing: true`), as
 * `{"tasks":[{insert_order, priority, source, executing, time_in_queue_millis, time_in_queue}]}`; an empty
 * list when the master has none. A master node read: asked of the master wherever it is.
 */
import type { RestController } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { humanReadableMillis } from '../../common/time/time-value-text.ts'
import { PENDING_TASK_PRIORITY } from '../cat/cat-pending-tasks.ts'

export function registerPendingTasksAction(controller: RestController, context: RestContext): void {
  controller.register(
    'GET',
    '/_cluster/pending_tasks',
    () =>
      guarded(async () => {
        const tasks = await context.client.cluster.pendingTasks()
        return json(200, {
          tasks: tasks.map((task) => ({
            insert_order: task.insertOrder,
            priority: PENDING_TASK_PRIORITY,
            source: task.source,
            executing: task.executing,
            time_in_queue_millis: task.timeInQueueMillis,
            time_in_queue: humanReadableMillis(task.timeInQueueMillis, 1),
          })),
        })
      }),
    'cluster.pending_tasks',
  )
}
