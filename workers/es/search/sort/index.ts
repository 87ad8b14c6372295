/**
 * Sorting a search: parsing `sort` and `search_after`, building each shard's SortFields, the sorted
 * query phase of a shard, the cross-shard order, and the hits' `sort` values.
 */
export {
  parseSort,
  parseUriSort,
  sortsByScore,
  type SortBuilder,
  type SortMode,
  type SortOrder,
} from './sort-builder.ts'
export { buildSortField, type SortField, type SortIndex, type SortType } from './sort-field.ts'
export { compareFieldDocs, sortKeyOrder, type SortKeyOrder, type SortValue } from './field-comparator.ts'
export { parseSearchAfter, searchAfterValues, type SearchAfterValue } from './search-after.ts'
export { topFieldDocs, type FieldDoc } from './shard-sort.ts'
export { formatSortValues } from './sort-value-format.ts'
