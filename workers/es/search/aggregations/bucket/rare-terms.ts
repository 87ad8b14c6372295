/**
 * `rare_terms` as ES 8's RareTermsAggregationBuilder, the String/LongRareTermsAggregator and InternalMappedRareTerms
 * collect, reduce and print it.
 *
 * Shard: every distinct value of the matching documents (passing `include` / `exclude`) is counted; values in at
 * most `max_doc_count` documents (default 1, 1 to 100) are buckets, the others go to the shard's filter (ES's
 * SetBackedScalingCuckooFilter, an exact set below its 10,000-term threshold, which the playground keeps at any size).
 * Reduce: one key's buckets merged; a bucket is kept when its doc count is still at most `max_doc_count` and no
 * shard filtered its key; buckets are sorted by doc count ascending, then key ascending.
 * Output: `{"buckets": [{"key": k, ["key_as_string": ...,] "doc_count": n, ...sub-aggregations}]}`, keys as the
 * terms aggregation prints them (strings; longs with key_as_string for dates and booleans; ip addresses as text).
 * Floating-point fields are refused; a regular-expression include/exclude applies to keyword fields only.
 * Wire form: the settings (max_doc_count, value type, format), the buckets with their keys, and the filter's keys.
 */
import { decodeVersion } from '../../../index/mapper/version-field.ts'
import { illegalArgumentException, xContentParseException } from '../../../errors/index.ts'
import type { JsonOut, XContentObject } from '../../../xcontent/index.ts'
import { formatTerm } from '../../../common/network/inet-addresses.ts'
import type { FieldValue, ValueFormat } from '../aggregation-context.ts'
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
import { termKeyEntries, termPipelineBucket } from './terms.ts'
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

const MAX_MAX_DOC_COUNT = 100

/** StringRareTerms (`ip`: address terms printed as text) or LongRareTerms. */
type RareTermsValueType = 'string' | 'ip' | 'version' | 'long'

export interface RareTermsBucket extends Bucket {
  key: FieldValue
}

export interface RareTermsSettings {
  maxDocCount: number
  valueType: RareTermsValueType
  format: ValueFormat | null
  /** false: UnmappedRareTerms (the field is not mapped on the shard and there is no `missing`). */
  mapped: boolean
}

export interface RareTermsWire extends AggregationWireHeader<'rare_terms'> {
  readonly settings: Omit<RareTermsSettings, 'format'> & { readonly format: ValueFormatWire | null }
  readonly buckets: ReadonlyArray<BucketWire & { readonly key: FieldValue }>
  readonly filtered: readonly FieldValue[]
}

export class InternalRareTerms extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly settings: RareTermsSettings,
    readonly buckets: readonly RareTermsBucket[],
    /** The keys seen in more than max_doc_count documents (the cuckoo filter). */
    readonly filtered: readonly FieldValue[],
  ) {
    super(name, meta)
  }

  // Buckets are whole literals (not readBucket/writeBucket spread and given a key): V8 copies a spread object
  // given keys it lacks on a slow runtime path, microseconds a bucket.
  static readFrom(wire: RareTermsWire, read: ReadAggregations): InternalRareTerms {
    return new InternalRareTerms(
      wire.name,
      readMeta(wire.meta),
      { ...wire.settings, format: readValueFormat(wire.settings.format) },
      wire.buckets.map((b) => ({ docCount: b.docCount, aggs: read(b.aggs), key: b.key })),
      [...wire.filtered],
    )
  }

  writeTo(): RareTermsWire {
    return {
      ...this.header('rare_terms'),
      settings: { ...this.settings, format: writeValueFormat(this.settings.format) },
      buckets: this.buckets.map((b) => ({
        docCount: b.docCount,
        aggs: b.aggs.map((agg) => agg.writeTo()),
        key: b.key,
      })),
      filtered: [...this.filtered],
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const parts = all as readonly InternalRareTerms[]
    // InternalAggregations.reduce leads with a mapped result when there is one
    const settings = (parts.find((p) => p.buckets.length > 0) ?? parts.find((p) => p.settings.mapped) ?? this)
      .settings
    const filtered = new Set(parts.flatMap((p) => p.filtered))
    const groups = groupByKey(parts)
    const rare: RareTermsBucket[] = []
    for (const [key, group] of groups) {
      const merged = { key, ...reduceBucket(group, context) }
      if (merged.docCount <= settings.maxDocCount && !filtered.has(key)) rare.push(merged)
      else if (merged.docCount > settings.maxDocCount) filtered.add(key)
    }
    context.buckets.accept(rare.length)
    rare.sort((a, b) => a.docCount - b.docCount || compareKeys(a.key, b.key))
    return new InternalRareTerms(this.name, this.meta, settings, rare, [...filtered])
  }

  override pipelineBuckets(): Array<{ bucket: RareTermsBucket; key: FieldValue; keyAsString: string }> {
    const { valueType, format } = this.settings
    return this.buckets.map((bucket) => termPipelineBucket(bucket, valueType, format))
  }

  override withBuckets(buckets: readonly RareTermsBucket[]): InternalRareTerms {
    return new InternalRareTerms(this.name, this.meta, this.settings, buckets, this.filtered)
  }

  /** StringRareTerms (keywords and ip addresses), LongRareTerms or UnmappedRareTerms. */
  getType(): string {
    const { mapped, valueType } = this.settings
    return !mapped ? 'umrareterms' : valueType === 'long' ? 'lrareterms' : 'srareterms'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    const { valueType, format } = this.settings
    out.set(
      'buckets',
      this.buckets.map((bucket) => {
        const key = termKeyEntries(bucket.key, valueType, format)
        return bucketToXContent(key, bucket, params)
      }),
    )
  }
}

const RARE_TERMS_KEYS = [
  'field',
  'missing',
  'script',
  'value_type',
  'format',
  'max_doc_count',
  'precision',
  'include',
  'exclude',
]

/** A builder setter's refusal inside the ObjectParser, which names the field. */
function fieldFailure(key: string, reason: string) {
  return xContentParseException(
    1,
    1,
    `[rare_terms] failed to parse field [${key}]`,
    illegalArgumentException(reason),
  )
}

export const rareTermsParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('rare_terms', body, RARE_TERMS_KEYS)
  const field = params.valuesSource('keyword')
  const maxDocCount = params.int('max_doc_count') ?? 1
  if (maxDocCount <= 0)
    throw fieldFailure(
      'max_doc_count',
      `[max_doc_count] must be greater than 0. Found [${maxDocCount}] in [${name}]`,
    )
  // RareTermsAggregationBuilder.maxDocCount's message, spaces as ES writes them
  if (maxDocCount > MAX_MAX_DOC_COUNT)
    throw fieldFailure(
      'max_doc_count',
      `[max_doc_count] must be smallerthan ${MAX_MAX_DOC_COUNT}in [${name}]`,
    )
  const precision = params.number('precision')
  if (precision !== null && precision < 0.00001)
    throw fieldFailure('precision', '[precision] must be greater than 0.00001')
  const include = params.raw('include')
  const exclude = params.raw('exclude')
  const includeExclude = parseIncludeExclude(params)
  return {
    name,
    type: 'rare_terms',
    meta,
    subs,
    collect(shard, docs) {
      const config = resolveValues(shard, field, params.raw('missing'), 'rare_terms')
      const type = config.info?.type
      if (type === 'geo_point') throw unsupportedValuesSourceType(field, type, 'rare_terms')
      checkRegexIncludeExclude(name, type, include, exclude)
      if (type === 'double')
        throw illegalArgumentException('RareTerms aggregation does not support floating point fields.')
      const settings: RareTermsSettings = {
        maxDocCount,
        valueType:
          type === 'ip' || type === 'version'
            ? type
            : type === 'keyword' || typeof config.missing === 'string'
              ? 'string'
              : 'long',
        format: type === 'boolean' ? BOOLEAN_FORMAT : (config.info?.format ?? null),
        mapped: config.info !== null || config.missing !== null,
      }
      const accept = includeExclude(settings.valueType, dateParseLong(settings.format, shard.now))
      // include / exclude name an ip's addresses by their text and a boolean's values as true / false
      const term = (value: FieldValue): FieldValue =>
        type === 'ip' && typeof value === 'string'
          ? formatTerm(value)
          : type === 'version' && typeof value === 'string'
            ? decodeVersion(value)
            : type === 'boolean' && typeof value === 'number'
              ? String(value !== 0)
              : value
      const groups = new DocGroups<FieldValue>()
      for (const doc of docs)
        for (const value of config.values(doc)) if (accept(term(value))) groups.add(value, doc)
      const buckets: RareTermsBucket[] = []
      const filtered: FieldValue[] = []
      for (const [key, bucketDocs] of groups.groups) {
        if (bucketDocs.length > maxDocCount) filtered.push(key)
        else buckets.push({ key, ...shardBucket(subs, shard, bucketDocs) })
      }
      return new InternalRareTerms(name, meta, settings, buckets, filtered)
    },
  }
}
