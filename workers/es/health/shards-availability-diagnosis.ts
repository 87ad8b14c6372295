/**
 * ShardsAvailabilityHealthIndicatorService.diagnoseUnassignedShardRouting (ES 8.17): what an unassigned copy that is
 * neither new nor restarting needs, by its UnassignedInfo's last allocation status:
 * - NO_VALID_SHARD_COPY: restore_from_snapshot;
 * - NO_ATTEMPT while delayed (a replica waiting out its node's delayed_timeout), DELAYED_ALLOCATION:
 *   delayed_shard_allocations;
 * - NO_ATTEMPT (replicas keep it: RoutingNodes.ignoreShard records no status for them) and DECIDERS_NO: the
 *   allocation explain API's decision, taken with every decider's answer (debug mode). When it is NO, the node
 *   results are read as diagnoseAllocationResults reads them: `enable` refusing on every node (the index-level and
 *   the cluster-level enable settings that are not `all`), then the data tier checks over the nodes the data tier
 *   decider accepts (every offered data node: the playground's tiers are the default roles): a preferred tier with
 *   no such node, `shards_limit` refusing every node while the tier's least loaded node is at the cluster's or
 *   the index's total_shards_per_node, index filters on the legacy `data` attribute that no tier node has while
 *   `filter` refuses every node, `same_shard` refusing every node (too few nodes for the copies);
 * - nothing found: explain_allocations.
 * allMatch over no node results is true, as Java's.
 */
import type { ClusterInfo } from '../cluster/allocation/cluster-info.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { DiscoveryNode } from '../cluster/state/discovery-node.ts'
import type { ShardRouting } from '../cluster/state/shard-routing.ts'
import { explainShard, type NodeAllocationResult } from '../cluster/allocation/allocation-explain.ts'
import type { DeciderName, DecisionType } from '../cluster/allocation/allocation-deciders.ts'
import { INDEX_ALLOCATION_ENABLE } from '../cluster/allocation/enable-allocation-decider.ts'
import {
  allocationEnable,
  CLUSTER_TOTAL_SHARDS_PER_NODE,
  intSetting,
  parseAllocationEnable,
} from '../cluster/metadata/cluster-settings.ts'
import { indexShardsPerNode, owningShards } from '../cluster/allocation/shards-limit-allocation-decider.ts'
import { esIndexMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { flatSettings, type IndexMetadata } from '../index/index-metadata.ts'
import { simpleMatch } from '../common/simple-match.ts'
import { roleNames } from '../rest/actions/node-description.ts'
import type { DiagnosisDefinition } from './health-indicator-result.ts'
import {
  CHECK_ALLOCATION_EXPLAIN_API,
  ENABLE_CLUSTER_ROUTING_ALLOCATION,
  ENABLE_INDEX_ROUTING_ALLOCATION,
  INCREASE_NODE_CAPACITY,
  increaseShardLimit,
  RESTORE_FROM_SNAPSHOT,
  WAIT_FOR_OR_FIX_DELAYED_SHARDS,
  enableTier,
  increaseTierCapacity,
  migrateAwayFromDataFilter,
} from './shards-availability-definitions.ts'

export function diagnoseUnassignedShard(
  state: ClusterState,
  copy: ShardRouting,
  now: number,
  clusterInfo: ClusterInfo,
): DiagnosisDefinition[] {
  const info = copy.unassignedInfo!
  const found: DiagnosisDefinition[] = []
  if (info.lastAllocationStatus === 'NO_VALID_SHARD_COPY') found.push(RESTORE_FROM_SNAPSHOT)
  else if (info.lastAllocationStatus === 'NO_ATTEMPT' && info.delayed)
    found.push(WAIT_FOR_OR_FIX_DELAYED_SHARDS)
  else if (info.lastAllocationStatus === 'NO_ATTEMPT' || info.lastAllocationStatus === 'DECIDERS_NO')
    found.push(...explainAndDiagnose(state, copy, now, clusterInfo))
  return found.length > 0 ? found : [CHECK_ALLOCATION_EXPLAIN_API]
}

function explainAndDiagnose(
  state: ClusterState,
  copy: ShardRouting,
  now: number,
  info: ClusterInfo,
): DiagnosisDefinition[] {
  const decision = explainShard(state, copy, now, true, info)
  if (decision.kind !== 'allocate' || decision.canAllocate !== 'no') return []
  const cluster = state.metadata.indices[copy.index]
  const found =
    cluster === undefined ? [] : diagnoseAllocationResults(state, esIndexMetadata(cluster), decision.nodes)
  return found.length > 0 ? found : [CHECK_ALLOCATION_EXPLAIN_API]
}

function hasDeciderResult(name: DeciderName, type: DecisionType): (result: NodeAllocationResult) => boolean {
  return (result) => (result.deciders ?? []).some((d) => d.decider === name && d.type === type)
}

/** An index setting as ES keeps it (flatSettings), as text; lists joined by commas. */
function indexSetting(metadata: IndexMetadata, key: string): string | undefined {
  const value = flatSettings(metadata).get(key)
  if (typeof value === 'string') return value
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').join(',') : undefined
}

function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

function diagnoseAllocationResults(
  state: ClusterState,
  metadata: IndexMetadata,
  results: readonly NodeAllocationResult[],
): DiagnosisDefinition[] {
  const found: DiagnosisDefinition[] = []
  if (results.every(hasDeciderResult('enable', 'NO'))) {
    if (parseAllocationEnable(indexSetting(metadata, INDEX_ALLOCATION_ENABLE) ?? 'all') !== 'all')
      found.push(ENABLE_INDEX_ROUTING_ALLOCATION)
    if (allocationEnable(state) !== 'all') found.push(ENABLE_CLUSTER_ROUTING_ALLOCATION)
  }
  found.push(...nodeRoleIssues(state, metadata, results))
  return found
}

/** checkDataTierRelatedIssues. */
function nodeRoleIssues(
  state: ClusterState,
  metadata: IndexMetadata,
  results: readonly NodeAllocationResult[],
): DiagnosisDefinition[] {
  const preference = commaList(indexSetting(metadata, 'index.routing.allocation.include._tier_preference'))
  if (preference.length === 0) return []
  if (results.length === 0) return preference.flatMap((tier) => enableTier(tier) ?? [])
  const tierNodes = results.map((result) => result.node)
  const roles = new Set(tierNodes.flatMap(roleNames))
  const preferredTier = preference.find((tier) => roles.has(tier)) ?? null
  const found = [
    ...dataTierAtShardLimit(state, metadata, results, preferredTier, tierNodes),
    ...dataTierShouldMigrate(metadata, results, preferredTier, tierNodes),
  ]
  if (results.every(hasDeciderResult('same_shard', 'NO'))) {
    const capacity = preferredTier === null ? INCREASE_NODE_CAPACITY : increaseTierCapacity(preferredTier)
    if (capacity !== null) found.push(capacity)
  }
  return found
}

/**
 * checkDataTierAtShardLimit: with `shards_limit` refusing every tier node, the limits (cluster, then index) that the
 * tier's least loaded node has reached.
 */
function dataTierAtShardLimit(
  state: ClusterState,
  metadata: IndexMetadata,
  results: readonly NodeAllocationResult[],
  preferredTier: string | null,
  tierNodes: readonly DiscoveryNode[],
): DiagnosisDefinition[] {
  if (!results.every(hasDeciderResult('shards_limit', 'NO'))) return []
  const copies = Object.values(state.routingTable).flat(2)
  const minOwned = (count: (owned: readonly ShardRouting[]) => number): number =>
    Math.min(...tierNodes.map((node) => count(owningShards(copies, node.id))))
  const clusterLimit = intSetting(state, CLUSTER_TOTAL_SHARDS_PER_NODE)
  const indexLimit = indexShardsPerNode(state.metadata.indices[metadata.name]!)
  const atLimit = [
    clusterLimit > 0 && minOwned((owned) => owned.length) >= clusterLimit
      ? increaseShardLimit('cluster', preferredTier)
      : null,
    indexLimit > 0 && minOwned((owned) => owned.filter((c) => c.index === metadata.name).length) >= indexLimit
      ? increaseShardLimit('index', preferredTier)
      : null,
  ]
  return atLimit.filter((definition): definition is DiagnosisDefinition => definition !== null)
}

/** DiscoveryNodeFilters.match of one `data` attribute filter: AND (require) or OR (include) over its values. */
function matchesDataFilter(node: DiscoveryNode, values: readonly string[]): boolean {
  const attribute = node.attributes['data']
  return attribute !== undefined && values.some((value) => simpleMatch(value, attribute))
}

function dataTierShouldMigrate(
  metadata: IndexMetadata,
  results: readonly NodeAllocationResult[],
  preferredTier: string | null,
  tierNodes: readonly DiscoveryNode[],
): DiagnosisDefinition[] {
  if (!results.every(hasDeciderResult('filter', 'NO'))) return []
  const found: DiagnosisDefinition[] = []
  for (const filter of ['require', 'include'] as const) {
    const values = commaList(indexSetting(metadata, `index.routing.allocation.${filter}.data`))
    if (values.length > 0 && !tierNodes.some((node) => matchesDataFilter(node, values)))
      found.push(migrateAwayFromDataFilter(filter, preferredTier))
  }
  return found
}
