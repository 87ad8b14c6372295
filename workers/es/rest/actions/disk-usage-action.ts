/**
 * `POST /{index}/_disk_usage` (RestAnalyzeIndexDiskUsageAction, TransportAnalyzeIndexDiskUsageAction,
 * AnalyzeIndexDiskUsageResponse; ES 8):
 * - refused unless `run_expensive_tasks` is true (Booleans.parseBoolean with false for no value): "analyzing the disk
 *   usage of an index is expensive and resource-intensive, the parameter [run_expensive_tasks] must be set to [true]
 *   in order for the task to be performed.";
 * - the indices resolve with AnalyzeIndexDiskUsageRequest.DEFAULT_INDICES_OPTIONS (fromOptions(false, false, false,
 *   true): no missing index, some index required, wildcards to closed indices) under the request's parameters;
 * - one copy of every shard is analyzed (action/disk-usage-shard-action.ts), flushed first unless `flush=false`; a
 *   shard with no active copy fails the request (NoShardAvailableActionException, TransportAnalyzeIndexDiskUsageAction
 *   .shards); a shard whose copies do not answer is a failed shard;
 * - the response is `_shards`, then per index (sorted by name) IndexDiskUsageStats: `store_size`,
 *   `store_size_in_bytes`, `all_fields` (the fields' sums) and `fields` by name (sorted), each field with its total,
 *   `inverted_index`, `stored_fields`, `doc_values`, `points`, `norms`, `term_vectors` and `knn_vectors`, as
 *   ByteSizeValue text and bytes. The bytes are those of the playground's store (index-disk-usage-analyzer.ts).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { parseBoolean } from '../../common/booleans.ts'
import { indicesOptionsFromRequest, type IndicesOptions } from '../../cluster/metadata/indices-options.ts'
import { concreteIndexNames } from '../../cluster/metadata/index-abstraction.ts'
import { isActive } from '../../cluster/state/shard-routing.ts'
import { shardDiskUsage, type DiskUsageTransport } from '../../action/disk-usage-shard-action.ts'
import {
  addUsage,
  emptyUsage,
  type IndexDiskUsageStats,
  type PerFieldDiskUsage,
} from '../../index/shard/index-disk-usage-analyzer.ts'
import { ByteSize } from '../cat/byte-size.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'

/** AnalyzeIndexDiskUsageRequest.DEFAULT_INDICES_OPTIONS: IndicesOptions.fromOptions(false, false, false, true). */
const DEFAULT_INDICES_OPTIONS: IndicesOptions = {
  expandOpen: false,
  expandClosed: true,
  expandHidden: false,
  forbidClosed: false,
  ignoreUnavailable: false,
  allowNoIndices: false,
}

export function registerDiskUsageAction(
  controller: RestController,
  context: RestContext,
  channel: DiskUsageTransport,
): void {
  controller.register(
    'POST',
    '/{index}/_disk_usage',
    (req) => guarded(() => analyzeIndexDiskUsage(context, channel, req)),
    'indices.disk_usage',
  )
}

async function analyzeIndexDiskUsage(
  context: RestContext,
  channel: DiskUsageTransport,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const expensive = req.params.get('run_expensive_tasks')
  if (expensive === undefined || expensive === '' || !parseBoolean(expensive)) {
    throw illegalArgumentException(
      'analyzing the disk usage of an index is expensive and resource-intensive, the parameter ' +
        '[run_expensive_tasks] must be set to [true] in order for the task to be performed.',
    )
  }
  const options = indicesOptionsFromRequest(req.params, DEFAULT_INDICES_OPTIONS)
  const flushParam = req.params.get('flush')
  const flush = flushParam === undefined || flushParam === '' || parseBoolean(flushParam)
  const state = context.client.cluster.state()
  const expression = (req.path.index ?? '')
    .split(',')
    .filter((name) => name !== '')
    .join(',')
  const names = concreteIndexNames(
    context.indices.all().map((index) => index.metadata),
    expression,
    options,
  )
  const requests = names.flatMap((name) => {
    const metadata = state.metadata.indices[name]!
    return Array.from({ length: metadata.numberOfShards }, (_, shard) => ({
      index: name,
      uuid: metadata.uuid,
      shard,
    }))
  })
  for (const { index, shard } of requests) {
    if (!(state.routingTable[index]?.[shard] ?? []).some(isActive)) throw noShardAvailable(index, shard)
  }
  const answers = await Promise.all(
    requests.map((request) => shardDiskUsage(channel, state, { ...request, flush })),
  )
  const combined = new Map<string, IndexDiskUsageStats>()
  answers.forEach((answer, i) => {
    if (answer === null) return
    const index = requests[i]!.index
    const into = combined.get(index) ?? { fields: new Map(), storeSizeInBytes: 0 }
    addUsage(into, answer)
    combined.set(index, into)
  })
  const successful = answers.filter((answer) => answer !== null).length
  const body = new Map<string, JsonOut>([
    ['_shards', { total: requests.length, successful, failed: requests.length - successful }],
  ])
  for (const index of [...combined.keys()].sort()) body.set(index, indexUsageJson(combined.get(index)!))
  return json(200, body)
}

/** NoShardAvailableActionException for a shard with no active copy. */
function noShardAvailable(index: string, shard: number): EsException {
  return new EsException({
    type: 'no_shard_available_action_exception',
    reason: `[${index}][${shard}] no shard available`,
    status: 503,
  })
}

/** IndexDiskUsageStats.toXContent. */
function indexUsageJson(stats: IndexDiskUsageStats): JsonOut {
  const total = emptyUsage()
  for (const usage of stats.fields.values()) {
    for (const key of Object.keys(total) as Array<keyof PerFieldDiskUsage>) total[key] += usage[key]
  }
  const names = [...stats.fields.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return {
    store_size: String(new ByteSize(stats.storeSizeInBytes)),
    store_size_in_bytes: stats.storeSizeInBytes,
    all_fields: fieldUsageJson(total),
    fields: new Map(names.map((name) => [name, fieldUsageJson(stats.fields.get(name)!)])),
  }
}

/** PerFieldDiskUsage.toXContent. */
function fieldUsageJson(usage: PerFieldDiskUsage): JsonOut {
  const total =
    usage.invertedIndex +
    usage.storedFields +
    usage.docValues +
    usage.points +
    usage.norms +
    usage.termVectors +
    usage.knnVectors
  const size = (bytes: number): string => String(new ByteSize(bytes))
  return {
    total: size(total),
    total_in_bytes: total,
    inverted_index: { total: size(usage.invertedIndex), total_in_bytes: usage.invertedIndex },
    stored_fields: size(usage.storedFields),
    stored_fields_in_bytes: usage.storedFields,
    doc_values: size(usage.docValues),
    doc_values_in_bytes: usage.docValues,
    points: size(usage.points),
    points_in_bytes: usage.points,
    norms: size(usage.norms),
    norms_in_bytes: usage.norms,
    term_vectors: size(usage.termVectors),
    term_vectors_in_bytes: usage.termVectors,
    knn_vectors: size(usage.knnVectors),
    knn_vectors_in_bytes: usage.knnVectors,
  }
}
