/**
 * The data node's side of the `shard` channel: what a node does for the shard copies it holds.
 * - write_primary, write_replica and resync: the write path (shard-write-handler.ts).
 * - dfs and search: a search's DFS phase and its query phase (with the fetch folded in) on the local copy, each
 *   taking a reader context id (search/context/reader-contexts.ts); a search with `?scroll`, its pages and the
 *   freeing of its contexts: search-context-handler.ts.
 * - flush, force_merge and segments: a Lucene commit (answered once stored), merges, and the segments list
 *   of the local copy; recovery_state: the RecoveryState of the copy held here, recovering or not.
 * - reload_analyzers: the index's search analyzers reloaded (IndexService.reloadSearchAnalyzers), once per node.
 * - termvectors: a document's term vectors from the local copy (term-vectors.ts).
 * - list_tasks, cancel_tasks and rethrottle_tasks: this node's part of the tasks APIs and of `_rethrottle`
 *   (tasks/node-tasks-handler.ts).
 * - snapshot_shard: a primary's committed documents for a snapshot; verify_repository: whether this node reads
 *   the repository's test blob (repositories/repositories-service.ts).
 * - get, refresh, start_recovery (once the primary's applied state lists the recovering copy, it tracks
 *   it, then sends what it holds), relocation_handoff (a relocating primary stops taking writes, waits for
 *   those in flight and answers its target: primary-permits.ts) and shard_stats.
 * A hand-off whose relocation was cancelled while it waited leaves the copy the primary; a copy handed off
 * whose relocation is then cancelled is failed and removed by IndicesClusterStateService.
 * A request for a copy this node does not hold, or not as the started primary when it must, is answered
 * `unavailable`: the sender retries on a newer cluster state.
 */
import { storedScriptLookup } from '../cluster/metadata/script-metadata.ts'
import { resolveStoredScripts } from '../script/stored-script-resolver.ts'
import { EsException } from '../errors/index.ts'
import { toWireException } from '../errors/wire-exception.ts'
import type { TaskManager } from '../tasks/task-manager.ts'
import { handleTasksMessage } from '../tasks/node-tasks-handler.ts'
import type { IndexService } from '../index/index-service.ts'
import type { IndexShard } from '../index/shard/index-shard.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { assignedShards } from '../cluster/state/shard-routing.ts'
import { shardStats } from '../rest/cat/shard-stats.ts'
import { matchingDocs } from '../search/shard-aggregation-context.ts'
import { executeDfsPhase } from '../search/dfs-phase.ts'
import { executeShardSearch } from '../search/shard-search.ts'
import type { ReaderContexts } from '../search/context/reader-contexts.ts'
import { SearchContextHandler } from './search-context-handler.ts'
import { buildQueryOnShard } from '../search/index-query-context.ts'
import { explainDocument } from '../search/explain/index.ts'
import { analyzeForIndexing } from '../analysis/index.ts'
import { shardTermVectors } from './term-vectors.ts'
import { PrimaryPermits } from './primary-permits.ts'
import type { RepositoriesService } from '../repositories/repositories-service.ts'
import { ShardWriteHandler, type ShardWriteDeps } from './shard-write-handler.ts'
import { localShardCopy, unavailable, type LocalShardCopy } from './local-shard-copy.ts'
import type { LocalShardStats, ShardRequest, ShardResponse, ShardTarget } from './shard-messages.ts'
import { termsSliceContains } from '../search/slice/slice-builder.ts'
import { synonymsSets } from '../synonyms/synonyms-metadata.ts'

/** How long a reload waits for this node to apply the cluster state its sender saw. */
const RELOAD_STATE_TIMEOUT_MS = 30_000

/** What the write path needs, but the primary permits, which this handler owns and shares with hand-offs. */
export interface ShardRequestDeps extends Omit<ShardWriteDeps, 'permits'> {
  /** This node's scroll and point-in-time reader contexts, and the id every shard query phase takes. */
  contexts: ReaderContexts
  /** This node's running tasks. */
  tasks: TaskManager
  /** The snapshot repositories as this node opens them (its path.repo). */
  repositories: RepositoriesService
}

export class ShardRequestHandler {
  private readonly permits = new PrimaryPermits()
  private readonly writes: ShardWriteHandler
  private readonly searchContexts: SearchContextHandler

  constructor(private readonly deps: ShardRequestDeps) {
    this.writes = new ShardWriteHandler({ ...deps, permits: this.permits })
    this.searchContexts = new SearchContextHandler({
      clock: deps.clock,
      indices: deps.indices,
      contexts: deps.contexts,
      localNodeId: () => deps.cluster.localNode.id,
    })
  }

  /** A started replica of `index` the master made the primary in `state`: it takes over, then resyncs. */
  promote(index: IndexService, shard: IndexShard, state: ClusterState): void {
    this.writes.promote(index, shard, state)
  }

  handle(request: ShardRequest): Promise<ShardResponse> {
    switch (request.type) {
      case 'write_primary':
        return this.writes.writePrimary(request)
      case 'write_replica':
      case 'resync':
        return this.writes.onReplica(request)
      case 'get': {
        const found = this.localCopy(request, false)
        if (!found) return Promise.resolve(unavailable('no started copy here'))
        const now = this.deps.clock.now()
        if (!request.realtime) {
          // What the searcher sees: after a refresh when asked, else as the scheduled refreshes left it by now.
          if (request.refresh) found.shard.refresh(now)
          else found.index.scheduledRefresh(now)
        }
        const doc = request.realtime ? found.shard.get(request.id) : found.shard.getFromSearcher(request.id)
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
        const query = buildQueryOnShard(request.source, found.index, found.shard, now)
        const { slice } = request
        const docs = [...matchingDocs(found.shard, query).keys()].flatMap((docId) => {
          const doc = found.shard.searchedDocument(docId)
          return doc && (slice === undefined || termsSliceContains(slice, doc.id)) ? [doc] : []
        })
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
                buildQueryOnShard(request.source, found.index, found.shard, now),
                docId,
              )
        const doc =
          request.withDocument && docId !== undefined ? found.shard.searchedDocument(docId) : undefined
        return Promise.resolve(doc ? { type: 'explain', explanation, doc } : { type: 'explain', explanation })
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
      case 'reload_analyzers':
        return this.reloadAnalyzers(request)
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
      case 'rethrottle_tasks':
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

  /** A search phase on the local copy: its answer, `search_failed` when it threw an EsException. */
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
  private localCopy(target: ShardTarget, primary: boolean): LocalShardCopy | null {
    return localShardCopy(this.deps.indices, target, primary)
  }

  /**
   * _flush, _forcemerge and _segments on one started copy (scheduled refreshes that are due run first); a
   * flush or a force merge with flush answers once its commit is stored.
   */
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

  /**
   * TransportReloadAnalyzersAction.shardOperation: the index's search analyzers reloaded over the synonyms sets of
   * this node's applied state, once it is at least the sender's.
   */
  private async reloadAnalyzers(
    request: Extract<ShardRequest, { type: 'reload_analyzers' }>,
  ): Promise<ShardResponse> {
    const state = await this.deps.cluster.waitFor(
      (applied) => applied.version >= request.stateVersion,
      RELOAD_STATE_TIMEOUT_MS,
    )
    const index = this.deps.indices.get(request.index)
    if (state === null || index?.metadata.uuid !== request.uuid) return unavailable('index not held here')
    const { resource, preview } = request
    return {
      type: 'analyzers_reloaded',
      analyzers: index.reloadSearchAnalyzers(resource, preview, synonymsSets(state)),
    }
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
          openContexts: this.deps.contexts.openOn(index.metadata.uuid, shard.shardId),
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
