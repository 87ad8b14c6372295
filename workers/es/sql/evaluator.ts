/**
 * Computes an expression for one row (or one group): the row's field values, its score, the group's
 * aggregate values; SQL's three-valued logic (a comparison with null is null, `NULL AND FALSE` is false),
 * integer arithmetic for integer operands (division truncates), a string compared with a datetime read as
 * a date, a datetime or time plus or minus an INTERVAL (and intervals of one unit added, subtracted, multiplied
 * by a number), LIKE (`%`, `_`) and RLIKE (a whole-value regular expression), CASE (the first WHEN whose condition is
 * true, else the ELSE or null) and CAST.
 */
import type { EsField } from './index-resolver.ts'
import type { Expression, FunctionCall } from './sql-ast.ts'
import { isInteger } from './sql-data-types.ts'
import { typeOf } from './expression-types.ts'
import { SCALAR_FUNCTIONS, SCORE_FUNCTION } from './scalar-functions.ts'
import type { EvalEnv } from './scalar-function.ts'
import { addInterval, asDateOnly } from './date-time-functions.ts'
import { DateTimeValue, IntervalValue, TimeValue, compareValues, type SqlValue } from './sql-values.ts'
import { addIntervalToTime, toTime } from './time-values.ts'

export interface RowScope {
  field(name: string): SqlValue
  readonly score: number | null
  /** A grouped row's value of an aggregate (or of a grouping expression), by expression. */
  grouped?(e: Expression): SqlValue | undefined
}

export class Evaluator {
  constructor(
    private readonly fields: ReadonlyMap<string, EsField>,
    private readonly env: EvalEnv,
  ) {}

  evaluate(e: Expression, row: RowScope): SqlValue {
    const grouped = row.grouped?.(e)
    if (grouped !== undefined) return grouped
    switch (e.kind) {
      case 'literal':
        return e.value
      case 'field':
        return row.field(e.name)
      case 'star':
        return null
      case 'function':
        return this.call(e, row)
      case 'unary': {
        const v = this.evaluate(e.operand, row)
        if (e.op === 'NOT') return v === null ? null : !v
        return typeof v === 'number' && e.op === '-' ? -v : v
      }
      case 'binary':
        return this.binary(e.op, e.left, e.right, row)
      case 'isNull': {
        const isNull = this.evaluate(e.operand, row) === null
        return e.negated ? !isNull : isNull
      }
      case 'like': {
        const v = this.evaluate(e.operand, row)
        if (v === null) return null
        const matches = (e.regex ? new RegExp(`^(?:${e.pattern})$`) : likePattern(e.pattern)).test(String(v))
        return e.negated ? !matches : matches
      }
      case 'in': {
        const v = this.evaluate(e.operand, row)
        if (v === null) return null
        const found = e.list.some((x) => compare(v, this.evaluate(x, row)) === 0)
        return e.negated ? !found : found
      }
      case 'between': {
        const v = this.evaluate(e.operand, row)
        if (v === null) return null
        const inside =
          compare(v, this.evaluate(e.lower, row)) >= 0 && compare(v, this.evaluate(e.upper, row)) <= 0
        return e.negated ? !inside : inside
      }
      case 'cast':
        return cast(this.evaluate(e.operand, row), e.type, this.env)
      case 'match':
      case 'query':
        // Full-text predicates are always pushed to the query; a row that reaches here matched.
        return true
      case 'case': {
        const when = e.whens.find((w) => this.evaluate(w.condition, row) === true)
        if (when !== undefined) return this.evaluate(when.result, row)
        return e.otherwise === null ? null : this.evaluate(e.otherwise, row)
      }
    }
  }

  private call(e: FunctionCall, row: RowScope): SqlValue {
    if (e.name === SCORE_FUNCTION) return row.score
    const fn = SCALAR_FUNCTIONS.get(e.name)
    if (fn === undefined) return null
    const args = e.args.map((a) => this.evaluate(a, row))
    return fn.apply(
      args,
      this.env,
      e.args.map((a) => typeOf(a, this.fields)),
    )
  }

  private binary(op: string, left: Expression, right: Expression, row: RowScope): SqlValue {
    if (op === 'AND' || op === 'OR') {
      const l = this.evaluate(left, row)
      const r = this.evaluate(right, row)
      if (op === 'AND') return l === false || r === false ? false : l === null || r === null ? null : true
      return l === true || r === true ? true : l === null || r === null ? null : false
    }
    const l = this.evaluate(left, row)
    const r = this.evaluate(right, row)
    if (op === '<=>') return compare(l, r) === 0 && (l === null) === (r === null)
    if (l === null || r === null) return null
    switch (op) {
      case '=':
        return compare(l, r) === 0
      case '<>':
      case '!=':
        return compare(l, r) !== 0
      case '<':
        return compare(l, r) < 0
      case '<=':
        return compare(l, r) <= 0
      case '>':
        return compare(l, r) > 0
      case '>=':
        return compare(l, r) >= 0
    }
    if (l instanceof DateTimeValue && r instanceof IntervalValue && (op === '+' || op === '-'))
      return addInterval(l, r, op === '+' ? 1 : -1)
    if (l instanceof IntervalValue && r instanceof DateTimeValue && op === '+') return addInterval(r, l, 1)
    if (l instanceof TimeValue && r instanceof IntervalValue && (op === '+' || op === '-'))
      return addIntervalToTime(l, r, op === '+' ? 1 : -1)
    if (l instanceof IntervalValue && r instanceof TimeValue && op === '+') return addIntervalToTime(r, l, 1)
    if (l instanceof IntervalValue && r instanceof IntervalValue && l.unit === r.unit)
      if (op === '+' || op === '-')
        return new IntervalValue(l.amount + (op === '+' ? r.amount : -r.amount), l.unit)
    if (op === '*' && l instanceof IntervalValue && typeof r === 'number')
      return new IntervalValue(l.amount * r, l.unit)
    if (op === '*' && r instanceof IntervalValue && typeof l === 'number')
      return new IntervalValue(r.amount * l, r.unit)
    if (typeof l !== 'number' || typeof r !== 'number') return null
    const integers = isInteger(typeOf(left, this.fields)) && isInteger(typeOf(right, this.fields))
    switch (op) {
      case '+':
        return l + r
      case '-':
        return l - r
      case '*':
        return l * r
      case '/':
        return integers ? (r === 0 ? null : Math.trunc(l / r)) : l / r
      default:
        return integers ? (r === 0 ? null : l % r) : l % r
    }
  }
}

/** Compares two values; a string against a datetime is read as a date. */
function compare(a: SqlValue, b: SqlValue): number {
  if (a instanceof DateTimeValue && typeof b === 'string') return compareValues(a.millis, Date.parse(b))
  if (b instanceof DateTimeValue && typeof a === 'string') return compareValues(Date.parse(a), b.millis)
  return compareValues(a, b)
}

/** A LIKE pattern as a whole-value regular expression: `%` any run, `_` one character. */
export function likePattern(pattern: string): RegExp {
  const body = [...pattern]
    .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`, 's')
}

function cast(v: SqlValue, type: string, env: EvalEnv): SqlValue {
  if (v === null) return null
  switch (type) {
    case 'keyword':
    case 'text':
      return v instanceof DateTimeValue || v instanceof TimeValue ? v.toString() : String(v)
    case 'time':
      return toTime(v)
    case 'boolean':
      return typeof v === 'string' ? v.toLowerCase() === 'true' : Boolean(v)
    case 'datetime':
    case 'date': {
      const d =
        v instanceof DateTimeValue
          ? v
          : new DateTimeValue(typeof v === 'number' ? v : Date.parse(String(v)), env.zone)
      return type === 'date' ? asDateOnly(d) : d
    }
    case 'double':
    case 'float':
      return v instanceof DateTimeValue || v instanceof TimeValue ? v.millis : Number(v)
    default:
      return v instanceof DateTimeValue || v instanceof TimeValue ? v.millis : Math.trunc(Number(v))
  }
}
