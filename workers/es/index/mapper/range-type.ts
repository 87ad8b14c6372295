/**
 * RangeType (ES 8.17): what each range field type's bounds are and how they step, for integer_range, long_range,
 * float_range, double_range, date_range and ip_range.
 *
 * A bound is a RangeValue: a JavaScript number for the numeric and date types (epoch millis for date_range; a
 * float_range's values are Java floats, Math.fround) and an address's index term for ip_range (32 hex digits,
 * common/network/inet-addresses.ts), whose string order is the addresses' byte order. minValue / maxValue are the
 * defaults of a missing bound (Integer / Long MIN and MAX, ±Infinity, `::` and all ones); nextUp / nextDown turn an
 * exclusive bound into an inclusive one (integers ±1, Math.nextUp / nextDown in the type's width,
 * InetAddressPoint.nextUp / nextDown). A long beyond ±2^53 is held as the nearest double (docs/DEVIATIONS.md).
 *
 * Parsing: a document's bound is parsed as the type's NumberType parses a token (with the field's `coerce`,
 * number-field.ts), a date with the field's date math parser (`now` refused: "now is not used at indexing time"),
 * an address with InetAddresses.forString; a query's bound as NumberType.parse(Object, coerce = false) parses it.
 * `javaText` is the bound's Java toString, which "Range query `from` value (x) is greater than `to` value (y)" and
 * Lucene's "min value (x) is greater than max value (y)" print (an InetAddress prints as `/1.2.3.4`).
 */
import { javaDoubleToString, javaFloatToString, type XNumber } from '../../xcontent/index.ts'
import {
  addressTerm,
  forString,
  formatTerm,
  MAX_ADDRESS,
  MIN_ADDRESS,
  nextAddress,
  termAddress,
} from '../../common/network/inet-addresses.ts'
import type { LeafValue } from './doc-fields.ts'
import { parseNumberObject, parseNumberToken } from './number-field.ts'

export type RangeValue = number | string

export interface RangeType {
  readonly name: string
  readonly minValue: RangeValue
  readonly maxValue: RangeValue
  nextUp(value: RangeValue): RangeValue
  nextDown(value: RangeValue): RangeValue
  /**
   * A document's bound as the type parses its token; null for date_range, whose bounds are parsed with the field's
   * date format (range-field.ts, range-field-query.ts).
   */
  parseToken: ((value: LeafValue | XNumber, coerce: boolean) => RangeValue) | null
  /** A query's bound (its text): NumberType.parse(Object, false), or the address; null for date_range. */
  parseObject: ((text: string) => RangeValue) | null
  /** Java's toString of a bound. */
  javaText(value: RangeValue): string
}

const scratch = new DataView(new ArrayBuffer(8))

/** Math.nextUp / nextDown of a double (width 64) or a float (width 32). */
export function nextAfter(value: number, direction: 1 | -1, width: 32 | 64): number {
  if (Number.isNaN(value) || value === direction * Infinity) return value
  if (value === 0) return direction * (width === 32 ? 2 ** -149 : Number.MIN_VALUE)
  if (width === 32) {
    scratch.setFloat32(0, value)
    scratch.setInt32(0, scratch.getInt32(0) + (value > 0 ? direction : -direction))
    return scratch.getFloat32(0)
  }
  scratch.setFloat64(0, value)
  scratch.setBigInt64(0, scratch.getBigInt64(0) + BigInt(value > 0 ? direction : -direction))
  return scratch.getFloat64(0)
}

function integral(name: string, numberType: 'integer' | 'long', min: number, max: number): RangeType {
  return {
    name,
    minValue: min,
    maxValue: max,
    nextUp: (value) => (value as number) + 1,
    nextDown: (value) => (value as number) - 1,
    parseToken: (value, coerce) => parseNumberToken(numberType, value, coerce),
    parseObject: (text) => parseNumberObject(numberType, text),
    javaText: (value) => BigInt(value).toString(),
  }
}

function floating(name: string, numberType: 'float' | 'double', width: 32 | 64): RangeType {
  return {
    name,
    minValue: -Infinity,
    maxValue: Infinity,
    nextUp: (value) => nextAfter(value as number, 1, width),
    nextDown: (value) => nextAfter(value as number, -1, width),
    parseToken: (value, coerce) => parseNumberToken(numberType, value, coerce),
    parseObject: (text) => parseNumberObject(numberType, text),
    javaText: (value) => (width === 32 ? javaFloatToString : javaDoubleToString)(value as number),
  }
}

const IP: RangeType = {
  name: 'ip_range',
  minValue: addressTerm(MIN_ADDRESS),
  maxValue: addressTerm(MAX_ADDRESS),
  nextUp: (value) => addressTerm(nextAddress(termAddress(value as string), 1)),
  nextDown: (value) => addressTerm(nextAddress(termAddress(value as string), -1)),
  parseToken: (value) => addressTerm(forString(String(value))),
  parseObject: (text) => addressTerm(forString(text)),
  javaText: (value) => `/${formatTerm(value as string)}`,
}

/** DATE: epoch millis in a long; its bounds are parsed with date math (range-field.ts, range-field-query.ts). */
const DATE: RangeType = {
  ...integral('date_range', 'long', -(2 ** 63), 2 ** 63),
  parseToken: null,
  parseObject: null,
}

/** The range field types by name. */
export const RANGE_TYPES: ReadonlyMap<string, RangeType> = new Map(
  [
    integral('integer_range', 'integer', -(2 ** 31), 2 ** 31 - 1),
    integral('long_range', 'long', -(2 ** 63), 2 ** 63),
    floating('float_range', 'float', 32),
    floating('double_range', 'double', 64),
    DATE,
    IP,
  ].map((type) => [type.name, type]),
)

/** The range types whose bounds the index keeps in its numeric column (ip_range's are terms). */
export const NUMERIC_RANGE_TYPES: readonly string[] = [
  'integer_range',
  'long_range',
  'float_range',
  'double_range',
  'date_range',
]

export function isRangeType(type: string): boolean {
  return RANGE_TYPES.has(type)
}

/** The field's RangeType (its mapping's `type` must be a range type). */
export function rangeType(type: string): RangeType {
  return RANGE_TYPES.get(type)!
}

/** Where the upper bounds of range field `path` are indexed; the lower bounds are indexed under `path` itself. */
export function rangeToField(path: string): string {
  return `${path}#to`
}
