/**
 * `multi_terms` as x-pack analytics' MultiTermsAggregationBuilder, MultiTermsAggregator and InternalMultiTerms
 * parse, collect, reduce and print it: `terms` (2 to 128 field configs: field or script, missing, format,
 * time_zone, value_type), size, shard_size, order, min_doc_count (at least 1), shard_min_doc_count,
 * show_term_doc_count_error and collect_mode.
 *
 * Shard: each term's values come from multi-terms-source.ts; a document with a value in every term makes one
 * bucket per combination of its (distinct) values (the cartesian product, in term order); every bucket's doc count
 * adds to sum_other_doc_count, those below shard_min_doc_count are dropped, the best shard_size by `order` are kept
 * and their counts taken back out. shard_size defaults to size · 1.5 + 10 (size for `_key` orders) and is never
 * below size.
 * Reduce: AbstractInternalTerms' (terms-reduce.ts), the key compared term by term (TermsComparator); a term that
 * is a long on one shard and a double on another is promoted to double. A shard result carries the error 0, so
 * under a `_count` desc order a shard adds nothing to doc_count_error_upper_bound (other orders: unbounded, -1,
 * once a shard returned shard_size buckets).
 * Output: each bucket's `key` is the list of its terms as their KeyConverter gives them (keywords and ip addresses
 * as text, longs as numbers, doubles as doubles, booleans as true/false, dates and `format`ted numbers as their
 * formatted text); `key_as_string` joins their texts with `|`.
 * Wire form: the settings (order, sizes, min_doc_count, each term's KeyConverter and DocValueFormat), the buckets
 * with their key lists and errors, sum_other_doc_count and the error bound.
 */
import { decodeVersion } from '../../../index/mapper/version-field.ts'
import { EsException, illegalArgumentException, xContentParseException } from '../../../errors/index.ts'
import { JavaDouble, javaDoubleToString, type JsonOut, type XContentObject } from '../../../xcontent/index.ts'
import { formatTerm } from '../../../common/network/inet-addresses.ts'
import type { FieldValue, ValueFormat } from '../aggregation-context.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams, tokenName } from '../aggregation-params.ts'
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
import { parseFieldConfig, type FieldConfig } from '../multi-values-source.ts'
import { termValues, type KeyConverter } from './multi-terms-source.ts'
import {
  COUNT_DESC,
  bucketComparator,
  compareKeys,
  isKeyOrder,
  parseOrder,
  shardTopBuckets,
} from './bucket-order.ts'
import { DocGroups, bucketToXContent, type BucketWire } from './internal-bucket.ts'
import { positive } from './terms.ts'
import { reduceTermsBuckets, type ErrorBucket, type TermsReduceSettings } from './terms-reduce.ts'

const TYPE = 'multi_terms'
const MAX_TERMS_SIZE = 128

export interface MultiTermsBucket extends ErrorBucket {
  key: readonly FieldValue[]
}

export interface MultiTermsSettings extends TermsReduceSettings {
  readonly converters: readonly KeyConverter[]
  readonly formats: ReadonlyArray<ValueFormat | null>
}

export interface MultiTermsWire extends AggregationWireHeader<'multi_terms'> {
  readonly settings: Omit<MultiTermsSettings, 'formats'> & {
    readonly formats: ReadonlyArray<ValueFormatWire | null>
  }
  readonly buckets: ReadonlyArray<
    BucketWire & { readonly key: readonly FieldValue[]; readonly docCountError: number }
  >
  readonly otherDocCount: number
  readonly docCountError: number
}

/** A key's identity (the packed BytesRef ES keys its buckets by): -0.0 and 0.0 differ, 1 and "1" too. */
function keyIdentity(key: readonly FieldValue[]): string {
  return JSON.stringify(key.map((v) => (typeof v === 'number' ? [Object.is(v, -0) ? '-0' : String(v)] : v)))
}

/** TermsComparator: term by term, bytes in UTF-8 order and numbers by value. */
function compareTermLists(a: { key: readonly FieldValue[] }, b: { key: readonly FieldValue[] }): number {
  for (let i = 0; i < a.key.length; i++) {
    const d = compareKeys(a.key[i]!, b.key[i]!)
    if (d !== 0) return d
  }
  return 0
}

export class InternalMultiTerms extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly settings: MultiTermsSettings,
    readonly buckets: readonly MultiTermsBucket[],
    readonly otherDocCount: number,
    readonly docCountError: number,
  ) {
    super(name, meta)
  }

  // Buckets are whole literals (not readBucket/writeBucket spread and given a key): V8 copies a spread object
  // given keys it lacks on a slow runtime path, microseconds a bucket.
  static readFrom(wire: MultiTermsWire, read: ReadAggregations): InternalMultiTerms {
    const settings = { ...wire.settings, formats: wire.settings.formats.map(readValueFormat) }
    const buckets = wire.buckets.map((b) => ({
      docCount: b.docCount,
      aggs: read(b.aggs),
      key: [...b.key],
      docCountError: b.docCountError,
    }))
    return new InternalMultiTerms(
      wire.name,
      readMeta(wire.meta),
      settings,
      buckets,
      wire.otherDocCount,
      wire.docCountError,
    )
  }

  writeTo(): MultiTermsWire {
    return {
      ...this.header('multi_terms'),
      settings: { ...this.settings, formats: this.settings.formats.map(writeValueFormat) },
      buckets: this.buckets.map((b) => ({
        docCount: b.docCount,
        aggs: b.aggs.map((agg) => agg.writeTo()),
        key: [...b.key],
        docCountError: b.docCountError,
      })),
      otherDocCount: this.otherDocCount,
      docCountError: this.docCountError,
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const parts = all as readonly InternalMultiTerms[]
    const first = parts.find((p) => p.buckets.length > 0)?.settings ?? this.settings
    // needsPromotionToDouble: a term that is a long on one shard and a double on another reduces as doubles
    const converters = first.converters.map((converter, i): KeyConverter => {
      const on = (c: KeyConverter) => parts.some((p) => p.settings.converters[i] === c)
      return on('long') && on('double') ? 'double' : converter
    })
    const settings = { ...first, converters }
    const compare = bucketComparator<MultiTermsBucket>(settings.order, compareTermLists)
    const reduced = reduceTermsBuckets(parts, settings, (b) => keyIdentity(b.key), compare, context)
    const { buckets, otherDocCount, docCountError } = reduced
    return new InternalMultiTerms(this.name, this.meta, settings, buckets, otherDocCount, docCountError)
  }

  /** Bucket.getKey: each term through its KeyConverter and DocValueFormat. */
  private keyOut(key: readonly FieldValue[]): JsonOut[] {
    return key.map((term, i) => {
      const converter = this.settings.converters[i]
      const format = this.settings.formats[i] ?? null
      if (typeof term === 'string') return stringKey(converter, term)
      if (format === BOOLEAN_FORMAT) return term !== 0
      if (format !== null) return format.format(term)
      return converter === 'double' ? new JavaDouble(term) : term
    })
  }

  /** Bucket.getKeyAsString: the converted terms' toString, joined with '|'. */
  private keyAsString(key: readonly FieldValue[]): string {
    return key
      .map((term, i) => {
        const format = this.settings.formats[i] ?? null
        if (typeof term === 'string') return stringKey(this.settings.converters[i], term)
        if (format !== null) return format.format(term)
        return this.settings.converters[i] === 'double' ? javaDoubleToString(term) : String(term)
      })
      .join('|')
  }

  override pipelineBuckets(): Array<{
    bucket: MultiTermsBucket
    key: readonly FieldValue[]
    keyAsString: string
  }> {
    return this.buckets.map((bucket) => ({
      bucket,
      key: bucket.key,
      keyAsString: this.keyAsString(bucket.key),
    }))
  }

  override withBuckets(buckets: readonly MultiTermsBucket[]): InternalMultiTerms {
    const { settings, otherDocCount, docCountError } = this
    return new InternalMultiTerms(this.name, this.meta, settings, buckets, otherDocCount, docCountError)
  }

  getType(): string {
    return 'multi_terms'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    out.set('doc_count_error_upper_bound', this.docCountError)
    out.set('sum_other_doc_count', this.otherDocCount)
    out.set(
      'buckets',
      this.buckets.map((bucket) => {
        const rendered = bucketToXContent(
          [
            ['key', this.keyOut(bucket.key)],
            ['key_as_string', this.keyAsString(bucket.key)],
          ],
          bucket,
          params,
        )
        if (!this.settings.showTermDocCountError) return rendered
        const withError = new Map<string, JsonOut>()
        for (const [k, v] of rendered) {
          withError.set(k, v)
          if (k === 'doc_count') withError.set('doc_count_error_upper_bound', bucket.docCountError)
        }
        return withError
      }),
    )
  }
}

/** Every combination of one value per list, the first list varying slowest. */
function combinations(lists: ReadonlyArray<readonly FieldValue[]>): FieldValue[][] {
  let out: FieldValue[][] = [[]]
  for (const list of lists) out = out.flatMap((prefix) => list.map((value) => [...prefix, value]))
  return out
}

const MULTI_TERMS_KEYS = [
  'terms',
  'size',
  'shard_size',
  'min_doc_count',
  'shard_min_doc_count',
  'order',
  'show_term_doc_count_error',
  'collect_mode',
]

/** A builder setter's refusal inside the ObjectParser, which names the field. */
function fieldFailure(key: string, cause: EsException): EsException {
  return xContentParseException(1, 1, `[${TYPE}] failed to parse field [${key}]`, cause)
}

function parseTerms(params: AggregationParams, name: string): FieldConfig[] {
  const raw = params.raw('terms')
  if (raw !== undefined && raw !== null && !(raw instanceof Map) && !Array.isArray(raw))
    throw xContentParseException(1, 1, `[${TYPE}] terms doesn't support values of type: ${tokenName(raw)}`)
  // declareObjectArray takes a lone object as a list of one
  const entries = raw === undefined || raw === null ? [] : raw instanceof Map ? [raw] : raw
  const configs = entries.map((entry) => {
    if (!(entry instanceof Map))
      throw xContentParseException(
        1,
        1,
        `[${TYPE}] terms doesn't support values of type: ${tokenName(entry)}`,
      )
    return parseFieldConfig(TYPE, 'terms', entry, {
      scriptable: true,
      timezoneAware: true,
      heterogeneous: true,
      scriptDefault: 'keyword',
    })
  })
  if (configs.length < 2) {
    const hint = configs.length === 1 ? ' For a single field user terms aggregation.' : ''
    throw fieldFailure(
      'terms',
      illegalArgumentException(
        `The [terms] parameter in the aggregation [${name}] must be present and have at least 2 fields or scripts.${hint}`,
      ),
    )
  }
  if (configs.length > MAX_TERMS_SIZE) {
    throw fieldFailure(
      'terms',
      illegalArgumentException(
        `The [terms] parameter in the aggregation [${name}] cannot have more than ${MAX_TERMS_SIZE} fields or scripts. Found [${configs.length}].`,
      ),
    )
  }
  return configs
}

function checkCollectMode(params: AggregationParams): void {
  const mode = params.string('collect_mode')
  if (mode === null || mode === 'depth_first' || mode === 'breadth_first') return
  throw fieldFailure(
    'collect_mode',
    new EsException({
      type: 'parse_exception',
      reason: `no [collect_mode] found for value [${mode}]`,
      status: 400,
    }),
  )
}

export const multiTermsParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams(TYPE, body, MULTI_TERMS_KEYS)
  const terms = parseTerms(params, name)
  const size = positive(params, 'size', 'size', name, 1) ?? 10
  const minDocCount =
    positive(params, 'min_doc_count', 'minDocCount', name, 1, 'greater than or equal to 1') ?? 1
  const requestedShardSize = positive(params, 'shard_size', 'shardSize', name, 1)
  const shardMinDocCount = Math.min(
    positive(params, 'shard_min_doc_count', 'shardMinDocCount', name, 0) ?? 0,
    minDocCount,
  )
  const order = parseOrder(params.raw('order'), COUNT_DESC)
  const showTermDocCountError = params.boolean('show_term_doc_count_error') ?? false
  checkCollectMode(params)
  // MultiTermsAggregationFactory: the default shard_size heuristic unless the order is by key; ensureValidity
  const defaultShardSize = isKeyOrder(order) ? size : Math.trunc(size * 1.5 + 10)
  const shardSize = Math.max(requestedShardSize ?? defaultShardSize, size)
  return {
    name,
    type: TYPE,
    meta,
    subs,
    collect(shard, docs) {
      const sources = terms.map((config) => termValues(shard, config))
      const settings: MultiTermsSettings = {
        order,
        size,
        shardSize,
        minDocCount,
        showTermDocCountError,
        converters: sources.map((s) => s.converter),
        formats: sources.map((s) => s.format),
      }
      const keys = new Map<string, FieldValue[]>()
      const groups = new DocGroups<string>()
      for (const doc of docs) {
        const lists = sources.map((source) => source.values(doc))
        if (lists.some((list) => list.length === 0)) continue
        for (const key of combinations(lists)) {
          const id = keyIdentity(key)
          if (!keys.has(id)) keys.set(id, key)
          groups.add(id, doc)
        }
      }
      let otherDocCount = 0
      const candidates: Array<{ bucket: MultiTermsBucket; docs: number[] }> = []
      for (const [id, bucketDocs] of groups.groups) {
        otherDocCount += bucketDocs.length
        if (bucketDocs.length < shardMinDocCount) continue
        const bucket = { key: keys.get(id)!, docCount: bucketDocs.length, docCountError: 0, aggs: [] }
        candidates.push({ bucket, docs: bucketDocs })
      }
      const compare = bucketComparator<MultiTermsBucket>(order, compareTermLists)
      const top = shardTopBuckets(candidates, order, compare, shardSize, subs, shard, otherDocCount)
      // MultiTermsAggregator.buildResult gives a shard result the error 0, which the reduce then takes as the
      // shard's error under a `_count` desc order (terms leaves it null: the smallest doc count)
      return new InternalMultiTerms(name, meta, settings, top.buckets, top.otherDocCount, 0)
    },
  }
}

/** A string term's key: an ip's address text, a version's decoded text, a keyword as it is. */
function stringKey(converter: KeyConverter | undefined, term: string): string {
  return converter === 'ip' ? formatTerm(term) : converter === 'version' ? decodeVersion(term) : term
}
