/**
 * GatewayShardStores: what the elected master knows of the shard copies every other node holds on disk, as
 * ES's gateway fetches them (TransportNodesListGatewayStartedShards) before it assigns an existing primary.
 * A node's whole list arrives with its join and with each of its publish responses (so a node that follows
 * a new master without a join request is known too); a copy reported started is added; and a store that a
 * copy recovering on its node from a peer (or from nothing) wipes is forgotten as soon as the state that
 * assigns that copy applies, and left out of any later answer sent before the node applied it. A node holds
 * at most one store per shard.
 */
import type { ClusterState } from '../state/cluster-state.ts'
import type { StoredShardCopy } from '../allocation/routing-allocation.ts'

export class GatewayShardStores {
  private readonly stores = new Map<string, readonly StoredShardCopy[]>()
  private state: ClusterState | null = null

  list(nodeId: string): readonly StoredShardCopy[] {
    return this.stores.get(nodeId) ?? []
  }

  /**
   * A node's whole list (less what the applied state already has it wipe: an answer may have left before
   * the node applied that state); true when it differs from what was known (a reroute may assign more).
   */
  reported(nodeId: string, copies: readonly StoredShardCopy[]): boolean {
    const kept = this.kept(nodeId, copies)
    const changed = JSON.stringify(this.list(nodeId)) !== JSON.stringify(kept)
    this.stores.set(nodeId, kept)
    return changed
  }

  started(nodeId: string, copy: StoredShardCopy): void {
    const others = this.list(nodeId).filter((s) => s.indexUuid !== copy.indexUuid || s.shard !== copy.shard)
    this.stores.set(nodeId, [...others, copy])
  }

  applied(state: ClusterState): void {
    this.state = state
    for (const [nodeId, copies] of this.stores) this.stores.set(nodeId, this.kept(nodeId, copies))
  }

  private kept(nodeId: string, copies: readonly StoredShardCopy[]): StoredShardCopy[] {
    const state = this.state
    if (!state) return [...copies]
    const names = new Map(Object.values(state.metadata.indices).map((index) => [index.uuid, index.name]))
    return copies.filter((stored) => {
      const name = names.get(stored.indexUuid)
      const group = name === undefined ? [] : (state.routingTable[name]?.[stored.shard] ?? [])
      return !group.some(
        (copy) =>
          copy.nodeId === nodeId &&
          copy.state === 'INITIALIZING' &&
          copy.recoverySource !== 'EXISTING_STORE' &&
          copy.allocationId !== stored.allocationId,
      )
    })
  }
}
