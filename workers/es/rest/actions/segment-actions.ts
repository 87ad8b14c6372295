/**
 * The index APIs that show and shape Lucene segments, with ES 8's routes and response bodies:
 *   POST|GET /_flush, /{index}/_flush        a Lucene commit on every active copy      → {_shards}
 *   POST /_forcemerge, /{index}/_forcemerge  merges on every active copy (RestForceMergeAction's params
 *                                            max_num_segments, only_expunge_deletes, flush)   → {_shards}
 *   GET /_segments, /{index}/_segments       every active copy's segments (IndicesSegmentResponse), the target
 *                                            read with the request's indices options
 * Indices come in name order, shards in number order, each shard's copies in routing table order. A block refuses
 * _segments at METADATA_READ and _forcemerge at METADATA_WRITE; _flush checks none (broadcast-by-copy.ts).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import type { SegmentStats } from '../../index/shard/shard-segments.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { paramAsBoolean, paramAsInt } from './rest-params.ts'
import { broadcastToCopies, shardsHeader, type CopyResponse } from './broadcast-by-copy.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_OPEN_FORBID_CLOSED,
  type IndicesOptions,
} from '../../cluster/metadata/indices-options.ts'

export function registerSegmentActions(controller: RestController, context: RestContext): void {
  const flushHandler = (req: RestHandlerRequest) => guarded(() => flush(context, req))
  const forceMergeHandler = (req: RestHandlerRequest) => guarded(() => forceMerge(context, req))
  const segmentsHandler = (req: RestHandlerRequest) => guarded(() => segments(context, req))
  for (const prefix of ['', '/{index}']) {
    controller
      .register('POST', `${prefix}/_flush`, flushHandler, 'indices.flush')
      .register('GET', `${prefix}/_flush`, flushHandler, 'indices.flush')
      .register('POST', `${prefix}/_forcemerge`, forceMergeHandler, 'indices.forcemerge')
      .register('GET', `${prefix}/_segments`, segmentsHandler, 'indices.segments')
  }
}

async function flush(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  // FlushRequest.validate (force and wait_if_ongoing change nothing else: a copy's flushes run one at a time)
  const force = paramAsBoolean(req.params.get('force'))
  const waitIfOngoing = req.params.has('wait_if_ongoing')
    ? paramAsBoolean(req.params.get('wait_if_ongoing'))
    : true
  if (force && !waitIfOngoing) {
    throw actionRequestValidationException(['wait_if_ongoing must be true for a force flush'])
  }
  const result = await broadcastToCopies(context, req.path.index ?? null, (target) => ({
    ...target,
    type: 'flush',
  }))
  return json(200, { _shards: shardsHeader(result, (response) => response.type === 'ack') })
}

async function forceMerge(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  // -1: ForceMergeRequest.Defaults.MAX_NUM_SEGMENTS
  const maxNumSegments = paramAsInt(req.params, 'max_num_segments', -1)
  const onlyExpungeDeletes = paramAsBoolean(req.params.get('only_expunge_deletes'))
  const flushAfter = req.params.has('flush') ? paramAsBoolean(req.params.get('flush')) : true
  if (onlyExpungeDeletes && maxNumSegments !== -1) {
    throw actionRequestValidationException([
      'cannot set only_expunge_deletes and max_num_segments at the same time, those two parameters are mutually exclusive',
    ])
  }
  const result = await broadcastToCopies(
    context,
    req.path.index ?? null,
    (target) => ({
      ...target,
      type: 'force_merge',
      // InternalEngine.forceMerge: max_num_segments <= 0 runs only the merges the policy asks for
      maxNumSegments: maxNumSegments <= 0 ? null : maxNumSegments,
      onlyExpungeDeletes,
      flush: flushAfter,
    }),
    'METADATA_WRITE',
  )
  return json(200, { _shards: shardsHeader(result, (response) => response.type === 'ack') })
}

/**
 * IndicesSegmentsRequest (TransportIndicesSegmentsAction, METADATA_READ) to every active copy of `index`, resolved
 * with `options` (a BroadcastRequest's strictExpandOpenAndForbidClosed when absent).
 */
export function segmentsOfCopies(
  context: RestContext,
  index: string | null,
  options?: IndicesOptions,
): ReturnType<typeof broadcastToCopies> {
  return broadcastToCopies(
    context,
    index,
    (target) => ({ ...target, type: 'segments' }),
    'METADATA_READ',
    options,
  )
}

/** RestIndicesSegmentsAction: IndicesOptions.fromRequest over the request's defaults. */
async function segments(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const options = indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN_FORBID_CLOSED)
  const result = await segmentsOfCopies(context, req.path.index ?? null, options)
  const answered = result.responses.filter(({ response }) => response?.type === 'segments')
  const byIndex = new Map<string, Map<number, CopyResponse[]>>()
  for (const answer of answered) {
    const shards = byIndex.get(answer.copy.index) ?? new Map<number, CopyResponse[]>()
    byIndex.set(answer.copy.index, shards)
    shards.set(answer.copy.shard, [...(shards.get(answer.copy.shard) ?? []), answer])
  }
  const indices = new Map<string, JsonOut>()
  for (const name of [...byIndex.keys()].sort()) {
    const shards = new Map<string, JsonOut>()
    for (const [shard, copies] of [...byIndex.get(name)!].sort(([a], [b]) => a - b)) {
      shards.set(String(shard), copies.map(shardSegmentsJson))
    }
    indices.set(name, { shards })
  }
  return json(200, { _shards: shardsHeader(result, (response) => response.type === 'segments'), indices })
}

function shardSegmentsJson({ copy, response }: CopyResponse): JsonOut {
  const list = response?.type === 'segments' ? response.segments : []
  const segments = new Map<string, JsonOut>(list.map((segment) => [segment.name, segmentJson(segment)]))
  return {
    routing: { state: copy.state, primary: copy.primary, node: copy.nodeId },
    num_committed_segments: list.filter((s) => s.committed).length,
    num_search_segments: list.filter((s) => s.search).length,
    segments,
  }
}

function segmentJson(segment: SegmentStats): JsonOut {
  return {
    generation: segment.generation,
    num_docs: segment.numDocs,
    deleted_docs: segment.deletedDocs,
    size_in_bytes: segment.sizeInBytes,
    committed: segment.committed,
    search: segment.search,
    version: segment.version,
    compound: segment.compound,
    attributes: { ...segment.attributes },
  }
}
