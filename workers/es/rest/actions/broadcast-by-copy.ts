/**
 * The broadcast the index-level admin actions share (TransportBroadcastReplicationAction for _refresh and
 * _flush, TransportBroadcastByNodeAction for _forcemerge and _segments): one shard request to every active copy
 * of every shard of the target indices. `total` counts every copy the indices declare (numberOfShards x
 * (replicas + 1)), as `_shards.total` does; unassigned copies are neither successful nor failed.
 */
import type { ShardRouting } from '../../cluster/state/shard-routing.ts'
import { isActive } from '../../cluster/state/shard-routing.ts'
import type { ShardRequest, ShardResponse, ShardTarget } from '../../action/shard-messages.ts'
import type { RestContext } from '../rest-context.ts'

export interface CopyResponse {
  copy: ShardRouting
  response: ShardResponse | null
}

export interface BroadcastResult {
  total: number
  responses: CopyResponse[]
}

/** Sends request(target) to every active copy of the indices `name` resolves to (every index when null). */
export async function broadcastToCopies(
  context: RestContext,
  name: string | null,
  request: (target: ShardTarget) => ShardRequest,
): Promise<BroadcastResult> {
  const state = context.client.cluster.state()
  let total = 0
  const pending: Array<Promise<CopyResponse>> = []
  for (const index of context.indices.resolve(name ?? undefined)) {
    const { name: indexName, uuid, numberOfShards, numberOfReplicas } = index.metadata
    total += numberOfShards * (numberOfReplicas + 1)
    for (const copies of state.routingTable[indexName] ?? []) {
      for (const copy of copies.filter(isActive)) {
        const node = state.nodes.find((n) => n.id === copy.nodeId)
        if (!node) continue
        const target = { index: indexName, uuid, shard: copy.shard }
        pending.push(
          context.client.toNode(node.address, request(target)).then((response) => ({ copy, response })),
        )
      }
    }
  }
  return { total, responses: await Promise.all(pending) }
}

/** `_shards`: how many copies answered `ok`. */
export function shardsHeader(
  result: BroadcastResult,
  ok: (response: ShardResponse) => boolean,
): { total: number; successful: number; failed: number } {
  const successful = result.responses.filter(({ response }) => response !== null && ok(response)).length
  return { total: result.total, successful, failed: 0 }
}
