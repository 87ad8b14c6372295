/**
 * A date_histogram bucket as ES's SizedBucketAggregator measures it for `rate` (Rounding.Prepared.roundingSize):
 * its length in a rate unit, from the rounding's description (histogram-rounding.ts) and the bucket's key.
 *
 * Units carry ES's DateTimeUnit ratio: millis for the millis-based ones (week, day, hour, minute, second), months
 * for month, quarter and year. A fixed interval measures interval / ratio and refuses month-based units. A calendar
 * interval of a millis-based unit measures unit / ratio and refuses month-based units; one of a month-based unit
 * measures months / months, and in a millis-based unit its own bucket's length (the next key minus the key, so
 * February is shorter) for a direct child, while a deeper descendant (no key) is refused. An offset does not change
 * the size: ES measures the key against the rounding without its offset.
 */
import { illegalArgumentException } from '../../../errors/index.ts'
import type { DateTimeUnit } from '../../../common/time/index.ts'
import type { AggregationBuilder } from '../aggregation-builder.ts'
import type { SizedBucket } from '../aggregation-context.ts'
import { roundingOf, type RoundingWire } from './histogram-rounding.ts'

const UNITS: Record<DateTimeUnit, { name: string; millis: boolean; ratio: number }> = {
  WEEK_OF_WEEKYEAR: { name: 'week', millis: true, ratio: 604_800_000 },
  YEAR_OF_CENTURY: { name: 'year', millis: false, ratio: 12 },
  QUARTER_OF_YEAR: { name: 'quarter', millis: false, ratio: 3 },
  MONTH_OF_YEAR: { name: 'month', millis: false, ratio: 1 },
  DAY_OF_MONTH: { name: 'day', millis: true, ratio: 86_400_000 },
  HOUR_OF_DAY: { name: 'hour', millis: true, ratio: 3_600_000 },
  MINUTE_OF_HOUR: { name: 'minute', millis: true, ratio: 60_000 },
  SECOND_OF_MINUTE: { name: 'second', millis: true, ratio: 1_000 },
}

/** The bucket keyed `key` of a date rounding (not a plain histogram's `interval`), for its sub-aggregations. */
export function sizedBucket(
  rounding: Exclude<RoundingWire, { type: 'interval' }>,
  key: number,
  subs: readonly AggregationBuilder[],
): SizedBucket {
  return {
    subs,
    bucketSize(unit, direct) {
      if (unit === null) return 1
      const rate = UNITS[unit]
      if (rounding.type === 'time_interval') {
        if (rate.millis) return rounding.interval / rate.ratio
        throw illegalArgumentException(
          `Cannot use month-based rate unit [${rate.name}] with fixed interval based histogram, only week, day, hour, minute and second are supported for this histogram`,
        )
      }
      const own = UNITS[rounding.unit]
      if (own.millis) {
        if (rate.millis) return own.ratio / rate.ratio
        throw illegalArgumentException(
          `Cannot use month-based rate unit [${rate.name}] with non-month based calendar interval histogram [${own.name}] only week, day, hour, minute and second are supported for this histogram`,
        )
      }
      if (!rate.millis) return own.ratio / rate.ratio
      if (!direct) {
        throw illegalArgumentException(
          `Cannot use non month-based rate unit [${rate.name}] with calendar interval histogram [${own.name}] only month, quarter and year are supported for this histogram`,
        )
      }
      const inner = roundingOf({ ...rounding, offset: 0 })
      return (inner.next(inner.round(key)) - key) / rate.ratio
    },
  }
}

/** The sized bucket of an empty bucket's sub-aggregations (their rate is 0 over 1.0, as buildEmptyAggregation). */
export const EMPTY_SIZED_BUCKET: SizedBucket = { subs: [], bucketSize: () => 1 }
