/**
 * The single-bucket aggregations, rendered as {"doc_count": N, <sub-aggregations>}: `filter` (the matching
 * documents that also match a query), `missing` (those without a value for a field), `global` (every
 * document of the shard, whatever the query) and `sampler` (each shard's best `shard_size` documents by score,
 * default 100, ties to the lower doc id, as BestDocsDeferringCollector keeps them). Single buckets do not count
 * toward search.max_buckets.
 * Wire form: the one bucket (the three types share it: the type only chose the documents).
 */
import { illegalArgumentException, parsingException } from '../../../errors/index.ts'
import { XNumber, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import type { ShardContext } from '../aggregation-context.ts'
import { AggregationParams } from '../aggregation-params.ts'
import type { ReadAggregations } from '../aggregation-wire.ts'
import {
  InternalAggregation,
  aggregationsToXContent,
  readMeta,
  type AggregationWireHeader,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import { resolveValues } from '../values-source.ts'
import {
  readBucket,
  reduceBucket,
  shardBucket,
  writeBucket,
  type Bucket,
  type BucketWire,
} from './internal-bucket.ts'

/**
 * The aggregations whose result is one bucket, by their getType (InternalFilter, InternalMissing, InternalGlobal,
 * InternalSampler and UnmappedSampler, whose type is `sampler` alike, InternalNested, InternalReverseNested, and the
 * parent-join module's InternalChildren and InternalParent, bucket/parent-join.ts).
 */
export type SingleBucketType =
  'filter' | 'missing' | 'global' | 'sampler' | 'nested' | 'reverse_nested' | 'children' | 'parent'

/**
 * Each type's result class (getClass().getSimpleName(), which buckets_path errors print). A `sampler` is an
 * InternalSampler, also diversified_sampler's result on an unmapped field (ES's UnmappedSampler; see
 * diversified-sampler.ts).
 */
const INTERNAL_CLASSES: Readonly<Record<SingleBucketType, string>> = {
  filter: 'InternalFilter',
  missing: 'InternalMissing',
  global: 'InternalGlobal',
  sampler: 'InternalSampler',
  nested: 'InternalNested',
  reverse_nested: 'InternalReverseNested',
  children: 'InternalChildren',
  parent: 'InternalParent',
}

export interface SingleBucketWire extends AggregationWireHeader<'single_bucket'> {
  readonly bucketType: SingleBucketType
  readonly bucket: BucketWire
}

export class InternalSingleBucket extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly type: SingleBucketType,
    readonly bucket: Bucket,
  ) {
    super(name, meta)
  }

  static readFrom(wire: SingleBucketWire, read: ReadAggregations): InternalSingleBucket {
    const { name, meta, bucketType, bucket } = wire
    return new InternalSingleBucket(name, readMeta(meta), bucketType, readBucket(bucket, read))
  }

  writeTo(): SingleBucketWire {
    return {
      type: 'single_bucket',
      name: this.name,
      meta: this.wireMeta(),
      bucketType: this.type,
      bucket: writeBucket(this.bucket),
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const parts = (all as readonly InternalSingleBucket[]).map((p) => p.bucket)
    return new InternalSingleBucket(this.name, this.meta, this.type, reduceBucket(parts, context))
  }

  /** A single-bucket aggregation rewritten by the pipelines inside it (its one bucket). */
  override withBuckets(buckets: readonly Bucket[]): InternalSingleBucket {
    return new InternalSingleBucket(this.name, this.meta, this.type, buckets[0] ?? this.bucket)
  }

  getType(): string {
    return this.type
  }

  /** The Java class of ES's result for this aggregation. */
  get javaClassName(): string {
    return INTERNAL_CLASSES[this.type]
  }

  override subAggregation(name: string): InternalAggregation | null {
    return this.bucket.aggs.find((a) => a.name === name) ?? null
  }

  override sortValue(metric: string | null): number | null {
    return metric === null || metric === '_count' || metric === 'doc_count' ? this.bucket.docCount : null
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    out.set('doc_count', this.bucket.docCount)
    aggregationsToXContent(this.bucket.aggs, out, params)
  }
}

export function singleBucket(
  type: SingleBucketType,
  select: (shard: ShardContext, docs: readonly number[]) => readonly number[],
  name: string,
  meta: XContentObject | null,
  subs: readonly AggregationBuilder[],
): AggregationBuilder {
  return {
    name,
    type,
    meta,
    subs,
    collect: (shard, docs, parent) =>
      new InternalSingleBucket(name, meta, type, shardBucket(subs, shard, select(shard, docs), parent)),
  }
}

/** `filter`: its body is a query (FilterAggregationBuilder.parse: parseTopLevelQuery, its errors as they are). */
export const filterParser: AggregationParser = (name, body, meta, subs) => ({
  ...singleBucket(
    'filter',
    (shard, docs) => {
      const matching = shard.filter(body)
      return docs.filter((doc) => matching.has(doc))
    },
    name,
    meta,
    subs,
  ),
  checkQueries: (parse) => parse(body),
})

export const missingParser: AggregationParser = (name, body, meta, subs) => {
  const field = new AggregationParams('missing', body, ['field', 'script', 'value_type']).valuesSource(
    'keyword',
  )
  return singleBucket(
    'missing',
    (shard, docs) => {
      const config = resolveValues(shard, field, undefined, 'missing')
      return docs.filter((doc) => config.values(doc).length === 0)
    },
    name,
    meta,
    subs,
  )
}

export const globalParser: AggregationParser = (name, body, meta, subs) => {
  new AggregationParams('global', body, [])
  return singleBucket('global', (shard) => shard.allDocs, name, meta, subs)
}

export const DEFAULT_SHARD_SAMPLE_SIZE = 100

/**
 * Lucene's TopScoreDocCollectorManager refusing a `shard_size` of 0 or less; ES's QueryPhaseExecutionException around
 * it is a wrapper (SearchException), so the shard failure and the root cause are this illegal_argument_exception.
 */
const NUM_HITS_REFUSAL =
  'numHits must be > 0; please use TotalHitCountCollector if you just need the total hit count'

/** SamplerAggregationBuilder.parse: `shard_size`, a number; anything else is an unsupported property. */
export const samplerParser: AggregationParser = (name, body, meta, subs) => {
  let shardSize = DEFAULT_SHARD_SAMPLE_SIZE
  for (const [key, value] of body) {
    // ES's message, its unclosed quote included
    if (key !== 'shard_size' || !(value instanceof XNumber))
      throw parsingException(1, 1, `Unsupported property "${key}" for aggregation "${name}`)
    shardSize = Math.trunc(value.value)
  }
  return singleBucket(
    'sampler',
    (shard, docs) => {
      // BestDocsDeferringCollector's top-docs collector, created for the first document the shard collects
      if (shardSize <= 0 && docs.length > 0) throw illegalArgumentException(NUM_HITS_REFUSAL)
      return shard
        .bucketedSort(docs, { kind: 'score', order: 'desc' }, shardSize)
        .top.map((doc) => doc.docId)
        .sort((a, b) => a - b)
    },
    name,
    meta,
    subs,
  )
}
