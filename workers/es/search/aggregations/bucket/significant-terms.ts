/**
 * `significant_terms` as ES 8's SignificantTermsAggregationBuilder, its aggregators and InternalSignificantTerms
 * collect, reduce and print it, with the default JLH heuristic (`jlh`: (p_fg − p_bg) · p_fg / p_bg, 0 when p_fg is
 * not above p_bg; a background frequency of 0 counts as 1). The other heuristics are unknown fields here.
 *
 * Shard: the foreground is the bucket's documents (doc_count, the subset size); the background is every document of
 * the shard, or those matching `background_filter` (bg_count, the superset size). Each value of the foreground
 * (passing `include` / `exclude`, in at least `shard_min_doc_count` documents) is scored with its foreground and
 * background document counts; the best `shard_size` by score are returned (default 2 · (size · 1.5 + 10); one below
 * `size` is kept, as ES 8's factory keeps it).
 * Reduce: sizes and each key's counts summed, scores recomputed, buckets with a positive score and at least
 * `min_doc_count` documents (default 3) kept, the best `size` (default 10) by score, equal scores by key.
 * Output: `{"doc_count": n, "bg_count": m, "buckets": [{"key": k, ["key_as_string",] "doc_count", "score",
 * "bg_count", ...sub-aggregations}]}`, keys as `terms` prints them. A shard where the field is unmapped answers
 * UnmappedSignificantTerms: nothing counted (its documents are in neither size), and printed as `{"buckets": []}`
 * when no shard had the field mapped. Floating-point fields are refused (UnsupportedOperationException).
 * Wire form: the settings, the subset and superset sizes, the buckets with key, counts and score, and whether the
 * field was mapped.
 */
import { decodeVersion } from '../../../index/mapper/version-field.ts'
import { EsException } from '../../../errors/index.ts'
import { JavaDouble, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import { formatTerm } from '../../../common/network/inet-addresses.ts'
import type { FieldValue, ShardContext, ValueFormat } from '../aggregation-context.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import type { ReadAggregations } from '../aggregation-wire.ts'
import {
  BOOLEAN_FORMAT,
  readValueFormat,
  writeValueFormat,
  type ValueFormatWire,
} from '../doc-value-format.ts'
import {
  InternalAggregation,
  readMeta,
  type AggregationWireHeader,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import { resolveValues, unsupportedValuesSourceType } from '../values-source.ts'
import { compareKeys } from './bucket-order.ts'
import { positive, termKeyEntries, termPipelineBucket } from './terms.ts'
import { checkRegexIncludeExclude, dateParseLong, parseIncludeExclude } from './include-exclude.ts'
import {
  DocGroups,
  groupByKey,
  bucketToXContent,
  reduceBucket,
  shardBucket,
  type Bucket,
  type BucketWire,
} from './internal-bucket.ts'

type SignificantValueType = 'string' | 'ip' | 'version' | 'long'

export interface SignificantBucket extends Bucket {
  key: FieldValue
  /** The background documents with the key. */
  supersetDf: number
  score: number
}

export interface SignificantTermsSettings {
  size: number
  minDocCount: number
  valueType: SignificantValueType
  format: ValueFormat | null
}

export interface SignificantTermsWire extends AggregationWireHeader<'significant_terms'> {
  readonly settings: Omit<SignificantTermsSettings, 'format'> & { readonly format: ValueFormatWire | null }
  readonly subsetSize: number
  readonly supersetSize: number
  readonly mapped: boolean
  readonly buckets: ReadonlyArray<
    BucketWire & { readonly key: FieldValue; readonly supersetDf: number; readonly score: number }
  >
}

/** JLHScore.getScore. */
export function jlhScore(
  subsetDf: number,
  subsetSize: number,
  supersetDf: number,
  supersetSize: number,
): number {
  if (subsetSize === 0 || supersetSize === 0) return 0
  const subsetProbability = subsetDf / subsetSize
  const supersetProbability = (supersetDf === 0 ? 1 : supersetDf) / supersetSize
  const absoluteChange = subsetProbability - supersetProbability
  if (absoluteChange <= 0) return 0
  return absoluteChange * (subsetProbability / supersetProbability)
}

/** Best score first; equal scores by key. */
const bySignificance = (a: SignificantBucket, b: SignificantBucket): number =>
  b.score - a.score || compareKeys(a.key, b.key)

export class InternalSignificantTerms extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly settings: SignificantTermsSettings,
    readonly subsetSize: number,
    readonly supersetSize: number,
    readonly buckets: readonly SignificantBucket[],
    /** false: UnmappedSignificantTerms (the field is not mapped on the shard), sizes 0, printing `buckets` alone. */
    readonly mapped: boolean,
  ) {
    super(name, meta)
  }

  // Buckets are whole literals (not readBucket/writeBucket spread and given a key): V8 copies a spread object
  // given keys it lacks on a slow runtime path, microseconds a bucket.
  static readFrom(wire: SignificantTermsWire, read: ReadAggregations): InternalSignificantTerms {
    return new InternalSignificantTerms(
      wire.name,
      readMeta(wire.meta),
      { ...wire.settings, format: readValueFormat(wire.settings.format) },
      wire.subsetSize,
      wire.supersetSize,
      wire.buckets.map((b) => ({
        docCount: b.docCount,
        aggs: read(b.aggs),
        key: b.key,
        supersetDf: b.supersetDf,
        score: b.score,
      })),
      wire.mapped,
    )
  }

  writeTo(): SignificantTermsWire {
    return {
      ...this.header('significant_terms'),
      settings: { ...this.settings, format: writeValueFormat(this.settings.format) },
      subsetSize: this.subsetSize,
      supersetSize: this.supersetSize,
      buckets: this.buckets.map((b) => ({
        docCount: b.docCount,
        aggs: b.aggs.map((agg) => agg.writeTo()),
        key: b.key,
        supersetDf: b.supersetDf,
        score: b.score,
      })),
      mapped: this.mapped,
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const parts = all as readonly InternalSignificantTerms[]
    // InternalAggregations.reduce leads with a mapped result when there is one
    const settings = (parts.find((p) => p.buckets.length > 0) ?? parts.find((p) => p.mapped) ?? this).settings
    const subsetSize = parts.reduce((n, p) => n + p.subsetSize, 0)
    const supersetSize = parts.reduce((n, p) => n + p.supersetSize, 0)
    const groups = groupByKey(parts)
    const kept = [...groups]
      .map(([key, group]): SignificantBucket => {
        const merged = reduceBucket(group, context)
        const supersetDf = group.reduce((n, b) => n + b.supersetDf, 0)
        const score = jlhScore(merged.docCount, subsetSize, supersetDf, supersetSize)
        return { key, ...merged, supersetDf, score }
      })
      .filter((b) => b.score > 0 && b.docCount >= settings.minDocCount)
      .sort(bySignificance)
      .slice(0, settings.size)
    context.buckets.accept(kept.length)
    const mapped = parts.some((p) => p.mapped)
    return new InternalSignificantTerms(
      this.name,
      this.meta,
      settings,
      subsetSize,
      supersetSize,
      kept,
      mapped,
    )
  }

  override pipelineBuckets(): Array<{ bucket: SignificantBucket; key: FieldValue; keyAsString: string }> {
    const { valueType, format } = this.settings
    return this.buckets.map((bucket) => termPipelineBucket(bucket, valueType, format))
  }

  override withBuckets(buckets: readonly SignificantBucket[]): InternalSignificantTerms {
    const { settings, subsetSize, supersetSize, mapped } = this
    return new InternalSignificantTerms(
      this.name,
      this.meta,
      settings,
      subsetSize,
      supersetSize,
      buckets,
      mapped,
    )
  }

  /** SignificantStringTerms (keywords and ip addresses), SignificantLongTerms or UnmappedSignificantTerms. */
  getType(): string {
    return !this.mapped ? 'umsigterms' : this.settings.valueType === 'long' ? 'siglterms' : 'sigsterms'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    const { valueType, format } = this.settings
    if (this.mapped) {
      out.set('doc_count', this.subsetSize)
      out.set('bg_count', this.supersetSize)
    }
    out.set(
      'buckets',
      this.buckets.map((bucket) => {
        const key = termKeyEntries(bucket.key, valueType, format)
        const rendered = bucketToXContent(key, bucket, params)
        // SignificantTerms.Bucket: score and bg_count follow doc_count, before the sub-aggregations
        const entries = [...rendered]
        rendered.clear()
        for (const [k, v] of entries) {
          rendered.set(k, v)
          if (k === 'doc_count') {
            rendered.set('score', new JavaDouble(bucket.score))
            rendered.set('bg_count', bucket.supersetDf)
          }
        }
        return rendered
      }),
    )
  }
}

/**
 * A shard's buckets (MapStringTermsAggregator's SignificantTermsResults): each foreground group in at least
 * `shard_min_doc_count` (and at least one) documents, scored by JLH against its background frequency, the best
 * `shardSize` by score with their sub-aggregations collected.
 */
export function significantShardBuckets(
  shard: ShardContext,
  subs: readonly AggregationBuilder[],
  groups: ReadonlyMap<FieldValue, readonly number[]>,
  sizes: {
    subsetSize: number
    supersetSize: number
    supersetDf: (key: FieldValue) => number
    shardMinDocCount: number
    shardSize: number
  },
): SignificantBucket[] {
  const { subsetSize, supersetSize, supersetDf, shardMinDocCount, shardSize } = sizes
  return [...groups]
    .filter(([, bucketDocs]) => bucketDocs.length >= Math.max(shardMinDocCount, 1))
    .map(([key, bucketDocs]) => {
      const df = supersetDf(key)
      const score = jlhScore(bucketDocs.length, subsetSize, df, supersetSize)
      return { key, bucketDocs, docCount: bucketDocs.length, supersetDf: df, score, aggs: [] }
    })
    .sort(bySignificance)
    .slice(0, shardSize)
    .map(({ key, bucketDocs, supersetDf: df, score }) => ({
      key,
      ...shardBucket(subs, shard, bucketDocs),
      supersetDf: df,
      score,
    }))
}

/** The bucket counts significant_terms and significant_text parse: their BucketCountThresholds and its defaults. */
export interface SignificanceThresholds {
  size: number
  shardSize: number
  minDocCount: number
  shardMinDocCount: number
}

/**
 * SignificantTermsAggregationBuilder's and SignificantTextAggregationBuilder's BucketCountThresholds: size 10,
 * min_doc_count 3, shard_min_doc_count 0, shard_size by default 2 * (size * 1.5 + 10) and, when given, taken as it
 * is (their factories' ensureValidity does not raise it to size); its error text has two spaces, as ES's.
 */
export function significanceThresholds(params: AggregationParams, name: string): SignificanceThresholds {
  const size = positive(params, 'size', 'size', name, 1) ?? 10
  return {
    size,
    shardSize:
      positive(params, 'shard_size', 'shardSize', name, 1, 'greater than  0') ??
      2 * Math.trunc(size * 1.5 + 10),
    minDocCount: positive(params, 'min_doc_count', 'minDocCount', name, 0) ?? 3,
    shardMinDocCount: positive(params, 'shard_min_doc_count', 'shardMinDocCount', name, 0) ?? 0,
  }
}

/** The background set: the shard's documents, or those `background_filter` matches (and the matching set). */
export function backgroundDocs(
  shard: ShardContext,
  backgroundFilter: XContentObject | null,
): { matching: ReadonlySet<number> | null; background: readonly number[] } {
  const matching = backgroundFilter === null ? null : shard.filter(backgroundFilter)
  return {
    matching,
    background: matching === null ? shard.allDocs : shard.allDocs.filter((doc) => matching.has(doc)),
  }
}

const SIGNIFICANT_TERMS_KEYS = [
  'field',
  'size',
  'shard_size',
  'min_doc_count',
  'shard_min_doc_count',
  'include',
  'exclude',
  'background_filter',
  'execution_hint',
  'jlh',
  'format',
  'value_type',
  'script',
]

export const significantTermsParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('significant_terms', body, SIGNIFICANT_TERMS_KEYS)
  const field = params.valuesSource('keyword')
  const { size, shardSize, minDocCount, shardMinDocCount } = significanceThresholds(params, name)
  const include = params.raw('include')
  const exclude = params.raw('exclude')
  const includeExclude = parseIncludeExclude(params)
  const backgroundFilter = params.object('background_filter')
  params.object('jlh')
  return {
    name,
    type: 'significant_terms',
    meta,
    subs,
    // SignificantTermsAggregationBuilder parses its background_filter with the request
    checkQueries: (parse) => {
      if (backgroundFilter !== null) parse(backgroundFilter)
    },
    collect(shard, docs) {
      const config = resolveValues(shard, field, undefined, 'significant_terms')
      const type = config.info?.type
      if (type === 'geo_point') throw unsupportedValuesSourceType(field, type, 'significant_terms')
      checkRegexIncludeExclude(name, type, include, exclude)
      if (type === 'double') {
        throw new EsException({
          type: 'unsupported_operation_exception',
          reason: 'No support for examining floating point numerics',
          status: 500,
          rootCause: false,
        })
      }
      const settings: SignificantTermsSettings = {
        size,
        minDocCount,
        valueType:
          type === 'ip' || type === 'version'
            ? type
            : type === 'keyword' || type === undefined
              ? 'string'
              : 'long',
        format: type === 'boolean' ? BOOLEAN_FORMAT : (config.info?.format ?? null),
      }
      if (config.info === null) return new InternalSignificantTerms(name, meta, settings, 0, 0, [], false)
      const accept = includeExclude(settings.valueType, dateParseLong(settings.format, shard.now))
      const term = (value: FieldValue): FieldValue =>
        type === 'ip' && typeof value === 'string'
          ? formatTerm(value)
          : type === 'version' && typeof value === 'string'
            ? decodeVersion(value)
            : value
      const foreground = new DocGroups<FieldValue>()
      for (const doc of docs)
        for (const value of config.values(doc)) if (accept(term(value))) foreground.add(value, doc)
      const { background } = backgroundDocs(shard, backgroundFilter)
      const supersetDfs = new Map<FieldValue, number>()
      for (const doc of background) {
        for (const value of new Set(config.values(doc))) {
          if (foreground.groups.has(value)) supersetDfs.set(value, (supersetDfs.get(value) ?? 0) + 1)
        }
      }
      const buckets = significantShardBuckets(shard, subs, foreground.groups, {
        subsetSize: docs.length,
        supersetSize: background.length,
        supersetDf: (key) => supersetDfs.get(key) ?? 0,
        shardMinDocCount,
        shardSize,
      })
      return new InternalSignificantTerms(name, meta, settings, docs.length, background.length, buckets, true)
    },
  }
}
