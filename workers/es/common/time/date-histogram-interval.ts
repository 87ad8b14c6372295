/**
 * The interval and offset parameters of date_histogram (DateHistogramAggregationBuilder, DateIntervalWrapper):
 * - calendar_interval: one of DATE_FIELD_UNITS (`year`/`1y`, `quarter`/`1q`, `month`/`1M`, `week`/`1w`,
 *   `day`/`1d`, `hour`/`1h`, `minute`/`1m`, `second`/`1s`), else IllegalArgumentException
 *   `The supplied interval [2d] could not be parsed as a calendar interval.`
 * - fixed_interval: a TimeValue read under the setting name `date_histogram.fixedInterval` (so `1w` or `1M`
 *   fail with `unit is missing or unrecognized`); a zero interval fails in Rounding with `Zero or negative time
 *   interval not supported`.
 * - offset: `[+-]<time value>` read under `DateHistogramAggregationBuilder.parseOffset`.
 */

import type { DateTimeUnit } from './rounding.ts'
import { illegalArgumentException } from './time-errors.ts'
import { parseTimeValue, timeValueMillis } from './time-value.ts'

const DATE_FIELD_UNITS = new Map<string, DateTimeUnit>([
  ['year', 'YEAR_OF_CENTURY'],
  ['1y', 'YEAR_OF_CENTURY'],
  ['quarter', 'QUARTER_OF_YEAR'],
  ['1q', 'QUARTER_OF_YEAR'],
  ['month', 'MONTH_OF_YEAR'],
  ['1M', 'MONTH_OF_YEAR'],
  ['week', 'WEEK_OF_WEEKYEAR'],
  ['1w', 'WEEK_OF_WEEKYEAR'],
  ['day', 'DAY_OF_MONTH'],
  ['1d', 'DAY_OF_MONTH'],
  ['hour', 'HOUR_OF_DAY'],
  ['1h', 'HOUR_OF_DAY'],
  ['minute', 'MINUTE_OF_HOUR'],
  ['1m', 'MINUTE_OF_HOUR'],
  ['second', 'SECOND_OF_MINUTE'],
  ['1s', 'SECOND_OF_MINUTE'],
])

export function parseCalendarInterval(text: string): DateTimeUnit {
  const unit = DATE_FIELD_UNITS.get(text)
  if (unit === undefined) {
    throw illegalArgumentException(
      `The supplied interval [${text}] could not be parsed as a calendar interval.`,
    )
  }
  return unit
}

/** The fixed interval in millis (not yet checked for zero; Rounding.fixed does that). */
export function parseFixedInterval(text: string): number {
  return timeValueMillis(parseTimeValue(text, 'date_histogram.fixedInterval'))
}

/** DateHistogramAggregationBuilder.parseStringOffset. */
export function parseHistogramOffset(text: string): number {
  const setting = 'DateHistogramAggregationBuilder.parseOffset'
  if (text.startsWith('-')) return -timeValueMillis(parseTimeValue(text.slice(1), setting))
  return timeValueMillis(parseTimeValue(text.startsWith('+') ? text.slice(1) : text, setting))
}
