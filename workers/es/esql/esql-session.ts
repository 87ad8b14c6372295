/**
 * EsqlSession: one ES|QL query from text to columns and rows. The query is parsed, its source resolved
 * (FROM's indices, ROW's values, SHOW INFO's version, date and hash) and the policies its ENRICH commands name
 * (esql-enrich.ts, which reads their enrich indices), every command checked (all Verifier failures thrown
 * together as one verification_exception, before any document of the FROM's indices is read), then run: FROM
 * reads the documents its leading WHEREs and the request's `filter` select (esql-source.ts, esql-pushdown.ts),
 * and the commands run over the rows. A query without LIMIT keeps its first 1000 rows (esql.query.
 * result_truncation_default_size) and none keeps more than 10000 (result_truncation_max_size).
 */
import { ES_VERSION } from '../rest/actions/root-action.ts'
import type { RestContext } from '../rest/rest-context.ts'
import { verificationException, type Failure } from '../sql/sql-exceptions.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { EsqlCommand, EsqlExpression } from './esql-ast.ts'
import type { EsqlColumn, Row } from './esql-compiler.ts'
import { resolveEnrichPolicies } from './esql-enrich.ts'
import { parseQuery } from './esql-parser.ts'
import { Planner } from './esql-plan.ts'
import { FilterPushdown } from './esql-pushdown.ts'
import type { EsqlRequest } from './esql-request.ts'
import { readRows, resolveFrom, type EsRelation } from './esql-source.ts'
import { EsqlWarnings } from './esql-warnings.ts'

export interface EsqlResult {
  readonly columns: readonly EsqlColumn[]
  readonly rows: readonly Row[]
  /** The Warning header texts. */
  readonly warnings: readonly string[]
}

const DEFAULT_LIMIT = 1000
const MAX_LIMIT = 10000

export async function executeEsql(context: RestContext, request: EsqlRequest): Promise<EsqlResult> {
  const commands = parseQuery(request.query, request.params)
  const source = commands[0]!
  const failures: Failure[] = []
  const warnings = new EsqlWarnings()
  const env = { failures, warnings, context: { now: context.clock.now() } }
  let relation: EsRelation | null = null
  let input: EsqlColumn[] = []
  let rows: Row[] = [[]]
  const enrich = await resolveEnrichPolicies(context, commands, env.context.now)
  const planner = (columns: readonly EsqlColumn[]) => new Planner(columns, env, enrich)
  let processing = commands.slice(1)
  if (source.kind === 'from') {
    relation = resolveFrom(context, source)
    input = [...relation.columns]
  } else if (source.kind === 'showInfo') {
    input = ['version', 'date', 'hash'].map((name) => ({ name, type: 'keyword' }))
    rows = [[ES_VERSION.number, ES_VERSION.build_date, ES_VERSION.build_hash]]
  } else {
    processing = commands
  }
  const plan = planner(input).plan(processing)
  if (failures.length > 0) throw verificationException(failures)
  if (relation !== null) {
    const query = withFilter(
      new FilterPushdown(relation.fields).translate(leadingConditions(commands)),
      request.filter,
    )
    rows = await readRows(context, relation, query, env.context.now)
  }
  for (const step of plan.steps) rows = step(rows)
  const limited = processing.some((c) => c.kind === 'limit')
  rows = rows.slice(0, limited ? MAX_LIMIT : DEFAULT_LIMIT)
  return { columns: plan.columns, rows, warnings: warnings.all() }
}

/** The conditions of the WHEREs that come right after the FROM. */
function leadingConditions(commands: readonly EsqlCommand[]): EsqlExpression[] {
  const out: EsqlExpression[] = []
  for (const command of commands.slice(1)) {
    if (command.kind !== 'where') break
    out.push(command.condition)
  }
  return out
}

function withFilter(query: JsonOut | null, filter: JsonOut | null): JsonOut | null {
  if (filter === null) return query
  return { bool: { filter: query === null ? [filter] : [filter, query] } }
}
