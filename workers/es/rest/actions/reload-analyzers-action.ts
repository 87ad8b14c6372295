/**
 * GET|POST /{index}/_reload_search_analyzers (RestReloadAnalyzersAction over TransportReloadAnalyzersAction, ES
 * 8.17): `resource` (a synonyms set id: only the analyzers reading it) and `preview` (list, do not reload) with the
 * indices options (BroadcastRequest's strictExpandOpenAndForbidClosed); cluster blocks at METADATA_WRITE.
 * The reload goes once to each node holding a copy of an index (its copies in routing table order, the first per
 * node; unassigned copies count once per index as one target no node answers), and each node reloads the index's
 * analyzers over the synonyms sets of its applied state (IndexService.reloadSearchAnalyzers). The answer is
 * ReloadAnalyzersResponse:
 *   {"_shards":{"total","successful","failed"},"reload_details":[{"index","reloaded_analyzers","reloaded_node_ids"}]}
 * with an entry per index a node answered for (without a resource) or per index that reloaded an analyzer (with
 * one); the entries in HashMap order of index names, both lists in HashSet order. The synonyms APIs reload through
 * the same broadcast, for their set over `*` (SynonymsManagementAPIService.reloadAnalyzers).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { urlFlag } from '../../common/booleans.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_OPEN_FORBID_CLOSED,
  type IndicesOptions,
} from '../../cluster/metadata/indices-options.ts'
import { javaHashMapKeyOrder, javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { resolveBroadcastIndices } from './broadcast-by-copy.ts'

export interface ReloadAnalyzersRequest {
  /** The index expression (`*`: every index the options expand to). */
  indices: string
  options: IndicesOptions
  /** The synonyms set whose analyzers reload; null: every reloadable analyzer. */
  resource: string | null
  preview: boolean
}

export type ReloadAnalyzersResponse = {
  _shards: { total: number; successful: number; failed: number }
  reload_details: Array<{ index: string; reloaded_analyzers: string[]; reloaded_node_ids: string[] }>
}

export function registerReloadAnalyzersActions(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => reloadAnalyzersAction(context, req))
  for (const method of ['GET', 'POST'] as const) {
    controller.register(
      method,
      '/{index}/_reload_search_analyzers',
      handler,
      'indices.reload_search_analyzers',
    )
  }
}

async function reloadAnalyzersAction(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const response = await reloadAnalyzers(context, {
    indices: req.path.index!,
    options: indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN_FORBID_CLOSED),
    resource: req.params.get('resource') ?? null,
    preview: urlFlag(req.params, 'preview') ?? false,
  })
  return json(200, response)
}

/** One index's details as the response factory merges them: its reloaded analyzers and the nodes that answered. */
interface ReloadDetails {
  analyzers: Set<string>
  nodeIds: Set<string>
}

/** TransportReloadAnalyzersAction: the broadcast of `request` and its ReloadAnalyzersResponse. */
export async function reloadAnalyzers(
  context: RestContext,
  request: ReloadAnalyzersRequest,
): Promise<ReloadAnalyzersResponse> {
  const state = context.client.cluster.state()
  const indices = resolveBroadcastIndices(context, request.indices, 'METADATA_WRITE', request.options)
  let total = 0
  const pending: Array<Promise<{ index: string; nodeId: string; analyzers: string[] | null }>> = []
  for (const { metadata } of indices) {
    const covered = new Set((state.routingTable[metadata.name] ?? []).flat().map((copy) => copy.nodeId))
    total += covered.size
    for (const nodeId of covered) {
      const node = state.nodes.find((known) => known.id === nodeId)
      if (!node) continue
      const target = { index: metadata.name, uuid: metadata.uuid, shard: 0 }
      const sent = context.client.toNode(node.address, {
        ...target,
        type: 'reload_analyzers',
        resource: request.resource,
        preview: request.preview,
        stateVersion: state.version,
      })
      pending.push(
        sent.then((answer) => ({
          index: metadata.name,
          nodeId: node.id,
          analyzers: answer?.type === 'analyzers_reloaded' ? answer.analyzers : null,
        })),
      )
    }
  }
  const details = new Map<string, ReloadDetails>()
  let successful = 0
  for (const { index, nodeId, analyzers } of await Promise.all(pending)) {
    if (analyzers === null) continue
    successful++
    const existing = details.get(index)
    if (existing) {
      analyzers.forEach((analyzer) => existing.analyzers.add(analyzer))
      existing.nodeIds.add(nodeId)
    } else if (analyzers.length > 0 || request.resource === null) {
      details.set(index, { analyzers: new Set(analyzers), nodeIds: new Set([nodeId]) })
    }
  }
  return {
    _shards: { total, successful, failed: 0 },
    reload_details: javaHashMapKeyOrder([...details.keys()]).map((index) => {
      const { analyzers, nodeIds } = details.get(index)!
      return {
        index,
        reloaded_analyzers: javaStringKeyOrder([...analyzers]),
        reloaded_node_ids: javaStringKeyOrder([...nodeIds]),
      }
    }),
  }
}
