/**
 * The target's side of peer recovery (PeerRecoveryTargetService): a replica being initialized asks its
 * shard's active primary for the operations it holds; while there is no active primary, or the primary's
 * node does not answer, it waits for a newer cluster state and asks again, for as long as the copy is
 * still assigned here and initializing.
 */
import type { ShardRouting } from '../cluster/state/shard-routing.ts'
import { isActive } from '../cluster/state/shard-routing.ts'
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
    const current = copies.find((c) => c.allocationId === copy.allocationId)
    if (state.metadata.indices[name]?.uuid !== uuid || current?.state !== 'INITIALIZING') return null
    const primary = copies.find((c) => c.primary && isActive(c))
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
