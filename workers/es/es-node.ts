/**
 * EsNode: one Elasticsearch 8 node as a plain class. It receives its clock, randomness, storage, index
 * engine and analysis, restores its indices from storage, and answers REST requests through its
 * RestController exactly as an HTTP request to port 9200 would be answered.
 *
 * This is the single-node form: it is the elected master and holds every primary; replicas stay
 * unassigned. Cluster coordination grows into its own classes (Coordinator, AllocationService).
 */
import type { EsNodeApi, RestRequest, RestResponse } from '../protocol/es.ts'
import type { Clock } from '../net/clock.ts'
import type { Random } from '../net/random.ts'
import type { Storage } from '../storage/storage.ts'
import { openEnvelope, sealEnvelope } from '../storage/envelope.ts'
import type { IndexEngine } from '../../engine-wasm/src/index/index.ts'
import { IndicesService } from './indices/indices-service.ts'
import { RestController } from './rest/rest-controller.ts'
import type { NodeIdentity, RestContext } from './rest/rest-context.ts'
import { registerRootAction } from './rest/actions/root-action.ts'
import { registerDocumentActions } from './rest/actions/document-actions.ts'
import { registerBulkAction } from './rest/actions/bulk-action.ts'
import { registerUpdateAction } from './rest/actions/update-action.ts'
import { registerMultiGetAction } from './rest/actions/mget-action.ts'
import { registerByQueryActions } from './rest/actions/by-query-actions.ts'
import { registerIndexActions } from './rest/actions/index-actions.ts'
import { registerSearchActions } from './rest/actions/search-actions.ts'
import { registerAnalyzeActions } from './rest/actions/analyze-action.ts'
import { registerCatActions } from './rest/actions/cat-actions.ts'
import { registerClusterActions } from './rest/actions/cluster-actions.ts'
import { registerMappingActions } from './rest/actions/mapping-actions.ts'
import { registerSettingsActions } from './rest/actions/settings-actions.ts'
import { randomBase64Id } from './common/uuids.ts'
import { analyzeForIndexing } from './analysis/index.ts'
import { filterPath, parseJson, prettyElasticsearch, toJson } from './xcontent/index.ts'

export interface EsNodeDeps {
  nodeName: string
  clock: Clock
  random: Random
  storage: Storage
  engine: IndexEngine
}

const NODE_STATE_KEY = 'node/state'
const NODE_STATE_VERSION = 1

interface NodeState {
  nodeId: string
  clusterUuid: string
}

export class EsNode implements EsNodeApi {
  private constructor(private readonly controller: RestController) {}

  static async start(deps: EsNodeDeps): Promise<EsNode> {
    const stored = await deps.storage.get('es', NODE_STATE_KEY)
    let state: NodeState
    if (stored) {
      state = openEnvelope(stored, NODE_STATE_VERSION, 'Elasticsearch node state') as NodeState
    } else {
      state = { nodeId: randomBase64Id(deps.random), clusterUuid: randomBase64Id(deps.random) }
      await deps.storage.write([
        { store: 'es', key: NODE_STATE_KEY, value: sealEnvelope(NODE_STATE_VERSION, state) },
      ])
    }
    const indices = await IndicesService.load(deps)
    const identity: NodeIdentity = {
      nodeName: deps.nodeName,
      nodeId: state.nodeId,
      clusterName: 'docker-cluster',
      clusterUuid: state.clusterUuid,
    }
    const context: RestContext = {
      identity,
      clock: deps.clock,
      storage: deps.storage,
      indices,
      analyze: analyzeForIndexing,
      activeCopies: () => 1,
    }
    const controller = new RestController()
    registerRootAction(controller, context)
    registerIndexActions(controller, context)
    registerDocumentActions(controller, context)
    registerBulkAction(controller, context)
    registerUpdateAction(controller, context)
    registerMultiGetAction(controller, context)
    registerByQueryActions(controller, context)
    registerSearchActions(controller, context)
    registerAnalyzeActions(controller, context)
    registerCatActions(controller, context)
    registerClusterActions(controller, context)
    registerSettingsActions(controller, context)
    registerMappingActions(controller, context)
    return new EsNode(controller)
  }

  /**
   * Dispatches a request; `?filter_path` filters a JSON answer and `?pretty` formats it as ES's own pretty
   * printer does.
   */
  async handleRequest(request: RestRequest): Promise<RestResponse> {
    let response = await this.controller.dispatch(request)
    if (response.contentType !== 'application/json' || response.body === '') return response
    const filter = request.params.find(([name]) => name === 'filter_path')
    if (filter) {
      const parsed = parseJson(response.body)
      if (parsed instanceof Map) response = { ...response, body: toJson(filterPath(parsed, filter[1])) }
    }
    const pretty = request.params.find(([name]) => name === 'pretty')
    if (!pretty || pretty[1] === 'false') return response
    return { ...response, body: prettyElasticsearch(response.body) }
  }
}
