/**
 * RoutingAllocation: the mutable working copy of one allocation round, as ES's RoutingAllocation with its
 * RoutingNodes and IndexMetadataUpdater. It holds the routing table as arrays it may change, counts the
 * copies per node for the balancer, records what the round does to primary terms and in-sync sets,
 * and builds the next immutable ClusterState.
 *
 * Rules applied in `build` (IndexMetadataUpdater): a primary initialized or an active primary failed
 * raises that shard's primary term by exactly one per round; a started copy joins the in-sync set; a copy
 * failed as stale leaves it; the set is trimmed to number_of_replicas + 1 (copies with a routing entry
 * first) only when it grows; a failed active primary's id stays when no active copy is left.
 */
import type { ClusterState, IndexMetadata } from '../state/cluster-state.ts'
import { isDataNode, type DiscoveryNode } from '../state/discovery-node.ts'
import type { ShardRouting } from '../state/shard-routing.ts'
import type { ClusterInfo } from './cluster-info.ts'

/** A shard copy a node holds on disk, by index uuid: what the master asks before assigning a primary. */
export interface StoredShardCopy {
  readonly indexUuid: string
  readonly shard: number
  readonly allocationId: string
}

export interface AllocationContext {
  /** The master's clock, for UnassignedInfo.at. */
  readonly now: number
  readonly newAllocationId: () => string
  /** The shard copies a node reported holding (the gateway's started-shards fetch). */
  readonly shardStores: (nodeId: string) => readonly StoredShardCopy[]
  /** The master's last ClusterInfo (disk usages and shard sizes); absent, none is known (disk usages unavailable). */
  readonly clusterInfo?: ClusterInfo
}

interface ShardUpdates {
  increaseTerm: boolean
  added: Set<string>
  removed: Set<string>
  firstFailedPrimary: string | null
}

export class RoutingAllocation {
  readonly routing: Record<string, ShardRouting[][]> = {}
  readonly dataNodes: readonly DiscoveryNode[]
  private readonly updates = new Map<string, ShardUpdates>()

  constructor(
    readonly state: ClusterState,
    readonly context: AllocationContext,
  ) {
    for (const [index, shards] of Object.entries(state.routingTable)) {
      this.routing[index] = shards.map((copies) => [...copies])
    }
    this.dataNodes = state.nodes.filter(isDataNode)
  }

  metadata(index: string): IndexMetadata {
    const metadata = this.state.metadata.indices[index]
    if (!metadata) throw new Error(`no metadata for index [${index}]`)
    return metadata
  }

  copies(index: string, shard: number): ShardRouting[] {
    const copies = this.routing[index]?.[shard]
    if (!copies) throw new Error(`no routing for [${index}][${shard}]`)
    return copies
  }

  /** Replaces `old` (the same object found in the table) by `next`. */
  replace(old: ShardRouting, next: ShardRouting): void {
    const copies = this.copies(old.index, old.shard)
    const at = copies.indexOf(old)
    if (at < 0) throw new Error(`[${old.index}][${old.shard}] copy not found`)
    copies[at] = next
  }

  /**
   * RoutingNodes.relocateShard: the started `copy` becomes RELOCATING to `nodeId`; its target, derived from
   * it, initializes there under a new allocation id.
   */
  relocate(copy: ShardRouting, nodeId: string): void {
    this.replace(copy, {
      ...copy,
      state: 'RELOCATING',
      relocatingNodeId: nodeId,
      relocationId: this.context.newAllocationId(),
    })
  }

  /** Every copy, index by index in name order. */
  all(): ShardRouting[] {
    return Object.keys(this.routing)
      .sort()
      .flatMap((index) => this.routing[index]!.flat())
  }

  assignedTo(nodeId: string): ShardRouting[] {
    return this.all().filter((copy) => copy.nodeId === nodeId)
  }

  increasePrimaryTerm(index: string, shard: number): void {
    this.shardUpdates(index, shard).increaseTerm = true
  }

  started(copy: ShardRouting): void {
    this.shardUpdates(copy.index, copy.shard).added.add(copy.allocationId!)
  }

  markedStale(index: string, shard: number, allocationId: string): void {
    this.shardUpdates(index, shard).removed.add(allocationId)
  }

  /** The shard's in-sync set as this round has changed it so far. */
  inSyncIds(index: string, shard: number): Set<string> {
    const ids = new Set(this.metadata(index).inSyncAllocationIds[shard] ?? [])
    const updates = this.updates.get(`${index}\u0000${shard}`)
    for (const id of updates?.added ?? []) ids.add(id)
    for (const id of updates?.removed ?? []) ids.delete(id)
    return ids
  }

  failedActivePrimary(copy: ShardRouting): void {
    const updates = this.shardUpdates(copy.index, copy.shard)
    updates.firstFailedPrimary ??= copy.allocationId
    updates.increaseTerm = true
  }

  private shardUpdates(index: string, shard: number): ShardUpdates {
    const key = `${index}\u0000${shard}`
    let updates = this.updates.get(key)
    if (!updates) {
      updates = { increaseTerm: false, added: new Set(), removed: new Set(), firstFailedPrimary: null }
      this.updates.set(key, updates)
    }
    return updates
  }

  build(): ClusterState {
    const indices: Record<string, IndexMetadata> = {}
    for (const [name, metadata] of Object.entries(this.state.metadata.indices)) {
      indices[name] = this.updatedMetadata(metadata)
    }
    return { ...this.state, metadata: { ...this.state.metadata, indices }, routingTable: this.routing }
  }

  private updatedMetadata(metadata: IndexMetadata): IndexMetadata {
    const primaryTerms = [...metadata.primaryTerms]
    const inSync = metadata.inSyncAllocationIds.map((ids) => [...ids])
    for (let shard = 0; shard < metadata.numberOfShards; shard++) {
      const updates = this.updates.get(`${metadata.name}\u0000${shard}`)
      if (!updates) continue
      if (updates.increaseTerm) primaryTerms[shard] = primaryTerms[shard]! + 1
      inSync[shard] = this.nextInSync(metadata, shard, inSync[shard]!, updates)
    }
    return { ...metadata, primaryTerms, inSyncAllocationIds: inSync }
  }

  private nextInSync(metadata: IndexMetadata, shard: number, old: string[], updates: ShardUpdates): string[] {
    let ids = [...new Set([...old, ...updates.added])].filter((id) => !updates.removed.has(id))
    const copies = this.copies(metadata.name, shard)
    const maxActive = metadata.numberOfReplicas + 1
    if (ids.length > old.length && ids.length > maxActive) {
      const routed = new Set(copies.filter((c) => c.allocationId !== null).map((c) => c.allocationId!))
      ids = [...ids.filter((id) => routed.has(id)), ...ids.filter((id) => !routed.has(id))].slice(
        0,
        maxActive,
      )
    }
    const anyActive = copies.some((c) => c.state === 'STARTED' || c.state === 'RELOCATING')
    if (!anyActive && updates.firstFailedPrimary !== null && !ids.includes(updates.firstFailedPrimary)) {
      ids.push(updates.firstFailedPrimary)
    }
    return ids.length === 0 ? old : ids.sort()
  }
}
