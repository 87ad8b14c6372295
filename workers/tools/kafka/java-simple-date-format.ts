/**
 * java.text.SimpleDateFormat as kafka-consumer-perf-test's --date-format uses it (`new SimpleDateFormat(p)`,
 * then format(epochMillis)), in the US locale and UTC (the playground's JVM time zone, as its log lines).
 *
 * Pattern: letters A-Z and a-z are fields, text in single quotes is literal (`''` is a quote), anything else
 * is copied. A letter SimpleDateFormat does not know fails as it does (IllegalArgumentException `Illegal
 * pattern character 'q'`), so does an open quote (`Unterminated quote`). Fields: G era; y year (`yy` its last
 * two digits); Y week year (taken as the year); M / L month (`MMM` short name, `MMMM` full name); w / W week
 * of year / month (Sunday first, a week of one day counts); D day of year; d day; F day-of-week in month; E
 * day name (`EEEE` full); u day number (Monday 1); a AM/PM; H 0-23, k 1-24, K 0-11, h 1-12; m; s; S
 * milliseconds (a count, not a fraction: `S` of 5 ms is `5`); z / Z / X the zone (`UTC`, `+0000`, `Z`).
 * A number is zero-padded to the letter count.
 */
import { illegalArgument } from './tool-errors.ts'
import { DAY_NAMES, MONTH_NAMES } from '../../es/common/time/calendar.ts'

const PATTERN_LETTERS = 'GyMdkHmsSEDFwWahKzZYuXL'

type Token = { literal: string } | { letter: string; count: number }

function pad(value: number, count: number): string {
  return String(value).padStart(count, '0')
}

/** SimpleDateFormat.compile: the pattern's fields and literals; throws IllegalArgumentException. */
function compile(pattern: string): Token[] {
  const tokens: Token[] = []
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ literal: "'" })
        i += 2
        continue
      }
      // Inside quotes, '' is one quote; the first lone quote closes the text.
      let text = ''
      for (let from = i + 1; ;) {
        const end = pattern.indexOf("'", from)
        if (end < 0) throw illegalArgument('Unterminated quote')
        text += pattern.slice(from, end)
        if (pattern[end + 1] !== "'") {
          i = end + 1
          break
        }
        text += "'"
        from = end + 2
      }
      tokens.push({ literal: text })
    } else if (/[A-Za-z]/.test(c)) {
      if (!PATTERN_LETTERS.includes(c)) throw illegalArgument(`Illegal pattern character '${c}'`)
      let count = 1
      while (pattern[i + count] === c) count++
      tokens.push({ letter: c, count })
      i += count
    } else {
      tokens.push({ literal: c })
      i++
    }
  }
  return tokens
}

function field(letter: string, count: number, date: Date): string {
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth()
  const day = date.getUTCDate()
  const hour = date.getUTCHours()
  const weekday = date.getUTCDay()
  const dayOfYear = Math.floor((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1
  const text = (names: readonly string[], index: number): string =>
    count >= 4 ? names[index]! : names[index]!.slice(0, 3)
  switch (letter) {
    case 'G':
      return year > 0 ? 'AD' : 'BC'
    case 'y':
    case 'Y':
      return count === 2 ? pad(year % 100, 2) : pad(year, count)
    case 'M':
    case 'L':
      return count >= 3 ? text(MONTH_NAMES, month) : pad(month + 1, count)
    case 'w':
      return pad(Math.floor((dayOfYear - 1 + new Date(Date.UTC(year, 0, 1)).getUTCDay()) / 7) + 1, count)
    case 'W':
      return pad(Math.floor((day - 1 + new Date(Date.UTC(year, month, 1)).getUTCDay()) / 7) + 1, count)
    case 'D':
      return pad(dayOfYear, count)
    case 'd':
      return pad(day, count)
    case 'F':
      return pad(Math.floor((day - 1) / 7) + 1, count)
    case 'E':
      return text(DAY_NAMES, (weekday + 6) % 7)
    case 'u':
      return pad(weekday === 0 ? 7 : weekday, count)
    case 'a':
      return hour < 12 ? 'AM' : 'PM'
    case 'H':
      return pad(hour, count)
    case 'k':
      return pad(hour === 0 ? 24 : hour, count)
    case 'K':
      return pad(hour % 12, count)
    case 'h':
      return pad(hour % 12 === 0 ? 12 : hour % 12, count)
    case 'm':
      return pad(date.getUTCMinutes(), count)
    case 's':
      return pad(date.getUTCSeconds(), count)
    case 'S':
      return pad(date.getUTCMilliseconds(), count)
    case 'z':
      return count >= 4 ? 'Coordinated Universal Time' : 'UTC'
    case 'Z':
      return '+0000'
    default:
      return 'Z'
  }
}

/** A compiled SimpleDateFormat: `format(epochMillis)`. */
export class SimpleDateFormat {
  private readonly tokens: Token[]

  constructor(pattern: string) {
    this.tokens = compile(pattern)
  }

  format(epochMillis: number): string {
    const date = new Date(epochMillis)
    return this.tokens.map((t) => ('literal' in t ? t.literal : field(t.letter, t.count, date))).join('')
  }
}
