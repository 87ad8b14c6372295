/**
 * AllocationService: every routing change the master makes, each a pure function from one ClusterState
 * to the next, followed by a reroute, as ES's AllocationService does:
 * - `applyStartedShards`: an INITIALIZING copy reported started becomes STARTED and joins the in-sync set;
 * - `applyFailedShards` / `disassociateDeadNodes`: a failed copy, or every copy on a node that left,
 *   becomes UNASSIGNED (ALLOCATION_FAILED / NODE_LEFT). A failed active primary hands over to an active
 *   replica whose allocation id is in sync (never a stale one), with primary term + 1; the old primary
 *   becomes an unassigned replica; replicas still recovering from it fail with PRIMARY_FAILED;
 * - `reroute`: assigns unassigned primaries (a new one anywhere; an existing one only to a node whose
 *   store holds an in-sync copy, keeping that allocation id; each primary assignment raises the primary
 *   term), then replicas once their primary is active, through the deciders and the balancer; then the
 *   balancer moves started copies off nodes they may not remain on and relocates others to balance
 *   (balanced-shards-allocator.ts).
 * Relocations: a relocation target reported started takes its source's place, STARTED, in the same primary
 * term; its allocation id joins the in-sync set and the source's leaves it (IndexMetadataUpdater's
 * relocationCompleted). A failed target, or one whose node left, cancels the relocation (the source is
 * STARTED again); a failed source takes its target with it.
 */
import type { ClusterState } from '../state/cluster-state.ts'
import {
  NODE_LEFT_DELAYED_TIMEOUT_MS,
  assignedShards,
  isActive,
  unassignedCopy,
  type RecoverySourceType,
  type ShardRouting,
  type UnassignedInfo,
  type UnassignedReason,
} from '../state/shard-routing.ts'
import { canAllocate } from './allocation-deciders.ts'
import { balance, chooseNode, moveShards, type NodeChoice } from './balanced-shards-allocator.ts'
import { RoutingAllocation, type AllocationContext } from './routing-allocation.ts'

export interface ShardCopyRef {
  readonly index: string
  readonly shard: number
  readonly allocationId: string
}

export interface FailedShard extends ShardCopyRef {
  readonly reason: 'ALLOCATION_FAILED' | 'NODE_LEFT'
  readonly details: string | null
  /**
   * The primary failed this copy during a write: its allocation id leaves the in-sync set, also when the
   * copy is no longer in the routing table (ReplicationOperation's markShardCopyAsStaleIfNeeded).
   */
  readonly markAsStale: boolean
  /** The term of the primary that reports it; a report from an older primary is ignored (ES rejects it). */
  readonly primaryTerm?: number
}

/** Whether the master has yet to apply a failure: the copy is still routed, or (marked stale) still in sync. */
export function failureStillPending(state: ClusterState, shard: FailedShard): boolean {
  const copies = state.routingTable[shard.index]?.[shard.shard] ?? []
  const routed = assignedShards(copies).some((c) => c.allocationId === shard.allocationId)
  const inSync = state.metadata.indices[shard.index]?.inSyncAllocationIds[shard.shard]?.includes(
    shard.allocationId,
  )
  return routed === true || (shard.markAsStale && inSync === true)
}

/**
 * Whether the primary that reports a failure was deposed: its index is gone or recreated, or the shard's
 * primary term moved past the reporter's. The master rejects such a report (ES's NoLongerPrimaryShardException:
 * "primary term [x] did not match current primary term [y]"); the write it belongs to is not acknowledged.
 */
export function reporterDeposed(state: ClusterState, shard: FailedShard, indexUuid: string): boolean {
  const metadata = state.metadata.indices[shard.index]
  return metadata?.uuid !== indexUuid || metadata.primaryTerms[shard.shard] !== shard.primaryTerm
}

export function reroute(state: ClusterState, context: AllocationContext): ClusterState {
  return round(state, context, () => undefined)
}

export function applyStartedShards(
  state: ClusterState,
  started: readonly ShardCopyRef[],
  context: AllocationContext,
): ClusterState {
  return round(state, context, (allocation) => {
    for (const ref of started) {
      const source = findRelocationSource(allocation, ref)
      if (source) {
        completeRelocation(allocation, source)
        continue
      }
      const copy = findCopy(allocation, ref)
      if (!copy || copy.state !== 'INITIALIZING') continue
      allocation.replace(copy, { ...copy, state: 'STARTED', recoverySource: null, unassignedInfo: null })
      allocation.started(copy)
    }
  })
}

export function applyFailedShards(
  state: ClusterState,
  failed: readonly FailedShard[],
  context: AllocationContext,
): ClusterState {
  return round(state, context, (allocation) => {
    for (const ref of failed) {
      const metadata = state.metadata.indices[ref.index]
      if (
        !metadata ||
        (ref.primaryTerm !== undefined && ref.primaryTerm !== metadata.primaryTerms[ref.shard])
      )
        continue
      const source = findRelocationSource(allocation, ref)
      if (source) cancelRelocation(allocation, source)
      const copy = findCopy(allocation, ref)
      if (copy && copy.state !== 'UNASSIGNED') failShard(allocation, copy, ref.reason, ref.details)
      if (ref.markAsStale) allocation.markedStale(ref.index, ref.shard, ref.allocationId)
    }
  })
}

/** Fails every copy assigned to a node that is no longer in `state.nodes` (NODE_LEFT). */
export function disassociateDeadNodes(state: ClusterState, context: AllocationContext): ClusterState {
  const live = new Set(state.nodes.map((node) => node.id))
  return round(state, context, (allocation) => {
    for (const copy of allocation.all()) {
      if (copy.state === 'RELOCATING' && !live.has(copy.relocatingNodeId!) && live.has(copy.nodeId!))
        cancelRelocation(allocation, copy)
      if (copy.nodeId === null || live.has(copy.nodeId)) continue
      // A primary's failure may already have failed this copy (PRIMARY_FAILED): use the table's current one.
      const current = findCopy(allocation, { ...copy, allocationId: copy.allocationId! })
      if (current && current.state !== 'UNASSIGNED')
        failShard(allocation, current, 'NODE_LEFT', `node_left [${copy.nodeId}]`)
    }
  })
}

function round(
  state: ClusterState,
  context: AllocationContext,
  change: (allocation: RoutingAllocation) => void,
): ClusterState {
  const allocation = new RoutingAllocation(state, context)
  change(allocation)
  allocateUnassigned(allocation)
  moveShards(allocation)
  balance(allocation)
  return allocation.build()
}

function findCopy(allocation: RoutingAllocation, ref: ShardCopyRef): ShardRouting | undefined {
  return allocation.routing[ref.index]?.[ref.shard]?.find((copy) => copy.allocationId === ref.allocationId)
}

/** The RELOCATING copy whose target has `ref`'s allocation id. */
function findRelocationSource(allocation: RoutingAllocation, ref: ShardCopyRef): ShardRouting | undefined {
  return allocation.routing[ref.index]?.[ref.shard]?.find(
    (copy) => copy.state === 'RELOCATING' && copy.relocationId === ref.allocationId,
  )
}

function completeRelocation(allocation: RoutingAllocation, source: ShardRouting): void {
  const target: ShardRouting = {
    ...source,
    state: 'STARTED',
    nodeId: source.relocatingNodeId,
    relocatingNodeId: null,
    allocationId: source.relocationId,
    relocationId: null,
  }
  allocation.replace(source, target)
  allocation.started(target)
  allocation.markedStale(source.index, source.shard, source.allocationId!)
}

function cancelRelocation(allocation: RoutingAllocation, source: ShardRouting): void {
  allocation.replace(source, { ...source, state: 'STARTED', relocatingNodeId: null, relocationId: null })
}

function failedInfo(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  reason: UnassignedReason,
  details: string | null,
): UnassignedInfo {
  const failures = (copy.unassignedInfo?.failedAllocations ?? 0) + (reason === 'ALLOCATION_FAILED' ? 1 : 0)
  return {
    reason,
    at: allocation.context.now,
    failedAllocations: failures,
    lastAllocationStatus: 'NO_ATTEMPT',
    lastAllocatedNodeId: copy.nodeId,
    details,
    delayed: reason === 'NODE_LEFT',
  }
}

function failShard(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  reason: UnassignedReason,
  details: string | null,
): void {
  const info = failedInfo(allocation, copy, reason, details)
  if (!copy.primary) {
    allocation.replace(copy, unassignedCopy(copy.index, copy.shard, false, 'PEER', info))
    return
  }
  const copies = allocation.copies(copy.index, copy.shard)
  if (isActive(copy)) {
    allocation.failedActivePrimary(copy)
    for (const replica of copies.filter((c) => !c.primary && c.state === 'INITIALIZING')) {
      failShard(allocation, replica, 'PRIMARY_FAILED', 'primary failed while replica initializing')
    }
  }
  const inSync = allocation.inSyncIds(copy.index, copy.shard)
  const promoted = isActive(copy)
    ? copies.find((c) => !c.primary && isActive(c) && inSync.has(c.allocationId!))
    : undefined
  if (promoted) {
    allocation.replace(promoted, { ...promoted, primary: true })
    allocation.replace(copy, unassignedCopy(copy.index, copy.shard, false, 'PEER', info))
  } else {
    // A resized (restored) index's primary that never started still recovers from its source's local shards
    // (from the snapshot).
    const fresh = freshPrimarySource(copy)
    const source = inSync.size === 0 ? fresh : 'EXISTING_STORE'
    // A primary is never delayed: there is no copy to wait for.
    allocation.replace(
      copy,
      unassignedCopy(copy.index, copy.shard, true, source, { ...info, delayed: false }),
    )
  }
}

/** Where a primary with no in-sync copy gets its data: its source's shards, the snapshot, or an empty store. */
function freshPrimarySource(copy: ShardRouting): RecoverySourceType {
  return copy.recoverySource === 'LOCAL_SHARDS' || copy.recoverySource === 'SNAPSHOT'
    ? copy.recoverySource
    : 'EMPTY_STORE'
}

function allocateUnassigned(allocation: RoutingAllocation): void {
  const unassigned = allocation.all().filter((copy) => copy.state === 'UNASSIGNED')
  for (const copy of unassigned.filter((c) => c.primary)) allocatePrimary(allocation, copy)
  for (const copy of unassigned.filter((c) => !c.primary)) allocateReplica(allocation, copy)
}

/** The data nodes the allocation deciders answer YES or THROTTLE for `copy`, with that answer. */
function candidateNodes(allocation: RoutingAllocation, copy: ShardRouting): NodeChoice[] {
  return allocation.dataNodes.flatMap((node) => {
    const type = canAllocate(allocation, copy, node)
    return type === 'NO' ? [] : [{ node, type }]
  })
}

function allocatePrimary(allocation: RoutingAllocation, copy: ShardRouting): void {
  const inSync = allocation.inSyncIds(copy.index, copy.shard)
  const candidates = candidateNodes(allocation, copy)
  if (inSync.size === 0) {
    const choice = chooseNode(allocation, copy, candidates)
    if (choice?.type === 'YES') {
      const source = freshPrimarySource(copy)
      initialize(allocation, copy, choice.node.id, allocation.context.newAllocationId(), source)
    } else markNotAllocated(allocation, copy, choice ? 'DECIDERS_THROTTLED' : 'DECIDERS_NO')
    return
  }
  const uuid = allocation.metadata(copy.index).uuid
  const holding = new Map<string, string>()
  for (const { node } of candidates) {
    const stored = allocation.context
      .shardStores(node.id)
      .find((s) => s.indexUuid === uuid && s.shard === copy.shard && inSync.has(s.allocationId))
    if (stored) holding.set(node.id, stored.allocationId)
  }
  // PrimaryShardAllocator: a node holding an in-sync copy that says YES, else one that throttles
  const choice = chooseNode(
    allocation,
    copy,
    candidates.filter((c) => holding.has(c.node.id)),
  )
  if (choice?.type === 'YES') {
    initialize(allocation, copy, choice.node.id, holding.get(choice.node.id)!, 'EXISTING_STORE')
  } else markNotAllocated(allocation, copy, choice ? 'DECIDERS_THROTTLED' : 'NO_VALID_SHARD_COPY')
}

/**
 * ReplicaShardAllocator: a delayed replica goes at once to a node whose store holds a copy of its shard (the
 * node that left came back), else waits until its delay runs out; then any node the deciders allow. A copy
 * whose chosen node throttles stays unassigned until a recovery ends.
 */
function allocateReplica(allocation: RoutingAllocation, unassigned: ShardRouting): void {
  let copy = unassigned
  const info = unassigned.unassignedInfo
  if (info?.delayed) {
    const uuid = allocation.metadata(copy.index).uuid
    const holding = candidateNodes(allocation, copy).filter(({ node }) =>
      allocation.context.shardStores(node.id).some((s) => s.indexUuid === uuid && s.shard === copy.shard),
    )
    if (holding.length === 0 && allocation.context.now < info.at + NODE_LEFT_DELAYED_TIMEOUT_MS) return
    copy = { ...unassigned, unassignedInfo: { ...info, delayed: false } }
    allocation.replace(unassigned, copy)
    const choice = chooseNode(allocation, copy, holding)
    if (choice?.type === 'THROTTLE') return
    if (choice)
      return initialize(allocation, copy, choice.node.id, allocation.context.newAllocationId(), 'PEER')
  }
  const choice = chooseNode(allocation, copy, candidateNodes(allocation, copy))
  if (choice?.type === 'YES') {
    initialize(allocation, copy, choice.node.id, allocation.context.newAllocationId(), 'PEER')
  } else if (choice === null) markNotAllocated(allocation, copy, 'DECIDERS_NO')
}

function initialize(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  nodeId: string,
  allocationId: string,
  recoverySource: RecoverySourceType,
): void {
  allocation.replace(copy, { ...copy, state: 'INITIALIZING', nodeId, allocationId, recoverySource })
  if (copy.primary) allocation.increasePrimaryTerm(copy.index, copy.shard)
}

/** Records why a primary stays unassigned; a replica's status stays no_attempt (RoutingNodes.ignoreShard). */
function markNotAllocated(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  status: 'DECIDERS_NO' | 'DECIDERS_THROTTLED' | 'NO_VALID_SHARD_COPY',
): void {
  if (!copy.primary || copy.unassignedInfo?.lastAllocationStatus === status) return
  const info = copy.unassignedInfo!
  allocation.replace(copy, { ...copy, unassignedInfo: { ...info, lastAllocationStatus: status } })
}
