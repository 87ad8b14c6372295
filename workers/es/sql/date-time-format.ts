/**
 * ES SQL's datetime formatting functions (DateTimeFormatProcessor.Formatter; keyword results, the value read in
 * the request's time_zone; a null argument or an empty pattern gives null):
 * - DATETIME_FORMAT: a java.time pattern (DateTimeFormatter.ofPattern, Locale.ROOT), printed by the
 *   playground's java-time printer;
 * - FORMAT: an MS SQL Server pattern, translated to a java.time one as msToJavaPattern does: `tt`/`t` → `a`,
 *   `dddd`/`ddd` → `eeee`/`eee`, `K` → `v`, `g` → `G`, `f`/`F` → `S`, `z` → `X`; `\x`, `'…'` and `"…"` quote,
 *   and characters that are not MS pattern characters (d f F g h H K m M s t y z : / space -) are quoted;
 * - DATE_FORMAT: a MySQL pattern (DateFormatter): `%x` specifiers, each a java.time pattern or a week
 *   computation, `%` before any other character prints that character, other text prints as it is;
 * - TO_CHAR: a PostgreSQL template (ToCharFormatter, to-char-formatter.ts).
 * A time is printed as DateUtils.asTimeAtZone makes it: on 1970-01-01, at the request's zone's offset then (an
 * OffsetTime: its zone is that offset).
 * A pattern java.time refuses, or a value it cannot print, fails with `Invalid pattern [p] is received for
 * formatting date/time [v]; <java.time's message>`, v as ZonedDateTime.toString (OffsetTime.toString) prints the value.
 */
import { fromLocalMillis, type LocalDateTime } from '../common/time/calendar.ts'
import { printElements, type ZonedFields } from '../common/time/element-printer.ts'
import { compileJavaPattern } from '../common/time/java-pattern.ts'
import { offsetId } from '../common/time/zone-id.ts'
import type { ScalarFunction } from './scalar-function.ts'
import { sqlIllegalArgumentException } from './sql-exceptions.ts'
import { DateTimeValue, TimeValue, type SqlValue } from './sql-values.ts'
import { printToChar } from './to-char-formatter.ts'
import {
  ISO_WEEKS,
  ROOT_LOCALE_WEEKS,
  SUNDAY_SEVEN_WEEKS,
  localizedDayOfWeek,
  weekBasedYear,
  weekOfWeekBasedYear,
  weekOfYear,
} from './week-fields.ts'

/** A datetime as the formatters see it: its zoned fields. */
export type Printable = ZonedFields & { readonly local: LocalDateTime }

/** DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(value). */
export function printJavaPattern(pattern: string, value: Printable): string {
  return printElements(compileJavaPattern(pattern), value)
}

/**
 * ZonedDateTime.toString (OffsetTime.toString of a time): seconds and fraction only when not zero, then the offset
 * and, for a zone that is not that offset, `[zone]`.
 */
function zonedText(v: DateTimeValue | TimeValue): string {
  const text = v.toString()
  const end = v instanceof TimeValue ? 12 : 23
  const local = text
    .slice(0, end)
    .replace(/\.000$/, '')
    .replace(/:00$/, '')
  const region = v instanceof DateTimeValue && v.zone.id !== offsetId(v.offset) ? `[${v.zone.id}]` : ''
  return local + text.slice(end) + region
}

/** DateTimeFormatProcessor.Formatter.format: the shared checks, zone and failure around `print`. */
function formatter(print: (pattern: string, value: Printable) => string): ScalarFunction {
  return {
    type: () => 'keyword',
    arity: [2, 2],
    params: ['date, time or datetime', 'string'],
    apply: ([timestamp, pattern], env): SqlValue => {
      if (timestamp === null || timestamp === undefined || pattern === null || pattern === undefined)
        return null
      if (typeof pattern !== 'string')
        throw sqlIllegalArgumentException(`A string is required; received [${String(pattern)}]`)
      if (pattern.length === 0) return null
      if (!(timestamp instanceof DateTimeValue || timestamp instanceof TimeValue))
        throw sqlIllegalArgumentException(`A date/datetime/time is required; received [${String(timestamp)}]`)
      const offset = env.zone.offsetAt(timestamp.millis)
      const value: Printable = {
        local: fromLocalMillis(timestamp.millis + offset),
        offset,
        zoneId: timestamp instanceof TimeValue ? offsetId(offset) : env.zone.id,
      }
      try {
        return print(pattern, value)
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e)
        throw sqlIllegalArgumentException(
          `Invalid pattern [${pattern}] is received for formatting date/time [${zonedText(timestamp)}]; ${why}`,
        )
      }
    },
  }
}

const MS_PATTERN_CHARS = new Set('dfFghHKmMstyz:/ -')
const MS_QUOTES = new Set(['\\', "'", '"'])
const MS_TO_JAVA: readonly (readonly [string, string])[] = [
  ['tt', 'a'],
  ['t', 'a'],
  ['dddd', 'eeee'],
  ['ddd', 'eee'],
  ['K', 'v'],
  ['g', 'G'],
  ['f', 'S'],
  ['F', 'S'],
  ['z', 'X'],
]

/** Formatter.msToJavaPattern. */
export function msToJavaPattern(pattern: string): string {
  let out = ''
  let quoted = ''
  let inQuote = false
  let pendingQuote = false
  let quoteChar = '\\'
  const flush = () => {
    out += `'${quoted.replaceAll("'", "''")}'`
    quoted = ''
    pendingQuote = false
  }
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i)
    if (inQuote) {
      if (quoteChar === '\\') {
        inQuote = false
        quoted += c
      } else if (c === quoteChar) inQuote = false
      else quoted += c
      continue
    }
    if (MS_QUOTES.has(c)) {
      inQuote = true
      pendingQuote = true
      quoteChar = c
      continue
    }
    const translation = MS_TO_JAVA.find(([ms]) => pattern.startsWith(ms, i))
    if (translation !== undefined) {
      if (pendingQuote) flush()
      out += translation[1]
      i += translation[0].length - 1
    } else if (!MS_PATTERN_CHARS.has(c)) {
      pendingQuote = true
      quoted += c
    } else {
      if (pendingQuote) flush()
      out += c
    }
  }
  if (pendingQuote) flush()
  return out
}

const two = (n: number): string => String(n).padStart(2, '0')

function ordinalDay(day: number): string {
  if (day === 1 || day === 21 || day === 31) return `${day}st`
  if (day === 2 || day === 22) return `${day}nd`
  if (day === 3 || day === 23) return `${day}rd`
  return `${day}th`
}

/** DateFormatter's MySQL specifiers: a java.time pattern, or how the specifier prints. */
const MYSQL_SPECIFIERS: Readonly<Record<string, string | ((v: Printable) => string)>> = {
  '%a': 'E',
  '%b': 'MMM',
  '%c': 'M',
  '%D': (v) => ordinalDay(v.local.day),
  '%d': 'dd',
  '%e': 'd',
  '%f': (v) => String(v.local.millis * 1000).padStart(6, '0'),
  '%H': 'HH',
  '%h': 'hh',
  '%I': 'hh',
  '%i': 'mm',
  '%j': 'DDD',
  '%k': 'H',
  '%l': 'h',
  '%M': 'MMMM',
  '%m': 'MM',
  '%p': 'a',
  '%r': 'hh:mm:ss a',
  '%S': 'ss',
  '%s': 'ss',
  '%T': 'HH:mm:ss',
  '%U': (v) => two(weekOfYear(SUNDAY_SEVEN_WEEKS, v.local)),
  '%u': (v) => two(weekOfYear(ISO_WEEKS, v.local)),
  '%V': (v) => two(weekOfWeekBasedYear(SUNDAY_SEVEN_WEEKS, v.local)),
  '%v': (v) => two(weekOfWeekBasedYear(ROOT_LOCALE_WEEKS, v.local)),
  '%W': 'EEEE',
  '%w': (v) => String(localizedDayOfWeek(ROOT_LOCALE_WEEKS, v.local) % 7),
  '%X': (v) => String(weekBasedYear(SUNDAY_SEVEN_WEEKS, v.local)).padStart(4, '0'),
  '%x': (v) => String(weekBasedYear(ROOT_LOCALE_WEEKS, v.local)),
  '%Y': 'yyyy',
  '%y': 'yy',
}

/** DateFormatter.parsePattern: specifiers and literals, two characters at a time. */
function mysqlPieces(pattern: string): (string | ((v: Printable) => string))[] {
  const pieces: (string | ((v: Printable) => string))[] = []
  const literal = (text: string) => () => text
  let rest = pattern
  while (rest.length > 1) {
    const head = rest.slice(0, 2)
    const specifier = MYSQL_SPECIFIERS[head]
    if (specifier !== undefined) pieces.push(specifier)
    else if (head.startsWith('%')) pieces.push(literal(head.charAt(1)))
    else if (head.endsWith('%')) {
      pieces.push(literal(head.charAt(0)))
      rest = rest.slice(1)
      continue
    } else pieces.push(literal(head))
    rest = rest.slice(2)
  }
  if (rest.length === 1) pieces.push(literal(rest))
  return pieces
}

function printMysql(pattern: string, value: Printable): string {
  return mysqlPieces(pattern)
    .map((piece) => (typeof piece === 'string' ? printJavaPattern(piece, value) : piece(value)))
    .join('')
}

export const DATETIME_FORMAT = formatter(printJavaPattern)
export const FORMAT = formatter((pattern, value) => printJavaPattern(msToJavaPattern(pattern), value))
export const DATE_FORMAT = formatter(printMysql)
export const TO_CHAR = formatter(printToChar)
