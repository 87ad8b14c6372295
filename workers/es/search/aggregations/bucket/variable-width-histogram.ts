/**
 * `variable_width_histogram` as ES 8's VariableWidthHistogramAggregationBuilder and InternalVariableWidthHistogram
 * parse, reduce and print it (the shard's clustering: variable-width-collector.ts).
 * - Parameters: a numeric `field` or `script` (with `missing`, `format`, `value_type`), `buckets` (default 10, > 0),
 *   `shard_size` (default buckets · 50, > 1), `initial_buffer` (default min(10 · shard_size, 50000), > 0). Building it
 *   on a shard checks `buckets` against the node's search.max_buckets (65536), `initial_buffer` ≥ `buckets` and 3/4 of `shard_size` ≥
 *   `buckets`, with ES's messages.
 * - Reduce: the shards' buckets in centroid order, equal centroids merged; then, while there are more than `buckets`,
 *   the two adjacent buckets with the closest centroids are planned into one, and each planned run is merged (its
 *   last bucket first: doc counts summed, centroid = Σ doc_count · centroid / doc_count, min and max widened,
 *   sub-aggregations reduced); then runs with the same min merge, and where a bucket's min is below the previous
 *   bucket's max both bounds move to their midpoint.
 * - Output: `{"buckets": [{"min", ["min_as_string",] "key" (the centroid), ["key_as_string",] "max",
 *   ["max_as_string",] "doc_count", ...sub-aggregations}]}`, doubles as Java prints them, the `_as_string` fields
 *   only with a format (a date field's, or `format` on a numeric field).
 * Wire form: the target bucket count, the format, and the buckets (centroid, min, max, doc count, sub-aggregations).
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import { JavaDouble, javaDoubleToString, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import { collectAggregations, type AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import type { ReadAggregations } from '../aggregation-wire.ts'
import { readValueFormat, writeValueFormat, type ValueFormatWire } from '../doc-value-format.ts'
import {
  InternalAggregation,
  readMeta,
  type AggregationWireHeader,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import { numericValues } from '../values-source.ts'
import { DEFAULT_MAX_BUCKETS } from '../multi-bucket-consumer.ts'
import { bucketToXContent, reduceBucket, type Bucket, type BucketWire } from './internal-bucket.ts'
import { VariableWidthCollector } from './variable-width-collector.ts'

const TYPE = 'variable_width_histogram'

export interface VariableWidthBucket extends Bucket {
  readonly centroid: number
  min: number
  max: number
}

export interface VariableWidthHistogramWire extends AggregationWireHeader<'variable_width_histogram'> {
  readonly targetBuckets: number
  readonly format: ValueFormatWire | null
  readonly buckets: ReadonlyArray<
    BucketWire & { readonly centroid: number; readonly min: number; readonly max: number }
  >
}

export class InternalVariableWidthHistogram extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly targetBuckets: number,
    readonly format: ValueFormat | null,
    readonly buckets: readonly VariableWidthBucket[],
  ) {
    super(name, meta)
  }

  // Buckets are whole literals (not readBucket/writeBucket spread and given a key): V8 copies a spread object
  // given keys it lacks on a slow runtime path, microseconds a bucket.
  static readFrom(wire: VariableWidthHistogramWire, read: ReadAggregations): InternalVariableWidthHistogram {
    return new InternalVariableWidthHistogram(
      wire.name,
      readMeta(wire.meta),
      wire.targetBuckets,
      readValueFormat(wire.format),
      wire.buckets.map((b) => ({
        docCount: b.docCount,
        aggs: read(b.aggs),
        centroid: b.centroid,
        min: b.min,
        max: b.max,
      })),
    )
  }

  writeTo(): VariableWidthHistogramWire {
    return {
      ...this.header(TYPE),
      targetBuckets: this.targetBuckets,
      format: writeValueFormat(this.format),
      buckets: this.buckets.map((b) => ({
        docCount: b.docCount,
        aggs: b.aggs.map((agg) => agg.writeTo()),
        centroid: b.centroid,
        min: b.min,
        max: b.max,
      })),
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    // the shards' buckets by centroid (each shard's are sorted), equal centroids reduced together
    const merged = (all as readonly InternalVariableWidthHistogram[])
      .flatMap((part) => part.buckets)
      .sort((a, b) => a.centroid - b.centroid)
    const buckets: VariableWidthBucket[] = []
    for (let i = 0; i < merged.length;) {
      let j = i + 1
      while (j < merged.length && merged[j]!.centroid === merged[i]!.centroid) j++
      buckets.push(mergeBuckets(merged.slice(i, j), context))
      context.buckets.accept(1)
      i = j
    }
    mergeWithPlan(buckets, closestCentroidsPlan(buckets, this.targetBuckets), context)
    mergeWithPlan(buckets, sameMinPlan(buckets), context)
    for (let i = 1; i < buckets.length; i++) {
      const previous = buckets[i - 1]!
      const current = buckets[i]!
      if (current.min < previous.max) {
        current.min = (previous.max + current.min) / 2
        previous.max = current.min
      }
    }
    return new InternalVariableWidthHistogram(this.name, this.meta, this.targetBuckets, this.format, buckets)
  }

  override pipelineBuckets(): Array<{ bucket: VariableWidthBucket; key: number; keyAsString: string }> {
    return this.buckets.map((bucket) => ({
      bucket,
      key: bucket.centroid,
      keyAsString: this.text(bucket.centroid),
    }))
  }

  override withBuckets(buckets: readonly VariableWidthBucket[]): InternalVariableWidthHistogram {
    return new InternalVariableWidthHistogram(this.name, this.meta, this.targetBuckets, this.format, buckets)
  }

  getType(): string {
    return TYPE
  }

  private text(value: number): string {
    return this.format === null ? javaDoubleToString(value) : this.format.format(value)
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    const format = this.format
    out.set(
      'buckets',
      this.buckets.map((bucket) => {
        const fields: Array<[string, JsonOut]> = []
        for (const [name, value] of [
          ['min', bucket.min],
          ['key', bucket.centroid],
          ['max', bucket.max],
        ] as const) {
          fields.push([name, new JavaDouble(value)])
          if (format !== null) fields.push([`${name}_as_string`, format.format(value)])
        }
        return bucketToXContent(fields, bucket, params)
      }),
    )
  }
}

/** reduceBucket: `parts` in the order given (the sum of doc_count · centroid follows it). */
function mergeBuckets(parts: readonly VariableWidthBucket[], context: ReduceContext): VariableWidthBucket {
  let min = Infinity
  let max = -Infinity
  let sum = 0
  let docCount = 0
  for (const part of parts) {
    docCount += part.docCount
    min = Math.min(min, part.min)
    max = Math.max(max, part.max)
    sum += part.docCount * part.centroid
  }
  return { ...reduceBucket(parts, context), centroid: sum / docCount, min, max }
}

/** A merge plan: runs [start, end] of adjacent bucket indices, in order. */
type Plan = Array<{ start: number; end: number; centroid: number; docCount: number; min: number }>

function planOf(buckets: readonly VariableWidthBucket[]): Plan {
  return buckets.map((b, i) => ({ start: i, end: i, centroid: b.centroid, docCount: b.docCount, min: b.min }))
}

/** BucketRange.mergeWith. */
function mergeRange(range: Plan[number], other: Plan[number]): void {
  range.start = Math.min(range.start, other.start)
  range.end = Math.max(range.end, other.end)
  if (range.docCount + other.docCount > 0) {
    range.centroid =
      (range.centroid * range.docCount + other.centroid * other.docCount) / (range.docCount + other.docCount)
    range.docCount += other.docCount
  }
  range.min = Math.min(range.min, other.min)
}

/** mergeBucketsIfNeeded's plan: the two closest centroids merged until `target` runs remain (the first pair on ties). */
function closestCentroidsPlan(buckets: readonly VariableWidthBucket[], target: number): Plan {
  const plan = planOf(buckets)
  while (plan.length > target) {
    let closest = 0
    let smallest = Infinity
    for (let i = 0; i < plan.length - 1; i++) {
      const distance = plan[i + 1]!.centroid - plan[i]!.centroid
      if (distance < smallest) {
        closest = i
        smallest = distance
      }
    }
    mergeRange(plan[closest]!, plan[closest + 1]!)
    plan.splice(closest + 1, 1)
  }
  return plan
}

/** mergeBucketsWithSameMin's plan: adjacent buckets with equal mins. */
function sameMinPlan(buckets: readonly VariableWidthBucket[]): Plan {
  const plan = planOf(buckets)
  for (let i = 0; i < plan.length - 1;) {
    if (plan[i]!.min === plan[i + 1]!.min) {
      mergeRange(plan[i]!, plan[i + 1]!)
      plan.splice(i + 1, 1)
    } else i++
  }
  return plan
}

/** mergeBucketsWithPlan: each run, last first, replaced by one bucket merged from its end down to its start. */
function mergeWithPlan(buckets: VariableWidthBucket[], plan: Plan, context: ReduceContext): void {
  for (let i = plan.length - 1; i >= 0; i--) {
    const { start, end } = plan[i]!
    if (start === end) continue
    const run = buckets.splice(start + 1, end - start).reverse()
    run.push(buckets[start]!)
    context.buckets.accept(-run.length + 1)
    buckets[start] = mergeBuckets(run, context)
  }
}

const KEYS = ['field', 'script', 'missing', 'format', 'value_type', 'buckets', 'shard_size', 'initial_buffer']

export const variableWidthHistogramParser: AggregationParser = (name, body, meta, subs) => {
  const params = new AggregationParams(TYPE, body, KEYS)
  const source = params.valuesSource('double')
  const positive = (key: string, floor: number): number | null => {
    const value = params.int(key)
    if (value !== null && value <= floor) {
      throw params.fieldFailure(
        key,
        illegalArgumentException(`${key} must be greater than [${floor}] for [${name}]`),
      )
    }
    return value
  }
  const targetBuckets = positive('buckets', 0) ?? 10
  const shardSize = positive('shard_size', 1) ?? targetBuckets * 50
  const initialBuffer = positive('initial_buffer', 0) ?? Math.min(10 * shardSize, 50000)
  const pattern = params.string('format')
  return {
    name,
    type: TYPE,
    meta,
    subs,
    checkLimits() {
      // against the node's search.max_buckets setting (the playground's nodes start with the default)
      if (targetBuckets > DEFAULT_MAX_BUCKETS) {
        throw illegalArgumentException(`buckets must be less than ${DEFAULT_MAX_BUCKETS}`)
      }
      if (initialBuffer < targetBuckets) {
        throw illegalArgumentException(
          `initial_buffer must be at least buckets but was [${initialBuffer}<${targetBuckets}] for [${name}]`,
        )
      }
      const mergePhaseInit = Math.trunc((shardSize * 3) / 4)
      if (mergePhaseInit < targetBuckets) {
        throw illegalArgumentException(
          `3/4 of shard_size must be at least buckets but was [${mergePhaseInit}<${targetBuckets}] for [${name}]`,
        )
      }
    },
    collect(shard, docs) {
      const values = numericValues(shard, TYPE, source, params.raw('missing'), pattern)
      const collector = new VariableWidthCollector(shardSize, initialBuffer)
      for (const doc of docs) {
        let previous = -Infinity
        for (const value of values.values(doc)) {
          if (value === previous) continue
          previous = value
          collector.collect(doc, value)
        }
      }
      const clusters = collector.finish()
      const docsOf = clusters.map((): number[] => [])
      for (const entry of collector.entries) docsOf[entry.cluster]!.push(entry.doc)
      const buckets = clusters
        .map((cluster, i) => {
          const bucketDocs = docsOf[i]!.sort((a, b) => a - b)
          return {
            centroid: cluster.centroid,
            min: cluster.min,
            max: cluster.max,
            docCount: bucketDocs.length,
            aggs: collectAggregations(subs, shard, bucketDocs, 'many'),
          }
        })
        .sort((a, b) => a.centroid - b.centroid)
      return new InternalVariableWidthHistogram(name, meta, targetBuckets, values.format, buckets)
    },
  }
}
