/**
 * TransportNodesListGatewayStartedShards: asks a node which shard copies it holds on disk (each with the allocation
 * id its shard state file records), on its own channel, `gateway_started_shards`. The request carries nothing: a
 * node answers its whole list (ES asks per shard; the answers are the same copies). A node that does not answer in
 * time (stopped, partitioned) gives null.
 */
import type { Transport } from '../../net/transport.ts'
import type { StoredShardCopy } from '../cluster/allocation/routing-allocation.ts'

export type ListStartedShardsRequest = Record<string, never>

export type StartedShardsChannel = Transport<ListStartedShardsRequest, StoredShardCopy[]>

const LIST_TIMEOUT_MS = 30_000

/** Serves this node's stored copies. */
export function serveStartedShards(
  channel: StartedShardsChannel,
  storedCopies: () => StoredShardCopy[],
): void {
  channel.serve(() => Promise.resolve(storedCopies()))
}

export class StartedShardsClient {
  constructor(private readonly channel: StartedShardsChannel) {}

  /** The copies the node at `address` holds, or null when it does not answer. */
  list(address: number): Promise<StoredShardCopy[] | null> {
    return this.channel.request(address, {}, LIST_TIMEOUT_MS).catch(() => null)
  }
}
