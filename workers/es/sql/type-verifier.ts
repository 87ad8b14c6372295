/**
 * Type resolution of resolved expressions (each function's resolveType, the Verifier reporting every expression
 * whose children resolved but whose own type did not), bottom-up so that only the innermost failure of a
 * branch is reported, at the failing expression's position:
 * - a function's arguments by kind: `[first ]argument of [F(…)] must be [numeric], found value [x] type
 *   [keyword]` (no ordinal for a function of one argument), then its own check (a date unit, compatible types);
 * - AVG and SUM need a numeric argument; AND and OR boolean operands, NOT a boolean one;
 * - arithmetic: numbers, or (with + and -) a date, time or datetime and an interval, two intervals of one type, (with *) an
 *   interval and a whole number; else `[+] has arguments with incompatible types [INTERVAL_DAY] and [INTEGER]`
 *   when an interval is involved, `first argument of [a + 1] must be [numeric], …` otherwise, and `Cannot
 *   subtract a datetime[x] from an interval[y]; do you mean the reverse?`;
 * - CASE: every condition boolean (`condition of [WHEN … THEN …] must be [boolean], …`), every result and the
 *   ELSE compatible with the first non-null result (`result of […] must be [keyword], …`, `ELSE clause of
 *   [x] must be […], …`).
 * And the arity FunctionRegistry's builders check, which fails the statement as a parsing_exception.
 */
import type { EsField } from './index-resolver.ts'
import { typeOf } from './expression-types.ts'
import { children, walk } from './expressions.ts'
import { kindFailure, type CallArg, type FunctionSignature, type ParamKind } from './scalar-function.ts'
import { AGGREGATE_FUNCTIONS } from './aggregate-functions.ts'
import { SCALAR_FUNCTIONS } from './scalar-functions.ts'
import type { Case, Expression, FunctionCall } from './sql-ast.ts'
import {
  areCompatible,
  isDateBased,
  isDateOrTimeBased,
  isInteger,
  isNumeric,
  isString,
} from './sql-data-types.ts'
import { sqlParsingException, type Failure } from './sql-exceptions.ts'

const ACCEPTS: Readonly<Record<ParamKind, (type: string) => boolean>> = {
  numeric: isNumeric,
  integer: isInteger,
  string: isString,
  boolean: (t) => t === 'boolean',
  'date or datetime': isDateBased,
  'date, time or datetime': isDateOrTimeBased,
  'date, datetime or an interval data type': (t) => isDateBased(t) || isInterval(t),
  any: () => true,
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth']

function isInterval(type: string): boolean {
  return type.startsWith('interval_')
}

/** The name an expression has in messages (Expressions.name): a field's name, else its text. */
function nameOf(e: Expression): string {
  return e.kind === 'field' ? e.name : e.text
}

/** A function's signature: a scalar's or an aggregate's. */
function signature(name: string): FunctionSignature | undefined {
  return SCALAR_FUNCTIONS.get(name) ?? AGGREGATE_FUNCTIONS.get(name)
}

function arityMessage(fn: FunctionSignature): string {
  if (fn.arityMessage !== undefined) return fn.arityMessage
  const [min, max] = fn.arity
  if (max === 0) return 'expects no arguments'
  if (max === 1) return 'expects exactly one argument'
  if (min === 1 && max === 2) return 'expects one or two arguments'
  if (min === 2 && max === 3) return 'expects two or three arguments'
  if (max === 4) return 'expects exactly four arguments'
  return max === 2 ? 'expects exactly two arguments' : 'expects exactly three arguments'
}

/** Throws FunctionRegistry's `error building [F]: expects …` for the first call with a wrong argument count. */
export function checkArity(e: Expression): void {
  for (const x of walk(e)) {
    if (x.kind !== 'function') continue
    const fn = signature(x.name)
    if (fn === undefined) continue
    const [min, max] = fn.arity
    if (x.args.length < min || x.args.length > max)
      throw sqlParsingException(x.at, `error building [${x.name}]: ${arityMessage(fn)}`)
  }
}

export class TypeVerifier {
  readonly failures: Failure[] = []

  constructor(private readonly fields: ReadonlyMap<string, EsField>) {}

  /** Checks `e` and its sub-expressions; whether `e` resolved. */
  verify(e: Expression): boolean {
    let resolved = true
    for (const child of children(e)) resolved = this.verify(child) && resolved
    if (!resolved) return false
    const message = this.check(e)
    if (message === null) return true
    this.failures.push({ at: e.at, message })
    return false
  }

  private type(e: Expression): string {
    return typeOf(e, this.fields)
  }

  private mustBe(e: Expression, ordinal: string, call: string, kind: string): string {
    return kindFailure(ordinal, call, { name: nameOf(e), type: this.type(e), literal: undefined }, kind)
  }

  private accepts(e: Expression, kind: ParamKind): boolean {
    const type = this.type(e)
    return type === 'null' || ACCEPTS[kind](type)
  }

  private check(e: Expression): string | null {
    switch (e.kind) {
      case 'function':
        return this.function(e)
      case 'case':
        return this.caseExpression(e)
      case 'unary':
        if (e.op === 'NOT' && !this.accepts(e.operand, 'boolean'))
          return this.mustBe(e.operand, '', e.text, 'boolean')
        return null
      case 'binary':
        return this.binary(e.op, e.left, e.right, e.text)
      default:
        return null
    }
  }

  private function(e: FunctionCall): string | null {
    const fn = signature(e.name)
    if (fn === undefined) return null
    const single = fn.arity[1] <= 1
    const param = (i: number): string | null => {
      const kind = fn.params[Math.min(i, fn.params.length - 1)] ?? 'any'
      const arg = e.args[i]!
      if (this.accepts(arg, kind)) return null
      const unordered = single || (i === 0 && fn.unorderedFirst === true)
      return this.mustBe(arg, unordered ? '' : `${ORDINALS[i] ?? `${i + 1}th`} `, e.text, kind)
    }
    const first = e.args.length > 0 ? param(0) : null
    if (first !== null) return first
    const info: CallArg[] = e.args.map((a) => ({
      type: this.type(a),
      name: nameOf(a),
      literal: a.kind === 'literal' ? a.value : undefined,
    }))
    const own = fn.verify?.({ text: e.text, args: info }) ?? null
    if (own !== null) return own
    for (let i = 1; i < e.args.length; i++) {
      const failure = param(i)
      if (failure !== null) return failure
    }
    return null
  }

  private caseExpression(e: Case): string | null {
    const firstResult = e.whens.map((w) => this.type(w.result)).find((t) => t !== 'null')
    const expected = firstResult ?? (e.otherwise ? this.type(e.otherwise) : 'null')
    for (const when of e.whens) {
      const condition = this.type(when.condition)
      if (condition !== 'boolean')
        return `condition of [${when.text}] must be [boolean], found value [${nameOf(when.condition)}] type [${condition}]`
      const result = this.type(when.result)
      if (!areCompatible(expected, result))
        return `result of [${when.text}] must be [${expected}], found value [${nameOf(when.result)}] type [${result}]`
    }
    if (e.otherwise !== null && !areCompatible(expected, this.type(e.otherwise))) {
      const found = this.type(e.otherwise)
      return `ELSE clause of [${e.otherwise.text}] must be [${expected}], found value [${nameOf(e.otherwise)}] type [${found}]`
    }
    return null
  }

  private binary(op: string, left: Expression, right: Expression, text: string): string | null {
    if (op === 'AND' || op === 'OR') {
      if (!this.accepts(left, 'boolean')) return this.mustBe(left, 'first ', text, 'boolean')
      if (!this.accepts(right, 'boolean')) return this.mustBe(right, 'second ', text, 'boolean')
      return null
    }
    if (!['+', '-', '*', '/', '%'].includes(op)) return null
    const l = this.type(left)
    const r = this.type(right)
    const numberOrNull = (t: string): boolean => t === 'null' || isNumeric(t)
    if (numberOrNull(l) && numberOrNull(r)) return null
    const incompatible = `[${op}] has arguments with incompatible types [${l.toUpperCase()}] and [${r.toUpperCase()}]`
    if (op === '*') {
      if ((isInterval(l) && isInteger(r)) || (isInterval(r) && isInteger(l))) return null
      return incompatible
    }
    if ((op === '+' || op === '-') && (l === 'null' || r === 'null')) return null
    if ((op === '+' || op === '-') && (isInterval(l) || isInterval(r))) {
      const compatible =
        (isInterval(l) && l === r) ||
        (isDateOrTimeBased(l) && isInterval(r)) ||
        (isInterval(l) && isDateOrTimeBased(r))
      if (!compatible) return incompatible
      if (op === '-' && isInterval(l) && isDateOrTimeBased(r))
        return `Cannot subtract a ${r}[${right.text}] from an interval[${left.text}]; do you mean the reverse?`
      return null
    }
    if (!numberOrNull(l)) return this.mustBe(left, 'first ', text, 'numeric')
    return this.mustBe(right, 'second ', text, 'numeric')
  }
}
