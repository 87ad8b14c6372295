/**
 * The QueryContext of an index for the APIs that build a query without a shard (`_explain`, `_validate/query`,
 * `_delete_by_query` / `_update_by_query`): the mapping's leaf fields (runtime fields are not among them), the
 * index's analyzers, its name in query_shard_exception bodies, its limit settings and its nested fields. A
 * search builds its own per shard (shard-search.ts).
 */
import type { IndexService } from '../index/index-service.ts'
import { leafFields } from '../index/mapper/mapping.ts'
import { indexLimits } from '../index/index-limit-settings.ts'
import { nestedOption } from './queries/nested-scope.ts'
import type { QueryContext } from './query-builder.ts'

export function indexQueryContext(index: IndexService, nowMillis: number): QueryContext {
  const { metadata } = index
  return {
    fields: leafFields(metadata.mapping),
    analyze: index.analysis.analyze,
    nowMillis,
    index: { name: metadata.name, uuid: metadata.uuid },
    limits: indexLimits(metadata),
    ...nestedOption(metadata.mapping),
  }
}
