/**
 * AbstractAsyncBulkByScrollAction on the coordinating node: the engine under `_delete_by_query`,
 * `_update_by_query` and `_reindex`. It reads the matching documents as a scroll does (the last
 * refreshed view of an active copy of each shard, in shard then `_doc` order, `scroll_size` per batch; one slice of
 * a sliced run reads its sliced scroll, search/slice/slice-builder.ts, each shard first checking the slice count
 * against its index.max_slices_per_scroll), sends one bulk per batch with a write per
 * document, `if_seq_no`/`if_primary_term` set to the seq_no it read (so a document changed or deleted since the
 * refresh is a version conflict), and counts what happened. A script (bulk-by-scroll-script.ts) may turn a hit's
 * write into a delete or drop it (a noop, counted as such; a batch of noops sends no bulk).
 *
 * With `conflicts=abort` (the default) a batch that had version conflicts is the last one and the
 * conflicts are listed as failures; with `conflicts=proceed` they are only counted. Any other item
 * failure is always listed and stops the run after its batch.
 *
 * `requests_per_second` throttles the batches and a cancelled task stops at a batch boundary
 * (bulk-by-scroll-worker.ts).
 *
 * Response (BulkByScrollResponse): took, timed_out, then the task status (bulk-by-scroll-status.ts), then failures
 * (`{"index","id","cause":{...},"status"}`), its HTTP status the largest of its failures' (200 without).
 * _delete_by_query leaves out updated and created, _update_by_query leaves out created (their REST actions set
 * include_updated/include_created).
 */
import { EsException, exceptionFields } from '../errors/index.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { ShardQuerySource } from '../search/index-query-context.ts'
import type { IndexService } from '../index/index-service.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import type { RestContext } from '../rest/rest-context.ts'
import type { DocWriteResult, RefreshPolicy } from './doc-write.ts'
import { executeBulk, type BulkItem } from './transport-bulk-action.ts'
import type { BulkByScrollWorker } from './bulk-by-scroll-worker.ts'
import {
  statusXContent,
  type BulkByScrollCounts,
  type BulkByScrollStatus,
  type StatusFields,
} from './bulk-by-scroll-status.ts'
import { shardRequestIndices, sliceFilter, type SliceBuilder } from '../search/slice/slice-builder.ts'
import { validationFailed, writeItemValidationErrors } from './write-validation.ts'
import { checkSlicesPerScroll } from '../search/slice/slice-parser.ts'
import { allShardsFailed, type ShardFailure } from '../search/shard-failures.ts'
import { indexLimits } from '../index/index-limit-settings.ts'
import { activeCopies } from './node-client.ts'

export interface ScrollHit {
  index: IndexService
  doc: StoredDocument
}

export interface BulkByScrollOptions {
  abortOnConflict: boolean
  /** max_docs; Infinity when unset. */
  maxDocs: number
  scrollSize: number
  refresh: RefreshPolicy
}

/** The search a run scrolls: each index with the shards it reads and the query each copy builds. */
export type ScrollSearch = ReadonlyArray<{
  index: IndexService
  shards: readonly number[]
  source: ShardQuerySource
}>

/**
 * The documents the search matches (each copy builds the query), in scroll order; with a slice, only that slice's
 * (SliceBuilder.toFilter on each shard, from its place among the search's shards).
 */
export async function scrollHits(
  context: RestContext,
  search: ScrollSearch,
  slice: SliceBuilder | null,
): Promise<ScrollHit[]> {
  const refs = search.flatMap(({ index, shards }) =>
    shards.map((shard) => ({ index: index.metadata, shard })),
  )
  const positions = shardRequestIndices(refs)
  const filterOf = (index: IndexService, shard: number) =>
    slice === null
      ? 'all'
      : sliceFilter(
          slice,
          positions[refs.findIndex((ref) => ref.index === index.metadata && ref.shard === shard)]!,
          refs.length,
        )
  if (slice !== null) checkSlicesPerScrollOnShards(context, search, slice)
  const hits: ScrollHit[] = []
  for (const { index, shards: numbers, source } of search) {
    const { name } = index.metadata
    // A shard outside the slice (its MatchNoDocsQuery) is not asked.
    const read = numbers.flatMap((shard) => {
      const filter = filterOf(index, shard)
      if (filter === 'none') return []
      const request = context.client.toActiveCopy(name, shard, (target) => ({
        type: 'scan',
        ...target,
        source,
        ...(filter === 'all' ? {} : { slice: filter }),
      }))
      return [request]
    })
    const shards = await Promise.all(read)
    for (const response of shards) {
      if (response?.type === 'scan') for (const doc of response.docs) hits.push({ index, doc })
    }
  }
  return hits
}

/**
 * DefaultSearchContext.preProcess on every shard a slice's scroll reaches (those outside the slice too): a slice
 * count above the shard's index.max_slices_per_scroll fails the shard, and the slice's search fails as "all shards
 * failed" (only some refusing is taken alike: docs/DEVIATIONS.md).
 */
function checkSlicesPerScrollOnShards(context: RestContext, search: ScrollSearch, slice: SliceBuilder): void {
  const state = context.client.cluster.state()
  const failures: ShardFailure[] = search.flatMap(({ index, shards }) => {
    const { name } = index.metadata
    try {
      checkSlicesPerScroll(slice, indexLimits(index.metadata).maxSlicesPerScroll)
      return []
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      return shards.map((shard) => {
        const node = activeCopies(state, name, shard)[0]?.nodeId ?? null
        return { index: name, shard, node, error }
      })
    }
  })
  if (failures.length > 0) throw allShardsFailed(failures)
}

export interface BulkItemFailure {
  index: string
  /** Null for an item without `_id` that failed before it was routed. */
  id: string | null
  error: EsException
}

/**
 * What a run ended with (BulkByScrollResponse): its took, status and item failures, and the exception that stopped
 * it (finishHim with a failure: a script's error), after which the rest only tells how far it got.
 */
export interface BulkByScrollResult {
  took: number
  status: BulkByScrollStatus
  failures: readonly BulkItemFailure[]
  failure: EsException | null
}

/**
 * Runs `write` over the hits batch by batch, throttled and cancellable through `worker`, and builds the response.
 */
export async function bulkByScroll(
  context: RestContext,
  started: number,
  hits: readonly ScrollHit[],
  options: BulkByScrollOptions,
  /** The write for a hit; null for a noop (a script's `ctx.op = 'noop'`). */
  write: (hit: ScrollHit) => BulkItem | null,
  worker: BulkByScrollWorker,
): Promise<BulkByScrollResult> {
  const total = Math.min(hits.length, options.maxDocs)
  worker.total = total
  const { counts } = worker
  const failures: BulkItemFailure[] = []
  let failure: EsException | null = null
  try {
    let lastBatchSize = 0
    for (let from = 0; failures.length === 0; from += options.scrollSize) {
      // onScrollResponse and prepareBulkRequest: a cancelled run finishes at the batch boundary.
      if (worker.cancelled) break
      await worker.throttle(lastBatchSize)
      if (worker.cancelled || from >= total) break
      counts.batches++
      const page = hits.slice(from, Math.min(total, from + options.scrollSize))
      const items: BulkItem[] = []
      for (const hit of page) {
        const item = write(hit)
        if (item === null) counts.noops++
        else items.push(item)
      }
      // BulkRequest.validate: an invalid item fails the bulk, and so the run (a reindex's version its type refuses).
      validationFailed(items.flatMap(({ item }) => writeItemValidationErrors(item)))
      // A batch the script nooped entirely sends no bulk.
      const results = items.length === 0 ? [] : await executeBulk(context, items, options.refresh)
      for (const outcome of results) {
        if (outcome.ok) {
          count(counts, outcome.result.result)
          continue
        }
        const conflict = outcome.error.type === 'version_conflict_engine_exception'
        if (conflict) counts.versionConflicts++
        if (!conflict || options.abortOnConflict)
          failures.push({ index: outcome.index, id: outcome.id, error: outcome.error })
      }
      lastBatchSize = page.length
      // max_docs reached: onBulkResponse finishes without asking for another batch.
      if (from + options.scrollSize >= options.maxDocs) break
    }
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    failure = error
  }
  return { took: context.clock.now() - started, status: worker.status(), failures, failure }
}

/** onBulkResponse: a delete counts as deleted whether or not it found the document. */
function count(counts: BulkByScrollCounts, result: DocWriteResult['result']): void {
  if (result === 'created') counts.created++
  else if (result === 'updated') counts.updated++
  else if (result === 'deleted' || result === 'not_found') counts.deleted++
  else if (result === 'noop') counts.noops++
}

/** BulkByScrollResponse.toXContent, and the HTTP status BulkIndexByScrollResponseContentListener gives it. */
export function bulkByScrollResponse(
  result: BulkByScrollResult,
  fields: StatusFields,
): { status: number; body: Map<string, JsonOut> } {
  const { took, status, failures } = result
  const body = new Map<string, JsonOut>([
    ['took', took],
    ['timed_out', false],
    ...statusXContent(status, fields),
  ])
  body.set(
    'failures',
    failures.map(({ index, id, error }) => ({
      index,
      id,
      cause: exceptionFields(error),
      status: error.status,
    })),
  )
  return { status: failures.reduce((max, { error }) => Math.max(max, error.status), 200), body }
}
