/**
 * The target's side of peer recovery (PeerRecoveryTargetService): a copy being initialized from a peer (a
 * replica, or a relocation target) asks its shard's active primary for the operations it holds; a primary's
 * relocation target then has its source hand the primary off (RecoveryTarget.finalizeRecovery → the
 * source's relocated()). While there is no active primary, or its node does not answer, it waits for a
 * newer cluster state and asks again, for as long as the copy is still assigned here and initializing.
 * A newer cluster state ends the wait at once; otherwise it lasts RecoverySettings' delays: 500 ms
 * (`indices.recovery.retry_delay_state_sync`) after the peer answered that it is not ready, 5 s
 * (`indices.recovery.retry_delay_network`) after its node did not answer.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { ShardRouting } from '../cluster/state/shard-routing.ts'
import { activePrimary, assignedShards } from '../cluster/state/shard-routing.ts'
import type { NodeClient } from '../action/node-client.ts'
import type { IndexService } from '../index/index-service.ts'
import type { RecoverySnapshot, ShardResponse } from '../action/shard-messages.ts'

const RETRY_DELAY_STATE_SYNC_MS = 500
const RETRY_DELAY_NETWORK_MS = 5_000

export function recoverFromPrimary(
  client: NodeClient,
  index: IndexService,
  copy: ShardRouting,
): Promise<RecoverySnapshot | null> {
  return askWhileInitializing(client, index, copy, 'start_recovery', activePrimary, (response) =>
    response.type === 'recovery' ? response : undefined,
  )
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
  const source = (copies: readonly ShardRouting[]): ShardRouting | undefined =>
    copies.find((c) => c.relocationId === copy.allocationId)
  const handedOff = await askWhileInitializing(
    client,
    index,
    copy,
    'relocation_handoff',
    source,
    (response) => (response.type === 'ack' ? true : undefined),
  )
  return handedOff ?? false
}

/**
 * Sends `type` for `copy` to the node of the copy `peer` picks until an answer `accept` takes arrives (its
 * value), waiting for a newer cluster state between tries; null once the copy is no longer initializing here.
 */
async function askWhileInitializing<T>(
  client: NodeClient,
  index: IndexService,
  copy: ShardRouting,
  type: 'start_recovery' | 'relocation_handoff',
  peer: (copies: readonly ShardRouting[]) => ShardRouting | undefined,
  accept: (response: ShardResponse) => T | undefined,
): Promise<T | null> {
  const { name, uuid } = index.metadata
  for (;;) {
    const state = client.cluster.state()
    if (!stillInitializing(state, index, copy)) return null
    const target = peer(state.routingTable[name]?.[copy.shard] ?? [])
    const node = target && state.nodes.find((n) => n.id === target.nodeId)
    let retryDelayMs = RETRY_DELAY_STATE_SYNC_MS
    if (node) {
      const request = { type, index: name, uuid, shard: copy.shard, targetAllocationId: copy.allocationId! }
      const response = await client.toNode(node.address, request)
      if (response === null) retryDelayMs = RETRY_DELAY_NETWORK_MS
      const answer = response === null ? undefined : accept(response)
      if (answer !== undefined) return answer
    }
    await client.cluster.waitFor((s) => s.version > state.version, retryDelayMs)
  }
}

function stillInitializing(state: ClusterState, index: IndexService, copy: ShardRouting): boolean {
  const { name, uuid } = index.metadata
  const copies = assignedShards(state.routingTable[name]?.[copy.shard] ?? [])
  const current = copies.find((c) => c.allocationId === copy.allocationId)
  return state.metadata.indices[name]?.uuid === uuid && current?.state === 'INITIALIZING'
}
