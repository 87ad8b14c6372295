/**
 * The stored fields of a parsed document (FieldMapper's `store: true`): for every field of the root document mapped
 * with `store: true`, the values its mapper stores in Lucene, each already as MappedFieldType.valueForDisplay prints
 * it (the parameters it depends on, a date's `format`, a keyword's `normalizer`, a scaled_float's
 * `scaling_factor`, cannot change once mapped, so printing at write time prints what a read would):
 * - text, search_as_you_type: the text;
 * - keyword: the value after its normalizer, none when longer than `ignore_above` (KeywordFieldMapper.indexValue);
 * - byte, short, integer, long, token_count: the integer; float and half_float: the Java float (half_float stores
 *   the float it parsed, not its half-precision rounding); double: the Java double;
 * - scaled_float: the scaled long divided by the factor (ScaledFloatFieldType.valueForDisplay), a double;
 * - unsigned_long: its decimal text, a JSON string (UnsignedLongFieldMapper stores Long.toUnsignedString);
 * - date, date_nanos: the instant printed with the field's format in UTC (DateFieldType.valueForDisplay);
 * - boolean: true or false (stored as "T" / "F"); ip: the address as DocValueFormat.IP prints it;
 * - binary: its bytes, base64-encoded (a BytesReference is written as base64).
 * Other types keep nothing here (see docs/DEVIATIONS.md). The result is one JSON object, each field's values in
 * the order the document gave them, the fields in the order the document first gave each; undefined when the
 * document has no stored field, which costs one property check per field.
 */
import { DateFormatter } from '../../common/time/index.ts'
import { formatTerm } from '../../common/network/inet-addresses.ts'
import { JavaDouble, JavaFloat, toJson, type JsonOut } from '../../xcontent/index.ts'
import type { ParsedField } from './doc-fields.ts'
import type { LeafValue } from './document-parser.ts'
import type { FieldMapping } from './mapping.ts'
import { dateMillis, DEFAULT_DATE_FORMAT, ignoredAbove, type FieldAnalysis } from './doc-values.ts'
import { dateNanos, dateNanosFormat } from './date-nanos-field.ts'
import { scaledFetchedValue } from './scaled-float-field.ts'
import { tokenCount } from './token-count-field.ts'
import { decodeBase64, encodeBase64 } from './binary-field.ts'

/** The document's stored fields as one JSON object's text, or undefined when it has none. */
export function storedFieldsJson(
  fields: readonly ParsedField[],
  analysis: FieldAnalysis,
  indexIgnoreAbove: number,
): string | undefined {
  let out: Map<string, JsonOut[]> | undefined
  for (let f = 0; f < fields.length; f++) {
    const { path, mapping, values } = fields[f]!
    if (mapping.store !== true) continue
    const stored = storedValues(mapping, values, analysis, indexIgnoreAbove)
    if (stored.length > 0) (out ??= new Map()).set(path, stored)
  }
  return out && toJson(out)
}

function storedValues(
  field: FieldMapping,
  values: readonly LeafValue[],
  analysis: FieldAnalysis,
  indexIgnoreAbove: number,
): JsonOut[] {
  switch (field.type) {
    case 'text':
    case 'search_as_you_type':
    case 'unsigned_long':
      return values.map(String)
    case 'keyword': {
      const { normalizer } = field
      return values
        .filter((value) => !ignoredAbove(field, value, indexIgnoreAbove))
        .map((value) =>
          normalizer === undefined ? String(value) : analysis.normalize(normalizer, String(value)),
        )
    }
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
      return values.map((value) => Math.trunc(Number(value)))
    case 'token_count': {
      const positions = (analyzer: string, text: string) => analysis.positions(analyzer, text)
      return values.map((value) => tokenCount(field, value, positions))
    }
    case 'float':
    case 'half_float':
      return values.map((value) => new JavaFloat(Math.fround(Number(value))))
    case 'double':
      return values.map((value) => new JavaDouble(Number(value)))
    case 'scaled_float':
      return values.map((value) => new JavaDouble(scaledFetchedValue(field, Number(value))))
    case 'date': {
      const millis = dateMillis(field)
      const formatter = DateFormatter.forPattern(field.format ?? DEFAULT_DATE_FORMAT)
      return values.map((value) => formatter.format(millis(value)))
    }
    case 'date_nanos': {
      const nanos = dateNanos(field)
      const formatter = DateFormatter.forPattern(dateNanosFormat(field))
      return values.map((value) => formatter.formatNanos(nanos(value)))
    }
    case 'boolean':
      return values.map((value) => value === true || value === 'true')
    case 'ip':
      return values.map((value) => formatTerm(String(value)))
    case 'binary':
      return values.map((value) => encodeBase64(decodeBase64(String(value))))
    default:
      return []
  }
}
