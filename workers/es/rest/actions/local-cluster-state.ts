/**
 * The single node's cluster as a ClusterState value, so that health and the _cat tables read the same
 * pure functions the coordinated cluster uses: one node (master and data, elected), every index's
 * primaries STARTED on it, every replica UNASSIGNED (INDEX_CREATED at the index's creation) because a
 * copy may not share a node with its primary. Replace with the published state once the node joins a
 * Coordinator.
 */
import type { ClusterState, IndexMetadata } from '../../cluster/state/cluster-state.ts'
import type { ShardRouting } from '../../cluster/state/shard-routing.ts'
import { newUnassignedInfo, unassignedCopy } from '../../cluster/state/shard-routing.ts'
import type { IndexService } from '../../index/index-service.ts'
import type { RestContext } from '../rest-context.ts'

export function localClusterState(context: RestContext, indices: readonly IndexService[]): ClusterState {
  const { nodeId, nodeName, clusterName, clusterUuid } = context.identity
  const metadata: Record<string, IndexMetadata> = {}
  const routingTable: Record<string, ShardRouting[][]> = {}
  for (const index of indices) {
    const { name, uuid, numberOfShards, numberOfReplicas, creationDate } = index.metadata
    metadata[name] = {
      name,
      uuid,
      numberOfShards,
      numberOfReplicas,
      primaryTerms: index.shards.map((shard) => shard.primaryTerm),
      inSyncAllocationIds: index.shards.map((shard) => [allocationId(uuid, shard.shardId)]),
      settings: null,
      mappings: null,
    }
    routingTable[name] = index.shards.map((shard) => [
      {
        index: name,
        shard: shard.shardId,
        primary: true,
        state: 'STARTED',
        nodeId,
        relocatingNodeId: null,
        allocationId: allocationId(uuid, shard.shardId),
        recoverySource: null,
        unassignedInfo: null,
      },
      ...Array.from({ length: numberOfReplicas }, () =>
        unassignedCopy(name, shard.shardId, false, 'PEER', newUnassignedInfo('INDEX_CREATED', creationDate)),
      ),
    ])
  }
  return {
    clusterName,
    clusterUuid,
    clusterUuidCommitted: true,
    term: 1,
    version: 1,
    masterNodeId: nodeId,
    nodes: [{ id: nodeId, ephemeralId: nodeId, name: nodeName, address: 0, roles: ['master', 'data'] }],
    lastCommittedConfiguration: [nodeId],
    lastAcceptedConfiguration: [nodeId],
    metadata: { indices: metadata },
    routingTable,
  }
}

function allocationId(uuid: string, shard: number): string {
  return `${uuid}-${shard}`
}
