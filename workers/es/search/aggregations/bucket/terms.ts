/**
 * `terms` as ES 8 collects and reduces it.
 *
 * Shard: every distinct value of the matching documents is a bucket (a document counts once per bucket); with
 * min_doc_count 0 every value of the shard's live documents is one too, empty when no matching document has it;
 * buckets below shard_min_doc_count are dropped, the best shard_size by `order` are returned and the doc
 * counts of all the others, the dropped ones included, add up to sum_other_doc_count. shard_size defaults to
 * size · 1.5 + 10 (size for `_key` orders) and is never below size.
 * Reduce: AbstractInternalTerms' (terms-reduce.ts), with doc_count_error_upper_bound and sum_other_doc_count.
 * Keys: strings for keywords; longs for long/date/boolean fields with key_as_string for dates and booleans;
 * doubles for floating-point fields.
 * Wire form: the settings (order, sizes, min_doc_count, value type, format, whether mapped), the buckets with their keys
 * and errors, sum_other_doc_count and the error bound (null on a shard result, which has none yet).
 */
import { decodeVersion } from '../../../index/mapper/version-field.ts'
import { illegalArgumentException } from '../../../errors/index.ts'
import { JavaDouble, javaDoubleToString, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
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
import {
  noCustomFormat,
  patternFormat,
  resolveValues,
  sourceField,
  unsupportedValuesSourceType,
} from '../values-source.ts'
import {
  COUNT_DESC,
  bucketComparator,
  isKeyOrder,
  parseOrder,
  shardTopBuckets,
  type BucketOrder,
} from './bucket-order.ts'
import { checkRegexIncludeExclude, dateParseLong, parseIncludeExclude } from './include-exclude.ts'
import { reduceTermsBuckets } from './terms-reduce.ts'
import { DocGroups, bucketToXContent, type Bucket, type BucketWire } from './internal-bucket.ts'

/**
 * StringTerms (`ip`: its keys are address terms, printed with DocValueFormat.IP; `version`: encoded version terms,
 * printed decoded with VERSION_DOCVALUE), LongTerms, DoubleTerms.
 */
export type TermsValueType = 'string' | 'ip' | 'version' | 'long' | 'double'

export interface TermsBucket extends Bucket {
  key: FieldValue
  docCountError: number
}

export interface TermsSettings {
  order: BucketOrder
  size: number
  shardSize: number
  minDocCount: number
  showTermDocCountError: boolean
  valueType: TermsValueType
  format: ValueFormat | null
  /** false: UnmappedTerms (the field is not mapped on the shard and there is no `missing`). */
  mapped: boolean
}

export interface TermsWire extends AggregationWireHeader<'terms'> {
  readonly settings: Omit<TermsSettings, 'format'> & { readonly format: ValueFormatWire | null }
  readonly buckets: ReadonlyArray<BucketWire & { readonly key: FieldValue; readonly docCountError: number }>
  readonly otherDocCount: number
  readonly docCountError: number | null
}

export class InternalTerms extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly settings: TermsSettings,
    readonly buckets: readonly TermsBucket[],
    readonly otherDocCount: number,
    readonly docCountError: number | null,
  ) {
    super(name, meta)
  }

  static readFrom(wire: TermsWire, read: ReadAggregations): InternalTerms {
    const settings = { ...wire.settings, format: readValueFormat(wire.settings.format) }
    // Buckets are whole literals, not readBucket/writeBucket spread and given a key: V8 copies a spread
    // object given keys it lacks on a slow runtime path, microseconds a bucket.
    const buckets = wire.buckets.map((b) => ({
      docCount: b.docCount,
      aggs: read(b.aggs),
      key: b.key,
      docCountError: b.docCountError,
    }))
    return new InternalTerms(
      wire.name,
      readMeta(wire.meta),
      settings,
      buckets,
      wire.otherDocCount,
      wire.docCountError,
    )
  }

  writeTo(): TermsWire {
    return {
      type: 'terms',
      name: this.name,
      meta: this.wireMeta(),
      settings: { ...this.settings, format: writeValueFormat(this.settings.format) },
      buckets: this.buckets.map((b) => ({
        docCount: b.docCount,
        aggs: b.aggs.map((agg) => agg.writeTo()),
        key: b.key,
        docCountError: b.docCountError,
      })),
      otherDocCount: this.otherDocCount,
      docCountError: this.docCountError,
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const parts = all as readonly InternalTerms[]
    // InternalAggregations.reduce leads with a mapped result when there is one
    const settings = (parts.find((p) => p.buckets.length > 0) ?? parts.find((p) => p.settings.mapped) ?? this)
      .settings
    const compare = bucketComparator<TermsBucket>(settings.order)
    const reduced = reduceTermsBuckets(parts, settings, (b) => b.key, compare, context)
    const { buckets, otherDocCount, docCountError } = reduced
    return new InternalTerms(this.name, this.meta, settings, buckets, otherDocCount, docCountError)
  }

  override pipelineBuckets(): Array<{ bucket: TermsBucket; key: FieldValue; keyAsString: string }> {
    const { format, valueType } = this.settings
    return this.buckets.map((bucket) => termPipelineBucket(bucket, valueType, format))
  }

  override withBuckets(buckets: readonly TermsBucket[]): InternalTerms {
    const { settings, otherDocCount, docCountError } = this
    return new InternalTerms(this.name, this.meta, settings, buckets, otherDocCount, docCountError)
  }

  /** StringTerms (keywords and ip addresses), LongTerms, DoubleTerms or UnmappedTerms. */
  getType(): string {
    const { mapped, valueType } = this.settings
    return !mapped
      ? 'umterms'
      : valueType === 'double'
        ? 'dterms'
        : valueType === 'long'
          ? 'lterms'
          : 'sterms'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    const { valueType, format, showTermDocCountError } = this.settings
    out.set('doc_count_error_upper_bound', this.docCountError ?? 0)
    out.set('sum_other_doc_count', this.otherDocCount)
    out.set(
      'buckets',
      this.buckets.map((bucket) => {
        const rendered = bucketToXContent(termKeyEntries(bucket.key, valueType, format), bucket, params)
        if (showTermDocCountError) insertAfterDocCount(rendered, bucket.docCountError)
        return rendered
      }),
    )
  }
}

/**
 * The `key` of a terms-like bucket (terms, rare_terms, significant_terms): an ip term as its text, a double as
 * a Java double; and `key_as_string` for a number with a format (dates, booleans).
 */
export function termKeyEntries(
  key: FieldValue,
  valueType: TermsValueType,
  format: ValueFormat | null,
): Array<[string, JsonOut]> {
  const entries: Array<[string, JsonOut]> = [['key', keyOut(key, valueType)]]
  if (format !== null && typeof key === 'number') entries.push(['key_as_string', format.format(key)])
  return entries
}

/**
 * Bucket.getKeyAsString of a terms-like bucket: a string term in its DocValueFormat (termText), a number in the
 * aggregation's format, else Double.toString for double terms and the long itself for the others.
 */
function termKeyAsString(key: FieldValue, valueType: TermsValueType, format: ValueFormat | null): string {
  if (typeof key !== 'number') return termText(valueType, key)
  if (format !== null) return format.format(key)
  return valueType === 'double' ? javaDoubleToString(key) : String(key)
}

/**
 * A terms-like bucket as the pipelines see it: StringTerms.Bucket.getKey is its getKeyAsString (an ip's address,
 * a version's text), so bucket_sort's `_key` compares that text; a number's getKey is the number.
 */
export function termPipelineBucket<B extends { key: FieldValue }>(
  bucket: B,
  valueType: TermsValueType,
  format: ValueFormat | null,
): { bucket: B; key: FieldValue; keyAsString: string } {
  const keyAsString = termKeyAsString(bucket.key, valueType, format)
  return { bucket, key: typeof bucket.key === 'number' ? bucket.key : keyAsString, keyAsString }
}

/** The text of a string term: an ip's address, a version's decoded text, a keyword as it is. */
function termText(type: string | undefined, term: string): string {
  return type === 'ip' ? formatTerm(term) : type === 'version' ? decodeVersion(term) : term
}

function keyOut(key: FieldValue, valueType: TermsValueType): JsonOut {
  if (typeof key === 'string') return termText(valueType, key)
  return valueType === 'double' && typeof key === 'number' ? new JavaDouble(key) : key
}

function insertAfterDocCount(bucket: Map<string, JsonOut>, error: number): void {
  const entries = [...bucket]
  bucket.clear()
  for (const [k, v] of entries) {
    bucket.set(k, v)
    if (k === 'doc_count') bucket.set('doc_count_error_upper_bound', error)
  }
}

const TERMS_KEYS = [
  'field',
  'size',
  'shard_size',
  'min_doc_count',
  'shard_min_doc_count',
  'order',
  'include',
  'exclude',
  'missing',
  'show_term_doc_count_error',
  'execution_hint',
  'collect_mode',
  'value_type',
  'format',
  'script',
]

/** An int setting checked by its builder setter inside the ObjectParser (which names the field). */
export function positive(
  params: AggregationParams,
  key: string,
  javaName: string,
  name: string,
  min: number,
  bound = min === 1 ? 'greater than 0' : 'greater than or equal to 0',
): number | null {
  const value = params.int(key)
  if (value !== null && value < min) {
    throw params.fieldFailure(
      key,
      illegalArgumentException(`[${javaName}] must be ${bound}. Found [${value}] in [${name}]`),
    )
  }
  return value
}

/** The values types whose field types take a `format` pattern (NumberFieldType, DateFieldType). */
function isNumeric(type: string | undefined): boolean {
  return type === 'long' || type === 'double' || type === 'date'
}

export const termsParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('terms', body, TERMS_KEYS)
  const field = params.valuesSource('keyword')
  const size = positive(params, 'size', 'size', name, 1) ?? 10
  const minDocCount = positive(params, 'min_doc_count', 'minDocCount', name, 0) ?? 1
  const order = parseOrder(params.raw('order'), COUNT_DESC)
  const requestedShardSize = positive(params, 'shard_size', 'shardSize', name, 1)
  const defaultShardSize = isKeyOrder(order) ? size : Math.trunc(size * 1.5 + 10)
  const shardSize = Math.max(requestedShardSize ?? defaultShardSize, size)
  const shardMinDocCount = Math.min(
    positive(params, 'shard_min_doc_count', 'shardMinDocCount', name, 0) ?? 0,
    minDocCount,
  )
  const include = params.raw('include')
  const exclude = params.raw('exclude')
  const includeExclude = parseIncludeExclude(params)
  const showTermDocCountError = params.boolean('show_term_doc_count_error') ?? false
  return {
    name,
    type: 'terms',
    meta,
    subs,
    collect(shard, docs) {
      const config = resolveValues(shard, field, params.raw('missing'), 'terms')
      const type = config.info?.type
      // TermsAggregatorFactory registers no aggregator for geo points
      if (type === 'geo_point') throw unsupportedValuesSourceType(field, type, 'terms')
      checkRegexIncludeExclude(name, type, include, exclude)
      const fieldName = sourceField(field)
      const pattern = params.string('format')
      if (pattern !== null && fieldName !== null && config.info !== null && !isNumeric(type))
        throw noCustomFormat(shard.source.concreteName(fieldName), config.info.type)
      const settings: TermsSettings = {
        order,
        size,
        shardSize,
        minDocCount,
        showTermDocCountError,
        valueType:
          type === 'double'
            ? 'double'
            : type === 'ip' || type === 'version'
              ? type
              : type === 'keyword' || typeof config.missing === 'string'
                ? 'string'
                : 'long',
        format: type === 'boolean' ? BOOLEAN_FORMAT : patternFormat(config.info?.format ?? null, pattern),
        mapped: config.info !== null || config.missing !== null,
      }
      const groups = new DocGroups<FieldValue>()
      const accept = includeExclude(settings.valueType, dateParseLong(settings.format, shard.now))
      // include / exclude name an ip field's addresses and a version field's versions by their text
      const accepted = (value: FieldValue): boolean =>
        accept(typeof value === 'string' ? termText(type, value) : value)
      for (const doc of docs)
        for (const value of config.values(doc)) if (accepted(value)) groups.add(value, doc)
      // min_doc_count 0 fills in the blanks: every accepted value of the shard's documents is a bucket
      // (collectZeroDocEntriesIfNeeded, and the global ordinals aggregator's walk of every ordinal)
      if (minDocCount === 0)
        for (const doc of shard.allDocs)
          for (const value of config.values(doc)) if (accepted(value)) groups.addKey(value)
      // every collected bucket's documents count towards sum_other_doc_count, those under shard_min_doc_count
      // too; the returned buckets' are taken off again (the string, global ordinals and numeric aggregators)
      let otherDocCount = 0
      for (const bucketDocs of groups.groups.values()) otherDocCount += bucketDocs.length
      const candidates = [...groups.groups]
        .filter(([, bucketDocs]) => bucketDocs.length >= Math.max(shardMinDocCount, Math.min(minDocCount, 1)))
        .map(([key, bucketDocs]) => {
          const bucket: TermsBucket = { key, docCount: bucketDocs.length, docCountError: 0, aggs: [] }
          return { bucket, docs: bucketDocs }
        })
      const compare = bucketComparator<TermsBucket>(order)
      const top = shardTopBuckets(candidates, order, compare, shardSize, subs, shard, otherDocCount)
      return new InternalTerms(name, meta, settings, top.buckets, top.otherDocCount, null)
    },
  }
}
