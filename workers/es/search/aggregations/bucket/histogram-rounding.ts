/**
 * HistogramRounding: the key function of histogram and date_histogram buckets, built from a plain-data
 * description that is also its wire form (ES writes InternalHistogram's interval and offset, and
 * InternalDateHistogram's Rounding, so that the coordinating node can add the empty buckets):
 * - `{type: 'interval', interval, offset}`: histogram, key = floor((v − offset) / interval) · interval + offset;
 * - `{type: 'time_unit', unit, zone, offset}`: a calendar_interval (TimeUnitRounding) in a zone id;
 * - `{type: 'time_interval', interval, zone, offset}`: a fixed_interval in millis (TimeIntervalRounding).
 *
 * Invariant: `roundingOf(r.writeTo())` rounds exactly as `r` does.
 */
import { Rounding, ZoneId, type DateTimeUnit } from '../../../common/time/index.ts'

export type RoundingWire =
  | { readonly type: 'interval'; readonly interval: number; readonly offset: number }
  | {
      readonly type: 'time_unit'
      readonly unit: DateTimeUnit
      readonly zone: string
      readonly offset: number
    }
  | {
      readonly type: 'time_interval'
      readonly interval: number
      readonly zone: string
      readonly offset: number
    }

export interface HistogramRounding {
  /** The key of the bucket holding `value`. */
  round(value: number): number
  /** The key after `key`. */
  next(key: number): number
  writeTo(): RoundingWire
}

/** The rounding a description names; a fixed interval below 1 ms fails as Rounding.fixed does. */
export function roundingOf(wire: RoundingWire): HistogramRounding {
  const writeTo = (): RoundingWire => wire
  if (wire.type === 'interval') {
    const { interval, offset } = wire
    const round = (value: number): number => Math.floor((value - offset) / interval) * interval + offset
    return { round, next: (key) => round(key + interval), writeTo }
  }
  const zone = ZoneId.of(wire.zone)
  const inner =
    wire.type === 'time_unit'
      ? Rounding.calendar(wire.unit, zone, wire.offset)
      : Rounding.fixed(wire.interval, zone, wire.offset)
  return { round: (value) => inner.round(value), next: (key) => inner.nextRoundingValue(key), writeTo }
}
