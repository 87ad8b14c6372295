/**
 * Elasticsearch's date/time library for the playground (org.elasticsearch.common.time and Rounding):
 * date formats (built-in names, java.time patterns, `||` alternatives), date math with rounding and time
 * zones, histogram roundings across DST, interval and TimeValue parsing, and ZoneId with a small zone table.
 * Pure: "now" is always passed in as epoch millis. Errors are thrown as EsException with ES's types and texts.
 */

export { DateFormatter, toEpochMillis } from './date-formatter.ts'
export { MAX_NANOSECOND, instantText, toInstant, toLong, type NanoInstant } from './date-utils.ts'
export { parseDateMath, rangeQueryBounds, rangeQueryNanosBounds } from './date-math-parser.ts'
export { parseCalendarInterval, parseFixedInterval, parseHistogramOffset } from './date-histogram-interval.ts'
export { Rounding, type DateTimeUnit } from './rounding.ts'
export { parseTimeValue, timeValueMillis, type TimeValue } from './time-value.ts'
export { ZoneId, offsetId } from './zone-id.ts'
export type { ParsedTemporal } from './temporal-resolver.ts'
