/**
 * RangeFieldMapper's side of a mapping and a document (ES 8.17) for the range types of range-type.ts.
 *
 * Mapping: `index`, `doc_values`, `store`, `coerce`, `format`, `locale`, `meta`, in the Builder's order
 * (field-parameters.ts); `coerce` (an explicit parameter) is kept whenever given. `format` and `locale` are printed
 * for a date_range only; a `format` on another range type fails with "field [f] of type [range] should not define a
 * dateTimeFormatter unless it is a DATE type", and a date_range's format is compiled (its failure is the mapping's).
 *
 * Document (parseCreateField, parseRange): null (or a null element of an array) indexes nothing; an array's elements
 * are ranges each; an ip_range takes a CIDR string (its first and last address, InetAddresses.parseIpRangeFromCidr);
 * anything else but an object fails with "error parsing field [f], expected an object but got <name>" (the leaf's
 * name; `null` for an array's element, whose token has no name). An object's keys are read in order: `gt` / `gte`
 * set the lower bound, `lt` / `lte` the upper (the last one's inclusiveness wins), a null value leaving the bound
 * unset; any other key fails with "error parsing field [f], with unknown parameter [k]". A bound is parsed as the
 * type's NumberType parses a token (with `coerce`), a date with the field's format and date math (an exclusive lower
 * bound, and an inclusive upper one, rounded up), an address with InetAddresses.forString; an exclusive bound is then
 * moved in by nextUp / nextDown. A missing bound is the type's min / max value, moved in when its key said exclusive.
 * An indexed field's Lucene range refuses a lower bound above the upper: "min value (5) is greater than max value
 * (1)" ("min value cannot be greater than max value for InetAddressRange field" for ip_range). Each failure fails the
 * document as FieldMapper.parse wraps it ("failed to parse field [f] of type [long_range] in document with id '1'.
 * Preview of field's value: 'x'"): located at the bound's value, previewing it, or, for a refused range, at the
 * object's closing brace, previewing `null` (the parser has read the object). Where the document is parsed again after
 * its primary took it (`id` null), a range that fails is left out instead.
 */
import { DateFormatter, parseDateMath } from '../../common/time/index.ts'
import {
  documentParsingException,
  EsException,
  failedToParseMappingFrom,
  illegalArgumentException,
} from '../../errors/index.ts'
import { addressTerm, parseCidr } from '../../common/network/inet-addresses.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import type { FieldMapping } from './mapping.ts'
import { DEFAULT_DATE_FORMAT } from './doc-values.ts'
import { documentFailure, failedIn, jacksonCoercion, type TokenPart } from './document-failure.ts'
import {
  fieldParsingException,
  INDEX_DOC_VALUES_STORE,
  typedParameters,
  type ParameterSpec,
} from './field-parameters.ts'
import { valuePreview } from './number-field.ts'
import { rangeType, type RangeType, type RangeValue } from './range-type.ts'
import { javaToString } from './mapping-parser.ts'

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ...INDEX_DOC_VALUES_STORE,
  ['coerce', { kind: 'boolean' }],
  ['format', { kind: 'value' }],
  ['locale', { kind: 'value' }],
  ['meta', { kind: 'value', shown: {} }],
])

/** A range field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function rangeMapping(name: string, type: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, type, definition, PARAMETERS) as unknown as FieldMapping
  if (type !== 'date_range') {
    if (mapping.format !== undefined)
      throw failedToParseMappingFrom(
        illegalArgumentException(
          `field [${name}] of type [range] should not define a dateTimeFormatter unless it is a DATE type`,
        ),
      )
    // Parameter.neverSerialize: accepted, never printed
    delete (mapping as { locale?: unknown }).locale
    return mapping
  }
  try {
    DateFormatter.forPattern(rangeDateFormat(mapping))
  } catch (error) {
    throw error instanceof EsException ? failedToParseMappingFrom(error) : error
  }
  return mapping
}

/** A date_range's format: its own, else the default date format. */
export function rangeDateFormat(field: FieldMapping): string {
  return field.format === undefined ? DEFAULT_DATE_FORMAT : String(field.format)
}

/** One range as the field indexes it: both bounds inclusive (RangeFieldMapper.Range after parseFrom / parseTo). */
export interface ParsedRange {
  from: RangeValue
  to: RangeValue
}

/** The ranges of range field `path`'s value (leaf name `name`), or the document's failure (see the header). */
export function rangeValues(
  path: string,
  name: string,
  field: FieldMapping,
  value: XContentValue,
  id: string | null,
): ParsedRange[] {
  const out: ParsedRange[] = []
  const add = (element: XContentValue, inArray: boolean): void => {
    if (element === null) return
    if (Array.isArray(element)) {
      element.forEach((item, i) => {
        try {
          add(item, true)
        } catch (error) {
          throw failedIn(error, i)
        }
      })
      return
    }
    try {
      out.push(parseRange(path, inArray ? 'null' : name, field, element, id))
    } catch (error) {
      if (id === null && error instanceof EsException) return
      throw error
    }
  }
  add(value, false)
  return out
}

function parseRange(
  path: string,
  name: string,
  field: FieldMapping,
  value: XContentValue,
  id: string | null,
): ParsedRange {
  const type = rangeType(field.type)
  const fail = (cause: EsException, preview: string, part: TokenPart = 'start'): EsException =>
    fieldParsingException(path, field.type, preview, id ?? '', cause, part)
  if (typeof value === 'string' && field.type === 'ip_range') {
    try {
      const { lower, upper } = parseCidr(value)
      return { from: addressTerm(lower), to: addressTerm(upper) }
    } catch (error) {
      throw error instanceof EsException ? fail(error, value) : error
    }
  }
  if (!(value instanceof Map)) {
    const message = `error parsing field [${path}], expected an object but got ${name}`
    throw fail(
      documentFailure('start', (at) => documentParsingException(at.line, at.col, message)),
      previewOf(value),
    )
  }
  let parsedFrom: RangeValue | null = null
  let parsedTo: RangeValue | null = null
  let includeFrom = true
  let includeTo = true
  for (const [key, bound] of value) {
    try {
      if (key === 'gt' || key === 'gte') {
        includeFrom = key === 'gte'
        if (bound !== null) parsedFrom = parseBound(type, field, bound, includeFrom, true)
      } else if (key === 'lt' || key === 'lte') {
        includeTo = key === 'lte'
        if (bound !== null) parsedTo = parseBound(type, field, bound, includeTo, false)
      } else {
        const message = `error parsing field [${path}], with unknown parameter [${key}]`
        throw documentFailure('start', (at) => documentParsingException(at.line, at.col, message))
      }
    } catch (error) {
      throw failedIn(error instanceof EsException ? fail(error, previewOf(bound)) : error, key)
    }
  }
  const from = parsedFrom ?? (includeFrom ? type.minValue : type.nextUp(type.minValue))
  const to = parsedTo ?? (includeTo ? type.maxValue : type.nextDown(type.maxValue))
  if (field.index !== false && from > to) {
    // the Lucene range field's check (IntRange, LongRange, FloatRange, DoubleRange, InetAddressRange)
    const reason =
      field.type === 'ip_range'
        ? 'min value cannot be greater than max value for InetAddressRange field'
        : `min value (${type.javaText(from)}) is greater than max value (${type.javaText(to)})`
    throw fail(illegalArgumentException(reason), 'null', 'end')
  }
  return { from, to }
}

/** RangeType.parseFrom / parseTo: the bound parsed, an exclusive one moved in (see the header). */
function parseBound(
  type: RangeType,
  field: FieldMapping,
  bound: NonNullable<XContentValue>,
  included: boolean,
  lower: boolean,
): RangeValue {
  if (bound instanceof Map || Array.isArray(bound)) {
    const token = bound instanceof Map ? 'START_OBJECT' : 'START_ARRAY'
    throw jacksonCoercion(`Current token (${token}) not numeric, can not use numeric value accessors`)
  }
  let value: RangeValue
  if (type.parseToken !== null) value = type.parseToken(bound, field.coerce !== false)
  else {
    const text = bound instanceof XNumber ? bound.text : String(bound)
    if (text.startsWith('now')) throw illegalArgumentException('now is not used at indexing time')
    const formatter = DateFormatter.forPattern(rangeDateFormat(field))
    value = parseDateMath(text, 0, lower ? !included : included, null, formatter)
  }
  if (included) return value
  return lower ? type.nextUp(value) : type.nextDown(value)
}

/** FieldMapper's preview of the value it failed on: a scalar's text, an object or array as Java prints it. */
function previewOf(value: XContentValue): string {
  if (value === null) return 'null'
  if (value instanceof Map || Array.isArray(value)) return javaToString(value)
  return valuePreview(value)
}
