/**
 * The queries an `aggs` section carries, found in its raw request body for the coordinating node's rewrite of
 * `terms` lookups (AggregatorFactories.Builder.rewrite reaches the same ones): a `filter` aggregation's body, the
 * named or listed `filters` of `filters` and of `adjacency_matrix` (whose list holds one-filter objects), and the
 * `background_filter` of `significant_terms` and `significant_text`, at every level of sub-aggregations. Only
 * shapes that parse are followed; the aggregations' own parsers report the others.
 */
import type { XContentValue } from '../../xcontent/index.ts'

export function aggregationQueries(level: XContentValue | undefined): XContentValue[] {
  if (!(level instanceof Map)) return []
  const queries: XContentValue[] = []
  for (const definition of level.values()) {
    if (!(definition instanceof Map)) continue
    for (const [key, body] of definition) {
      if (key === 'aggs' || key === 'aggregations') queries.push(...aggregationQueries(body))
      else if (key === 'filter') queries.push(body)
      else if (!(body instanceof Map)) continue
      else if (key === 'filters') queries.push(...filterValues(body.get('filters'), false))
      else if (key === 'adjacency_matrix') queries.push(...filterValues(body.get('filters'), true))
      else if (key === 'significant_terms' || key === 'significant_text') {
        const background = body.get('background_filter')
        if (background !== undefined) queries.push(background)
      }
    }
  }
  return queries
}

/** The queries of a `filters` option: an object's values, or a list's items (each an object of them if `keyed`). */
function filterValues(filters: XContentValue | undefined, keyed: boolean): XContentValue[] {
  if (filters instanceof Map) return [...filters.values()]
  if (!Array.isArray(filters)) return []
  return keyed ? filters.flatMap((item) => (item instanceof Map ? [...item.values()] : [])) : filters
}
