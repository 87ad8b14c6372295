/**
 * The java.time and java.util values scripts work with, all at UTC:
 * - java.time.ZonedDateTime (a date doc value): `toInstant()`, `getYear()`, `getMonthValue()`, `getDayOfMonth()`,
 *   `getHour()`, `getMinute()`, `getSecond()`, `getDayOfWeek()` and Painless' `getDayOfWeekEnum()`, each getter
 *   also as a field (`.year`, `.dayOfWeekEnum`); written as strict_date_optional_time_nanos text;
 *   `ZonedDateTime.ofInstant(instant, zone)` for the zone UTC (others are not available here);
 * - java.time.Instant: `toEpochMilli()`, `Instant.ofEpochMilli(ms)`, written as ISO_INSTANT; java.time.ZoneId: `ZoneId.of("UTC")` (also
 *   `Z`, `GMT`, `UTC`);
 * - java.time.DayOfWeek: `getDisplayName(TextStyle, Locale)`, `getValue()` 1 = Monday … 7 = Sunday, `name()` and
 *   its toString `MONDAY`; java.time.format.TextStyle (`FULL`, `SHORT`, `NARROW` and their standalone forms) and
 *   java.util.Locale (`ROOT`, `ENGLISH`, `US`, `UK`: every one names days in English, as the JDK's CLDR data does
 *   for these locales).
 */
import { DateFormatter } from '../common/time/index.ts'
import { HostObject, Num, type Value } from './painless-values.ts'
import { illegalArgument } from './script-errors.ts'

const ISO = DateFormatter.forPattern('strict_date_optional_time_nanos')
const UTC_IDS: ReadonlySet<string> = new Set(['UTC', 'Z', 'GMT', 'Etc/UTC'])

export class Instant extends HostObject {
  readonly className = 'java.time.Instant'

  constructor(readonly millis: number) {
    super()
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    return name === 'toEpochMilli' && args.length === 0 ? Num.long(BigInt(this.millis)) : undefined
  }

  /** DateTimeFormatter.ISO_INSTANT: no fraction when it is zero. */
  override toString(): string {
    return new Date(this.millis).toISOString().replace('.000Z', 'Z')
  }
}

/** A value Java prints as its name: a ZoneId's id, a TextStyle constant, a Locale's tag. */
abstract class NamedValue extends HostObject {
  constructor(readonly name: string) {
    super()
  }

  override toString(): string {
    return this.name
  }
}

class ZoneId extends NamedValue {
  readonly className = 'java.time.ZoneId'
}

/** A date doc value: java.time.ZonedDateTime at UTC. */
export class ZonedDateTime extends HostObject {
  readonly className = 'java.time.ZonedDateTime'

  constructor(readonly millis: number) {
    super()
  }

  /** Painless' getter shortcut: `.year` is `getYear()`, `.dayOfWeekEnum` the augmentation `getDayOfWeekEnum()`. */
  override field(name: string): Value | undefined {
    return this.call(`get${name.charAt(0).toUpperCase()}${name.slice(1)}`, [])
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    if (args.length !== 0) return undefined
    const date = new Date(this.millis)
    switch (name) {
      case 'toInstant':
        return new Instant(this.millis)
      case 'getDayOfWeek':
      case 'getDayOfWeekEnum':
        return new DayOfWeek(((date.getUTCDay() + 6) % 7) + 1)
      case 'getYear':
        return Num.int(date.getUTCFullYear())
      case 'getMonthValue':
        return Num.int(date.getUTCMonth() + 1)
      case 'getDayOfMonth':
        return Num.int(date.getUTCDate())
      case 'getHour':
        return Num.int(date.getUTCHours())
      case 'getMinute':
        return Num.int(date.getUTCMinutes())
      case 'getSecond':
        return Num.int(date.getUTCSeconds())
    }
    return undefined
  }

  override toString(): string {
    return ISO.format(this.millis)
  }
}

/** The static methods of Instant, ZonedDateTime and ZoneId; undefined for any other call. */
export function javaTimeStatic(type: string, name: string, args: readonly Value[]): Value | undefined {
  const [first, second] = args
  if (type === 'Instant' && name === 'ofEpochMilli' && args.length === 1 && first instanceof Num) {
    return new Instant(Number(first.exact))
  }
  if (type === 'ZoneId' && name === 'of' && args.length === 1 && typeof first === 'string') {
    if (!UTC_IDS.has(first))
      throw illegalArgument(`the time zone [${first}] is not available in the playground`)
    return new ZoneId(first)
  }
  if (
    type === 'ZonedDateTime' &&
    name === 'ofInstant' &&
    first instanceof Instant &&
    second instanceof ZoneId
  ) {
    return new ZonedDateTime(first.millis)
  }
  return undefined
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

export class TextStyle extends NamedValue {
  readonly className = 'java.time.format.TextStyle'
}

export class JavaLocale extends NamedValue {
  readonly className = 'java.util.Locale'
}

export class DayOfWeek extends HostObject {
  readonly className = 'java.time.DayOfWeek'

  /** `value`: 1 (Monday) to 7 (Sunday), ISO-8601's numbering. */
  constructor(private readonly value: number) {
    super()
  }

  override call(name: string, args: readonly Value[]): Value | undefined {
    const english = DAY_NAMES[this.value - 1]!
    if (name === 'getValue' && args.length === 0) return Num.int(this.value)
    if (name === 'name' && args.length === 0) return this.toString()
    if (name === 'getDisplayName' && args.length === 2) {
      const [style, locale] = args
      if (!(style instanceof TextStyle) || !(locale instanceof JavaLocale)) return undefined
      if (style.name.startsWith('FULL')) return english
      return style.name.startsWith('SHORT') ? english.slice(0, 3) : english.slice(0, 1)
    }
    return undefined
  }

  override toString(): string {
    return DAY_NAMES[this.value - 1]!.toUpperCase()
  }
}

/** The static fields of TextStyle and Locale, by `Type.NAME`. */
export const JAVA_TIME_CONSTANTS: Readonly<Record<string, Value>> = {
  ...Object.fromEntries(
    ['FULL', 'FULL_STANDALONE', 'SHORT', 'SHORT_STANDALONE', 'NARROW', 'NARROW_STANDALONE'].map((name) => [
      `TextStyle.${name}`,
      new TextStyle(name),
    ]),
  ),
  'Locale.ROOT': new JavaLocale(''),
  'Locale.ENGLISH': new JavaLocale('en'),
  'Locale.US': new JavaLocale('en_US'),
  'Locale.UK': new JavaLocale('en_GB'),
}
