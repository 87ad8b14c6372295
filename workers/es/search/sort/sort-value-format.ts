/**
 * A hit's `"sort": [...]` as SearchSortValues writes it (DocValueFormat.formatSortValue, ES 8.17):
 * `_score` as a Java float, `_doc` as an int, LONG sorts (long, integer, date, boolean fields) as longs,
 * Long.MAX_VALUE / Long.MIN_VALUE for missing values written with all their digits, DOUBLE sorts with
 * Double.toString, FLOAT sorts with Float.toString (±Infinity written as the strings Jackson writes),
 * keywords as strings and null when missing, ip addresses as their text (DocValueFormat.IP); a date sort with its
 * own `format` prints formatted dates; a date_nanos sort prints the longs of nanoseconds its encoded values stand
 * for (date-nanos-field.ts), all their digits kept, or with `format` dates with their nanoseconds; an unsigned_long
 * sort prints its values as numbers, 2^64 - 1 for the column's 2^64 (unsigned-long-field.ts).
 */
import { decodeVersion } from '../../index/mapper/version-field.ts'
import { JavaDouble, JavaFloat, XNumber, type JsonOut } from '../../xcontent/index.ts'
import type { SortValue } from './field-comparator.ts'
import { formatTerm } from '../../common/network/inet-addresses.ts'
import { LONG_MAX, LONG_MIN, type SortField } from './sort-field.ts'
import { nanosOfSortableDouble } from '../../index/mapper/date-nanos-field.ts'
import { unsignedLongJson } from '../../index/mapper/unsigned-long-field.ts'

export function formatSortValues(fields: readonly SortField[], values: readonly SortValue[]): JsonOut[] {
  return fields.map((field, i) => formatSortValue(field, values[i] ?? null))
}

/** A date_nanos sort value: the long of nanoseconds, or its text in the sort's `format`. */
function nanosSortValue(field: SortField, nanos: bigint): JsonOut {
  const format = field.formatSortValues ? field.dateFormat : null
  return format === null ? new XNumber(String(nanos)) : format.formatter.formatNanos(nanos, format.zone)
}

function formatSortValue(field: SortField, value: SortValue): JsonOut {
  if (typeof value === 'string' && field.ip === true) return formatTerm(value)
  if (typeof value === 'string' && field.version === true) return decodeVersion(value)
  if (typeof value !== 'number') return value
  if (field.unsigned === true) return unsignedLongJson(value)
  switch (field.type) {
    case 'score':
    case 'float':
      return new JavaFloat(value)
    case 'double':
      return new JavaDouble(value)
    case 'long':
      if (value >= LONG_MAX) return new XNumber('9223372036854775807')
      if (value <= LONG_MIN) return new XNumber('-9223372036854775808')
      if (field.nanos === true) return nanosSortValue(field, nanosOfSortableDouble(value))
      return field.formatSortValues && field.dateFormat !== null ? field.dateFormat.format(value) : value
    default:
      return value
  }
}
