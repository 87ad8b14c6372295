/**
 * `GET /_nodes[/{nodeId}]/stats[/{metric}[/{index_metric}]]` (RestNodesStatsAction, NodesStatsResponse of ES 8):
 *   {"_nodes":{total,successful,failed},"cluster_name","nodes":{<id>:{"timestamp","name","transport_address",
 *    "host","ip","roles"[,"attributes"],"indices":{...CommonStats of every started copy on the node...[,"indices":{<name>:
 *    {...}}]}}}}
 * The metric and index metric names are checked as ES checks them (`_all` alone, or known names; unknown ones are
 * ES's "contains unrecognized metric" with its did-you-mean hints; index metrics without `indices` are refused).
 * Only `indices` is written: the other metrics (os, process, jvm, thread_pool, fs, transport, http, breaker,
 * script, discovery, ingest, adaptive_selection, script_cache, indexing_pressure, repositories, allocations)
 * describe a JVM and host the playground does not have. `level`: `node` (the default) or `indices` (the node's
 * copies summed per index, in Java HashMap order of the names); `shards` is refused. A node that does not answer
 * counts as failed. The groups and fields of the index statistics are those of common-stats.ts.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { LocalShardStats, ShardResponse } from '../../action/shard-messages.ts'
import { MASTER_TIMEOUT_MS, masterNotDiscoveredException } from '../../node/cluster-service.ts'
import type { DiscoveryNode } from '../../cluster/state/discovery-node.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { NODE_IP } from '../cat/cat-indices.ts'
import { attributesField, roleNames, transportAddress } from './node-description.ts'
import { resolveNodes } from './resolve-nodes.ts'
import { commonStatsJson, parseMetrics, STATS_METRICS, sumShardStats } from './common-stats.ts'

/** NodesStatsRequestParameters.Metric's names and `indices`. */
const NODE_METRICS = [
  'os',
  'process',
  'jvm',
  'thread_pool',
  'fs',
  'transport',
  'http',
  'breaker',
  'script',
  'discovery',
  'ingest',
  'adaptive_selection',
  'script_cache',
  'indexing_pressure',
  'repositories',
  'allocations',
  'indices',
]

export function registerNodesStatsAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => nodesStats(context, req))
  for (const prefix of ['/_nodes', '/_nodes/{nodeId}']) {
    controller
      .register('GET', `${prefix}/stats`, handler, 'nodes.stats')
      .register('GET', `${prefix}/stats/{metric}`, handler, 'nodes.stats')
      .register('GET', `${prefix}/stats/{metric}/{index_metric}`, handler, 'nodes.stats')
  }
}

interface StatsRequest {
  /** Whether `indices` is written, and which of its groups (null: every one). */
  indices: boolean
  indexMetrics: Set<string> | null
}

function parseRequest(req: RestHandlerRequest): StatsRequest {
  const path = req.request.path
  const given = req.path.metric ?? '_all'
  const indexMetric = req.path.index_metric
  const metrics = parseMetrics(path, given, NODE_METRICS)
  if (metrics === null) {
    if (indexMetric !== undefined) {
      throw illegalArgumentException(
        `request [${path}] contains index metrics [${indexMetric}] but all stats requested`,
      )
    }
    return { indices: true, indexMetrics: null }
  }
  if (!metrics.has('indices')) {
    if (indexMetric !== undefined) {
      throw illegalArgumentException(
        `request [${path}] contains index metrics [${indexMetric}] but indices stats not requested`,
      )
    }
    return { indices: false, indexMetrics: null }
  }
  return { indices: true, indexMetrics: parseMetrics(path, indexMetric, STATS_METRICS, 'index metric') }
}

async function nodesStats(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const request = parseRequest(req)
  const level = req.params.get('level') ?? 'node'
  if (!['node', 'indices', 'shards'].includes(level)) {
    throw illegalArgumentException(
      `level parameter must be one of [node] or [indices] or [shards] but was [${level}]`,
    )
  }
  if (level === 'shards') throw illegalArgumentException('level [shards] is not supported by this playground')
  const state = await context.client.cluster.waitFor((s) => s.masterNodeId !== null, MASTER_TIMEOUT_MS)
  if (state === null) throw masterNotDiscoveredException()
  const nodes = resolveNodes(state, req.path.nodeId ?? '_all', context.identity.nodeId)
  const answers = await Promise.all(
    nodes.map((node) => context.client.toNode(node.address, { type: 'shard_stats' })),
  )
  const body = new Map<string, JsonOut>()
  nodes.forEach((node, n) => {
    const answer = answers[n]
    if (answer?.type === 'shard_stats') body.set(node.id, nodeJson(node, answer, request, level))
  })
  return json(200, {
    _nodes: { total: nodes.length, successful: body.size, failed: nodes.length - body.size },
    cluster_name: state.clusterName,
    nodes: body,
  })
}

function nodeJson(
  node: DiscoveryNode,
  answer: Extract<ShardResponse, { type: 'shard_stats' }>,
  request: StatsRequest,
  level: string,
): JsonOut {
  const out = new Map<string, JsonOut>([
    ['timestamp', answer.timestamp],
    ['name', node.name],
    ['transport_address', transportAddress(node)],
    ['host', NODE_IP],
    ['ip', NODE_IP],
    ['roles', roleNames(node)],
    ...Object.entries(attributesField(node)),
  ])
  if (!request.indices) return out
  const indices = commonStatsJson(sumShardStats(answer.shards), request.indexMetrics, true)
  if (level === 'indices') {
    const byIndex = new Map<string, LocalShardStats[]>()
    for (const copy of answer.shards) byIndex.set(copy.index, [...(byIndex.get(copy.index) ?? []), copy])
    const names = javaStringKeyOrder([...byIndex.keys()])
    indices.set(
      'indices',
      new Map(
        names.map((name) => [name, commonStatsJson(sumShardStats(byIndex.get(name)!), request.indexMetrics)]),
      ),
    )
  }
  out.set('indices', indices)
  return out
}
