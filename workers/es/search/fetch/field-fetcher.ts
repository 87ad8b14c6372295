/**
 * FieldFetcher: the `fields` option of a search (and of top_hits), the values of each requested field read from
 * the hit's `_source` through the mapping, as each field type's ValueFetcher gives them:
 * - text, keyword and wildcard: strings; a keyword or wildcard value longer than `ignore_above` is left out and listed as ignored
 *   (the hit's `ignored_field_values`, as it was in `_source`); multi-fields read their parent's values;
 * - long, integer, short, byte: longs (decimals truncated); double: doubles (`5.0`); float, half_float: floats;
 *   unsigned_long: the exact number its mapper read (unsigned-long-field.ts); binary: its `_source` values as sent;
 * - ip: the address's canonical text (InetAddresses.toAddrString); scaled_float: Math.round(value × factor) / factor;
 *   a value their mapper dropped as malformed is listed as ignored (SourceValueFetcher's parse failure);
 * - boolean: true/false; date: the field's format (or the entry's `format`) printing each value;
 * - geo_point: GeoJSON points, or WKT with `format: wkt` (geo-point-format.ts); geo_shape and shape the same
 *   way (shape-format.ts);
 * - dense_vector: its `_source` array's elements as sent (ArraySourceValueFetcher);
 * - rank_feature: its `_source` values as floats (before a negative score impact inverts them); rank_features and
 *   sparse_vector: its `_source` objects as sent; counted_keyword: its `_source` strings as sent; flattened: its
 *   `_source` objects without the strings over its ignore_above (flattened-source-values.ts), a key (`f.some.key`)
 *   its `_source` values there as sent;
 * - the range types: each `_source` range as an object of its bounds, parsed and formatted (range-format.ts);
 * - constant_keyword: the mapping's value, whatever `_source` holds (none while the value is not set);
 * - values in `_source` order, arrays flattened; a field with no value is left out of the hit; the types fetched as
 *   sent (dense_vector, rank_features, sparse_vector, flattened, ...) and the range types find their `_source` value as
 *   SourceValueFetcher does (xcontent/extract-value.ts: dotted names such as `"ml.tokens"` included);
 * - runtime fields and token_count: their doc values, printed as `docvalue_fields` prints them
 *   (fetch-doc-values-phase.ts; a token_count without doc values has none);
 * - a field alias: its target's values, under the alias's name;
 * - a join field: its `_source` value as sent (a relation name, or an object with `name` and `parent`); its
 *   parent-id fields (`f#parent`) are internal and never fetched.
 * A pattern (`user.*`, `*`) matches mapped leaf fields and multi-fields, never metadata fields. With
 * `include_unmapped`, leaves of `_source` the mapping does not know are returned as they were sent. `format` on
 * a field type other than date (and date_range) fails as ES's `checkNoFormat` does.
 * The result lists the fields in the order a Java HashMap filled in request order iterates them (document-fields.ts
 * puts them into the hit's own map).
 */
import { illegalArgumentException } from '../../errors/index.ts'
import {
  JavaDouble,
  JavaFloat,
  XNumber,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { DateFormatter } from '../../common/time/index.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { parseDocument, type LeafValue } from '../../index/mapper/document-parser.ts'
import { DEFAULT_DATE_FORMAT, dateMillis, ignoredAbove } from '../../index/mapper/doc-values.ts'
import { PARENT_ID_FIELD, type FieldMapping, type Mapping } from '../../index/mapper/mapping.ts'
import { sourceToJson } from '../../action/source-map.ts'
import { concreteFieldName, searchFields } from '../search-fields.ts'
import type { FieldAndFormat } from './field-and-format.ts'
import { geoPointPrinter } from './geo-point-format.ts'
import { shapePrinter } from './shape-format.ts'
import { SHAPE_FIELD_TYPES } from '../../index/mapper/shape-field.ts'
import { formatTerm } from '../../common/network/inet-addresses.ts'
import { scaledFetchedValue } from '../../index/mapper/scaled-float-field.ts'
import { dateNanos, dateNanosFormat } from '../../index/mapper/date-nanos-field.ts'
import type { DocValuesSource } from '../aggregations/index.ts'
import { docValuePrinter } from './fetch-doc-values-phase.ts'
import { isRangeType } from '../../index/mapper/range-type.ts'
import { rangeSourceValues } from './range-format.ts'
import { extractValue, sourceFetcherValues } from '../../xcontent/extract-value.ts'
import { flattenedRootValues } from './flattened-source-values.ts'
import { FLATTENED } from '../../index/mapper/flattened-field.ts'
import { effectiveIgnoreAbove } from '../../index/mapper/keyword-field.ts'

/** A hit's field: its name, its values, and the `_source` values its mapper ignored (DocumentField). */
export interface DocumentField {
  readonly name: string
  readonly values: readonly JsonOut[]
  readonly ignoredValues: readonly JsonOut[]
}

/** A field type's ValueFetcher: the values it prints, and the source values it ignores (keyword over ignore_above). */
type ValueFetcher = (values: readonly LeafValue[]) => { values: JsonOut[]; ignoredValues: JsonOut[] }

/**
 * A requested field's values in one document: from its parsed `_source` values (and the values its mapper dropped as
 * malformed, which SourceValueFetcher reports as ignored), or from its doc values.
 */
type DocumentFieldFetcher = (
  parsed: SourceValues,
  docId: number,
) => { values: JsonOut[]; ignoredValues: JsonOut[] }

/** A document's `_source` values by field path, and those its mappers dropped as malformed. */
interface SourceValues {
  values: ReadonlyMap<string, readonly LeafValue[]>
  malformed: ReadonlyMap<string, readonly LeafValue[]>
  /** The `_source` itself (a join field's values are its own: join fields sit at the root). */
  source: XContentObject
}

const NOTHING_IGNORED: JsonOut[] = []

/** A fetcher that ignores nothing, from how one value prints. */
function each(print: (value: LeafValue) => JsonOut): ValueFetcher {
  return (values) => ({ values: values.map(print), ignoredValues: NOTHING_IGNORED })
}

export class FieldFetcher {
  private constructor(
    private readonly mapping: Mapping,
    private readonly fetchers: ReadonlyMap<string, DocumentFieldFetcher>,
    private readonly unmappedPatterns: readonly string[],
  ) {}

  /**
   * FieldFetcher.create: the fields each entry matches, with their value fetchers (a later entry wins); a runtime
   * field's come from its doc values (`docValues`), as AbstractScriptFieldType's DocValueFetcher reads them.
   */
  static create(
    mapping: Mapping,
    requested: readonly FieldAndFormat[],
    docValues: DocValuesSource,
    /** The index's index.mapping.ignore_above, the default of its keyword and wildcard fields'. */
    indexIgnoreAbove: number,
  ): FieldFetcher {
    const fields = searchFields(mapping)
    const fetchers = new Map<string, DocumentFieldFetcher>()
    for (const { field: pattern, format } of requested) {
      const names = pattern.includes('*')
        ? [...fields.keys()].filter((name) => simpleMatch(pattern, name))
        : fields.has(pattern)
          ? [pattern]
          : []
      for (const name of names) {
        const field = fields.get(name)!
        // a join field's parent-id fields are internal (ParentIdFieldMapper): never fetched
        if (field === PARENT_ID_FIELD) continue
        if (field.type === 'join') {
          if (format !== null) valueFetcher(name, field, format, indexIgnoreAbove)
          fetchers.set(name, (parsed) => ({
            values: joinSourceValues(parsed.source.get(name)),
            ignoredValues: NOTHING_IGNORED,
          }))
        } else if (field.type === 'dense_vector') {
          if (format !== null) valueFetcher(name, field, format, indexIgnoreAbove)
          fetchers.set(name, (parsed) => ({
            values: vectorSourceValues(parsed.source, name),
            ignoredValues: NOTHING_IGNORED,
          }))
        } else if (field.type === FLATTENED && field.keyed === undefined) {
          if (format !== null) valueFetcher(name, field, format, indexIgnoreAbove)
          const ignoreAbove = effectiveIgnoreAbove(field, indexIgnoreAbove)
          fetchers.set(name, (parsed) => ({
            values: flattenedRootValues(sourceFetcherValues(parsed.source, name), ignoreAbove),
            ignoredValues: NOTHING_IGNORED,
          }))
        } else if (IDENTITY_SOURCE_TYPES.has(field.type)) {
          if (format !== null) valueFetcher(name, field, format, indexIgnoreAbove)
          fetchers.set(name, (parsed) => ({
            values: identitySourceValues(field, sourceFetcherValues(parsed.source, name)),
            ignoredValues: NOTHING_IGNORED,
          }))
        } else if (isRangeType(field.type)) {
          if (format !== null && field.type !== 'date_range')
            valueFetcher(name, field, format, indexIgnoreAbove)
          fetchers.set(name, (parsed) => ({
            values: rangeSourceValues(field, format, extractValue(name, parsed.source)),
            ignoredValues: NOTHING_IGNORED,
          }))
        } else if (field.type === 'constant_keyword') {
          if (format !== null) valueFetcher(name, field, format, indexIgnoreAbove)
          const values = field.value === undefined ? [] : [field.value]
          fetchers.set(name, () => ({ values, ignoredValues: NOTHING_IGNORED }))
        } else if (field.runtime !== undefined || field.type === 'token_count') {
          // TokenCountFieldType.valueFetcher: a DocValueFetcher, nothing without doc values
          const print = docValuePrinter(name, docValues.field(name)!, format)
          const fetched = field.doc_values !== false
          fetchers.set(name, (_, docId) => ({
            values: fetched ? docValues.values(name, docId).map(print) : [],
            ignoredValues: NOTHING_IGNORED,
          }))
        } else {
          // A field alias prints its target's values under its own name.
          const path = concreteFieldName(fields, name)
          const fetcher = valueFetcher(path, field, format, indexIgnoreAbove)
          fetchers.set(name, (parsed) => {
            const fetched = fetcher(parsed.values.get(path) ?? [])
            const malformed = parsed.malformed.get(path)
            if (malformed === undefined) return fetched
            return { values: fetched.values, ignoredValues: [...fetched.ignoredValues, ...malformed] }
          })
        }
      }
    }
    const unmapped = requested.filter((entry) => entry.includeUnmapped).map((entry) => entry.field)
    return new FieldFetcher(mapping, fetchers, unmapped)
  }

  /** Each matched field with its values in this document (empty ones included, as FieldFetcher.fetch keeps them). */
  fetch(source: XContentObject, docId: number): DocumentField[] {
    const document = parseDocument(source, this.mapping, null, false)
    const parsed = {
      values: new Map(document.fields.map((f) => [f.path, f.values])),
      malformed: document.malformed,
      source,
    }
    const out: DocumentField[] = []
    for (const [name, fetcher] of this.fetchers) out.push({ name, ...fetcher(parsed, docId) })
    if (this.unmappedPatterns.length > 0) this.collectUnmapped(source, out)
    return out
  }

  /** UnmappedFieldFetcher: leaves of `_source` outside the mapping that an include_unmapped pattern matches. */
  private collectUnmapped(source: XContentObject, out: DocumentField[]): void {
    const fields = searchFields(this.mapping)
    const leaves = new Map<string, XContentValue[]>()
    const walk = (value: XContentValue, path: string): void => {
      if (value === null) return
      if (Array.isArray(value)) for (const item of value) walk(item, path)
      else if (value instanceof Map) for (const [key, child] of value) walk(child, `${path}.${key}`)
      else if (!fields.has(path) && this.unmappedPatterns.some((pattern) => simpleMatch(pattern, path))) {
        const values = leaves.get(path) ?? []
        values.push(value)
        leaves.set(path, values)
      }
    }
    for (const [key, value] of source) walk(value, key)
    for (const [name, values] of leaves) out.push({ name, values, ignoredValues: NOTHING_IGNORED })
  }
}

/** A join field's values (SourceValueFetcher.identity): its `_source` value as sent, a relation or an object. */
function joinSourceValues(value: XContentValue | undefined): JsonOut[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).map(sourceToJson)
}

/**
 * A dense_vector's values (ArraySourceValueFetcher, parseSourceValue the identity): the elements of the `_source`
 * array at the field's path (XContentMapValues.extractValue, dotted keys included) as sent.
 */
function vectorSourceValues(source: XContentObject, path: string): JsonOut[] {
  const value = extractValue(path, source)
  return Array.isArray(value) ? value.map(sourceToJson) : []
}

/**
 * The field types whose `_source` values are fetched from their path as they are (identitySourceValues), found as
 * SourceValueFetcher finds them (sourceFetcherValues: dotted keys included, arrays unwrapped, nulls left out).
 */
const IDENTITY_SOURCE_TYPES: ReadonlySet<string> = new Set([
  'rank_feature',
  'rank_features',
  'sparse_vector',
  'flattened',
  'counted_keyword',
  'histogram',
  'aggregate_metric_double',
])

/**
 * A rank_feature's values as its SourceValueFetcher reads them (objectToFloat: a number or a numeric string as a
 * float, as sent, before any inversion); a rank_features', a sparse_vector's, a histogram's, an
 * aggregate_metric_double's or a flattened field's key's as sent (SourceValueFetcher.identity; a flattened root's:
 * flattened-source-values.ts).
 */
function identitySourceValues(field: FieldMapping, values: readonly XContentValue[]): JsonOut[] {
  if (field.type !== 'rank_feature') return values.map(sourceToJson)
  return values.map((v) => new JavaFloat(Number(v instanceof XNumber ? v.value : v)))
}

/**
 * The field type's ValueFetcher for `fields`: how one `_source` value prints (`indexIgnoreAbove`: the default of a
 * keyword's or wildcard's ignore_above).
 */
function valueFetcher(
  name: string,
  field: FieldMapping,
  format: string | null,
  indexIgnoreAbove: number,
): ValueFetcher {
  const geo = field.type === 'geo_point' || SHAPE_FIELD_TYPES.has(field.type)
  if (format !== null && field.type !== 'date' && field.type !== 'date_nanos' && !geo) {
    throw illegalArgumentException(`Field [${name}] of type [${field.type}] doesn't support formats.`)
  }
  switch (field.type) {
    case 'keyword':
    case 'wildcard':
      return (values) => {
        const kept: JsonOut[] = []
        const ignoredValues: JsonOut[] = []
        for (const value of values) {
          if (ignoredAbove(field, value, indexIgnoreAbove)) ignoredValues.push(value)
          else kept.push(String(value))
        }
        return { values: kept, ignoredValues }
      }
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
      return each((value) => Math.trunc(Number(value)))
    case 'unsigned_long':
      return each((value) => new XNumber(String(value)))
    case 'binary':
      // SourceValueFetcher.identity
      return each((value) => value)
    case 'double':
      return each((value) => new JavaDouble(Number(value)))
    case 'float':
    case 'half_float':
      return each((value) => new JavaFloat(Number(value)))
    case 'boolean':
      return each((value) => value === true || value === 'true')
    case 'date': {
      const millis = dateMillis(field)
      const printer = DateFormatter.forPattern(format ?? field.format ?? DEFAULT_DATE_FORMAT)
      return each((value) => printer.format(millis(value)))
    }
    case 'date_nanos': {
      const nanos = dateNanos(field)
      const printer = DateFormatter.forPattern(format ?? dateNanosFormat(field))
      return each((value) => printer.formatNanos(nanos(value)))
    }
    case 'geo_point':
      return each(geoPointPrinter(format))
    case 'geo_shape':
    case 'shape':
    case 'point':
      return each(shapePrinter(format))
    case 'ip':
      return each((value) => formatTerm(String(value)))
    case 'scaled_float':
      return each((value) => new JavaDouble(scaledFetchedValue(field, Number(value))))
    default:
      return each(String)
  }
}
