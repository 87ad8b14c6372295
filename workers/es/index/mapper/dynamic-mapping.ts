/**
 * Dynamic field mapping as ES 8 does it for a value of a field it has not seen (`dynamic: true`):
 * strings that match a dynamic date format become `date` fields, other strings `text` with a `keyword`
 * multi-field (ignore_above 256), JSON integers `long`, other JSON numbers `float`, booleans `boolean`,
 * objects `object`. Numeric detection is off by default, as in ES.
 */
import type { FieldMapping } from './mapping.ts'

/** strict_date_optional_time: a full date, optionally a time of day and a zone. */
const STRICT_DATE_OPTIONAL_TIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/
/** yyyy/MM/dd HH:mm:ss||yyyy/MM/dd */
const SLASH_DATE = /^\d{4}\/\d{2}\/\d{2}(?: \d{2}:\d{2}:\d{2})?$/

export function dynamicStringMapping(value: string): FieldMapping {
  if (STRICT_DATE_OPTIONAL_TIME.test(value) && isCalendarDate(value, '-')) return { type: 'date' }
  if (SLASH_DATE.test(value) && isCalendarDate(value, '/')) {
    return { type: 'date', format: 'yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis' }
  }
  return { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } }
}

function isCalendarDate(value: string, separator: string): boolean {
  const [year, month, day] = value.slice(0, 10).split(separator).map(Number) as [number, number, number]
  if (month < 1 || month > 12 || day < 1) return false
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= daysInMonth
}

export function dynamicNumberMapping(isInteger: boolean): FieldMapping {
  return { type: isInteger ? 'long' : 'float' }
}
