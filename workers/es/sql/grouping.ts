/**
 * Groups on the coordinating node the rows of a grouped SELECT that cannot run as its composite aggregation
 * (composite-groups.ts: a GROUP BY or aggregate ES would send as a script, a WHERE not in the query), the way
 * that aggregation would: one group per distinct key of
 * the GROUP BY expressions, in ascending key order with the null key first (`missing_bucket`), or one group of
 * every row when there is no GROUP BY (even of no rows). Each group answers its key values and its aggregates:
 * COUNT(*) counts rows, the others are computed from the rows' argument values as aggregate-functions.ts says.
 */
import type { Expression, FunctionCall } from './sql-ast.ts'
import { isAggregate, sameExpression, walk } from './expressions.ts'
import type { Evaluator, RowScope } from './evaluator.ts'
import { AGGREGATE_FUNCTIONS } from './aggregate-functions.ts'
import { compareValues, type SqlValue } from './sql-values.ts'

export function groupRows(
  rows: readonly RowScope[],
  groupBy: readonly Expression[],
  aggregateSources: readonly Expression[],
  evaluator: Evaluator,
): RowScope[] {
  const groups = new Map<string, { key: SqlValue[]; rows: RowScope[] }>()
  for (const row of rows) {
    const key = groupBy.map((g) => evaluator.evaluate(g, row))
    const id = JSON.stringify(key.map((v) => (v === null ? null : String(v))))
    const group = groups.get(id) ?? { key, rows: [] }
    group.rows.push(row)
    groups.set(id, group)
  }
  if (groupBy.length === 0 && groups.size === 0) groups.set('[]', { key: [], rows: [] })
  const sorted = [...groups.values()].sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const c = compareValues(a.key[i]!, b.key[i]!)
      if (c !== 0) return c
    }
    return 0
  })
  const aggregates = aggregateSources.flatMap((e) => [...walk(e)].filter(isAggregate)) as FunctionCall[]
  return sorted.map(({ key, rows: members }) =>
    groupScope(key, groupBy, new Map(aggregates.map((a) => [a.text, aggregate(a, members, evaluator)]))),
  )
}

/** One group as a row: its key values by GROUP BY expression and its aggregates' values by their text. */
export function groupScope(
  key: readonly SqlValue[],
  groupBy: readonly Expression[],
  values: ReadonlyMap<string, SqlValue>,
): RowScope {
  return {
    field: () => null,
    score: null,
    grouped: (e: Expression): SqlValue | undefined => {
      if (isAggregate(e)) return values.get(e.text) ?? null
      const i = groupBy.findIndex((g) => sameExpression(g, e))
      return i >= 0 ? key[i]! : undefined
    },
  }
}

function aggregate(call: FunctionCall, rows: readonly RowScope[], evaluator: Evaluator): SqlValue {
  const arg = call.args[0]
  if (call.name === 'COUNT' && (arg === undefined || arg.kind === 'star')) return rows.length
  const fn = AGGREGATE_FUNCTIONS.get(call.name)
  if (fn === undefined) return null
  const constants: RowScope = { field: () => null, score: null }
  const params = call.args.slice(1).map((a) => evaluator.evaluate(a, constants))
  const values = rows.map((row) => call.args.map((a) => evaluator.evaluate(a, row)))
  return fn.compute(values, { distinct: call.distinct, params })
}
