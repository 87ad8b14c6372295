/**
 * AbstractAsyncBulkByScrollAction on the coordinating node: the engine under `_delete_by_query`,
 * `_update_by_query` and `_reindex`. It reads the matching documents as a scroll does (the last
 * refreshed view of an active copy of each shard, in shard then `_doc` order, `scroll_size` per batch),
 * sends one bulk per batch with a write per document, `if_seq_no`/`if_primary_term` set to the seq_no it
 * read (so a document changed or deleted since the refresh is a version conflict), and counts what
 * happened. A script (bulk-by-scroll-script.ts) may turn a hit's write into a delete or drop it (a noop,
 * counted as such; a batch of noops sends no bulk).
 *
 * With `conflicts=abort` (the default) a batch that had version conflicts is the last one and the
 * conflicts are listed as failures; with `conflicts=proceed` they are only counted. Any other item
 * failure is always listed and stops the run after its batch.
 *
 * `requests_per_second` throttles the batches and a cancelled task stops at a batch boundary
 * (bulk-by-scroll-worker.ts).
 *
 * Response (BulkByScrollResponse): took, timed_out, then the task status (bulk-by-scroll-worker.ts), then failures
 * (`{"index","id","cause":{...},"status"}`). _delete_by_query leaves out updated and created,
 * _update_by_query leaves out created (their REST actions set include_updated/include_created).
 */
import { EsException, exceptionFields } from '../errors/index.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { ShardQuerySource } from '../search/index-query-context.ts'
import type { IndexService } from '../index/index-service.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import type { RestContext } from '../rest/rest-context.ts'
import type { DocWriteResult, RefreshPolicy } from './doc-write.ts'
import { executeBulk, type BulkItem } from './transport-bulk-action.ts'
import type { BulkByScrollCounts, BulkByScrollWorker } from './bulk-by-scroll-worker.ts'
import { validationFailed, writeItemValidationErrors } from './write-validation.ts'

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
  fields: { updated: boolean; created: boolean }
}

/** The documents the query matches in the given shards of each index (each copy builds it), in scroll order. */
export async function scrollHits(
  context: RestContext,
  targets: ReadonlyArray<{ index: IndexService; shards: readonly number[]; source: ShardQuerySource }>,
): Promise<ScrollHit[]> {
  const hits: ScrollHit[] = []
  for (const { index, shards: numbers, source } of targets) {
    const { name } = index.metadata
    const shards = await Promise.all(
      numbers.map((shard) =>
        context.client.toActiveCopy(name, shard, (target) => ({
          type: 'scan',
          ...target,
          source,
        })),
      ),
    )
    for (const response of shards) {
      if (response?.type === 'scan') for (const doc of response.docs) hits.push({ index, doc })
    }
  }
  return hits
}

/**
 * What a run ended with: the response's status and body, and the exception that stopped it (finishHim with a
 * failure: a script's error), after which the body only tells how far it got.
 */
export interface BulkByScrollResult {
  status: number
  body: Map<string, JsonOut>
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
  const failures: Array<{ index: string; id: string; error: EsException }> = []
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
  const status = failures.reduce((max, item) => Math.max(max, item.error.status), failure?.status ?? 200)
  const body = responseBody(context.clock.now() - started, worker.status(options.fields), failures)
  return { status, body, failure }
}

/** onBulkResponse: a delete counts as deleted whether or not it found the document. */
function count(counts: BulkByScrollCounts, result: DocWriteResult['result']): void {
  if (result === 'created') counts.created++
  else if (result === 'updated') counts.updated++
  else if (result === 'deleted' || result === 'not_found') counts.deleted++
  else if (result === 'noop') counts.noops++
}

function responseBody(
  took: number,
  status: Map<string, JsonOut>,
  failures: ReadonlyArray<{ index: string; id: string; error: EsException }>,
): Map<string, JsonOut> {
  const body = new Map<string, JsonOut>([['took', took], ['timed_out', false], ...status])
  body.set(
    'failures',
    failures.map(({ index, id, error }) => ({
      index,
      id,
      cause: exceptionFields(error),
      status: error.status,
    })),
  )
  return body
}
