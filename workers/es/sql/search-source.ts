/**
 * SourceGenerator: the search request ES SQL sends for a plan, as `_sql/translate` prints it and as the
 * playground runs it. A plain SELECT asks for `size` rows (the LIMIT, or `fetch_size` for a page), no
 * `_source` but the `fields` it reads (a datetime with format strict_date_optional_time_nanos), its sort
 * (ORDER BY columns with `missing` _last ascending and _first descending and the field's type as
 * `unmapped_type`, `_score` for SCORE(); `_doc` when unordered) and `track_total_hits: -1`. A grouped SELECT
 * asks for no hits but aggregations: a `composite` `groupby` with a terms (or histogram, or date_histogram in the
 * request's `time_zone` as its id prints) source per GROUP BY expression (`missing_bucket: true`) and a metric per aggregate; aggregates without GROUP BY are top-level
 * metrics; `track_total_hits` comes before the aggregations, as SearchSourceBuilder writes it, and is exact
 * only when a COUNT(*) of the whole table reads the hit count. composite-groups.ts runs the grouped request.
 */
import type { ZoneId } from '../common/time/zone-id.ts'
import { JavaDouble, type JsonOut } from '../xcontent/index.ts'
import type { SelectPlan } from './analyzer.ts'
import type { EsField } from './index-resolver.ts'
import type { Expression } from './sql-ast.ts'
import { walk } from './expressions.ts'
import { isCountStar, mergedRequest, metricRequest } from './aggregate-metrics.ts'
import { mergeStatistics, planAggregates } from './metric-merging.ts'
import { SCORE_FUNCTION } from './scalar-functions.ts'
import { IntervalValue } from './sql-values.ts'
import { DATE_FORMAT } from './sql-data-types.ts'

/**
 * The fields a search for the plan fetches, in first-use order: the projection's (as ES asks), and those of the
 * parts finished on this node: a WHERE not pushed down, a local ORDER BY, the grouping and aggregates.
 */
function referencedFields(plan: SelectPlan, pushedWhere: boolean): string[] {
  const out = new Set<string>()
  const expressions = [
    ...plan.columns.map((c) => c.expression),
    ...(plan.where && !pushedWhere ? [plan.where] : []),
    ...(plan.grouped ? [...plan.groupBy, ...(plan.having ? [plan.having] : [])] : []),
    ...(plan.grouped || sortOption(plan) === null ? plan.orderBy.map((o) => o.expression) : []),
  ]
  for (const e of expressions) for (const x of walk(e)) if (x.kind === 'field') out.add(x.name)
  return [...out]
}

function fieldsOption(names: readonly string[], fields: ReadonlyMap<string, EsField>): JsonOut {
  return names.map((name) =>
    fields.get(name)?.sqlType === 'datetime' ? { field: name, format: DATE_FORMAT } : { field: name },
  )
}

/** The sort of a plain SELECT: pushed-down ORDER BY items, or `_doc`. */
export function sortOption(plan: SelectPlan): JsonOut[] | null {
  const fields = plan.index?.fields ?? new Map<string, EsField>()
  if (plan.orderBy.length === 0) return [{ _doc: { order: 'asc' } }]
  const sorts: JsonOut[] = []
  for (const item of plan.orderBy) {
    const order = item.ascending ? 'asc' : 'desc'
    const e = item.expression
    if (e.kind === 'function' && e.name === SCORE_FUNCTION) {
      sorts.push({ _score: { order } })
      continue
    }
    const field = e.kind === 'field' ? fields.get(e.name) : undefined
    if (!field || field.exact === null) return null
    const nullsFirst = item.nullsFirst ?? !item.ascending
    const exactType = field.exact === field.name ? field.esType : 'keyword'
    sorts.push({
      [field.exact]: { order, missing: nullsFirst ? '_first' : '_last', unmapped_type: exactType },
    })
  }
  return sorts
}

/** The request of a plain SELECT. */
export function plainSearchSource(
  plan: SelectPlan,
  query: JsonOut | null,
  size: number,
  /** Whether the WHERE is in `query` (else its fields are fetched to finish it here). */
  pushedWhere = true,
): Map<string, JsonOut> {
  const fields = plan.index?.fields ?? new Map<string, EsField>()
  const source = new Map<string, JsonOut>([['size', size]])
  if (query !== null) source.set('query', query)
  source.set('_source', false)
  const names = referencedFields(plan, pushedWhere)
  if (names.length > 0) source.set('fields', fieldsOption(names, fields))
  const sort = sortOption(plan)
  if (sort !== null) source.set('sort', sort)
  if (usesScore(plan)) source.set('track_scores', true)
  source.set('track_total_hits', -1)
  return source
}

/** The request of a grouped SELECT, as ES SQL sends it. */
export function groupedSearchSource(
  plan: SelectPlan,
  query: JsonOut | null,
  pageSize: number,
  zone: ZoneId,
): Map<string, JsonOut> {
  const fields = plan.index?.fields ?? new Map<string, EsField>()
  const source = new Map<string, JsonOut>([['size', 0]])
  if (query !== null) source.set('query', query)
  source.set('_source', false)
  const metrics = new Map<string, JsonOut>()
  const aggregates = planAggregates(plan)
  const merged = mergeStatistics(aggregates)
  for (const x of aggregates) {
    const into = merged.get(x.text)
    const metric = into === undefined ? metricRequest(x, fields) : mergedRequest(into, fields)
    if (metric !== null) metrics.set(into?.name ?? x.text, metric)
  }
  // A COUNT(*) of the whole table is the hit count, which must then be exact.
  const countsHits =
    plan.groupBy.length === 0 && plan.columns.some((c) => [...walk(c.expression)].some(isCountStar))
  source.set('track_total_hits', countsHits ? 2147483647 : -1)
  if (plan.groupBy.length > 0) {
    const sources = plan.groupBy.map((g) => ({ [g.text]: groupSource(g, fields, zone) }))
    const groupby = new Map<string, JsonOut>([['composite', { size: pageSize, sources }]])
    if (metrics.size > 0) groupby.set('aggregations', metrics)
    source.set('aggregations', { groupby })
  } else if (metrics.size > 0) {
    source.set('aggregations', metrics)
  }
  return source
}

function groupSource(e: Expression, fields: ReadonlyMap<string, EsField>, zone: ZoneId): JsonOut {
  if (e.kind === 'function' && e.name === 'HISTOGRAM' && e.args[0]?.kind === 'field') {
    const literal = e.args[1]?.kind === 'literal' ? e.args[1].value : null
    if (literal instanceof IntervalValue) {
      const calendar = literal.calendar
      return {
        date_histogram: {
          field: e.args[0].name,
          missing_bucket: true,
          value_type: 'date',
          order: 'asc',
          ...(calendar !== null
            ? { calendar_interval: calendar }
            : { fixed_interval: `${literal.millis}ms` }),
          time_zone: zone.id,
        },
      }
    }
    const interval = Number(literal ?? 1)
    return {
      histogram: {
        field: e.args[0].name,
        missing_bucket: true,
        order: 'asc',
        interval: new JavaDouble(interval),
      },
    }
  }
  const field = e.kind === 'field' ? (fields.get(e.name)?.exact ?? e.name) : e.text
  return { terms: { field, missing_bucket: true, order: 'asc' } }
}

function usesScore(plan: SelectPlan): boolean {
  return plan.columns.some((c) =>
    [...walk(c.expression)].some((x) => x.kind === 'function' && x.name === SCORE_FUNCTION),
  )
}
