/**
 * UnsignedLongFieldMapper (x-pack mapper-unsigned-long, ES 8.17): integers from 0 to 18446744073709551615 (2^64 - 1).
 * Mapping: `index`, `doc_values`, `store`, `ignore_malformed`, `null_value`, `meta` in the Builder's order, kept when
 * given with a value other than their default (field-parameters.ts); `time_series_dimension` and `time_series_metric`
 * are not available. `null_value` must itself be an unsigned long (else "Failed to parse mapping: Error parsing
 * [null_value] on field [f]: <reason>") and is kept as the text it was given in (Objects.toString: GET _mapping prints
 * it as a string).
 * Document (parseCreateField over parseUnsignedLong): null and "" are the `null_value` or nothing; a JSON integer is
 * refused when negative ("Value [-1] is out of range for unsigned long." while it fits a long, "... for unsigned long"
 * without the period beyond); a JSON decimal is refused with a fraction ("Value \"1.5\" has a decimal part", the double
 * as Java prints it), else cast to a long (saturating at Long.MAX_VALUE); a string goes through Long.parseUnsignedLong,
 * then BigDecimal ("For input string: \"abc\"", "Value \"1.5\" has a decimal part", "Value [-1] is out of range for
 * unsigned long"); a boolean is read as its text. Failures are illegal arguments: `ignore_malformed` drops the value.
 * The value kept is its exact decimal text (the `fields` option prints it as that number); its doc values, and so
 * queries, sorts and aggregations, hold the nearest double (doc-values.ts; see docs/DEVIATIONS.md).
 */
import {
  EsException,
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperParsingException,
} from '../../errors/index.ts'
import { javaDoubleToString, XNumber } from '../../xcontent/index.ts'
import type { FieldMapping } from './mapping.ts'
import type { LeafValue } from './doc-fields.ts'
import { valuePreview } from './number-field.ts'
import {
  INDEX_DOC_VALUES_STORE,
  malformedOrFailure,
  stringParameter,
  typedParameters,
  type Malformed,
  type ParameterSpec,
} from './field-parameters.ts'

export const UNSIGNED_LONG = 'unsigned_long'

/** 2^64 - 1, the largest unsigned long. */
const UNSIGNED_LONG_MAX = 2n ** 64n - 1n

const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ...INDEX_DOC_VALUES_STORE,
  ['ignore_malformed', { kind: 'boolean', default: false }],
  ['null_value', { kind: 'value', default: null }],
  ['meta', { kind: 'value', shown: {} }],
  ['time_series_dimension', { kind: 'unmodelled', shown: false }],
  ['time_series_metric', { kind: 'unmodelled' }],
])

/**
 * An unsigned_long field's mapping as parsed from `definition` (its own keys; a JSON number `null_value` comes as its
 * token, mapping-parser.ts), defaults left out.
 */
export function unsignedLongMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  const mapping = typedParameters(name, UNSIGNED_LONG, definition, PARAMETERS)
  const nullValue = mapping.null_value
  if (nullValue !== undefined) {
    const given = nullValue instanceof XNumber ? nullValue : stringParameter(nullValue)
    try {
      parseUnsignedLong(given)
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      const message = `Error parsing [null_value] on field [${name}]: ${error.reason}`
      throw failedToParseMappingFrom(mapperParsingException(message, error))
    }
    mapping.null_value = nullValueText(given)
  }
  return mapping as unknown as FieldMapping
}

/** Objects.toString of the `null_value` as the parser handed it over (a JSON decimal as a Java double). */
function nullValueText(value: XNumber | string): string {
  if (!(value instanceof XNumber)) return String(value)
  return value.isInteger ? BigInt(value.text).toString() : javaDoubleToString(value.value)
}

/**
 * The decimal text of the unsigned long one value of field `path` indexes (null: nothing indexed; MALFORMED: dropped
 * under `ignore_malformed`), or the document's failure.
 */
export function unsignedLongFieldValue(
  path: string,
  field: FieldMapping,
  leaf: LeafValue | null,
  token: XNumber | null,
  id: string | null,
  ignoreMalformedByDefault: boolean,
): string | null | Malformed {
  if (leaf === null || leaf === '') {
    const nullValue = field.null_value
    return typeof nullValue === 'string' ? parseUnsignedLong(nullValue).toString() : null
  }
  const value = token ?? (typeof leaf === 'number' ? new XNumber(String(leaf)) : leaf)
  try {
    return parseUnsignedLong(value).toString()
  } catch (error) {
    return malformedOrFailure(error, path, field, valuePreview(value), id, ignoreMalformedByDefault)
  }
}

/** UnsignedLongFieldMapper.parseUnsignedLong: a JSON number as Jackson hands it over, anything else as its text. */
export function parseUnsignedLong(value: XNumber | string | boolean): bigint {
  if (!(value instanceof XNumber)) return parseUnsignedText(String(value))
  if (value.isInteger) {
    const integer = BigInt(value.text)
    // Jackson's Long (or Integer) when it fits a long, else a BigInteger: their messages differ by a period
    if (integer >= LONG_MIN && integer <= LONG_MAX) {
      if (integer < 0n)
        throw illegalArgumentException(`Value [${integer}] is out of range for unsigned long.`)
      return integer
    }
    return checkedBigInteger(integer)
  }
  const double = value.value
  if (double !== Math.floor(double))
    throw illegalArgumentException(`Value "${javaDoubleToString(double)}" has a decimal part`)
  // Number.longValue of a Double: the saturating cast
  const long = double >= 2 ** 63 ? LONG_MAX : double <= -(2 ** 63) ? LONG_MIN : BigInt(double)
  if (long < 0n) throw illegalArgumentException(`Value [${long}] is out of range for unsigned long.`)
  return long
}

/** The range check of a BigInteger. */
function checkedBigInteger(integer: bigint): bigint {
  if (integer < 0n || integer > UNSIGNED_LONG_MAX)
    throw illegalArgumentException(`Value [${integer}] is out of range for unsigned long`)
  return integer
}

/** Long.parseUnsignedLong, else new BigDecimal(text).toBigIntegerExact() and the range check. */
function parseUnsignedText(text: string): bigint {
  if (/^\+?\d+$/.test(text)) {
    const integer = BigInt(text)
    if (integer <= UNSIGNED_LONG_MAX) return integer
  }
  const decimal = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)
  if (decimal === null || (decimal[2] === '' && (decimal[3] ?? '') === ''))
    throw illegalArgumentException(`For input string: "${text}"`)
  const [, sign, whole, fraction = '', exponent = '0'] = decimal
  const digits = BigInt(whole! + fraction) * (sign === '-' ? -1n : 1n)
  const scale = fraction.length - Number(exponent)
  if (scale <= 0) return checkedBigInteger(digits * 10n ** BigInt(-scale))
  const divisor = 10n ** BigInt(scale)
  if (digits % divisor !== 0n) throw illegalArgumentException(`Value "${text}" has a decimal part`)
  return checkedBigInteger(digits / divisor)
}

/**
 * A value of the column printed as DocValueFormat.UNSIGNED_LONG_SHIFTED prints a long: the number, and for the column's
 * 2^64 (the double nearest to the largest unsigned longs) 2^64 - 1.
 */
export function unsignedLongJson(value: number): number | XNumber {
  return value >= 2 ** 64 ? new XNumber(UNSIGNED_LONG_MAX.toString()) : value
}
