/**
 * Small builders for cluster-state tests: data nodes by id, a state holding them, and an allocation
 * context whose allocation ids count up (a0, a1, …) and whose shard stores are a plain map.
 */
import type {
  AllocationContext,
  StoredShardCopy,
} from '../../../../workers/es/cluster/allocation/routing-allocation.ts'
import { emptyClusterState, type ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'
import type { DiscoveryNode } from '../../../../workers/es/cluster/state/discovery-node.ts'

export function dataNode(id: string, address = 0): DiscoveryNode {
  return { id, ephemeralId: `${id}-e`, name: id, address, roles: ['master', 'data'], attributes: {} }
}

export function stateWithNodes(...ids: string[]): ClusterState {
  return {
    ...emptyClusterState('docker-cluster'),
    masterNodeId: ids[0] ?? null,
    nodes: ids.map((id) => dataNode(id)),
  }
}

export class TestAllocationContext implements AllocationContext {
  /** The master's clock; a test moves it on to let delays run out. */
  now = 1_000
  readonly stores = new Map<string, StoredShardCopy[]>()
  private next = 0
  readonly newAllocationId = (): string => `a${this.next++}`
  readonly shardStores = (nodeId: string): readonly StoredShardCopy[] => this.stores.get(nodeId) ?? []

  /** Records that `nodeId` holds every copy STARTED on it in `state`, as recovery would have written. */
  recordStarted(state: ClusterState): void {
    for (const [index, shards] of Object.entries(state.routingTable)) {
      for (const copy of shards.flat()) {
        if (copy.state !== 'STARTED' || copy.nodeId === null) continue
        const list = this.stores.get(copy.nodeId) ?? []
        if (list.some((s) => s.allocationId === copy.allocationId)) continue
        const indexUuid = state.metadata.indices[index]!.uuid
        this.stores.set(copy.nodeId, [
          ...list,
          { indexUuid, shard: copy.shard, allocationId: copy.allocationId! },
        ])
      }
    }
  }
}
