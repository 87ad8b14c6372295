/**
 * ShardLimitValidator for normal (non-frozen) indices, as ES 8.17 checks it before shards are added: a new index
 * (created, or restored from a snapshot), the closed indices `_open` reopens, and a `number_of_replicas` change.
 * The open shard copies of the cluster plus the copies added may not exceed `cluster.max_shards_per_node` × the
 * data nodes. Counts every copy the metadata of an open index asks for (number_of_shards × (number_of_replicas + 1)),
 * assigned or not, as ES counts open shards; closed indices count for nothing. With no data node (a cluster being
 * set up) or no shard to add (a sum of zero or less), nothing is checked. The refusal is ES's ValidationException
 * text (with its ReferenceDocs link) and status; the callers check before they change anything, so a refused request
 * applies nothing.
 *
 * The frozen group (`cluster.max_shards_per_node.frozen`) counts only indices whose private
 * `index.shard_limit.group` is `frozen` (partially mounted searchable snapshots); the playground has none, so ES's
 * frozen check never has a shard to add and is left out.
 */
import type { ClusterState } from '../state/cluster-state.ts'
import { isDataNode } from '../state/discovery-node.ts'
import { EsException } from '../../errors/index.ts'
import { maxShardsPerNode } from './cluster-settings.ts'
import { isClosed, type IndexMetadata } from '../../index/index-metadata.ts'

/** ReferenceDocs.MAX_SHARDS_PER_NODE as an 8.17 node writes it. */
const MAX_SHARDS_PER_NODE_DOCS =
  'https://www.elastic.co/guide/en/elasticsearch/reference/8.17/size-your-shards.html#troubleshooting-max-shards-open'

/**
 * validateShardLimit(Settings, ClusterState): an index with `newShards` copies may be created.
 * `indices`: every index's metadata in `state` (metadata-tasks.ts indicesMetadata).
 */
export function validateShardLimit(
  state: ClusterState,
  indices: readonly IndexMetadata[],
  newShards: number,
): void {
  const dataNodes = state.nodes.filter(isDataNode).length
  if (dataNodes === 0 || newShards <= 0) return
  const max = maxShardsPerNode(state) * dataNodes
  const open = openShardCopies(indices)
  if (open + newShards <= max) return
  throw new EsException({
    type: 'validation_exception',
    reason:
      `Validation Failed: 1: this action would add [${newShards}] shards, but this cluster currently has ` +
      `[${open}]/[${max}] maximum normal shards open; for more information, see ${MAX_SHARDS_PER_NODE_DOCS};`,
    status: 400,
  })
}

/** getTotalOpenIndexShards: the copies every open index asks for, assigned or not. */
export function openShardCopies(indices: readonly IndexMetadata[]): number {
  let open = 0
  for (const index of indices) {
    if (!isClosed(index)) open += index.numberOfShards * (index.numberOfReplicas + 1)
  }
  return open
}

/** validateShardLimit(ClusterState, Index[]) on open: every copy of each closed index in `toOpen`; open ones add none. */
export function validateShardLimitOnOpen(
  state: ClusterState,
  indices: readonly IndexMetadata[],
  toOpen: readonly IndexMetadata[],
): void {
  let newShards = 0
  for (const index of toOpen) {
    if (isClosed(index)) newShards += index.numberOfShards * (index.numberOfReplicas + 1)
  }
  validateShardLimit(state, indices, newShards)
}

/**
 * validateShardLimitOnReplicaUpdate: `replicas` for every index in `updated`, open or closed, adds
 * (replicas - its number_of_replicas) × its number_of_shards copies; a lowered count subtracts from the sum.
 */
export function validateShardLimitOnReplicaUpdate(
  state: ClusterState,
  indices: readonly IndexMetadata[],
  updated: readonly IndexMetadata[],
  replicas: number,
): void {
  let newShards = 0
  for (const index of updated) newShards += (replicas - index.numberOfReplicas) * index.numberOfShards
  validateShardLimit(state, indices, newShards)
}
