/**
 * AutoDateHistogramAggregationBuilder's RoundingInfo ladder: the calendar roundings auto_date_histogram climbs,
 * finest first, each with the inner intervals its buckets may be merged by (a "7d" bucket is 7 consecutive day
 * buckets), a rough duration in millis (a month counts 30 days, a year 365) and the abbreviation the response's
 * `interval` uses:
 *   second (s) 1, 5, 10, 30 · minute (m) 1, 5, 10, 30 · hour (h) 1, 3, 12 · day (d) 1, 7 · month (M) 1, 3 ·
 *   year (y) 1, 5, 10, 20, 50, 100.
 * `minimum_interval` cuts off the rungs below the one it names. Each rounding is a calendar unit in the request's
 * time zone (Rounding.builder(unit).timeZone(zone), no offset).
 *
 * Invariant: the ladder is rebuilt from its zone id and minimum interval alone, which is what crosses the wire.
 */
import { Rounding, type DateTimeUnit, type ZoneId } from '../../../common/time/index.ts'
import { EsException, illegalArgumentException } from '../../../errors/index.ts'
import { DEFAULT_MAX_BUCKETS } from '../multi-bucket-consumer.ts'

export interface RoundingInfo {
  readonly rounding: Rounding
  readonly innerIntervals: readonly number[]
  readonly roughEstimateDurationMillis: number
  readonly unitAbbreviation: string
}

const DAY = 86_400_000

const LADDER: ReadonlyArray<{
  unit: DateTimeUnit
  name: string
  rough: number
  abbreviation: string
  inner: readonly number[]
}> = [
  { unit: 'SECOND_OF_MINUTE', name: 'second', rough: 1000, abbreviation: 's', inner: [1, 5, 10, 30] },
  { unit: 'MINUTE_OF_HOUR', name: 'minute', rough: 60_000, abbreviation: 'm', inner: [1, 5, 10, 30] },
  { unit: 'HOUR_OF_DAY', name: 'hour', rough: 3_600_000, abbreviation: 'h', inner: [1, 3, 12] },
  { unit: 'DAY_OF_MONTH', name: 'day', rough: DAY, abbreviation: 'd', inner: [1, 7] },
  { unit: 'MONTH_OF_YEAR', name: 'month', rough: 30 * DAY, abbreviation: 'M', inner: [1, 3] },
  {
    unit: 'YEAR_OF_CENTURY',
    name: 'year',
    rough: 365 * DAY,
    abbreviation: 'y',
    inner: [1, 5, 10, 20, 50, 100],
  },
]

/**
 * ALLOWED_INTERVALS' values as ES prints them. ES keeps them in a Map.ofEntries, whose iteration order changes
 * from one JVM start to the next; the playground prints them in the order they are declared.
 */
const ALLOWED_INTERVALS = `[${['year', 'month', 'day', 'hour', 'minute', 'second'].join(', ')}]`

/** setMinimumIntervalExpression's check. */
export function checkMinimumInterval(value: string | null): void {
  if (value !== null && !LADDER.some((rung) => rung.name === value))
    throw illegalArgumentException(`minimum_interval must be one of [${ALLOWED_INTERVALS}]`)
}

/** buildRoundings: the ladder in `zone`, from the rung `minimumInterval` names (all of it when null). */
export function buildRoundings(zone: ZoneId, minimumInterval: string | null): RoundingInfo[] {
  const from = Math.max(
    0,
    LADDER.findIndex((rung) => rung.name === minimumInterval),
  )
  return LADDER.slice(from).map((rung) => ({
    rounding: Rounding.calendar(rung.unit, zone),
    innerIntervals: rung.inner,
    roughEstimateDurationMillis: rung.rough,
    unitAbbreviation: rung.abbreviation,
  }))
}

export function maximumInnerInterval(info: RoundingInfo): number {
  return info.innerIntervals[info.innerIntervals.length - 1]!
}

export function maximumRoughEstimateDurationMillis(info: RoundingInfo): number {
  return info.roughEstimateDurationMillis * maximumInnerInterval(info)
}

/**
 * innerBuild's check on the shard: `buckets` times the largest inner interval of every rung but the last must fit
 * search.max_buckets as the node started with it (its node setting: 65,536, whatever the cluster setting says).
 * With only the year rung left (`minimum_interval: year`) ES's Optional.get() of no interval fails.
 */
export function checkBucketCeiling(numBuckets: number, roundings: readonly RoundingInfo[]): void {
  const intervals = roundings.slice(0, -1).flatMap((info) => info.innerIntervals)
  if (intervals.length === 0)
    throw new EsException({ type: 'no_such_element_exception', reason: 'No value present', status: 500 })
  const ceiling = Math.trunc(DEFAULT_MAX_BUCKETS / Math.max(...intervals))
  if (numBuckets > ceiling) throw illegalArgumentException(`buckets must be less than ${ceiling}`)
}
