/**
 * The write path of a data node's `shard` channel (TransportShardBulkAction and TransportReplicationAction's
 * node sides):
 * - write_primary: runs each item on the primary copy, having the master add the fields a document needs to
 *   the mapping first (MappingUpdatedAction), persists the operations as one translog batch, sends them to
 *   every replica in the replication group (started copies and recovering ones the primary tracks) and
 *   answers once they all answered; a replica that fails, and an in-sync copy no longer in the routing table,
 *   are reported to the master as stale in this primary's term, and the write is acknowledged only after the
 *   master removed them, so an acknowledged write is on every in-sync copy; when the master does not (this
 *   primary was deposed) the write is answered `unavailable` and retried.
 * - write_replica: applies the primary's operations (the newer of two operations on one id wins) and
 *   persists them, first rolling back to the global checkpoint when the request is of a newer primary term
 *   (replica-operations.ts); answers its local checkpoint, of which the primary takes the global checkpoint.
 * - resync: a newly promoted primary's operations above its global checkpoint (primary-replica-syncer.ts),
 *   applied as a write's are; the operations a rollback undid are then settled and the copy flushed.
 * A primary handing off or handed off (primary-permits.ts) answers writes `unavailable` until the routing
 * table moves the primary to its target.
 */
import { storedScriptLookup } from '../cluster/metadata/script-metadata.ts'
import type { Clock } from '../../net/clock.ts'
import type { Storage } from '../../storage/storage.ts'
import type { Transport } from '../../net/transport.ts'
import { EsException } from '../errors/index.ts'
import { toWireException } from '../errors/wire-exception.ts'
import { failureStillPending, reporterDeposed } from '../cluster/allocation/allocation-service.ts'
import { MappingUpdateRequired, type IndexService } from '../index/index-service.ts'
import type { IndexShard, ShardOperation } from '../index/shard/index-shard.ts'
import type { IndicesService } from '../indices/indices-service.ts'
import type { ShardStateReporter } from '../indices/indices-cluster-state-service.ts'
import type { ClusterService } from '../node/cluster-service.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { assignedShards, isActive } from '../cluster/state/shard-routing.ts'
import { executeOnPrimary, type RefreshPolicy, type ShardInfo } from './doc-write.ts'
import type { PrimaryPermits } from './primary-permits.ts'
import { PrimaryReplicaSyncer, updateGlobalCheckpoint } from './primary-replica-syncer.ts'
import { performOnReplica, type ReplicaRequestDeps } from './replica-request.ts'
import { acquireReplicaOperationPermit, applyOperations, promoteToPrimary } from './replica-operations.ts'
import { localShardCopy, unavailable } from './local-shard-copy.ts'
import type { ItemOutcome, ShardRequest, ShardResponse } from './shard-messages.ts'

/** How long a primary waits for a replica before failing it (the replica's node is then gone or stuck). */
const REPLICA_TIMEOUT_MS = 30_000
const MAPPING_ATTEMPTS = 3

export interface ShardWriteDeps {
  clock: Clock
  storage: Storage
  indices: IndicesService
  cluster: ClusterService
  transport: Transport<ShardRequest, ShardResponse>
  reporter: ShardStateReporter
  /** The node's primary operation permits, which a relocation hand-off also takes. */
  permits: PrimaryPermits
}

export class ShardWriteHandler {
  private readonly syncer: PrimaryReplicaSyncer
  private readonly replicaRequests: ReplicaRequestDeps

  constructor(private readonly deps: ShardWriteDeps) {
    this.replicaRequests = {
      transport: deps.transport,
      failReplica: (shard, copy) => this.markStale(shard, copy),
    }
    this.syncer = new PrimaryReplicaSyncer(this.replicaRequests)
  }

  /** A started replica of `index` the master made the primary in `state`: it takes over, then resyncs. */
  promote(index: IndexService, shard: IndexShard, state: ClusterState): void {
    promoteToPrimary(index, shard)
    void this.syncer.resync(index, shard, state)
  }

  async writePrimary(request: Extract<ShardRequest, { type: 'write_primary' }>): Promise<ShardResponse> {
    const found = localShardCopy(this.deps.indices, request, true)
    if (!found) return unavailable('not the started primary')
    const { index, shard } = found
    // Handing off, or handed off: the sender retries until the routing table moves the primary, or the
    // cancelled relocation leaves it here (the copy is then failed: IndicesClusterStateService).
    if (!this.deps.permits.acquire(shard))
      return unavailable('the primary is handed off to its relocation target')
    try {
      return await this.writeOnPrimary(request, index, shard)
    } finally {
      this.deps.permits.release(shard)
    }
  }

  private async writeOnPrimary(
    request: Extract<ShardRequest, { type: 'write_primary' }>,
    index: IndexService,
    shard: IndexShard,
  ): Promise<ShardResponse> {
    const items: ItemOutcome[] = []
    const operations: ShardOperation[] = []
    for (const item of request.items) {
      for (let attempt = 1; ; attempt++) {
        try {
          const scripts = storedScriptLookup(this.deps.cluster.state())
          const { result, write } = executeOnPrimary(index, shard, item, this.deps.clock.now(), scripts)
          if (write) operations.push(write.operation)
          items.push({ ok: true, value: result })
          break
        } catch (error) {
          const failure = await this.retryAfterMappingUpdate(index, error, attempt)
          if (failure === null) continue
          items.push({ ok: false, error: toWireException(failure) })
          break
        }
      }
    }
    countOperations(shard, operations)
    if (operations.length > 0) await this.persist(index, shard, operations)
    const shards = await this.replicate(index, shard, operations, request.refresh)
    if (!shards) return unavailable('a copy could not be marked stale: no longer the primary?')
    const forcedRefresh = operations.length > 0 && this.refreshCopy(shard, request.refresh)
    return { type: 'write_primary', items, shards, forcedRefresh }
  }

  /** Null when the master applied the mapping the document needs (try again); else the item's failure. */
  private async retryAfterMappingUpdate(
    index: IndexService,
    error: unknown,
    attempt: number,
  ): Promise<EsException | null> {
    if (error instanceof EsException) return error
    if (!(error instanceof MappingUpdateRequired) || attempt >= MAPPING_ATTEMPTS) throw error
    try {
      await this.deps.cluster.execute({
        type: 'put_mapping',
        names: [index.metadata.name],
        mapping: error.mapping,
      })
      return null
    } catch (failure) {
      if (failure instanceof EsException) return failure
      throw failure
    }
  }

  private refreshCopy(shard: IndexShard, policy: RefreshPolicy): boolean {
    if (policy === 'none') return false
    shard.refresh(this.deps.clock.now())
    return policy === 'immediate'
  }

  /**
   * Sends the operations to the replication group; counts the copies that hold them. A replica that fails
   * them, and an in-sync copy the routing table no longer lists, are marked stale on the master first
   * (ReplicationOperation); null when the master did not confirm that (this primary may be deposed): the
   * write is then not acknowledged.
   */
  private async replicate(
    index: IndexService,
    shard: IndexShard,
    operations: ShardOperation[],
    refresh: RefreshPolicy,
  ): Promise<ShardInfo | null> {
    const state = this.deps.cluster.state()
    const { name, uuid } = index.metadata
    const copies = state.routingTable[name]?.[shard.shardId] ?? []
    // The replication group: every other active copy and the recovering ones this primary tracks, relocation
    // targets included; _shards.total also counts the copies left out (ReplicationGroup's skipped shards).
    const assigned = assignedShards(copies)
    const total = copies.length + assigned.length - copies.filter((c) => c.nodeId !== null).length
    const targets = assigned.filter(
      (copy) =>
        copy.allocationId !== shard.routing?.allocationId &&
        (isActive(copy) || (copy.state === 'INITIALIZING' && shard.tracked.has(copy.allocationId!))),
    )
    if (operations.length === 0) return { total, successful: 1, failed: 0 }
    const routed = new Set(assigned.map((copy) => copy.allocationId))
    const unrouted = (state.metadata.indices[name]?.inSyncAllocationIds[shard.shardId] ?? []).filter(
      (allocationId) => !routed.has(allocationId),
    )
    const stale = unrouted.map((allocationId) => this.markStale(shard, { index: name, uuid, allocationId }))
    const request = {
      type: 'write_replica',
      index: name,
      uuid,
      shard: shard.shardId,
      primaryTerm: shard.primaryTerm,
      globalCheckpoint: shard.replicationTracker.globalCheckpoint,
      operations,
      refresh,
    } as const
    const acked = await Promise.all(
      targets.map((copy) =>
        performOnReplica(
          this.replicaRequests,
          state,
          shard,
          copy,
          { ...request, allocationId: copy.allocationId! },
          REPLICA_TIMEOUT_MS,
        ),
      ),
    )
    if (acked.includes('unconfirmed') || (await Promise.all(stale)).includes(false)) return null
    const answered = targets.filter((_, n) => acked[n] === 'acked')
    updateGlobalCheckpoint(this.deps.cluster.state(), name, shard, answered)
    return { total, successful: 1 + acked.filter((a) => a === 'acked').length, failed: 0 }
  }

  /**
   * Has the master fail a copy of this primary's shard and drop it from the in-sync set, in this primary's
   * term; true once the applied state no longer lists it, false when that does not happen in time or when
   * this primary was deposed meanwhile (the copy may have left the in-sync set because a newer primary
   * recovered without it, not because this write reached the master).
   */
  private async markStale(
    shard: IndexShard,
    copy: { index: string; uuid: string; allocationId: string },
  ): Promise<boolean> {
    const ref = { index: copy.index, shard: shard.shardId, allocationId: copy.allocationId }
    const failed = {
      ...ref,
      reason: 'ALLOCATION_FAILED',
      details: 'failed to perform indices:data/write/bulk[s] on replica',
      markAsStale: true,
      primaryTerm: shard.primaryTerm,
    } as const
    const deposed = (state: ClusterState): boolean => reporterDeposed(state, failed, copy.uuid)
    this.deps.reporter.shardFailed(failed)
    const applied = await this.deps.cluster.waitFor(
      (state) => deposed(state) || !failureStillPending(state, failed),
      REPLICA_TIMEOUT_MS,
    )
    return applied !== null && !deposed(applied)
  }

  /** Stores a write request's operations on this copy: one translog batch. */
  private persist(index: IndexService, shard: IndexShard, operations: ShardOperation[]): Promise<void> {
    return this.deps.storage.write([
      this.deps.indices.translogOp(index.metadata.uuid, shard.shardId, operations),
    ])
  }

  /**
   * A primary's write or resync on this replica: refused when of an older primary term than the copy accepts
   * (a rollback runs first when it is of a newer one); answers the copy's local checkpoint.
   */
  async onReplica(
    request: Extract<ShardRequest, { type: 'write_replica' | 'resync' }>,
  ): Promise<ShardResponse> {
    const index = this.deps.indices.get(request.index)
    const shard = index?.metadata.uuid === request.uuid ? index.shards.get(request.shard) : undefined
    if (!index || !shard || shard.routing?.allocationId !== request.allocationId) {
      return unavailable('no such replica here')
    }
    const now = this.deps.clock.now()
    if (
      request.primaryTerm < shard.primaryTerm ||
      !acquireReplicaOperationPermit(index, shard, request.primaryTerm, request.globalCheckpoint, now)
    )
      return unavailable('operation from an older primary term')
    const fresh = applyOperations(index, shard, request.operations, now)
    countOperations(shard, fresh)
    const rolledBack = request.type === 'resync' && shard.hasUndoneOperations()
    if (request.type === 'resync') {
      shard.fillSeqNoGaps(request.maxSeqNo)
      shard.settleHistory()
    }
    if (fresh.length > 0) await this.persist(index, shard, fresh)
    if (request.type === 'write_replica') this.refreshCopy(shard, request.refresh)
    // What a rollback undid is settled: a commit stores the copy as it now is (the translog batches trimmed).
    if (rolledBack) this.deps.indices.flushInBackground(index.metadata.uuid, shard)
    return { type: 'replica', localCheckpoint: shard.localCheckpoint }
  }
}

/** IndexingStats: the index and delete operations a copy applied (as primary or replica). */
function countOperations(shard: IndexShard, operations: readonly ShardOperation[]): void {
  for (const operation of operations) {
    if (operation.op === 'index') shard.counters.indexTotal++
    else shard.counters.deleteTotal++
  }
}
