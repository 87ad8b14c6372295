/**
 * An index's mapping as Elasticsearch stores it: `dynamic`, the root's other parameters (root-object-mapper.ts),
 * `runtime` and a tree of `properties`. Field mappings keep their parameters in the order ES writes them (`type`
 * first); mapping-json.ts prints them.
 */
import { derivedSubfields } from './search-as-you-type-field.ts'
import { textSubfieldsOf } from './text-subfields.ts'
import type { RuntimeField, RuntimeSection } from './runtime-field.ts'
import type { DynamicTemplate } from './dynamic-templates.ts'
import type { JoinRelations } from './joiner.ts'

/** The field types the playground maps. */
export const FIELD_TYPE_NAMES = [
  'text',
  'match_only_text',
  'keyword',
  'version',
  'long',
  'integer',
  'short',
  'byte',
  'double',
  'float',
  'half_float',
  'scaled_float',
  'boolean',
  'date',
  'date_nanos',
  'ip',
  'geo_point',
  'geo_shape',
  'shape',
  'point',
  'object',
  'nested',
  'completion',
  'search_as_you_type',
  'alias',
  'join',
  'dense_vector',
  'rank_feature',
  'rank_features',
  'percolator',
  'integer_range',
  'long_range',
  'float_range',
  'double_range',
  'date_range',
  'ip_range',
  'constant_keyword',
  'token_count',
  'unsigned_long',
  'binary',
  'flattened',
  'wildcard',
  'sparse_vector',
  'counted_keyword',
  'histogram',
  'aggregate_metric_double',
  'passthrough',
] as const

export type FieldType = (typeof FIELD_TYPE_NAMES)[number]

/** FIELD_TYPE_NAMES, for checking a mapping's `type` at run time. */
export const FIELD_TYPES: ReadonlySet<string> = new Set<string>(FIELD_TYPE_NAMES)

/**
 * The other field types Elasticsearch 8.17 has a handler for (its own mappers and the default distribution's
 * X-Pack ones): a mapping naming one of them is refused as not available here, any other name as ES refuses it.
 */
export const UNMODELLED_ES_FIELD_TYPES: ReadonlySet<string> = new Set(['semantic_text'])

/** The types NumberFieldMapper serves (number-field.ts). */
const NUMBER_TYPE_NAMES = [
  'long',
  'integer',
  'short',
  'byte',
  'double',
  'float',
  'half_float',
] as const satisfies readonly FieldType[]

export const NUMBER_FIELD_TYPES: ReadonlySet<string> = new Set(NUMBER_TYPE_NAMES)

/**
 * Every numeric type: NumberFieldMapper's, scaled_float, token_count (an integer: token-count-field.ts) and
 * unsigned_long (unsigned-long-field.ts).
 */
export const NUMERIC_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  ...NUMBER_TYPE_NAMES,
  'scaled_float',
  'token_count',
  'unsigned_long',
])

export interface FieldMapping {
  type: FieldType
  properties?: Record<string, FieldMapping>
  fields?: Record<string, FieldMapping>
  analyzer?: string
  search_analyzer?: string
  search_quote_analyzer?: string
  ignore_above?: number
  /** keyword (keyword-field.ts): the index normalizer its values and queries go through. */
  normalizer?: string
  /** keyword: whether full-text queries split their text on whitespace (its search analyzer, keyword-normalizer.ts). */
  split_queries_on_whitespace?: boolean
  /** text (text-field.ts): whether its analyzed terms serve as doc values (uninverted fielddata). */
  fielddata?: boolean
  format?: string
  /** geo_point, ip, numeric and date fields: drop (or normalise) malformed values instead of failing the document. */
  ignore_malformed?: boolean | string
  /** scaled_float (scaled-float-field.ts): the factor values are multiplied by and rounded to a long. */
  scaling_factor?: number
  /** scaled_float: whether numeric strings are accepted (true unless set). */
  coerce?: boolean
  /** geo_shape, shape (shape-field.ts): the default orientation of a GeoJSON polygon's rings. */
  orientation?: string
  /** geo_point: accept (and drop) a third coordinate; true unless set to false. */
  ignore_z_value?: boolean | string
  /**
   * The value indexed for an explicit null (geo_point: a point string; ip: an address; numbers: a number; dates: a
   * date's text).
   */
  null_value?: string | number | boolean
  /** An object's or nested field's own `dynamic`, inherited by its children; the root's when absent. */
  dynamic?: DynamicMode
  /** An object's `subobjects` when set (subobjects.ts): false keeps dotted names as leaves of the object. */
  subobjects?: boolean
  /**
   * An object's or nested field's `enabled` when set (ES's Explicit): false keeps its values in `_source` only, never
   * parsed, indexed or mapped (DocumentParser.parseObjectOrNested); it cannot change once set (mapping-merge.ts).
   */
  enabled?: boolean
  /** A passthrough object (passthrough-object.ts): which one's subfield a prefix-less name means, and its given false. */
  priority?: number
  time_series_dimension?: boolean
  /** A `nested` field's copies of its values into its parent / the root document (nested-mapping.ts). */
  include_in_parent?: boolean
  include_in_root?: boolean
  /** completion (completion-field.ts): how inputs are analyzed and cut. */
  preserve_separators?: boolean
  preserve_position_increments?: boolean
  max_input_length?: number
  /** search_as_you_type (search-as-you-type-field.ts): its parameters besides the analyzers, kept as given. */
  index?: boolean
  store?: boolean
  doc_values?: boolean
  max_shingle_size?: number
  similarity?: string
  /** text, keyword and search_as_you_type: a restricted string; dense_vector: its vector index (dense-vector-field.ts). */
  index_options?: string | VectorIndexOptions
  norms?: boolean
  term_vector?: string
  meta?: Record<string, string>
  /**
   * A search_as_you_type field's derived subfield (`._2gram` … `._index_prefix`, leafFields adds them; never in a
   * mapping's JSON): its shingle size and whether it is the prefix subfield (the max shingle size then). A text
   * field's `._index_prefix` (shingle size 1, prefix) and `._index_phrase` (shingle size 2) are derived the same way.
   */
  derived?: { shingleSize: number; prefix: boolean }
  /** text (text-field.ts): the `._index_prefix` subfield's edge n-gram lengths, and whether `._index_phrase` exists. */
  index_prefixes?: IndexPrefixes
  index_phrases?: boolean
  /** Set on the leaf a search sees for a runtime field (search-fields.ts): its definition; never in `properties`. */
  runtime?: RuntimeField
  /** An alias (field-alias.ts): the full path of the field it names. */
  path?: string
  /** The fields this field's values are also indexed into (copy-to.ts), always a list once parsed. */
  copy_to?: string[]
  /** A join field (join-field.ts): whether global ordinals load eagerly (always kept), and its relations. */
  eager_global_ordinals?: boolean
  relations?: JoinRelations
  /** dense_vector (dense-vector-field.ts): its element type when not float, and its dimensions once known. */
  element_type?: string
  dims?: number
  /** rank_feature and rank_features (rank-feature-field.ts): false when values are stored as their inverse. */
  positive_score_impact?: boolean
  /** constant_keyword (constant-keyword-field.ts): every document's value, once a mapping or a document set it. */
  value?: string
  /** token_count (token-count-field.ts): false when each token counts one position whatever its increment. */
  enable_position_increments?: boolean
  /** flattened (flattened-field.ts): how deep its objects may nest. */
  depth_limit?: number
  /**
   * Set on the field type a search sees for a flattened field's key (`f.some.key`, flattened-field.ts
   * keyedFieldType): the flattened field's path and the key; never in `properties`.
   */
  keyed?: { root: string; key: string }
  /** aggregate_metric_double (aggregate-metric-double-field.ts): its metrics in EnumSet order, and the default one. */
  metrics?: string[]
  default_metric?: string
}

/** A dense_vector's `index_options`: the index type, and for the HNSW types their graph's parameters. */
/** A text field's `index_prefixes` once parsed (text-field.ts: PrefixConfig). */
export interface IndexPrefixes {
  min_chars: number
  max_chars: number
}

export interface VectorIndexOptions {
  type: string
  m?: number
  ef_construction?: number
}

/**
 * Fields analyzed as text (tokenized TextSearchInfo): `text`, `match_only_text`, `search_as_you_type` and its
 * subfields, whose queries analyze the input with the field's search analyzer and whose values are indexed as tokens.
 */
export function isAnalyzedText(field: FieldMapping): boolean {
  return field.type === 'text' || field.type === 'match_only_text' || field.type === 'search_as_you_type'
}

/**
 * Fields searched as a keyword is (a single-term string field, the keyword analyzer or the whitespace one): `keyword`,
 * `flattened` (its root and its keys, flattened-field.ts), `wildcard` (wildcard-field.ts) and `counted_keyword` (a
 * StringFieldType with the keyword analyzer, counted-keyword-field.ts).
 */
export function isKeywordLike(field: FieldMapping): boolean {
  return (
    field.type === 'keyword' ||
    field.type === 'flattened' ||
    field.type === 'wildcard' ||
    field.type === 'counted_keyword'
  )
}

/** The date field types (DateFieldMapper's two resolutions): `date` (millis) and `date_nanos`. */
export function isDateType(type: string): boolean {
  return type === 'date' || type === 'date_nanos'
}

/** An object-like mapping (its values are objects with properties): `object`, `nested` or `passthrough`. */
export function hasProperties(field: FieldMapping): boolean {
  return field.type === 'object' || field.type === 'nested' || field.type === 'passthrough'
}

/** ObjectMapper.Dynamic: `runtime` maps a new leaf as a runtime field (dynamic-mapping.ts). */
export type DynamicMode = 'true' | 'false' | 'strict' | 'runtime'

/** The `_source` metadata field's parameters (source-field.ts). */
export interface SourceFieldMapping {
  enabled?: boolean
  includes?: string[]
  excludes?: string[]
}

/**
 * The root object's parameters besides `dynamic` and `properties` (root-object-mapper.ts): each is present only
 * when a mapping set it (ES's Explicit values), `_meta` as the JSON text given.
 */
export interface Mapping {
  dynamic?: DynamicMode
  /** The `runtime` section (runtime-field.ts); a null entry only in a parsed update, where it removes the field. */
  runtime?: RuntimeSection
  enabled?: boolean
  /** The root's `subobjects` when set (subobjects.ts): false keeps dotted names as leaves of the root. */
  subobjects?: boolean
  _meta?: string
  _routing?: { required: boolean }
  _source?: SourceFieldMapping
  dynamic_date_formats?: string[]
  dynamic_templates?: DynamicTemplate[]
  date_detection?: boolean
  numeric_detection?: boolean
  properties: Record<string, FieldMapping>
}

/** The mapping's runtime fields (its removals left out). */
export function runtimeFields(mapping: Mapping): Record<string, RuntimeField> {
  const out: Record<string, RuntimeField> = {}
  for (const [name, field] of Object.entries(mapping.runtime ?? {}))
    if (field !== null) setOwn(out, name, field)
  return out
}

/**
 * Field names come from documents, so `__proto__` and `constructor` are ordinary names: read them only as
 * own properties and define them as own properties (plain assignment to `__proto__` sets the prototype).
 */
export function ownField<T>(record: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined
}

export function setOwn<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true })
}

/** Every leaf field by its full path (`user.name`, `message.keyword`, `title._2gram`), with its mapping. */
export function leafFields(mapping: Mapping): Map<string, FieldMapping> {
  const out = new Map<string, FieldMapping>()
  const walk = (properties: Record<string, FieldMapping>, prefix: string): void => {
    for (const [name, field] of Object.entries(properties)) {
      const path = prefix + name
      if (hasProperties(field)) walk(field.properties ?? {}, `${path}.`)
      else out.set(path, field)
      addDerived(out, path, field)
      for (const [sub, subField] of Object.entries(field.fields ?? {})) {
        out.set(`${path}.${sub}`, subField)
        addDerived(out, `${path}.${sub}`, subField)
      }
    }
  }
  walk(mapping.properties, '')
  return out
}

/**
 * A search_as_you_type field's subfields (search-as-you-type-field.ts), a text field's `._index_prefix` and
 * `._index_phrase` (text-field.ts), and a join field's parent-id fields
 * (`f#parent`, searched as keywords: join-field.ts), which leafFields lists after it.
 */
function addDerived(out: Map<string, FieldMapping>, path: string, field: FieldMapping): void {
  if (field.type === 'search_as_you_type')
    for (const [sub, mapping] of derivedSubfields(path, field)) out.set(sub, mapping)
  if (field.type === 'text' && field.derived === undefined)
    for (const [suffix, mapping] of textSubfieldsOf(field)) out.set(path + suffix, mapping)
  if (field.type === 'join')
    for (const parent of Object.keys(field.relations ?? {})) out.set(`${path}#${parent}`, PARENT_ID_FIELD)
}

/** The mapping a parent-id field is searched, sorted and aggregated with (ParentIdFieldMapper: a keyword's). */
export const PARENT_ID_FIELD: FieldMapping = { type: 'keyword' }
