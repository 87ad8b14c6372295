/**
 * `GET|POST /_cluster/allocation/explain` (RestClusterAllocationExplainAction, ES 8.17): explains the copy
 * named by the body `{index, shard, primary[, current_node]}`, or without a body the first unassigned copy
 * (an unassigned primary before any replica) with the `note` that says so. A master read: it waits for a
 * master (30 s, else master_not_discovered_exception) and answers from the applied cluster state with the
 * deciders' and the balancer's own decisions (cluster/allocation/allocation-explain.ts), written as
 * ClusterAllocationExplanation.toXContent writes them. `include_yes_decisions` keeps the YES decisions;
 * `include_disk_info` adds the ClusterInfo the deciders read as `cluster_info`, after `current_node`
 * (cluster-info-json.ts).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import {
  EsException,
  actionRequestValidationException,
  illegalArgumentException,
  indexNotFoundException,
  xContentParseException,
} from '../../errors/index.ts'
import { XNumber, type JsonOut, type XContentValue } from '../../xcontent/index.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import type { ShardRouting } from '../../cluster/state/shard-routing.ts'
import type { DiscoveryNode } from '../../cluster/state/discovery-node.ts'
import {
  explainShard,
  type NodeAllocationResult,
  type ShardAllocationDecision,
} from '../../cluster/allocation/allocation-explain.ts'
import type { Decision } from '../../cluster/allocation/allocation-deciders.ts'
import { unassignedAt } from '../../cluster/allocation/shard-summary.ts'
import { MASTER_TIMEOUT_MS, masterNotDiscoveredException } from '../../node/cluster-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody } from '../request-body.ts'
import { guarded, json } from '../responses.ts'
import { clusterInfoJson } from './cluster-info-json.ts'
import { discoveryNodeFields } from './node-description.ts'
import { urlFlag } from '../../common/booleans.ts'

const DOCS = 'https://www.elastic.co/guide/en/elasticsearch/reference/8.17/cluster-allocation-explain.html'

const NO_SHARD_SPECIFIED_MESSAGE =
  'No shard was specified in the explain API request, so this response explains a randomly chosen ' +
  'unassigned shard. There may be other unassigned shards in this cluster which cannot be assigned for ' +
  'different reasons. It may not be possible to assign this shard until one of the other shards is ' +
  'assigned correctly. To explain the allocation of other shards (whether assigned or unassigned) you ' +
  `must specify the target shard in the request to this API. See ${DOCS} for more information.`

const NO_UNASSIGNED_SHARDS_MESSAGE =
  'There are no unassigned shards in this cluster. Specify an assigned shard in the request body to ' +
  `explain its allocation. See ${DOCS} for more information.`

/** UnassignedInfo.AllocationStatus as AllocationDecision.fromAllocationStatus names it. */
const LAST_ALLOCATION_STATUS = {
  NO_ATTEMPT: 'no_attempt',
  DECIDERS_NO: 'no',
  DECIDERS_THROTTLED: 'throttled',
  NO_VALID_SHARD_COPY: 'no_valid_shard_copy',
} as const

interface ExplainRequest {
  index: string | null
  shard: number | null
  primary: boolean | null
  currentNode: string | null
}

export function registerAllocationExplainAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => explain(context, req))
  controller
    .register('GET', '/_cluster/allocation/explain', handler, 'cluster.allocation_explain')
    .register('POST', '/_cluster/allocation/explain', handler, 'cluster.allocation_explain')
}

async function explain(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const includeYes = urlFlag(req.params, 'include_yes_decisions') ?? false
  const includeDiskInfo = urlFlag(req.params, 'include_disk_info') ?? false
  const request = parseExplainRequest(req.request.body)
  const { cluster } = context.client
  const state = await cluster.waitFor((s) => s.masterNodeId !== null, MASTER_TIMEOUT_MS)
  if (state === null) throw masterNotDiscoveredException()
  const copy = findShardToExplain(state, request)
  const clusterInfo = await context.clusterInfo()
  const decision = explainShard(state, copy, context.clock.now(), includeYes, clusterInfo)
  const specific = request.index !== null
  const diskInfo = includeDiskInfo
    ? clusterInfoJson(clusterInfo, urlFlag(req.params, 'human') === true)
    : null
  return json(200, explanationJson(state, copy, decision, specific, diskInfo))
}

function parseExplainRequest(body: string | null): ExplainRequest {
  const parsed =
    body !== null && body.trim() !== '' ? parseRequestBody(body) : new Map<string, XContentValue>()
  const request: ExplainRequest = { index: null, shard: null, primary: null, currentNode: null }
  for (const [key, value] of parsed) {
    if (key === 'index') request.index = stringField(key, value)
    else if (key === 'current_node') request.currentNode = stringField(key, value)
    else if (key === 'shard') request.shard = intField(value)
    else if (key === 'primary') request.primary = booleanField(value)
    else throw xContentParseException(1, 2, `[cluster/allocation/explain] unknown field [${key}]`)
  }
  const anyShard = Object.values(request).every((v) => v === null)
  if (anyShard) return request
  const errors: string[] = []
  if (request.index === null) errors.push('index must be specified')
  if (request.shard === null) errors.push('shard must be specified')
  if (request.primary === null) errors.push('primary must be specified')
  if (errors.length > 0) throw actionRequestValidationException(errors)
  return request
}

function fieldError(key: string): EsException {
  return xContentParseException(1, 2, `[cluster/allocation/explain] failed to parse field [${key}]`)
}

function stringField(key: string, value: XContentValue): string {
  if (typeof value !== 'string') throw fieldError(key)
  return value
}

/** An int field as ObjectParser reads it: a number (a fraction is truncated) or a numeric string. */
function intField(value: XContentValue): number {
  const n = value instanceof XNumber ? value.value : typeof value === 'string' ? Number(value) : NaN
  if (!Number.isFinite(n) || Math.abs(n) >= 2 ** 31) throw fieldError('shard')
  return Math.trunc(n)
}

function booleanField(value: XContentValue): boolean {
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  throw fieldError('primary')
}

/** TransportClusterAllocationExplainAction.findShardToExplain. */
function findShardToExplain(state: ClusterState, request: ExplainRequest): ShardRouting {
  const all = Object.keys(state.routingTable)
    .sort()
    .flatMap((name) => state.routingTable[name]!.flat())
  if (request.index === null) {
    const unassigned = all.filter((copy) => copy.state === 'UNASSIGNED')
    const found = unassigned.find((copy) => copy.primary) ?? unassigned[0]
    if (found === undefined) throw illegalArgumentException(NO_UNASSIGNED_SHARDS_MESSAGE)
    return found
  }
  const metadata = state.metadata.indices[request.index]
  if (!metadata) throw indexNotFoundException(request.index)
  const copies = state.routingTable[request.index]?.[request.shard!]
  if (!copies) throw shardNotFound(request.index, metadata.uuid, request.shard!)
  const node = request.currentNode === null ? null : resolveNode(state, request.currentNode)
  if (request.primary) {
    const primary = copies.find((copy) => copy.primary)!
    if (node !== null && primary.nodeId !== node.id) {
      throw illegalArgumentException(`unable to find primary shard assigned to node [${request.currentNode}]`)
    }
    return primary
  }
  const replicas = copies.filter((copy) => !copy.primary)
  if (node !== null) {
    const onNode = replicas.find((copy) => copy.nodeId === node.id)
    if (!onNode) {
      throw illegalArgumentException(
        `unable to find a replica shard assigned to node [${request.currentNode}]`,
      )
    }
    return onNode
  }
  const found = replicas.find((copy) => copy.state === 'UNASSIGNED') ?? pickReplica(replicas)
  if (found === undefined) {
    throw illegalArgumentException(
      `unable to find any shards to explain [ClusterAllocationExplainRequest[index=${request.index},` +
        `shard=${request.shard},primary?=${request.primary},includeYesDecisions?=false]] in the routing table`,
    )
  }
  return found
}

/** The first replica, or the first started one when the first is initializing or relocating. */
function pickReplica(replicas: readonly ShardRouting[]): ShardRouting | undefined {
  const first = replicas[0]
  if (first === undefined || first.state === 'STARTED') return first
  return replicas.find((copy) => copy.state === 'STARTED') ?? first
}

/** DiscoveryNodes.resolveNode: a node id or name. */
function resolveNode(state: ClusterState, text: string): DiscoveryNode {
  const node = state.nodes.find((n) => n.id === text || n.name === text)
  if (!node) throw illegalArgumentException(`failed to resolve [${text}], no matching nodes`)
  return node
}

function shardNotFound(index: string, uuid: string, shard: number): EsException {
  return new EsException({
    type: 'shard_not_found_exception',
    reason: 'no such shard',
    status: 404,
    metadata: [
      ['index_uuid', uuid],
      ['shard', String(shard)],
      ['index', index],
    ],
  })
}

function explanationJson(
  state: ClusterState,
  copy: ShardRouting,
  decision: ShardAllocationDecision,
  specific: boolean,
  clusterInfo: JsonOut | null,
): Record<string, JsonOut> {
  const out: Record<string, JsonOut> = specific ? {} : { note: NO_SHARD_SPECIFIED_MESSAGE }
  Object.assign(out, {
    index: copy.index,
    shard: copy.shard,
    primary: copy.primary,
    current_state: copy.state.toLowerCase(),
  })
  const info = copy.unassignedInfo
  if (info !== null) {
    out.unassigned_info = {
      reason: info.reason,
      at: unassignedAt(info),
      ...(info.failedAllocations > 0 ? { failed_allocation_attempts: info.failedAllocations } : {}),
      ...(info.details !== null ? { details: info.details } : {}),
      last_allocation_status: LAST_ALLOCATION_STATUS[info.lastAllocationStatus],
    }
  }
  const current = state.nodes.find((node) => node.id === copy.nodeId)
  if (current) {
    const ranking = decision.kind === 'rebalance' ? decision.currentNodeRanking : 0
    out.current_node = {
      ...discoveryNodeFields(current, true),
      ...(ranking > 0 ? { weight_ranking: ranking } : {}),
    }
  }
  if (clusterInfo !== null) out.cluster_info = clusterInfo
  if (decision.kind === 'not_taken') {
    const target = state.nodes.find((node) => node.id === copy.relocatingNodeId)
    out.explanation =
      copy.state === 'RELOCATING'
        ? `the shard is in the process of relocating from node [${current?.name}] to node [${target?.name}], ` +
          'wait until relocation has completed'
        : `the shard is in the process of initializing on node [${current?.name}], ` +
          'wait until initialization has completed'
    return out
  }
  if (decision.kind === 'allocate') {
    out.can_allocate = decision.canAllocate
    out.allocate_explanation = decision.explanation
    if (decision.targetNode) out.target_node = discoveryNodeFields(decision.targetNode, true)
    if (decision.delay) {
      out.configured_delay_in_millis = decision.delay.configuredMs
      out.remaining_delay_in_millis = decision.delay.remainingMs
    }
  } else if (decision.kind === 'move') {
    if (decision.targetNode) out.target_node = discoveryNodeFields(decision.targetNode, true)
    out.can_remain_on_current_node = 'no'
    if (decision.canRemainDecisions.length > 0) {
      out.can_remain_decisions = decision.canRemainDecisions.map(decisionJson)
    }
    out.can_move_to_other_node = decision.canMove
    out.move_explanation = decision.explanation
  } else {
    if (decision.targetNode) out.target_node = discoveryNodeFields(decision.targetNode, true)
    out.can_remain_on_current_node = 'yes'
    out.can_rebalance_cluster = decision.canRebalanceCluster
    if (decision.canRebalanceCluster !== 'yes' && decision.clusterDecisions.length > 0) {
      out.can_rebalance_cluster_decisions = decision.clusterDecisions.map(decisionJson)
    }
    out.can_rebalance_to_other_node = decision.canRebalanceToOtherNode
    out.rebalance_explanation = decision.explanation
  }
  if (decision.nodes.length > 0) out.node_allocation_decisions = decision.nodes.map(nodeResultJson)
  return out
}

function decisionJson(decision: Decision): JsonOut {
  return { decider: decision.decider, decision: decision.type, explanation: decision.explanation }
}

function nodeResultJson(result: NodeAllocationResult): JsonOut {
  return {
    ...discoveryNodeFields(result.node, false),
    node_decision: result.nodeDecision,
    ...(result.weightRanking > 0 ? { weight_ranking: result.weightRanking } : {}),
    ...(result.deciders !== null && result.deciders.length > 0
      ? { deciders: result.deciders.map(decisionJson) }
      : {}),
  }
}
