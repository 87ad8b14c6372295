/**
 * Which analyzers a reload reaches (IndexAnalyzers.reload, ReloadableCustomAnalyzer.usesResource, ES 8.17): an
 * index's reloadable analyzers are its custom analyzers in SEARCH_TIME mode (analysis/custom/analysis-mode.ts: a
 * `synonym` or `synonym_graph` filter with `updateable: true`). A reload without a resource reloads all of them; a
 * reload for a resource only those with a filter whose rules come from that synonyms set (`synonyms_set`; inline
 * `synonyms` win over it, as SynonymsSource.fromSettings picks them first, and give no resource).
 * The same analyzers keep a set from deletion (SynonymsManagementAPIService.deleteSynonymsSet previews a reload of
 * the set over the open, non-hidden indices, and an index reloaded on a node refuses it).
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { esIndexMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { stringSetting, type AnalysisSettings } from '../analysis/custom/analysis-settings.ts'
import {
  definitions,
  isSearchTimeFilter,
  searchTimeFilters,
  SYNONYM_TYPES,
} from '../analysis/custom/analysis-mode.ts'
import { javaStringKeyOrder } from '../../net/java-hash.ts'

/** The synonyms set a filter definition reads its rules from, or null when it reads none. */
export function synonymsSetOf(filter: AnalysisSettings): string | null {
  const type = stringSetting(filter, 'type')
  if (type === undefined || !SYNONYM_TYPES.has(type)) return null
  if (filter['synonyms'] !== undefined && filter['synonyms'] !== null) return null
  return stringSetting(filter, 'synonyms_set') ?? null
}

/** The sets the updateable filters of an index's analysis settings read, sorted. */
export function synonymsSetsUsed(analysis: AnalysisSettings): string[] {
  const sets = Object.values(definitions(analysis, 'filter')).filter(isSearchTimeFilter).map(synonymsSetOf)
  return [...new Set(sets.filter((set): set is string => set !== null))].sort()
}

/**
 * The custom analyzers of `analysis` a reload for `resource` reaches (every reloadable one when null), in
 * definition order.
 */
export function reloadableAnalyzers(analysis: AnalysisSettings, resource: string | null): string[] {
  const filters = definitions(analysis, 'filter')
  return Object.keys(definitions(analysis, 'analyzer')).filter((name) => {
    const searchTime = searchTimeFilters(analysis, name)
    return resource === null
      ? searchTime.length > 0
      : searchTime.some((filter) => synonymsSetOf(filters[filter]!) === resource)
  })
}

/** The open, non-hidden indices with an assigned copy whose analyzers read `setId`, in HashSet order. */
export function indicesUsingSynonymsSet(state: ClusterState, setId: string): string[] {
  const using = Object.keys(state.metadata.indices).filter((name) => {
    const metadata = esIndexMetadata(state.metadata.indices[name]!)
    if (metadata.state === 'close' || metadata.hidden === true) return false
    const assigned = (state.routingTable[name] ?? []).flat().some((copy) => copy.nodeId !== null)
    return assigned && reloadableAnalyzers(metadata.analysis?.analysis ?? {}, setId).length > 0
  })
  return javaStringKeyOrder(using)
}
