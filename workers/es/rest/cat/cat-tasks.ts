/**
 * `_cat/tasks` (RestTasksAction, ES 8.17): one row per listed task, the list's task groups (tasks under the listed
 * task that started them) sorted by start time, each followed depth-first by its children in that order. The node
 * columns come from the cluster state the table is built with; a task whose node has left prints `-` for them.
 * `id` is the task's number; `node_id` its node's first 4 characters unless `full_id` is set; `running_time` prints
 * as TimeValue.toString() does; `description` is a column only with `detailed`. No column is right-aligned.
 */
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { TimeCell } from './time-cell.ts'
import type { TaskGroup } from '../../tasks/transport-tasks-action.ts'
import { ES_VERSION } from '../actions/root-action.ts'
import { transportPort } from '../actions/node-description.ts'
import { NODE_IP } from './cat-indices.ts'
import { timestampCells, type CatColumn, type CatTable, type CatValue } from './rest-table.ts'

const TASKS_COLUMNS: readonly CatColumn[] = [
  { name: 'id', desc: 'id of the task with the node', hidden: true },
  { name: 'action', aliases: ['ac'], desc: 'task action' },
  { name: 'task_id', aliases: ['ti'], desc: 'unique task id' },
  { name: 'parent_task_id', aliases: ['pti'], desc: 'parent task id' },
  { name: 'type', aliases: ['ty'], desc: 'task type' },
  { name: 'start_time', aliases: ['start'], desc: 'start time in ms' },
  { name: 'timestamp', aliases: ['ts', 'hms', 'hhmmss'], desc: 'start time in HH:MM:SS' },
  { name: 'running_time_ns', aliases: ['time'], desc: 'running time ns', hidden: true },
  { name: 'running_time', aliases: ['time'], desc: 'running time' },
  { name: 'node_id', aliases: ['ni'], desc: 'unique node id', hidden: true },
  { name: 'ip', aliases: ['i'], desc: 'ip address' },
  { name: 'port', aliases: ['po'], desc: 'bound transport port', hidden: true },
  { name: 'node', aliases: ['n'], desc: 'node name' },
  { name: 'version', aliases: ['v'], desc: 'es version', hidden: true },
  { name: 'x_opaque_id', aliases: ['x'], desc: 'X-Opaque-ID header', hidden: true },
]

const DESCRIPTION_COLUMN: CatColumn = { name: 'description', aliases: ['desc'], desc: 'task action' }

export function catTasks(
  state: ClusterState,
  groups: readonly TaskGroup[],
  fullId: boolean,
  detailed: boolean,
): CatTable {
  const rows: CatValue[][] = []
  const addGroups = (level: readonly TaskGroup[]): void => {
    // List.sort is stable: equal start times keep the groups' order
    for (const { info, children } of [...level].sort((a, b) => a.info.startMillis - b.info.startMillis)) {
      const node = state.nodes.find((candidate) => candidate.id === info.node)
      const row: CatValue[] = [
        info.id,
        info.action,
        `${info.node}:${info.id}`,
        info.parentTaskId ?? '-',
        info.type,
        info.startMillis,
        timestampCells(info.startMillis)[1],
        info.runningNanos,
        TimeCell.ofNanos(info.runningNanos),
        fullId ? info.node : info.node.slice(0, 4),
        node === undefined ? '-' : NODE_IP,
        node === undefined ? '-' : transportPort(node),
        node === undefined ? '-' : node.name,
        node === undefined ? '-' : ES_VERSION.number,
        '-',
      ]
      if (detailed) row.push(info.description ?? null)
      rows.push(row)
      addGroups(children)
    }
  }
  addGroups(groups)
  return { columns: detailed ? [...TASKS_COLUMNS, DESCRIPTION_COLUMN] : TASKS_COLUMNS, rows }
}
