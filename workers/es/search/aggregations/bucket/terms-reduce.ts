/**
 * AbstractInternalTerms' cross-shard reduce, shared by `terms` (terms.ts) and `multi_terms` (multi-terms.ts).
 *
 * A shard's error (getDocCountError) is 0 when it returned fewer than shard_size buckets or the order is by key,
 * the smallest doc count it returned when the order is `_count` desc (or the error it already carries), else
 * unbounded (-1); doc_count_error_upper_bound is their sum (0 with one shard, -1 if any is unbounded). Buckets
 * of one key are merged (doc counts summed, sub-aggregations reduced); with a `_key` order and min_doc_count <= 1
 * the first `size` are kept, else the top `size` by `order` among buckets with doc_count >= min_doc_count; the
 * doc counts of those left out add to sum_other_doc_count (buckets under min_doc_count do not). A bucket's own
 * error, with show_term_doc_count_error, is the sum of the errors of the shards that did not return it.
 *
 * Invariant: the buckets passed in are not modified; the returned ones are new objects.
 */
import type { ReduceContext } from '../internal-aggregation.ts'
import { isCountDesc, isKeyOrder, type BucketOrder } from './bucket-order.ts'
import { reduceBucket, type Bucket } from './internal-bucket.ts'

export interface TermsReduceSettings {
  readonly order: BucketOrder
  readonly size: number
  readonly shardSize: number
  readonly minDocCount: number
  readonly showTermDocCountError: boolean
}

export interface ErrorBucket extends Bucket {
  docCountError: number
}

/** One shard's (or an earlier reduce's) terms result. */
export interface TermsPart<B extends ErrorBucket> {
  readonly settings: TermsReduceSettings
  readonly buckets: readonly B[]
  readonly otherDocCount: number
  /** null on a shard result, which has none yet. */
  readonly docCountError: number | null
}

/** AbstractInternalTerms.getDocCountError of one part. */
function partError<B extends ErrorBucket>(part: TermsPart<B>): number {
  const size = part.buckets.length
  if (size === 0 || size < part.settings.shardSize || isKeyOrder(part.settings.order)) return 0
  if (isCountDesc(part.settings.order)) {
    return part.docCountError ?? part.buckets.reduce((min, b) => Math.min(min, b.docCount), Infinity)
  }
  return -1
}

export function reduceTermsBuckets<B extends ErrorBucket>(
  parts: ReadonlyArray<TermsPart<B>>,
  settings: TermsReduceSettings,
  /** The identity of a bucket's key (Bucket.getKey's equality). */
  identity: (bucket: B) => unknown,
  compare: (a: B, b: B) => number,
  context: ReduceContext,
): { buckets: B[]; otherDocCount: number; docCountError: number } {
  let otherDocCount = 0
  let sumError = 0
  const groups = new Map<unknown, B[]>()
  for (const part of parts) {
    otherDocCount += part.otherDocCount
    const error = partError(part)
    if (sumError !== -1) sumError = error === -1 ? -1 : sumError + error
    for (const bucket of part.buckets) {
      const id = identity(bucket)
      const group = groups.get(id) ?? []
      group.push({ ...bucket, docCountError: bucket.docCountError - error })
      groups.set(id, group)
    }
  }
  const needsSubs = settings.order.some((c) => c.by === 'path')
  const merged = [...groups.values()].map((group) => mergeGroup(group, settings, needsSubs ? context : null))
  let kept: B[]
  if (isKeyOrder(settings.order) && settings.minDocCount <= 1) {
    kept = merged.sort(compare)
  } else {
    kept = merged.filter((b) => b.docCount >= settings.minDocCount).sort(compare)
  }
  for (const dropped of kept.slice(settings.size)) otherDocCount += dropped.docCount
  kept = kept.slice(0, settings.size)
  const buckets = kept.map((b) => ({
    ...b,
    aggs: needsSubs ? b.aggs : reduceBucket(groups.get(identity(b))!, context).aggs,
    // ES adds the sum even to a bucket whose merged error is its -1 "unbounded" marker.
    docCountError: sumError === -1 ? -1 : b.docCountError + sumError,
  }))
  context.buckets.accept(buckets.length)
  const docCountError = sumError === -1 ? -1 : parts.length === 1 ? 0 : sumError
  return { buckets, otherDocCount, docCountError }
}

/** AbstractInternalTerms.reduceBucket: the doc counts summed, the errors summed unless one is unknown. */
function mergeGroup<B extends ErrorBucket>(
  group: readonly B[],
  settings: TermsReduceSettings,
  context: ReduceContext | null,
): B {
  let docCountError = 0
  for (const b of group) {
    if (docCountError !== -1)
      docCountError =
        !settings.showTermDocCountError || b.docCountError === -1 ? -1 : docCountError + b.docCountError
  }
  const docCount = group.reduce((n, b) => n + b.docCount, 0)
  const aggs = context === null ? group[0]!.aggs : reduceBucket(group, context).aggs
  return { ...group[0]!, docCount, docCountError, aggs }
}
