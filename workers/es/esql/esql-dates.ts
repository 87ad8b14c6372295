/**
 * Date work for the ES|QL date functions, all in UTC: DATE_TRUNC's rounding (calendar units to the start of
 * their year/quarter/month/ISO week, fixed ones to a multiple since the epoch), DATE_EXTRACT's ChronoFields,
 * and DATE_FORMAT / DATE_PARSE with the java.time patterns course notes use (`yyyy yy MM M MMM MMMM dd d HH H
 * hh h mm m ss s SSS a EEE EEEE 'literal'`; DATE_FORMAT's default is `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`).
 */
import type { TimeSpan } from './esql-values.ts'

const DAY = 86_400_000
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

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

/** The pattern's pieces: letter runs (`yyyy`) and literal text. */
function pieces(pattern: string): { letters: string | null; text: string }[] {
  const out: { letters: string | null; text: string }[] = []
  let i = 0
  while (i < pattern.length) {
    const c = pattern[i]!
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1)
      const text = pattern.slice(i + 1, end < 0 ? pattern.length : end)
      out.push({ letters: null, text: text === '' ? "'" : text })
      i = end < 0 ? pattern.length : end + 1
    } else if (/[A-Za-z]/.test(c)) {
      let j = i
      while (pattern[j] === c) j++
      out.push({ letters: pattern.slice(i, j), text: '' })
      i = j
    } else {
      out.push({ letters: null, text: c })
      i++
    }
  }
  return out
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

export function formatDatePattern(millis: number, pattern: string): string {
  const d = new Date(millis)
  return pieces(pattern)
    .map(({ letters, text }) => {
      if (letters === null) return text
      const w = letters.length
      switch (letters[0]) {
        case 'y':
        case 'u':
          return w === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), w)
        case 'M':
          return w >= 4
            ? MONTHS[d.getUTCMonth()]!
            : w === 3
              ? MONTHS[d.getUTCMonth()]!.slice(0, 3)
              : pad(d.getUTCMonth() + 1, w)
        case 'd':
          return pad(d.getUTCDate(), w)
        case 'D':
          return pad(extractField(millis, 'DAY_OF_YEAR')!, w)
        case 'H':
          return pad(d.getUTCHours(), w)
        case 'h':
          return pad(d.getUTCHours() % 12 || 12, w)
        case 'm':
          return pad(d.getUTCMinutes(), w)
        case 's':
          return pad(d.getUTCSeconds(), w)
        case 'S':
          return pad(d.getUTCMilliseconds(), 3).slice(0, w).padEnd(w, '0')
        case 'a':
          return d.getUTCHours() < 12 ? 'AM' : 'PM'
        case 'E':
          return w >= 4 ? DAYS[d.getUTCDay()]! : DAYS[d.getUTCDay()]!.slice(0, 3)
        default:
          return letters
      }
    })
    .join('')
}

/** DATE_PARSE: the instant `text` names in `pattern`, or null when it does not match. */
export function parseDatePattern(text: string, pattern: string): number | null {
  const groups: string[] = []
  const regex = pieces(pattern)
    .map(({ letters, text: literal }) => {
      if (letters === null) return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      groups.push(letters)
      if (letters[0] === 'M' && letters.length >= 3) return '([A-Za-z]+)'
      if (letters[0] === 'a') return '(AM|PM|am|pm)'
      return letters.length === 1 ? '(\\d{1,2})' : `(\\d{${letters.length}})`
    })
    .join('')
  const m = new RegExp(`^${regex}$`).exec(text)
  if (m === null) return null
  const f = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0, pm: false }
  groups.forEach((letters, i) => {
    const v = m[i + 1]!
    const n = Number(v)
    switch (letters[0]) {
      case 'y':
      case 'u':
        f.y = letters.length === 2 ? 2000 + n : n
        break
      case 'M':
        f.M =
          letters.length >= 3 ? MONTHS.findIndex((x) => x.toLowerCase().startsWith(v.toLowerCase())) + 1 : n
        break
      case 'd':
        f.d = n
        break
      case 'H':
      case 'h':
        f.H = n
        break
      case 'm':
        f.m = n
        break
      case 's':
        f.s = n
        break
      case 'S':
        f.S = Number(v.padEnd(3, '0').slice(0, 3))
        break
      case 'a':
        f.pm = v.toUpperCase() === 'PM'
        break
    }
  })
  const hour = f.pm && f.H < 12 ? f.H + 12 : f.H
  return Date.UTC(f.y, f.M - 1, f.d, hour, f.m, f.s, f.S)
}

/** strict_date_optional_time: `yyyy[-MM[-dd['T'HH[:mm[:ss[.SSS]]]]]]` with an optional `Z` or offset. */
export function parseIsoDate(text: string): number | null {
  const m =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text,
    )
  if (m === null) return null
  const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3))
  let millis = Date.UTC(
    Number(m[1]),
    Number(m[2] ?? 1) - 1,
    Number(m[3] ?? 1),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    ms,
  )
  const zone = m[8]
  if (zone !== undefined && zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!
    const offset = (Number(z[2]) * 60 + Number(z[3])) * 60000
    millis -= z[1] === '-' ? -offset : offset
  }
  return millis
}
