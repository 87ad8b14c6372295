/**
 * The TextFieldSource significant_text reads on a shard (aggregations/aggregation-context.ts): the field's mapped type
 * decides its analysis (TextSearchInfo and the index analyzer MappingLookup registers for it), `_source` values are
 * read as SourceLookup.extractRawValuesWithoutCaching reads them from the stored (mapping-filtered) `_source`, and a
 * term's documents come from a `term` query on the shard's inverted index (`termDocs`, the context's filter).
 */
import { DEFAULT_ANALYZER } from '../analysis/index.ts'
import { storedSource } from '../action/stored-source.ts'
import type { IndexAnalysis } from '../index/index-analysis.ts'
import type { FieldMapping, Mapping } from '../index/mapper/mapping.ts'
import type { ShardSearcher } from '../index/shard/shard-searcher.ts'
import {
  XNumber,
  javaDoubleToString,
  parseJson,
  type XContentObject,
  type XContentValue,
} from '../xcontent/index.ts'
import { extractRawValues, type RawValue } from '../xcontent/extract-raw-values.ts'
import type { TextFieldSource } from './aggregations/index.ts'
import { concreteFieldName, searchFields } from './search-fields.ts'
import { isAnalyzedText, NUMERIC_TYPES } from '../index/mapper/mapping.ts'

/** TextSearchInfo.SIMPLE_MATCH_WITHOUT_TERMS (points and doc values only) or NONE (not searchable as text). */
const WITHOUT_TERMS: ReadonlySet<string> = new Set([
  ...NUMERIC_TYPES,
  'date',
  'date_nanos',
  'ip',
  'geo_point',
  'dense_vector',
])

export function textFieldSource(
  analysis: IndexAnalysis,
  mapping: Mapping,
  shard: ShardSearcher,
  alias: string,
  filter: (query: XContentValue) => ReadonlySet<number>,
): TextFieldSource | null {
  const fields = searchFields(mapping)
  const name = concreteFieldName(fields, alias)
  const field = fields.get(alias)
  if (field === undefined || field.type === 'alias') return null
  return {
    name,
    analysis: analysisOf(field),
    analyze: (text) => indexAnalyzerTerms(analysis, field, text),
    sourceValues(path, doc) {
      const stored = shard.searchedDocument(doc)
      const source = stored === undefined ? null : storedSource(mapping, stored.source)
      if (source === null) return []
      return extractRawValues(path, parseJson(source) as XContentObject).map(javaToString)
    },
    termDocs: (term) => filter(new Map([['term', new Map([[name, term]])]])),
  }
}

function analysisOf(field: FieldMapping): TextFieldSource['analysis'] {
  if (field.runtime !== undefined || WITHOUT_TERMS.has(field.type)) return 'none'
  if (field.type === 'boolean') return 'unregistered'
  if (isAnalyzedText(field) || field.type === 'keyword') return 'analyzed'
  return 'unavailable'
}

/** The field's index analyzer: its `analyzer` (text, search_as_you_type; match_only_text's is the default), or a keyword's normalizer or the keyword analyzer. */
function indexAnalyzerTerms(analysis: IndexAnalysis, field: FieldMapping, text: string): readonly string[] {
  if (field.type !== 'keyword') return analysis.terms(field.analyzer ?? DEFAULT_ANALYZER, text)
  return [field.normalizer === undefined ? text : analysis.normalize(field.normalizer, text)]
}

/** Object.toString of what SourceLookup hands out: a string as is, an integer's digits, a double as Java prints it. */
function javaToString(value: RawValue): string {
  if (!(value instanceof XNumber)) return String(value)
  if (value.isInteger) return value.text === '-0' ? '0' : value.text
  return javaDoubleToString(value.value)
}
