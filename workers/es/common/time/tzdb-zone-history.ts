/**
 * A region zone's offset history from the IANA tz database the platform carries (ICU's, read through
 * Intl.DateTimeFormat, as java.time reads the JDK's tzdb.dat): whatever zone id a learner types (Asia/Shanghai,
 * America/Chicago, links such as US/Eastern or CET) has every historical rule change, as ZoneId.of gives ES.
 *
 * A year's history (ZoneYear: the offset just before the year starts and the transitions in it, each at a whole
 * second as tzdb's are) is read the first time it is asked for and kept: the offset is read every SAMPLE_DAYS days
 * from one second before the year to one second before the next, and each change between two readings is narrowed
 * to its second by bisection. Two transitions fewer than SAMPLE_DAYS days apart whose changes cancel out are not
 * seen (tzdb has no such pair since 1970). Years outside the range a JavaScript Date holds keep the offset of the
 * nearest year inside it, with no transitions.
 * Invariants: a year's transitions are in instant order, each in [start of year, start of next year), each
 * changing the offset (offsetBefore !== offsetAfter), the first's offsetBefore the year's startOffset.
 */
import {
  MILLIS_PER_DAY,
  MILLIS_PER_HOUR,
  MILLIS_PER_MINUTE,
  MILLIS_PER_SECOND,
  epochDay,
} from './calendar.ts'
import type { ZoneOffsetTransition, ZoneYear } from './zone-rules.ts'

const SAMPLE_DAYS = 7
/** The years whose instants a JavaScript Date holds whole (±8.64e15 ms is about ±273,790 years). */
const FIRST_YEAR = -271_820
const LAST_YEAR = 275_759

const FIELDS: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  era: 'short',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
}

/** The formatter of a zone id the platform knows, or null (kept per id: a worker asks for a few zones again and again). */
const formatters = new Map<string, Intl.DateTimeFormat | null>()
const FORMATTERS_MAX = 1024
let canonicalIds: Map<string, string> | undefined

/**
 * The platform's formatter for a region id as java.time's ZoneRulesProvider reads it: case-sensitive (Intl is
 * not: an id spelled otherwise than its tzdb name is unknown), or null for an id the tz database does not have.
 */
export function zoneFormatter(id: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(id)
  if (formatter !== undefined) return formatter
  formatter = null
  try {
    const candidate = new Intl.DateTimeFormat('en-US', { ...FIELDS, timeZone: id })
    if (spelledAsTzdb(id, candidate.resolvedOptions().timeZone)) formatter = candidate
  } catch (e) {
    if (!(e instanceof RangeError)) throw e
  }
  if (formatters.size >= FORMATTERS_MAX) formatters.clear()
  formatters.set(id, formatter)
  return formatter
}

/** Whether `id` is spelled as the tz database spells it, as far as Intl tells: its canonical id's case, or a link's. */
function spelledAsTzdb(id: string, canonical: string): boolean {
  if (id === canonical) return true
  canonicalIds ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]))
  const spelled =
    canonicalIds.get(id.toLowerCase()) ?? (canonical.toLowerCase() === id.toLowerCase() ? canonical : id)
  return spelled === id
}

/** Whether a zone the platform knows has one offset for all time (tzdb's Etc zones and UTC's links). */
export function isFixedZone(formatter: Intl.DateTimeFormat): boolean {
  const canonical = formatter.resolvedOptions().timeZone
  return canonical === 'UTC' || canonical.startsWith('Etc/')
}

/** The history of the zone `formatter` formats in, year by year (each year read once). */
export function tzdbZoneYears(formatter: Intl.DateTimeFormat): (year: number) => ZoneYear {
  return (year) => {
    const clamped = Math.min(Math.max(year, FIRST_YEAR), LAST_YEAR)
    const start = epochDay(clamped, 1, 1) * MILLIS_PER_DAY - MILLIS_PER_SECOND
    const end = epochDay(clamped + 1, 1, 1) * MILLIS_PER_DAY - MILLIS_PER_SECOND
    const startOffset = offsetAt(formatter, start)
    if (clamped !== year) return { startOffset, transitions: [] }
    const transitions: ZoneOffsetTransition[] = []
    let before = start
    let offsetBefore = startOffset
    for (let sample = start; sample < end;) {
      const next = Math.min(sample + SAMPLE_DAYS * MILLIS_PER_DAY, end)
      const offsetNext = offsetAt(formatter, next)
      while (offsetNext !== offsetBefore) {
        const instant = firstChange(formatter, before, next, offsetBefore)
        const offsetAfter = offsetAt(formatter, instant)
        transitions.push({ instant, offsetBefore, offsetAfter })
        before = instant
        offsetBefore = offsetAfter
      }
      sample = before = next
    }
    return { startOffset, transitions }
  }
}

/** The first whole second in (from, to] whose offset is not `offset` (the offset at `to` is not). */
function firstChange(formatter: Intl.DateTimeFormat, from: number, to: number, offset: number): number {
  let low = from / MILLIS_PER_SECOND
  let high = to / MILLIS_PER_SECOND
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2)
    if (offsetAt(formatter, middle * MILLIS_PER_SECOND) === offset) low = middle
    else high = middle
  }
  return high * MILLIS_PER_SECOND
}

/** The zone's offset at a whole-second instant: its local date and time there, less the instant. */
function offsetAt(formatter: Intl.DateTimeFormat, instant: number): number {
  let year = 0
  let month = 0
  let day = 0
  let local = 0
  let bc = false
  for (const { type, value } of formatter.formatToParts(instant)) {
    switch (type) {
      case 'era':
        bc = value === 'BC'
        break
      case 'year':
        year = Number(value)
        break
      case 'month':
        month = Number(value)
        break
      case 'day':
        day = Number(value)
        break
      case 'hour':
        local += Number(value) * MILLIS_PER_HOUR
        break
      case 'minute':
        local += Number(value) * MILLIS_PER_MINUTE
        break
      case 'second':
        local += Number(value) * MILLIS_PER_SECOND
        break
    }
  }
  return epochDay(bc ? 1 - year : year, month, day) * MILLIS_PER_DAY + local - instant
}
