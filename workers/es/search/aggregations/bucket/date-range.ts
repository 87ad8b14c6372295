/**
 * `date_range` (ES 8's DateRangeAggregationBuilder) on top of range.ts: `from` and `to` are epoch millis or
 * dates in the request's `format` (else the field's), with date math such as `now-10M/M` evaluated at the
 * request's "now" in `time_zone` (both ends parsed without round-up, as RangeAggregator.Range.process does).
 * Keys and from_as_string/to_as_string print in that format and zone: `*-10-2015`, `10-2015-*`.
 */
import { XNumber } from '../../../xcontent/index.ts'
import { DateFormatter } from '../../../common/time/index.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { DateValueFormat } from '../date-value-format.ts'
import { DEFAULT_DATE_FORMAT } from '../../../index/mapper/doc-values.ts'
import { rangeBuilder, rangeEntries, resolveRanges } from './range.ts'

export const dateRangeParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams('date_range', body, [
    'field',
    'ranges',
    'keyed',
    'missing',
    'format',
    'time_zone',
    'script',
    'value_type',
  ])
  const field = params.valuesSource('date')
  const entries = rangeEntries(name, params.raw('ranges'))
  const pattern = params.string('format')
  const zone = params.timeZone()
  return rangeBuilder(name, meta, subs, {
    type: 'date_range',
    field,
    keyed: params.boolean('keyed') ?? false,
    resolve(fieldFormat: ValueFormat | null, now: number) {
      const base =
        fieldFormat instanceof DateValueFormat
          ? fieldFormat
          : new DateValueFormat(DateFormatter.forPattern(DEFAULT_DATE_FORMAT))
      const format = base.derive(pattern, zone)
      const missing = format.value(params.raw('missing'), now, NaN)
      return {
        ranges: resolveRanges(entries, (value, open) => format.value(value, now, open)),
        format,
        missing: Number.isNaN(missing) ? undefined : new XNumber(String(missing)),
      }
    },
  })
}
