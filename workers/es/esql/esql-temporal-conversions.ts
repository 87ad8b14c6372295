/**
 * TO_DATEPERIOD and TO_TIMEDURATION (FoldablesConvertFunction): a constant string (`"3 days"`, `"1 hour"`: an
 * integer, spaces, one of the unit names of a time span literal) or a span of the same type, folded before the
 * query runs into a date_period / time_duration TimeSpan. The argument must be a string or that type (`argument of
 * [c] must be [date_period or string], ...`) and a constant (`argument of [c] must be a constant, received [x]`);
 * a text that is not such a span, or names a unit of the other type, fails the query with EsqlDataTypeConverter's
 * illegal_argument_exception `Invalid interval value in [c], expected integer followed by one of [DAY, ...] but got
 * [x]`.
 */
import { illegalArgumentException } from '../errors/index.ts'
import { notConstant, typeName, type ScalarFunction } from './esql-function-support.ts'
import { STRING_TYPES, TIME_UNIT_NAMES, TimeSpan } from './esql-values.ts'

/** EsqlDataTypeConverter.DATE_PERIODS and TIME_DURATIONS, as their List#toString prints them. */
const UNIT_LISTS: Readonly<Record<string, string>> = {
  date_period: '[DAY, DAYS, D, WEEK, WEEKS, W, MONTH, MONTHS, MO, QUARTER, QUARTERS, Q, YEAR, YEARS, YR, Y]',
  time_duration:
    '[MILLISECOND, MILLISECONDS, MS, SECOND, SECONDS, SEC, S, MINUTE, MINUTES, MIN, HOUR, HOURS, H]',
}

/** parseTemporalAmount: `<int> <unit>` with any spaces around and between, the unit of `type`; else null. */
function parseSpan(text: string, type: string): TimeSpan | null {
  const match = /^ *([+-]?\d+) +(\S+) *$/.exec(text)
  if (match === null) return null
  const amount = Number(match[1])
  const unit = TIME_UNIT_NAMES.get(match[2]!.toLowerCase())
  if (unit === undefined || amount > 2147483647 || amount < -2147483648) return null
  const span = new TimeSpan(amount, unit)
  return span.type === type ? span : null
}

function temporalConversion(type: string): ScalarFunction {
  return {
    arity: [1, 1],
    resolve: ([arg], callText) => {
      if (arg!.type !== 'null' && arg!.type !== type && !STRING_TYPES.has(arg!.type)) {
        return {
          error: `argument of [${callText}] must be [${type} or string], found value [${arg!.text}] type [${typeName(arg!.type)}]`,
        }
      }
      const constant = notConstant(arg!, '', callText)
      if (constant !== null) return { error: constant }
      if (typeof arg!.constant === 'string' && parseSpan(arg!.constant, type) === null) {
        throw illegalArgumentException(
          `Invalid interval value in [${callText}], expected integer followed by one of ${UNIT_LISTS[type]!} but got [${arg!.constant}]`,
        )
      }
      return type
    },
    apply: ([value]) => (typeof value === 'string' ? parseSpan(value, type) : (value ?? null)),
  }
}

export const TEMPORAL_CONVERSIONS: readonly (readonly [string, ScalarFunction])[] = [
  ['to_dateperiod', temporalConversion('date_period')],
  ['to_timeduration', temporalConversion('time_duration')],
]
