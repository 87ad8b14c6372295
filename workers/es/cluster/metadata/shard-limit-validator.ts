/**
 * ShardLimitValidator for normal (non-frozen) indices: a new index may not bring the open shard copies
 * of the cluster above `cluster.max_shards_per_node` × the data nodes. Counts every copy the metadata
 * asks for (number_of_shards × (number_of_replicas + 1)), assigned or not, as ES counts open shards.
 * The refusal is ES's ValidationException text and status.
 */
import type { ClusterState } from '../state/cluster-state.ts'
import { isDataNode } from '../state/discovery-node.ts'
import { EsException } from '../../errors/index.ts'
import { maxShardsPerNode } from './cluster-settings.ts'

export function validateShardLimit(state: ClusterState, newShards: number): void {
  const max = maxShardsPerNode(state) * state.nodes.filter(isDataNode).length
  let open = 0
  for (const index of Object.values(state.metadata.indices)) {
    open += index.numberOfShards * (index.numberOfReplicas + 1)
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
