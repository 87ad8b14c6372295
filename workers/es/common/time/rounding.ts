/**
 * Rounding (org.elasticsearch.common.Rounding): the bucket keys of date_histogram.
 *
 * - Calendar units (TimeUnitRounding): the local date-time is truncated to the unit in the zone. Units of a
 *   day or more round to the first instant of the local day (local midnight, or the end of a gap that swallows
 *   midnight); the next value adds one unit to that local midnight, so days across DST last 23 or 25 hours.
 *   Hours, minutes and seconds truncate the local time, take the latest offset whose instant is not after the
 *   input, and never round back across a transition (they round the instant just before it instead). This
 *   follows ES's java.time implementations (JavaTimeToMidnightRounding, JavaTimeNotToMidnightRounding), which
 *   its RoundingTests hold the faster lookup-table implementations equal to.
 * - Fixed intervals (TimeIntervalRounding.JavaTimeRounding): floor of the local millis to a multiple of the
 *   interval (epoch-aligned in local time), mapped back with the same care across transitions; the next value
 *   is found by the same search ES uses.
 * - An offset (OffsetRounding) shifts the buckets: round(x) = inner.round(x - offset) + offset.
 *
 * Invariant (property-tested): round(x) <= x < nextRoundingValue(round(x)).
 */

import {
  MILLIS_PER_DAY,
  MILLIS_PER_HOUR,
  MILLIS_PER_MINUTE,
  MILLIS_PER_SECOND,
  dayOfWeek,
  floorDiv,
  fromLocalMillis,
  plusMonths,
  startOfDay,
  toLocalMillis,
} from './calendar.ts'
import { illegalArgumentException } from './time-errors.ts'
import { ZoneId } from './zone-id.ts'
import type { ZoneRules } from './zone-rules.ts'

export type DateTimeUnit =
  | 'WEEK_OF_WEEKYEAR'
  | 'YEAR_OF_CENTURY'
  | 'QUARTER_OF_YEAR'
  | 'MONTH_OF_YEAR'
  | 'DAY_OF_MONTH'
  | 'HOUR_OF_DAY'
  | 'MINUTE_OF_HOUR'
  | 'SECOND_OF_MINUTE'

const SUB_DAY_MILLIS: Partial<Record<DateTimeUnit, number>> = {
  HOUR_OF_DAY: MILLIS_PER_HOUR,
  MINUTE_OF_HOUR: MILLIS_PER_MINUTE,
  SECOND_OF_MINUTE: MILLIS_PER_SECOND,
}

export abstract class Rounding {
  abstract round(utcMillis: number): number
  /** The next rounded value after a rounded value: the start of the following bucket. */
  abstract nextRoundingValue(utcMillis: number): number

  static calendar(unit: DateTimeUnit, zone: ZoneId = ZoneId.UTC, offsetMillis = 0): Rounding {
    return withOffset(new TimeUnitRounding(unit, zone.rules), offsetMillis)
  }

  static fixed(intervalMillis: number, zone: ZoneId = ZoneId.UTC, offsetMillis = 0): Rounding {
    if (intervalMillis < 1) throw illegalArgumentException('Zero or negative time interval not supported')
    return withOffset(new TimeIntervalRounding(intervalMillis, zone.rules), offsetMillis)
  }
}

function withOffset(rounding: Rounding, offsetMillis: number): Rounding {
  return offsetMillis === 0 ? rounding : new OffsetRounding(rounding, offsetMillis)
}

/** Truncates local millis to the start of the unit (weeks start on Monday, quarters in Jan/Apr/Jul/Oct). */
function truncate(local: number, unit: DateTimeUnit): number {
  const sub = SUB_DAY_MILLIS[unit]
  if (sub !== undefined) return floorDiv(local, sub) * sub
  const midnight = startOfDay(local)
  const t = fromLocalMillis(midnight)
  switch (unit) {
    case 'WEEK_OF_WEEKYEAR':
      return midnight - (dayOfWeek(floorDiv(midnight, MILLIS_PER_DAY)) - 1) * MILLIS_PER_DAY
    case 'MONTH_OF_YEAR':
      return toLocalMillis({ ...t, day: 1 })
    case 'QUARTER_OF_YEAR':
      return toLocalMillis({ ...t, month: floorDiv(t.month - 1, 3) * 3 + 1, day: 1 })
    case 'YEAR_OF_CENTURY':
      return toLocalMillis({ ...t, month: 1, day: 1 })
    default:
      return midnight
  }
}

function nextMidnight(localMidnight: number, unit: DateTimeUnit): number {
  switch (unit) {
    case 'WEEK_OF_WEEKYEAR':
      return localMidnight + 7 * MILLIS_PER_DAY
    case 'MONTH_OF_YEAR':
      return plusMonths(localMidnight, 1)
    case 'QUARTER_OF_YEAR':
      return plusMonths(localMidnight, 3)
    case 'YEAR_OF_CENTURY':
      return plusMonths(localMidnight, 12)
    default:
      return localMidnight + MILLIS_PER_DAY
  }
}

class TimeUnitRounding extends Rounding {
  constructor(
    private readonly unit: DateTimeUnit,
    private readonly rules: ZoneRules,
  ) {
    super()
  }

  round(utcMillis: number): number {
    const sub = SUB_DAY_MILLIS[this.unit]
    if (sub === undefined)
      return this.firstTimeOnDay(truncate(utcMillis + this.rules.offsetAt(utcMillis), this.unit))
    let instant = utcMillis
    for (;;) {
      const truncated = this.truncateAsLocalTime(instant)
      const previous = this.rules.previousTransition(instant)
      if (previous === null && truncated !== null) return truncated
      if (truncated !== null && previous !== null && previous.instant <= truncated) return truncated
      instant = (previous?.instant ?? instant) - 1
    }
  }

  nextRoundingValue(utcMillis: number): number {
    const sub = SUB_DAY_MILLIS[this.unit]
    if (sub === undefined) {
      const midnight = truncate(utcMillis + this.rules.offsetAt(utcMillis), this.unit)
      return this.firstTimeOnDay(nextMidnight(midnight, this.unit))
    }
    const once = this.round(utcMillis + sub)
    return utcMillis < once ? once : this.round(utcMillis + 2 * sub)
  }

  /** The earliest instant of a local midnight: its first valid offset, or the end of the gap holding it. */
  private firstTimeOnDay(localMidnight: number): number {
    const [first] = this.rules.validOffsets(localMidnight)
    if (first !== undefined) return localMidnight - first
    // no valid offset: a gap holds it
    return this.rules.transitionAtLocal(localMidnight)!.instant
  }

  /** The latest instant of the truncated local time that is not after `instant`, or null in a gap. */
  private truncateAsLocalTime(instant: number): number | null {
    const truncated = truncate(instant + this.rules.offsetAt(instant), this.unit)
    const offsets = this.rules.validOffsets(truncated)
    for (let i = offsets.length - 1; i >= 0; i--) {
      const result = truncated - (offsets[i] ?? 0)
      if (result <= instant) return result
    }
    return null
  }
}

class TimeIntervalRounding extends Rounding {
  constructor(
    private readonly interval: number,
    private readonly rules: ZoneRules,
  ) {
    super()
  }

  round(originalUtcMillis: number): number {
    let utc = originalUtcMillis
    for (let attempt = 0; attempt < 5000; attempt++) {
      const local = utc + this.rules.offsetAt(utc)
      const roundedLocal = floorDiv(local, this.interval) * this.interval
      const offsets = this.rules.validOffsets(roundedLocal)
      if (offsets.length === 0) {
        return this.rules.transitionAtLocal(roundedLocal)!.instant
      }
      const previous = this.rules.previousTransition(utc + 1)
      let retry = false
      for (let i = offsets.length - 1; i >= 0; i--) {
        const instant = roundedLocal - (offsets[i] ?? 0)
        if (previous !== null && instant < previous.instant) {
          utc = previous.instant - 1
          retry = true
          break
        }
        if (utc >= instant) return instant
      }
      if (!retry) return roundedLocal - (offsets[0] ?? 0)
    }
    throw illegalArgumentException(
      `Rounding[${this.interval}] failed to round ${utc} down: transitioned backwards through too many daylight savings time transitions`,
    )
  }

  /** TimeIntervalRounding.JavaTimeRounding.nextRoundingValue: a halving search for the next rounded value. */
  nextRoundingValue(utcMillis: number): number {
    const prevRound = this.round(utcMillis)
    let increment = this.interval
    let from = prevRound
    for (let iterations = 1; iterations < 100; iterations++) {
      from += increment
      const rounded = this.round(from)
      if (rounded <= prevRound) {
        if (increment < 0) increment = -Math.trunc(increment / 2)
        continue
      }
      if (this.round(rounded - 1) > prevRound) {
        if (increment > 0) increment = -Math.trunc(increment / 2)
        continue
      }
      return rounded
    }
    return this.round(from)
  }
}

class OffsetRounding extends Rounding {
  constructor(
    private readonly delegate: Rounding,
    private readonly offset: number,
  ) {
    super()
  }

  round(utcMillis: number): number {
    return this.delegate.round(utcMillis - this.offset) + this.offset
  }

  nextRoundingValue(utcMillis: number): number {
    return this.delegate.nextRoundingValue(utcMillis - this.offset) + this.offset
  }
}
