/**
 * Cluster APIs: `GET /_cluster/health[/{index}]` (RestClusterHealthAction, ClusterHealthResponse as ES
 * 8.17 writes it, with `unassigned_primary_shards`, `level=cluster|indices|shards`, and the `wait_for_*`
 * conditions: status, active shards, nodes, no initializing and no relocating shards). It also
 * registers the other cluster admin APIs: `_cluster/state`, `_cluster/settings`, `_nodes`,
 * `_cluster/allocation/explain`, `_cluster/pending_tasks`, `_health_report` and `_validate/query` (each in its own file).
 *
 * A wait that is met answers at once; one that is not waits for a cluster state that meets it, and
 * answers `timed_out: true` with 408 when `timeout` (30s by default) passes first. The figures are those of
 * the indices the expression finds (open, closed and hidden; missing names skipped), and a missing concrete
 * index is a condition not met (status red).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { JavaDouble, type JsonOut } from '../../xcontent/index.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import {
  clusterHealth,
  indicesHealth,
  clusterHealthStatusFromString,
  type ClusterHealthStatus,
  type ClusterIndexHealth,
} from '../../cluster/state/cluster-health.ts'
import type { ShardRouting } from '../../cluster/state/shard-routing.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { parseTimeValue, timeValueMillis } from '../../common/time/index.ts'
import { MASTER_TIMEOUT_MS, masterNotDiscoveredException } from '../../node/cluster-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { paramAsBoolean } from './rest-params.ts'
import { registerAllocationExplainAction } from './allocation-explain-action.ts'
import { registerClusterStateAction } from './cluster-state-action.ts'
import { registerClusterSettingsAction } from './cluster-settings-action.ts'
import { registerNodesInfoAction } from './nodes-info-action.ts'
import { registerNodesHotThreadsAction } from './nodes-hot-threads-action.ts'
import { registerValidateQueryAction } from './validate-query-action.ts'
import { registerPendingTasksAction } from './pending-tasks-action.ts'
import { registerHealthReportAction } from './health-report-action.ts'
import {
  LENIENT_EXPAND_OPEN_CLOSED_HIDDEN,
  STRICT_EXPAND_OPEN_CLOSED,
  indicesOptionsFromRequest,
} from '../../cluster/metadata/indices-options.ts'

type Level = 'cluster' | 'indices' | 'shards'

const RANK: Record<ClusterHealthStatus, number> = { green: 0, yellow: 1, red: 2 }

export function registerClusterActions(controller: RestController, context: RestContext): void {
  controller
    .register('GET', '/_cluster/health', (req) => guarded(() => health(context, req)), 'cluster.health')
    .register(
      'GET',
      '/_cluster/health/{index}',
      (req) => guarded(() => health(context, req)),
      'cluster.health',
    )
  registerClusterStateAction(controller, context)
  registerClusterSettingsAction(controller, context)
  registerNodesInfoAction(controller, context)
  registerNodesHotThreadsAction(controller, context)
  registerAllocationExplainAction(controller, context)
  registerHealthReportAction(controller, context)
  registerValidateQueryAction(controller, context)
  registerPendingTasksAction(controller, context)
}

/**
 * TransportClusterHealthAction, a master node read: it answers from a node that knows the elected master
 * (waiting up to the 30 s master_timeout, else master_not_discovered_exception). Each wait_for_* condition,
 * and an index expression (whose concrete indices must exist), is a condition to meet: the answer waits (up
 * to `timeout`, 30 s by default) for a cluster state that meets them all, and says `timed_out` (status 408)
 * when none came. Without conditions it answers at once.
 */
async function health(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const level = parseLevel(req.params.get('level'))
  const wantedStatus = parseStatus(req.params.get('wait_for_status'))
  const noInitializing = paramAsBoolean(req.params.get('wait_for_no_initializing_shards'))
  const noRelocating = paramAsBoolean(req.params.get('wait_for_no_relocating_shards'))
  const timeout = req.params.get('timeout')
  const timeoutMs = timeout === undefined ? 30_000 : timeValueMillis(parseTimeValue(timeout, 'timeout'))
  const indicesOptions = indicesOptionsFromRequest(req.params, LENIENT_EXPAND_OPEN_CLOSED_HIDDEN)
  const { cluster } = context.client
  if ((await cluster.waitFor((state) => state.masterNodeId !== null, MASTER_TIMEOUT_MS)) === null) {
    throw masterNotDiscoveredException()
  }
  const evaluate = (state: ClusterState): { scoped: ClusterState; missing: boolean; met: boolean } => {
    // The health of the indices found (the request's indices options over lenientExpandHidden, as
    // RestClusterHealthAction reads them); RED while a named one is missing (prepareResponse's strictExpand check).
    const indices = context.indices.resolve(req.path.index, indicesOptions)
    let missing = false
    try {
      context.indices.resolve(req.path.index, STRICT_EXPAND_OPEN_CLOSED)
    } catch (error) {
      if (!(error instanceof EsException) || error.type !== 'index_not_found_exception') throw error
      missing = true
    }
    const scoped = scopedState(state, new Set(indices.map((index) => index.metadata.name)))
    const response = clusterHealth(scoped)
    const met =
      !missing &&
      (wantedStatus === null || RANK[response.status] <= RANK[wantedStatus]) &&
      activeShardsMet(req.params.get('wait_for_active_shards'), response.active_shards, scoped) &&
      nodesMet(req.params.get('wait_for_nodes'), response.number_of_nodes) &&
      (!noInitializing || response.initializing_shards === 0) &&
      (!noRelocating || response.relocating_shards === 0)
    return { scoped, missing, met }
  }
  const waits =
    req.path.index !== undefined || [...req.params.keys()].some((key) => key.startsWith('wait_for_'))
  let state = cluster.state()
  if (waits && !evaluate(state).met)
    state = (await cluster.waitFor((s) => evaluate(s).met, timeoutMs)) ?? cluster.state()
  const { scoped, missing, met } = evaluate(state)
  const response = clusterHealth(scoped)
  const status: ClusterHealthStatus = missing ? 'red' : response.status
  const timedOut = waits && !met
  const body: Record<string, JsonOut> = {}
  for (const [key, value] of Object.entries({ ...response, status, timed_out: timedOut })) {
    body[key] = key === 'active_shards_percent_as_number' ? new JavaDouble(value as number) : value
    if (key === 'unassigned_shards') body.unassigned_primary_shards = unassignedPrimaries(scoped, null)
  }
  if (level !== 'cluster') body.indices = indicesJson(scoped, level)
  return json(timedOut ? 408 : 200, body)
}

/** The state with only these indices, as health for an index expression reads it. */
function scopedState(state: ClusterState, names: ReadonlySet<string>): ClusterState {
  const indices = Object.fromEntries(
    Object.entries(state.metadata.indices).filter(([name]) => names.has(name)),
  )
  const routingTable = Object.fromEntries(
    Object.entries(state.routingTable).filter(([name]) => names.has(name)),
  )
  return { ...state, metadata: { ...state.metadata, indices }, routingTable }
}

function parseLevel(value: string | undefined): Level {
  if (value === undefined || value === 'cluster' || value === 'indices' || value === 'shards') {
    return value ?? 'cluster'
  }
  throw illegalArgumentException(
    `level parameter must be one of [cluster] or [indices] or [shards] but was [${value}]`,
  )
}

function parseStatus(value: string | undefined): ClusterHealthStatus | null {
  return value === undefined ? null : clusterHealthStatusFromString(value)
}

/** `wait_for_active_shards`: a count, or `all` (every copy of the requested indices). */
function activeShardsMet(value: string | undefined, active: number, state: ClusterState): boolean {
  if (value === undefined || value === '' || value === 'default') return true
  if (value === 'all') {
    return Object.values(state.metadata.indices).every(
      (index) => active >= index.numberOfShards * (index.numberOfReplicas + 1),
    )
  }
  const wanted = Number(value)
  if (!Number.isInteger(wanted) || wanted < 0) {
    throw illegalArgumentException(`failed to parse wait_for_active_shards [${value}]`)
  }
  return active >= wanted
}

/** `wait_for_nodes`: `N`, `>=N`, `<=N`, `>N`, `<N`, `ge(N)`, `le(N)`, `gt(N)`, `lt(N)`. */
function nodesMet(value: string | undefined, nodes: number): boolean {
  if (value === undefined || value === '') return true
  const match = /^(>=|<=|>|<|ge\(|le\(|gt\(|lt\()?(\d+)\)?$/.exec(value)
  if (!match) throw illegalArgumentException(`failed to parse wait_for_nodes [${value}]`)
  const n = Number(match[2])
  switch (match[1]) {
    case '>=':
    case 'ge(':
      return nodes >= n
    case '<=':
    case 'le(':
      return nodes <= n
    case '>':
    case 'gt(':
      return nodes > n
    case '<':
    case 'lt(':
      return nodes < n
    default:
      return nodes === n
  }
}

function unassignedPrimaries(state: ClusterState, index: string | null): number {
  const names = index === null ? Object.keys(state.routingTable) : [index]
  let count = 0
  for (const name of names) {
    for (const copies of state.routingTable[name] ?? []) count += unassignedPrimaryCount(copies)
  }
  return count
}

function unassignedPrimaryCount(copies: readonly ShardRouting[]): number {
  return copies.filter((copy) => copy.primary && copy.state === 'UNASSIGNED').length
}

/** ClusterIndexHealth per index, in the order of the HashMap ES keeps them in. */
function indicesJson(state: ClusterState, level: Level): Map<string, JsonOut> {
  const healths = indicesHealth(state)
  const out = new Map<string, JsonOut>()
  for (const name of javaStringKeyOrder(Object.keys(healths))) {
    out.set(name, indexJson(state, name, healths[name]!, level))
  }
  return out
}

function indexJson(
  state: ClusterState,
  name: string,
  health: ClusterIndexHealth,
  level: Level,
): Record<string, JsonOut> {
  const out: Record<string, JsonOut> = {
    status: health.status,
    number_of_shards: health.numberOfShards,
    number_of_replicas: health.numberOfReplicas,
    active_primary_shards: health.activePrimaryShards,
    active_shards: health.activeShards,
    relocating_shards: health.relocatingShards,
    initializing_shards: health.initializingShards,
    unassigned_shards: health.unassignedShards,
    unassigned_primary_shards: unassignedPrimaries(state, name),
  }
  if (level === 'shards') {
    const shards = new Map<string, JsonOut>()
    health.shards.forEach((shard, i) => {
      shards.set(String(i), {
        status: shard.status,
        primary_active: shard.primaryActive,
        active_shards: shard.activeShards,
        relocating_shards: shard.relocatingShards,
        initializing_shards: shard.initializingShards,
        unassigned_shards: shard.unassignedShards,
        unassigned_primary_shards: unassignedPrimaryCount(state.routingTable[name]![i]!),
      })
    })
    out.shards = shards
  }
  return out
}
