/**
 * `search_after`, as ES 8's SearchAfterBuilder parses it (fromXContent) and turns it into the FieldDoc a
 * shard's TopFieldCollector starts after (buildFieldDoc, convertValueFromSortType):
 * - the body value is an array of strings, numbers, booleans and nulls (`Expected [VALUE_STRING] or
 *   [VALUE_NUMBER] or [VALUE_BOOLEAN] or [VALUE_NULL] but found [START_OBJECT] inside search_after.`),
 *   never empty (`Values must contains at least one value.`);
 * - on the shard: `Sort must contain at least one field.` without a sort (a lone `_score` desc is no sort),
 *   `search_after has 2 value(s) but sort has 1.`, then each value read as its sort field's type: numbers
 *   by their Java conversions, strings by Integer/Long/Float/Double parsing (a long field's RAW format
 *   retries as a double and floors it; a date field parses dates; a boolean field `true`/`false`), keywords
 *   as text, ip addresses as their terms. A number that does not parse is `Failed to parse search_after value
 *   for field [f].` caused by the number_format_exception.
 * Documents equal to the values in every sort key are skipped (the FieldDoc has doc id Integer.MAX_VALUE).
 * A null value stands for the missing value (Lucene throws for a numeric null; see docs/DEVIATIONS.md).
 */
import { encodeVersion } from '../../index/mapper/version-field.ts'
import { EsException, illegalArgumentException, parsingException } from '../../errors/index.ts'
import { javaDoubleToString, XNumber, type XContentValue } from '../../xcontent/index.ts'
import { valueToken } from '../../action/value-token.ts'
import { bodyLocation } from '../../xcontent/body-location.ts'
import type { SortValue } from './field-comparator.ts'
import {
  clampToNanos,
  parseDoubleOrThrow,
  parseJavaLong,
  parseLongText,
  type SortField,
} from './sort-field.ts'
import { sortableDouble } from '../../index/mapper/date-nanos-field.ts'
import { addressTerm, forString } from '../../common/network/inet-addresses.ts'

export type SearchAfterValue = XNumber | string | boolean | null

export function parseSearchAfter(value: readonly XContentValue[], body: string): SearchAfterValue[] {
  const values = value.map((entry) => {
    if (entry instanceof Map || Array.isArray(entry)) {
      const { line, col } = bodyLocation(body, 'search_after', 'value')
      throw parsingException(
        line,
        col,
        'Expected [VALUE_STRING] or [VALUE_NUMBER] or [VALUE_BOOLEAN] or [VALUE_NULL] but found ' +
          `[${valueToken(entry)}] inside search_after.`,
      )
    }
    return entry
  })
  if (values.length === 0) throw illegalArgumentException('Values must contains at least one value.')
  return values
}

/** buildFieldDoc: the values a shard's hits must come after, one per sort field. */
export function searchAfterValues(
  fields: readonly SortField[] | null,
  values: readonly SearchAfterValue[],
  now: number,
): SortValue[] {
  if (fields === null || fields.length === 0) {
    throw illegalArgumentException('Sort must contain at least one field.')
  }
  if (fields.length !== values.length) {
    throw illegalArgumentException(
      `search_after has ${values.length} value(s) but sort has ${fields.length}.`,
    )
  }
  return fields.map((field, i) => {
    const value = values[i] ?? null
    if (value === null)
      return field.type === 'score' || field.type === 'doc' || field.type === 'shard_doc' ? 0 : field.missing
    try {
      return convert(field, value, now)
    } catch (error) {
      if (!(error instanceof EsException) || error.type !== 'number_format_exception') throw error
      throw illegalArgumentException(`Failed to parse search_after value for field [${field.name}].`, error)
    }
  })
}

function convert(field: SortField, value: XNumber | string | boolean, now: number): SortValue {
  const number = value instanceof XNumber ? value.value : null
  const text = value instanceof XNumber ? javaText(value) : String(value)
  switch (field.type) {
    case 'doc':
    case 'shard_doc':
      return number !== null ? Math.trunc(number) : parseJavaLong(text)
    case 'score':
    case 'float':
      return Math.fround(number ?? parseDoubleOrThrow(text))
    case 'double':
      return number ?? parseDoubleOrThrow(text)
    case 'keyword':
      // DocValueFormat.IP.parseBytesRef: an address, compared as its term
      if (field.version === true) return encodeVersion(text)
      return field.ip === true ? addressTerm(forString(text)) : text
    case 'long':
      if (field.nanos === true) return sortableDouble(clampToNanos(nanosAfter(field, value, text)))
      return number !== null ? Math.trunc(number) : parseLong(field, text, now)
  }
}

/** A date_nanos sort's search_after value: a long of nanoseconds (its exact lexeme), or a date in the format. */
function nanosAfter(field: SortField, value: XNumber | string | boolean, text: string): bigint {
  if (value instanceof XNumber || /^[+-]?\d+$/.test(text)) return parseLongText(value)
  checkNotNow(text)
  return field.dateFormat!.formatter.parseNanos(text, field.dateFormat!.zone)
}

function checkNotNow(text: string): void {
  if (text.startsWith('now')) {
    throw new EsException({
      type: 'illegal_state_exception',
      reason: 'now() is not allowed in [search_after] key',
      status: 500,
      rootCause: false,
    })
  }
}

/** DocValueFormat.parseLong of the field's format: DateTime, BOOLEAN or RAW. */
function parseLong(field: SortField, text: string, now: number): number {
  if (field.dateFormat !== null) {
    checkNotNow(text)
    return field.dateFormat.parse(text, now, false)
  }
  if (field.boolean) {
    if (text === 'true' || text === 'false') return text === 'true' ? 1 : 0
    throw illegalArgumentException(`Cannot parse boolean [${text}], expected either [true] or [false]`)
  }
  if (/^[+-]?\d+$/.test(text)) return parseJavaLong(text)
  return Math.floor(parseDoubleOrThrow(text))
}

/** Number.toString of the Java value Jackson hands out: an int/long keeps its digits, a double is Double.toString. */
function javaText(value: XNumber): string {
  return value.isInteger ? value.text : javaDoubleToString(value.value)
}
