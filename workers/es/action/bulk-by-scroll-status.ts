/**
 * BulkByScrollTask.Status (ES 8.17): the counters of a by-query run, of one slice of it, or of a sliced run (the
 * leader's), and its printing (innerXContent).
 *
 * Fields, in innerXContent's order: slice_id (a slice's), total, updated, created, deleted, batches,
 * version_conflicts, noops, retries {bulk, search}, throttled_millis, requests_per_second (-1.0 when unthrottled),
 * canceled (when cancelled), throttled_until_millis, then slices (a sliced run's: one entry per slice, in slice
 * order, `null` for a slice still running, a failed slice's exception as its type, reason, ...). `updated` and
 * `created` are left out where the REST action sets include_updated / include_created false, in the slices too.
 *
 * A sliced run's status (Status(List<StatusOrException>, reasonCancelled)) sums the finished slices' counters,
 * their throttled time (in nanoseconds, printed as whole milliseconds as TimeValue.millis truncates) and their
 * requests_per_second (a float sum from 0, so 0.0 before any slice finished, unlimited once one slice is), and
 * takes the smallest throttled_until; a failed slice counts for nothing.
 */
import { exceptionFields, type EsException } from '../errors/index.ts'
import { JavaFloat, type JsonOut } from '../xcontent/index.ts'

export interface BulkByScrollCounts {
  updated: number
  created: number
  deleted: number
  batches: number
  versionConflicts: number
  noops: number
}

/** Counts before the first batch. */
export function zeroCounts(): BulkByScrollCounts {
  return { updated: 0, created: 0, deleted: 0, batches: 0, versionConflicts: 0, noops: 0 }
}

export type StatusOrException = { status: BulkByScrollStatus } | { exception: EsException }

export interface BulkByScrollStatus extends BulkByScrollCounts {
  /** The slice's id, or null for an unsliced run or a sliced run's leader. */
  sliceId: number | null
  total: number
  /** The time waited out (the `throttled` TimeValue), in nanoseconds. */
  throttledNanos: number
  /** A float; Infinity when unthrottled. */
  requestsPerSecond: number
  reasonCancelled: string | null
  throttledUntilMillis: number
  /** A sliced run's slices (null: still running); empty otherwise. */
  slices: ReadonlyArray<StatusOrException | null>
}

/** include_updated / include_created. */
export interface StatusFields {
  updated: boolean
  created: boolean
}

export function statusXContent(status: BulkByScrollStatus, fields: StatusFields): Map<string, JsonOut> {
  const json = new Map<string, JsonOut>()
  if (status.sliceId !== null) json.set('slice_id', status.sliceId)
  json.set('total', status.total)
  if (fields.updated) json.set('updated', status.updated)
  if (fields.created) json.set('created', status.created)
  json.set('deleted', status.deleted)
  json.set('batches', status.batches)
  json.set('version_conflicts', status.versionConflicts)
  json.set('noops', status.noops)
  json.set('retries', { bulk: 0, search: 0 })
  json.set('throttled_millis', Math.trunc(status.throttledNanos / 1_000_000))
  json.set(
    'requests_per_second',
    new JavaFloat(status.requestsPerSecond === Infinity ? -1 : status.requestsPerSecond),
  )
  if (status.reasonCancelled !== null) json.set('canceled', status.reasonCancelled)
  json.set('throttled_until_millis', status.throttledUntilMillis)
  if (status.slices.length > 0) {
    json.set(
      'slices',
      status.slices.map((slice) => {
        if (slice === null) return null
        return 'status' in slice ? statusXContent(slice.status, fields) : exceptionFields(slice.exception)
      }),
    )
  }
  return json
}

/** Status(List<StatusOrException>, reasonCancelled): a sliced run's status from its slices'. */
export function mergedStatus(
  slices: ReadonlyArray<StatusOrException | null>,
  reasonCancelled: string | null,
): BulkByScrollStatus {
  const merged: BulkByScrollStatus = {
    sliceId: null,
    total: 0,
    ...zeroCounts(),
    throttledNanos: 0,
    requestsPerSecond: 0,
    reasonCancelled,
    throttledUntilMillis: 0,
    slices,
  }
  let throttledUntil = Infinity
  for (const slice of slices) {
    if (slice === null || !('status' in slice)) continue
    const { status } = slice
    merged.total += status.total
    merged.updated += status.updated
    merged.created += status.created
    merged.deleted += status.deleted
    merged.batches += status.batches
    merged.versionConflicts += status.versionConflicts
    merged.noops += status.noops
    merged.throttledNanos += status.throttledNanos
    merged.requestsPerSecond = Math.fround(merged.requestsPerSecond + status.requestsPerSecond)
    throttledUntil = Math.min(throttledUntil, status.throttledUntilMillis)
  }
  merged.throttledUntilMillis = throttledUntil === Infinity ? 0 : throttledUntil
  return merged
}
