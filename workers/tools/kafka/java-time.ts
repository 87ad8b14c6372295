/**
 * The two time inputs of `kafka-consumer-groups --reset-offsets`: Utils.getDateTime (Kafka's
 * `yyyy-MM-dd'T'HH:mm:ss.SSS` with an optional zone `Z`, `+hh`, `+hhmm` or `+hh:mm`; no zone means UTC)
 * and java.time.Duration.parse (`PnDTnHnMn.nS`, signs allowed per part). Failures carry Java's messages:
 * IllegalArgumentException for a missing 'T', java.text.ParseException for a date SimpleDateFormat rejects,
 * DateTimeParseException for a bad duration.
 */
import { parseJavaDuration } from '../../net/java-duration.ts'
import { JavaException } from './java-exception.ts'
import { illegalArgument } from './tool-errors.ts'

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})(Z|[+-]\d{2}(?::?\d{2})?)$/

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')
  return (zone.startsWith('-') ? -1 : 1) * minutes * 60_000
}

/** Utils.getDateTime: epoch milliseconds. */
export function parseDateTime(text: string): number {
  const parts = text.split('T')
  const timePart = parts[1]
  if (parts.length < 2 || timePart === undefined) {
    throw illegalArgument("Error parsing timestamp. It does not contain a 'T' according to ISO8601 format")
  }
  const zoned = /[+\-Z]/.test(timePart) ? text : `${text}Z`
  const match = DATE_TIME.exec(zoned)
  const fields = match?.slice(1, 8).map(Number) ?? []
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0] = fields
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  const back = new Date(local)
  const valid =
    match !== null &&
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  if (!valid) throw new JavaException('java.text.ParseException', `Unparseable date: "${zoned}"`)
  return local - zoneOffsetMs(match[8] ?? 'Z')
}

/** Duration.parse, in milliseconds (fractions below a millisecond are dropped). */
export function parseDuration(text: string): number {
  const millis = parseJavaDuration(text)
  if (millis === null)
    throw new JavaException('java.time.format.DateTimeParseException', 'Text cannot be parsed to a Duration')
  return millis
}
