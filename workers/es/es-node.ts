/**
 * EsNode: one Elasticsearch 8 node (master-eligible and data) as a plain class. It receives its
 * scheduler, randomness, storage, index engine and a transport to the other nodes, joins the cluster
 * through its Coordinator (discovery over the seed addresses, election, cluster-state publication),
 * keeps its shard copies following the applied cluster state, serves shard requests from other nodes,
 * and answers REST requests through its RestController exactly as an HTTP request to its port would be
 * answered, whichever node holds the data.
 *
 * The transport carries four channels: `coordination` (the Coordinator; its answers leave only once
 * what they promise is stored), `master` (metadata tasks sent to the elected master), `shard` (the
 * data plane: writes, replication, recovery, reads) and `disk_usage` (the analyze index disk usage API's shard
 * requests, action/disk-usage-shard-action.ts).
 */
import type { EsNodeApi, EsNodeState, RestRequest, RestResponse } from '../protocol/es.ts'
import type { Random } from '../net/random.ts'
import type { Scheduler } from '../net/scheduler.ts'
import type { Transport } from '../net/transport.ts'
import { ChannelMux, type Tagged } from '../net/channel-mux.ts'
import type { Storage } from '../storage/storage.ts'
import { openEnvelope, sealEnvelope } from '../storage/envelope.ts'
import type { IndexEngine } from '../../engine-wasm/src/index/index.ts'
import { Coordinator } from './cluster/coordination/coordinator.ts'
import type { CoordinationRequest, CoordinationResponse } from './cluster/coordination/messages.ts'
import type { CoordinatorMode } from './cluster/coordination/coordinator-config.ts'
import type { ClusterState } from './cluster/state/cluster-state.ts'
import type { StoredDocument } from './index/shard/index-shard.ts'
import { IndicesService } from './indices/indices-service.ts'
import { IndicesClusterStateService } from './indices/indices-cluster-state-service.ts'
import { handOffPrimary, recoverFromPrimary } from './indices/peer-recovery.ts'
import { EMPTY_CLUSTER_INFO } from './cluster/allocation/cluster-info.ts'
import { InternalClusterInfoService } from './cluster/allocation/cluster-info-service.ts'
import { DiskThresholdMonitor } from './cluster/allocation/disk-threshold-monitor.ts'
import { fetchClusterInfo } from './action/cluster-info-fetch.ts'
import { ClusterService, type MasterRequest, type MasterResponse } from './node/cluster-service.ts'
import { StoredPersistedState } from './node/stored-persisted-state.ts'
import { clusterSummary } from './node/cluster-summary.ts'
import { adoptLegacyIndices, importDanglingIndices } from './node/legacy-indices.ts'
import { NodeClient } from './action/node-client.ts'
import { ShardRequestHandler } from './action/shard-request-handler.ts'
import type { ShardRequest, ShardResponse } from './action/shard-messages.ts'
import { RestController } from './rest/rest-controller.ts'
import type { RestContext } from './rest/rest-context.ts'
import {
  StartedShardsClient,
  serveStartedShards,
  type StartedShardsChannel,
} from './action/list-started-shards.ts'
import { MasterHistory } from './cluster/coordination/master-history.ts'
import {
  COORDINATION_DIAGNOSTICS_CHANNEL,
  coordinationView,
  type CoordinationDiagnosticsRequest,
  type CoordinationDiagnosticsResponse,
} from './health/coordination-diagnostics-transport.ts'
import { TaskManager } from './tasks/task-manager.ts'
import { registerRootAction } from './rest/actions/root-action.ts'
import { registerDocumentActions } from './rest/actions/document-actions.ts'
import { registerBulkAction } from './rest/actions/bulk-action.ts'
import { registerStoredScriptActions } from './rest/actions/stored-script-actions.ts'
import { registerSynonymsActions } from './rest/actions/synonyms-actions.ts'
import { registerReloadAnalyzersActions } from './rest/actions/reload-analyzers-action.ts'
import { registerPainlessExecuteAction } from './rest/actions/painless-execute-action.ts'
import { registerSearchTemplateActions } from './rest/actions/search-template-actions.ts'
import { registerUpdateAction } from './rest/actions/update-action.ts'
import { registerMultiGetAction } from './rest/actions/mget-action.ts'
import { registerByQueryActions } from './rest/actions/by-query-actions.ts'
import { registerReindexAction } from './rest/actions/reindex-action.ts'
import { registerTasksActions } from './rest/actions/tasks-actions.ts'
import { registerRethrottleAction } from './rest/actions/rethrottle-action.ts'
import { registerIndexActions } from './rest/actions/index-actions.ts'
import { registerIndexStateActions } from './rest/actions/index-state-actions.ts'
import { registerIndexBlockAction } from './rest/actions/index-block-action.ts'
import { registerSearchActions } from './rest/actions/search-actions.ts'
import { registerAsyncSearchActions } from './rest/actions/async-search-actions.ts'
import {
  AsyncTaskMaintenanceService,
  DEFAULT_CLEANUP_INTERVAL_MS,
} from './search/async/async-task-maintenance-service.ts'
import { ASYNC_RESULTS_INDEX } from './search/async/async-task-index-service.ts'
import {
  ASYNC_SEARCH_CHANNEL,
  type ForwardedAsyncSearchRequest,
} from './rest/actions/async-search-transport.ts'
import { registerScrollActions } from './rest/actions/scroll-actions.ts'
import { registerPointInTimeActions } from './rest/actions/point-in-time-actions.ts'
import { registerMultiSearchAction } from './rest/actions/msearch-action.ts'
import { registerRankEvalAction } from './rest/actions/rank-eval-action.ts'
import { registerDiskUsageAction } from './rest/actions/disk-usage-action.ts'
import {
  DISK_USAGE_CHANNEL,
  serveDiskUsage,
  type DiskUsageShardRequest,
  type DiskUsageShardResponse,
} from './action/disk-usage-shard-action.ts'
import { registerExplainAction } from './rest/actions/explain-action.ts'
import { registerTermVectorsAction } from './rest/actions/term-vectors-action.ts'
import { registerMultiTermVectorsAction } from './rest/actions/multi-term-vectors-action.ts'
import { registerIndicesStatsAction } from './rest/actions/indices-stats-action.ts'
import { registerNodesStatsAction } from './rest/actions/nodes-stats-action.ts'
import { registerAnalyzeActions } from './rest/actions/analyze-action.ts'
import { registerCatActions } from './rest/actions/cat-actions.ts'
import { registerSqlActions } from './rest/actions/sql-actions.ts'
import { registerEsqlActions } from './rest/actions/esql-actions.ts'
import { registerClusterActions } from './rest/actions/cluster-actions.ts'
import { registerMappingActions } from './rest/actions/mapping-actions.ts'
import { registerFieldCapsActions } from './rest/actions/field-caps-action.ts'
import { registerSettingsActions } from './rest/actions/settings-actions.ts'
import { registerIngestActions } from './rest/actions/ingest-actions.ts'
import { registerAliasActions } from './rest/actions/alias-actions.ts'
import { IndexLifecycleService } from './ilm/index-lifecycle-service.ts'
import { registerIlmActions } from './rest/actions/ilm-actions.ts'
import { registerTemplateActions } from './rest/actions/template-actions.ts'
import { registerRolloverAction } from './rest/actions/rollover-action.ts'
import { registerResizeActions } from './rest/actions/resize-action.ts'
import { registerDataStreamActions } from './rest/actions/data-stream-actions.ts'
import { IngestService } from './ingest/ingest-service.ts'
import { RepositoriesService } from './repositories/repositories-service.ts'
import { SnapshotsService } from './snapshots/snapshots-service.ts'
import { snapshotShardRestore } from './snapshots/snapshot-shard-recovery.ts'
import { registerRepositoryActions } from './rest/actions/repository-actions.ts'
import { registerSnapshotActions } from './rest/actions/snapshot-actions.ts'
import { registerFeaturesActions } from './rest/actions/features-actions.ts'
import { registerRestoreAction } from './rest/actions/restore-action.ts'
import { ClusterPipelineStore } from './node/cluster-pipeline-store.ts'
import { randomBase64Id } from './common/uuids.ts'
import { LicenseService } from './license/license-service.ts'
import { registerLicenseActions } from './rest/actions/license-actions.ts'
import { registerXPackInfoAction } from './rest/actions/xpack-info-action.ts'
import { ReaderContexts, searchSessionId } from './search/context/reader-contexts.ts'
import { analyzeForIndexing } from './analysis/index.ts'
import { filterPath, parseJson, prettyElasticsearch, toJson } from './xcontent/index.ts'

export interface EsNodeDeps {
  /** node.name: `es-node-N`. */
  nodeName: string
  /** This node's address on the transport network (N). */
  address: number
  /** discovery.seed_hosts: the addresses of every node of the cluster. */
  seedAddresses: number[]
  /** cluster.initial_master_nodes: the names of the nodes the cluster was first formed with. */
  initialMasterNodes: string[]
  scheduler: Scheduler
  random: Random
  storage: Storage
  engine: IndexEngine
  transport: Transport<Tagged, unknown>
  /**
   * path.repo, from the node's config/elasticsearch.yml: the directories fs snapshot repositories may use. Absent
   * or empty, as in the official Docker image, which sets none.
   */
  pathRepo?: readonly string[]
  /** node.attr.*, from the node's config/elasticsearch.yml: its attributes. Absent or empty: none. */
  nodeAttributes?: Readonly<Record<string, string>>
  /**
   * The filesystem mounted under path.repo, shared by every node of the cluster (snapshot repositories' files).
   * Absent: the node's own storage, a disk no other node sees.
   */
  repositoryStorage?: Storage
}

export const CLUSTER_NAME = 'docker-cluster'
const NODE_STATE_KEY = 'node/state'
const NODE_STATE_VERSION = 1

interface NodeState {
  nodeId: string
}

async function loadNodeId(deps: EsNodeDeps): Promise<string> {
  const stored = await deps.storage.get('es', NODE_STATE_KEY)
  if (stored)
    return (openEnvelope(stored, NODE_STATE_VERSION, 'Elasticsearch node state') as NodeState).nodeId
  const nodeId = randomBase64Id(deps.random)
  await deps.storage.write([
    {
      store: 'es',
      key: NODE_STATE_KEY,
      value: sealEnvelope(NODE_STATE_VERSION, { nodeId } satisfies NodeState),
    },
  ])
  return nodeId
}

/** The coordination channel, answering only once the persisted state holds what an answer promises. */
function durable(
  channel: Transport<CoordinationRequest, CoordinationResponse>,
  persisted: StoredPersistedState,
): Transport<CoordinationRequest, CoordinationResponse> {
  return {
    nodeId: channel.nodeId,
    request: (to, request, timeoutMs) => channel.request(to, request, timeoutMs),
    serve: (handler) =>
      channel.serve(
        handler &&
          (async (from, request) => {
            const response = await handler(from, request)
            await persisted.flushed()
            return response
          }),
      ),
  }
}

export class EsNode implements EsNodeApi {
  private constructor(
    private readonly controller: RestController,
    private readonly coordinator: Coordinator,
    private readonly mux: ChannelMux,
    private readonly indices: IndicesService,
    private readonly persisted: StoredPersistedState,
    private readonly address: number,
    private readonly lifecycle: IndexLifecycleService,
    private readonly clusterInfo: InternalClusterInfoService,
  ) {}

  static async start(deps: EsNodeDeps): Promise<EsNode> {
    const nodeId = await loadNodeId(deps)
    const persisted = await StoredPersistedState.load(deps.storage, CLUSTER_NAME, deps.scheduler.now())
    const indices = await IndicesService.load({
      clock: deps.scheduler,
      storage: deps.storage,
      engine: deps.engine,
    })
    const dangling = await adoptLegacyIndices(deps.storage, indices, deps.random)
    const mux = new ChannelMux(deps.transport)
    const shardChannel = mux.channel<ShardRequest, ShardResponse>('shard')
    const startedShardsChannel: StartedShardsChannel = mux.channel('gateway_started_shards')
    serveStartedShards(startedShardsChannel, () => indices.storedCopies())
    let applier: IndicesClusterStateService | null = null
    const masterHistory = new MasterHistory(deps.scheduler)
    let cluster: ClusterService | null = null
    let licenses: LicenseService | null = null
    let lifecycle: IndexLifecycleService | null = null
    let clusterInfo: InternalClusterInfoService | null = null
    let asyncSearchMaintenance: AsyncTaskMaintenanceService | null = null
    const coordinator = new Coordinator({
      nodeId,
      nodeName: deps.nodeName,
      attributes: deps.nodeAttributes ?? {},
      transport: durable(mux.channel<CoordinationRequest, CoordinationResponse>('coordination'), persisted),
      scheduler: deps.scheduler,
      random: deps.random,
      persistedState: persisted,
      shardStore: { list: () => indices.storedCopies() },
      seedAddresses: deps.seedAddresses,
      initialMasterNodes: deps.initialMasterNodes,
      clusterInfo: () => clusterInfo?.current() ?? EMPTY_CLUSTER_INFO,
      onClusterStateApplied: (state) => {
        masterHistory.clusterChanged(state.nodes.find((node) => node.id === state.masterNodeId) ?? null)
        applier?.apply(state)
        cluster?.applied(state)
        licenses?.clusterChanged(state)
        lifecycle?.clusterChanged(state)
        clusterInfo?.clusterChanged(state)
        asyncSearchMaintenance?.clusterChanged(state)
      },
    })
    licenses = new LicenseService({
      localNodeId: nodeId,
      clock: deps.scheduler,
      submitStateUpdate: (source, update) => coordinator.submitStateUpdate(source, update),
    })
    cluster = new ClusterService(
      coordinator,
      mux.channel<MasterRequest, MasterResponse>('master'),
      deps.scheduler,
    )
    const client = new NodeClient(cluster, shardChannel, deps.scheduler)
    const diskMonitor = new DiskThresholdMonitor({
      clock: deps.scheduler,
      state: () => coordinator.state(),
      submitStateUpdate: (source, update) => coordinator.submitStateUpdate(source, update),
    })
    clusterInfo = new InternalClusterInfoService({
      localNodeId: nodeId,
      scheduler: deps.scheduler,
      fetch: (state) => fetchClusterInfo(client, state),
      onNewInfo: (info) => diskMonitor.onNewInfo(info),
    })
    const repositories = new RepositoriesService(deps.pathRepo ?? [], deps.repositoryStorage ?? deps.storage)
    const contexts = new ReaderContexts(deps.scheduler, searchSessionId(nodeId, deps.scheduler.now()))
    applier = new IndicesClusterStateService(indices, {
      localNodeId: nodeId,
      clock: deps.scheduler,
      storage: deps.storage,
      reporter: coordinator,
      recoverFromPrimary: (index, copy) => recoverFromPrimary(client, index, copy),
      handOffPrimary: (index, copy) => handOffPrimary(client, index, copy),
      recoverFromSnapshot: (index, copy, state) =>
        snapshotShardRestore(repositories, state, index.metadata, copy.shard),
      promote: (index, shard, state) => handler.promote(index, shard, state),
      isRelocated: (shard) => handler.isRelocated(shard),
      freeReaderContexts: (uuid) => contexts.freeAllForIndex(uuid),
    })
    const tasks = new TaskManager(() => nodeId, deps.scheduler)
    const handler = new ShardRequestHandler({
      clock: deps.scheduler,
      storage: deps.storage,
      indices,
      cluster,
      transport: shardChannel,
      reporter: coordinator,
      contexts,
      tasks,
      repositories,
    })
    shardChannel.serve((_from, request) => handler.handle(request))
    const diskUsageChannel = mux.channel<DiskUsageShardRequest, DiskUsageShardResponse>(DISK_USAGE_CHANNEL)
    serveDiskUsage(diskUsageChannel, indices, deps.scheduler)
    const pipelines = new ClusterPipelineStore(cluster)
    const ingest = new IngestService(pipelines)
    const context: RestContext = {
      identity: { nodeName: deps.nodeName, nodeId, clusterName: CLUSTER_NAME },
      clock: deps.scheduler,
      indices,
      analyze: analyzeForIndexing,
      client,
      ingest,
      tasks,
      startedShards: new StartedShardsClient(startedShardsChannel),
      coordination: coordinationView(
        mux.channel<CoordinationDiagnosticsRequest, CoordinationDiagnosticsResponse>(
          COORDINATION_DIAGNOSTICS_CHANNEL,
        ),
        coordinator,
        masterHistory,
      ),
      clusterInfo: () => fetchClusterInfo(client, client.cluster.state()),
      newUuid: () => randomBase64Id(deps.random),
    }
    const controller = new RestController()
    registerRootAction(controller, context)
    registerIndexActions(controller, context)
    registerIndexStateActions(controller, context)
    registerIndexBlockAction(controller, context)
    registerRolloverAction(controller, context)
    registerResizeActions(controller, context)
    registerDataStreamActions(controller, context)
    registerDocumentActions(controller, context)
    registerBulkAction(controller, context)
    registerUpdateAction(controller, context)
    registerMultiGetAction(controller, context)
    registerByQueryActions(controller, context)
    registerReindexAction(controller, context)
    registerTasksActions(controller, context)
    registerRethrottleAction(controller, context)
    registerSearchActions(controller, context)
    registerAsyncSearchActions(
      controller,
      context,
      mux.channel<ForwardedAsyncSearchRequest, RestResponse>(ASYNC_SEARCH_CHANNEL),
    )
    registerScrollActions(controller, context)
    registerPointInTimeActions(controller, context)
    registerMultiSearchAction(controller, context)
    registerRankEvalAction(controller, context)
    registerSearchTemplateActions(controller, context)
    registerStoredScriptActions(controller, context)
    registerSynonymsActions(controller, context)
    registerReloadAnalyzersActions(controller, context)
    registerPainlessExecuteAction(controller, context)
    registerExplainAction(controller, context)
    registerTermVectorsAction(controller, context)
    registerMultiTermVectorsAction(controller, context)
    registerIndicesStatsAction(controller, context)
    registerDiskUsageAction(controller, context, diskUsageChannel)
    registerNodesStatsAction(controller, context)
    registerAnalyzeActions(controller, context)
    registerCatActions(controller, context)
    registerSqlActions(controller, context)
    registerEsqlActions(controller, context)
    registerClusterActions(controller, context)
    registerLicenseActions(controller, context)
    registerXPackInfoAction(controller, context)
    registerSettingsActions(controller, context)
    registerMappingActions(controller, context)
    registerFieldCapsActions(controller, context)
    registerIngestActions(controller, context, ingest, pipelines)
    registerAliasActions(controller, context)
    registerTemplateActions(controller, context)
    registerIlmActions(controller, context)
    registerRepositoryActions(controller, context, repositories)
    registerFeaturesActions(controller, context)
    const snapshots = new SnapshotsService({
      clock: deps.scheduler,
      client,
      repositories,
      newUuid: () => randomBase64Id(deps.random),
    })
    registerSnapshotActions(controller, context, repositories, snapshots)
    registerRestoreAction(controller, context, repositories)
    lifecycle = new IndexLifecycleService({
      localNodeId: nodeId,
      scheduler: deps.scheduler,
      client: {
        state: () => client.cluster.state(),
        now: () => deps.scheduler.now(),
        setState: async (index, lifecycleState) => {
          await client.cluster.execute({ type: 'ilm_set_state', index, lifecycleState })
        },
        perform: (method, target, body) => {
          const [path, query] = target.split('?') as [string, string | undefined]
          const params = (query ?? '')
            .split('&')
            .filter((p) => p !== '')
            .map((p) => p.split('=') as [string, string])
          return controller.dispatch({
            method,
            path,
            params,
            body: body === undefined ? null : JSON.stringify(body),
          })
        },
      },
    })
    asyncSearchMaintenance = new AsyncTaskMaintenanceService({
      localNodeId: nodeId,
      scheduler: deps.scheduler,
      delayMs: DEFAULT_CLEANUP_INTERVAL_MS,
      deleteExpired: async (nowMillis) => {
        const query = { query: { range: { expiration_time: { lte: nowMillis } } } }
        await controller.dispatch({
          method: 'POST',
          path: `/${ASYNC_RESULTS_INDEX}/_delete_by_query`,
          params: [],
          body: JSON.stringify(query),
        })
      },
    })
    mux.start()
    coordinator.start()
    if (dangling.length > 0) {
      // Imported once a master is known; a node stopped before that imports them at its next start.
      importDanglingIndices(cluster, deps.storage, dangling).catch(() => undefined)
    }
    return new EsNode(controller, coordinator, mux, indices, persisted, deps.address, lifecycle, clusterInfo)
  }

  /**
   * Dispatches a request; `?filter_path` filters a JSON answer other than an error and `?pretty` formats it as
   * ES's own pretty printer does.
   */
  async handleRequest(request: RestRequest): Promise<RestResponse> {
    let response = await this.controller.dispatch(request)
    if (response.contentType !== 'application/json' || response.body === '') return response
    const filter = request.params.find(([name]) => name === 'filter_path')
    if (filter && response.error !== true) {
      const parsed = parseJson(response.body)
      if (parsed instanceof Map) response = { ...response, body: toJson(filterPath(parsed, filter[1])) }
    }
    const pretty = request.params.find(([name]) => name === 'pretty')
    if (!pretty || pretty[1] === 'false') return response
    return { ...response, body: prettyElasticsearch(response.body) }
  }

  /**
   * Graceful shutdown: the node stops serving (the master notices it leave through its checks) and its
   * coordination state is stored before the process ends.
   */
  /** A graceful shutdown: every shard copy is flushed (ES flushes a shard as it closes it), then the process ends. */
  async stop(): Promise<void> {
    await this.indices.flushAll()
    this.kill()
    return this.persisted.flushed()
  }

  /** The process ends at once: timers stop, requests to it go unanswered. */
  kill(): void {
    this.lifecycle.stop()
    this.clusterInfo.stop()
    this.coordinator.stop()
    this.mux.stop()
    for (const index of this.indices.all()) index.close()
  }

  /** Read-only, for simulation invariant checks: the Coordinator's mode, term and applied state. */
  coordination(): { mode: CoordinatorMode; term: number; state: ClusterState } {
    return {
      mode: this.coordinator.mode(),
      term: this.coordinator.currentTerm(),
      state: this.coordinator.state(),
    }
  }

  /** Read-only, for simulation checks: the live documents of every local copy of an index. */
  localCopies(index: string): Array<{ shard: number; primary: boolean; docs: StoredDocument[] }> {
    return [...(this.indices.get(index)?.shards.values() ?? [])].map((shard) => ({
      shard: shard.shardId,
      primary: shard.routing?.primary ?? false,
      docs: shard.liveDocuments(),
    }))
  }

  describeState(): EsNodeState {
    const state = this.coordinator.state()
    const master = state.nodes.find((node) => node.id === state.masterNodeId)
    const isMaster = master?.id === this.coordinator.localNode.id
    return {
      nodeName: this.coordinator.localNode.name,
      nodeId: this.coordinator.localNode.id,
      address: this.address,
      master: isMaster,
      masterName: master?.name ?? null,
      cluster: isMaster ? clusterSummary(state) : null,
      shards: this.indices.all().flatMap((index) =>
        [...index.shards.values()].flatMap((shard) =>
          shard.routing
            ? [
                {
                  index: index.metadata.name,
                  shard: shard.shardId,
                  primary: shard.routing.primary,
                  state:
                    shard.recovered && shard.routing.state !== 'INITIALIZING' ? 'STARTED' : 'INITIALIZING',
                  docs: shard.liveDocCount,
                },
              ]
            : [],
        ),
      ),
    }
  }
}
