/**
 * `_cat/pending_tasks` (RestPendingClusterTasksAction) with ES 8.17's columns: one row per cluster state task the
 * elected master has not finished, the batch being published first; `timeInQueue` as TimeValue prints it.
 */
import type { PendingClusterTask } from '../../cluster/coordination/master-service.ts'
import { TimeCell } from './time-cell.ts'
import type { CatColumn, CatTable } from './rest-table.ts'

/** Priority.NORMAL: the playground's master does not order tasks by priority (docs/DEVIATIONS.md). */
export const PENDING_TASK_PRIORITY = 'NORMAL'

const PENDING_TASKS_COLUMNS: readonly CatColumn[] = [
  { name: 'insertOrder', aliases: ['o'], desc: 'task insertion order', right: true },
  { name: 'timeInQueue', aliases: ['t'], desc: 'how long task has been in queue', right: true },
  { name: 'priority', aliases: ['p'], desc: 'task priority' },
  { name: 'source', aliases: ['s'], desc: 'task source' },
]

export function catPendingTasks(tasks: readonly PendingClusterTask[]): CatTable {
  return {
    columns: PENDING_TASKS_COLUMNS,
    rows: tasks.map((task) => [
      task.insertOrder,
      TimeCell.ofMillis(task.timeInQueueMillis),
      PENDING_TASK_PRIORITY,
      task.source,
    ]),
  }
}
