/**
 * `GET [/{index}]/_recovery` (RestRecoveryAction, RecoveryResponse and RecoveryState.toXContent, ES 8.17):
 *   {<index>: {"shards": [{id, type, stage, primary, start_time_in_millis[, stop_time_in_millis],
 *    total_time_in_millis, source: {...}, target: {id, host, transport_address, ip, name},
 *    index: {size: {total_in_bytes, reused_in_bytes, recovered_in_bytes, recovered_from_snapshot_in_bytes,
 *    percent}, files: {total, reused, recovered, percent[, details]}, total_time_in_millis,
 *    source_throttle_time_in_millis, target_throttle_time_in_millis},
 *    translog: {recovered, total, percent, total_on_start, total_time_in_millis},
 *    verify_index: {check_index_time_in_millis, total_time_in_millis}}]}}
 * Indices in HashMap order of their names (TransportRecoveryAction's map), each index's copies by shard; an index
 * with no recovery to show is left out; `active_only` keeps the recoveries not done. With `?human` each time and
 * size also comes as text before its raw field (XContentBuilder.timeField / humanReadableField).
 * The source: a peer recovery's source node; a snapshot's repository, snapshot, version, index and restoreUUID;
 * empty for the store recoveries. The copies keep no Lucene files (recovery-state.ts), so the file counts and
 * sizes are a snapshot recovery's files or zeros (`detailed` lists no files), and the index, translog and
 * verify_index phases take no measurable time: their timers read 0 and the throttle times are ES's unknown
 * (-1 ns: 0 ms, `-1` as text).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { javaHashMapKeyOrder } from '../../../net/java-hash.ts'
import { humanReadableMillis } from '../../common/time/time-value-text.ts'
import { urlFlag } from '../../common/booleans.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_OPEN_FORBID_CLOSED,
} from '../../cluster/metadata/indices-options.ts'
import type { DiscoveryNode } from '../../cluster/state/discovery-node.ts'
import { assignedShards } from '../../cluster/state/shard-routing.ts'
import type { ShardResponse } from '../../action/shard-messages.ts'
import { recoveryTime, translogRecoveredPercent, type RecoveryState } from '../../indices/recovery-state.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { ByteSize } from '../cat/byte-size.ts'
import { NODE_IP } from '../cat/cat-indices.ts'
import { transportAddress } from './node-description.ts'
import { ES_VERSION } from './root-action.ts'
import { resolveBroadcastIndices } from './broadcast-by-copy.ts'

export function registerRecoveryAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => recovery(context, req))
  controller
    .register('GET', '/_recovery', handler, 'indices.recovery')
    .register('GET', '/{index}/_recovery', handler, 'indices.recovery')
}

/**
 * TransportRecoveryAction: the RecoveryState of every assigned copy (relocation targets included) of the indices
 * `name` resolves to, asked of the nodes holding them; a copy with none is left out. A METADATA_READ block on a
 * target index refuses the request (broadcast-by-copy.ts).
 */
export async function recoveryStates(
  context: RestContext,
  name: string | undefined,
  params: ReadonlyMap<string, string> = new Map(),
): Promise<RecoveryState[]> {
  const state = context.client.cluster.state()
  const options = indicesOptionsFromRequest(params, STRICT_EXPAND_OPEN_FORBID_CLOSED)
  const pending: Array<Promise<ShardResponse | null>> = []
  for (const index of resolveBroadcastIndices(context, name, 'METADATA_READ', options)) {
    const { name: indexName, uuid } = index.metadata
    for (const copy of (state.routingTable[indexName] ?? []).flatMap(assignedShards)) {
      const node = state.nodes.find((n) => n.id === copy.nodeId)
      if (!node) continue
      const request = { type: 'recovery_state', index: indexName, uuid, shard: copy.shard } as const
      pending.push(context.client.toNode(node.address, request))
    }
  }
  return (await Promise.all(pending)).flatMap((response) =>
    response?.type === 'recovery_state' && response.recovery !== null ? [response.recovery] : [],
  )
}

/** The recoveries by index in HashMap order of the names, each index's by shard; `activeOnly` keeps those not done. */
export function recoveriesByIndex(
  states: readonly RecoveryState[],
  activeOnly: boolean,
): Array<[string, RecoveryState[]]> {
  const byIndex = new Map<string, RecoveryState[]>()
  for (const state of states) {
    const list = byIndex.get(state.index) ?? []
    byIndex.set(state.index, list)
    if (!activeOnly || state.stage !== 'done') list.push(state)
  }
  return javaHashMapKeyOrder([...byIndex.keys()]).map((index) => [
    index,
    [...byIndex.get(index)!].sort((a, b) => a.shard - b.shard),
  ])
}

async function recovery(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const activeOnly = urlFlag(req.params, 'active_only') === true
  const detailed = urlFlag(req.params, 'detailed') === true
  const human = urlFlag(req.params, 'human') === true
  const states = await recoveryStates(context, req.path.index, req.params)
  const now = context.clock.now()
  const body = new Map<string, JsonOut>()
  for (const [index, copies] of recoveriesByIndex(states, activeOnly)) {
    if (copies.length === 0) continue
    body.set(index, { shards: copies.map((copy) => recoveryJson(copy, now, detailed, human)) })
  }
  return json(200, body)
}

/** Writes XContentBuilder's pairs: with `human`, the readable field before the raw one. */
class Fields {
  readonly out = new Map<string, JsonOut>()

  constructor(private readonly human: boolean) {}

  set(name: string, value: JsonOut): this {
    this.out.set(name, value)
    return this
  }

  /** timeField: an epoch-millis instant (strict_date_optional_time as text). */
  time(raw: string, readable: string, millis: number): this {
    if (this.human) this.out.set(readable, new Date(millis).toISOString())
    return this.set(raw, millis)
  }

  /** humanReadableField of a TimeValue of `millis` (`-1` nanos is ES's unknown: 0 ms, `-1` as text). */
  duration(raw: string, readable: string, millis: number): this {
    if (this.human) this.out.set(readable, millis < 0 ? '-1' : humanReadableMillis(millis, 1))
    return this.set(raw, Math.max(0, millis))
  }

  /** humanReadableField of a ByteSizeValue. */
  bytes(raw: string, readable: string, bytes: number): this {
    if (this.human) this.out.set(readable, new ByteSize(bytes).toString())
    return this.set(raw, bytes)
  }
}

/** `%1.1f%%` of a Java float. */
function percent(value: number): string {
  return `${value.toFixed(1)}%`
}

function nodeJson(node: DiscoveryNode): JsonOut {
  return {
    id: node.id,
    host: NODE_IP,
    transport_address: transportAddress(node),
    ip: NODE_IP,
    name: node.name,
  }
}

/** RecoverySource.addAdditionalFields, or a peer recovery's source node. */
function sourceJson(state: RecoveryState): JsonOut {
  if (state.type === 'PEER' && state.sourceNode !== null) return nodeJson(state.sourceNode)
  if (state.snapshot === undefined) return {}
  const { repository, snapshot, index, restoreUuid } = state.snapshot
  return { repository, snapshot, version: ES_VERSION.number, index, restoreUUID: restoreUuid }
}

function recoveryJson(state: RecoveryState, now: number, detailed: boolean, human: boolean): JsonOut {
  const fields = new Fields(human)
    .set('id', state.shard)
    .set('type', state.type)
    .set('stage', state.stage.toUpperCase())
    .set('primary', state.primary)
    .time('start_time_in_millis', 'start_time', state.startTime)
  if (state.stopTime > 0) fields.time('stop_time_in_millis', 'stop_time', state.stopTime)
  fields
    .duration('total_time_in_millis', 'total_time', recoveryTime(state, now))
    .set('source', sourceJson(state))
    .set('target', nodeJson(state.targetNode))
    .set('index', indexJson(state, detailed, human))
    .set(
      'translog',
      new Fields(human)
        .set('recovered', state.translogRecovered)
        .set('total', state.translogTotal)
        .set('percent', percent(translogRecoveredPercent(state)))
        .set('total_on_start', state.translogTotal)
        .duration('total_time_in_millis', 'total_time', 0).out,
    )
    .set(
      'verify_index',
      new Fields(human)
        .duration('check_index_time_in_millis', 'check_index_time', 0)
        .duration('total_time_in_millis', 'total_time', 0).out,
    )
  return fields.out
}

/** RecoveryState.Index: a snapshot recovery's files, all read; none for the others (0.0%: "still in init"). */
function indexJson(state: RecoveryState, detailed: boolean, human: boolean): JsonOut {
  const files = state.files ?? { count: 0, bytes: 0 }
  const read = percent(files.count > 0 ? 100 : 0)
  const size = new Fields(human)
    .bytes('total_in_bytes', 'total', files.bytes)
    .bytes('reused_in_bytes', 'reused', 0)
    .bytes('recovered_in_bytes', 'recovered', files.bytes)
    .bytes('recovered_from_snapshot_in_bytes', 'recovered_from_snapshot', 0)
    .set('percent', read).out
  const fileCounts = new Fields(human)
    .set('total', files.count)
    .set('reused', 0)
    .set('recovered', files.count)
    .set('percent', read)
  if (detailed) fileCounts.set('details', [])
  return new Fields(human)
    .set('size', size)
    .set('files', fileCounts.out)
    .duration('total_time_in_millis', 'total_time', 0)
    .duration('source_throttle_time_in_millis', 'source_throttle_time', -1)
    .duration('target_throttle_time_in_millis', 'target_throttle_time', -1).out
}
