/**
 * The lookup ENRICH makes for a row's key values (EnrichLookupService and QueryList, ES 8.17): the enrich
 * documents they find, as positions in the enrich index's `_doc` order, by the policy's type.
 *
 * - `match`: a keyword term query on the match field: a document matches when one of its match values has the
 *   text of one of the key's values (numbers as Java prints them, a date as its epoch milliseconds).
 * - `range`: a term query on the enrich index's range field (a terms query for a multi-value: any value), which
 *   finds the documents with a range holding the value (ingest/enrich/range-match.ts, shared with the enrich
 *   processor). The value is the Java object the key's block gives: an ip's address, a datetime formatted with the
 *   range field's format (so a coarse format widens it: `yyyy` holds the whole year), a number or a string, parsed
 *   as the range field parses a bound. Before any lookup, validateTypes refuses a key type the range type cannot
 *   hold (integer and long ranges take whole numbers, ip ranges ips, date ranges datetimes, float and double ranges
 *   numbers; a keyword or text key always passes, parsed per value): `ENRICH range and input types are
 *   incompatible: range[IP], input[long]` (esql_illegal_argument_exception, 500).
 * - `geo_match`: a geo_shape query (GeoShapeQueryList, relation INTERSECTS) with the key's geometry on the match
 *   field: the documents whose shape intersects it (ingest/enrich/geo-match.ts, shared with the enrich processor).
 *   A multi-valued key builds no query: `org.elasticsearch.xpack.esql.EsqlIllegalArgumentException: can't read
 *   multiple Geometry values from a single position`.
 *
 * A value a query cannot be built from (a text that is no number, address or date) makes the row find nothing:
 * EnrichQuerySourceOperator records the failure as a warning of the ENRICH command (LookupFailure carries its
 * Java exception text).
 */
import { EsException } from '../errors/index.ts'
import type { EnrichPolicyMetadata } from '../cluster/metadata/enrich-policy.ts'
import { DateFormatter } from '../common/time/date-formatter.ts'
import { geoMatcher } from '../ingest/enrich/geo-match.ts'
import { rangeMatcher } from '../ingest/enrich/range-match.ts'
import type { FieldMapping } from '../index/mapper/mapping.ts'
import { rangeDateFormat } from '../index/mapper/range-field.ts'
import { javaDoubleToString, type XContentObject } from '../xcontent/index.ts'
import type { Row } from './esql-compiler.ts'
import { valuesOf, type EsqlScalar } from './esql-values.ts'

/** An enrich index as a lookup reads it: its rows and, aligned with them, its documents' sources. */
export interface EnrichDocuments {
  readonly policy: EnrichPolicyMetadata
  /** The enrich index's values for its columns, in `_doc` order. */
  readonly rows: readonly Row[]
  /** The position of the match field among the columns (-1 when it is not one). */
  readonly matchColumn: number
  /** The documents' `_source`s in the same order (read for range and geo_match policies only, else []). */
  readonly sources: readonly XContentObject[]
  /** The enrich index's mapping of the match field, or null when it has none. */
  readonly matchMapping: FieldMapping | null
}

/** The documents a row's key values find, in `_doc` order; throws a LookupFailure for values no query is made of. */
export type KeyLookup = (values: readonly EsqlScalar[]) => number[]

/** A key value the lookup's query could not be made of: the Java exception (`class: message`) ES warns with. */
export class LookupFailure extends Error {
  constructor(readonly exception: string) {
    super(exception)
  }
}

/** The Java classes of the failures a range field's bound parsing raises, for Throwable.toString. */
const JAVA_CLASS: Readonly<Record<string, string>> = {
  number_format_exception: 'java.lang.NumberFormatException',
  illegal_argument_exception: 'java.lang.IllegalArgumentException',
  parse_exception: 'org.elasticsearch.ElasticsearchParseException',
}

/** RangeType's enum constant of a range mapping type (`ip_range` is IP). */
function rangeTypeName(type: string): string {
  return type.replace(/_range$/, '').toUpperCase()
}

const WHOLE_NUMBERS = ['integer', 'long', 'unsigned_long']
const NUMBERS = [...WHOLE_NUMBERS, 'double']

/** EnrichLookupService.rangeTypesCompatible (ES|QL type names, `date` for datetime). */
function rangeTypesCompatible(rangeType: string, keyType: string): boolean {
  if (keyType === 'keyword' || keyType === 'text') return true
  switch (rangeType) {
    case 'integer_range':
    case 'long_range':
      return WHOLE_NUMBERS.includes(keyType)
    case 'ip_range':
      return keyType === 'ip'
    case 'date_range':
      return keyType === 'date'
    default:
      return NUMBERS.includes(keyType)
  }
}

/**
 * The lookup of a policy's documents for keys of `keyType` (its ES|QL type name, `date` for datetime).
 * `incompatible` is validateTypes' failure for a range policy, thrown at the first lookup.
 */
export function keyLookup(
  documents: EnrichDocuments,
  keyType: string,
): { lookup: KeyLookup; incompatible: EsException | null } {
  const mapping = documents.matchMapping
  if (documents.policy.type === 'geo_match') return { lookup: geoLookup(documents), incompatible: null }
  if (documents.policy.type !== 'range' || mapping === null)
    return { lookup: termLookup(documents, keyType), incompatible: null }
  const incompatible = rangeTypesCompatible(mapping.type, keyType)
    ? null
    : new EsException({
        type: 'esql_illegal_argument_exception',
        reason:
          `ENRICH range and input types are incompatible: range[${rangeTypeName(mapping.type)}], ` +
          `input[${keyType === 'date' ? 'datetime' : keyType}]`,
        status: 500,
      })
  return { lookup: rangeLookup(documents, mapping, keyType), incompatible }
}

/** A match policy's keyword term query. */
function termLookup(documents: EnrichDocuments, keyType: string): KeyLookup {
  const index = new Map<string, number[]>()
  if (documents.matchColumn >= 0) {
    documents.rows.forEach((row, doc) => {
      for (const value of valuesOf(row[documents.matchColumn] ?? null)) {
        const docs = index.get(String(value)) ?? []
        docs.push(doc)
        index.set(String(value), docs)
      }
    })
  }
  return (values) => {
    const docs = new Set(values.flatMap((value) => index.get(termText(value, keyType)) ?? []))
    return [...docs].sort((a, b) => a - b)
  }
}

/** A key value as a keyword term query reads it (BytesRefs.toBytesRef of the block's Java value). */
function termText(value: EsqlScalar, type: string): string {
  if (type === 'double' && typeof value === 'number') return javaDoubleToString(value)
  return String(value)
}

/** A geo_match policy's geo_shape query (see the header): one geometry per row. */
function geoLookup(documents: EnrichDocuments): KeyLookup {
  return (values) => {
    if (values.length > 1) {
      throw new LookupFailure(
        "org.elasticsearch.xpack.esql.EsqlIllegalArgumentException: can't read multiple Geometry values from a single position",
      )
    }
    const matches = geoMatcher(String(values[0]), 'intersects', true, documents.policy.matchField)
    return documents.sources.flatMap((source, doc) => (matches(source) ? [doc] : []))
  }
}

/** A range policy's term query on its range field (see the header). */
function rangeLookup(documents: EnrichDocuments, mapping: FieldMapping, keyType: string): KeyLookup {
  const formatter = keyType === 'date' ? DateFormatter.forPattern(rangeDateFormat(mapping)) : null
  const text = (value: EsqlScalar): string =>
    formatter !== null && typeof value === 'number' ? formatter.format(value) : termText(value, keyType)
  return (values) => {
    let matches: (source: XContentObject) => boolean
    try {
      matches = rangeMatcher(values.map(text), documents.policy.matchField, mapping)
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      throw new LookupFailure(`${JAVA_CLASS[error.type] ?? error.type}: ${error.reason}`)
    }
    return documents.sources.flatMap((source, doc) => (matches(source) ? [doc] : []))
  }
}
