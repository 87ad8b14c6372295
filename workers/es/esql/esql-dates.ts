/**
 * Date work for the ES|QL date functions, all in UTC: DATE_TRUNC's rounding (calendar units to the start of
 * their year/quarter/month/ISO week, fixed ones to a multiple since the epoch), DATE_EXTRACT's ChronoFields,
 * and DATE_FORMAT / DATE_PARSE through ES's own DateFormatter (common/time: every java.time pattern, as ES|QL
 * formats and parses with DateFormatter.forPattern; DATE_FORMAT's default is `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`).
 */
import { DateFormatter } from '../common/time/index.ts'
import { EsException } from '../errors/index.ts'
import type { EsqlScalar, TimeSpan } from './esql-values.ts'
import { EvaluationFailure } from './esql-warnings.ts'

const DAY = 86_400_000

export const DEFAULT_DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"

/** The start of the span-long bucket `millis` falls in. */
export function truncateDate(millis: number, span: TimeSpan): number {
  const d = new Date(millis)
  const n = span.amount
  const year = d.getUTCFullYear()
  switch (span.unit) {
    case 'year':
      return Date.UTC(Math.floor(year / n) * n, 0, 1)
    case 'quarter':
    case 'month': {
      const months = span.unit === 'quarter' ? 3 * n : n
      const total = year * 12 + d.getUTCMonth()
      const start = Math.floor(total / months) * months
      return Date.UTC(Math.floor(start / 12), start % 12, 1)
    }
    case 'week': {
      // Weeks start on Monday; the epoch (a Thursday) is three days after one.
      const size = 7 * n * DAY
      return Math.floor((millis + 3 * DAY) / size) * size - 3 * DAY
    }
    default: {
      const size = span.addTo(0)
      return Math.floor(millis / size) * size
    }
  }
}

/** DATE_EXTRACT's ChronoField names (case-insensitive), or null for an unknown one. */
export function extractField(millis: number, field: string): number | null {
  const d = new Date(millis)
  const dayOfYear = Math.floor((millis - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY) + 1
  const isoDay = ((d.getUTCDay() + 6) % 7) + 1
  switch (field.toUpperCase()) {
    case 'YEAR':
    case 'YEAR_OF_ERA':
      return d.getUTCFullYear()
    case 'MONTH_OF_YEAR':
      return d.getUTCMonth() + 1
    case 'DAY_OF_MONTH':
      return d.getUTCDate()
    case 'DAY_OF_WEEK':
      return isoDay
    case 'DAY_OF_YEAR':
      return dayOfYear
    case 'HOUR_OF_DAY':
      return d.getUTCHours()
    case 'MINUTE_OF_HOUR':
      return d.getUTCMinutes()
    case 'SECOND_OF_MINUTE':
      return d.getUTCSeconds()
    case 'MILLI_OF_SECOND':
      return d.getUTCMilliseconds()
    case 'MINUTE_OF_DAY':
      return d.getUTCHours() * 60 + d.getUTCMinutes()
    case 'SECOND_OF_DAY':
      return d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds()
    case 'EPOCH_DAY':
      return Math.floor(millis / DAY)
    case 'ALIGNED_WEEK_OF_YEAR':
      return Math.floor((dayOfYear - 1) / 7) + 1
    case 'AMPM_OF_DAY':
      return d.getUTCHours() < 12 ? 0 : 1
    default:
      return null
  }
}

/** TO_DATETIME's and the implicit casts' format (EsqlDataTypeConverter.DEFAULT_DATE_TIME_FORMATTER). */
const STRICT_DATE_OPTIONAL_TIME = 'strict_date_optional_time'

/** DATE_FORMAT: the instant in UTC through ES's DateFormatter for the java.time pattern. */
export function formatDatePattern(millis: number, pattern: string): string {
  return DateFormatter.forPattern(pattern).format(millis)
}

/** DATE_PARSE: the instant `text` names in `pattern` (read in UTC), or null when it does not parse. */
export function parseDatePattern(text: string, pattern: string): number | null {
  const formatter = DateFormatter.forPattern(pattern)
  try {
    return formatter.parseMillis(text)
  } catch (error) {
    if (error instanceof EsException) return null
    throw error
  }
}

/** strict_date_optional_time, as a TO_DATETIME and a string compared with a date read it; null when it does not parse. */
export function parseIsoDate(text: string): number | null {
  return parseDatePattern(text, STRICT_DATE_OPTIONAL_TIME)
}

/** A date value: epoch millis as they are, text through strict_date_optional_time (else an evaluation failure). */
export function dateMillis(value: EsqlScalar): number {
  if (typeof value === 'number') return value
  const millis = parseIsoDate(String(value))
  if (millis === null) {
    throw new EvaluationFailure(
      `java.lang.IllegalArgumentException: failed to parse date field [${String(value)}] with format [${STRICT_DATE_OPTIONAL_TIME}]`,
    )
  }
  return millis
}
