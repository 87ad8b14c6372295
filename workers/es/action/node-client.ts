/**
 * NodeClient: how a coordinating node reaches shard copies wherever they are (ES's TransportService
 * calls from TransportReplicationAction and TransportSingleShardAction):
 * - `toPrimary`: to the node holding the shard's active primary; while there is none, or its node does
 *   not answer, or no longer holds it as primary, it waits for a newer cluster state and tries again, for
 *   up to a minute (the replication timeout), then fails with unavailable_shards_exception;
 * - `toActiveCopy`: to an active copy, the primary first, then the replicas;
 * - `eachNode`: one request to every node of the cluster (node-level statistics).
 */
import type { Scheduler } from '../../net/scheduler.ts'
import type { Transport } from '../../net/transport.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { isActive, type ShardRouting } from '../cluster/state/shard-routing.ts'
import { EsException, indexNotFoundException } from '../errors/index.ts'
import type { ClusterService } from '../node/cluster-service.ts'
import type { ShardRequest, ShardResponse, ShardTarget } from './shard-messages.ts'
import type { SearchPreference } from '../cluster/routing/preference.ts'

export const REPLICATION_TIMEOUT_MS = 60_000
const SHARD_REQUEST_TIMEOUT_MS = 60_000

export class NodeClient {
  constructor(
    readonly cluster: ClusterService,
    private readonly transport: Transport<ShardRequest, ShardResponse>,
    private readonly scheduler: Scheduler,
  ) {}

  /** The shard of an index in the current state, as a request target; index_not_found when it is gone. */
  target(state: ClusterState, index: string, shard: number): ShardTarget {
    const metadata = state.metadata.indices[index]
    if (!metadata) throw indexNotFoundException(index)
    return { index, uuid: metadata.uuid, shard }
  }

  /**
   * Sends `build(target)` to the shard's primary until a node answers for it. `describe` names the request
   * in the timeout error (`BulkShardRequest [[idx][0]] containing [1] requests`).
   */
  async toPrimary(
    index: string,
    shard: number,
    build: (target: ShardTarget) => ShardRequest,
    describe: string,
  ): Promise<ShardResponse> {
    const deadline = this.scheduler.now() + REPLICATION_TIMEOUT_MS
    for (;;) {
      const state = this.cluster.state()
      const target = this.target(state, index, shard)
      const primary = state.routingTable[index]?.[shard]?.find((copy) => copy.primary)
      if (primary && isActive(primary)) {
        const response = await this.send(state, primary, build(target))
        if (response && response.type !== 'unavailable') return response
      }
      const remaining = deadline - this.scheduler.now()
      if (remaining <= 0) throw unavailableShardsException(index, shard, describe)
      const version = state.version
      await this.cluster.waitFor((s) => s.version > version, Math.min(remaining, 1_000))
    }
  }

  /** Sends to an active copy of the shard, the primary first; null when none answers. */
  async toActiveCopy(
    index: string,
    shard: number,
    build: (target: ShardTarget) => ShardRequest,
    preference?: SearchPreference,
  ): Promise<ShardResponse | null> {
    const state = this.cluster.state()
    const target = this.target(state, index, shard)
    const active = activeCopies(state, index, shard)
    for (const copy of preference ? preference.copies(index, shard, active) : active) {
      const response = await this.send(state, copy, build(target))
      if (response && response.type !== 'unavailable') return response
    }
    return null
  }

  /** One request to one node; null when it does not answer within `timeoutMs`. */
  toNode(
    address: number,
    request: ShardRequest,
    timeoutMs = SHARD_REQUEST_TIMEOUT_MS,
  ): Promise<ShardResponse | null> {
    return this.transport.request(address, request, timeoutMs).catch(() => null)
  }

  /** Every node's answer to one request; nodes that do not answer are left out. */
  async eachNode(request: ShardRequest): Promise<ShardResponse[]> {
    const state = this.cluster.state()
    const responses = await Promise.all(state.nodes.map((node) => this.toNode(node.address, request)))
    return responses.filter((response): response is ShardResponse => response !== null)
  }

  private send(
    state: ClusterState,
    copy: ShardRouting,
    request: ShardRequest,
  ): Promise<ShardResponse | null> {
    const node = state.nodes.find((n) => n.id === copy.nodeId)
    return node ? this.toNode(node.address, request) : Promise.resolve(null)
  }
}

/** UnavailableShardsException after the replication timeout. */
/** A shard's active copies, the primary first (the order a search asks them in without a `preference`). */
export function activeCopies(state: ClusterState, index: string, shard: number): ShardRouting[] {
  const copies = (state.routingTable[index]?.[shard] ?? []).filter(isActive)
  return copies.sort((a, b) => Number(b.primary) - Number(a.primary))
}

export function unavailableShardsException(index: string, shard: number, request: string): EsException {
  return new EsException({
    type: 'unavailable_shards_exception',
    reason: `[${index}][${shard}] primary shard is not active Timeout: [1m], request: [${request}]`,
    status: 503,
  })
}
