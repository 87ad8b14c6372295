/**
 * InternalClusterInfoService's refresh request: every node of the cluster asked for its shard copies' stats at
 * once (as its nodes-stats and indices-stats requests do), turned into a ClusterInfo. A node that does not answer
 * within `cluster.info.fetch.timeout` (15s) is left out, as ES leaves out a node whose stats failed or timed out.
 */
import {
  buildClusterInfo,
  type ClusterInfo,
  type NodeShardStores,
} from '../cluster/allocation/cluster-info.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { NodeClient } from './node-client.ts'

/** InternalClusterInfoService.INTERNAL_CLUSTER_INFO_TIMEOUT_SETTING's default. */
const FETCH_TIMEOUT_MS = 15_000

export async function fetchClusterInfo(client: NodeClient, state: ClusterState): Promise<ClusterInfo> {
  const answers = await Promise.all(
    state.nodes.map(async (node): Promise<NodeShardStores | null> => {
      const answer = await client.toNode(node.address, { type: 'shard_stats' }, FETCH_TIMEOUT_MS)
      return answer?.type === 'shard_stats' ? { node, shards: answer.shards } : null
    }),
  )
  const primaries = new Set<string>()
  for (const copy of Object.values(state.routingTable).flat(2)) {
    if (copy.primary && copy.allocationId !== null) primaries.add(copy.allocationId)
  }
  return buildClusterInfo(
    answers.filter((answer): answer is NodeShardStores => answer !== null),
    primaries,
  )
}
