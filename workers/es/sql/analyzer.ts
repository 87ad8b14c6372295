/**
 * The Analyzer and Verifier: a parsed SELECT against its table becomes a plan whose expressions are checked and
 * typed. `*` expands to the table's columns (name order; multi-field sub-fields, objects and unsupported types
 * left out); ORDER BY, GROUP BY and HAVING may name a select alias or (ORDER BY, GROUP BY) a select ordinal.
 * Every failure is collected, as the Verifier does, and reported at once: `Unknown column [x]` (with
 * `, did you mean [y]?` for names whose Levenshtein similarity is at least 0.5, best first), `Unknown function
 * [F]`, `Unknown datetime field [F]` (EXTRACT), the arguments' types (type-verifier.ts), an aggregate in WHERE, a
 * column neither grouped nor aggregated in a grouped query. A call with the wrong number of arguments fails
 * first, as FunctionRegistry's builder does (a parsing_exception).
 */
import { findSimilarHint as hint } from '../common/did-you-mean.ts'
import type { EsField, EsIndex } from './index-resolver.ts'
import type { Expression, OrderItem, Select } from './sql-ast.ts'
import { verificationException, type Failure } from './sql-exceptions.ts'
import { children, containsAggregate, isAggregate, sameExpression, transform, walk } from './expressions.ts'
import { AGGREGATE_FUNCTIONS } from './aggregate-functions.ts'
import { SCALAR_FUNCTIONS, SCORE_FUNCTION, datetimeFieldNames, functionNames } from './scalar-functions.ts'
import { typeOf } from './expression-types.ts'
import { TypeVerifier, checkArity } from './type-verifier.ts'

export interface OutputColumn {
  readonly name: string
  readonly type: string
  readonly expression: Expression
}

export interface SelectPlan {
  readonly index: EsIndex | null
  readonly columns: readonly OutputColumn[]
  readonly where: Expression | null
  /** Whether rows are groups: GROUP BY, or aggregates without it (one group of every row). */
  readonly grouped: boolean
  readonly groupBy: readonly Expression[]
  readonly having: Expression | null
  readonly orderBy: readonly OrderItem[]
  readonly limit: number | null
  readonly distinct: boolean
}

export function analyze(select: Select, index: EsIndex | null): SelectPlan {
  const fields = index?.fields ?? new Map<string, EsField>()
  const failures: Failure[] = []
  const columns = select.items.flatMap((item) =>
    item.expression.kind === 'star'
      ? [...fields.values()]
          .filter((f) => f.inStar && !['object', 'nested', 'unsupported'].includes(f.sqlType))
          .map((f) => ({
            name: f.name,
            type: f.sqlType,
            expression: { kind: 'field' as const, name: f.name, at: item.expression.at, text: f.name },
          }))
      : [{ name: item.alias ?? nameOf(item.expression), expression: item.expression }],
  )
  const aliases = new Map(
    select.items.flatMap((item) => (item.alias === null ? [] : [[item.alias, item.expression] as const])),
  )
  const resolveAliases = (e: Expression, ordinals: boolean): Expression =>
    transform(e, (x) => {
      if (x.kind === 'field' && !fields.has(x.name)) return aliases.get(x.name) ?? null
      if (ordinals && x === e && x.kind === 'literal' && x.type === 'integer') {
        return columns[Number(x.value) - 1]?.expression ?? null
      }
      return null
    })
  const groupBy = select.groupBy.map((e) => resolveAliases(e, true))
  const having = select.having === null ? null : resolveAliases(select.having, false)
  const orderBy = select.orderBy.map((o) => ({ ...o, expression: resolveAliases(o.expression, true) }))

  const checked = [
    ...columns.map((c) => c.expression),
    ...(select.where ? [select.where] : []),
    ...groupBy,
    ...(having ? [having] : []),
    ...orderBy.map((o) => o.expression),
  ]
  for (const e of checked) checkArity(e)
  const types = new TypeVerifier(fields)
  for (const e of checked) {
    const missing = unresolved(e, fields)
    failures.push(...missing)
    if (missing.length === 0) types.verify(e)
  }
  failures.push(...types.failures)
  // As the Verifier does, deeper checks run only once every name is resolved.
  if (failures.length === 0 && select.where !== null) {
    for (const e of walk(select.where)) {
      if (isAggregate(e))
        failures.push({
          at: e.at,
          message: `Cannot use WHERE filtering on aggregate function [${e.text}], use HAVING instead`,
        })
    }
  }
  const grouped =
    groupBy.length > 0 || columns.some((c) => containsAggregate(c.expression)) || having !== null
  if (grouped && failures.length === 0) failures.push(...ungrouped(columns, orderBy, groupBy))
  if (failures.length > 0) throw verificationException(sortedFailures(failures))
  return {
    index,
    columns: columns.map((c) => ({ ...c, type: typeOf(c.expression, fields) })),
    where: select.where,
    grouped,
    groupBy,
    having,
    orderBy,
    limit: select.limit,
    distinct: select.distinct,
  }
}

/** A column's name: a field's name, else the expression's text. */
function nameOf(e: Expression): string {
  return e.kind === 'field' ? e.name : e.text
}

function unresolved(e: Expression, fields: ReadonlyMap<string, EsField>): Failure[] {
  const failures: Failure[] = []
  for (const x of walk(e)) {
    if (x.kind === 'field' && !fields.has(x.name)) {
      failures.push({ at: x.at, message: `Unknown column [${x.name}]${hint(x.name, [...fields.keys()])}` })
    }
    if (x.kind === 'function' && x.extract === true) {
      const fn = SCALAR_FUNCTIONS.get(x.name)
      if (fn === undefined) {
        const hints = hint(x.name, datetimeFieldNames())
        failures.push({ at: x.at, message: `Unknown datetime field [${x.name}]${hints}` })
      } else if (fn.datetimeField !== true) {
        failures.push({ at: x.at, message: `Invalid datetime field [${x.name}]. Use any datetime function.` })
      }
    } else if (
      x.kind === 'function' &&
      !SCALAR_FUNCTIONS.has(x.name) &&
      !AGGREGATE_FUNCTIONS.has(x.name) &&
      x.name !== SCORE_FUNCTION
    ) {
      failures.push({ at: x.at, message: `Unknown function [${x.name}]${hint(x.name, functionNames())}` })
    }
  }
  return failures
}

/**
 * Select and order expressions of a grouped query must be grouped, aggregated, or built of those (Verifier's
 * checkGroupBy): one failure for the projection and one for ORDER BY, at the first offender, naming them all
 * (`column` or `columns`) and the groupings.
 */
function ungrouped(
  columns: readonly { expression: Expression }[],
  orderBy: readonly OrderItem[],
  groupBy: readonly Expression[],
): Failure[] {
  const expected = `[${groupBy.map((g) => g.text).join(', ')}]`
  const missing = (expressions: readonly Expression[]): Expression[] => {
    const found: Expression[] = []
    const check = (e: Expression): void => {
      if (isAggregate(e) || e.kind === 'literal' || groupBy.some((g) => sameExpression(g, e))) return
      if (e.kind === 'field' || (e.kind === 'function' && e.name === SCORE_FUNCTION)) {
        if (!found.some((f) => sameExpression(f, e))) found.push(e)
        return
      }
      for (const child of children(e)) check(child)
    }
    for (const e of expressions) check(e)
    return found
  }
  const failures: Failure[] = []
  const report = (what: string, found: readonly Expression[]): void => {
    if (found.length === 0) return
    const names = found.map((e) => (e.kind === 'field' ? e.name : e.text)).join(', ')
    const plural = found.length > 1 ? 's' : ''
    failures.push({ at: found[0]!.at, message: `${what}${plural} [${names}], expected ${expected}` })
  }
  report('Cannot use non-grouped column', missing(columns.map((c) => c.expression)))
  report('Cannot order by non-grouped column', missing(orderBy.map((o) => o.expression)))
  return failures
}

function sortedFailures(failures: readonly Failure[]): Failure[] {
  const unique = new Map(failures.map((f) => [`${f.at.line}:${f.at.column}:${f.message}`, f]))
  return [...unique.values()].sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column)
}
