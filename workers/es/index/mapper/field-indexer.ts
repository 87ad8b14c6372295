/**
 * Writes a parsed document into what the inverted index stores (a flush, document-batch.ts, one term at a
 * time): for a `text` field the analysed tokens of every value (a `match_only_text` field's the same, without norms) (values of an array are separated by
 * position_increment_gap, 100, as ES sets it), for a `search_as_you_type` field the same and then each of its
 * subfields (search-as-you-type-field.ts) through its own analyzer, with the norms and index options it copies from
 * the field (a text field's `._index_prefix` and `._index_phrase` the same way, text-subfields.ts), for
 * a `keyword` field each value as one term (through its normalizer) unless longer than its ignore_above (else the
 * index's index.mapping.ignore_above; a `wildcard`
 * field's the same, wildcard-field.ts), a `counted_keyword` each value as one term (none with
 * `index: false`), a `version`
 * field each value's encoded term and its decoded text under a second index field (version-field.ts), a boolean as
 * Lucene's "T"/"F", an `ip` field each address's term (ip-field.ts: its 16 bytes as hex, ES's InetAddressPoint kept as
 * ordered terms), an `ip_range` field its bounds' terms the same way (under its path and the path of its upper
 * bounds, range-type.ts). Each field's norms and index options follow its mapping (hasNorms, keepsFreqs): a field
 * indexed with IndexOptions.DOCS, as keyword is by default, counts a value repeated in a document once.
 * Numeric and date fields get no term: Elasticsearch 8 indexes them as points plus doc values
 * (NumberFieldMapper, DateFieldMapper; a geo_point as LatLonPoint plus LatLonDocValuesField), and every query on them here reads their doc values (exact values and
 * ranges as NUMERIC_RANGE, exists), so terms would only cost memory.
 */
import type { AnalyzedToken, FlushDictionary } from '../../../../engine-wasm/src/index/index.ts'
import type { TermSink } from '../../analysis/index.ts'
import type { LeafValue, ParsedDocument, ParsedField } from './document-parser.ts'
import { NESTED_PATH_FIELD } from './nested-mapping.ts'
import { isAnalyzedText, NUMERIC_TYPES, type FieldMapping } from './mapping.ts'
import { keepsBinaryValues } from './binary-field.ts'
import { effectiveIgnoreAbove } from './keyword-field.ts'
import { subfieldsOf } from './search-as-you-type-field.ts'
import { textSubfieldsOf } from './text-subfields.ts'
import { indexFieldName } from './rank-feature-field.ts'
import { decodeVersion, encodeVersion, versionDecodedField } from './version-field.ts'
import { DEFAULT_ANALYZER } from '../../analysis/index.ts'
import { NUMERIC_RANGE_TYPES } from './range-type.ts'
import { SHAPE_FIELD_TYPES } from './shape-field.ts'

/** Analyzes a value with the named analyzer; answers a fresh array of fresh tokens, which the caller owns. */
export type TextAnalyzer = (analyzer: string, text: string) => AnalyzedToken[]

/**
 * The analyzer a query runs a text field's input through: the query's own `analyzer`, else the field's
 * `search_analyzer`, else its `analyzer`, else the index's default (TextFieldMapper's search analyzer).
 */
export function searchAnalyzer(mapping: FieldMapping, override: string | null = null): string {
  return override ?? mapping.search_analyzer ?? mapping.analyzer ?? DEFAULT_ANALYZER
}

const POSITION_INCREMENT_GAP = 100

/**
 * Non-numeric types indexed only through the numeric column (no terms): dates, geo points, vectors, rank features
 * (whose FeatureField term frequencies the column holds, under the index field rank-feature-field.ts names) and the
 * numeric range types (each range's bounds under two paths, range-type.ts) and aggregate_metric_double (its default
 * metric, aggregate-metric-double-field.ts).
 */
const COLUMN_ONLY_TYPES: ReadonlySet<string> = new Set([
  'date',
  'date_nanos',
  'geo_point',
  ...SHAPE_FIELD_TYPES,
  'dense_vector',
  'rank_feature',
  'rank_features',
  'sparse_vector',
  ...NUMERIC_RANGE_TYPES,
  'aggregate_metric_double',
])

/**
 * Indexing's analysis (IndexAnalysis): a value's terms through the named analyzer into a sink; a keyword value
 * through the named normalizer.
 */
export interface IndexTermsAnalyzer {
  indexTerms(analyzer: string, text: string, sink: TermSink, positionBase: number): number
  normalize(normalizer: string, text: string): string
}

/** The numeric doc values of the root's fields and of each nested document's (numericDocValues), by field index. */
export interface BlockDocValues {
  root: ReadonlyArray<readonly number[] | null>
  nested: ReadonlyArray<ReadonlyArray<readonly number[] | null>>
}

/**
 * Writes a parsed document into `flush` as one block of documents from `docId` on (IndexWriter.addDocuments of
 * ParsedDocument.docs()): each nested document in block order, with its `_nested_path` term and its fields, then
 * the root with `_id` as one term, `_routing` as one when the document was routed (RoutingFieldMapper.preParse), its
 * fields, and `_ignored` (IgnoredFieldMapper.postParse) with a term for each
 * field of the document whose value the mapper ignored: a keyword value longer than `ignore_above`, a malformed
 * value dropped by `ignore_malformed`. `numeric` holds the numeric doc values of each document's numeric,
 * date and boolean fields by their index in its fields, which become the index's per-document numeric column. A
 * field with no term and no value is left out. Answers how many documents the block has.
 */
/** The `_ignored` metadata field (IgnoredFieldMapper.NAME). */
export const IGNORED_FIELD = '_ignored'
/** The `_routing` metadata field (RoutingFieldMapper.NAME). */
export const ROUTING_FIELD = '_routing'

export function indexDocument(
  flush: FlushDictionary,
  docId: number,
  { id, routing }: { id: string; routing: string | null },
  parsed: ParsedDocument,
  analysis: IndexTermsAnalyzer,
  numeric: BlockDocValues,
  /** The index's index.mapping.ignore_above (IndexMapperSettings.ignoreAbove). */
  indexIgnoreAbove: number,
): number {
  const nested = parsed.nested
  // the paths `_ignored` lists, each once, in the order first met (most documents have none: no Set per document)
  const ignored: string[] = []
  for (let n = 0; n < nested.length; n++) {
    flush.beginDocument(docId + n)
    flush.beginField(NESTED_PATH_FIELD, false)
    flush.termText(nested[n]!.path, 0)
    indexFields(flush, nested[n]!.fields, analysis, numeric.nested[n]!, ignored, indexIgnoreAbove)
  }
  flush.beginDocument(docId + nested.length)
  flush.beginField('_id', false)
  flush.termText(id, 0)
  if (routing !== null) {
    flush.beginField(ROUTING_FIELD, false)
    flush.termText(routing, 0)
  }
  indexFields(flush, parsed.fields, analysis, numeric.root, ignored, indexIgnoreAbove)
  if (parsed.malformed.size > 0) for (const path of parsed.malformed.keys()) addIgnored(ignored, path)
  if (ignored.length > 0) {
    flush.beginField(IGNORED_FIELD, false)
    for (let i = 0; i < ignored.length; i++) flush.termText(ignored[i]!, i)
  }
  return nested.length + 1
}

function indexFields(
  flush: FlushDictionary,
  fields: readonly ParsedField[],
  analysis: IndexTermsAnalyzer,
  numeric: ReadonlyArray<readonly number[] | null>,
  /** Collects the paths of the keyword fields with a value above their `ignore_above`. */
  ignored: string[],
  indexIgnoreAbove: number,
): void {
  // Index loops, not iterators or closures: this runs for every field of every document written.
  for (let f = 0; f < fields.length; f++) {
    const { path, mapping, values } = fields[f]!
    const text = isAnalyzedText(mapping)
    flush.beginField(indexFieldName(path, mapping), hasNorms(mapping), keepsFreqs(mapping))
    if (text) {
      indexText(flush, mapping.analyzer ?? DEFAULT_ANALYZER, values, analysis)
      // search_as_you_type: its shingle subfields and its prefix subfield (without norms) from the same values
      if (mapping.type === 'search_as_you_type')
        indexSubfields(flush, path, subfieldsOf(mapping), values, analysis)
      // text: its `._index_prefix` (without norms) and `._index_phrase` subfields, when it has them
      else if (mapping.index_prefixes !== undefined || mapping.index_phrases === true)
        indexSubfields(flush, path, textSubfieldsOf(mapping), values, analysis)
    } else if (mapping.type === 'version') {
      indexVersion(flush, path, values)
    } else if (mapping.type === 'counted_keyword') {
      // each value as one term (its doc values keep the repeats, doc-values.ts; DOCS-only, a repeat counts once)
      if (mapping.index !== false)
        for (let v = 0; v < values.length; v++) flush.termText(String(values[v]), v)
    } else if (
      !NUMERIC_TYPES.has(mapping.type) &&
      !COLUMN_ONLY_TYPES.has(mapping.type) &&
      (mapping.type !== 'binary' || keepsBinaryValues(mapping))
    ) {
      const keyword = mapping.type === 'keyword'
      // a wildcard field's value is one term too (wildcard-field.ts), with ignore_above and no normalizer
      const ignoreAbove =
        keyword || mapping.type === 'wildcard' ? effectiveIgnoreAbove(mapping, indexIgnoreAbove) : Infinity
      // KeywordFieldMapper: ignore_above reads the value as given, the term is the normalized value
      const normalizer = keyword ? mapping.normalizer : undefined
      for (let v = 0; v < values.length; v++) {
        const term = indexedTerm(values[v]!)
        if (term.length > ignoreAbove) addIgnored(ignored, path)
        else flush.termText(normalizer === undefined ? term : analysis.normalize(normalizer, term), v)
      }
    }
    const numbers = numeric[f]
    if (numbers) for (let n = 0; n < numbers.length; n++) flush.value(numbers[n]!)
  }
}

/**
 * Whether the field's terms have norms: a text or search_as_you_type field's unless `norms: false`, a keyword's
 * only with `norms: true` (KeywordFieldMapper's default omits them); match_only_text
 * (MatchOnlyTextFieldMapper.Defaults.FIELD_TYPE) and every other type omit them.
 */
function hasNorms(mapping: FieldMapping): boolean {
  if (mapping.type === 'text' || mapping.type === 'search_as_you_type') return mapping.norms !== false
  return mapping.type === 'keyword' && mapping.norms === true
}

/**
 * Whether the field keeps a term's frequency in a document (IndexOptions above DOCS): a text field's unless
 * `index_options: docs`, a keyword's or a flattened field's only with `index_options: freqs`. Every other term
 * this indexer writes is DOCS-only in ES (boolean, version, wildcard, counted_keyword, binary, and ip, which ES
 * indexes as points), so a value repeated in an array counts once. match_only_text (DOCS in ES) keeps its tokens
 * here: its queries score a constant (match-only-text-queries.ts), and its phrases read the positions where ES
 * reads the source.
 */
function keepsFreqs(mapping: FieldMapping): boolean {
  if (isAnalyzedText(mapping)) return mapping.index_options !== 'docs'
  return (mapping.type === 'keyword' || mapping.type === 'flattened') && mapping.index_options === 'freqs'
}

/** A version field's encoded terms, then its decoded values under their own index field (version-field.ts). */
function indexVersion(flush: FlushDictionary, path: string, values: readonly LeafValue[]): void {
  for (let v = 0; v < values.length; v++) flush.termText(encodeVersion(String(values[v])), v)
  flush.beginField(versionDecodedField(path), false, false)
  for (let v = 0; v < values.length; v++) flush.termText(decodeVersion(encodeVersion(String(values[v]))), v)
}

/** Adds `path` to the paths `_ignored` lists unless it is there already. */
function addIgnored(ignored: string[], path: string): void {
  if (!ignored.includes(path)) ignored.push(path)
}

/** The values into each derived subfield through its own analyzer; a prefix subfield has no norms. */
function indexSubfields(
  flush: FlushDictionary,
  path: string,
  subfields: readonly (readonly [string, FieldMapping])[],
  values: readonly LeafValue[],
  analysis: IndexTermsAnalyzer,
): void {
  for (let s = 0; s < subfields.length; s++) {
    const [suffix, sub] = subfields[s]!
    // the norms and index options the subfield copies from its parent (text-subfields.ts copiedFieldType)
    flush.beginField(path + suffix, !sub.derived!.prefix && hasNorms(sub), keepsFreqs(sub))
    indexText(flush, sub.analyzer!, values, analysis)
  }
}

/** A text field's values through `analyzer`, array values position_increment_gap apart. */
function indexText(
  flush: FlushDictionary,
  analyzer: string,
  values: readonly LeafValue[],
  analysis: IndexTermsAnalyzer,
): void {
  let base = 0
  for (let v = 0; v < values.length; v++) {
    base = analysis.indexTerms(analyzer, String(values[v]), flush, base) + POSITION_INCREMENT_GAP
  }
}

export function indexedTerm(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'T' : 'F'
  return String(value)
}
