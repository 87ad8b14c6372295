/**
 * Runs a grouped SELECT as ES SQL does: the request of search-source.ts (a `composite` aggregation named
 * `groupby` with one source per GROUP BY expression and one metric per aggregate (a field's statistics merged by metric-merging.ts), or top-level metrics without
 * GROUP BY) through the search action, paging with the response's `after_key` until a page comes back with
 * fewer buckets than its size (or a LIMIT is met in key order), as CompositeAggregationCursor does. Each bucket becomes one group: its key values
 * (a datetime key, epoch millis, read as a datetime in the request's zone) and its aggregates: COUNT(*) is the
 * bucket's doc_count (without GROUP BY the hit count), the others their metric's `value` (null when the metric
 * saw no value; a datetime MIN/MAX as a datetime).
 *
 * `aggregatable` says whether a plan can run so: every GROUP BY expression a field with doc values (or
 * HISTOGRAM of one, a datetime one by an INTERVAL, in the request's zone) and every aggregate COUNT(*) or a metric over a field the metric
 * reads (MIN/MAX/SUM/AVG of numbers or datetimes). Other grouped SELECTs (ES sends scripts for them) are grouped
 * on this node by grouping.ts.
 */
import type { RestContext } from '../rest/rest-context.ts'
import { XNumber, type JsonOut, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import type { SelectPlan } from './analyzer.ts'
import type { RowScope } from './evaluator.ts'
import { groupScope } from './grouping.ts'
import type { EsField } from './index-resolver.ts'
import { NUMERIC_FIELDS, fieldOf, isCountStar, metricReadable, metricValue } from './aggregate-metrics.ts'
import { mergeStatistics, planAggregates } from './metric-merging.ts'
import { groupedSearchSource } from './search-source.ts'
import type { Expression } from './sql-ast.ts'
import { searchAggregations } from './sql-search.ts'
import { DateTimeValue, IntervalValue, type SqlValue } from './sql-values.ts'
import type { ZoneId } from '../common/time/zone-id.ts'

function groupable(e: Expression, fields: ReadonlyMap<string, EsField>): boolean {
  if (e.kind === 'function' && e.name === 'HISTOGRAM') {
    const field = fieldOf(e.args[0], fields)
    const interval = e.args[1]?.kind === 'literal' ? e.args[1].value : null
    if (field === null || field.exact === null) return false
    if (field.sqlType === 'datetime') return interval instanceof IntervalValue
    return NUMERIC_FIELDS.has(field.sqlType) && typeof interval === 'number'
  }
  const field = fieldOf(e, fields)
  return field !== null && field.exact !== null
}

/** Whether the grouped plan runs through the composite aggregation (its WHERE already in the query). */
export function aggregatable(plan: SelectPlan): boolean {
  const fields = plan.index?.fields ?? new Map<string, EsField>()
  return (
    plan.index !== null &&
    plan.groupBy.every((g) => groupable(g, fields)) &&
    planAggregates(plan).every((a) => metricReadable(a, fields))
  )
}

/** The groups of a grouped SELECT, read from its aggregations page by page. */
export async function compositeGroups(
  context: RestContext,
  plan: SelectPlan,
  query: JsonOut | null,
  pageSize: number,
  zone: ZoneId,
  now: number,
): Promise<RowScope[]> {
  const index = plan.index!
  const aggregates = planAggregates(plan)
  const merged = mergeStatistics(aggregates)
  const read = (bucket: XContentObject, docCount: number): Map<string, SqlValue> =>
    new Map(
      aggregates.map((a) => [
        a.text,
        metricValue(a, bucket, docCount, index.fields, zone, merged.get(a.text)),
      ]),
    )
  const source = groupedSearchSource(plan, query, pageSize, zone)
  if (plan.groupBy.length === 0) {
    // a COUNT(*) read in HAVING or ORDER BY only needs the exact hit count too
    if (aggregates.some(isCountStar)) source.set('track_total_hits', 2147483647)
    const { totalHits, aggregations } = await searchAggregations(context, index.names, source, now)
    return [groupScope([], [], read(aggregations, totalHits))]
  }
  const groups: RowScope[] = []
  for (;;) {
    const { aggregations } = await searchAggregations(context, index.names, source, now)
    const groupby = aggregations.get('groupby')
    const buckets = groupby instanceof Map ? groupby.get('buckets') : undefined
    const page = Array.isArray(buckets) ? buckets.filter((b): b is XContentObject => b instanceof Map) : []
    for (const bucket of page) {
      const key = bucket.get('key')
      const docCount = numberOf(bucket.get('doc_count')) ?? 0
      const values = plan.groupBy.map((g) =>
        keyValue(key instanceof Map ? (key.get(g.text) ?? null) : null, g, index.fields, zone),
      )
      groups.push(groupScope(values, plan.groupBy, read(bucket, docCount)))
    }
    const afterKey = groupby instanceof Map ? groupby.get('after_key') : undefined
    if (page.length < pageSize || !(afterKey instanceof Map) || enough(plan, groups.length)) return groups
    setAfter(source, afterKey)
  }
}

/** A LIMIT met by groups in key order (no HAVING or ORDER BY to apply first) needs no further page. */
function enough(plan: SelectPlan, groups: number): boolean {
  return plan.limit !== null && plan.having === null && plan.orderBy.length === 0 && groups >= plan.limit
}

/** The next page's request: the composite with `after` set to the previous page's `after_key`. */
function setAfter(source: Map<string, JsonOut>, afterKey: XContentObject): void {
  const aggregations = source.get('aggregations') as { groupby: Map<string, JsonOut> }
  const composite = aggregations.groupby.get('composite') as {
    size: number
    sources: JsonOut
    after?: JsonOut
  }
  aggregations.groupby.set('composite', { ...composite, after: afterKey })
}

function numberOf(value: XContentValue | undefined): number | null {
  return value instanceof XNumber ? value.value : null
}

function isDatetime(e: Expression, fields: ReadonlyMap<string, EsField>): boolean {
  const field = fieldOf(e.kind === 'function' ? e.args[0] : e, fields)
  return field?.sqlType === 'datetime'
}

function keyValue(
  value: XContentValue,
  g: Expression,
  fields: ReadonlyMap<string, EsField>,
  zone: ZoneId,
): SqlValue {
  if (value instanceof XNumber)
    return isDatetime(g, fields) ? new DateTimeValue(value.value, zone) : value.value
  if (typeof value === 'string' || typeof value === 'boolean') return value
  return null
}
