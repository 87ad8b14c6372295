/**
 * `GET [/{index}]/_shard_stores` (RestIndicesShardStoresAction, TransportIndicesShardStoresAction and
 * IndicesShardStoresResponse, ES 8.17): the shards of the indices the expression names (IndicesOptions.strictExpand:
 * open and closed indices; a METADATA_READ block refuses) whose ClusterShardHealth is one of `status` (a list of
 * green, yellow, red, or `all`; yellow and red by default), and for each the stores every node holds on disk
 * (TransportNodesListGatewayStartedShards, action/list-started-shards.ts):
 *   {"indices": {<index>: {"shards": {<shard>: {"stores": [{<node id>: {DiscoveryNode}, "allocation_id",
 *    "allocation"}]}}}}}
 * `allocation` is `primary` or `replica` when the routing table has that shard's copy on the node, else `unused`;
 * stores sort by it, then by allocation id (StoreStatus.compareTo). Indices and shards come in Java HashMap order; an
 * index none of whose shards is asked for is left out. The stores here never fail to open, so no `store_exception`
 * appears, and a node that does not answer is left out (ES lists it under `failures`).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { javaHashOrder, javaStringKeyOrder } from '../../../net/java-hash.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_OPEN_CLOSED,
} from '../../cluster/metadata/indices-options.ts'
import { indicesBlockedException } from '../../cluster/block/cluster-blocks.ts'
import {
  clusterHealthStatusFromString,
  shardHealth,
  type ClusterHealthStatus,
} from '../../cluster/state/cluster-health.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import type { DiscoveryNode } from '../../cluster/state/discovery-node.ts'
import { assignedShards } from '../../cluster/state/shard-routing.ts'
import type { StoredShardCopy } from '../../cluster/allocation/routing-allocation.ts'
import { MASTER_TIMEOUT_MS, masterNotDiscoveredException } from '../../node/cluster-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { paramAsInt } from './rest-params.ts'
import { discoveryNodeXContent } from './node-description.ts'

export function registerShardStoresAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => shardStores(context, req))
  controller
    .register('GET', '/_shard_stores', handler, 'indices.shard_stores')
    .register('GET', '/{index}/_shard_stores', handler, 'indices.shard_stores')
}

const ALL: readonly ClusterHealthStatus[] = ['green', 'yellow', 'red']

/** IndicesShardStoresRequest.shardStatuses: ClusterHealthStatus.fromString of each, `all` for every status. */
function parseStatuses(value: string | undefined): ReadonlySet<ClusterHealthStatus> {
  if (value === undefined) return new Set(['yellow', 'red'])
  const statuses = new Set<ClusterHealthStatus>()
  for (const part of value.split(',').filter((p) => p !== '')) {
    if (part.toLowerCase() === 'all') return new Set(ALL)
    statuses.add(clusterHealthStatusFromString(part))
  }
  return statuses
}

type StoreAllocation = 'primary' | 'replica' | 'unused'
const ALLOCATION_ORDER: Record<StoreAllocation, number> = { primary: 0, replica: 1, unused: 2 }

interface StoreStatus {
  readonly node: DiscoveryNode
  readonly allocationId: string
  readonly allocation: StoreAllocation
}

/** The copy of the shard the routing table puts on the node (routingNodes.node(id)), as a store's allocation. */
function allocationOn(state: ClusterState, index: string, shard: number, nodeId: string): StoreAllocation {
  const copy = assignedShards(state.routingTable[index]?.[shard] ?? []).find((c) => c.nodeId === nodeId)
  return copy === undefined ? 'unused' : copy.primary ? 'primary' : 'replica'
}

function compareStores(a: StoreStatus, b: StoreStatus): number {
  const byAllocation = ALLOCATION_ORDER[a.allocation] - ALLOCATION_ORDER[b.allocation]
  if (byAllocation !== 0) return byAllocation
  return a.allocationId < b.allocationId ? -1 : a.allocationId > b.allocationId ? 1 : 0
}

async function shardStores(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const statuses = parseStatuses(req.params.get('status'))
  paramAsInt(req.params, 'max_concurrent_shard_requests', 100)
  const options = indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN_CLOSED)
  const state = await context.client.cluster.waitFor((s) => s.masterNodeId !== null, MASTER_TIMEOUT_MS)
  if (state === null) throw masterNotDiscoveredException()
  const indices = context.indices.resolve(req.path.index, options).map((index) => index.metadata)
  const blocked = indicesBlockedException(
    state,
    'METADATA_READ',
    indices.map((index) => index.name),
  )
  if (blocked !== null) throw blocked
  const wanted: Array<{ index: string; uuid: string; shard: number }> = []
  for (const { name, uuid } of indices) {
    const shards = state.routingTable[name] ?? []
    shards.forEach((copies, shard) => {
      if (statuses.has(shardHealth(copies).status)) wanted.push({ index: name, uuid, shard })
    })
  }
  const stored = new Map<DiscoveryNode, StoredShardCopy[]>()
  if (wanted.length > 0) {
    const answers = await Promise.all(state.nodes.map((node) => context.startedShards.list(node.address)))
    state.nodes.forEach((node, i) => stored.set(node, answers[i] ?? []))
  }
  const byIndex = new Map<string, Map<number, StoreStatus[]>>()
  for (const { index, uuid, shard } of wanted) {
    const stores: StoreStatus[] = []
    for (const [node, copies] of stored) {
      const copy = copies.find((c) => c.indexUuid === uuid && c.shard === shard)
      if (copy === undefined) continue
      stores.push({
        node,
        allocationId: copy.allocationId,
        allocation: allocationOn(state, index, shard, node.id),
      })
    }
    const shards = byIndex.get(index) ?? new Map<number, StoreStatus[]>()
    byIndex.set(index, shards.set(shard, stores.sort(compareStores)))
  }
  const out = new Map<string, JsonOut>()
  for (const index of javaStringKeyOrder([...byIndex.keys()])) {
    const shards = byIndex.get(index)!
    const shardsJson = new Map<string, JsonOut>()
    for (const shard of javaHashOrder([...shards.keys()], (n) => n)) {
      const stores = shards
        .get(shard)!
        .map(
          (store) =>
            new Map<string, JsonOut>([
              discoveryNodeXContent(store.node),
              ['allocation_id', store.allocationId],
              ['allocation', store.allocation],
            ]),
        )
      shardsJson.set(String(shard), { stores })
    }
    out.set(index, { shards: shardsJson })
  }
  return json(200, { indices: out })
}
