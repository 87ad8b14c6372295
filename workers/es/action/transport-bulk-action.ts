/**
 * TransportBulkAction on the coordinating node: every document write (single ones too, as ES 8 runs them)
 * goes through here. A write to an alias goes to the alias's write index, with the alias's index routing
 * (a failure for the item when the alias has none). Items with ingest pipelines run them first, with the
 * enrich indices loaded once for the bulk when any item has a pipeline. Indices a write needs and the
 * cluster lacks are created first (action.auto_create_index), on the master, from the matching index
 * template or the defaults; then the items are grouped by shard and each group is sent to its primary as
 * one shard request (in parallel across shards, in request order within one); the answers are put back in
 * the order of the request. A write to a data stream goes to its write index and must be a create; a
 * missing name that a `data_stream` template matches is created as a data stream; a document written to a
 * backing index must carry `@timestamp` (data-stream-writes.ts). A global block at the WRITE level
 * (`cluster.blocks.read_only[_allow_delete]`, cluster-blocks.ts) fails the whole request before anything runs, as
 * TransportBulkAction's first check does; an item for an index with a write block (index-blocks.ts) fails as its
 * shard request would, without reaching the primary.
 */
import { EsException, indexNotFoundException } from '../errors/index.ts'
import { fromWireException } from '../errors/wire-exception.ts'
import { writeBlockException } from '../cluster/block/index-blocks.ts'
import { globalBlockedException } from '../cluster/block/cluster-blocks.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { shardId } from '../cluster/routing/operation-routing.ts'
import { esIndexMetadata, indicesMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { buildIndexMetadata } from '../cluster/metadata/metadata-create-index-service.ts'
import { resolveWriteTarget } from '../cluster/metadata/index-abstraction.ts'
import type { RestContext } from '../rest/rest-context.ts'
import { loadEnrichLookup } from '../ingest/enrich/enrich-documents.ts'
import { hasPipeline, NO_PIPELINES_DEFINED, resolvePipelines } from '../ingest/resolve-pipelines.ts'
import { upsertWriteRequest, type IndexWriteRequest } from './upsert-write-request.ts'
import { resolveDateMathExpression } from '../cluster/metadata/date-math-index-name.ts'
import { parseDocumentBody } from '../rest/request-body.ts'
import type { DocWriteResult, RefreshPolicy, ShardWriteItem } from './doc-write.ts'
import { dataStreamsOf } from '../cluster/metadata/data-stream.ts'
import { matchesDataStreamTemplate, newDataStream } from '../cluster/metadata/metadata-data-stream-service.ts'
import { checkDataStreamTimestamps, dataStreamOpTypeError } from './data-stream-writes.ts'
import { checkRoutingRequired } from '../index/mapper/routing-field.ts'

export interface BulkItem {
  index: string
  item: ShardWriteItem
  /**
   * An index or create item's `pipeline`, or a bulk update item's (its upsert's): `_none` runs no default
   * pipeline; null runs the index's default. A single `_update` leaves it out: its pipelines do not run here.
   */
  pipeline?: string | null
}

export type BulkItemResult =
  { ok: true; result: DocWriteResult } | { ok: false; index: string; id: string; error: EsException }

export async function executeBulk(
  context: RestContext,
  requested: readonly BulkItem[],
  refresh: RefreshPolicy,
): Promise<BulkItemResult[]> {
  const blocked = globalBlockedException(context.client.cluster.state(), 'WRITE')
  if (blocked !== null) throw blocked
  const results: BulkItemResult[] = new Array<BulkItemResult>(requested.length)
  // Ingest sees the names as sent (an alias or data stream name, as the IndexRequest holds them).
  const resolved = resolveWriteTargets(context, await applyPipelines(context, requested, results), results)
  const createFailures = await autoCreateIndices(context, resolved, results)
  // What auto-creation made a data stream is resolved to its write index now.
  const items = resolveWriteTargets(context, resolved, results)
  const state = context.client.cluster.state()
  checkDataStreamTimestamps(state, items, results)
  failBlockedWrites(state, items, results)
  const groups = new Map<string, { index: string; shard: number; positions: number[] }>()
  items.forEach(({ index, item }, position) => {
    if (results[position] !== undefined) return
    const failure = createFailures.get(index)
    const metadata = state.metadata.indices[index]
    if (failure || !metadata) {
      results[position] = { ok: false, index, id: item.id, error: failure ?? indexNotFoundException(index) }
      return
    }
    const { numberOfShards, routingNumShards, mapping } = esIndexMetadata(metadata)
    try {
      checkRoutingRequired(mapping, index, item.id, item.routing)
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      results[position] = { ok: false, index, id: item.id, error }
      return
    }
    const shard = shardId(item.id, item.routing, numberOfShards, routingNumShards)
    const key = `${index}\u0000${shard}`
    const group = groups.get(key) ?? { index, shard, positions: [] }
    group.positions.push(position)
    groups.set(key, group)
  })
  await Promise.all(
    [...groups.values()].map(async ({ index, shard, positions }) => {
      const shardItems = positions.map((position) => items[position]!.item)
      const response = await context.client
        .toPrimary(
          index,
          shard,
          (target) => ({ type: 'write_primary', ...target, items: shardItems, refresh }),
          `BulkShardRequest [[${index}][${shard}]] containing [${shardItems.length}] requests`,
        )
        .catch((error: unknown) => {
          if (error instanceof EsException) return error
          throw error
        })
      positions.forEach((position, i) => {
        const { item } = items[position]!
        if (response instanceof EsException) {
          results[position] = { ok: false, index, id: item.id, error: response }
          return
        }
        if (response.type !== 'write_primary') throw new Error(`unexpected answer ${response.type}`)
        const outcome = response.items[i]!
        if (!outcome.ok) {
          results[position] = { ok: false, index, id: item.id, error: fromWireException(outcome.error) }
          return
        }
        const { result, version, seqNo, primaryTerm, sourceText } = outcome.value
        const noop = result === 'noop'
        // One literal with every key (V8 copies a spread object given keys it lacks on a slow runtime path):
        // `sourceText` is read only as `=== undefined`.
        results[position] = {
          ok: true,
          result: {
            result,
            version,
            seqNo,
            primaryTerm,
            sourceText,
            index,
            id: item.id,
            shards: noop ? { total: 0, successful: 0, failed: 0 } : response.shards,
            forcedRefresh: !noop && response.forcedRefresh,
          },
        }
      })
    }),
  )
  return results
}

/** Each item's index or alias as the concrete index it writes to; an item that cannot be written fails. */
function resolveWriteTargets(
  context: RestContext,
  items: readonly BulkItem[],
  results: BulkItemResult[],
): BulkItem[] {
  const state = context.client.cluster.state()
  const indices = indicesMetadata(state)
  return items.map((entry, position) => {
    if (results[position] !== undefined) return entry
    try {
      const target = resolveWriteTarget(indices, entry.index, entry.item.routing, dataStreamsOf(state))
      if (!target) return entry
      if (target.dataStream !== undefined && !(entry.item.op === 'index' && entry.item.create)) {
        throw dataStreamOpTypeError()
      }
      return { ...entry, index: target.index, item: { ...entry.item, routing: target.routing } }
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      results[position] = { ok: false, index: entry.index, id: entry.item.id, error }
      return entry
    }
  })
}

/** Items whose index has a write block fail as their shard request would (index-blocks.ts). */
function failBlockedWrites(state: ClusterState, items: readonly BulkItem[], results: BulkItemResult[]): void {
  items.forEach(({ index, item }, position) => {
    const metadata = state.metadata.indices[index]
    const blocked =
      results[position] === undefined && metadata && writeBlockException(esIndexMetadata(metadata))
    if (blocked) results[position] = { ok: false, index, id: item.id, error: blocked }
  })
}

/**
 * IngestService on the coordinating node (TransportBulkAction.processBulkIndexIngestRequest): each index or
 * create item runs its pipelines (the request's, else the default pipeline of its index, alias or data stream,
 * or of the templates a new index of that name takes, then the final pipeline; and those of each index a
 * pipeline moves it to) and goes on with the source, index, id and routing they left; a dropped document answers noop with version
 * -3, a failed one its failure. A bulk update item runs them on its upsert IndexRequest (upsert-write-request.ts)
 * and goes on with the source they left as its upsert. Items that ran no pipeline are returned as they were.
 */
async function applyPipelines(
  context: RestContext,
  items: readonly BulkItem[],
  results: BulkItemResult[],
): Promise<BulkItem[]> {
  const state = context.client.cluster.state()
  const requests = items.map((entry, position) =>
    results[position] === undefined ? indexWriteRequest(entry) : null,
  )
  const pipelines = items.map((entry, position) => {
    const request = requests[position]
    if (!request) return NO_PIPELINES_DEFINED
    // An upsert IndexRequest has no index: the templates are not consulted for it.
    const resolved = resolvePipelines(state, entry.index, entry.item.op === 'index' ? entry.index : null)
    return { ...resolved, defaultPipeline: request.pipeline ?? resolved.defaultPipeline }
  })
  if (pipelines.every((slots) => !hasPipeline(slots))) return [...items]
  // The enrich processor's lookups read the enrich indices as they are when the bulk's pipelines start.
  const enrich = await loadEnrichLookup(context)
  return items.map((entry, position) => {
    const { index, item } = entry
    const slots = pipelines[position]!
    const request = requests[position]
    if (!hasPipeline(slots) || !request) return entry
    const resolve = (target: string) => resolvePipelines(state, target)
    const outcome = context.ingest.execute(slots, request.input(), context.clock.now(), resolve, enrich)
    if (outcome.kind === 'failed') {
      results[position] = { ok: false, index, id: item.id, error: outcome.error }
      return entry
    }
    if (outcome.kind === 'dropped') {
      results[position] = {
        ok: true,
        result: {
          index,
          id: item.id,
          result: 'noop',
          version: -3,
          seqNo: -2,
          primaryTerm: 0,
          shards: { total: 0, successful: 0, failed: 0 },
          forcedRefresh: false,
        },
      }
      return entry
    }
    if (item.op === 'update') return { ...entry, item: { ...item, upsertText: outcome.text } }
    if (item.op !== 'index') return entry
    const id = outcome.id ?? item.id
    // An index a pipeline set (the date_index_name processor's) may be a date math expression.
    const target = resolveDateMathExpression(outcome.index ?? index, context.clock.now())
    return { index: target, item: { ...item, id, routing: outcome.routing, text: outcome.text } }
  })
}

/**
 * TransportBulkAction.getIndexWriteRequest: the IndexRequest an item's pipelines run on (its request pipeline,
 * and the document they start from, read only when some pipeline runs), or null.
 */
function indexWriteRequest(entry: BulkItem): IndexWriteRequest | null {
  const { index, item, pipeline } = entry
  if (item.op === 'index') {
    const input = () => {
      const source = parseDocumentBody(item.text).source
      return { index, id: item.id, routing: item.routing, version: null, source }
    }
    return { input, pipeline: pipeline ?? null }
  }
  // A single _update's upsert is run through the pipelines after it is prepared, not here (no `pipeline`).
  if (item.op !== 'update' || pipeline === undefined) return null
  return upsertWriteRequest(item.text, pipeline)
}

/**
 * Creates the missing indices that index, create and update items (not failed yet) write to; a failure
 * fails their items.
 */
async function autoCreateIndices(
  context: RestContext,
  items: readonly BulkItem[],
  results: readonly BulkItemResult[],
): Promise<Map<string, EsException>> {
  const state = context.client.cluster.state()
  const missing = new Set(
    items
      .filter(
        ({ index, item }, position) =>
          results[position] === undefined &&
          item.op !== 'delete' &&
          !state.metadata.indices[index] &&
          !dataStreamsOf(state)[index],
      )
      .map(({ index }) => index),
  )
  const failures = new Map<string, EsException>()
  for (const name of missing) {
    try {
      const now = context.clock.now()
      if (matchesDataStreamTemplate(state, name)) {
        const created = newDataStream(state, name, context.newUuid(), now)
        await context.client.cluster.execute({ type: 'create_data_stream', created, ifMissing: true })
        continue
      }
      const metadata = buildIndexMetadata(state, name, {}, context.newUuid(), now)
      await context.client.cluster.execute({ type: 'create_index', metadata, ifMissing: true })
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      failures.set(name, error)
    }
  }
  return failures
}

/** One write (index, create, delete, update) as a bulk of one item: its result, or its failure thrown. */
export async function executeSingleWrite(
  context: RestContext,
  index: string,
  item: ShardWriteItem,
  refresh: RefreshPolicy,
  pipeline: string | null = null,
): Promise<DocWriteResult> {
  const [outcome] = await executeBulk(context, [{ index, item, pipeline }], refresh)
  if (!outcome!.ok) throw outcome!.error
  return outcome!.result
}
