/**
 * ZoneId: a time zone as Elasticsearch reads a `time_zone` parameter (DateUtils.of → java.time ZoneId.of).
 *
 * Accepted, as java.time does: `Z`; offsets `+h`, `+hh`, `+hhmm`, `+hh:mm`, `+hhmmss`, `+hh:mm:ss` (ids print
 * as `+01:00`, zero as `Z`); `UTC`, `GMT`, `UT`, optionally followed by an offset (`UTC+01:00`); and region ids
 * from the table below. Region ids are case-sensitive. DateUtils.of maps the deprecated short ids EST, MST and
 * HST to fixed offsets and normalizes UTC/GMT/UT to `Z`.
 *
 * Region ids are the IANA tz database's as the platform carries it (tzdb-zone-history.ts), links included, with
 * every historical rule change; an id whose zone has one offset for all time (Etc/GMT+5, Etc/UTC) is normalized to
 * that offset, as ZoneId.normalized does. Any other well-formed region id fails as java.time does for an unknown
 * zone: zone_rules_exception `Unknown time-zone ID: X`. Zones are made once per id (their years are read once).
 * `ofUnnormalized` is java.time's ZoneId.of alone (ES SQL's `time_zone`): the same rules under the id java.time
 * keeps, `UTC`, `GMT+01:00` or `EST`, where DateUtils.of gives `Z`, `+01:00` and `-05:00`.
 */

import { EsException } from '../../errors/es-exception.ts'
import { MILLIS_PER_HOUR, MILLIS_PER_MINUTE, MILLIS_PER_SECOND } from './calendar.ts'
import { dateTimeException, javaException } from './time-errors.ts'
import { isFixedZone, tzdbZoneYears, zoneFormatter } from './tzdb-zone-history.ts'
import { ZoneRules } from './zone-rules.ts'

const H = MILLIS_PER_HOUR
/** The longest region id tried when a date's text names a zone (tzdb's longest is 32 characters). */
const REGION_ID_MAX = 40

/** DateUtils.DEPRECATED_SHORT_TIMEZONES entries that map to fixed offsets. */
const DEPRECATED_SHORT_IDS = new Map([
  ['EST', '-05:00'],
  ['MST', '-07:00'],
  ['HST', '-10:00'],
])

const REGION_ID_FORMAT = /^[A-Za-z][A-Za-z0-9~/._+-]+$/
const REGION_CHAR = /[A-Za-z0-9~/._+-]/
/** The zones made so far, by region id. */
const regions = new Map<string, ZoneId>()

export class ZoneId {
  static readonly UTC = new ZoneId('Z', ZoneRules.ofOffset(0))

  private constructor(
    readonly id: string,
    readonly rules: ZoneRules,
  ) {}

  /**
   * The longest region id the tz database has that `text` has at `pos` (ZoneIdPrinterParser's prefix tree over
   * the available ids), or '' when none.
   */
  static regionIdAt(text: string, pos: number): string {
    let end = pos
    while (end < text.length && end - pos < REGION_ID_MAX && REGION_CHAR.test(text.charAt(end))) end++
    for (; end > pos + 1; end--) {
      const id = text.slice(pos, end)
      if (REGION_ID_FORMAT.test(id) && zoneFormatter(id) !== null) return id
    }
    return ''
  }

  static ofOffset(offsetMillis: number): ZoneId {
    return offsetMillis === 0
      ? ZoneId.UTC
      : new ZoneId(offsetId(offsetMillis), ZoneRules.ofOffset(offsetMillis))
  }

  /** DateUtils.of: ZoneId.of(text).normalized(), with the deprecated short ids. Throws an EsException. */
  static of(text: string): ZoneId {
    const deprecated = DEPRECATED_SHORT_IDS.get(text)
    if (deprecated !== undefined) return ZoneId.ofOffset(parseOffset(deprecated))
    if (text.length <= 1 || text.startsWith('+') || text.startsWith('-')) {
      return ZoneId.ofOffset(parseOffset(text))
    }
    for (const prefix of ['UTC', 'GMT', 'UT']) {
      if (!text.startsWith(prefix)) continue
      if (text.length === prefix.length) return ZoneId.UTC
      const sign = text.charAt(prefix.length)
      if (sign !== '+' && sign !== '-') break
      try {
        return ZoneId.ofOffset(parseOffset(text.slice(prefix.length)))
      } catch (e) {
        const cause = e instanceof EsException ? e : undefined
        throw dateTimeException(`Invalid ID for offset-based ZoneId: ${text}`, cause)
      }
    }
    return ZoneId.ofRegion(text)
  }

  /** java.time's ZoneId.of without normalized(): `of`'s zone under the id ZoneId.getId gives. */
  static ofUnnormalized(text: string): ZoneId {
    const zone = ZoneId.of(text)
    const id = unnormalizedId(text, zone)
    return id === zone.id ? zone : new ZoneId(id, zone.rules)
  }

  /** ZoneId.of for a region id, normalized (a zone with one offset for all time is that offset). */
  static ofRegion(text: string): ZoneId {
    if (!REGION_ID_FORMAT.test(text)) {
      throw dateTimeException(`Invalid ID for region-based ZoneId, invalid format: ${text}`)
    }
    let zone = regions.get(text)
    if (zone === undefined) {
      const formatter = zoneFormatter(text)
      if (formatter === null) throw javaException('ZoneRulesException', `Unknown time-zone ID: ${text}`)
      const rules = ZoneRules.ofHistory(tzdbZoneYears(formatter))
      zone = isFixedZone(formatter) ? ZoneId.ofOffset(rules.offsetAt(0)) : new ZoneId(text, rules)
      regions.set(text, zone)
    }
    return zone
  }

  offsetAt(utcMillis: number): number {
    return this.rules.offsetAt(utcMillis)
  }
}

/** ZoneId.of(text).getId(): an offset's id, a prefix alone for a zero offset after it, else the text. */
function unnormalizedId(text: string, zone: ZoneId): string {
  if (text.length <= 1 || text.startsWith('+') || text.startsWith('-')) return zone.id
  for (const prefix of ['UTC', 'GMT', 'UT']) {
    if (text.startsWith(prefix)) return zone === ZoneId.UTC ? prefix : prefix + zone.id
  }
  return text
}

/** ZoneOffset.of: `Z`, `+h`, `+hh`, `+hh:mm`, `+hhmm`, `+hh:mm:ss`, `+hhmmss`, with its exact errors. */
export function parseOffset(text: string): number {
  if (text === 'Z') return 0
  let id = text
  let fields: Array<[number, boolean]>
  switch (id.length) {
    case 2:
      id = id.charAt(0) + '0' + id.charAt(1)
      fields = [[1, false]]
      break
    case 3:
      fields = [[1, false]]
      break
    case 5:
      fields = [
        [1, false],
        [3, false],
      ]
      break
    case 6:
      fields = [
        [1, false],
        [4, true],
      ]
      break
    case 7:
      fields = [
        [1, false],
        [3, false],
        [5, false],
      ]
      break
    case 9:
      fields = [
        [1, false],
        [4, true],
        [7, true],
      ]
      break
    default:
      throw dateTimeException(`Invalid ID for ZoneOffset, invalid format: ${text}`)
  }
  const sign = id.charAt(0)
  const [hours = 0, minutes = 0, seconds = 0] = fields.map(([pos, colon]) => offsetNumber(id, pos, colon))
  if (sign !== '+' && sign !== '-') {
    throw dateTimeException(`Invalid ID for ZoneOffset, plus/minus not found when expected: ${text}`)
  }
  const s = sign === '-' ? -1 : 1
  return offsetOf(s * hours, s * minutes, s * seconds)
}

function offsetNumber(id: string, pos: number, precededByColon: boolean): number {
  if (precededByColon && id.charAt(pos - 1) !== ':') {
    throw dateTimeException(`Invalid ID for ZoneOffset, colon not found when expected: ${id}`)
  }
  const digits = id.slice(pos, pos + 2)
  if (!/^[0-9]{2}$/.test(digits)) {
    throw dateTimeException(`Invalid ID for ZoneOffset, non numeric characters found: ${id}`)
  }
  return Number(digits)
}

/** ZoneOffset.ofHoursMinutesSeconds validation. */
function offsetOf(hours: number, minutes: number, seconds: number): number {
  if (hours < -18 || hours > 18) {
    throw dateTimeException(
      `Zone offset hours not in valid range: value ${hours} is not in the range -18 to 18`,
    )
  }
  if (minutes < -59 || minutes > 59) {
    throw dateTimeException(
      `Zone offset minutes not in valid range: value ${minutes} is not in the range -59 to 59`,
    )
  }
  if (seconds < -59 || seconds > 59) {
    throw dateTimeException(
      `Zone offset seconds not in valid range: value ${seconds} is not in the range -59 to 59`,
    )
  }
  const total = hours * H + minutes * MILLIS_PER_MINUTE + seconds * MILLIS_PER_SECOND
  if (Math.abs(total) > 18 * H) throw dateTimeException('Zone offset not in valid range: -18:00 to +18:00')
  return total
}

/** ZoneOffset.getId: `Z`, or `+01:00`, `-05:30`, `+01:02:03`. */
export function offsetId(offsetMillis: number): string {
  if (offsetMillis === 0) return 'Z'
  const abs = Math.abs(offsetMillis) / MILLIS_PER_SECOND
  const hh = Math.floor(abs / 3600)
  const mm = Math.floor(abs / 60) % 60
  const ss = abs % 60
  const two = (n: number): string => String(n).padStart(2, '0')
  return (offsetMillis < 0 ? '-' : '+') + two(hh) + ':' + two(mm) + (ss === 0 ? '' : ':' + two(ss))
}
