/**
 * ShardLimitValidator for normal (non-frozen) indices: a new index may not bring the open shard copies
 * of the cluster above `cluster.max_shards_per_node` × the data nodes. Counts every copy the metadata of an open
 * index asks for (number_of_shards × (number_of_replicas + 1)), assigned or not, as ES counts open shards; closed
 * indices count for nothing. With no data node (a cluster being set up) or no shard to add, nothing is checked.
 * The refusal is ES's ValidationException text and status.
 */
import type { ClusterState } from '../state/cluster-state.ts'
import { isDataNode } from '../state/discovery-node.ts'
import { EsException } from '../../errors/index.ts'
import { maxShardsPerNode } from './cluster-settings.ts'
import { isClosed, type IndexMetadata } from '../../index/index-metadata.ts'

/** `indices`: every index's metadata in `state` (metadata-tasks.ts indicesMetadata). */
export function validateShardLimit(
  state: ClusterState,
  indices: readonly IndexMetadata[],
  newShards: number,
): void {
  const dataNodes = state.nodes.filter(isDataNode).length
  if (dataNodes === 0 || newShards <= 0) return
  const max = maxShardsPerNode(state) * dataNodes
  let open = 0
  for (const index of indices) {
    if (!isClosed(index)) open += index.numberOfShards * (index.numberOfReplicas + 1)
  }
  if (open + newShards <= max) return
  throw new EsException({
    type: 'validation_exception',
    reason:
      `Validation Failed: 1: this action would add [${newShards}] shards, but this cluster currently has ` +
      `[${open}]/[${max}] maximum normal shards open;`,
    status: 400,
  })
}
