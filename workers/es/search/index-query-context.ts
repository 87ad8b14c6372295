/**
 * The QueryContext of an index for the APIs that build a query without a shard (`_explain`, `_validate/query`,
 * `_delete_by_query` / `_update_by_query`): the search fields of the mapping they read (the index's, its runtime
 * fields among them as ES's SearchExecutionContext has them; the by-query APIs' body may add `runtime_mappings`,
 * runtime-mappings.ts, which `_explain` and `_validate/query` refuse), the index's analyzers, its name in
 * query_shard_exception bodies, its limit settings and its nested fields. A leaf on a runtime field is checked and
 * left as built; the shard that runs the query resolves it (`resolveRuntimeFieldsOnShard`, given the same
 * runtime_mappings) into the documents whose values it accepts. A search builds its own context per shard
 * (shard-search.ts).
 */
import type { IndexQuery } from '../../../engine-wasm/src/index/index.ts'
import type { XContentObject } from '../xcontent/index.ts'
import type { IndexService } from '../index/index-service.ts'
import type { Mapping } from '../index/mapper/mapping.ts'
import type { ShardSearcher } from '../index/shard/shard-searcher.ts'
import { indexLimits } from '../index/index-limit-settings.ts'
import { nestedOption } from './queries/nested-scope.ts'
import { runtimeFieldsQuery } from './queries/runtime-field-queries.ts'
import type { QueryContext } from './query-builder.ts'
import { hasRuntimeFields, searchFields } from './search-fields.ts'
import { shardFieldValues } from './shard-field-values.ts'
import { searchMapping } from './runtime-mappings.ts'

export function indexQueryContext(
  index: IndexService,
  nowMillis: number,
  mapping: Mapping = index.metadata.mapping,
): QueryContext {
  const { metadata } = index
  return {
    fields: searchFields(mapping),
    analyze: index.analysis.analyze,
    nowMillis,
    index: { name: metadata.name, uuid: metadata.uuid },
    limits: indexLimits(metadata),
    ...nestedOption(metadata.mapping),
  }
}

/** A query built in indexQueryContext, its leaves on runtime fields replaced on this shard by what they match. */
export function resolveRuntimeFieldsOnShard(
  query: IndexQuery,
  index: IndexService,
  shard: ShardSearcher,
  nowMillis: number,
  runtimeMappings: XContentObject | null = null,
): IndexQuery {
  const mapping = searchMapping(index.metadata.mapping, runtimeMappings)
  const context = indexQueryContext(index, nowMillis, mapping)
  if (!hasRuntimeFields(context.fields)) return query
  return runtimeFieldsQuery(query, {
    ...context,
    shard: shardFieldValues(shard, mapping, index.metadata.name),
  })
}
