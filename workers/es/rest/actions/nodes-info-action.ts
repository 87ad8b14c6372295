/**
 * `GET /_nodes[/{node_id}[/{metrics}]]` (RestNodesInfoAction, NodesInfoResponse as ES 8.17 writes it):
 *   {"_nodes":{"total","successful","failed"},"cluster_name","nodes":{<id>:{name, transport_address, host,
 *    ip, version, build_flavor, build_type, build_hash, roles, attributes}}} (attributes only when the node has some)
 * A lone path segment is read as metrics when every name in it is a metric, else as node ids (as ES does).
 * Node ids are resolved as DiscoveryNodes.resolveNodes does (resolve-nodes.ts). Unknown metrics fail with ES's
 * "request [...] contains unrecognized metric" (without its did-you-mean suggestions).
 *
 * Every metric section (settings, os, process, jvm, thread_pool, transport, http, remote_cluster_server,
 * plugins, ingest, aggregations, indices) describes a JVM and host the playground does not have and is left
 * out, as are `transport_version`, `index_version` and `component_versions`.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import type { DiscoveryNode } from '../../cluster/state/discovery-node.ts'
import { MASTER_TIMEOUT_MS, masterNotDiscoveredException } from '../../node/cluster-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { NODE_IP } from '../cat/cat-indices.ts'
import { attributesField, roleNames, transportAddress } from './node-description.ts'
import { resolveNodes } from './resolve-nodes.ts'
import { ES_VERSION } from './root-action.ts'

const ALLOWED_METRICS = new Set([
  'settings',
  'os',
  'process',
  'jvm',
  'thread_pool',
  'transport',
  'http',
  'remote_cluster_server',
  'plugins',
  'ingest',
  'aggregations',
  'indices',
])

export function registerNodesInfoAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => nodesInfo(context, req))
  controller
    .register('GET', '/_nodes', handler, 'nodes.info')
    .register('GET', '/_nodes/{nodeId}', handler, 'nodes.info')
    .register('GET', '/_nodes/{nodeId}/{metrics}', handler, 'nodes.info')
}

async function nodesInfo(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  let nodeIds = req.path.nodeId ?? '_all'
  const metrics = req.path.metrics
  if (metrics === undefined) {
    if (nodeIds.split(',').every((name) => ALLOWED_METRICS.has(name))) nodeIds = '_all'
  } else {
    const names = metrics.split(',').filter((name) => name !== '_all' && name !== '_none')
    const unknown = names.filter((name) => !ALLOWED_METRICS.has(name))
    if (unknown.length > 0) {
      throw illegalArgumentException(
        `request [${req.request.path}] contains unrecognized metric${unknown.length > 1 ? 's' : ''}: ` +
          `[${unknown.join(', ')}]`,
      )
    }
  }
  const state = await context.client.cluster.waitFor((s) => s.masterNodeId !== null, MASTER_TIMEOUT_MS)
  if (state === null) throw masterNotDiscoveredException()
  const nodes = resolveNodes(state, nodeIds, context.identity.nodeId)
  const body = new Map<string, JsonOut>()
  for (const node of nodes) body.set(node.id, nodeJson(node))
  return json(200, {
    _nodes: { total: nodes.length, successful: nodes.length, failed: 0 },
    cluster_name: state.clusterName,
    nodes: body,
  })
}

function nodeJson(node: DiscoveryNode): JsonOut {
  return {
    name: node.name,
    transport_address: transportAddress(node),
    host: NODE_IP,
    ip: NODE_IP,
    version: ES_VERSION.number,
    build_flavor: ES_VERSION.build_flavor,
    build_type: ES_VERSION.build_type,
    build_hash: ES_VERSION.build_hash,
    roles: roleNames(node),
    ...attributesField(node),
  }
}
