/**
 * `GET /_stats[/{metric}]`, `GET /{index}/_stats[/{metric}]` (RestIndicesStatsAction, IndicesStatsResponse of
 * ES 8): the statistics of every started copy of the target indices, gathered with one request per node
 * (TransportBroadcastByNodeAction), summed:
 *   {"_shards":{total,successful,failed},"_all":{"primaries":{...},"total":{...}},
 *    "indices":{<name>:{"uuid","health","status","primaries":{...},"total":{...}[,"shards":{<n>:[{"routing":
 *    {state,primary,node,relocating_node},...,"seq_no":{max_seq_no,local_checkpoint,global_checkpoint}}]}]}}}
 * `_shards.total` counts every copy the indices declare; copies that are not started are neither successful
 * nor failed; an index without a started copy is not in `indices`. `level`: `cluster` (no `indices`), `indices` (the default) or `shards` (each copy's stats, in
 * routing table order). Indices come in Java HashMap order of their names, as the response's map holds them.
 * The groups and fields written are those of common-stats.ts. A METADATA_READ block (`index.blocks.metadata`) on
 * a target index refuses the request (broadcast-by-copy.ts). The target reads the request's indices options over
 * strictExpandOpenAndForbidClosed, or over strictExpandOpen with `forbid_closed_indices=false`, which lets a closed
 * index in (its `status` then `close`).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { LocalShardStats } from '../../action/shard-messages.ts'
import { indexHealth } from '../../cluster/state/cluster-health.ts'
import type { ShardRouting } from '../../cluster/state/shard-routing.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { commonStatsJson, parseMetrics, STATS_METRICS, sumShardStats } from './common-stats.ts'
import { resolveBroadcastIndices } from './broadcast-by-copy.ts'
import { paramAsBoolean } from './rest-params.ts'
import { isClosed } from '../../index/index-metadata.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_OPEN,
  STRICT_EXPAND_OPEN_FORBID_CLOSED,
} from '../../cluster/metadata/indices-options.ts'

const LEVELS = ['cluster', 'indices', 'shards'] as const

export function registerIndicesStatsAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => indicesStats(context, req))
  controller
    .register('GET', '/_stats', handler, 'indices.stats')
    .register('GET', '/_stats/{metric}', handler, 'indices.stats')
    .register('GET', '/{index}/_stats', handler, 'indices.stats')
    .register('GET', '/{index}/_stats/{metric}', handler, 'indices.stats')
}

async function indicesStats(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const level = (req.params.get('level') ?? 'indices').toLowerCase()
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw illegalArgumentException(
      `level parameter must be one of [cluster] or [indices] or [shards] but was [${req.params.get('level')}]`,
    )
  }
  const metrics = parseMetrics(req.request.path, req.path.metric, STATS_METRICS)
  // forbid_closed_indices=false starts from strictExpandOpen, so that a closed index can be named or expanded to
  const forbidClosed = paramAsBoolean(req.params.get('forbid_closed_indices') ?? 'true')
  const defaults = forbidClosed ? STRICT_EXPAND_OPEN_FORBID_CLOSED : STRICT_EXPAND_OPEN
  const options = indicesOptionsFromRequest(req.params, defaults)
  const indices = resolveBroadcastIndices(context, req.path.index, 'METADATA_READ', options)
  const byAllocationId = new Map<string, LocalShardStats>()
  for (const response of await context.client.eachNode({ type: 'shard_stats' })) {
    if (response.type !== 'shard_stats') continue
    for (const copy of response.shards) byAllocationId.set(copy.allocationId, copy)
  }
  const state = context.client.cluster.state()
  let total = 0
  const all: LocalShardStats[] = []
  const primaries: LocalShardStats[] = []
  const perIndex = new Map<string, JsonOut>()
  for (const index of indices) {
    const { name, uuid, numberOfShards, numberOfReplicas } = index.metadata
    total += numberOfShards * (numberOfReplicas + 1)
    const routing = state.routingTable[name] ?? []
    const copies = routing.flat().flatMap((copy) => {
      const stats = copy.allocationId === null ? undefined : byAllocationId.get(copy.allocationId)
      return stats ? [{ copy, stats }] : []
    })
    const indexAll = copies.map(({ stats }) => stats)
    const indexPrimaries = copies.filter(({ copy }) => copy.primary).map(({ stats }) => stats)
    all.push(...indexAll)
    primaries.push(...indexPrimaries)
    // IndicesStatsResponse.getIndices groups the copies' stats: an index with no started copy has none.
    if (copies.length === 0) continue
    const entry = new Map<string, JsonOut>([
      ['uuid', uuid],
      ['health', indexHealth(state.metadata.indices[name]!, routing).status],
      ['status', isClosed(index.metadata) ? 'close' : 'open'],
      ['primaries', commonStatsJson(sumShardStats(indexPrimaries), metrics)],
      ['total', commonStatsJson(sumShardStats(indexAll), metrics)],
    ])
    if (level === 'shards') entry.set('shards', shardsJson(numberOfShards, copies, metrics))
    perIndex.set(name, entry)
  }
  const body = new Map<string, JsonOut>([
    ['_shards', { total, successful: all.length, failed: 0 }],
    [
      '_all',
      {
        primaries: commonStatsJson(sumShardStats(primaries), metrics),
        total: commonStatsJson(sumShardStats(all), metrics),
      },
    ],
  ])
  if (level !== 'cluster') {
    body.set(
      'indices',
      new Map(javaStringKeyOrder([...perIndex.keys()]).map((name) => [name, perIndex.get(name)!])),
    )
  }
  return json(200, body)
}

/** IndexShardStats by shard number, each copy as ShardStats.toXContent writes it. */
function shardsJson(
  numberOfShards: number,
  copies: ReadonlyArray<{ copy: ShardRouting; stats: LocalShardStats }>,
  metrics: ReadonlySet<string> | null,
): JsonOut {
  const out = new Map<string, JsonOut>()
  for (let shard = 0; shard < numberOfShards; shard++) {
    const ofShard = copies.filter(({ copy }) => copy.shard === shard)
    if (ofShard.length === 0) continue
    out.set(
      String(shard),
      ofShard.map(({ copy, stats }) => {
        const entry = new Map<string, JsonOut>([
          [
            'routing',
            {
              state: copy.state,
              primary: copy.primary,
              node: copy.nodeId,
              relocating_node: copy.relocatingNodeId,
            },
          ],
        ])
        for (const [key, value] of commonStatsJson(sumShardStats([stats]), metrics)) entry.set(key, value)
        entry.set('seq_no', {
          max_seq_no: stats.seqNo.maxSeqNo,
          local_checkpoint: stats.seqNo.localCheckpoint,
          global_checkpoint: stats.seqNo.globalCheckpoint,
        })
        return entry
      }),
    )
  }
  return out
}
