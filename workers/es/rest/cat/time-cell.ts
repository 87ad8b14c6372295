/**
 * TimeCell: a duration in a _cat cell, a TimeValue as RestTable renders it. Without `time=` it prints as
 * TimeValue.toString() (toHumanReadableString(1): `3ms`, `1.5s`, `0s`); with `time=nanos|micros|ms|s|m|h|d`
 * the whole number of that unit, truncated toward zero as TimeUnit's conversions do; another value prints as
 * toString. Cells compare by their duration (TimeValue is Comparable), so `s=time` sorts `3ms` before `10ms`.
 */
import { humanReadableNanos } from '../../common/time/time-value-text.ts'

const NANOS_PER: ReadonlyMap<string, number> = new Map([
  ['nanos', 1],
  ['micros', 1e3],
  ['ms', 1e6],
  ['s', 1e9],
  ['m', 60e9],
  ['h', 3600e9],
  ['d', 86400e9],
])

export class TimeCell {
  private constructor(readonly nanos: number) {}

  static ofMillis(millis: number): TimeCell {
    return new TimeCell(millis * 1e6)
  }

  static ofNanos(nanos: number): TimeCell {
    return new TimeCell(nanos)
  }

  toString(): string {
    return humanReadableNanos(this.nanos, 1)
  }

  /** RestTable.renderValue for a TimeValue and the request's `time` parameter. */
  render(resolution: string | undefined): string {
    const unit = resolution === undefined ? undefined : NANOS_PER.get(resolution)
    return unit === undefined ? this.toString() : String(Math.trunc(this.nanos / unit))
  }
}
