/**
 * What every bucket of a multi-bucket aggregation carries (doc_count and its sub-aggregation results),
 * grouping documents into keyed buckets on a shard, and ES's common bucket rendering: the type's key
 * fields, then "doc_count", then one field per sub-aggregation in request order. A bucket's wire form is
 * `{docCount, aggs}` with the sub-aggregations' wire forms, in order; each type adds its key fields.
 */
import type { JsonOut } from '../../../xcontent/index.ts'
import { collectAggregations, type AggregationBuilder, type ParentBuckets } from '../aggregation-builder.ts'
import type { ShardContext } from '../aggregation-context.ts'
import type { AggregationsWire, ReadAggregations } from '../aggregation-wire.ts'
import {
  aggregationsToXContent,
  reduceAggregations,
  type InternalAggregations,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'

export interface Bucket {
  docCount: number
  aggs: InternalAggregations
}

/** A bucket's documents gathered on a shard, before its sub-aggregations run. */
export class DocGroups<K> {
  readonly groups = new Map<K, number[]>()

  add(key: K, doc: number): void {
    const docs = this.groups.get(key)
    if (docs === undefined) this.groups.set(key, [doc])
    else if (docs[docs.length - 1] !== doc) docs.push(doc)
  }

  /** A bucket for `key` with no documents unless it has some already (min_doc_count 0's empty buckets). */
  addKey(key: K): void {
    if (!this.groups.has(key)) this.groups.set(key, [])
  }
}

/** A bucket's doc count and sub-aggregations; `parent`: 'one' for a single-bucket aggregation collecting into one. */
export function shardBucket(
  subs: readonly AggregationBuilder[],
  shard: ShardContext,
  docs: readonly number[],
  parent: ParentBuckets = 'many',
): Bucket {
  return { docCount: docs.length, aggs: collectAggregations(subs, shard, docs, parent) }
}

/** The shards' buckets of each key, in order of first appearance (the reduce's grouping by Bucket.getKey). */
export function groupByKey<B extends Bucket & { readonly key: unknown }>(
  parts: ReadonlyArray<{ readonly buckets: readonly B[] }>,
): Map<B['key'], B[]> {
  const groups = new Map<B['key'], B[]>()
  for (const part of parts) {
    for (const bucket of part.buckets) {
      const group = groups.get(bucket.key)
      if (group === undefined) groups.set(bucket.key, [bucket])
      else group.push(bucket)
    }
  }
  return groups
}

/** The merge of one key's buckets from several shards. */
export function reduceBucket(parts: readonly Bucket[], context: ReduceContext): Bucket {
  return {
    docCount: parts.reduce((n, b) => n + b.docCount, 0),
    aggs: reduceAggregations(
      parts.map((b) => b.aggs),
      context,
    ),
  }
}

/**
 * The buckets of an aggregation whose buckets are fixed by its request (range, ip_range, filters): bucket i of
 * every shard's part reduced into bucket i, its own fields kept; counted against search.max_buckets.
 */
export function reduceFixedBuckets<B extends Bucket>(
  buckets: readonly B[],
  parts: ReadonlyArray<{ readonly buckets: readonly B[] }>,
  context: ReduceContext,
): B[] {
  const reduced = buckets.map((bucket, i) => ({
    ...bucket,
    ...reduceBucket(
      parts.map((p) => p.buckets[i] ?? bucket),
      context,
    ),
  }))
  context.buckets.accept(reduced.length)
  return reduced
}

export function bucketToXContent(
  key: Iterable<[string, JsonOut]>,
  bucket: Bucket,
  params: ToXContentParams,
): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>(key)
  out.set('doc_count', bucket.docCount)
  aggregationsToXContent(bucket.aggs, out, params)
  return out
}

export interface BucketWire {
  readonly docCount: number
  readonly aggs: AggregationsWire
}

export function writeBucket(bucket: Bucket): BucketWire {
  return { docCount: bucket.docCount, aggs: bucket.aggs.map((agg) => agg.writeTo()) }
}

export function readBucket(wire: BucketWire, read: ReadAggregations): Bucket {
  return { docCount: wire.docCount, aggs: read(wire.aggs) }
}
