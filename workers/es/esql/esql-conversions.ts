/**
 * The TO_* conversion functions (AbstractConvertFunction): each value of a multi-value is converted on its
 * own; a value that does not convert is left out with a warning (`Cannot parse number [x]`, `[v] out of
 * [integer] range`, `failed to parse date field [x] with format [strict_date_optional_time]`), so a cell whose
 * values all fail is null. TO_STRING prints dates in ISO form and doubles as Java does; TO_LONG and TO_INTEGER
 * truncate doubles; TO_BOOLEAN reads `true` (any case) as true and other strings as false, numbers as != 0.
 * TO_DEGREES and TO_RADIANS take numbers only (a non-finite result warns as NumericUtils.asFiniteNumber does);
 * TO_UNSIGNED_LONG (alias TO_UL, TO_ULONG) takes booleans, dates, numbers and strings (a string read as BigDecimal,
 * truncated) and refuses what is below 0 or from 2^64 up (`[x] out of [unsigned_long] range`). TO_DATEPERIOD and
 * TO_TIMEDURATION are esql-temporal-conversions.ts.
 */
import { javaDoubleToString } from '../xcontent/index.ts'
import { NUMERIC, checkArgs, type ArgType, type ScalarFunction } from './esql-function-support.ts'
import { dateMillis } from './esql-dates.ts'
import { TEMPORAL_CONVERSIONS } from './esql-temporal-conversions.ts'
import { NUMERIC_TYPES, STRING_TYPES, cellOf, formatDate, valuesOf, type EsqlScalar } from './esql-values.ts'
import { EvaluationFailure } from './esql-warnings.ts'

const INVALID = 'org.elasticsearch.xpack.esql.core.InvalidArgumentException'

function toNumber(v: EsqlScalar): number {
  if (typeof v === 'number') return v
  if (typeof v === 'boolean') return v ? 1 : 0
  const s = String(v).trim()
  const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN
  if (Number.isNaN(n)) throw new EvaluationFailure(`${INVALID}: Cannot parse number [${String(v)}]`)
  return n
}

function inRange(n: number, type: 'integer' | 'long'): number {
  const t = Math.trunc(n)
  const max = type === 'integer' ? 2147483647 : 2 ** 63
  if (t > max || t < -max - (type === 'integer' ? 1 : 0)) {
    throw new EvaluationFailure(`${INVALID}: [${javaDoubleToString(n)}] out of [${type}] range`)
  }
  return t
}

function toIp(v: EsqlScalar): string {
  const s = String(v)
  if (!/^(\d{1,3})(\.\d{1,3}){3}$/.test(s) && !/^[0-9a-fA-F:]+$/.test(s)) {
    throw new EvaluationFailure(`java.lang.IllegalArgumentException: '${s}' is not an IP string literal.`)
  }
  return s
}

/** A conversion to `result` of each value (of a type `input` takes, when given). */
export function conversion(
  result: string,
  convert: (v: EsqlScalar, type: string) => EsqlScalar,
  input?: ArgType,
): ScalarFunction {
  return {
    arity: [1, 1],
    resolve: (args, callText) => (input === undefined ? null : checkArgs(args, [input], callText)) ?? result,
    apply: (values, types) => {
      const out: EsqlScalar[] = []
      let failure: EvaluationFailure | null = null
      for (const v of valuesOf(values[0] ?? null)) {
        try {
          out.push(convert(v, types[0]!))
        } catch (error) {
          if (!(error instanceof EvaluationFailure)) throw error
          failure = error
        }
      }
      if (out.length === 0 && failure !== null) throw failure
      return cellOf(out)
    },
  }
}

function toText(v: EsqlScalar, type: string): string {
  if (typeof v === 'number') {
    if (type === 'date') return formatDate(v)
    if (type === 'double') return javaDoubleToString(v)
  }
  return String(v)
}

/** java.lang.Math's factors: toDegrees and toRadians multiply by them. */
const RADIANS_TO_DEGREES = 57.29577951308232
const DEGREES_TO_RADIANS = 0.017453292519943295

function finite(n: number): number {
  if (!Number.isFinite(n))
    throw new EvaluationFailure(
      `java.lang.ArithmeticException: not a finite double number: ${javaDoubleToString(n)}`,
    )
  return n
}

function outOfUnsignedRange(text: string): EvaluationFailure {
  return new EvaluationFailure(`${INVALID}: [${text}] out of [unsigned_long] range`)
}

/** BigDecimal(String)'s refusal of a character it does not read. */
function unsignedFromString(text: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    const bad = [...text].find((c) => !/[\d.eE+-]/.test(c)) ?? text
    throw new EvaluationFailure(
      `java.lang.NumberFormatException: Character ${bad} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`,
    )
  }
  const n = Math.trunc(Number(text))
  if (n < 0 || n >= 2 ** 64) throw outOfUnsignedRange(text)
  return n
}

/** EsqlDataTypeConverter's *ToUnsignedLong of one value of `type`. */
function toUnsignedLong(v: EsqlScalar, type: string): number {
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v === 'string') return unsignedFromString(v)
  const n = v as number
  if (n < 0 || n >= 2 ** 64) throw outOfUnsignedRange(type === 'double' ? javaDoubleToString(n) : String(n))
  return Math.trunc(n)
}

const UNSIGNED_LONG_INPUT: ArgType = {
  accepts: (t) => NUMERIC_TYPES.has(t) || STRING_TYPES.has(t) || t === 'boolean' || t === 'date',
  expected: 'boolean or datetime or numeric or string',
}

const TO_UNSIGNED_LONG = conversion('unsigned_long', toUnsignedLong, UNSIGNED_LONG_INPUT)

export const CONVERSIONS: readonly (readonly [string, ScalarFunction])[] = [
  ['to_string', conversion('keyword', toText)],
  ['to_long', conversion('long', (v) => inRange(toNumber(v), 'long'))],
  ['to_integer', conversion('integer', (v) => inRange(toNumber(v), 'integer'))],
  ['to_double', conversion('double', toNumber)],
  ['to_datetime', conversion('date', dateMillis)],
  [
    'to_boolean',
    conversion('boolean', (v) =>
      typeof v === 'string' ? v.toLowerCase() === 'true' : v !== 0 && v !== false,
    ),
  ],
  ['to_ip', conversion('ip', toIp)],
  ['to_version', conversion('version', (v) => String(v))],
  ['to_degrees', conversion('double', (v) => finite((v as number) * RADIANS_TO_DEGREES), NUMERIC)],
  ['to_radians', conversion('double', (v) => finite((v as number) * DEGREES_TO_RADIANS), NUMERIC)],
  ['to_unsigned_long', TO_UNSIGNED_LONG],
  ['to_ul', TO_UNSIGNED_LONG],
  ['to_ulong', TO_UNSIGNED_LONG],
  ...TEMPORAL_CONVERSIONS,
]
