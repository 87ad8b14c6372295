/**
 * TO_CHAR's PostgreSQL template patterns, as ES SQL's ToCharFormatter reads and prints them:
 * - the pattern is read from the left, the longest known pattern first (at most 5 characters); `FM`/`fm` sets
 *   fill mode for the next pattern (numbers lose their leading zeros, texts their trailing blanks, offsets
 *   their padding; MS, US, FF1–FF6 and Y,YYY keep theirs), `TH`/`th` adds the English ordinal suffix to the
 *   pattern before it (numbers and literals only: a literal or a text that is not a number gets `TH`/`th`
 *   itself), anything else is copied as it is, one character at a time;
 * - every pattern is known in the case it is listed in and, unless it is TZH, TZM or OF, in lower case;
 * - numbers and names are java.time's in Locale.ROOT (printed through the java-time printer where a pattern
 *   letter does it); MONTH, Month, month, DAY, Day and day are padded to 9 characters, RM and rm to 4; MS,
 *   US and FFn are the first digits of the nano-of-second (here the millisecond's); J is the Julian day
 *   (the modified Julian day + 2,400,001); CC is DateUtils.century; TZ names the zone (`UTC` for `Z`, else
 *   the offset id), TZH and TZM the offset's hours and minutes, OF the offset as `+hh[:mm]`.
 */
import { dayOfWeek, dayOfYear, epochDay } from '../common/time/calendar.ts'
import { printElements } from '../common/time/element-printer.ts'
import { compileJavaPattern } from '../common/time/java-pattern.ts'
import type { Printable } from './date-time-format.ts'
import {
  ISO_WEEKS,
  ROOT_LOCALE_WEEKS,
  localizedDayOfWeek,
  weekBasedYear,
  weekOfWeekBasedYear,
} from './week-fields.ts'

type Print = (v: Printable) => string

interface Pattern {
  readonly name: string
  readonly print: Print
  /** What FM does to the printed text; null when it does nothing. */
  readonly fill: ((s: string) => string) | null
  readonly ordinal: boolean
  readonly lowercase: boolean
}

/** Integer.parseInt, which refuses what is not a whole number (NumberFormatException, an IllegalArgumentException). */
function parseInt10(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`For input string: "${s}"`)
  return Number(s)
}

const fillNumeric = (s: string): string => String(parseInt10(s))
const fillText = (s: string): string => s.replace(/ +$/, '')

function fillOffset(offset: string): string {
  if (/^[+-]0{1,2}$/.test(offset)) return offset.slice(0, 2)
  if (offset.startsWith('+0')) return '+' + offset.slice(2)
  if (offset.startsWith('-0')) return '-' + offset.slice(2)
  return offset
}

function formatOffset(offset: string): string {
  if (offset === 'Z') return '+00'
  let o = offset
  if (/^[+-]\d\d00$/.test(o)) o = o.slice(0, -2)
  else if (/^[+-]\d{3,4}$/.test(o)) o = o.slice(0, -2) + ':' + o.slice(-2)
  else if (/^[+-]\d\d:00$/.test(o)) o = o.slice(0, -3)
  return o.slice(0, 6)
}

/** String.format's `%0Nd` for N = width, or width + 1 for a negative number (the sign counts). */
const pad = (n: number, width: number): string =>
  (n < 0 ? '-' : '') + String(Math.abs(n)).padStart(width, '0')
const padRight = (s: string, width: number): string => s.padEnd(width, ' ')
const last = (s: string, n: number): string => s.slice(Math.max(0, s.length - n))
const upper = (s: string): string => s.toUpperCase()
const lower = (s: string): string => s.toLowerCase()
const dotted = (s: string): string => `${s.charAt(0)}.${s.charAt(1)}.`

/** A pattern printed by a java.time pattern (DateTimeFormatter.ofPattern(p, Locale.ROOT)), then mapped. */
function java(pattern: string, map: (s: string) => string = (s) => s): Print {
  const elements = compileJavaPattern(pattern)
  return (v) => map(printElements(elements, v))
}

function nanoDigits(digits: number): Print {
  return (v) =>
    String(v.local.millis * 1_000_000)
      .padStart(9, '0')
      .slice(0, digits)
}

/** IsoFields.WEEK_BASED_YEAR, BC years counted from 1, as four digits at least. */
function absoluteWeekBasedYear(v: Printable): string {
  const year = weekBasedYear(ISO_WEEKS, v.local)
  return pad(year > 0 ? year : -(year - 1), 4)
}

/** DateUtils.century. */
function century(year: number): number {
  return year > 0 ? Math.trunc((year + 99) / 100) : Math.trunc((year - 99) / 100)
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']

/** ZoneId.getDisplayName(SHORT, ROOT) of the value's zone, `Z` as UTC. */
function zoneAbbreviation(v: Printable): string {
  return v.zoneId === 'Z' ? 'UTC' : v.zoneId
}

const isoDayOfWeek = (v: Printable): number => dayOfWeek(epochDay(v.local.year, v.local.month, v.local.day))
const era = (v: Printable): string => (v.local.year > 0 ? 'AD' : 'BC')

type Kind = 'numeric' | 'fixed' | 'text'

function pattern(
  name: string,
  print: Print,
  kind: Kind = 'numeric',
  options: { fill?: (s: string) => string; lowercase?: boolean } = {},
): Pattern {
  const fill = kind === 'numeric' ? fillNumeric : kind === 'fixed' ? null : (options.fill ?? fillText)
  return { name, print, fill, ordinal: kind !== 'text', lowercase: options.lowercase ?? true }
}

const PATTERNS: readonly Pattern[] = [
  pattern('HH', java('hh')),
  pattern('HH12', java('hh')),
  pattern('HH24', java('HH')),
  pattern('MI', java('mm')),
  pattern('SS', (v) => pad(v.local.second, 2)),
  pattern('MS', nanoDigits(3), 'fixed'),
  pattern('US', nanoDigits(6), 'fixed'),
  ...[1, 2, 3, 4, 5, 6].map((n) => pattern(`FF${n}`, nanoDigits(n), 'fixed')),
  pattern('SSSSS', (v) => String(v.local.hour * 3600 + v.local.minute * 60 + v.local.second)),
  pattern('SSSS', (v) => String(v.local.hour * 3600 + v.local.minute * 60 + v.local.second)),
  pattern('AM', java('a', upper), 'text'),
  pattern('am', java('a', lower), 'text'),
  pattern('PM', java('a', upper), 'text'),
  pattern('pm', java('a', lower), 'text'),
  pattern('A.M.', java('a', dotted), 'text'),
  pattern(
    'a.m.',
    java('a', (s) => lower(dotted(s))),
    'text',
  ),
  pattern('P.M.', java('a', dotted), 'text'),
  pattern(
    'p.m.',
    java('a', (s) => lower(dotted(s))),
    'text',
  ),
  pattern(
    'Y,YYY',
    java('yyyy', (y) => `${y.charAt(0)},${y.slice(1)}`),
    'fixed',
  ),
  pattern('YYYY', java('yyyy')),
  pattern(
    'YYY',
    java('yyyy', (y) => y.slice(1)),
  ),
  pattern('YY', java('yy')),
  pattern(
    'Y',
    java('yy', (y) => y.slice(1)),
  ),
  pattern('IYYY', (v) => last(absoluteWeekBasedYear(v), 4)),
  pattern('IYY', (v) => last(absoluteWeekBasedYear(v), 3)),
  pattern('IY', (v) => last(absoluteWeekBasedYear(v), 2)),
  pattern('I', (v) => last(absoluteWeekBasedYear(v), 1)),
  pattern('BC', era, 'text'),
  pattern('bc', (v) => lower(era(v)), 'text'),
  pattern('AD', era, 'text'),
  pattern('ad', (v) => lower(era(v)), 'text'),
  pattern('B.C.', (v) => dotted(era(v)), 'text'),
  pattern('b.c.', (v) => lower(dotted(era(v))), 'text'),
  pattern('A.D.', (v) => dotted(era(v)), 'text'),
  pattern('a.d.', (v) => lower(dotted(era(v))), 'text'),
  pattern(
    'MONTH',
    java('MMMM', (s) => padRight(upper(s), 9)),
    'text',
  ),
  pattern(
    'Month',
    java('MMMM', (s) => padRight(s, 9)),
    'text',
  ),
  pattern(
    'month',
    java('MMMM', (s) => padRight(lower(s), 9)),
    'text',
  ),
  pattern('MON', java('MMM', upper), 'text'),
  pattern('Mon', java('MMM'), 'text'),
  pattern('mon', java('MMM', lower), 'text'),
  pattern('MM', java('MM')),
  pattern(
    'DAY',
    java('EEEE', (s) => padRight(upper(s), 9)),
    'text',
  ),
  pattern(
    'Day',
    java('EEEE', (s) => padRight(s, 9)),
    'text',
  ),
  pattern(
    'day',
    java('EEEE', (s) => padRight(lower(s), 9)),
    'text',
  ),
  pattern('DY', java('E', upper), 'text'),
  pattern('Dy', java('E'), 'text'),
  pattern('dy', java('E', lower), 'text'),
  pattern('DDD', java('DDD')),
  pattern('IDDD', (v) => pad((weekOfWeekBasedYear(ISO_WEEKS, v.local) - 1) * 7 + isoDayOfWeek(v), 3)),
  pattern('DD', (v) => pad(v.local.day, 2)),
  pattern('ID', (v) => String(localizedDayOfWeek(ROOT_LOCALE_WEEKS, v.local))),
  pattern('D', (v) => String((isoDayOfWeek(v) % 7) + 1)),
  pattern('W', (v) => String(Math.floor((v.local.day - 1) / 7) + 1)),
  pattern('WW', (v) => pad(Math.floor((dayOfYear(v.local.year, v.local.month, v.local.day) - 1) / 7) + 1, 2)),
  pattern('IW', (v) => pad(weekOfWeekBasedYear(ISO_WEEKS, v.local), 2)),
  pattern('CC', (v) => pad(century(v.local.year), 2)),
  pattern('J', (v) => String(epochDay(v.local.year, v.local.month, v.local.day) + 2_440_588)),
  pattern('Q', (v) => String(Math.floor((v.local.month - 1) / 3) + 1)),
  pattern('RM', (v) => padRight(ROMAN[v.local.month - 1]!, 4), 'text'),
  pattern('rm', (v) => padRight(lower(ROMAN[v.local.month - 1]!), 4), 'text'),
  pattern('TZ', zoneAbbreviation, 'text'),
  pattern('tz', (v) => lower(zoneAbbreviation(v)), 'text'),
  pattern(
    'TZH',
    java('ZZ', (s) => s.slice(0, 3)),
    'text',
    { lowercase: false },
  ),
  pattern(
    'TZM',
    java('ZZ', (s) => last(s, 2)),
    'text',
    { lowercase: false },
  ),
  pattern('OF', java('ZZZZZ', formatOffset), 'text', { fill: fillOffset, lowercase: false }),
]

const BY_NAME: ReadonlyMap<string, Pattern> = (() => {
  const map = new Map(PATTERNS.map((p) => [p.name, p]))
  for (const p of PATTERNS) {
    const name = p.name.toLowerCase()
    if (p.lowercase && !map.has(name)) map.set(name, p)
  }
  return map
})()

const MAX_LENGTH = Math.max(...[...BY_NAME.keys()].map((k) => k.length))

/** The English ordinal suffix of a number (`st`, `nd`, `rd`, `th`; 11–13 `th`). */
function ordinalSuffix(n: number): string {
  const i = Math.abs(n)
  const mod100 = i % 100
  const mod10 = i % 10
  if (mod10 === 1 && mod100 !== 11) return 'st'
  if (mod10 === 2 && mod100 !== 12) return 'nd'
  if (mod10 === 3 && mod100 !== 13) return 'rd'
  return 'th'
}

function withOrdinal(print: Print, suffix: string): Print {
  return (v) => {
    const s = print(v)
    const tail = last(s, 3)
    if (!/^[+-]?\d+$/.test(tail)) return s + suffix
    const ordinal = ordinalSuffix(Number(tail))
    return s + (suffix === 'TH' ? ordinal.toUpperCase() : ordinal)
  }
}

interface Piece {
  readonly print: Print
  readonly ordinal: boolean
}

/** ToCharFormatter.parsePattern: the pieces printed one after the other. */
function parsePattern(text: string): Piece[] {
  const pieces: Piece[] = []
  let fillMode = false
  let rest = text
  while (rest.length > 0) {
    let length = Math.min(MAX_LENGTH, rest.length)
    for (; length >= 1; length--) {
      const candidate = rest.slice(0, length)
      if (candidate === 'FM' || candidate === 'fm') {
        fillMode = true
        break
      }
      if (candidate === 'TH' || candidate === 'th') {
        const previous = pieces.pop()
        if (previous === undefined) pieces.push({ print: () => candidate, ordinal: true })
        else
          pieces.push(
            previous.ordinal ? { print: withOrdinal(previous.print, candidate), ordinal: true } : previous,
          )
        break
      }
      const known = BY_NAME.get(candidate)
      if (known !== undefined) {
        const fill = fillMode ? known.fill : null
        pieces.push({
          print: fill === null ? known.print : (v) => fill(known.print(v)),
          ordinal: known.ordinal,
        })
        fillMode = false
        break
      }
    }
    if (length === 0) {
      const literal = rest.charAt(0)
      pieces.push({ print: () => literal, ordinal: true })
      fillMode = false
      length = 1
    }
    rest = rest.slice(length)
  }
  return pieces
}

/** ToCharFormatter.ofPattern(pattern) applied to a value. */
export function printToChar(text: string, value: Printable): string {
  return parsePattern(text)
    .map((piece) => piece.print(value))
    .join('')
}
