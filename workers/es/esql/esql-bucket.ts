/**
 * BUCKET (Bucket.java), in UTC. With a span (`BUCKET(d, 1 month)`, `BUCKET(n, 100)`) a date is truncated to it
 * and a number rounded down to a multiple of it (as a double). With a target count and a range
 * (`BUCKET(d, 20, "2024-01-01", "2025-01-01")`) the span is picked: for dates DateRoundingPicker's finest rounding
 * that covers the range in at most that many buckets (a day, 12h, 3h, 1h, 30m, 10m, 5m, 1m, 30s, 10s, 5s, 1s,
 * 100ms, 50ms, 10ms, 1ms; else a week, a month, a year); for numbers (to - from) / count rounded up to the next
 * power of ten, or half of it when that is enough. The range only picks the span; no row is filtered.
 */
import {
  DATE,
  NUMERIC,
  WHOLE,
  checkArgs,
  single,
  type ArgType,
  type ScalarFunction,
} from './esql-function-support.ts'
import { dateMillis, truncateDate } from './esql-dates.ts'
import { TimeSpan } from './esql-values.ts'

const SPAN_OR_COUNT: ArgType = {
  accepts: (t) => t === 'integer' || t === 'long' || t === 'date_period' || t === 'time_duration',
  expected: 'integral, date_period or time_duration',
}
const STRING_OR_DATE: ArgType = {
  accepts: (t) => t === 'date' || t === 'keyword' || t === 'text',
  expected: 'datetime, date_nanos or string',
}

/** The primary roundings, coarsest first (a day, then fixed lengths), and the secondary calendar ones. */
const PRIMARY = [
  new TimeSpan(1, 'day'),
  new TimeSpan(12, 'hour'),
  new TimeSpan(3, 'hour'),
  new TimeSpan(1, 'hour'),
  new TimeSpan(30, 'minute'),
  new TimeSpan(10, 'minute'),
  new TimeSpan(5, 'minute'),
  new TimeSpan(1, 'minute'),
  new TimeSpan(30, 'second'),
  new TimeSpan(10, 'second'),
  new TimeSpan(5, 'second'),
  new TimeSpan(1, 'second'),
  new TimeSpan(100, 'millisecond'),
  new TimeSpan(50, 'millisecond'),
  new TimeSpan(10, 'millisecond'),
  new TimeSpan(1, 'millisecond'),
]
const SECONDARY = [new TimeSpan(1, 'week'), new TimeSpan(1, 'month'), new TimeSpan(1, 'year')]

/** Whether `span` reaches `to` from `from`'s bucket in at most `buckets` steps. */
function roundingIsOk(span: TimeSpan, buckets: number, from: number, to: number): boolean {
  let bucket = truncateDate(from, span)
  for (let used = 0; used < buckets; used++) {
    bucket = span.addTo(bucket)
    if (bucket >= to) return true
  }
  return false
}

function pickRounding(buckets: number, from: number, to: number): TimeSpan {
  let low = 0
  let high = PRIMARY.length - 1
  let best: TimeSpan | null = null
  while (low <= high) {
    const mid = (low + high) >>> 1
    if (roundingIsOk(PRIMARY[mid]!, buckets, from, to)) {
      best = PRIMARY[mid]!
      low = mid + 1
    } else high = mid - 1
  }
  return best ?? SECONDARY.find((s) => roundingIsOk(s, buckets, from, to)) ?? SECONDARY[SECONDARY.length - 1]!
}

function numberSpan(buckets: number, from: number, to: number): number {
  const precise = (to - from) / buckets
  const nextPowerOfTen = 10 ** Math.ceil(Math.log10(precise))
  const half = nextPowerOfTen / 2
  return precise < half ? half : nextPowerOfTen
}

const EVALUATE = single(
  [2, 4],
  [],
  () => 'double',
  ([v, span, from, to], types) => {
    const value = v as number
    if (types[0] === 'date') {
      const rounding =
        span instanceof TimeSpan ? span : pickRounding(span as number, dateMillis(from!), dateMillis(to!))
      return truncateDate(value, rounding)
    }
    const size =
      from === undefined ? (span as number) : numberSpan(span as number, from as number, to as number)
    return Math.floor(value / size) * size
  },
)

export const BUCKET: ScalarFunction = {
  arity: [2, 4],
  resolve: (args, callText) => {
    const [field, span] = [args[0]!, args[1]!]
    const count = args.length === 4
    if (
      args.length === 3 ||
      (field.type === 'date' && (span.type === 'integer' || span.type === 'long') !== count)
    ) {
      const expected = args.length === 2 ? 'four' : args.length === 3 ? 'two or four' : 'two'
      return {
        error: `function expects exactly ${expected} arguments when the first one is of type [${field.type === 'date' ? 'DATETIME' : field.type.toUpperCase()}] and the second of type [${span.type.toUpperCase()}]`,
      }
    }
    if (field.type === 'date') {
      return (
        checkArgs(args, count ? [DATE, SPAN_OR_COUNT, STRING_OR_DATE] : [DATE, SPAN_OR_COUNT], callText) ??
        'date'
      )
    }
    return checkArgs(args, count ? [NUMERIC, WHOLE, NUMERIC] : [NUMERIC], callText) ?? 'double'
  },
  apply: (values, types, context) => EVALUATE.apply(values, types, context),
}
