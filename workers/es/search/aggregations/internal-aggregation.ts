/**
 * InternalAggregation: one aggregation's result, first per shard and then reduced across shards into the
 * final result, as ES's InternalAggregation and InternalAggregations do. The rendering is ES's toXContent:
 * `{"meta":{...}` (when the request had `meta`) followed by the type's own fields, under the aggregation's name,
 * or with `typed_keys` under `<type>#<name>` (getType: the result's NamedWriteable name unless the class gives
 * another, e.g. `sterms`, `date_histogram`, `tdigest_percentiles`), in sub-aggregations too.
 *
 * Invariants: `reduce` receives the results of the same request aggregation from every shard (the receiver
 * is one of them) and returns a new result; sub-aggregation lists keep the request's order.
 *
 * Wire form (NamedWriteable.writeTo, see aggregation-wire.ts): every result writes a header
 * `{type, name, meta}` (meta as its JSON text, which parseJson reads back with every number lexeme and key
 * order intact) followed by its type's fields.
 */
import { parseJson, toJson, type JsonOut, type XContentObject } from '../../xcontent/index.ts'
import type { InternalAggregationWire } from './aggregation-wire.ts'
import type { Bucket } from './bucket/internal-bucket.ts'
import { MultiBucketConsumer } from './multi-bucket-consumer.ts'

export interface ReduceContext {
  buckets: MultiBucketConsumer
}

export function reduceContext(maxBuckets?: number): ReduceContext {
  return { buckets: new MultiBucketConsumer(maxBuckets) }
}

/** The ToXContent.Params an aggregation's rendering reads (RestSearchAction.TYPED_KEYS_PARAM). */
export interface ToXContentParams {
  readonly typedKeys: boolean
}

export const DEFAULT_PARAMS: ToXContentParams = { typedKeys: false }

/** InternalAggregation.TYPED_KEYS_DELIMITER, between the type and the name. */
export const TYPED_KEYS_DELIMITER = '#'

export abstract class InternalAggregation {
  constructor(
    readonly name: string,
    readonly meta: XContentObject | null,
  ) {}

  /** Merges the shard results of this aggregation (the receiver is one of `all`). */
  abstract reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation

  /** InternalAggregation.getType: the type `typed_keys` prints before the name. */
  abstract getType(): string

  /** The type's fields, after `meta` (params reach the sub-aggregations). */
  protected abstract body(out: Map<string, JsonOut>, params: ToXContentParams): void

  /** This result as plain data that survives a structured clone; its class's `readFrom` reads it back. */
  abstract writeTo(): InternalAggregationWire

  protected header<T extends string>(type: T): AggregationWireHeader<T> {
    return { type, name: this.name, meta: this.wireMeta() }
  }

  /**
   * The header's `meta`, for a writeTo that writes `type`, `name` and `meta` into its own literal: spreading
   * header() into an object given more keys is V8's (Node 20) slow runtime copy, ~2 µs, and an aggregation below
   * a bucket writes its wire once a bucket.
   */
  protected wireMeta(): string | null {
    return this.meta === null ? null : toJson(this.meta)
  }

  /** The sub-aggregation a terms `order` path steps into (`filter>max_price`): a single-bucket one's; null otherwise. */
  subAggregation(name: string): InternalAggregation | null {
    void name
    return null
  }

  /** The value a terms `order` path such as `avg_price` or `stats.max` sorts by; null if it cannot. */
  sortValue(metric: string | null): number | null {
    void metric
    return null
  }

  /**
   * What pipeline aggregations (pipeline/) see of a bucket aggregation: its buckets with each one's key
   * (InternalMultiBucketAggregation.getBuckets, Bucket.getKey and getKeyAsString); null for other types.
   */
  pipelineBuckets(): ReadonlyArray<{ bucket: Bucket; key: BucketKey; keyAsString: string }> | null {
    return null
  }

  /** InternalMultiBucketAggregation.create: this aggregation over the buckets a pipeline rewrote. */
  withBuckets(buckets: readonly Bucket[]): InternalAggregation {
    void buckets
    return this
  }

  toXContent(params: ToXContentParams = DEFAULT_PARAMS): Map<string, JsonOut> {
    const out = new Map<string, JsonOut>()
    if (this.meta !== null) out.set('meta', this.meta)
    this.body(out, params)
    return out
  }
}

export type InternalAggregations = readonly InternalAggregation[]

/** Bucket.getKey as pipelines read it: a number, a string, or multi_terms' list of terms. */
export type BucketKey = number | string | ReadonlyArray<number | string>

export interface AggregationWireHeader<T extends string> {
  /** The NamedWriteable name that picks the reader. */
  readonly type: T
  readonly name: string
  /** The request's `meta` object as JSON text, or null. */
  readonly meta: string | null
}

export function readMeta(meta: string | null): XContentObject | null {
  if (meta === null) return null
  const value = parseJson(meta)
  if (!(value instanceof Map)) throw new TypeError(`aggregation meta is not an object: ${meta}`)
  return value
}

/** InternalAggregations.reduce: position by position, each request aggregation across the shards. */
export function reduceAggregations(
  perShard: readonly InternalAggregations[],
  context: ReduceContext,
): InternalAggregations {
  const first = perShard[0]
  if (first === undefined) return []
  return first.map((agg, i) =>
    agg.reduce(
      perShard.map((list) => list[i] ?? agg),
      context,
    ),
  )
}

/** `"aggregations": {name: {...}, ...}` and a bucket's sub-aggregation fields; `type#name` with typed_keys. */
export function aggregationsToXContent(
  aggs: InternalAggregations,
  out: Map<string, JsonOut>,
  params: ToXContentParams,
): void {
  for (const agg of aggs) {
    const key = params.typedKeys ? `${agg.getType()}${TYPED_KEYS_DELIMITER}${agg.name}` : agg.name
    out.set(key, agg.toXContent(params))
  }
}
