/**
 * `GET /_cluster/state[/{metric}[/{index}]]` (RestClusterStateAction, ClusterState.toXContentChunked in the
 * API context, ES 8.17), a master read answered from the applied state. Field order:
 *   cluster_name, cluster_uuid, version, master_node, blocks, nodes, metadata, routing_table, routing_nodes
 * `metric` is a comma list of version, master_node, blocks, nodes, metadata, routing_table, routing_nodes or
 * `_all` (unknown names are ignored, as Metric.parseString(.., true) does); `index` narrows metadata and
 * routing to those indices, leniently (lenientExpandOpen: a missing index is left out, not an error; a wildcard or
 * `_all` reaches open indices only, a closed index named outright is kept). `blocks` lists the global blocks and
 * every index's, whatever the request names (TransportClusterStateAction copies them unfiltered; cluster-blocks.ts).
 * Maps that ES keeps in hash maps (nodes, indices, routing nodes) come in Java HashMap order.
 *
 * Left out because the playground has no such value: `state_uuid`, `nodes_versions`, `nodes_features`, the
 * index metadata counters (`version`,
 * `mapping_version`, `settings_version`, `aliases_version`), `timestamp_range`, and the metadata customs
 * (`index-graveyard`, `ingest`, `index_template`, `component_template`, `reserved_state`).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { assignedShards, type ShardRouting } from '../../cluster/state/shard-routing.ts'
import { esIndexMetadata } from '../../cluster/metadata/es-index-metadata.ts'
import { ALLOCATION_STATUS_VALUE, unassignedAt } from '../../cluster/allocation/shard-summary.ts'
import { isDataNode } from '../../cluster/state/discovery-node.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { mappingToJson } from '../../index/mapper/mapping-json.ts'
import { isClosed, settingsToJson } from '../../index/index-metadata.ts'
import { clusterBlocksJson } from '../../cluster/block/cluster-blocks.ts'
import { aliasesOf } from '../../cluster/metadata/alias-metadata.ts'
import { MASTER_TIMEOUT_MS, masterNotDiscoveredException } from '../../node/cluster-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { paramAsBoolean } from './rest-params.ts'
import { discoveryNodeXContent } from './node-description.ts'
import {
  indicesOptionsFromRequest,
  LENIENT_EXPAND_OPEN,
  type IndicesOptions,
} from '../../cluster/metadata/indices-options.ts'

const METRICS = [
  'version',
  'master_node',
  'blocks',
  'nodes',
  'metadata',
  'routing_table',
  'routing_nodes',
] as const
type Metric = (typeof METRICS)[number]

export function registerClusterStateAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => clusterState(context, req))
  controller
    .register('GET', '/_cluster/state', handler, 'cluster.state')
    .register('GET', '/_cluster/state/{metric}', handler, 'cluster.state')
    .register('GET', '/_cluster/state/{metric}/{index}', handler, 'cluster.state')
}

async function clusterState(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const metrics = parseMetrics(req.path.metric)
  const state = await context.client.cluster.waitFor((s) => s.masterNodeId !== null, MASTER_TIMEOUT_MS)
  if (state === null) throw masterNotDiscoveredException()
  const names = selectedIndices(
    context,
    state,
    req.path.index,
    indicesOptionsFromRequest(req.params, LENIENT_EXPAND_OPEN),
  )
  const flat = paramAsBoolean(req.params.get('flat_settings'))
  const body: Record<string, JsonOut> = {
    cluster_name: state.clusterName,
    cluster_uuid: state.clusterUuid,
  }
  if (metrics.has('version')) body.version = state.version
  if (metrics.has('master_node')) body.master_node = state.masterNodeId
  if (metrics.has('blocks')) body.blocks = clusterBlocksJson(state)
  if (metrics.has('nodes')) body.nodes = nodesJson(state)
  if (metrics.has('metadata')) body.metadata = metadataJson(state, names, flat)
  if (metrics.has('routing_table')) body.routing_table = { indices: routingTableJson(state, names) }
  if (metrics.has('routing_nodes')) body.routing_nodes = routingNodesJson(state, names)
  return json(200, body)
}

function parseMetrics(text: string | undefined): Set<Metric> {
  const names = (text ?? '_all').split(',')
  if (names.includes('_all')) return new Set(METRICS)
  return new Set(METRICS.filter((metric) => names.includes(metric)))
}

/**
 * The indices in scope, in HashMap order: all of them without an expression, else those it names as the request's
 * indices options say (ClusterStateRequest: lenientExpandOpen, then expand_wildcards, ignore_unavailable and
 * allow_no_indices).
 */
function selectedIndices(
  context: RestContext,
  state: ClusterState,
  expression: string | undefined,
  options: IndicesOptions,
): string[] {
  const all = Object.keys(state.metadata.indices)
  if (expression === undefined) return javaStringKeyOrder(all)
  const wanted = new Set(context.indices.resolve(expression, options).map((index) => index.metadata.name))
  return javaStringKeyOrder(all.filter((name) => wanted.has(name)))
}

/** DiscoveryNode.toXContent, by node id. */
function nodesJson(state: ClusterState): Map<string, JsonOut> {
  const byId = new Map(state.nodes.map((node) => [node.id, node]))
  return new Map(javaStringKeyOrder([...byId.keys()]).map((id) => discoveryNodeXContent(byId.get(id)!)))
}

function metadataJson(state: ClusterState, names: readonly string[], flat: boolean): JsonOut {
  const indices = new Map<string, JsonOut>()
  for (const name of names) {
    const metadata = state.metadata.indices[name]!
    const index = esIndexMetadata(metadata)
    const mapping = mappingToJson(index.mapping)
    indices.set(name, {
      routing_num_shards: index.routingNumShards,
      state: isClosed(index) ? 'close' : 'open',
      settings: settingsToJson(index, flat),
      mappings: Object.keys(mapping).length === 0 ? {} : { _doc: mapping },
      aliases: Object.keys(aliasesOf(index)).sort(),
      primary_terms: Object.fromEntries(metadata.primaryTerms.map((term, shard) => [String(shard), term])),
      in_sync_allocations: Object.fromEntries(
        metadata.inSyncAllocationIds.map((ids, shard) => [String(shard), [...ids]]),
      ),
      rollover_info: {},
      system: false,
    })
  }
  return {
    cluster_uuid: state.clusterUuid,
    cluster_uuid_committed: state.clusterUuidCommitted,
    cluster_coordination: {
      term: state.term,
      last_committed_config: [...state.lastCommittedConfiguration],
      last_accepted_config: [...state.lastAcceptedConfiguration],
      voting_config_exclusions: [],
    },
    templates: {},
    indices,
  }
}

function routingTableJson(state: ClusterState, names: readonly string[]): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>()
  for (const name of names) {
    const shards = (state.routingTable[name] ?? []).map((copies, shard): [string, JsonOut] => [
      String(shard),
      copies.map(shardJson),
    ])
    out.set(name, { shards: Object.fromEntries(shards) })
  }
  return out
}

/** A shard's copies with its relocation targets (RoutingNodes lists those on their nodes). */
function assignedOrUnassigned(copies: readonly ShardRouting[]): ShardRouting[] {
  return [...copies.filter((copy) => copy.nodeId === null), ...assignedShards(copies)]
}

/** RoutingNodes: the unassigned copies, and every data node's copies (relocation targets too; empty lists too). */
function routingNodesJson(state: ClusterState, names: readonly string[]): JsonOut {
  const copies = names.flatMap((name) => (state.routingTable[name] ?? []).flatMap(assignedOrUnassigned))
  const nodes = new Map<string, JsonOut>()
  const ids = state.nodes.filter(isDataNode).map((node) => node.id)
  for (const id of javaStringKeyOrder(ids)) {
    nodes.set(id, copies.filter((copy) => copy.nodeId === id).map(shardJson))
  }
  return { unassigned: copies.filter((copy) => copy.state === 'UNASSIGNED').map(shardJson), nodes }
}

/** ShardRouting.toXContent. */
function shardJson(copy: ShardRouting): JsonOut {
  const out: Record<string, JsonOut> = {
    state: copy.state,
    primary: copy.primary,
    node: copy.nodeId,
    relocating_node: copy.relocatingNodeId,
    shard: copy.shard,
    index: copy.index,
  }
  if (copy.recoverySource !== null) {
    out.recovery_source =
      copy.recoverySource === 'EXISTING_STORE'
        ? { type: copy.recoverySource, bootstrap_new_history_uuid: false }
        : { type: copy.recoverySource }
  }
  if (copy.allocationId !== null) {
    out.allocation_id =
      copy.relocationId === null
        ? { id: copy.allocationId }
        : { id: copy.allocationId, relocation_id: copy.relocationId }
  }
  const info = copy.unassignedInfo
  if (info !== null) {
    out.unassigned_info = {
      reason: info.reason,
      at: unassignedAt(info),
      ...(info.failedAllocations > 0 ? { failed_attempts: info.failedAllocations } : {}),
      delayed: info.delayed,
      ...(info.lastAllocatedNodeId !== null ? { last_node: info.lastAllocatedNodeId } : {}),
      ...(info.details !== null ? { details: info.details } : {}),
      allocation_status: ALLOCATION_STATUS_VALUE[info.lastAllocationStatus],
    }
  }
  out.relocation_failure_info = { failed_attempts: 0 }
  return out
}
