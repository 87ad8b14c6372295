/**
 * The data node's side of the `shard` channel: what a node does for the shard copies it holds.
 * - write_primary (TransportShardBulkAction on the primary): runs each item on the primary copy, having
 *   the master add the fields a document needs to the mapping first (MappingUpdatedAction), persists the
 *   operations, sends them to every replica in the replication group (started copies and recovering ones
 *   the primary tracks) and answers once they all answered; a replica that fails, and an in-sync copy no
 *   longer in the routing table, are reported to the master as stale in this primary's term, and the write
 *   is acknowledged only after the master removed them, so an acknowledged write is on every in-sync copy;
 *   when the master does not (this primary was deposed) the write is answered `unavailable` and retried.
 * - write_replica: applies the primary's operations (the newer of two operations on one id wins) and
 *   persists them, first rolling back to the global checkpoint when the request is of a newer primary term
 *   (replica-operations.ts); answers its local checkpoint, of which the primary takes the global checkpoint.
 * - resync: a newly promoted primary's operations above its global checkpoint (primary-replica-syncer.ts),
 *   applied as a write's are; the operations a rollback undid are then settled and the copy flushed.
 * - dfs and search: a search's DFS phase and its query phase (with the fetch folded in) on the local copy, each
 *   taking a reader context id (search/context/reader-contexts.ts); a search with `?scroll`, its pages and the
 *   freeing of its contexts: search-context-handler.ts.
 * - flush, force_merge and segments: a Lucene commit (answered once stored), merges, and the segments list
 *   of the local copy; recovery_state: the RecoveryState of the copy held here, recovering or not.
 * - termvectors: a document's term vectors from the local copy (term-vectors.ts).
 * - list_tasks and cancel_tasks: this node's part of the tasks APIs (tasks/node-tasks-handler.ts).
 * - snapshot_shard: a primary's committed documents for a snapshot; verify_repository: whether this node reads
 *   the repository's test blob (repositories/repositories-service.ts).
 * - get, refresh, start_recovery (once the primary's applied state lists the recovering copy, it tracks
 *   it, then sends what it holds), relocation_handoff (a relocating primary stops taking writes, waits for
 *   those in flight and answers its target: primary-permits.ts) and shard_stats.
 * A primary handing off or handed off answers writes `unavailable` until the routing table moves the primary
 * to its target; a hand-off whose relocation was cancelled while it waited leaves the copy the primary; a
 * copy handed off whose relocation is then cancelled is failed and removed by IndicesClusterStateService.
 * A request for a copy this node does not hold, or not as the started primary when it must, is answered
 * `unavailable`: the sender retries on a newer cluster state.
 */
import { storedScriptLookup } from '../cluster/metadata/script-metadata.ts'
import { resolveStoredScripts } from '../script/stored-script-resolver.ts'
import type { Clock } from '../../net/clock.ts'
import type { Storage } from '../../storage/storage.ts'
import type { Transport } from '../../net/transport.ts'
import { EsException } from '../errors/index.ts'
import { toWireException } from '../errors/wire-exception.ts'
import type { TaskManager } from '../tasks/task-manager.ts'
import { handleTasksMessage } from '../tasks/node-tasks-handler.ts'
import { failureStillPending, reporterDeposed } from '../cluster/allocation/allocation-service.ts'
import { MappingUpdateRequired, type IndexService } from '../index/index-service.ts'
import type { IndexShard, ShardOperation } from '../index/shard/index-shard.ts'
import type { IndicesService } from '../indices/indices-service.ts'
import type { ShardStateReporter } from '../indices/indices-cluster-state-service.ts'
import type { ClusterService } from '../node/cluster-service.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { assignedShards, isActive } from '../cluster/state/shard-routing.ts'
import { shardStats } from '../rest/cat/shard-stats.ts'
import { matchingDocs } from '../search/shard-aggregation-context.ts'
import { executeDfsPhase } from '../search/dfs-phase.ts'
import { executeShardSearch } from '../search/shard-search.ts'
import type { ReaderContexts } from '../search/context/reader-contexts.ts'
import { SearchContextHandler } from './search-context-handler.ts'
import { resolveQueryOnShard } from '../search/index-query-context.ts'
import { parseJson } from '../xcontent/index.ts'
import { explainDocument } from '../search/explain/index.ts'
import { analyzeForIndexing } from '../analysis/index.ts'
import { executeOnPrimary, type RefreshPolicy, type ShardInfo } from './doc-write.ts'
import { shardTermVectors } from './term-vectors.ts'
import { PrimaryPermits } from './primary-permits.ts'
import type { RepositoriesService } from '../repositories/repositories-service.ts'
import { PrimaryReplicaSyncer, updateGlobalCheckpoint } from './primary-replica-syncer.ts'
import { performOnReplica, type ReplicaRequestDeps } from './replica-request.ts'
import { acquireReplicaOperationPermit, applyOperations, promoteToPrimary } from './replica-operations.ts'
import type {
  ItemOutcome,
  LocalShardStats,
  ShardRequest,
  ShardResponse,
  ShardTarget,
} from './shard-messages.ts'

/** How long a primary waits for a replica before failing it (the replica's node is then gone or stuck). */
const REPLICA_TIMEOUT_MS = 30_000
const MAPPING_ATTEMPTS = 3

export interface ShardRequestDeps {
  clock: Clock
  storage: Storage
  indices: IndicesService
  cluster: ClusterService
  transport: Transport<ShardRequest, ShardResponse>
  reporter: ShardStateReporter
  /** This node's scroll and point-in-time reader contexts, and the id every shard query phase takes. */
  contexts: ReaderContexts
  /** This node's running tasks. */
  tasks: TaskManager
  /** The snapshot repositories as this node opens them (its path.repo). */
  repositories: RepositoriesService
}

const unavailable = (reason: string): ShardResponse => ({ type: 'unavailable', reason })

export class ShardRequestHandler {
  private readonly permits = new PrimaryPermits()
  private readonly syncer: PrimaryReplicaSyncer
  private readonly replicaRequests: ReplicaRequestDeps
  private readonly searchContexts: SearchContextHandler

  constructor(private readonly deps: ShardRequestDeps) {
    this.replicaRequests = {
      transport: deps.transport,
      failReplica: (shard, copy) => this.markStale(shard, copy),
    }
    this.syncer = new PrimaryReplicaSyncer(this.replicaRequests)
    this.searchContexts = new SearchContextHandler({
      clock: deps.clock,
      indices: deps.indices,
      contexts: deps.contexts,
      localNodeId: () => deps.cluster.localNode.id,
    })
  }

  /** A started replica of `index` the master made the primary in `state`: it takes over, then resyncs. */
  promote(index: IndexService, shard: IndexShard, state: ClusterState): void {
    promoteToPrimary(index, shard)
    void this.syncer.resync(index, shard, state)
  }

  handle(request: ShardRequest): Promise<ShardResponse> {
    switch (request.type) {
      case 'write_primary':
        return this.writePrimary(request)
      case 'write_replica':
      case 'resync':
        return this.onReplica(request)
      case 'get': {
        const found = this.localCopy(request, false)
        if (!found) return Promise.resolve(unavailable('no started copy here'))
        const doc = found.shard.get(request.id)
        const { counters } = found.shard
        counters.getTotal++
        if (doc) counters.getExists++
        else counters.getMissing++
        return Promise.resolve({ type: 'get', doc })
      }
      case 'scan': {
        const found = this.localCopy(request, false)
        if (!found) return Promise.resolve(unavailable('no started copy here'))
        const now = this.deps.clock.now()
        found.index.scheduledRefresh(now)
        const parsed = request.runtimeMappings == null ? null : parseJson(request.runtimeMappings)
        const runtimeMappings = parsed instanceof Map ? parsed : null
        const query = resolveQueryOnShard(request.query, found.index, found.shard, now, runtimeMappings)
        const docs = [...matchingDocs(found.shard, query).keys()].flatMap(
          (docId) => found.shard.searchedDocument(docId) ?? [],
        )
        return Promise.resolve({ type: 'scan', docs })
      }
      case 'dfs':
      case 'search': {
        const resolved = this.withStoredScripts(request)
        return Promise.resolve(
          'failure' in resolved ? resolved.failure : this.searchRequest(resolved.request),
        )
      }
      case 'open_reader_context': {
        const found = this.localCopy(request, false)
        if (!found) return Promise.resolve(unavailable('no started copy here'))
        return Promise.resolve(this.searchContexts.openReader(found.index, found.shard, request))
      }
      case 'scroll':
      case 'scroll_emitted':
      case 'free_context':
      case 'free_all_scrolls':
        return Promise.resolve(this.searchContexts.handle(request))
      case 'termvectors': {
        const found = this.localCopy(request, false)
        if (!found) return Promise.resolve(unavailable('no started copy here'))
        found.index.scheduledRefresh(this.deps.clock.now())
        const result = shardTermVectors(found.index, found.shard, request.id, request.fields, this.deps.clock)
        return Promise.resolve({ type: 'termvectors', result })
      }
      case 'explain': {
        const found = this.localCopy(request, false)
        if (!found) return Promise.resolve(unavailable('no started copy here'))
        const now = this.deps.clock.now()
        found.index.scheduledRefresh(now)
        // SearchService.createSearchContext takes an id too.
        this.deps.contexts.nextId()
        const searcher = found.shard.searcherIndex
        const docId = searcher.search({ type: 'term', field: '_id', term: request.id, boost: 1 }, 1)
          .scoreDocs[0]?.docId
        const explanation =
          docId === undefined
            ? null
            : explainDocument(
                searcher,
                resolveQueryOnShard(request.query, found.index, found.shard, now),
                docId,
              )
        return Promise.resolve({ type: 'explain', explanation })
      }
      case 'refresh': {
        const found = this.localCopy(request, false)
        if (!found) return Promise.resolve(unavailable('no started copy here'))
        found.shard.refresh(this.deps.clock.now())
        return Promise.resolve({ type: 'ack' })
      }
      case 'flush':
      case 'force_merge':
      case 'segments':
        return this.segmentsRequest(request)
      case 'snapshot_shard':
        return this.snapshotShard(request)
      case 'recovery_state': {
        // TransportRecoveryAction: any copy held here, recovering or not.
        const index = this.deps.indices.get(request.index)
        const shard = index?.metadata.uuid === request.uuid ? index.shards.get(request.shard) : undefined
        return Promise.resolve({ type: 'recovery_state', recovery: shard?.recoveryState ?? null })
      }
      case 'start_recovery': {
        const found = this.localCopy(request, true)
        if (!found) return Promise.resolve(unavailable('not the started primary'))
        // A primary handed off no longer replicates: its target, once primary, tracks the recovery instead.
        if (this.permits.isRelocated(found.shard)) return Promise.resolve(unavailable('primary handed off'))
        // PeerRecoverySourceService: delayed until this primary's state lists the copy, so that the copy
        // is in the replication group of every write the snapshot below does not hold.
        const copies = assignedShards(
          this.deps.cluster.state().routingTable[request.index]?.[request.shard] ?? [],
        )
        if (!copies.some((c) => c.allocationId === request.targetAllocationId && c.state === 'INITIALIZING'))
          return Promise.resolve(
            unavailable('delaying recovery: the copy is not in the routing table here yet'),
          )
        const { shard } = found
        shard.tracked.add(request.targetAllocationId)
        return Promise.resolve({
          type: 'recovery',
          operations: shard.recoverySnapshot(this.deps.clock.now()),
          localCheckpoint: shard.localCheckpoint,
          globalCheckpoint: shard.replicationTracker.globalCheckpoint,
          primaryTerm: shard.primaryTerm,
        })
      }
      case 'relocation_handoff':
        return this.handOff(request)
      case 'verify_repository': {
        const node = this.deps.cluster.localNode
        return this.deps.repositories
          .verify(request.repository, request.seed)
          .then((failure) => ({ type: 'repository_verified', node: node.id, name: node.name, failure }))
      }
      case 'list_tasks':
      case 'cancel_tasks':
        return Promise.resolve(
          handleTasksMessage(this.deps.tasks, this.deps.clock, this.deps.cluster.localNode.id, request),
        )
      case 'shard_stats':
        return Promise.resolve({
          type: 'shard_stats',
          node: this.deps.cluster.localNode.id,
          timestamp: this.deps.clock.now(),
          shards: this.shardStats(),
        })
    }
  }

  /** The source of a primary's relocation hands off to its target once its writes in flight are done. */
  private async handOff(
    request: Extract<ShardRequest, { type: 'relocation_handoff' }>,
  ): Promise<ShardResponse> {
    const shard = this.localCopy(request, true)?.shard
    const relocating = (): boolean =>
      shard?.routing?.state === 'RELOCATING' && shard.routing.relocationId === request.targetAllocationId
    if (!shard || !relocating() || !(await this.permits.handOff(shard, relocating)))
      return unavailable('not relocating to this target')
    return { type: 'ack' }
  }

  /** Whether this copy handed the primary off to its relocation target (IndexShard.isRelocatedPrimary). */
  isRelocated(shard: IndexShard): boolean {
    return this.permits.isRelocated(shard)
  }

  /** A search phase on the local copy: its answer, `search_failed` when it threw an EsException. */
  /** A query phase (or a DFS phase) on a local copy, its stored scripts already inlined. */
  private searchRequest(request: Extract<ShardRequest, { type: 'dfs' | 'search' }>): ShardResponse {
    if (request.type === 'dfs') {
      return this.searchPhase(request, (index, shard, now) => {
        this.deps.contexts.nextId()
        const { statistics, knn, profile } = executeDfsPhase(index, shard, request, analyzeForIndexing, now)
        return {
          type: 'dfs',
          node: this.deps.cluster.localNode.id,
          result: statistics,
          knn,
          ...(profile !== null ? { profile } : {}),
        }
      })
    }
    if (request.reader) return this.searchContexts.searchReader(request, request.reader)
    if (request.scroll) {
      const found = this.localCopy(request, false)
      if (!found) return unavailable('no started copy here')
      const { scroll } = request
      return this.searchContexts.openScroll(found.index, found.shard, { ...request, scroll })
    }
    return this.searchPhase(request, (index, shard, now) => {
      // After a DFS phase the query phase runs in the DFS phase's context (and id).
      if (!request.dfs) this.deps.contexts.nextId()
      const result = executeShardSearch(index, shard, request, analyzeForIndexing, now)
      shard.counters.queryTotal++
      return { type: 'search', node: this.deps.cluster.localNode.id, result }
    })
  }

  /** The request with its stored scripts inlined from this node's cluster state, or the shard failure. */
  private withStoredScripts<R extends { body: string | null }>(
    request: R,
  ): { request: R } | { failure: ShardResponse } {
    try {
      const body = resolveStoredScripts(request.body, storedScriptLookup(this.deps.cluster.state()))
      return { request: body === request.body ? request : { ...request, body } }
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      const node = this.deps.cluster.localNode.id
      return { failure: { type: 'search_failed', node, error: toWireException(error) } }
    }
  }

  private searchPhase(
    target: ShardTarget,
    run: (index: IndexService, shard: IndexShard, now: number) => ShardResponse,
  ): ShardResponse {
    const found = this.localCopy(target, false)
    if (!found) return unavailable('no started copy here')
    try {
      return run(found.index, found.shard, this.deps.clock.now())
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      return { type: 'search_failed', node: this.deps.cluster.localNode.id, error: toWireException(error) }
    }
  }

  /** The local started copy of a shard (the primary when `primary`), with its index. */
  private localCopy(
    target: ShardTarget,
    primary: boolean,
  ): { index: IndexService; shard: IndexShard } | null {
    const index = this.deps.indices.get(target.index)
    if (!index || index.metadata.uuid !== target.uuid) return null
    const shard = index.shards.get(target.shard)
    if (!shard?.recovered || !shard.routing) return null
    if (primary && !(shard.routing.primary && isActive(shard.routing))) return null
    return { index, shard }
  }

  private async writePrimary(
    request: Extract<ShardRequest, { type: 'write_primary' }>,
  ): Promise<ShardResponse> {
    const found = this.localCopy(request, true)
    if (!found) return unavailable('not the started primary')
    const { index, shard } = found
    // Handing off, or handed off: the sender retries until the routing table moves the primary, or the
    // cancelled relocation leaves it here (the copy is then failed: IndicesClusterStateService).
    if (!this.permits.acquire(shard)) return unavailable('the primary is handed off to its relocation target')
    try {
      return await this.writeOnPrimary(request, index, shard)
    } finally {
      this.permits.release(shard)
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
  private async onReplica(
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

  /** _flush, _forcemerge and _segments on one started copy (scheduled refreshes that are due run first). */
  /** A flush or a force merge with flush answers once its commit is stored. */
  private async segmentsRequest(
    request: Extract<ShardRequest, { type: 'flush' | 'force_merge' | 'segments' }>,
  ): Promise<ShardResponse> {
    const found = this.localCopy(request, false)
    if (!found) return unavailable('no started copy here')
    const now = this.deps.clock.now()
    found.index.scheduledRefresh(now)
    if (request.type === 'flush') found.shard.flush(now)
    if (request.type === 'force_merge') {
      found.shard.forceMerge(now, request.maxNumSegments, request.onlyExpungeDeletes, request.flush)
    }
    if (request.type === 'segments') return { type: 'segments', segments: found.shard.segmentStats() }
    await this.deps.indices.committed(found.index.metadata.uuid, found.shard)
    return { type: 'ack' }
  }

  /** SnapshotShardsService on the primary's node: a flush, then the commit's documents and files. */
  private async snapshotShard(
    request: Extract<ShardRequest, { type: 'snapshot_shard' }>,
  ): Promise<ShardResponse> {
    const found = this.localCopy(request, true)
    if (!found) return unavailable('not the started primary')
    const now = this.deps.clock.now()
    found.shard.flush(now)
    await this.deps.indices.committed(found.index.metadata.uuid, found.shard)
    const docs = found.shard
      .recoverySnapshot(now)
      .flatMap((operation) => (operation.op === 'index' ? [operation.doc] : []))
    return {
      type: 'shard_snapshot',
      docs,
      maxSeqNo: found.shard.maxSeqNo,
      // A committed compound segment's files (.si, .cfs, .cfe) and the commit point segments_N.
      files: 3 * found.shard.segmentStats().filter((segment) => segment.committed).length + 1,
      bytes: shardStats(found.shard).store.bytes,
    }
  }

  private shardStats(): LocalShardStats[] {
    const now = this.deps.clock.now()
    const stats: LocalShardStats[] = []
    for (const index of this.deps.indices.all()) {
      index.scheduledRefresh(now)
      for (const shard of index.shards.values()) {
        if (!shard.recovered || !shard.routing?.allocationId) continue
        const { docs, deleted, store } = shardStats(shard)
        stats.push({
          index: index.metadata.name,
          shard: shard.shardId,
          allocationId: shard.routing.allocationId,
          docs,
          deleted,
          storeBytes: store.bytes,
          segments: shard.segmentStats().filter((segment) => segment.search).length,
          counters: shard.counters.snapshot(),
          seqNo: {
            maxSeqNo: shard.maxSeqNo,
            localCheckpoint: shard.localCheckpoint,
            globalCheckpoint: shard.replicationTracker.globalCheckpoint,
          },
        })
      }
    }
    return stats
  }
}

/** IndexingStats: the index and delete operations a copy applied (as primary or replica). */
function countOperations(shard: IndexShard, operations: readonly ShardOperation[]): void {
  for (const operation of operations) {
    if (operation.op === 'index') shard.counters.indexTotal++
    else shard.counters.deleteTotal++
  }
}
