/**
 * The `shards_capacity` indicator (ShardsCapacityHealthIndicatorService, ES 8.17): for the `data` group
 * (cluster.max_shards_per_node × the data nodes, against the shard copies of every open index) and the `frozen`
 * group (cluster.max_shards_per_node.frozen, 3000, × the nodes with the data_frozen role, against frozen indices:
 * none here), ShardLimitValidator's check of 5 new shards with one replica (red when it fails) and of 10 (yellow).
 * A group with no node always has room. Green: "The cluster has enough room to add new shards."; otherwise ES's
 * symptom naming the groups, its upgrade and index creation impacts and, when verbose, one diagnosis per group.
 * The details (verbose) give each group's `max_shards_in_cluster`, and `current_used_shards` when the check failed.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { isDataNode } from '../cluster/state/discovery-node.ts'
import { maxShardsPerNode } from '../cluster/metadata/cluster-settings.ts'
import { indicesMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { openShardCopies } from '../cluster/metadata/shard-limit-validator.ts'
import { roleNames } from '../rest/actions/node-description.ts'
import type { JsonOut } from '../xcontent/index.ts'
import {
  mergeStatus,
  type Diagnosis,
  type HealthIndicatorImpact,
  type HealthIndicatorResult,
  type HealthStatus,
} from './health-indicator-result.ts'

/** cluster.max_shards_per_node.frozen's default (the playground has no frozen tier to set it for). */
const MAX_SHARDS_PER_FROZEN_NODE = 3000

interface GroupResult {
  readonly group: 'data' | 'frozen'
  readonly status: HealthStatus
  readonly maxShardsInCluster: number
  readonly currentUsedShards: number
  readonly setting: string
}

/** ShardLimitValidator.checkShardLimit for `newShards` primaries with one replica each. */
function canAddShards(nodeCount: number, max: number, used: number, newShards: number): boolean {
  return nodeCount === 0 || used + newShards * 2 <= max
}

function groupResult(
  group: GroupResult['group'],
  nodeCount: number,
  perNode: number,
  used: number,
  setting: string,
): GroupResult {
  const max = perNode * nodeCount
  const status = !canAddShards(nodeCount, max, used, 5)
    ? 'red'
    : !canAddShards(nodeCount, max, used, 10)
      ? 'yellow'
      : 'green'
  return { group, status, maxShardsInCluster: max, currentUsedShards: used, setting }
}

function diagnosis(result: GroupResult): Diagnosis {
  const kind = result.group === 'data' ? 'non-frozen' : 'frozen'
  return {
    definition: {
      id: `decrease_shards_per_${result.group === 'data' ? 'non_frozen' : 'frozen'}_node`,
      cause: `Elasticsearch is about to reach the maximum number of shards it can host as set by [${result.setting}].`,
      action: `Increase the number of nodes in your cluster or remove some ${kind} indices to reduce the number of shards in the cluster.`,
      helpUrl:
        'https://www.elastic.co/guide/en/elasticsearch/reference/8.17/size-your-shards.html#cluster-shard-limit',
    },
    resources: [],
  }
}

const IMPACTS: Record<'red' | 'yellow', HealthIndicatorImpact[]> = {
  red: [
    {
      id: 'upgrade_blocked',
      severity: 1,
      description: 'The cluster has too many used shards to be able to upgrade.',
      areas: ['deployment_management'],
    },
    {
      id: 'creation_of_new_indices_blocked',
      severity: 1,
      description:
        'The cluster is running low on room to add new shards. Adding data to new indices is at risk',
      areas: ['ingest'],
    },
  ],
  yellow: [
    {
      id: 'upgrade_at_risk',
      severity: 2,
      description:
        'The cluster is running low on room to add new shard. Upgrading to a new version is at risk.',
      areas: ['deployment_management'],
    },
    {
      id: 'creation_of_new_indices_at_risk',
      severity: 2,
      description:
        'The cluster is running low on room to add new shards. Adding data to new indices might soon fail.',
      areas: ['ingest'],
    },
  ],
}

export function shardsCapacityIndicator(state: ClusterState, verbose: boolean): HealthIndicatorResult {
  const used = openShardCopies(indicesMetadata(state))
  const results = [
    groupResult(
      'data',
      state.nodes.filter(isDataNode).length,
      maxShardsPerNode(state),
      used,
      'cluster.max_shards_per_node',
    ),
    groupResult(
      'frozen',
      state.nodes.filter((node) => roleNames(node).includes('data_frozen')).length,
      MAX_SHARDS_PER_FROZEN_NODE,
      0,
      'cluster.max_shards_per_node.frozen',
    ),
  ]
  const status = mergeStatus(results.map((r) => r.status))
  const unhealthy = results.filter((r) => r.status !== 'green')
  const symptom =
    status === 'green'
      ? 'The cluster has enough room to add new shards.'
      : `Cluster is close to reaching the configured maximum number of shards for ${unhealthy.map((r) => r.group).join(' and ')} nodes.`
  const details = new Map<string, JsonOut>()
  for (const r of results) {
    const group = new Map<string, JsonOut>([['max_shards_in_cluster', r.maxShardsInCluster]])
    if (r.status !== 'green') group.set('current_used_shards', r.currentUsedShards)
    details.set(r.group, group)
  }
  return {
    name: 'shards_capacity',
    status,
    symptom,
    details: verbose ? details : null,
    impacts: status === 'red' || status === 'yellow' ? IMPACTS[status] : [],
    diagnoses: verbose ? unhealthy.map(diagnosis) : [],
  }
}
