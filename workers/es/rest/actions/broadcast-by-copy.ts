/**
 * The broadcast the index-level admin actions share (TransportBroadcastReplicationAction for _refresh and
 * _flush, TransportBroadcastByNodeAction for _forcemerge and _segments): one shard request to every active copy
 * of every shard of the target indices. `total` counts every copy the indices declare (numberOfShards x
 * (replicas + 1)), as `_shards.total` does; unassigned copies are neither successful nor failed.
 *
 * A TransportBroadcastByNodeAction checks its cluster blocks at its level before any copy is asked
 * (`resolveBroadcastIndices`: checkGlobalBlock before the indices are resolved, checkRequestBlock on them):
 * METADATA_READ for _segments, _stats and _recovery, METADATA_WRITE for _forcemerge. _refresh and _flush
 * (TransportBroadcastReplicationAction, whose shard actions name no block level) check none.
 */
import type { ShardRouting } from '../../cluster/state/shard-routing.ts'
import { isActive } from '../../cluster/state/shard-routing.ts'
import type { ShardRequest, ShardResponse, ShardTarget } from '../../action/shard-messages.ts'
import type { RestContext } from '../rest-context.ts'
import type { IndexService } from '../../index/index-service.ts'
import type { IndicesOptions } from '../../cluster/metadata/indices-options.ts'
import type { ClusterBlockLevel } from '../../cluster/block/cluster-block.ts'
import {
  globalBlockedRaiseException,
  indicesBlockedRaiseException,
} from '../../cluster/block/cluster-blocks.ts'

export interface CopyResponse {
  copy: ShardRouting
  response: ShardResponse | null
}

export interface BroadcastResult {
  total: number
  responses: CopyResponse[]
}

/** The indices `expression` resolves to, the broadcast's blocks at `level` checked around the resolution. */
export function resolveBroadcastIndices(
  context: RestContext,
  expression: string | undefined,
  level: ClusterBlockLevel,
  options?: IndicesOptions,
): IndexService[] {
  const state = context.client.cluster.state()
  globalBlockedRaiseException(state, level)
  const indices = context.indices.resolve(expression, options)
  indicesBlockedRaiseException(
    state,
    level,
    indices.map((index) => index.metadata.name),
  )
  return indices
}

/**
 * Sends request(target) to every active copy of the indices `name` resolves to (every index when null) under
 * `options` (a search's when absent), once the blocks at `blockLevel` let it (none checked when null).
 */
export async function broadcastToCopies(
  context: RestContext,
  name: string | null,
  request: (target: ShardTarget) => ShardRequest,
  blockLevel: ClusterBlockLevel | null = null,
  options?: IndicesOptions,
): Promise<BroadcastResult> {
  const state = context.client.cluster.state()
  let total = 0
  const pending: Array<Promise<CopyResponse>> = []
  const indices =
    blockLevel === null
      ? context.indices.resolve(name ?? undefined, options)
      : resolveBroadcastIndices(context, name ?? undefined, blockLevel, options)
  for (const index of indices) {
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
