/**
 * SqlSession: one statement from text to rows. The statement is parsed (with its parameters), its table
 * resolved (`Unknown index [x]` when nothing matches), analyzed and verified, then run:
 * - SELECT: the search SourceGenerator builds (search-source.ts) runs through the search action; a grouped one
 *   runs as its composite aggregation, page by page (composite-groups.ts), unless it needs what ES sends as
 *   scripts; a WHERE the QueryTranslator cannot express, an ORDER BY on a computed value, the grouping of the
 *   rest, HAVING and DISTINCT are finished on this node over the search's rows (up to
 *   index.max_result_window of them);
 * - SHOW TABLES (catalog = cluster name, type TABLE, kind INDEX), SHOW COLUMNS / DESCRIBE (column, its
 *   JDBC type name and its SQL type), SHOW FUNCTIONS (name and type).
 * `translate` answers the search request a SELECT sends, without running it.
 */
import type { RestContext } from '../rest/rest-context.ts'
import { JavaDouble, type JsonOut } from '../xcontent/index.ts'
import { analyze, type SelectPlan } from './analyzer.ts'
import { Evaluator, type RowScope } from './evaluator.ts'
import { aggregatable, compositeGroups } from './composite-groups.ts'
import { groupRows } from './grouping.ts'
import { resolveIndex, type EsIndex } from './index-resolver.ts'
import { QueryTranslator } from './query-translator.ts'
import { groupedSearchSource, plainSearchSource, sortOption } from './search-source.ts'
import type { Expression, Select, Statement, TableRef } from './sql-ast.ts'
import { verificationException } from './sql-exceptions.ts'
import { parseStatement } from './sql-parser.ts'
import type { SqlRequest } from './sql-request.ts'
import { searchRows } from './sql-search.ts'
import { compareValues, type SqlValue } from './sql-values.ts'
import { showColumns, showFunctions, showTables } from './show-commands.ts'

export interface SqlColumn {
  readonly name: string
  readonly type: string
}

export interface SqlResult {
  readonly columns: readonly SqlColumn[]
  readonly rows: readonly (readonly SqlValue[])[]
}

/** The most rows a statement reads from the search (index.max_result_window's default). */
const MAX_ROWS = 10000

export async function executeSql(context: RestContext, request: SqlRequest, sql: string): Promise<SqlResult> {
  const statement = parseStatement(sql, request.params)
  switch (statement.kind) {
    case 'showTables':
      return showTables(context, statement.pattern)
    case 'showColumns':
      return showColumns(requireIndex(context, statement.table))
    case 'showFunctions':
      return showFunctions(statement.pattern)
    case 'select':
      return runSelect(context, request, statement)
  }
}

/** The search request a SELECT sends (`_sql/translate`). */
export function translateSql(context: RestContext, request: SqlRequest, sql: string): JsonOut {
  const statement: Statement = parseStatement(sql, request.params)
  if (statement.kind !== 'select') return {}
  const { plan, query } = prepare(context, request, statement)
  if (plan.grouped) return groupedSearchSource(plan, query, pageSize(plan, request.fetchSize), request.zone)
  return plainSearchSource(plan, query, pageSize(plan, request.fetchSize))
}

/** SourceGenerator's page size: the LIMIT when it is smaller than fetch_size. */
function pageSize(plan: SelectPlan, fetchSize: number): number {
  return plan.limit !== null && plan.limit > 0 ? Math.min(plan.limit, fetchSize) : fetchSize
}

function prepare(
  context: RestContext,
  request: SqlRequest,
  select: Select,
  now = context.clock.now(),
): { plan: SelectPlan; query: JsonOut | null; pushed: boolean } {
  const index = select.from === null ? null : requireIndex(context, select.from)
  const plan = analyze(select, index)
  const fields = plan.index?.fields ?? new Map()
  const evaluator = new Evaluator(fields, { now, zone: request.zone })
  const fold = (e: Expression) => evaluator.evaluate(e, { field: () => null, score: null })
  const translator = new QueryTranslator(fields, request.zone, fold)
  const translated = plan.where === null ? null : translator.translate(plan.where)
  const pushed = plan.where === null || translated !== null
  return { plan, query: withFilter(translated, request.filter), pushed }
}

function withFilter(query: JsonOut | null, filter: JsonOut | null): JsonOut | null {
  if (filter === null) return query
  const bool = new Map<string, JsonOut>()
  if (query !== null) bool.set('must', [query])
  bool.set('filter', [filter])
  bool.set('adjust_pure_negative', true)
  bool.set('boost', new JavaDouble(1))
  return { bool }
}

function requireIndex(context: RestContext, table: TableRef): EsIndex {
  const index = resolveIndex(context.indices, table.index)
  if (index === null)
    throw verificationException([{ at: table.at, message: `Unknown index [${table.index}]` }])
  return index
}

async function runSelect(context: RestContext, request: SqlRequest, select: Select): Promise<SqlResult> {
  const now = context.clock.now()
  const { plan, query, pushed } = prepare(context, request, select, now)
  const fields = plan.index?.fields ?? new Map()
  const evaluator = new Evaluator(fields, { now, zone: request.zone })
  let rows: RowScope[] = [{ field: () => null, score: null }]
  const sorted = !plan.grouped && sortOption(plan) !== null
  const viaAggregations = plan.grouped && pushed && aggregatable(plan)
  if (viaAggregations) {
    const size = pageSize(plan, request.fetchSize)
    rows = await compositeGroups(context, plan, query, size, request.zone, now)
  } else if (plan.index !== null) {
    const exact = pushed && sorted && !plan.distinct
    const size = exact && plan.limit !== null ? Math.min(plan.limit, MAX_ROWS) : MAX_ROWS
    const source = plainSearchSource(plan, pushed ? query : withFilter(null, request.filter), size, pushed)
    if (plan.grouped) source.set('sort', [{ _doc: { order: 'asc' } }])
    const hits = await searchRows(context, plan.index.names, source, fields, request.zone, now)
    rows = hits.map((hit) => ({ field: (name: string) => hit.values.get(name) ?? null, score: hit.score }))
  }
  if (!pushed && plan.where !== null)
    rows = rows.filter((row) => evaluator.evaluate(plan.where!, row) === true)
  if (plan.grouped && !viaAggregations) {
    const sources = [
      ...plan.columns.map((c) => c.expression),
      ...(plan.having ? [plan.having] : []),
      ...plan.orderBy.map((o) => o.expression),
    ]
    rows = groupRows(rows, plan.groupBy, sources, evaluator)
  }
  if (plan.having !== null) rows = rows.filter((row) => evaluator.evaluate(plan.having!, row) === true)
  if (plan.orderBy.length > 0 && (plan.grouped || !sorted)) rows = orderRows(rows, plan, evaluator)
  let values = rows.map((row) => plan.columns.map((c) => evaluator.evaluate(c.expression, row)))
  if (plan.distinct) values = distinctRows(values)
  if (plan.limit !== null) values = values.slice(0, plan.limit)
  return { columns: plan.columns.map(({ name, type }) => ({ name, type })), rows: values }
}

function orderRows(rows: readonly RowScope[], plan: SelectPlan, evaluator: Evaluator): RowScope[] {
  const keyed = rows.map((row) => ({
    row,
    keys: plan.orderBy.map((o) => evaluator.evaluate(o.expression, row)),
  }))
  keyed.sort((a, b) => {
    for (let i = 0; i < plan.orderBy.length; i++) {
      const item = plan.orderBy[i]!
      const x = a.keys[i]!
      const y = b.keys[i]!
      if (x === null || y === null) {
        if (x === y) continue
        const nullsFirst = item.nullsFirst ?? !item.ascending
        return (x === null) === nullsFirst ? -1 : 1
      }
      const c = compareValues(x, y)
      if (c !== 0) return item.ascending ? c : -c
    }
    return 0
  })
  return keyed.map(({ row }) => row)
}

function distinctRows(rows: readonly SqlValue[][]): SqlValue[][] {
  const seen = new Set<string>()
  return rows.filter((row) => {
    const id = JSON.stringify(row.map((v) => (v === null ? null : String(v))))
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}
