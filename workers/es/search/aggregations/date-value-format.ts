/**
 * DocValueFormat.DateTime: how a date field's values (epoch millis) print as `key_as_string`,
 * `from_as_string` and the like: a DateFormatter in a time zone (UTC unless the aggregation has
 * `time_zone`), and how bounds given as text (`2015-01-01`, `now-10M/M`) parse with date math in it.
 * Aggregations that take `format` or `time_zone` derive a new one from the field's. It crosses nodes as
 * its formatter's pattern and its zone id (see doc-value-format.ts).
 */
import { DateFormatter, ZoneId, parseDateMath } from '../../common/time/index.ts'
import { parsingException } from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import type { ValueFormat } from './aggregation-context.ts'
import type { ValueFormatWire } from './doc-value-format.ts'
import { tokenName } from './aggregation-params.ts'

export class DateValueFormat implements ValueFormat {
  constructor(
    readonly formatter: DateFormatter,
    readonly zone: ZoneId = ZoneId.UTC,
  ) {}

  format(value: number): string {
    return this.formatter.format(value, this.zone)
  }

  writeTo(): ValueFormatWire {
    return { type: 'date_time', pattern: this.formatter.pattern, zone: this.zone.id }
  }

  /** DocValueFormat.DateTime.parseLong: date math evaluated at `now` (epoch millis). */
  parse(text: string, now: number, roundUp: boolean): number {
    return parseDateMath(text, now, roundUp, this.zone, this.formatter)
  }

  /** A bound, range end or `missing` as sent: epoch millis as a number, a date as text; `open` when absent. */
  value(value: XContentValue | undefined, now: number, open: number): number {
    if (value === undefined || value === null) return open
    if (value instanceof XNumber) return value.value
    if (typeof value === 'string') return this.parse(value, now, false)
    throw parsingException(1, 1, `cannot parse a date from a [${tokenName(value)}]`)
  }

  /** The aggregation's `format` and `time_zone` over the field's format. */
  derive(pattern: string | null, zone: ZoneId | null): DateValueFormat {
    return new DateValueFormat(
      pattern === null ? this.formatter : DateFormatter.forPattern(pattern),
      zone ?? this.zone,
    )
  }
}
