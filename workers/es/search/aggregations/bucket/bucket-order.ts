/**
 * BucketOrder: the `order` of terms and histogram buckets — `{"_count": "asc"}`, `{"_key": "desc"}`, a
 * sub-aggregation path (`{"avg_price": "desc"}`, `{"stats.max": "asc"}`, through single-bucket aggregations
 * `{"filter>max_price": "desc"}` as AggregationPath reads `>`), or an array of these compounded —
 * and ES's tie-breaker: unless the first criterion is `_key`, `_key` ascending is appended.
 */
import { illegalArgumentException, parsingException } from '../../../errors/index.ts'
import type { XContentValue } from '../../../xcontent/index.ts'
import { tokenName } from '../aggregation-params.ts'
import type { InternalAggregations } from '../internal-aggregation.ts'
import { shardBucket, type Bucket } from './internal-bucket.ts'
import type { AggregationBuilder } from '../aggregation-builder.ts'
import type { ShardContext } from '../aggregation-context.ts'
import { compareUtf8 } from '../../../index/mapper/doc-values.ts'

export type OrderCriterion =
  | { by: '_count' | '_key'; asc: boolean }
  | {
      by: 'path'
      asc: boolean
      /** The path's first aggregation, the single-bucket ones it steps through (`>`), and the metric's key. */
      agg: string
      steps: readonly string[]
      metric: string | null
      text: string
    }

export type BucketOrder = readonly OrderCriterion[]

export const COUNT_DESC: BucketOrder = [
  { by: '_count', asc: false },
  { by: '_key', asc: true },
]
export const KEY_ASC: BucketOrder = [{ by: '_key', asc: true }]

export function parseOrder(value: XContentValue | undefined, fallback: BucketOrder): BucketOrder {
  if (value === undefined || value === null) return fallback
  const criteria = (Array.isArray(value) ? value : [value]).flatMap((entry): OrderCriterion[] => {
    if (!(entry instanceof Map)) throw parsingException(1, 1, 'Order elements must be of type object')
    return [...entry].map(([key, direction]) => {
      const dir = typeof direction === 'string' ? direction.toLowerCase() : ''
      if (dir !== 'asc' && dir !== 'desc')
        throw parsingException(1, 1, `Unknown order direction [${tokenText(direction)}]`)
      const asc = dir === 'asc'
      if (key === '_count' || key === '_key') return { by: key, asc }
      const [agg = key, ...rest] = key.split('>')
      const last = rest.length === 0 ? agg : (rest[rest.length - 1] as string)
      const dot = last.indexOf('.')
      const names = [agg, ...rest]
      if (dot >= 0) names[names.length - 1] = last.slice(0, dot)
      const [head = agg, ...steps] = names
      return { by: 'path', asc, agg: head, steps, metric: dot < 0 ? null : last.slice(dot + 1), text: key }
    })
  })
  return criteria[0]?.by === '_key' ? criteria.slice(0, 1) : [...criteria, { by: '_key', asc: true }]
}

function tokenText(value: XContentValue): string {
  return value instanceof Map || Array.isArray(value) ? tokenName(value) : String(value)
}

export function isKeyOrder(order: BucketOrder): boolean {
  return order[0]?.by === '_key'
}

export function isCountDesc(order: BucketOrder): boolean {
  return order[0]?.by === '_count' && !order[0].asc
}

/** Checks that every path names a sub-aggregation that can sort (a metric), as ES validates on the shard. */
export function validateOrderPaths(order: BucketOrder, aggs: InternalAggregations): void {
  for (const criterion of order) {
    if (criterion.by !== 'path') continue
    if (pathValue(aggs, criterion) === null) {
      throw illegalArgumentException(
        `Invalid aggregation order path [${criterion.text}]. The provided aggregation [${criterion.agg}] either does not ` +
          'exist, or is a pipeline aggregation and cannot be used to sort the buckets.',
      )
    }
  }
}

export function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'string' && typeof b === 'string') return compareUtf8(a, b)
  return Number(a) - Number(b)
}

/** The order's comparator; `compareKey` is the buckets' key order (KeyComparable.compareKey), by default their keys'. */
export function bucketComparator<B extends Bucket & { key: number | string }>(
  order: BucketOrder,
): (a: B, b: B) => number
export function bucketComparator<B extends Bucket>(
  order: BucketOrder,
  compareKey: (a: B, b: B) => number,
): (a: B, b: B) => number
export function bucketComparator<B extends Bucket>(
  order: BucketOrder,
  compareKey = (a: B, b: B): number =>
    compareKeys((a as B & { key: number | string }).key, (b as B & { key: number | string }).key),
): (a: B, b: B) => number {
  return (a, b) => {
    for (const criterion of order) {
      const d =
        criterion.by === 'path'
          ? (pathValue(a.aggs, criterion) ?? NaN) - (pathValue(b.aggs, criterion) ?? NaN)
          : criterion.by === '_count'
            ? a.docCount - b.docCount
            : compareKey(a, b)
      if (d !== 0 && !Number.isNaN(d)) return criterion.asc ? d : -d
    }
    return 0
  }
}

/** The value a path sorts by: its first aggregation, stepped through to the last, asked for the metric. */
function pathValue(
  aggs: InternalAggregations,
  criterion: { agg: string; steps: readonly string[]; metric: string | null },
): number | null {
  let agg = aggs.find((a) => a.name === criterion.agg) ?? null
  for (const step of criterion.steps) agg = agg?.subAggregation(step) ?? null
  return agg?.sortValue(criterion.metric) ?? null
}

/**
 * The shard side of a terms-like aggregation's buildResult: the candidate buckets in `compare` order, the first
 * `shardSize` of them with their sub-aggregations collected, and what the others leave of `otherDocCount` (the
 * doc count of every collected term) for sum_other_doc_count. When the order sorts by a sub-aggregation, every
 * candidate's sub-aggregations run first, and the order's paths are checked on the first candidate.
 */
export function shardTopBuckets<B extends Bucket>(
  candidates: Array<{ bucket: B; docs: readonly number[] }>,
  order: BucketOrder,
  compare: (a: B, b: B) => number,
  shardSize: number,
  subs: readonly AggregationBuilder[],
  shard: ShardContext,
  otherDocCount: number,
): { buckets: B[]; otherDocCount: number } {
  const needsSubs = order.some((c) => c.by === 'path')
  if (needsSubs) for (const c of candidates) c.bucket.aggs = shardBucket(subs, shard, c.docs).aggs
  if (needsSubs && candidates[0] !== undefined) validateOrderPaths(order, candidates[0].bucket.aggs)
  candidates.sort((a, b) => compare(a.bucket, b.bucket))
  let other = otherDocCount
  const buckets = candidates.slice(0, shardSize).map(({ bucket, docs }) => {
    other -= bucket.docCount
    if (!needsSubs) bucket.aggs = shardBucket(subs, shard, docs).aggs
    return bucket
  })
  return { buckets, otherDocCount: other }
}
