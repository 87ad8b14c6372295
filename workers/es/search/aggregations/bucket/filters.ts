/**
 * `filters`: one bucket per query. Named filters ({"errors": {...}, ...}) are sorted by name and render
 * keyed by default ({"buckets": {"errors": {"doc_count": N}}}, or a list with "key" fields when keyed is
 * false); anonymous filters (an array) render as a list of {"doc_count": N}. other_bucket (implied by
 * other_bucket_key, default key "_other_") collects the documents matching none of the filters and comes
 * last. A document counts in every filter it matches. Wire form: keyed and the buckets with their keys.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import type { JsonOut, XContentObject, XContentValue } from '../../../xcontent/index.ts'
import { type AggregationBuilder, type AggregationParser, subBuckets } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import type { ReadAggregations } from '../aggregation-wire.ts'
import {
  InternalAggregation,
  readMeta,
  type AggregationWireHeader,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import {
  bucketToXContent,
  readBucket,
  reduceFixedBuckets,
  shardBucket,
  writeBucket,
  type Bucket,
  type BucketWire,
} from './internal-bucket.ts'

export interface FiltersBucket extends Bucket {
  /** The filter's name; null for an anonymous filter. */
  key: string | null
}

export interface FiltersWire extends AggregationWireHeader<'filters'> {
  readonly buckets: ReadonlyArray<BucketWire & { readonly key: string | null }>
  readonly keyed: boolean
}

export class InternalFilters extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly buckets: readonly FiltersBucket[],
    readonly keyed: boolean,
  ) {
    super(name, meta)
  }

  static readFrom(wire: FiltersWire, read: ReadAggregations): InternalFilters {
    const buckets = wire.buckets.map((b) => ({ ...readBucket(b, read), key: b.key }))
    return new InternalFilters(wire.name, readMeta(wire.meta), buckets, wire.keyed)
  }

  writeTo(): FiltersWire {
    return {
      ...this.header('filters'),
      buckets: this.buckets.map((b) => ({ ...writeBucket(b), key: b.key })),
      keyed: this.keyed,
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const buckets = reduceFixedBuckets(this.buckets, all as readonly InternalFilters[], context)
    return new InternalFilters(this.name, this.meta, buckets, this.keyed)
  }

  getType(): string {
    return 'filters'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    if (this.keyed) {
      out.set('buckets', new Map(this.buckets.map((b) => [b.key ?? '', bucketToXContent([], b, params)])))
      return
    }
    out.set(
      'buckets',
      this.buckets.map((b) => bucketToXContent(b.key === null ? [] : [['key', b.key]], b, params)),
    )
  }
}

function namedFilters(raw: XContentValue | undefined): Array<{ key: string | null; query: XContentValue }> {
  if (raw instanceof Map) {
    return [...raw].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, query]) => ({ key, query }))
  }
  if (Array.isArray(raw)) return raw.map((query) => ({ key: null, query }))
  throw illegalArgumentException('[filters] cannot be empty.')
}

export const filtersParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('filters', body, [
    'filters',
    'other_bucket',
    'other_bucket_key',
    'keyed',
  ])
  const filters = namedFilters(params.raw('filters'))
  if (filters.length === 0) throw illegalArgumentException('[filters] cannot be empty.')
  const anonymous = filters[0]?.key === null
  const otherKey = params.string('other_bucket_key')
  const otherBucket = params.boolean('other_bucket') ?? otherKey !== null
  const keyed = anonymous ? false : (params.boolean('keyed') ?? true)
  return {
    name,
    type: 'filters',
    meta,
    subs,
    // FiltersAggregationBuilder.parse reads each with parseTopLevelQuery, its errors as they are
    checkQueries: (parse) => filters.forEach((f) => parse(f.query)),
    collect(shard, docs, parent) {
      const matches = filters.map((f) => shard.filter(f.query))
      const into = subBuckets(parent, filters.length + (otherBucket ? 1 : 0))
      const buckets: FiltersBucket[] = filters.map((f, i) => ({
        key: f.key,
        ...shardBucket(
          subs,
          shard,
          docs.filter((doc) => matches[i]!.has(doc)),
          into,
        ),
      }))
      if (otherBucket) {
        const rest = docs.filter((doc) => !matches.some((m) => m.has(doc)))
        buckets.push({
          key: anonymous ? null : (otherKey ?? '_other_'),
          ...shardBucket(subs, shard, rest, into),
        })
      }
      return new InternalFilters(name, meta, buckets, keyed)
    },
  }
}
