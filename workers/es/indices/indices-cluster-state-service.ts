/**
 * IndicesClusterStateService: makes this node's indices and shard copies follow every applied cluster
 * state, as ES's IndicesClusterStateService does:
 * - an index the state no longer has (or has under a new uuid) is closed and its store deleted; a stored
 *   copy of an index the state never knew here stays on disk, a dangling index (ES keeps those too);
 * - every index of the state is known here with its current settings and mapping; an index deleted, closed or
 *   reopened has this node's scroll and point-in-time contexts on it freed (SearchService.afterIndexRemoved);
 * - a local copy the routing table no longer assigns here (or assigns under another allocation id) is
 *   closed; its store stays on disk, still reported to the master (a primary may be assigned to it again
 *   while it is in sync), until every copy of the shard is active on other nodes (IndicesStore);
 * - a copy assigned here INITIALIZING (relocation targets included) is created and recovered: a new primary
 *   from an empty store, an existing primary from its last commit plus the translog operations above it
 *   (StoreRecovery), a resized index's primary from its source's shards on this node (local-shards-recovery.ts),
 *   a restored index's primary from its snapshot's shard blob (snapshots/snapshot-shard-recovery.ts),
 *   a replica or a relocation target from the primary (peer recovery: the primary starts
 *   sending it new writes, then sends the operations it holds; the copy keeps the newer operation of each id);
 *   a primary's relocation target then has its source hand the primary off. A recovering replica takes the
 *   primary's checkpoints with its snapshot; a primary recovered from its store fills its sequence number gaps
 *   (StoreRecovery). A started replica the state makes the primary takes over and resyncs the other copies
 *   (`promote`: action/primary-replica-syncer.ts). A recovered copy is persisted
 *   with its allocation id and reported started to the master, then flushed when it replayed or received
 *   operations (as InternalEngine.recoverFromTranslog and peer recovery's finalize do); a copy the state lists
 *   as active but this node does not hold is reported failed.
 */
import { synonymsSets } from '../synonyms/synonyms-metadata.ts'
import type { Clock } from '../../net/clock.ts'
import type { Storage } from '../../storage/storage.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { DiscoveryNode } from '../cluster/state/discovery-node.ts'
import {
  activePrimary,
  assignedShards,
  isActive,
  isRelocationTarget,
  type ShardRouting,
} from '../cluster/state/shard-routing.ts'
import type { FailedShard, ShardCopyRef } from '../cluster/allocation/allocation-service.ts'
import type { StoredShardCopy } from '../cluster/allocation/routing-allocation.ts'
import { esIndexMetadata } from '../cluster/metadata/es-index-metadata.ts'
import type { IndexService } from '../index/index-service.ts'
import { isClosed } from '../index/index-metadata.ts'
import type { IndexShard, ShardOperation } from '../index/shard/index-shard.ts'
import type { RecoverySnapshot } from '../action/shard-messages.ts'
import { acquireReplicaOperationPermit, applyOperations } from '../action/replica-operations.ts'
import type { IndicesService } from './indices-service.ts'
import { newRecoveryState, type RecoveryState } from './recovery-state.ts'
import { localShardsSnapshot } from './local-shards-recovery.ts'

export interface ShardStateReporter {
  shardStarted(shard: ShardCopyRef, storedCopy: StoredShardCopy): void
  shardFailed(shard: FailedShard): void
}

export interface IndicesClusterStateDeps {
  localNodeId: string
  clock: Clock
  storage: Storage
  reporter: ShardStateReporter
  /**
   * Asks the shard's current primary for the operations it holds (the primary tracks this copy first).
   * Resolves null when this copy is no longer wanted; retries until then.
   */
  recoverFromPrimary(index: IndexService, copy: ShardRouting): Promise<RecoverySnapshot | null>
  /** A restored primary's documents from its snapshot (snapshots/snapshot-shard-recovery.ts). */
  recoverFromSnapshot(
    index: IndexService,
    copy: ShardRouting,
    state: ClusterState,
  ): Promise<
    { operations: ShardOperation[]; maxSeqNo: number; files: number; bytes: number } | { missing: string }
  >
  /** Has the relocating primary hand off to `copy`, its recovered target; false when no longer wanted. */
  handOffPrimary(index: IndexService, copy: ShardRouting): Promise<boolean>
  /** A started replica the state makes the primary: it takes over and resyncs the other copies. */
  promote(index: IndexService, shard: IndexShard, state: ClusterState): void
  /** Whether this primary copy handed off to its relocation target (it takes no write any more). */
  isRelocated(shard: IndexShard): boolean
  /** Frees this node's scroll and point-in-time contexts of an index uuid (SearchService.afterIndexRemoved). */
  freeReaderContexts(uuid: string): void
}

export class IndicesClusterStateService {
  private readonly recovering = new Set<string>()

  constructor(
    private readonly indices: IndicesService,
    private readonly deps: IndicesClusterStateDeps,
  ) {}

  apply(state: ClusterState): void {
    if (state.masterNodeId === null) return
    const uuids = new Set(Object.values(state.metadata.indices).map((metadata) => metadata.uuid))
    for (const index of this.indices.all()) {
      if (uuids.has(index.metadata.uuid)) continue
      this.deps.freeReaderContexts(index.metadata.uuid)
      void this.indices.remove(index.metadata.name)
    }
    for (const metadata of Object.values(state.metadata.indices)) {
      const known = this.indices.get(metadata.name)?.metadata
      const index = this.indices.follow(esIndexMetadata(metadata), synonymsSets(state))
      if (known?.uuid === index.metadata.uuid && isClosed(known) !== isClosed(index.metadata))
        this.deps.freeReaderContexts(index.metadata.uuid)
      const assigned = new Map<number, ShardRouting>()
      for (const copies of state.routingTable[metadata.name] ?? []) {
        for (const copy of assignedShards(copies))
          if (copy.nodeId === this.deps.localNodeId) assigned.set(copy.shard, copy)
      }
      for (const [number, shard] of [...index.shards]) {
        const copy = assigned.get(number)
        if (copy && copy.allocationId === shard.routing?.allocationId) continue
        if (shard.routing?.allocationId) this.recovering.delete(shard.routing.allocationId)
        this.indices.closeShard(index, number)
      }
      for (const copy of assigned.values()) {
        this.applyCopy(index, copy, metadata.primaryTerms[copy.shard] ?? 1, state)
      }
      this.deleteStoresActiveElsewhere(index, state)
    }
  }

  /**
   * IndicesStore: a stored copy of a shard not held here is deleted once every copy of the shard is active
   * on another node; before that it may be the last in-sync copy of acknowledged writes.
   */
  private deleteStoresActiveElsewhere(index: IndexService, state: ClusterState): void {
    const { name, uuid } = index.metadata
    state.routingTable[name]?.forEach((copies, number) => {
      if (index.shards.has(number) || !this.indices.storedCopy(uuid, number)) return
      if (copies.every((copy) => isActive(copy) && copy.nodeId !== this.deps.localNodeId))
        void this.indices.deleteShardStore(uuid, number)
    })
  }

  private applyCopy(index: IndexService, copy: ShardRouting, primaryTerm: number, state: ClusterState): void {
    let shard = index.shards.get(copy.shard)
    if (shard && this.deps.isRelocated(shard) && !sameRelocation(shard, copy)) {
      this.removeRelocated(index, copy, primaryTerm)
      shard = undefined
      if (copy.state !== 'INITIALIZING') return
    }
    if (!shard) {
      if (copy.state !== 'INITIALIZING') {
        this.deps.reporter.shardFailed({
          index: copy.index,
          shard: copy.shard,
          allocationId: copy.allocationId!,
          reason: 'ALLOCATION_FAILED',
          details: 'shard not found on this node',
          markAsStale: false,
        })
        return
      }
      shard = this.indices.newShard(index, copy.shard)
    }
    const promoted = shard.recovered && shard.routing?.primary === false && copy.primary && isActive(copy)
    shard.routing = copy
    shard.primaryTerm = primaryTerm
    if (promoted) this.deps.promote(index, shard, state)
    const group = new Set(
      assignedShards(state.routingTable[copy.index]?.[copy.shard] ?? []).map((c) => c.allocationId),
    )
    for (const id of shard.tracked) if (!group.has(id)) shard.tracked.delete(id)
    if (copy.state !== 'INITIALIZING') return
    // A copy this node already holds, assigned again under its allocation id (a recovered routing table):
    // it is reported started; the Coordinator re-sends that until the master applies it.
    if (shard.recovered) this.reportStarted(index, copy)
    else if (!this.recovering.has(copy.allocationId!)) void this.recover(index, shard, copy, state)
  }

  /**
   * A primary that handed off can take no other routing than its relocation: it could not safely be the
   * primary again (IndexShard.updateShardState's IndexShardRelocatedException). It is removed; a copy still
   * active here (the relocation cancelled after the hand-off, its target gone) is reported failed
   * (failAndRemoveShard), so that the master promotes an in-sync replica or assigns the primary again, then
   * recovered afresh from its store. One assigned here again INITIALIZING under its allocation id is recovered
   * afresh at once (ES removes an active copy the state initializes again: "removing shard (stale copy)").
   */
  private removeRelocated(index: IndexService, copy: ShardRouting, primaryTerm: number): void {
    this.indices.closeShard(index, copy.shard)
    if (copy.state === 'INITIALIZING') return
    this.deps.reporter.shardFailed({
      index: copy.index,
      shard: copy.shard,
      allocationId: copy.allocationId!,
      reason: 'ALLOCATION_FAILED',
      details:
        'failed updating shard routing entry: the primary was relocated, it cannot become the primary again',
      markAsStale: false,
      primaryTerm,
    })
  }

  private async recover(
    index: IndexService,
    shard: IndexShard,
    copy: ShardRouting,
    state: ClusterState,
  ): Promise<void> {
    const allocationId = copy.allocationId!
    const { uuid } = index.metadata
    this.recovering.add(allocationId)
    const recovery = this.newRecoveryState(copy, state)
    shard.recoveryState = recovery
    try {
      let operations: ShardOperation[] = []
      let snapshot: RecoverySnapshot | null = null
      let localMaxSeqNo = -1
      if (copy.primary && copy.recoverySource === 'EXISTING_STORE') {
        operations = await this.indices.recoverFromStore(uuid, shard)
      } else {
        await this.indices.deleteShardStore(uuid, copy.shard)
        if (copy.recoverySource === 'LOCAL_SHARDS') {
          const local = localShardsSnapshot(
            this.indices,
            state,
            index.metadata,
            copy.shard,
            this.deps.clock.now(),
          )
          if ('missing' in local) return this.failRecovery(copy, local.missing)
          operations = local.operations
          localMaxSeqNo = local.maxSeqNo
        } else if (copy.recoverySource === 'SNAPSHOT') {
          const restored = await this.deps.recoverFromSnapshot(index, copy, state)
          if ('missing' in restored) return this.failRecovery(copy, restored.missing)
          recovery.files = { count: restored.files, bytes: restored.bytes }
          operations = restored.operations
          localMaxSeqNo = restored.maxSeqNo
        } else if (copy.recoverySource === 'PEER') {
          snapshot = await this.deps.recoverFromPrimary(index, copy)
          if (snapshot === null) return
          operations = snapshot.operations
        }
      }
      if (index.shards.get(copy.shard) !== shard) return
      const now = this.deps.clock.now()
      recovery.stage = 'translog'
      recovery.translogTotal = operations.length
      if (snapshot)
        acquireReplicaOperationPermit(index, shard, snapshot.primaryTerm, snapshot.globalCheckpoint, now)
      const fresh = applyOperations(index, shard, operations, now)
      shard.fillSeqNoGaps(snapshot ? snapshot.localCheckpoint : Math.max(shard.maxSeqNo, localMaxSeqNo))
      // A primary recovered from its store (or its source's local shards) computes its global checkpoint over its
      // in-sync copies, as ES's activatePrimaryMode does: its own local checkpoint when no other copy is in sync,
      // else unchanged until they answer.
      if (
        copy.primary &&
        (copy.recoverySource === 'EXISTING_STORE' ||
          copy.recoverySource === 'LOCAL_SHARDS' ||
          copy.recoverySource === 'SNAPSHOT')
      ) {
        const others = (state.metadata.indices[copy.index]?.inSyncAllocationIds[copy.shard] ?? []).filter(
          (id) => id !== allocationId,
        )
        shard.replicationTracker.updateGlobalCheckpointOnPrimary(others, shard.localCheckpoint)
      }
      recovery.translogRecovered = operations.length
      recovery.stage = 'finalize'
      const stored: StoredShardCopy = { indexUuid: uuid, shard: copy.shard, allocationId }
      const persist = copy.primary && copy.recoverySource === 'EXISTING_STORE' ? [] : fresh
      await this.deps.storage.write([
        ...(persist.length > 0 ? [this.indices.translogOp(uuid, copy.shard, persist)] : []),
        this.indices.shardStateOp(stored),
      ])
      if (index.shards.get(copy.shard) !== shard) return
      shard.refresh(now)
      if (copy.primary && isRelocationTarget(copy) && !(await this.deps.handOffPrimary(index, copy))) return
      if (index.shards.get(copy.shard) !== shard) return
      shard.recovered = true
      recovery.stage = 'done'
      recovery.stopTime = this.deps.clock.now()
      this.reportStarted(index, shard.routing ?? copy)
      if (fresh.length > 0) this.indices.flushInBackground(uuid, shard)
    } finally {
      this.recovering.delete(allocationId)
    }
  }

  /** A recovery that cannot run here: the copy is reported failed, for the master to assign it again. */
  private failRecovery(copy: ShardRouting, details: string): void {
    this.deps.reporter.shardFailed({
      index: copy.index,
      shard: copy.shard,
      allocationId: copy.allocationId!,
      reason: 'ALLOCATION_FAILED',
      details,
      markAsStale: false,
    })
  }

  /** The record of a recovery starting now: a peer recovery's source is the node of the active primary. */
  private newRecoveryState(copy: ShardRouting, state: ClusterState): RecoveryState {
    const nodeOf = (id: string | null | undefined): DiscoveryNode | null =>
      state.nodes.find((n) => n.id === id) ?? null
    const source =
      copy.recoverySource === 'PEER'
        ? nodeOf(activePrimary(state.routingTable[copy.index]?.[copy.shard] ?? [])?.nodeId)
        : null
    const recovery = newRecoveryState(
      copy.index,
      copy.shard,
      copy.recoverySource ?? 'EMPTY_STORE',
      copy.primary,
      this.deps.clock.now(),
      source,
      nodeOf(this.deps.localNodeId)!,
    )
    const restore =
      copy.recoverySource === 'SNAPSHOT' ? this.indices.get(copy.index)?.metadata.restore : undefined
    if (restore) {
      const { repository, snapshot, index, restoreUuid } = restore
      recovery.snapshot = { repository, snapshot, index, restoreUuid }
    }
    return recovery
  }

  private reportStarted(index: IndexService, copy: ShardRouting): void {
    const allocationId = copy.allocationId!
    this.deps.reporter.shardStarted(
      { index: copy.index, shard: copy.shard, allocationId },
      { indexUuid: index.metadata.uuid, shard: copy.shard, allocationId },
    )
  }
}

/** Whether `copy` is still the relocation `shard` handed off for (the same target). */
function sameRelocation(shard: IndexShard, copy: ShardRouting): boolean {
  return copy.state === 'RELOCATING' && copy.relocationId === shard.routing?.relocationId
}
