/**
 * Resolves and types an ES|QL expression against the columns before it (the Analyzer and Verifier) and
 * compiles it into an evaluator over one row. A mistake is recorded as a Verifier failure (`Unknown column
 * [x]`, `Unknown function [f]`, type mismatches in EsqlBinaryComparison's and TypeResolutions' words; a
 * geometry can be compared with `==` and `!=` only) and the expression typed `null` so that checking goes on;
 * the caller throws them all together. Evaluation is
 * three-valued: null in gives null out (AND/OR as SQL's truth tables), and an operator or single-value
 * function on a multi-value, an integer overflow or a division by zero gives null and a warning.
 * In a STATS (an AggregateScope), aggregate calls compile their argument against the input columns and read
 * their result from the group row; other columns must be grouping keys.
 */
import { findSimilarHint as findSimilar } from '../common/did-you-mean.ts'
import type { Failure } from '../sql/sql-exceptions.ts'
import type { EsqlExpression } from './esql-ast.ts'
import {
  AGGREGATE_FUNCTIONS,
  ALL_ROWS,
  type AggregateFunction,
  type SurrogateAggregate,
} from './esql-aggregates.ts'
import { parseIsoDate } from './esql-dates.ts'
import { exactInteger, typeName, widerNumeric, type FunctionContext } from './esql-function-support.ts'
import { SCALAR_FUNCTIONS } from './esql-functions.ts'
import { compileLike } from './esql-like.ts'
import {
  NUMERIC_TYPES,
  SPATIAL_TYPES,
  STRING_TYPES,
  TimeSpan,
  valuesOf,
  type EsqlScalar,
  type EsqlValue,
} from './esql-values.ts'
import { EvaluationFailure, MULTI_VALUE_FAILURE, type EsqlWarnings } from './esql-warnings.ts'

/** The types `<`, `<=`, `>` and `>=` take (their evaluatorMap's keys, sorted, as resolveInputType names them). */
const ORDERED_TYPES =
  'date_nanos, datetime, double, integer, ip, keyword, long, semantic_text, text, unsigned_long or version'

export interface EsqlColumn {
  readonly name: string
  readonly type: string
  /**
   * A point field of the FROM's indices that a spatial aggregation on the data node may read from doc values
   * (SpatialDocValuesExtraction's candidates: a FieldAttribute with doc values, no LIMIT between it and the STATS).
   */
  readonly docValues?: boolean
}

export type Row = readonly EsqlValue[]

export interface Compiled {
  readonly type: string
  /** Its value when it depends on no column. */
  readonly constant: EsqlValue | undefined
  evaluate(row: Row): EsqlValue
}

/**
 * One aggregate of a STATS: the function, its argument's evaluator and type, its constant arguments, and whether its
 * argument is a doc-values candidate column (EsqlColumn.docValues) that is not also a grouping key (a field the data
 * node sends on to the coordinator is read from _source).
 */
export interface AggregateSlot {
  readonly fn: AggregateFunction
  readonly argument: Compiled | null
  readonly constants: readonly EsqlValue[]
  readonly docValues: boolean
}

/** What a STATS expression sees: the grouping columns, then one slot per aggregate call. */
export class AggregateScope {
  readonly slots: AggregateSlot[] = []

  constructor(
    readonly input: readonly EsqlColumn[],
    readonly groups: readonly EsqlColumn[],
  ) {}
}

export interface CompileEnvironment {
  readonly failures: Failure[]
  readonly warnings: EsqlWarnings
  readonly context: FunctionContext
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%'])

function constant(type: string, value: EsqlValue): Compiled {
  return { type, constant: value, evaluate: () => value }
}

function scalar(value: EsqlValue): EsqlScalar | null {
  if (Array.isArray(value)) throw new EvaluationFailure(MULTI_VALUE_FAILURE)
  return value as EsqlScalar | null
}

export class ExpressionCompiler {
  constructor(
    private readonly columns: readonly EsqlColumn[],
    private readonly env: CompileEnvironment,
    private readonly aggregates: AggregateScope | null = null,
  ) {}

  private fail(e: EsqlExpression, message: string): Compiled {
    this.env.failures.push({ at: e.at, message })
    return constant('null', null)
  }

  /** Wraps an evaluator so that a failure on a row is null with a warning naming `e`. */
  private guarded(
    e: EsqlExpression,
    type: string,
    parts: readonly Compiled[],
    f: (row: Row) => EsqlValue,
  ): Compiled {
    const evaluate = (row: Row): EsqlValue => {
      try {
        return f(row)
      } catch (error) {
        if (!(error instanceof EvaluationFailure)) throw error
        this.env.warnings.add(e.at, e.text, error.exception)
        return null
      }
    }
    const folds = parts.every((p) => p.constant !== undefined)
    return { type, constant: folds ? evaluate([]) : undefined, evaluate }
  }

  compile(e: EsqlExpression): Compiled {
    switch (e.kind) {
      case 'literal':
        return constant(e.value instanceof TimeSpan ? e.value.type : e.type, e.value)
      case 'column':
        return this.column(e)
      case 'call':
        return this.call(e)
      case 'binary':
        if (e.op === 'and' || e.op === 'or') return this.logic(e)
        return ARITHMETIC.has(e.op) ? this.arithmetic(e) : this.comparison(e)
      case 'not': {
        const operand = this.boolean(e, e.operand, '')
        return this.guarded(e, 'boolean', [operand], (row) => {
          const v = scalar(operand.evaluate(row))
          return v === null ? null : !v
        })
      }
      case 'neg': {
        const operand = this.compile(e.operand)
        if (
          !NUMERIC_TYPES.has(operand.type) &&
          operand.type !== 'null' &&
          !operand.type.startsWith('date_period') &&
          operand.type !== 'time_duration'
        ) {
          return this.fail(
            e,
            `argument of [${e.text}] must be [numeric, date_period or time_duration], found value [${e.operand.text}] type [${typeName(operand.type)}]`,
          )
        }
        return this.guarded(e, operand.type, [operand], (row) => {
          const v = scalar(operand.evaluate(row))
          if (v instanceof TimeSpan) return new TimeSpan(-v.amount, v.unit)
          return v === null ? null : exactInteger(-(v as number), operand.type)
        })
      }
      case 'isNull': {
        const operand = this.compile(e.operand)
        return this.guarded(e, 'boolean', [operand], (row) => (operand.evaluate(row) === null) !== e.negated)
      }
      case 'in':
        return this.in(e)
      case 'like': {
        const operand = this.compile(e.operand)
        if (!STRING_TYPES.has(operand.type) && operand.type !== 'null') {
          return this.fail(
            e,
            `argument of [${e.text}] must be [string], found value [${e.operand.text}] type [${typeName(operand.type)}]`,
          )
        }
        const matches = compileLike(e.pattern, e.regex)
        return this.guarded(e, 'boolean', [operand], (row) => {
          const v = scalar(operand.evaluate(row))
          return v === null ? null : matches(String(v)) !== e.negated
        })
      }
    }
  }

  private column(e: Extract<EsqlExpression, { kind: 'column' }>): Compiled {
    const columns = this.aggregates ? this.aggregates.groups : this.columns
    const index = columns.map((c) => c.name).lastIndexOf(e.name)
    if (index < 0) {
      if (this.aggregates && this.aggregates.input.some((c) => c.name === e.name)) {
        return this.fail(
          e,
          `column [${e.name}] must appear in the STATS BY clause or be used in an aggregate function`,
        )
      }
      const similar = findSimilar(
        e.name,
        columns.map((c) => c.name),
      )
      return this.fail(e, `Unknown column [${e.name}]${similar}`)
    }
    const type = columns[index]!.type
    return { type, constant: undefined, evaluate: (row) => row[index] ?? null }
  }

  private boolean(parent: EsqlExpression, e: EsqlExpression, ordinal: string): Compiled {
    const c = this.compile(e)
    if (c.type !== 'boolean' && c.type !== 'null') {
      this.fail(
        parent,
        `${ordinal}argument of [${parent.text}] must be [boolean], found value [${e.text}] type [${typeName(c.type)}]`,
      )
    }
    return c
  }

  private logic(e: Extract<EsqlExpression, { kind: 'binary' }>): Compiled {
    const left = this.boolean(e, e.left, 'first ')
    const right = this.boolean(e, e.right, 'second ')
    const and = e.op === 'and'
    return this.guarded(e, 'boolean', [left, right], (row) => {
      const l = scalar(left.evaluate(row))
      if (l === !and) return !and
      const r = scalar(right.evaluate(row))
      if (r === !and) return !and
      return l === null || r === null ? null : and
    })
  }

  private arithmetic(e: Extract<EsqlExpression, { kind: 'binary' }>): Compiled {
    const left = this.compile(e.left)
    const right = this.compile(e.right)
    const [l, r] = [left.type, right.type]
    const numeric = (t: string) => NUMERIC_TYPES.has(t) || t === 'null'
    const span = (t: string) => t === 'date_period' || t === 'time_duration'
    let type: string
    if (numeric(l) && numeric(r)) type = l === 'null' && r === 'null' ? 'null' : widerNumeric(l, r)
    else if ((e.op === '+' || e.op === '-') && l === 'date' && (span(r) || r === 'null')) type = 'date'
    else if (e.op === '+' && span(l) && r === 'date') type = 'date'
    else
      return this.fail(
        e,
        `[${e.op}] has arguments with incompatible types [${typeName(l)}] and [${typeName(r)}]`,
      )
    const integral = type === 'integer' || type === 'long'
    return this.guarded(e, type, [left, right], (row) => {
      const a = scalar(left.evaluate(row))
      const b = scalar(right.evaluate(row))
      if (a === null || b === null) return null
      if (a instanceof TimeSpan) return a.addTo(b as number)
      if (b instanceof TimeSpan) return b.addTo(a as number, e.op === '-' ? -1 : 1)
      const x = a as number
      const y = b as number
      switch (e.op) {
        case '+':
          return exactInteger(x + y, type)
        case '-':
          return exactInteger(x - y, type)
        case '*':
          return exactInteger(x * y, type)
        default:
          if (y === 0) throw new EvaluationFailure('java.lang.ArithmeticException: / by zero')
          if (e.op === '%') return x % y
          return integral ? Math.trunc(x / y) : x / y
      }
    })
  }

  /** A string literal compared with a date, ip or version is read as one (implicit casting). */
  private coerce(other: Compiled, c: Compiled, e: EsqlExpression): Compiled {
    if (c.constant === undefined || typeof c.constant !== 'string' || !STRING_TYPES.has(c.type)) return c
    if (other.type === 'date') {
      const millis = parseIsoDate(c.constant)
      if (millis === null) {
        return this.fail(
          e,
          `Cannot convert string [${c.constant}] to [DATETIME], error [failed to parse date field [${c.constant}] with format [strict_date_optional_time]]`,
        )
      }
      return constant('date', millis)
    }
    if (other.type === 'ip' || other.type === 'version') return constant(other.type, c.constant)
    return c
  }

  private comparison(e: Extract<EsqlExpression, { kind: 'binary' }>): Compiled {
    let left = this.compile(e.left)
    let right = this.compile(e.right)
    left = this.coerce(right, left, e.left)
    right = this.coerce(left, right, e.right)
    const [l, r] = [left.type, right.type]
    const unordered = e.op === '==' || e.op === '!=' ? null : [l, r].findIndex((t) => SPATIAL_TYPES.has(t))
    if (unordered !== null && unordered >= 0) {
      const operand = unordered === 0 ? e.left : e.right
      return this.fail(
        e,
        `${unordered === 0 ? 'first' : 'second'} argument of [${e.text}] must be [${ORDERED_TYPES}], found value [${operand.text}] type [${[l, r][unordered]}]`,
      )
    }
    const compatible =
      l === 'null' ||
      r === 'null' ||
      l === r ||
      (NUMERIC_TYPES.has(l) && NUMERIC_TYPES.has(r)) ||
      (STRING_TYPES.has(l) && STRING_TYPES.has(r))
    if (!compatible) {
      const name = NUMERIC_TYPES.has(l) ? 'numeric' : typeName(l)
      return this.fail(
        e,
        `first argument of [${e.text}] is [${name}] so second argument must also be [${name}] but was [${typeName(r)}]`,
      )
    }
    return this.guarded(e, 'boolean', [left, right], (row) => {
      const a = scalar(left.evaluate(row))
      const b = scalar(right.evaluate(row))
      if (a === null || b === null) return null
      const c = a < b ? -1 : a > b ? 1 : 0
      switch (e.op) {
        case '==':
          return c === 0
        case '!=':
          return c !== 0
        case '<':
          return c < 0
        case '<=':
          return c <= 0
        case '>':
          return c > 0
        default:
          return c >= 0
      }
    })
  }

  private in(e: Extract<EsqlExpression, { kind: 'in' }>): Compiled {
    const operand = this.compile(e.operand)
    const list = e.list.map((item) => this.coerce(operand, this.compile(item), item))
    for (let i = 0; i < list.length; i++) {
      const t = list[i]!.type
      const ok =
        t === 'null' ||
        operand.type === 'null' ||
        t === operand.type ||
        (NUMERIC_TYPES.has(t) && NUMERIC_TYPES.has(operand.type)) ||
        (STRING_TYPES.has(t) && STRING_TYPES.has(operand.type))
      if (!ok) {
        const ordinals = ['second', 'third', 'fourth', 'fifth', 'sixth']
        return this.fail(
          e,
          `${ordinals[i] ?? `${i + 2}th`} argument of [${e.text}] must be [${typeName(operand.type)}], found value [${e.list[i]!.text}] type [${typeName(t)}]`,
        )
      }
    }
    return this.guarded(e, 'boolean', [operand, ...list], (row) => {
      const v = scalar(operand.evaluate(row))
      if (v === null) return null
      let sawNull = false
      for (const item of list) {
        const values = valuesOf(item.evaluate(row))
        if (values.length === 0) sawNull = true
        if (values.some((x) => x === v)) return !e.negated
      }
      return sawNull ? null : e.negated
    })
  }

  private call(e: Extract<EsqlExpression, { kind: 'call' }>): Compiled {
    // EsqlFunctionRegistry.resolveAlias lower-cases the name; UnresolvedFunction names it as written
    const name = e.name.toLowerCase()
    const aggregate = AGGREGATE_FUNCTIONS.get(name)
    if (aggregate !== undefined) return this.aggregate(e, aggregate)
    if (name === 'case') return this.caseFunction(e)
    const fn = SCALAR_FUNCTIONS.get(name)
    if (fn === undefined) {
      const names = [...SCALAR_FUNCTIONS.keys(), ...AGGREGATE_FUNCTIONS.keys(), 'case']
      return this.fail(e, `Unknown function [${e.name}]${findSimilar(name, names)}`)
    }
    const arityError = this.arity(e, fn.arity)
    if (arityError !== null) return arityError
    const args = e.args.map((a) => this.compile(a))
    const resolved = fn.resolve(
      args.map((a, i) => ({ type: a.type, text: e.args[i]!.text, constant: a.constant })),
      e.text,
    )
    if (typeof resolved !== 'string')
      return this.fail(resolved.argument === undefined ? e : e.args[resolved.argument]!, resolved.error)
    const types = args.map((a) => a.type)
    const context = this.env.context
    return this.guarded(e, resolved, args, (row) =>
      fn.apply(
        args.map((a) => a.evaluate(row)),
        types,
        context,
      ),
    )
  }

  private arity(
    e: Extract<EsqlExpression, { kind: 'call' }>,
    [min, max]: readonly [number, number],
  ): Compiled | null {
    const n = e.args.length + (e.star ? 1 : 0)
    if (n >= min && n <= max) return null
    const words = ['no', 'one', 'two', 'three', 'four']
    let expects: string
    if (min === max)
      expects =
        min === 0 ? 'expects no arguments' : `expects exactly ${words[min]} argument${min === 1 ? '' : 's'}`
    else if (max === Infinity) expects = `expects at least ${words[min]} argument${min === 1 ? '' : 's'}`
    else
      expects = `expects ${min === 0 ? 'at most' : `${words[min]} or`} ${words[max]} argument${max === 1 ? '' : 's'}`
    return this.fail(e, `error building [${e.name.toLowerCase()}]: ${expects}`)
  }

  private caseFunction(e: Extract<EsqlExpression, { kind: 'call' }>): Compiled {
    if (e.args.length < 2) return this.fail(e, `error building [case]: expects at least two arguments`)
    const args = e.args.map((a) => this.compile(a))
    let type = 'null'
    for (let i = 0; i < args.length; i++) {
      const isCondition = i % 2 === 0 && i < args.length - 1
      const t = args[i]!.type
      if (isCondition) {
        if (t !== 'boolean' && t !== 'null') {
          return this.fail(
            e,
            `${['first', 'third', 'fifth', 'seventh'][i / 2] ?? ''} argument of [${e.text}] must be [boolean], found value [${e.args[i]!.text}] type [${typeName(t)}]`,
          )
        }
      } else if (type === 'null') type = t
      else if (
        t !== 'null' &&
        t !== type &&
        !(NUMERIC_TYPES.has(t) && NUMERIC_TYPES.has(type)) &&
        !(STRING_TYPES.has(t) && STRING_TYPES.has(type))
      ) {
        return this.fail(
          e,
          `argument of [${e.text}] must be [${typeName(type)}], found value [${e.args[i]!.text}] type [${typeName(t)}]`,
        )
      }
    }
    return this.guarded(e, type, args, (row) => {
      let i = 0
      for (; i + 1 < args.length; i += 2)
        if (scalar(args[i]!.evaluate(row)) === true) return args[i + 1]!.evaluate(row)
      return i < args.length ? args[i]!.evaluate(row) : null
    })
  }

  private aggregate(
    e: Extract<EsqlExpression, { kind: 'call' }>,
    fn: AggregateFunction | SurrogateAggregate,
  ): Compiled {
    const scope = this.aggregates
    if (scope === null)
      return this.fail(e, `aggregate function [${e.text}] not allowed outside STATS command`)
    const arityError = this.arity(e, fn.arity)
    if (arityError !== null) return arityError
    const inner = new ExpressionCompiler(scope.input, this.env)
    const failures = this.env.failures.length
    const args = e.args.map((a) => inner.compile(a))
    // an unresolved argument is reported alone ("Unresolved children")
    if (this.env.failures.length > failures) return constant('null', null)
    const typed = e.star
      ? []
      : args.map((a, i) => ({ type: a.type, text: e.args[i]!.text, constant: a.constant }))
    const resolved = fn.resolve(typed, e.text)
    if (typeof resolved !== 'string') return this.fail(e, resolved.error)
    if ('surrogate' in fn) return this.compile(fn.surrogate(e, typed))
    const slot = scope.groups.length + scope.slots.length
    const first = e.args[0]
    const column =
      first?.kind === 'column' ? scope.input.filter((c) => c.name === first.name).pop() : undefined
    scope.slots.push({
      fn,
      argument: e.star ? null : (args[0] ?? null),
      constants: args.slice(1).map((a) => a.constant ?? null),
      docValues: column?.docValues === true && !scope.groups.some((g) => g.name === column.name),
    })
    return { type: resolved, constant: undefined, evaluate: (row) => row[slot] ?? null }
  }
}

/** The values an aggregate slot reads from a group's rows. */
export function slotValues(slot: AggregateSlot, rows: readonly Row[]): readonly EsqlScalar[] {
  if (slot.argument === null) return ALL_ROWS
  if (slot.fn.foldsOnce === true && slot.argument.constant !== undefined)
    return valuesOf(slot.argument.constant)
  const out: EsqlScalar[] = []
  for (const row of rows) out.push(...valuesOf(slot.argument.evaluate(row)))
  return out
}
