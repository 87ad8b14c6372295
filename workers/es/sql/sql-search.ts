/**
 * Runs a generated search request through the search action (as ES SQL's Querier sends its SearchRequest):
 * a grouped one answers its hit count and its aggregations as rendered JSON; a plain one reads each hit's `fields` section into row values: a datetime field's string into a DateTimeValue in
 * the request's zone, numbers, strings and booleans as they are, a missing field as null and a multi-valued
 * one as its first value.
 */
import { executeDistributedSearch, type DistributedSearchResult } from '../action/transport-search-action.ts'
import { aggregationsResponse } from '../search/aggregations/index.ts'
import { resolveSearchTargets, shardsJson } from '../rest/actions/search-actions.ts'
import type { RestContext } from '../rest/rest-context.ts'
import { parseSearchRequest } from '../search/search-request.ts'
import {
  XNumber,
  parseJson,
  toJson,
  type JsonOut,
  type XContentObject,
  type XContentValue,
} from '../xcontent/index.ts'
import type { EsField } from './index-resolver.ts'
import type { ZoneId } from '../common/time/zone-id.ts'
import { DateTimeValue, type SqlValue } from './sql-values.ts'

export interface SearchRow {
  readonly values: ReadonlyMap<string, SqlValue>
  readonly score: number | null
}

/** A search for aggregations: its hit count and its rendered `aggregations` object. */
export async function searchAggregations(
  context: RestContext,
  indices: readonly string[],
  source: JsonOut,
  now: number,
): Promise<{ totalHits: number; aggregations: XContentObject }> {
  const result = await runSearch(context, indices, source, now)
  const rendered = parseJson(toJson(aggregationsResponse(result.aggregations ?? [])))
  return {
    totalHits: result.totalHits,
    aggregations: rendered instanceof Map ? rendered : new Map<string, XContentValue>(),
  }
}

/** Runs `source` over `indices` through the search action (shared with ES|QL's FROM). */
export async function runSearch(
  context: RestContext,
  indices: readonly string[],
  source: JsonOut,
  now: number,
): Promise<DistributedSearchResult> {
  const body = toJson(source)
  const parsed = parseSearchRequest(body, new Map(), false, context.analyze, now)
  const targets = resolveSearchTargets(context, indices.join(','), null)
  const result = await executeDistributedSearch(
    context,
    targets,
    { body, params: [], isCount: false, now },
    parsed,
  )
  shardsJson(result)
  return result
}

export async function searchRows(
  context: RestContext,
  indices: readonly string[],
  source: JsonOut,
  fields: ReadonlyMap<string, EsField>,
  zone: ZoneId,
  now: number,
): Promise<SearchRow[]> {
  const result = await runSearch(context, indices, source, now)
  return result.hits.map((hit) => {
    const values = new Map<string, SqlValue>()
    const section = hit.documentFields?.fields
    if (section) {
      const parsedFields = parseJson(section)
      if (parsedFields instanceof Map) {
        for (const [name, list] of parsedFields) {
          const first = Array.isArray(list) ? list[0] : list
          values.set(name, valueOf(first ?? null, fields.get(name)?.sqlType, zone))
        }
      }
    }
    return { values, score: hit.score }
  })
}

function valueOf(value: XContentValue, sqlType: string | undefined, zone: ZoneId): SqlValue {
  if (value instanceof XNumber) return value.value
  if (typeof value === 'string' && sqlType === 'datetime') return new DateTimeValue(Date.parse(value), zone)
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value
  return toJson(value)
}
