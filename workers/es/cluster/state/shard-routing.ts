/**
 * ShardRouting: one copy of one shard in the routing table, as ES's ShardRouting with its
 * UnassignedInfo and RecoverySource. The names are ES's own, as `_cat/shards` and
 * `_cluster/allocation/explain` print them.
 *
 * Invariants: UNASSIGNED ⇔ nodeId null; an assigned copy has an allocation id; an UNASSIGNED or
 * INITIALIZING copy keeps its UnassignedInfo and recovery source (health reads them), a STARTED or
 * RELOCATING copy has neither; RELOCATING ⇔ relocatingNodeId and relocationId present.
 *
 * A relocation, as ES models it: the table lists only the source, RELOCATING on its node with
 * relocatingNodeId naming the target's node and relocationId the target's allocation id (AllocationId's
 * relocationId). The target is derived (ShardRouting.getTargetRelocatingShard): INITIALIZING on that node
 * under that allocation id, with the source's node as its relocatingNodeId and the source's allocation id
 * as its relocationId, recovering from the primary (PEER). `_cat/shards` and health count the source only;
 * the nodes, recoveries and the replication group see both (assignedShards).
 */
export type ShardRoutingState = 'UNASSIGNED' | 'INITIALIZING' | 'STARTED' | 'RELOCATING'

/** UnassignedInfo.Reason, the subset this cluster produces. */
export type UnassignedReason =
  | 'INDEX_CREATED'
  | 'CLUSTER_RECOVERED'
  | 'REPLICA_ADDED'
  | 'ALLOCATION_FAILED'
  | 'NODE_LEFT'
  | 'PRIMARY_FAILED'
  | 'DANGLING_INDEX_IMPORTED'
  | 'NEW_INDEX_RESTORED'

/** UnassignedInfo.AllocationStatus: the outcome of the last allocation attempt. */
export type AllocationStatus = 'NO_ATTEMPT' | 'DECIDERS_NO' | 'DECIDERS_THROTTLED' | 'NO_VALID_SHARD_COPY'

/**
 * RecoverySource.Type: where an initializing copy gets its data. LOCAL_SHARDS: a resized index's primary, from
 * the source index's copies on its own node (split, shrink, clone). SNAPSHOT: a restored index's primary, from
 * the shard's files in a snapshot repository (the index's IndexMetadata.restore names the snapshot).
 */
export type RecoverySourceType = 'EMPTY_STORE' | 'EXISTING_STORE' | 'PEER' | 'LOCAL_SHARDS' | 'SNAPSHOT'

export interface UnassignedInfo {
  readonly reason: UnassignedReason
  /** Milliseconds since the epoch, from the master's clock. */
  readonly at: number
  readonly failedAllocations: number
  readonly lastAllocationStatus: AllocationStatus
  readonly lastAllocatedNodeId: string | null
  readonly details: string | null
  /**
   * UnassignedInfo.isDelayed: a replica whose node left waits index.unassigned.node_left.delayed_timeout
   * (NODE_LEFT_DELAYED_TIMEOUT_MS after `at`) before it is allocated elsewhere, so a node that comes back
   * soon gets its copies back instead of the cluster copying every shard it held.
   */
  readonly delayed: boolean
}

/** index.unassigned.node_left.delayed_timeout's default, 1m. */
export const NODE_LEFT_DELAYED_TIMEOUT_MS = 60_000

export interface ShardRouting {
  readonly index: string
  readonly shard: number
  readonly primary: boolean
  readonly state: ShardRoutingState
  readonly nodeId: string | null
  readonly relocatingNodeId: string | null
  readonly allocationId: string | null
  /** A RELOCATING copy's target allocation id; a relocation target's source allocation id; else null. */
  readonly relocationId: string | null
  readonly recoverySource: RecoverySourceType | null
  readonly unassignedInfo: UnassignedInfo | null
}

/** Active copies serve searches and can be promoted: STARTED or RELOCATING (ShardRouting.active). */
export function isActive(copy: ShardRouting): boolean {
  return copy.state === 'STARTED' || copy.state === 'RELOCATING'
}

export function unassignedCopy(
  index: string,
  shard: number,
  primary: boolean,
  recoverySource: RecoverySourceType,
  info: UnassignedInfo,
): ShardRouting {
  return {
    index,
    shard,
    primary,
    state: 'UNASSIGNED',
    nodeId: null,
    relocatingNodeId: null,
    allocationId: null,
    relocationId: null,
    recoverySource,
    unassignedInfo: info,
  }
}

export function newUnassignedInfo(
  reason: UnassignedReason,
  at: number,
  details: string | null = null,
): UnassignedInfo {
  return {
    reason,
    at,
    failedAllocations: 0,
    lastAllocationStatus: 'NO_ATTEMPT',
    lastAllocatedNodeId: null,
    details,
    delayed: false,
  }
}

/** A relocation target (ShardRouting.isRelocationTarget): initializing, with a source it relocates from. */
export function isRelocationTarget(copy: ShardRouting): boolean {
  return copy.state === 'INITIALIZING' && copy.relocatingNodeId !== null
}

/** The target of a RELOCATING copy (ShardRouting.getTargetRelocatingShard). */
export function targetRelocatingShard(source: ShardRouting): ShardRouting {
  return {
    index: source.index,
    shard: source.shard,
    primary: source.primary,
    state: 'INITIALIZING',
    nodeId: source.relocatingNodeId,
    relocatingNodeId: source.nodeId,
    allocationId: source.relocationId,
    relocationId: source.allocationId,
    recoverySource: 'PEER',
    unassignedInfo: null,
  }
}

/**
 * Every copy of a shard that is on a node, relocation targets included (IndexShardRoutingTable's
 * assignedShards): what nodes hold, recover and replicate to.
 */
export function assignedShards(copies: readonly ShardRouting[]): ShardRouting[] {
  const assigned: ShardRouting[] = []
  for (const copy of copies) {
    if (copy.nodeId === null) continue
    assigned.push(copy)
    if (copy.state === 'RELOCATING') assigned.push(targetRelocatingShard(copy))
  }
  return assigned
}

/** The shard's active primary (the source while it relocates), if any. */
export function activePrimary(copies: readonly ShardRouting[]): ShardRouting | undefined {
  return copies.find((copy) => copy.primary && isActive(copy))
}
