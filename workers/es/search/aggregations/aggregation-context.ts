/**
 * What the aggregations framework needs from a shard, as interfaces the search layer implements over the
 * index (ES's ValuesSource and LeafReaderContext, reduced to what a playground shard holds).
 *
 * Invariants the implementer keeps:
 * - `values(field, doc)` returns a document's doc values for the field, sorted as Lucene's doc values are
 *   (numbers ascending, keywords in UTF-8 byte order) and deduplicated for keywords (SORTED_SET), not for
 *   numbers (SORTED_NUMERIC keeps repeats). Numbers are doubles; longs and dates are integral doubles,
 *   booleans are 1 and 0; an ip's are its addresses' terms (common/network/inet-addresses.ts: formatTerm prints
 *   them), sorted and deduplicated as keywords; a geo_point's are its packed words
 *   (index/mapper/geo-point-field.ts: geoPointsOf decodes them). An empty array is a missing value.
 * - `field(name)` is null for a field unmapped in this shard's index.
 * - `filter(query)` returns the shard's documents matching a Query DSL object (parse errors are thrown).
 */
import type { JsonOut, XContentValue } from '../../xcontent/index.ts'
import type { ValueFormatWire } from './doc-value-format.ts'
import type { FetchSourceContext } from '../../action/fetch-source.ts'
import type { FetchOptions } from '../fetch/fetch-options.ts'
import type { FieldDoc, SortBuilder, SortField, SortKeyOrder, SortValue } from '../sort/index.ts'
import type { DateTimeUnit } from '../../common/time/index.ts'
import type { AggregationBuilder } from './aggregation-builder.ts'
import type { Joiner } from '../../index/mapper/joiner.ts'

export type FieldValue = number | string

/**
 * The doc-values families ES's ValuesSourceType distinguishes, plus the field types without doc values, by ES's
 * type name: `text`, `match_only_text`, `search_as_you_type` (and its shingle subfields), `prefix` (a search_as_you_type or text field's `._index_prefix`
 * subfield), `phrase` (a text field's `._index_phrase`), `completion`, `dense_vector` (its vectors: not read here), `rank_feature`, `rank_features` and `sparse_vector`, the range types
 * (their binary doc values: not read here), and the metadata fields `_id` and `_routing`; everything that reads those refuses them (noFielddata).
 */
export type ValuesType =
  | 'keyword'
  | 'binary'
  | 'histogram'
  | 'aggregate_metric_double'
  | 'ip'
  | 'version'
  | 'long'
  | 'double'
  | 'boolean'
  | 'date'
  | 'date_nanos'
  | 'geo_point'
  | 'geo_shape'
  | 'shape'
  | 'point'
  | 'text'
  | 'match_only_text'
  | 'search_as_you_type'
  | 'prefix'
  | 'phrase'
  | 'completion'
  | 'dense_vector'
  | 'rank_feature'
  | 'rank_features'
  | 'sparse_vector'
  | 'integer_range'
  | 'long_range'
  | 'float_range'
  | 'double_range'
  | 'date_range'
  | 'ip_range'
  | '_id'
  | '_routing'

/** DocValueFormat for a non-RAW field (dates): how a key or value prints as `*_as_string`. */
export interface ValueFormat {
  format(value: number): string
  /** The format as plain data for another node (DocValueFormat.writeTo); see doc-value-format.ts. */
  writeTo(): ValueFormatWire
}

export interface FieldInfo {
  type: ValuesType
  format: ValueFormat | null
  /**
   * The mapping's type when the field is mapped with `doc_values: false` and its search fielddata then fails
   * (values-source.ts noDocValues); absent when it has doc values.
   */
  withoutDocValues?: string
  /**
   * NumberFieldType.reduceToStoredPrecision: a double as the field would have indexed it (float: Math.fround,
   * half_float: the half-precision value of that float); absent when the field keeps doubles as they are.
   */
  reduceToStoredPrecision?: (value: number) => number
}

export interface DocValuesSource {
  field(name: string): FieldInfo | null
  /**
   * The name of the field whose values `name` reads: a field alias's target (FieldTypeLookup hands out the target's
   * MappedFieldType, so errors such as the fielddata refusal name the target), else `name`.
   */
  concreteName(name: string): string
  values(field: string, doc: number): readonly FieldValue[]
}

export interface TopHitsRequest {
  from: number
  size: number
  /** The `sort` keys, or null to rank by score (SortBuilder.buildSort's shortcut: none, or `_score` desc alone). */
  sort: readonly SortBuilder[] | null
  /** `track_scores`: a sorted top_hits still scores its hits and gives max_score. */
  trackScores: boolean
  /** `version`, `seq_no_primary_term`, `stored_fields`, `docvalue_fields` and `fields` (fetch/fetch-options.ts). */
  fetch: FetchOptions
  /** The `_source` hits carry, and which parts (null: all of it), after `stored_fields` (hitSource). */
  fetchSource: FetchSourceContext | null
}

/** One shard's top hits for a bucket: the hits already rendered, with what reduce needs to merge them. */
export interface ShardTopHits {
  totalHits: number
  maxScore: number | null
  /** How two `sortKey`s compare: the SortFields' order, or one descending `score` key when ranked by score. */
  order: readonly SortKeyOrder[]
  /** Sorted best first. */
  hits: ReadonlyArray<{ sortKey: readonly SortValue[]; hit: JsonOut }>
}

export interface ShardContext {
  /** The index the shard belongs to, as error messages name it. */
  index: string
  /** The request's "now" in epoch millis, for date math such as `now-10M/M`. */
  now: number
  source: DocValuesSource
  /** Every live document of the shard, for `global`. */
  allDocs: readonly number[]
  filter(query: XContentValue): ReadonlySet<number>
  topHits(docs: readonly number[], request: TopHitsRequest): ShardTopHits
  /**
   * top_metrics' BucketedSort: `sort` built against this shard's index (SortBuilder.build's checks and errors) and the
   * best `size` of `docs` by it, ties by doc id.
   */
  bucketedSort(
    docs: readonly number[],
    sort: SortBuilder,
    size: number,
  ): { field: SortField; top: readonly FieldDoc[] }
  /** The index's join field and its relations (index/mapper/joiner.ts), or null without one. */
  joiner: Joiner | null
  /** The index's nested paths, each with the nested path it sits in (null: the root). */
  nestedPaths: ReadonlyMap<string, string | null>
  /** The nested path the aggregation collects inside (null: root documents). */
  nestedScope: string | null
  /** This context inside another nested scope (a `nested` or `reverse_nested` aggregation's sub-aggregations). */
  withNestedScope(scope: string | null): ShardContext
  /** The nested documents of `path` whose parent is one of `docs` (of the current scope), ascending. */
  nestedDocs(path: string, docs: readonly number[]): readonly number[]
  /** The parents of nested `docs`: root documents (path null) or nested documents of `path`; distinct, ascending. */
  reverseNestedDocs(path: string | null, docs: readonly number[]): readonly number[]
  /** The bucket of the nearest date_histogram the aggregation collects inside (null: none), for `rate`. */
  sizedBucket: SizedBucket | null
  /** This context inside a date_histogram's bucket (its sub-aggregations collect with it). */
  withSizedBucket(bucket: SizedBucket): ShardContext
  /** AggregationContext.shardRandomSeed: ShardId.hashCode, 31 · (31 · name.hashCode + uuid.hashCode) + shard number. */
  randomSeed: number
  /** The searcher's segments (maxDoc counts deleted documents), which random_sampler samples one by one. */
  segments: ReadonlyArray<{ readonly docBase: number; readonly maxDoc: number }>
  /** significant_text's view of a field (an alias reads its target); null where it is not mapped. */
  textField(name: string): TextFieldSource | null
}

/**
 * What significant_text reads of a mapped field, as ES's MappedFieldType, SourceLookup and the index analyzer give it:
 * - `analysis`: 'analyzed' for a field with an index analyzer (text, search_as_you_type, keyword: its normalizer or the
 *   keyword analyzer); 'none' where TextSearchInfo is NONE or SIMPLE_MATCH_WITHOUT_TERMS (numbers, dates, ip, geo_point,
 *   runtime fields); 'unregistered' where it is neither but no index analyzer is registered (boolean); 'unavailable'
 *   for the types whose index analyzer the playground does not model (completion, join).
 * - `analyze(text)`: the index analyzer's terms of `text`, in token order (repeats kept).
 * - `sourceValues(path, doc)`: the root document's `_source` values at `path` (XContentMapValues.extractRawValues),
 *   each as Java's toString prints it; none for a nested document.
 * - `termDocs(term)`: the shard's live documents whose inverted index holds `term` in the field.
 */
export interface TextFieldSource {
  readonly name: string
  readonly analysis: 'analyzed' | 'none' | 'unregistered' | 'unavailable'
  analyze(text: string): readonly string[]
  sourceValues(path: string, doc: number): readonly string[]
  termDocs(term: string): ReadonlySet<number>
}

/**
 * ES's SizedBucketAggregator for one bucket: how long the bucket is in a rate's unit (1.0 for no unit). `direct`:
 * whether the asking aggregation is one of the bucket's own sub-aggregations (`subs`); ES measures a direct child's
 * bucket by its key and a deeper descendant's by the rounding alone.
 */
export interface SizedBucket {
  readonly subs: readonly AggregationBuilder[]
  bucketSize(unit: DateTimeUnit | null, direct: boolean): number
}
