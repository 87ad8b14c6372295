/**
 * How a search of an index with nested fields sees them: the index's nested paths for the `nested` query
 * (NestedLookup, cached per mapping object, which is never changed in place), and the non-nested filter every
 * top-level query gets there (DefaultSearchContext.buildFilteredQuery adds Queries.newNonNestedFilter as a FILTER
 * clause), so that hits, `hits.total`, `_count` and the aggregations see root documents only.
 */
import { perObjectMemo } from '../../common/per-object-memo.ts'
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { Mapping } from '../../index/mapper/mapping.ts'
import { nestedPaths } from '../../index/mapper/nested-mapping.ts'
import type { NestedContext } from './query-parsing.ts'

const lookups = perObjectMemo(nestedPaths)

/** The top-level nested context of a search of an index (with an empty inner hits list), null without nested fields. */
export function nestedContext(mapping: Mapping): NestedContext | null {
  const paths = lookups(mapping)
  return paths.size === 0 ? null : { paths, scope: null, innerHits: [] }
}

/** The query as a search runs it at the top level: filtered to root documents when the index has nested fields. */
export function nonNestedFiltered(query: IndexQuery, nested: NestedContext | null): IndexQuery {
  return nested === null ? query : rootDocumentsOnly(query)
}

/** The query filtered to root documents (Queries.newNonNestedFilter), nested documents left out. */
export function rootDocumentsOnly(query: IndexQuery): IndexQuery {
  return {
    type: 'bool',
    must: [query],
    should: [],
    mustNot: [],
    filter: [{ type: 'nonNested', boost: 1 }],
    minimumShouldMatch: 0,
    boost: 1,
  }
}
