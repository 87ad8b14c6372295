/**
 * NumberFieldMapper's side of a mapping and a document for long, integer, short, byte, double, float and half_float
 * (ES 8.17; scaled_float has its own mapper, scaled-float-field.ts).
 *
 * Mapping: `index`, `doc_values`, `store`, `ignore_malformed`, `coerce`, `null_value`, `meta`, in that order, kept
 * when given with a value other than their default (field-parameters.ts); `script`, `on_script_error`,
 * `time_series_dimension` and `time_series_metric` are not available. `null_value` is parsed as NumberType.parse(o,
 * false) does (a failure is "Failed to parse mapping: Error parsing [null_value] on field [f]: <reason>") and kept as
 * that number (a double or float prints as a Java double: `1.0`).
 *
 * Document (NumberFieldMapper.value over AbstractXContentParser and Jackson): null is the `null_value` or nothing, and
 * so is "" unless `coerce` is false. A string is refused without `coerce` ("Long value passed as String"), else
 * parsed as the type's XContentParser method does: Long via Long.parseLong then BigDecimal ("For input string: "abc""
 * as an illegal_argument_exception, "Value [x] is out of range for a long", "Value [x] has a decimal part"), integer
 * and short via Double.parseDouble (a number_format_exception) with "Value [x] is out of range for an integer" / "for
 * a short", byte as an integer then "Value [n] is out of range for a byte", float, half_float and double via
 * Float/Double.parseDouble. A JSON number goes through Jackson's accessors: "Numeric value (x) out of range of int
 * (-2147483648 - 2147483647)", "... of long (...)", "... of Java short" (an x_content_parse_exception), decimals
 * truncated, or, without `coerce`, "1.5 cannot be converted to Integer without data loss". A JSON boolean is Jackson's
 * "Current token (VALUE_TRUE) not numeric, can not use numeric value accessors". Floating types must be finite
 * ("[float] supports only finite values, but got [Infinity]"; half_float checks the value rounded to a half float).
 * Every illegal_argument_exception (number_format_exception included) is malformed: with `ignore_malformed` the value
 * is dropped (MALFORMED, listed in `_ignored`); otherwise it fails the document as fieldParsingException words it. An
 * x_content_parse_exception always fails it. The value kept is the number the field indexes (integers truncated).
 */
import {
  EsException,
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperParsingException,
  numberFormatException,
} from '../../errors/index.ts'
import { javaDoubleToString, javaFloatToString, XNumber } from '../../xcontent/index.ts'
import { parseJavaDouble } from '../../../net/java-double.ts'
import type { FieldMapping } from './mapping.ts'
import { jacksonCoercion } from './document-failure.ts'
import type { LeafValue } from './document-parser.ts'
import { halfFloat } from './doc-values.ts'
import {
  INDEX_DOC_VALUES_STORE,
  malformedOrFailure,
  typedParameters,
  type Malformed,
  type ParameterSpec,
} from './field-parameters.ts'

export const NUMBER_PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ...INDEX_DOC_VALUES_STORE,
  ['ignore_malformed', { kind: 'boolean', default: false }],
  ['coerce', { kind: 'boolean', default: true }],
  ['null_value', { kind: 'value', default: null }],
  ['script', { kind: 'unmodelled' }],
  ['on_script_error', { kind: 'unmodelled', shown: 'fail' }],
  ['meta', { kind: 'value', shown: {} }],
  ['time_series_dimension', { kind: 'unmodelled', shown: false }],
  ['time_series_metric', { kind: 'unmodelled' }],
])

/** The floating types, whose `null_value` prints as a Java double. */
const FLOATING_TYPES: ReadonlySet<string> = new Set(['double', 'float', 'half_float'])

/** Whether GET _mapping prints this parameter of a field as a Java double (`null_value` of a floating type). */
export function printsAsDouble(field: FieldMapping, key: string): boolean {
  return key === 'null_value' && FLOATING_TYPES.has(field.type)
}

/** A numeric field's mapping as parsed from `definition` (its own keys), defaults left out. */
export function numberMapping(name: string, type: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, type, definition, NUMBER_PARAMETERS)
  if (mapping.null_value !== undefined) {
    try {
      mapping.null_value = parseNumberObject(type, mapping.null_value)
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      const message = `Error parsing [null_value] on field [${name}]: ${error.reason}`
      throw failedToParseMappingFrom(mapperParsingException(message, error))
    }
  }
  return mapping as unknown as FieldMapping
}

/**
 * The number one value of numeric field `path` indexes (null: nothing indexed; MALFORMED: a malformed value
 * dropped), or the document's failure. `leaf` is the value as JavaScript reads it; a JSON number also comes as its
 * `token` (its lexeme matters when it is not taken as it is).
 */
export function numberFieldValue(
  path: string,
  field: FieldMapping,
  leaf: LeafValue | null,
  token: XNumber | null,
  id: string | null,
  ignoreMalformedByDefault: boolean,
): number | null | Malformed {
  // the common case: a number, or a plain decimal text the field coerces, that the type takes as it is (no
  // truncation, in range)
  const plain =
    typeof leaf === 'number'
      ? plainNumber(field.type, leaf)
      : typeof leaf === 'string' && field.coerce !== false
        ? plainText(field.type, leaf)
        : undefined
  return plain !== undefined ? plain : parseValue(path, field, leaf, token, id, ignoreMalformedByDefault)
}

/** numberFieldValue's full reading: null, strings, and the numbers the type truncates or refuses. */
function parseValue(
  path: string,
  field: FieldMapping,
  leaf: LeafValue | null,
  token: XNumber | null,
  id: string | null,
  ignoreMalformedByDefault: boolean,
): number | null | Malformed {
  const coerce = field.coerce !== false
  if (leaf === null || (leaf === '' && coerce))
    return typeof field.null_value === 'number' ? field.null_value : null
  const value = token ?? leaf
  try {
    return parseNumberToken(field.type, value, coerce)
  } catch (error) {
    return malformedOrFailure(error, path, field, valuePreview(value), id, ignoreMalformedByDefault)
  }
}

/** What the type indexes for a JSON number it takes without a check failing or a loss, else undefined. */
function plainNumber(type: string, value: number): number | undefined {
  switch (type) {
    case 'long':
      return Number.isSafeInteger(value) ? value + 0 : undefined
    case 'integer':
      return Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX ? value + 0 : undefined
    case 'short':
      return Number.isInteger(value) && value >= -32768 && value <= 32767 ? value + 0 : undefined
    case 'byte':
      return Number.isInteger(value) && value >= -128 && value <= 127 ? value + 0 : undefined
    case 'double':
      return Number.isFinite(value) ? value : undefined
    case 'float': {
      const float = Math.fround(value)
      return Number.isFinite(float) ? float : undefined
    }
    default: {
      const float = Math.fround(value)
      return Number.isFinite(halfFloat(float)) ? float : undefined
    }
  }
}

function plainText(type: string, text: string): number | undefined {
  const value = plainDecimal(text)
  return value === undefined ? undefined : plainNumber(type, value)
}

/** XContentParser.objectText as the failure previews it: a JSON number as the Java number Jackson reads. */
/** FieldMapper's preview of a value it failed on: a JSON number as the parser's text of it. */
export function valuePreview(value: LeafValue | XNumber): string {
  if (!(value instanceof XNumber)) return String(value)
  return value.isInteger ? BigInt(value.text).toString() : javaDoubleToString(value.value)
}

const INT_MIN = -(2 ** 31)
const INT_MAX = 2 ** 31 - 1
const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

/** NumberFieldMapper.value for one token: the type's XContentParser accessor and its checks. */
export function parseNumberToken(type: string, value: LeafValue | XNumber, coerce: boolean): number {
  switch (type) {
    case 'long':
      return typeof value === 'string' ? stringLong(value, coerce) : jsonLong(value, coerce)
    case 'integer':
      return typeof value === 'string'
        ? stringInteger(value, coerce, 'Integer')
        : jsonInt(value, coerce, 'Integer')
    case 'short': {
      if (typeof value === 'string') return stringInteger(value, coerce, 'Short')
      const result = jsonInt(value, true, 'Integer')
      if (result < -32768 || result > 32767)
        throw jacksonCoercion(`Numeric value (${String(value)}) out of range of Java short`)
      return checkConversion(value, result, coerce, 'Short')
    }
    case 'byte': {
      const result =
        typeof value === 'string'
          ? stringInteger(value, coerce, 'Integer')
          : jsonInt(value, coerce, 'Integer')
      if (result < -128 || result > 127)
        throw illegalArgumentException(`Value [${result}] is out of range for a byte`)
      return result
    }
    case 'double':
      return finite(
        'double',
        typeof value === 'string' ? stringDouble(value, coerce, 'Double') : jsonDouble(value),
      )
    case 'float':
      return finiteFloat('float', floatValue(value, coerce), (f) => f)
    case 'half_float':
      return finiteFloat('half_float', floatValue(value, coerce), halfFloat)
    default:
      throw new TypeError(`[${type}] is not a number field type`)
  }
}

/** XContentParser.floatValue(coerce): a string through Float.parseFloat (refused without coerce), a JSON number as a float. */
export function floatValue(value: LeafValue | XNumber, coerce: boolean): number {
  return Math.fround(typeof value === 'string' ? stringDouble(value, coerce, 'Float') : jsonDouble(value))
}

/** AbstractXContentParser.checkCoerceString. */
function checkCoerceString(coerce: boolean, javaClass: string): void {
  if (!coerce) throw illegalArgumentException(`${javaClass} value passed as String`)
}

/**
 * The value of a text of only digits, signs, `.` and exponent marks that JavaScript reads as a finite number (Java
 * reads such a text the same way); undefined for anything else, which the full parse then reads or refuses.
 */
function plainDecimal(text: string): number | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    // 0-9 . + - e E
    if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69)) return undefined
  }
  const value = Number(text)
  return text.length > 0 && Number.isFinite(value) ? value : undefined
}

/** Double.parseDouble (Float.parseFloat reads the same text). */
function javaParseDouble(text: string): number {
  const plain = plainDecimal(text)
  if (plain !== undefined) return plain
  const parsed = parseJavaDouble(text)
  if (parsed !== null) return parsed
  const trimmed = text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
  throw trimmed === '' ? numberFormatException(text, 'empty String') : numberFormatException(trimmed)
}

function stringDouble(text: string, coerce: boolean, javaClass: string): number {
  checkCoerceString(coerce, javaClass)
  return javaParseDouble(text)
}

/** intValue / shortValue on a string: Double.parseDouble, the range, then the cast. */
function stringInteger(text: string, coerce: boolean, javaClass: 'Integer' | 'Short'): number {
  checkCoerceString(coerce, javaClass)
  const parsed = javaParseDouble(text)
  const [min, max, name] =
    javaClass === 'Integer' ? [INT_MIN, INT_MAX, 'an integer'] : [-32768, 32767, 'a short']
  if (parsed < min || parsed > max)
    throw illegalArgumentException(`Value [${text}] is out of range for ${name}`)
  return Number.isNaN(parsed) ? 0 : Math.trunc(parsed) + 0
}

/** AbstractXContentParser.toLong: Long.parseLong, else BigDecimal truncated (or exact without coerce). */
function stringLong(text: string, coerce: boolean): number {
  checkCoerceString(coerce, 'Long')
  const plain = plainDecimal(text)
  if (plain !== undefined && Number.isSafeInteger(plain)) return plain + 0
  if (/^[+-]?\d+$/.test(text)) {
    const exact = BigInt(text)
    if (exact >= LONG_MIN && exact <= LONG_MAX) return Number(exact)
  }
  const decimal = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)
  if (decimal === null || (decimal[2] === '' && (decimal[3] ?? '') === ''))
    throw illegalArgumentException(`For input string: "${text}"`)
  const [, sign, whole, fraction = '', exponent = '0'] = decimal
  const digits = BigInt(whole! + fraction) * (sign === '-' ? -1n : 1n)
  const scale = fraction.length - Number(exponent)
  if (scale < -19) throw illegalArgumentException(`Value [${text}] is out of range for a long`)
  let integer: bigint
  if (scale > 19) {
    if (!coerce) throw illegalArgumentException(`Value [${text}] has a decimal part`)
    integer = 0n
  } else if (scale <= 0) {
    integer = digits * 10n ** BigInt(-scale)
  } else {
    const divisor = 10n ** BigInt(scale)
    if (!coerce && digits % divisor !== 0n)
      throw illegalArgumentException(`Value [${text}] has a decimal part`)
    integer = digits / divisor
  }
  if (integer < LONG_MIN || integer > LONG_MAX)
    throw illegalArgumentException(`Value [${text}] is out of range for a long`)
  return Number(integer)
}

/** A JSON boolean where a number is read: Jackson's JsonParseException. */
function notNumeric(value: boolean): EsException {
  return jacksonCoercion(
    `Current token (${value ? 'VALUE_TRUE' : 'VALUE_FALSE'}) not numeric, can not use numeric value accessors`,
  )
}

function jsonDouble(value: number | boolean | XNumber): number {
  if (typeof value === 'boolean') throw notNumeric(value)
  return value instanceof XNumber ? value.value : value
}

/** JsonParser.getIntValue, then ensureNumberConversion. */
function jsonInt(value: number | boolean | XNumber, coerce: boolean, javaClass: string): number {
  const number = jsonDouble(value)
  if (number < INT_MIN || number > INT_MAX)
    throw jacksonCoercion(`Numeric value (${String(value)}) out of range of int (${INT_MIN} - ${INT_MAX})`)
  return checkConversion(value, Math.trunc(number) + 0, coerce, javaClass)
}

/** JsonParser.getLongValue, then ensureNumberConversion. */
function jsonLong(value: number | boolean | XNumber, coerce: boolean): number {
  const number = jsonDouble(value)
  const text = String(value)
  const outOfRange =
    value instanceof XNumber && value.isInteger
      ? BigInt(text) < LONG_MIN || BigInt(text) > LONG_MAX
      : number < -(2 ** 63) || number > 2 ** 63
  if (outOfRange)
    throw jacksonCoercion(`Numeric value (${text}) out of range of long (${LONG_MIN} - ${LONG_MAX})`)
  return checkConversion(value, Math.trunc(number) + 0, coerce, 'Long')
}

/** AbstractXContentParser.ensureNumberConversion: without coerce, a truncated value is refused. */
function checkConversion(
  value: number | boolean | XNumber,
  result: number,
  coerce: boolean,
  javaClass: string,
): number {
  if (coerce) return result
  const full = jsonDouble(value)
  if (result !== full)
    throw illegalArgumentException(
      `${javaDoubleToString(full)} cannot be converted to ${javaClass} without data loss`,
    )
  return result
}

function finite(type: string, value: number): number {
  if (!Number.isFinite(value))
    throw illegalArgumentException(
      `[${type}] supports only finite values, but got [${javaDoubleToString(value)}]`,
    )
  return value
}

/** validateFiniteValue of float and half_float: the float (half_float: as a half float) must be finite. */
function finiteFloat(type: string, value: number, stored: (value: number) => number): number {
  if (!Number.isFinite(stored(value)))
    throw illegalArgumentException(
      `[${type}] supports only finite values, but got [${javaFloatToString(value)}]`,
    )
  return value
}

/** NumberType.parse(Object, coerce = false), as `null_value` is read: a number or its text. */
export function parseNumberObject(type: string, value: unknown): number {
  const text = String(value)
  const number = typeof value === 'number' ? value : javaParseDouble(text)
  switch (type) {
    case 'long':
    case 'integer':
    case 'short':
    case 'byte': {
      const [min, max, name] =
        type === 'long'
          ? [-(2 ** 63), 2 ** 63, 'a long']
          : type === 'integer'
            ? [INT_MIN, INT_MAX, 'an integer']
            : type === 'short'
              ? [-32768, 32767, 'a short']
              : [-128, 127, 'a byte']
      if (number < min || number > max)
        throw illegalArgumentException(`Value [${text}] is out of range for ${name}`)
      if (number % 1 !== 0) throw illegalArgumentException(`Value [${text}] has a decimal part`)
      return number
    }
    case 'double':
      return finite('double', number)
    case 'half_float':
      return halfFloat(finiteFloat(type, Math.fround(number), halfFloat))
    default:
      return finiteFloat(type, Math.fround(number), (f) => f)
  }
}
