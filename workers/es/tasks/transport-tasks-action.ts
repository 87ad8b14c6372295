/**
 * TransportTasksAction (ES 8.17) on the coordinating node, under `GET _tasks` and `POST _tasks/_cancel`: the
 * request goes to each target node (the nodes of `nodes`, resolved as DiscoveryNodes.resolveNodes does, or the
 * node of the one task id asked for), each answers its TaskInfos (task-manager.ts), and a node that fails is a
 * FailedNodeException "Failed node [<id>]" (with `node_id`, caused by what failed there: NoSuchNodeException
 * "No such node [<id>]" for an id not in the cluster, the node's own exception, or NodeNotConnectedException
 * for a node that does not answer).
 *
 * ListTasksResponse prints the result (CancelTasksResponse is one): `node_failures` first when there are any,
 * then by `group_by`:
 * - `nodes` (default): `"nodes":{"<node id>":{name, transport_address, host, ip, roles, "tasks":{"<task id>":
 *   {TaskInfo}}}}` for the nodes that have tasks, in the HashMap order of their ids (Collectors.groupingBy);
 * - `parents`: `"tasks":{"<task id>":{TaskInfo, "children":[...]}}`, top-level tasks with their children
 *   (TaskGroup), in the HashMap order of their TaskIds;
 * - `none`: `"tasks":[{TaskInfo}, ...]`.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { DiscoveryNode } from '../cluster/state/discovery-node.ts'
import { EsException, exceptionFields, illegalArgumentException } from '../errors/index.ts'
import { fromWireException } from '../errors/wire-exception.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { RestContext } from '../rest/rest-context.ts'
import type { ShardRequest } from '../action/shard-messages.ts'
import { resolveNodes } from '../rest/actions/resolve-nodes.ts'
import { roleNames, transportAddress } from '../rest/actions/node-description.ts'
import { NODE_IP } from '../rest/cat/cat-indices.ts'
import { javaHashOrder, javaStringHashCode, javaStringKeyOrder } from '../../net/java-hash.ts'
import { taskInfoJson, type TaskInfo } from './task-info.ts'

export type GroupBy = 'nodes' | 'parents' | 'none'

export interface NodesTasksResponse {
  tasks: TaskInfo[]
  nodeFailures: EsException[]
}

/** A `<node id>:<number>` task id (TaskId(String)); null for an empty one or "unset". */
export function parseTaskId(text: string | undefined): { node: string; id: number } | null {
  if (text === undefined || text === '' || text === 'unset') return null
  const colon = text.indexOf(':')
  const number = colon < 0 ? '' : text.slice(colon + 1)
  if (colon < 0 || !/^[+-]?\d+$/.test(number) || !Number.isSafeInteger(Number(number))) {
    throw illegalArgumentException(`malformed task id ${text}`)
  }
  return { node: text.slice(0, colon), id: Number(number) }
}

/** RestListTasksAction's `group_by`: nodes, parents or none. */
export function parseGroupBy(value: string | undefined): GroupBy {
  const groupBy = value ?? 'nodes'
  if (groupBy === 'nodes' || groupBy === 'parents' || groupBy === 'none') return groupBy
  throw illegalArgumentException(
    `[group_by] must be one of [nodes], [parents] or [none] but was [${groupBy}]`,
  )
}

function failedNode(id: string, cause: EsException): EsException {
  return new EsException({
    type: 'failed_node_exception',
    reason: `Failed node [${id}]`,
    status: 500,
    metadata: [['node_id', id]],
    causedBy: cause,
  })
}

function noSuchNode(id: string): EsException {
  return new EsException({
    type: 'no_such_node_exception',
    reason: `No such node [${id}]`,
    status: 500,
    metadata: [['node_id', id]],
  })
}

function notConnected(node: DiscoveryNode): EsException {
  return new EsException({
    type: 'node_not_connected_exception',
    reason: `[${node.name}][${transportAddress(node)}] Node not connected`,
    status: 500,
  })
}

/** Sends `request` to the target nodes and gathers their TaskInfos and failures, in the targets' order. */
export async function nodesTasks(
  context: RestContext,
  targets: ReadonlyArray<{ id: string; node: DiscoveryNode | null }>,
  request: ShardRequest,
): Promise<NodesTasksResponse> {
  const answers = await Promise.all(
    targets.map(({ node }) =>
      node === null ? Promise.resolve(null) : context.client.toNode(node.address, request),
    ),
  )
  const response: NodesTasksResponse = { tasks: [], nodeFailures: [] }
  targets.forEach(({ id, node }, n) => {
    const answer = answers[n]
    if (answer?.type === 'tasks') response.tasks.push(...answer.tasks)
    else if (answer?.type === 'tasks_failed')
      response.nodeFailures.push(failedNode(id, fromWireException(answer.error)))
    else response.nodeFailures.push(failedNode(id, node === null ? noSuchNode(id) : notConnected(node)))
  })
  return response
}

/** The nodes a tasks request goes to: the task's node when one task is asked for, else those of `nodes`. */
export function targetNodes(
  state: ClusterState,
  context: RestContext,
  task: { node: string } | null,
  nodes: string | undefined,
): Array<{ id: string; node: DiscoveryNode | null }> {
  if (task !== null)
    return [{ id: task.node, node: state.nodes.find((node) => node.id === task.node) ?? null }]
  return resolveNodes(state, nodes ?? '_all', context.identity.nodeId).map((node) => ({ id: node.id, node }))
}

function taskId(info: TaskInfo): string {
  return `${info.node}:${info.id}`
}

/** TaskId.hashCode. */
function taskIdHashCode(info: TaskInfo): number {
  return (Math.imul(31, javaStringHashCode(info.node)) + info.id) | 0
}

/** A listed task with the listed tasks it is the parent of (TaskGroup). */
export interface TaskGroup {
  info: TaskInfo
  children: TaskGroup[]
}

/**
 * ListTasksResponse.getTaskGroups: each task whose parent was listed too goes into its parent's children, the
 * others are top-level; both in the HashMap order of their TaskIds, as the groups are built from one.
 */
export function taskGroups(infos: readonly TaskInfo[]): TaskGroup[] {
  const groups = new Map(infos.map((info) => [taskId(info), { info, children: [] as TaskGroup[] }]))
  const topLevel: TaskGroup[] = []
  for (const info of javaHashOrder(infos, taskIdHashCode)) {
    const group = groups.get(taskId(info))!
    const parent = info.parentTaskId === undefined ? undefined : groups.get(info.parentTaskId)
    if (parent === undefined) topLevel.push(group)
    else parent.children.push(group)
  }
  return topLevel
}

/** TaskGroup.toXContent: the task's fields, then its `children` when it has any. */
function taskGroupJson({ info, children }: TaskGroup): Map<string, JsonOut> {
  const json = taskInfoJson(info)
  if (children.length > 0) json.set('children', children.map(taskGroupJson))
  return json
}

export function listTasksBody(
  state: ClusterState,
  response: NodesTasksResponse,
  groupBy: GroupBy,
): Map<string, JsonOut> {
  const body = new Map<string, JsonOut>()
  if (response.nodeFailures.length > 0) {
    body.set(
      'node_failures',
      response.nodeFailures.map((failure) => exceptionFields(failure)),
    )
  }
  if (groupBy === 'none') {
    body.set(
      'tasks',
      response.tasks.map((info) => taskInfoJson(info)),
    )
    return body
  }
  if (groupBy === 'parents') {
    const groups = taskGroups(response.tasks)
    body.set('tasks', new Map(groups.map((group) => [taskId(group.info), taskGroupJson(group)])))
    return body
  }
  const nodes = new Map<string, JsonOut>()
  for (const nodeId of javaStringKeyOrder([...new Set(response.tasks.map((info) => info.node))])) {
    const entry = new Map<string, JsonOut>()
    const node = state.nodes.find((candidate) => candidate.id === nodeId)
    if (node !== undefined) {
      entry.set('name', node.name)
      entry.set('transport_address', transportAddress(node))
      entry.set('host', NODE_IP)
      entry.set('ip', transportAddress(node))
      entry.set('roles', roleNames(node))
    }
    const tasks = new Map<string, JsonOut>()
    for (const info of response.tasks) if (info.node === nodeId) tasks.set(taskId(info), taskInfoJson(info))
    entry.set('tasks', tasks)
    nodes.set(nodeId, entry)
  }
  body.set('nodes', nodes)
  return body
}
