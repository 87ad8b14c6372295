/**
 * ReplicationOperation.performOnReplica for the two requests a primary sends its copies, a write's operations
 * (write_replica) and a new primary's resync: the request goes to the copy's node; an answer moves the copy's
 * local checkpoint in the primary's replication tracker, and a copy that does not answer (its node left or
 * timed out) or refuses is failed (onReplicaFailure: reported stale in the primary's term).
 *
 * The answer is 'acked', 'failed' (the master removed the copy from the in-sync set) or 'unconfirmed' (the
 * master did not: this primary may have been deposed, so nothing it acknowledges would be safe).
 */
import type { Transport } from '../../net/transport.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { ShardRouting } from '../cluster/state/shard-routing.ts'
import type { IndexShard } from '../index/shard/index-shard.ts'
import type { ShardRequest, ShardResponse } from './shard-messages.ts'

export type ReplicaAnswer = 'acked' | 'failed' | 'unconfirmed'

export type ReplicaRequest = Extract<ShardRequest, { type: 'write_replica' | 'resync' }>

export interface ReplicaRequestDeps {
  transport: Transport<ShardRequest, ShardResponse>
  /** Fails a copy of the shard as stale, in the primary's term: true once the master removed it. */
  failReplica(
    shard: IndexShard,
    copy: { index: string; uuid: string; allocationId: string },
  ): Promise<boolean>
}

/** Sends `request` (addressed to `copy`'s allocation id) to the copy in `state` and settles its answer. */
export async function performOnReplica(
  deps: ReplicaRequestDeps,
  state: ClusterState,
  shard: IndexShard,
  copy: ShardRouting,
  request: ReplicaRequest,
  timeoutMs: number,
): Promise<ReplicaAnswer> {
  const { index, uuid, allocationId } = request
  const node = state.nodes.find((n) => n.id === copy.nodeId)
  const response = node
    ? await deps.transport.request(node.address, request, timeoutMs).catch(() => null)
    : null
  if (response?.type === 'replica') {
    shard.replicationTracker.updateLocalCheckpoint(allocationId, response.localCheckpoint)
    return 'acked'
  }
  return (await deps.failReplica(shard, { index, uuid, allocationId })) ? 'failed' : 'unconfirmed'
}
