/**
 * `composite` as ES 8's CompositeAggregationBuilder, CompositeAggregator and InternalComposite compute it.
 *
 * Request: `sources` (required, non-empty, unique names; terms, histogram, date_histogram, geotile_grid:
 * composite-source.ts), `size` (10) and `after` (a key map). Checked on the shard as CompositeAggregationBuilder.doBuild does (illegal_argument_exception): `after`
 * must have one value per source (`[after] has N value(s) but [sources] has M`), each source's
 * (`Missing value for [after.x]`), comparable (`Invalid value for [after.x], expected comparable, got [T]`, a null
 * only with missing_bucket); a size above search.max_buckets fails with too_many_buckets_exception.
 * Shard: a document's key is every combination of its sources' values (one bucket per distinct combination, a
 * document counted once in each); a source without values gives the null key with missing_bucket, else the
 * document is left out. The first `size` keys after `after`, in key order, are kept with their sub-aggregations.
 * Reduce: equal keys merge, the first `size` in key order remain; `after_key` is the last bucket's key, kept when
 * a parent pipeline (bucket_selector, bucket_sort) removes buckets, so that paging goes on.
 * Rendering: `{"after_key":{...},"buckets":[{"key":{...},"doc_count":n,...}]}`, each key value formatted by its
 * source's DocValueFormat (a string when formatted, else the term, long, double or boolean).
 * Wire form: the sources' orders, kinds and formats, size, the buckets with their keys as value arrays.
 */
import { decodeVersion } from '../../../index/mapper/version-field.ts'
import { EsException, illegalArgumentException, xContentParseException } from '../../../errors/index.ts'
import { formatTerm } from '../../../common/network/inet-addresses.ts'
import {
  JavaDouble,
  XNumber,
  javaDoubleToString,
  type JsonOut,
  type XContentObject,
} from '../../../xcontent/index.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import { AggregationParams, tokenName } from '../aggregation-params.ts'
import type { ReadAggregations } from '../aggregation-wire.ts'
import { readValueFormat, writeValueFormat, type ValueFormatWire } from '../doc-value-format.ts'
import {
  InternalAggregation,
  readMeta,
  type AggregationWireHeader,
  type ReduceContext,
  type ToXContentParams,
} from '../internal-aggregation.ts'
import { DEFAULT_MAX_BUCKETS } from '../multi-bucket-consumer.ts'
import {
  compareCompositeKeys,
  parseCompositeSource,
  type CompositeKey,
  type CompositeKeyValue,
  type KeyKind,
  type ShardSource,
  type SourceOrder,
  tileText,
} from './composite-source.ts'
import {
  DocGroups,
  bucketToXContent,
  reduceBucket,
  shardBucket,
  type Bucket,
  type BucketWire,
} from './internal-bucket.ts'

/** A key value as rendered: the term, a boolean, a formatted string, a long or a double. */
type KeyOut = string | number | boolean | null | JavaDouble

export interface CompositeBucket extends Bucket {
  key: CompositeKey
}

/** A source as the result carries it: its order and how its key values print. */
export interface ResultSource extends SourceOrder {
  readonly kind: KeyKind
  readonly format: ValueFormat | null
}

export interface CompositeWire extends AggregationWireHeader<'composite'> {
  readonly sources: ReadonlyArray<Omit<ResultSource, 'format'> & { readonly format: ValueFormatWire | null }>
  readonly size: number
  readonly buckets: ReadonlyArray<BucketWire & { readonly key: CompositeKey }>
  readonly afterKey: CompositeKey | null
}

export class InternalComposite extends InternalAggregation {
  constructor(
    name: string,
    meta: XContentObject | null,
    readonly sources: readonly ResultSource[],
    readonly size: number,
    readonly buckets: readonly CompositeBucket[],
    /** The last bucket's key, kept when a pipeline removes buckets (InternalComposite.create). */
    readonly afterKey: CompositeKey | null,
  ) {
    super(name, meta)
  }

  // Buckets are whole literals (not readBucket/writeBucket spread and given a key): V8 copies a spread object
  // given keys it lacks on a slow runtime path, microseconds a bucket.
  static readFrom(wire: CompositeWire, read: ReadAggregations): InternalComposite {
    const sources = wire.sources.map((s) => ({ ...s, format: readValueFormat(s.format) }))
    const buckets = wire.buckets.map((b) => ({ docCount: b.docCount, aggs: read(b.aggs), key: b.key }))
    const meta = readMeta(wire.meta)
    return new InternalComposite(wire.name, meta, sources, wire.size, buckets, wire.afterKey)
  }

  writeTo(): CompositeWire {
    return {
      ...this.header('composite'),
      sources: this.sources.map((s) => ({ ...s, format: writeValueFormat(s.format) })),
      size: this.size,
      buckets: this.buckets.map((b) => ({
        docCount: b.docCount,
        aggs: b.aggs.map((agg) => agg.writeTo()),
        key: b.key,
      })),
      afterKey: this.afterKey,
    }
  }

  reduce(all: readonly InternalAggregation[], context: ReduceContext): InternalAggregation {
    const parts = all as readonly InternalComposite[]
    // the formats of a shard that had the fields (an unmapped one's print keys as terms)
    const sources = parts.find((p) => p.buckets.length > 0)?.sources ?? this.sources
    const groups = new Map<string, CompositeBucket[]>()
    for (const part of parts) {
      for (const bucket of part.buckets) {
        const id = JSON.stringify(bucket.key)
        const group = groups.get(id)
        if (group === undefined) groups.set(id, [bucket])
        else group.push(bucket)
      }
    }
    const keys = [...groups.values()]
      .map((group) => group[0]!.key)
      .sort((a, b) => compareCompositeKeys(sources, a, b))
      .slice(0, Math.max(this.size, 0))
    const buckets = keys.map((key) => ({ key, ...reduceBucket(groups.get(JSON.stringify(key))!, context) }))
    context.buckets.accept(buckets.length)
    const afterKey = keys[keys.length - 1] ?? null
    return new InternalComposite(this.name, this.meta, sources, this.size, buckets, afterKey)
  }

  /** InternalComposite.getBuckets for pipelines: the key is the key map as Java prints it ({a=1, b=x}). */
  override pipelineBuckets(): Array<{ bucket: CompositeBucket; key: string; keyAsString: string }> {
    return this.buckets.map((bucket) => {
      const values = this.sources.map((s, i) => `${s.name}=${this.keyText(s, bucket.key[i] ?? null)}`)
      const text = `{${values.join(', ')}}`
      return { bucket, key: text, keyAsString: text }
    })
  }

  override withBuckets(buckets: readonly CompositeBucket[]): InternalComposite {
    return new InternalComposite(this.name, this.meta, this.sources, this.size, buckets, this.afterKey)
  }

  /** InternalComposite.formatObject. */
  private keyValue(source: ResultSource, value: CompositeKeyValue): KeyOut {
    if (value === null) return null
    if (typeof value === 'string')
      return source.kind === 'ip'
        ? formatTerm(value)
        : source.kind === 'version'
          ? decodeVersion(value)
          : source.kind === 'geotile'
            ? tileText(value)
            : value
    if (source.kind === 'boolean') return value !== 0
    if (source.format !== null) return source.format.format(value)
    return source.kind === 'double' ? new JavaDouble(value) : value
  }

  private keyText(source: ResultSource, value: CompositeKeyValue): string {
    const out = this.keyValue(source, value)
    return out instanceof JavaDouble ? javaDoubleToString(out.value) : String(out)
  }

  private keyMap(key: CompositeKey): Map<string, JsonOut> {
    return new Map(this.sources.map((s, i) => [s.name, this.keyValue(s, key[i] ?? null)]))
  }

  getType(): string {
    return 'composite'
  }

  protected body(out: Map<string, JsonOut>, params: ToXContentParams): void {
    if (this.afterKey !== null) out.set('after_key', this.keyMap(this.afterKey))
    out.set(
      'buckets',
      this.buckets.map((bucket) => bucketToXContent([['key', this.keyMap(bucket.key)]], bucket, params)),
    )
  }
}

/** AggregatorFactory classes ES names when a composite sits under them (validateParentAggregations). */
const FACTORY_NAMES: Readonly<Record<string, string>> = {
  terms: 'TermsAggregatorFactory',
  histogram: 'HistogramAggregatorFactory',
  date_histogram: 'DateHistogramAggregatorFactory',
  range: 'RangeAggregatorFactory',
  date_range: 'DateRangeAggregatorFactory',
  ip_range: 'BinaryRangeAggregatorFactory',
  filters: 'FiltersAggregatorFactory',
  missing: 'MissingAggregatorFactory',
  global: 'GlobalAggregatorFactory',
  reverse_nested: 'ReverseNestedAggregatorFactory',
  geo_distance: 'GeoDistanceRangeAggregatorFactory',
  geohash_grid: 'GeoHashGridAggregatorFactory',
  geotile_grid: 'GeoTileGridAggregatorFactory',
  composite: 'CompositeAggregationFactory',
}

/**
 * CompositeAggregationBuilder.validateParentAggregations, run when the shard builds the tree: a composite may
 * sit at the top level or under `nested` and `filter` only.
 */
export function checkCompositeParents(
  builders: readonly AggregationBuilder[],
  parent: string | null = null,
): void {
  for (const builder of builders) {
    if (builder.type === 'composite' && parent !== null) {
      throw illegalArgumentException(
        `[composite] aggregation cannot be used with a parent aggregation of type: [${FACTORY_NAMES[parent] ?? parent}]`,
      )
    }
    const passes = builder.type === 'nested' || builder.type === 'filter'
    checkCompositeParents(builder.subs, passes ? parent : builder.type)
  }
}

function tooManyBuckets(size: number): EsException {
  return new EsException({
    type: 'too_many_buckets_exception',
    reason:
      `Trying to create too many buckets. Must be less than or equal to: [${DEFAULT_MAX_BUCKETS}] but was [${size}]. ` +
      'This limit can be set by changing the [search.max_buckets] cluster level setting.',
    status: 400,
    metadata: [['max_buckets', DEFAULT_MAX_BUCKETS]],
  })
}

/** The `after` map as CompositeAggregationBuilder.doBuild turns it into a CompositeKey. */
function afterKey(after: XContentObject, sources: readonly ShardSource[], now: number): CompositeKey {
  if (after.size !== sources.length) {
    throw illegalArgumentException(`[after] has ${after.size} value(s) but [sources] has ${sources.length}`)
  }
  return sources.map((source) => {
    if (!after.has(source.name)) throw illegalArgumentException(`Missing value for [after.${source.name}]`)
    const value = after.get(source.name) ?? null
    if (value === null && source.missingBucket) return null
    if (value instanceof XNumber) return source.afterValue(value.value, now)
    if (typeof value === 'string' || typeof value === 'boolean') return source.afterValue(value, now)
    const type = value === null ? 'null' : value instanceof Map ? 'LinkedHashMap' : 'ArrayList'
    throw illegalArgumentException(
      `Invalid value for [after.${source.name}], expected comparable, got [${type}]`,
    )
  })
}

/** Every combination of the sources' values for one document (none when a source has no value and no missing bucket). */
function combinations(sources: readonly ShardSource[], doc: number): CompositeKeyValue[][] {
  let keys: CompositeKeyValue[][] = [[]]
  for (const source of sources) {
    const values: readonly CompositeKeyValue[] = source.keys(doc)
    const options = values.length > 0 ? [...new Set(values)] : source.missingBucket ? [null] : []
    keys = keys.flatMap((prefix) => options.map((v) => [...prefix, v]))
  }
  return keys
}

export const compositeParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('composite', body, ['sources', 'size', 'after'])
  const list = params.raw('sources')
  if (list === undefined) throw illegalArgumentException('Required [sources]')
  if (!Array.isArray(list)) {
    throw xContentParseException(
      1,
      1,
      `[composite] sources doesn't support values of type: ${tokenName(list)}`,
    )
  }
  let sources
  try {
    sources = list.map(parseCompositeSource)
  } catch (cause) {
    if (!(cause instanceof EsException)) throw cause
    throw xContentParseException(1, 1, '[composite] failed to parse field [sources]', cause)
  }
  const names = sources.map((s) => s.name)
  const duplicates = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))]
  const invalid =
    sources.length === 0
      ? 'Composite [sources] cannot be null or empty'
      : duplicates.length > 0
        ? `Composite source names must be unique, found duplicates: [${duplicates.join(', ')}]`
        : null
  if (invalid !== null) {
    // ConstructingObjectParser builds the builder once `sources` arrived: its failure is wrapped twice
    const build = new EsException({
      type: 'x_content_parse_exception',
      reason: 'Failed to build [composite] after last required field arrived',
      status: 400,
      causedBy: illegalArgumentException(invalid),
      rootCause: false,
    })
    throw xContentParseException(1, 1, '[composite] failed to parse field [sources]', build)
  }
  const size = params.int('size') ?? 10
  const after = params.object('after')
  return {
    name,
    type: 'composite',
    meta,
    subs,
    collect(shard, docs) {
      if (size > DEFAULT_MAX_BUCKETS) throw tooManyBuckets(size)
      const resolved = sources.map((source) => source.resolve(shard))
      const from = after === null ? null : afterKey(after, resolved, shard.now)
      const groups = new DocGroups<string>()
      const keyOf = new Map<string, CompositeKey>()
      for (const doc of docs) {
        for (const key of combinations(resolved, doc)) {
          const id = JSON.stringify(key)
          if (!keyOf.has(id)) keyOf.set(id, key)
          groups.add(id, doc)
        }
      }
      const keys = [...keyOf.values()]
        .filter((key) => from === null || compareCompositeKeys(resolved, key, from) > 0)
        .sort((a, b) => compareCompositeKeys(resolved, a, b))
        .slice(0, Math.max(size, 0))
      const buckets = keys.map((key) => ({
        key,
        ...shardBucket(subs, shard, groups.groups.get(JSON.stringify(key))!),
      }))
      const result = resolved.map(({ name: n, asc, missingBucket, missingOrder, kind, format }) => ({
        name: n,
        asc,
        missingBucket,
        missingOrder,
        kind,
        format,
      }))
      return new InternalComposite(name, meta, result, size, buckets, keys[keys.length - 1] ?? null)
    },
  }
}
