/**
 * ES SQL's DATETIME_PARSE, DATE_PARSE and TIME_PARSE (DateTimeParseProcessor.Parser): the string read with a java.time
 * pattern (DateTimeFormatter.ofPattern, Locale.ROOT, ResolverStyle.SMART) by the playground's java-time
 * parser, then DateTimeFormatter.parseBest:
 * - DATETIME_PARSE: a ZonedDateTime when the text gives a zone or offset, else a LocalDateTime read in the
 *   request's time_zone (DateUtils.atTimeZone); both need a date and a time of day;
 * - DATE_PARSE: a LocalDate (time, zone and offset parsed are dropped), the start of that day in the
 *   request's time_zone;
 * - TIME_PARSE: an OffsetTime when the text gives an offset, else a LocalTime, put at the offset the request's
 *   zone has at that wall-clock time on 1970-01-01 (DateUtils.atTimeZone: an OffsetTime moved there with
 *   withOffsetSameInstant); it needs a time of day.
 * A null argument, an empty string or an empty pattern gives null. Failures are `Invalid datetime string [s] or
 * pattern [p] is received; <java.time's message>`, `Unable to convert parsed text into [date]` when the text
 * lacks what the result needs. SMART resolution clamps a day of 29–31 to its month's last day.
 */
import { MILLIS_PER_DAY, floorMod, lengthOfMonth, startOfDay } from '../common/time/calendar.ts'
import { newParsed, parseElements, type Parsed } from '../common/time/element-parser.ts'
import { compileJavaPattern } from '../common/time/java-pattern.ts'
import { resolveParsed, type ParsedTemporal } from '../common/time/temporal-resolver.ts'
import { localToUtc } from '../common/time/zone-rules.ts'
import { toEpochMillis } from '../common/time/date-formatter.ts'
import type { EvalEnv, ScalarFunction } from './scalar-function.ts'
import { sqlIllegalArgumentException } from './sql-exceptions.ts'
import { DateTimeValue, TimeValue, type SqlValue } from './sql-values.ts'

type ParseType = 'datetime' | 'date' | 'time'

/** Why the parse failed, as java.time words it. */
class ParseFailure extends Error {}

function hasDate(f: Parsed['fields']): boolean {
  const year = f.has('year') || f.has('yearOfEra')
  return year && ((f.has('month') && f.has('day')) || f.has('dayOfYear'))
}

function hasTime(f: Parsed['fields']): boolean {
  return f.has('hour') || ((f.has('clockHourOfAmPm') || f.has('hourOfAmPm')) && f.has('ampm'))
}

/** IsoChronology's SMART resolveYMD: a day of 29–31 past its month's end becomes the month's last day. */
function clampDay(f: Parsed['fields']): void {
  const month = f.get('month')
  const day = f.get('day')
  const year = f.get('year') ?? f.get('yearOfEra')
  if (month === undefined || day === undefined || year === undefined) return
  if (month < 1 || month > 12 || day < 29 || day > 31) return
  f.set('day', Math.min(day, lengthOfMonth(year, month)))
}

/** DateUtils.atTimeZone of a parsed time: the zone's first valid offset at its wall clock on 1970-01-01. */
function timeAt(temporal: ParsedTemporal, env: EvalEnv): TimeValue {
  const wallClock = floorMod(
    temporal.kind === 'instant' ? temporal.utcMillis : temporal.localMillis,
    MILLIS_PER_DAY,
  )
  const offset = env.zone.rules.validOffsets(wallClock)[0] ?? env.zone.offsetAt(wallClock)
  const utc =
    temporal.kind === 'instant' ? temporal.utcMillis : temporal.localMillis - (temporal.offset ?? offset)
  return new TimeValue(floorMod(utc + offset, MILLIS_PER_DAY), offset)
}

function parse(type: ParseType, text: string, pattern: string, env: EvalEnv): DateTimeValue | TimeValue {
  const elements = compileJavaPattern(pattern)
  const parsed = newParsed()
  const end = parseElements(elements, text, 0, parsed)
  if (end < 0) throw new ParseFailure(`Text '${text}' could not be parsed at index ${~end}`)
  if (end < text.length)
    throw new ParseFailure(`Text '${text}' could not be parsed, unparsed text found at index ${end}`)
  const f = parsed.fields
  if ((type !== 'time' && !hasDate(f)) || (type !== 'date' && !hasTime(f)))
    throw new ParseFailure(`Unable to convert parsed text into [${type}]`)
  clampDay(f)
  const outcome = resolveParsed(parsed, false)
  if ('error' in outcome) throw new ParseFailure(`Text '${text}' could not be parsed: ${outcome.error}`)
  const temporal = outcome.temporal
  if (type === 'time') return timeAt(temporal, env)
  if (type === 'date' && temporal.kind === 'local')
    return new DateTimeValue(localToUtc(env.zone.rules, startOfDay(temporal.localMillis)), env.zone)
  return new DateTimeValue(toEpochMillis(temporal, env.zone), env.zone)
}

function parser(type: ParseType): ScalarFunction {
  return {
    type: () => type,
    arity: [2, 2],
    params: ['string', 'string'],
    apply: ([text, pattern], env): SqlValue => {
      if (text === null || text === undefined || pattern === null || pattern === undefined) return null
      if (typeof text !== 'string')
        throw sqlIllegalArgumentException(`A string is required; received [${String(text)}]`)
      if (typeof pattern !== 'string')
        throw sqlIllegalArgumentException(`A string is required; received [${String(pattern)}]`)
      if (text.length === 0 || pattern.length === 0) return null
      try {
        return parse(type, text, pattern, env)
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e)
        throw sqlIllegalArgumentException(
          `Invalid ${type} string [${text}] or pattern [${pattern}] is received; ${why}`,
        )
      }
    },
  }
}

export const DATETIME_PARSE = parser('datetime')
export const DATE_PARSE = parser('date')
export const TIME_PARSE = parser('time')
