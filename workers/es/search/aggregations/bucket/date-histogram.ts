/**
 * `date_histogram` (ES 8's DateHistogramAggregationBuilder) on top of histogram.ts: buckets keyed by the
 * Rounding of common/time: `calendar_interval` (calendar units in the time zone) or `fixed_interval` (a
 * TimeValue), never both, shifted by `offset`, in `time_zone`. Keys are longs (epoch millis) rendered with
 * `key_as_string` in the request's `format` (else the field's) and time zone. `min_doc_count` defaults to 0,
 * `extended_bounds` and `hard_bounds` take epoch millis or dates in the format (with date math), `missing`
 * a date too. Both bounds are rounded without the offset (LongBounds.round); hard_bounds keep a value whose
 * rounded key is in [min, max) (LongBounds.contain). The pre-7.2 `interval` is gone in 8.x: `[date_histogram] unknown field [interval] did you mean
 * [fixed_interval]?`.
 */
import { EsException, illegalArgumentException, xContentParseException } from '../../../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../../xcontent/index.ts'
import {
  DateFormatter,
  ZoneId,
  parseCalendarInterval,
  parseFixedInterval,
  parseHistogramOffset,
} from '../../../common/time/index.ts'
import type { ValueFormat } from '../aggregation-context.ts'
import type { AggregationBuilder, AggregationParser } from '../aggregation-builder.ts'
import { AggregationParams } from '../aggregation-params.ts'
import { DateValueFormat } from '../date-value-format.ts'
import { DEFAULT_DATE_FORMAT } from '../../../index/mapper/doc-values.ts'
import { KEY_ASC, parseOrder } from './bucket-order.ts'
import { extendedInside, histogramBuilder, type Bounds } from './histogram.ts'
import { roundingOf, type HistogramRounding } from './histogram-rounding.ts'

const TYPE = 'date_histogram'

type IntervalSpec = { kind: 'calendar_interval' | 'fixed_interval'; text: string }

/** Parse-time checks of DateIntervalWrapper, wrapped as ObjectParser wraps a field consumer's failure. */
export function intervalSpec(params: AggregationParams): IntervalSpec {
  let spec: IntervalSpec | null = null
  for (const key of params.body.keys()) {
    if (key !== 'calendar_interval' && key !== 'fixed_interval') continue
    const text = params.string(key) ?? ''
    try {
      if (spec !== null) {
        throw illegalArgumentException(`Cannot use [${key}] with [${spec.kind}] configuration option.`)
      }
      if (text === '') throw illegalArgumentException('[interval] must not be null: [date_histogram]')
      if (key === 'calendar_interval') parseCalendarInterval(text)
      else parseFixedInterval(text)
    } catch (cause) {
      if (!(cause instanceof EsException)) throw cause
      throw xContentParseException(1, 1, `[${TYPE}] failed to parse field [${key}]`, cause)
    }
    spec = { kind: key, text }
  }
  if (spec === null)
    throw illegalArgumentException('Invalid interval specified, must be non-null and non-empty')
  return spec
}

export function intervalRounding(spec: IntervalSpec, zone: ZoneId, offset: number): HistogramRounding {
  return roundingOf(
    spec.kind === 'calendar_interval'
      ? { type: 'time_unit', unit: parseCalendarInterval(spec.text), zone: zone.id, offset }
      : { type: 'time_interval', interval: parseFixedInterval(spec.text), zone: zone.id, offset },
  )
}

/** The key format: the request's `format` and `time_zone` over the field's date format (a date's default if none). */
export function dateFormatOf(
  fieldFormat: ValueFormat | null,
  pattern: string | null,
  zone: ZoneId | null,
): DateValueFormat {
  const base =
    fieldFormat instanceof DateValueFormat
      ? fieldFormat
      : new DateValueFormat(DateFormatter.forPattern(DEFAULT_DATE_FORMAT))
  return base.derive(pattern, zone)
}

export const dateHistogramParser: AggregationParser = (name, body, meta, subs): AggregationBuilder => {
  const params = new AggregationParams(TYPE, body, [
    'field',
    'calendar_interval',
    'fixed_interval',
    'format',
    'time_zone',
    'offset',
    'min_doc_count',
    'extended_bounds',
    'hard_bounds',
    'keyed',
    'order',
    'missing',
    'script',
    'value_type',
  ])
  const field = params.valuesSource('date')
  const interval = intervalSpec(params)
  const zone = params.timeZone()
  const offsetText = params.string('offset')
  const offset = offsetText === null ? 0 : parseHistogramOffset(offsetText)
  const pattern = params.string('format')
  const minDocCount = params.int('min_doc_count') ?? 0
  if (minDocCount < 0) {
    throw illegalArgumentException(
      `[minDocCount] must be greater than or equal to 0. Found [${minDocCount}] in [${name}]`,
    )
  }
  const keyRounding = intervalRounding(interval, zone ?? ZoneId.UTC, offset)
  const boundsRounding = intervalRounding(interval, zone ?? ZoneId.UTC, 0)
  const extended = params.object('extended_bounds')
  const hard = params.object('hard_bounds')
  return histogramBuilder(name, meta, subs, {
    type: TYPE,
    field,
    missing: params.raw('missing'),
    minDocCount,
    order: parseOrder(params.raw('order'), KEY_ASC),
    keyed: params.boolean('keyed') ?? false,
    keyAsDouble: false,
    resolve(fieldFormat: ValueFormat | null, now: number) {
      const format = dateFormatOf(fieldFormat, pattern, zone)
      const date = (value: XContentValue | undefined): number | null => {
        const millis = format.value(value, now, NaN)
        return Number.isNaN(millis) ? null : millis
      }
      const bounds = (object: typeof extended) =>
        object === null ? null : { min: date(object.get('min')), max: date(object.get('max')) }
      const extendedBounds = bounds(extended)
      // LongBounds.round: both bounds by the rounding without its offset
      const hardBounds = roundBounds(bounds(hard), boundsRounding)
      const roundedExtended = roundBounds(extendedBounds, boundsRounding)
      if (roundedExtended !== null && hardBounds !== null && !extendedInside(roundedExtended, hardBounds)) {
        throw illegalArgumentException(
          `Extended bounds have to be inside hard bounds, hard bounds: [${longBoundsText(hard)}], extended bounds: [${longBoundsText(extended)}]`,
        )
      }
      const missing = date(params.raw('missing'))
      return {
        rounding: keyRounding,
        format,
        extendedBounds,
        hardBounds,
        // LongBounds.contain of the rounded key: max exclusive
        inHardBounds: (value: number) => {
          const key = keyRounding.round(value)
          return (
            !(hardBounds?.min != null && key < hardBounds.min) &&
            !(hardBounds?.max != null && key >= hardBounds.max)
          )
        },
        missing: missing === null ? undefined : new XNumber(String(missing)),
      }
    },
  })
}

function roundBounds(bounds: Bounds, rounding: HistogramRounding): Bounds {
  if (bounds === null) return null
  const round = (value: number | null) => (value === null ? null : rounding.round(value))
  return { min: round(bounds.min), max: round(bounds.max) }
}

/** LongBounds.toString of the bounds as the request gave them: a number as a long, a string as written. */
function longBoundsText(object: XContentObject | null): string {
  const text = (value: XContentValue | undefined): string =>
    value instanceof XNumber ? String(Math.trunc(value.value)) : typeof value === 'string' ? value : ''
  return `${text(object?.get('min'))}--${text(object?.get('max'))}`
}
