/**
 * DateFormatter: Elasticsearch's DateFormatter.forPattern and JavaDateFormatter (8.x).
 *
 * forPattern: an empty pattern fails with `No date pattern provided`; a leading `8` (the 6.x java-time marker)
 * is stripped; `||` separates alternatives (`Cannot have empty element in multi date format pattern: x`);
 * each alternative is trimmed and is a built-in name or a java.time pattern (`Invalid format: [p]: <why>`).
 * A combined formatter prints with its first alternative and parses with the parsers of all, in order: the
 * first that parses wins.
 *
 * Parse failures are IllegalArgumentException `failed to parse date field [x] with format [f]` caused by a
 * date_time_parse_exception: with several parsers `Failed to parse with all enclosed parsers`, else the single
 * parser's java.time message. Empty input: `cannot parse empty datetime`.
 *
 * Instants: a parsed offset wins, then a parsed zone (or the parser's fixed zone), then the zone passed in
 * (UTC by default, as DateFieldMapper parses), resolving gaps and overlaps as ZonedDateTime.ofLocal does.
 *
 * A formatter is immutable, so forPattern compiles each pattern once and hands out the same formatter again
 * (a date field's every value parses with its mapping's format); the cache holds at most COMPILED_LIMIT
 * patterns and starts over when full (patterns also come from requests). A pattern that fails is not kept.
 */

import { fromLocalMillis } from './calendar.ts'
import type { DateTimeParser } from './date-time-parser.ts'
import { printElements } from './element-printer.ts'
import { printEpoch } from './epoch-time.ts'
import { toInstant, toLong } from './date-utils.ts'
import { namedFormat, patternFormat, type NamedFormat, type Printer } from './named-formats.ts'
import type { ParsedTemporal } from './temporal-resolver.ts'
import {
  dateFieldParseFailure,
  dateTimeException,
  dateTimeParseException,
  illegalArgumentException,
} from './time-errors.ts'
import { ZoneId } from './zone-id.ts'
import { localToUtc } from './zone-rules.ts'

const COMPILED_LIMIT = 256
const compiled = new Map<string, DateFormatter>()

export class DateFormatter {
  private constructor(
    readonly pattern: string,
    private readonly printer: Printer,
    private readonly parsers: DateTimeParser[],
  ) {}

  static forPattern(input: string): DateFormatter {
    const known = compiled.get(input)
    if (known !== undefined) return known
    const formatter = DateFormatter.compile(input)
    if (compiled.size >= COMPILED_LIMIT) compiled.clear()
    compiled.set(input, formatter)
    return formatter
  }

  private static compile(input: string): DateFormatter {
    if (input.length === 0) throw illegalArgumentException('No date pattern provided')
    const format = input.startsWith('8') ? input.slice(1) : input
    const [firstText = '', ...restTexts] = format.split('||')
    const first = alternative(firstText, input)
    const rest = restTexts.map((text) => alternative(text, input))
    if (rest.length === 0) return new DateFormatter(first.name, first.printer, first.parsers)
    return new DateFormatter(
      input,
      first.printer,
      [first, ...rest].flatMap((p) => p.parsers),
    )
  }

  /**
   * Formats epoch millis in a zone (UTC by default), as DateFormatter.format(ZonedDateTime) does; `nanoOfMilli`
   * adds the nanoseconds below the millisecond of a date_nanos value.
   */
  format(millis: number, zone: ZoneId = ZoneId.UTC, nanoOfMilli = 0): string {
    if (this.printer.kind === 'epoch') return printEpoch(this.printer.unit, millis, nanoOfMilli)
    const offset = zone.offsetAt(millis)
    try {
      return printElements(this.printer.elements, {
        local: fromLocalMillis(millis + offset),
        offset,
        zoneId: zone.id,
        nanoOfMilli,
      })
    } catch (e) {
      throw dateTimeException(e instanceof Error ? e.message : String(e))
    }
  }

  /** JavaDateFormatter.parse (or roundupParse): the parsed temporal, before a zone is applied. */
  parse(text: string, roundUp = false): ParsedTemporal {
    if (text.length === 0) throw illegalArgumentException('cannot parse empty datetime')
    let message = 'Failed to parse with all enclosed parsers'
    for (const parser of this.parsers) {
      const outcome = parser.parse(text, roundUp)
      if ('temporal' in outcome) return outcome.temporal
      if (this.parsers.length === 1) message = outcome.error
    }
    throw dateFieldParseFailure(text, this.pattern, dateTimeParseException(message))
  }

  /** Parses to epoch millis; text without an offset or zone is read in `zone` (UTC by default). */
  parseMillis(text: string, zone: ZoneId = ZoneId.UTC): number {
    return toEpochMillis(this.parse(text), zone)
  }

  /** Parses to epoch nanoseconds as a date_nanos field stores them (DateUtils.toLong: 1970 to 2262 only). */
  parseNanos(text: string, zone: ZoneId = ZoneId.UTC): bigint {
    const temporal = this.parse(text)
    return toLong({ millis: toEpochMillis(temporal, zone), nanoOfMilli: temporal.nanoOfMilli })
  }

  /** Formats epoch nanoseconds (DateUtils.toInstant) in a zone, UTC by default. */
  formatNanos(nanos: bigint, zone: ZoneId = ZoneId.UTC): string {
    const { millis, nanoOfMilli } = toInstant(nanos)
    return this.format(millis, zone, nanoOfMilli)
  }
}

/** DateFormatters.from(accessor).withZoneSameLocal(zone), as epoch millis. */
export function toEpochMillis(temporal: ParsedTemporal, zone: ZoneId): number {
  if (temporal.kind === 'instant') return temporal.utcMillis
  if (temporal.offset !== null) return temporal.localMillis - temporal.offset
  return localToUtc((temporal.zone ?? zone).rules, temporal.localMillis)
}

/** One `||` alternative: DateFormatters.forPattern. */
function alternative(pattern: string, input: string): NamedFormat {
  if (pattern.length === 0) {
    throw illegalArgumentException(`Cannot have empty element in multi date format pattern: ${input}`)
  }
  const name = pattern.trim()
  if (name.length === 0) throw illegalArgumentException('No date pattern provided')
  const named = namedFormat(name)
  if (named !== null) return named
  try {
    return patternFormat(name)
  } catch (e) {
    throw illegalArgumentException(`Invalid format: [${name}]: ${e instanceof Error ? e.message : String(e)}`)
  }
}
