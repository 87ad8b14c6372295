/**
 * IndicesClusterStateService: makes this node's indices and shard copies follow every applied cluster
 * state, as ES's IndicesClusterStateService does:
 * - an index the state no longer has (or has under a new uuid) is closed and its store deleted; a stored
 *   copy of an index the state never knew here stays on disk, a dangling index (ES keeps those too);
 * - every index of the state is known here with its current settings and mapping;
 * - a local copy the routing table no longer assigns here (or assigns under another allocation id) is
 *   closed; its store stays on disk, still reported to the master (a primary may be assigned to it again
 *   while it is in sync), until every copy of the shard is active on other nodes (IndicesStore);
 * - a copy assigned here INITIALIZING (relocation targets included) is created and recovered: a new primary
 *   from an empty store, an existing primary from its last commit plus the translog operations above it
 *   (StoreRecovery), a replica or a relocation target from the primary (peer recovery: the primary starts
 *   sending it new writes, then sends the operations it holds; the copy keeps the newer operation of each id);
 *   a primary's relocation target then has its source hand the primary off. A recovered copy is persisted
 *   with its allocation id and reported started to the master, then flushed when it replayed or received
 *   operations (as InternalEngine.recoverFromTranslog and peer recovery's finalize do); a copy the state lists
 *   as active but this node does not hold is reported failed.
 */
import type { Clock } from '../../net/clock.ts'
import type { Storage } from '../../storage/storage.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import {
  assignedShards,
  isActive,
  isRelocationTarget,
  type ShardRouting,
} from '../cluster/state/shard-routing.ts'
import type { FailedShard, ShardCopyRef } from '../cluster/allocation/allocation-service.ts'
import type { StoredShardCopy } from '../cluster/allocation/routing-allocation.ts'
import { esIndexMetadata } from '../cluster/metadata/metadata-tasks.ts'
import type { IndexService } from '../index/index-service.ts'
import type { IndexShard, ShardOperation } from '../index/shard/index-shard.ts'
import { parseJson, type XContentObject } from '../xcontent/index.ts'
import type { IndicesService } from './indices-service.ts'

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
  recoverFromPrimary(index: IndexService, copy: ShardRouting): Promise<ShardOperation[] | null>
  /** Has the relocating primary hand off to `copy`, its recovered target; false when no longer wanted. */
  handOffPrimary(index: IndexService, copy: ShardRouting): Promise<boolean>
}

const parseSource = (source: string): XContentObject => parseJson(source) as XContentObject

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
      if (!uuids.has(index.metadata.uuid)) void this.indices.remove(index.metadata.name)
    }
    for (const metadata of Object.values(state.metadata.indices)) {
      const index = this.indices.follow(esIndexMetadata(metadata))
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
    shard.routing = copy
    shard.primaryTerm = primaryTerm
    const group = new Set(
      assignedShards(state.routingTable[copy.index]?.[copy.shard] ?? []).map((c) => c.allocationId),
    )
    for (const id of shard.tracked) if (!group.has(id)) shard.tracked.delete(id)
    if (copy.state !== 'INITIALIZING') return
    // A copy this node already holds, assigned again under its allocation id (a recovered routing table):
    // it is reported started; the Coordinator re-sends that until the master applies it.
    if (shard.recovered) this.reportStarted(index, copy)
    else if (!this.recovering.has(copy.allocationId!)) void this.recover(index, shard, copy)
  }

  private async recover(index: IndexService, shard: IndexShard, copy: ShardRouting): Promise<void> {
    const allocationId = copy.allocationId!
    const { uuid } = index.metadata
    this.recovering.add(allocationId)
    try {
      let operations: ShardOperation[]
      if (copy.primary && copy.recoverySource === 'EXISTING_STORE') {
        operations = await this.indices.recoverFromStore(uuid, shard)
      } else {
        await this.indices.deleteShardStore(uuid, copy.shard)
        if (copy.recoverySource !== 'PEER') operations = []
        else {
          const received = await this.deps.recoverFromPrimary(index, copy)
          if (received === null) return
          operations = received
        }
      }
      if (index.shards.get(copy.shard) !== shard) return
      const now = this.deps.clock.now()
      const fresh = operations.filter((operation) => !shard.isStale(operation))
      for (const operation of fresh) index.apply(shard, operation, parseSource, now)
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
      this.reportStarted(index, shard.routing ?? copy)
      if (fresh.length > 0) this.indices.flushInBackground(uuid, shard)
    } finally {
      this.recovering.delete(allocationId)
    }
  }

  private reportStarted(index: IndexService, copy: ShardRouting): void {
    const allocationId = copy.allocationId!
    this.deps.reporter.shardStarted(
      { index: copy.index, shard: copy.shard, allocationId },
      { indexUuid: index.metadata.uuid, shard: copy.shard, allocationId },
    )
  }
}
