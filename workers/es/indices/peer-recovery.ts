/**
 * The target's side of peer recovery (PeerRecoveryTargetService): a copy being initialized from a peer (a
 * replica, or a relocation target) asks its shard's active primary for the operations it holds; a primary's
 * relocation target then has its source hand the primary off (RecoveryTarget.finalizeRecovery → the
 * source's relocated()). While there is no active primary, or its node does not answer, it waits for a
 * newer cluster state and asks again, for as long as the copy is still assigned here and initializing.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { ShardRouting } from '../cluster/state/shard-routing.ts'
import { activePrimary, assignedShards } from '../cluster/state/shard-routing.ts'
import type { NodeClient } from '../action/node-client.ts'
import type { IndexService } from '../index/index-service.ts'
import type { ShardOperation } from '../index/shard/index-shard.ts'

const RETRY_WAIT_MS = 1_000

export async function recoverFromPrimary(
  client: NodeClient,
  index: IndexService,
  copy: ShardRouting,
): Promise<ShardOperation[] | null> {
  const { name, uuid } = index.metadata
  for (;;) {
    const state = client.cluster.state()
    const copies = state.routingTable[name]?.[copy.shard] ?? []
    if (!stillInitializing(state, index, copy)) return null
    const primary = activePrimary(copies)
    const node = primary && state.nodes.find((n) => n.id === primary.nodeId)
    if (node) {
      const response = await client.toNode(node.address, {
        type: 'start_recovery',
        index: name,
        uuid,
        shard: copy.shard,
        targetAllocationId: copy.allocationId!,
      })
      if (response?.type === 'recovery') return response.operations
    }
    await client.cluster.waitFor((s) => s.version > state.version, RETRY_WAIT_MS)
  }
}

/**
 * Has the source of a primary's relocation hand the primary off to `copy`, its target; false once the
 * relocation is gone (the copy is no longer wanted).
 */
export async function handOffPrimary(
  client: NodeClient,
  index: IndexService,
  copy: ShardRouting,
): Promise<boolean> {
  const { name, uuid } = index.metadata
  for (;;) {
    const state = client.cluster.state()
    if (!stillInitializing(state, index, copy)) return false
    const source = state.routingTable[name]?.[copy.shard]?.find((c) => c.relocationId === copy.allocationId)
    const node = source && state.nodes.find((n) => n.id === source.nodeId)
    if (node) {
      const response = await client.toNode(node.address, {
        type: 'relocation_handoff',
        index: name,
        uuid,
        shard: copy.shard,
        targetAllocationId: copy.allocationId!,
      })
      if (response?.type === 'ack') return true
    }
    await client.cluster.waitFor((s) => s.version > state.version, RETRY_WAIT_MS)
  }
}

function stillInitializing(state: ClusterState, index: IndexService, copy: ShardRouting): boolean {
  const { name, uuid } = index.metadata
  const copies = assignedShards(state.routingTable[name]?.[copy.shard] ?? [])
  const current = copies.find((c) => c.allocationId === copy.allocationId)
  return state.metadata.indices[name]?.uuid === uuid && current?.state === 'INITIALIZING'
}
