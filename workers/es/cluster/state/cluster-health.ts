/**
 * Cluster health as a pure function of the cluster state, as ES 8's ClusterShardHealth,
 * ClusterIndexHealth and ClusterStateHealth compute it:
 * - a shard is green when its primary and every replica are active, yellow when the primary is active
 *   but a replica is not, and otherwise (getInactivePrimaryHealth) yellow only while a new primary
 *   (EMPTY_STORE, never failed, not refused by the deciders) is on its way, red in every other case;
 * - an index is the worst of its shards (red when it has no shards yet), the cluster the worst of its
 *   indices (red when no master is known: the NO_MASTER block answers SERVICE_UNAVAILABLE);
 * - active_shards_percent_as_number is 100 when green, else active / (shards × (replicas + 1)) × 100.
 * delayed_unassigned_shards counts the unassigned replicas waiting out their node's delayed_timeout.
 */
import type { ClusterState, IndexMetadata } from './cluster-state.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { isDataNode } from './discovery-node.ts'
import { isActive, type ShardRouting } from './shard-routing.ts'

export type ClusterHealthStatus = 'green' | 'yellow' | 'red'

/** ClusterHealthStatus.fromString: a status in any case, else illegal_argument_exception. */
export function clusterHealthStatusFromString(value: string): ClusterHealthStatus {
  const status = value.toLowerCase()
  if (status === 'green' || status === 'yellow' || status === 'red') return status
  throw illegalArgumentException(`unknown cluster health status [${value}]`)
}

interface ShardCounts {
  activeShards: number
  relocatingShards: number
  initializingShards: number
  unassignedShards: number
}

export interface ClusterShardHealth extends ShardCounts {
  status: ClusterHealthStatus
  primaryActive: boolean
}

export interface ClusterIndexHealth extends ShardCounts {
  status: ClusterHealthStatus
  numberOfShards: number
  numberOfReplicas: number
  activePrimaryShards: number
  shards: ClusterShardHealth[]
}

/** The numbers of `GET _cluster/health`, in ES's field order. */
export interface ClusterHealthResponse {
  cluster_name: string
  status: ClusterHealthStatus
  timed_out: boolean
  number_of_nodes: number
  number_of_data_nodes: number
  active_primary_shards: number
  active_shards: number
  relocating_shards: number
  initializing_shards: number
  unassigned_shards: number
  delayed_unassigned_shards: number
  number_of_pending_tasks: number
  number_of_in_flight_fetch: number
  task_max_waiting_in_queue_millis: number
  active_shards_percent_as_number: number
}

const RANK: Record<ClusterHealthStatus, number> = { green: 0, yellow: 1, red: 2 }

export function worst(a: ClusterHealthStatus, b: ClusterHealthStatus): ClusterHealthStatus {
  return RANK[b] > RANK[a] ? b : a
}

/** ClusterShardHealth.getInactivePrimaryHealth: yellow for a new primary on its way, else red. */
export function inactivePrimaryHealth(primary: ShardRouting): ClusterHealthStatus {
  const info = primary.unassignedInfo
  const newPrimary =
    (primary.recoverySource === 'EMPTY_STORE' ||
      primary.recoverySource === 'LOCAL_SHARDS' ||
      primary.recoverySource === 'SNAPSHOT') &&
    (info === null || (info.lastAllocationStatus !== 'DECIDERS_NO' && info.failedAllocations === 0))
  return newPrimary ? 'yellow' : 'red'
}

export function shardHealth(copies: readonly ShardRouting[]): ClusterShardHealth {
  const counts: ShardCounts = {
    activeShards: 0,
    relocatingShards: 0,
    initializingShards: 0,
    unassignedShards: 0,
  }
  for (const copy of copies) {
    if (isActive(copy)) {
      counts.activeShards++
      if (copy.state === 'RELOCATING') counts.relocatingShards++
    } else if (copy.state === 'INITIALIZING') counts.initializingShards++
    else counts.unassignedShards++
  }
  const primary = copies.find((copy) => copy.primary)
  if (!primary) throw new Error('a shard routing table without a primary')
  const primaryActive = isActive(primary)
  const status = primaryActive
    ? counts.activeShards === copies.length
      ? 'green'
      : 'yellow'
    : inactivePrimaryHealth(primary)
  return { ...counts, status, primaryActive }
}

export function indexHealth(
  metadata: IndexMetadata,
  shards: readonly (readonly ShardRouting[])[],
): ClusterIndexHealth {
  const health: ClusterIndexHealth = {
    status: shards.length === 0 ? 'red' : 'green',
    numberOfShards: metadata.numberOfShards,
    numberOfReplicas: metadata.numberOfReplicas,
    activePrimaryShards: 0,
    activeShards: 0,
    relocatingShards: 0,
    initializingShards: 0,
    unassignedShards: 0,
    shards: shards.map(shardHealth),
  }
  for (const shard of health.shards) {
    if (shard.primaryActive) health.activePrimaryShards++
    addCounts(health, shard)
    health.status = worst(health.status, shard.status)
  }
  return health
}

function addCounts(into: ShardCounts, from: ShardCounts): void {
  into.activeShards += from.activeShards
  into.relocatingShards += from.relocatingShards
  into.initializingShards += from.initializingShards
  into.unassignedShards += from.unassignedShards
}

export function indicesHealth(state: ClusterState): Record<string, ClusterIndexHealth> {
  const out: Record<string, ClusterIndexHealth> = {}
  for (const name of Object.keys(state.metadata.indices).sort()) {
    out[name] = indexHealth(state.metadata.indices[name]!, state.routingTable[name] ?? [])
  }
  return out
}

export function clusterHealth(state: ClusterState): ClusterHealthResponse {
  const totals: ShardCounts = {
    activeShards: 0,
    relocatingShards: 0,
    initializingShards: 0,
    unassignedShards: 0,
  }
  let status: ClusterHealthStatus = 'green'
  let activePrimaryShards = 0
  let totalShards = 0
  for (const [name, health] of Object.entries(indicesHealth(state))) {
    const metadata = state.metadata.indices[name]!
    totalShards += metadata.numberOfShards * (metadata.numberOfReplicas + 1)
    activePrimaryShards += health.activePrimaryShards
    addCounts(totals, health)
    status = worst(status, health.status)
  }
  if (state.masterNodeId === null) status = 'red'
  return {
    cluster_name: state.clusterName,
    status,
    timed_out: false,
    number_of_nodes: state.nodes.length,
    number_of_data_nodes: state.nodes.filter(isDataNode).length,
    active_primary_shards: activePrimaryShards,
    active_shards: totals.activeShards,
    relocating_shards: totals.relocatingShards,
    initializing_shards: totals.initializingShards,
    unassigned_shards: totals.unassignedShards,
    delayed_unassigned_shards: Object.values(state.routingTable)
      .flat(2)
      .filter((copy) => copy.state === 'UNASSIGNED' && copy.unassignedInfo?.delayed === true).length,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    // With no shards at all ES divides 0 by 0; it never shows, as a masterless node answers 503 first.
    active_shards_percent_as_number:
      status === 'green' || totalShards === 0 ? 100 : (totals.activeShards / totalShards) * 100,
  }
}
