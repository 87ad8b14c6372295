/**
 * The diagnoses ShardsAvailabilityHealthIndicatorService (ES 8.17) gives an unavailable shard copy, with their ids,
 * causes, actions and help URLs exactly as ES words them. The per-tier variants exist for DataTier.ALL_DATA_TIERS
 * only (a tier outside them has none).
 */
import type { DiagnosisDefinition } from './health-indicator-result.ts'

export const RESTORE_FROM_SNAPSHOT: DiagnosisDefinition = {
  id: 'restore_from_snapshot',
  cause:
    "Elasticsearch isn't allowed to allocate some shards because there are no copies of the shards in the cluster. " +
    'Elasticsearch will allocate these shards when nodes holding good copies of the data join the cluster.',
  action: 'If no such node is available, restore these indices from a recent snapshot.',
  helpUrl: 'https://ela.st/restore-snapshot',
}

export const CHECK_ALLOCATION_EXPLAIN_API: DiagnosisDefinition = {
  id: 'explain_allocations',
  cause:
    "Elasticsearch isn't allowed to allocate some shards from these indices to any of the nodes in the cluster.",
  action:
    'Diagnose the issue by calling the allocation explain API for an index [GET _cluster/allocation/explain]. ' +
    'Choose a node to which you expect a shard to be allocated, find this node in the node-by-node explanation, ' +
    'and address the reasons which prevent Elasticsearch from allocating the shard.',
  helpUrl: 'https://ela.st/diagnose-shards',
}

export const WAIT_FOR_OR_FIX_DELAYED_SHARDS: DiagnosisDefinition = {
  id: 'delayed_shard_allocations',
  cause:
    'Elasticsearch is not allocating some shards because they are marked for delayed allocation. Shards that have ' +
    'become unavailable are usually marked for delayed allocation because it is more efficient to wait and see if ' +
    'the shards return on their own than to recover the shard immediately.',
  action:
    'Elasticsearch will reallocate the shards when the delay has elapsed. No action is required by the user.',
  helpUrl: 'https://ela.st/fix-delayed-shard-allocation',
}

export const WAIT_FOR_INITIALIZATION: DiagnosisDefinition = {
  id: 'initializing_shards',
  cause:
    'Elasticsearch is currently initializing the unavailable shards. Please wait for the initialization to finish.',
  action:
    'The shards will become available as long as the initialization completes. No action is required by the user, ' +
    'you can monitor the progress of the initializing shards at https://ela.st/wait-for-shard-initialization.',
  helpUrl: 'https://ela.st/wait-for-shard-initialization',
}

const DISABLED_CAUSE =
  "Elasticsearch isn't allowed to allocate some shards from these indices because allocation for those shards has " +
  'been disabled at the '

export const ENABLE_INDEX_ROUTING_ALLOCATION: DiagnosisDefinition = {
  id: 'enable_index_allocations',
  cause: `${DISABLED_CAUSE}index level.`,
  action: 'Check that the [index.routing.allocation.enable] index settings are set to [all].',
  helpUrl: 'https://ela.st/fix-index-allocation',
}

export const ENABLE_CLUSTER_ROUTING_ALLOCATION: DiagnosisDefinition = {
  id: 'enable_cluster_allocations',
  cause: `${DISABLED_CAUSE}cluster level.`,
  action: 'Check that the [cluster.routing.allocation.enable] cluster setting is set to [all].',
  helpUrl: 'https://ela.st/fix-cluster-allocation',
}

export const INCREASE_NODE_CAPACITY: DiagnosisDefinition = {
  id: 'increase_node_capacity_for_allocations',
  cause:
    "Elasticsearch isn't allowed to allocate some shards from these indices because there are not enough nodes in " +
    'the cluster to allocate each shard copy on a different node.',
  action:
    'Increase the number of nodes in the cluster or decrease the number of replica shards in the affected indices.',
  helpUrl: 'https://ela.st/tier-capacity',
}

/** DataTier.ALL_DATA_TIERS. */
const DATA_TIERS: ReadonlySet<string> = new Set([
  'data_content',
  'data_hot',
  'data_warm',
  'data_cold',
  'data_frozen',
])

function perTier(tier: string, make: (tier: string) => DiagnosisDefinition): DiagnosisDefinition | null {
  return DATA_TIERS.has(tier) ? make(tier) : null
}

/** ACTION_ENABLE_TIERS_LOOKUP: no node of the tier the index prefers. */
export function enableTier(tier: string): DiagnosisDefinition | null {
  return perTier(tier, (t) => ({
    id: `enable_data_tiers:tier:${t}`,
    cause:
      "Elasticsearch isn't allowed to allocate some shards from these indices because the indices expect to be " +
      'allocated to data tier nodes, but there were not any nodes with the expected tiers found in the cluster.',
    action: `Add nodes with the [${t}] role to the cluster.`,
    helpUrl: 'https://ela.st/enable-tier',
  }))
}

/** ACTION_INCREASE_TIER_CAPACITY_LOOKUP: fewer nodes in the tier than copies of a shard. */
export function increaseTierCapacity(tier: string): DiagnosisDefinition | null {
  return perTier(tier, (t) => ({
    id: `increase_tier_capacity_for_allocations:tier:${t}`,
    cause:
      "Elasticsearch isn't allowed to allocate some shards from these indices to any of the nodes in the desired data " +
      `tier because there are not enough nodes in the [${t}] tier to allocate each shard copy on a different node.`,
    action:
      'Increase the number of nodes in this tier or decrease the number of replica shards in the affected indices.',
    helpUrl: 'https://ela.st/tier-capacity',
  }))
}

const MIGRATE_ACTION_TAIL =
  '.data] from the index settings or try migrating to data tiers by first stopping ILM [POST /_ilm/stop] and then ' +
  'using the data tier migration action [POST /_ilm/migrate_to_data_tiers]. Finally, restart ILM [POST /_ilm/start].'

/**
 * ACTION_MIGRATE_TIERS_AWAY_FROM_REQUIRE_DATA / _INCLUDE_DATA and their per-tier lookups: the index filters on the
 * legacy `data` node attribute that no node of the tier has.
 */
export function migrateAwayFromDataFilter(
  filter: 'require' | 'include',
  tier: string | null,
): DiagnosisDefinition {
  const action = `Remove [index.routing.allocation.${filter}${MIGRATE_ACTION_TAIL}`
  const generic: DiagnosisDefinition = {
    id: `migrate_data_tiers_${filter}_data`,
    cause:
      "Elasticsearch isn't allowed to allocate some shards from these indices to any nodes in the desired data tiers " +
      'because the indices are configured with allocation filter rules that are incompatible with the nodes in this tier.',
    action,
    helpUrl: 'https://ela.st/migrate-to-tiers',
  }
  if (tier === null) return generic
  return (
    perTier(tier, (t) => ({
      ...generic,
      id: `${generic.id}:tier:${t}`,
      cause:
        "Elasticsearch isn't allowed to allocate some shards from these indices to any nodes in the " +
        `[${t}] data tier because the indices are configured with allocation filter rules that are incompatible ` +
        'with the nodes in this tier.',
    })) ?? generic
  )
}

/**
 * ACTION_INCREASE_SHARD_LIMIT_INDEX_SETTING / _CLUSTER_SETTING and their per-tier lookups: every node of the tier
 * (or, with no preferred tier, every data node) is at the index's or the cluster's total_shards_per_node.
 */
export function increaseShardLimit(
  scope: 'index' | 'cluster',
  tier: string | null,
): DiagnosisDefinition | null {
  const key = `${scope}.routing.allocation.total_shards_per_node`
  const action =
    scope === 'index'
      ? `Increase the values for the [${key}] index setting on each index or add more nodes to the target tiers.`
      : `Increase the values for the [${key}] cluster setting or add more nodes to the target tiers.`
  const helpUrl = `https://ela.st/${scope}-total-shards`
  const id = `increase_shard_limit_${scope}_setting`
  if (tier === null)
    return {
      id,
      cause:
        "Elasticsearch isn't allowed to allocate some shards from these indices to any data nodes because each node " +
        `has reached the ${scope} shard limit.`,
      action,
      helpUrl,
    }
  return perTier(tier, (t) => ({
    id: `${id}:tier:${t}`,
    cause:
      "Elasticsearch isn't allowed to allocate some shards from these indices because each node in the " +
      `[${t}] tier has reached the ${scope} shard limit.`,
    action,
    helpUrl,
  }))
}
