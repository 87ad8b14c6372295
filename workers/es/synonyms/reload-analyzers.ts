/**
 * What updating a synonyms set reloads (ReloadAnalyzersRequest for the set's id over `*`, TransportReloadAnalyzersAction,
 * ES 8.17): each open, non-hidden index is asked once per node holding a copy of it (its copies in routing table
 * order, one per node; unassigned copies count once per index as one target no node answers); an index reloads
 * its reloadable analyzers that read the set: the custom analyzers of its `analysis` settings with a `synonym` or
 * `synonym_graph` filter of `updateable: true` whose rules come from `synonyms_set` (inline `synonyms` win over it,
 * as SynonymsSource.fromSettings picks them first). The answer is ReloadAnalyzersResponse:
 *   {"_shards":{"total","successful","failed"},"reload_details":[{"index","reloaded_analyzers","reloaded_node_ids"}]}
 * with an entry only for an index that reloaded an analyzer, the entries in HashMap order of index names and both
 * lists in HashSet order. The same indices block the set's deletion (SynonymsManagementAPIService.deleteSynonymsSet).
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { esIndexMetadata } from '../cluster/metadata/metadata-tasks.ts'
import {
  boolSetting,
  listSetting,
  stringSetting,
  type AnalysisSettings,
} from '../analysis/custom/analysis-settings.ts'
import { javaHashMapKeyOrder, javaStringKeyOrder } from '../../net/java-hash.ts'

/** The synonym filter types whose rules can come from a synonyms set. */
const SYNONYM_TYPES: ReadonlySet<string> = new Set(['synonym', 'synonym_graph'])

function definitions(analysis: AnalysisSettings, kind: string): Record<string, AnalysisSettings> {
  const value = analysis[kind]
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, AnalysisSettings>)
    : {}
}

/** The synonyms set a filter definition reads its rules from, or null when it reads none. */
export function synonymsSetOf(filter: AnalysisSettings): string | null {
  const type = stringSetting(filter, 'type')
  if (type === undefined || !SYNONYM_TYPES.has(type)) return null
  if (filter['synonyms'] !== undefined && filter['synonyms'] !== null) return null
  return stringSetting(filter, 'synonyms_set') ?? null
}

/** The sets the filters of an index's analysis settings read, sorted. */
export function synonymsSetsUsed(analysis: AnalysisSettings): string[] {
  const sets = Object.values(definitions(analysis, 'filter')).map(synonymsSetOf)
  return [...new Set(sets.filter((set): set is string => set !== null))].sort()
}

/** The custom analyzers of `analysis` that reload when set `setId` changes, in definition order. */
export function reloadableAnalyzers(analysis: AnalysisSettings, setId: string): string[] {
  const filters = definitions(analysis, 'filter')
  const readsSet = (name: string): boolean => {
    const filter = Object.hasOwn(filters, name) ? filters[name] : undefined
    return filter !== undefined && boolSetting(filter, 'updateable', false) && synonymsSetOf(filter) === setId
  }
  return Object.entries(definitions(analysis, 'analyzer'))
    .filter(([, analyzer]) => (listSetting(analyzer, 'filter') ?? []).some(readsSet))
    .map(([name]) => name)
}

interface ReloadResult {
  index: string
  analyzers: string[]
  nodeIds: string[]
}

interface ReloadOutcome {
  total: number
  successful: number
  /** The indices that reloaded an analyzer, in name order. */
  reloaded: ReloadResult[]
}

/** TransportReloadAnalyzersAction's broadcast for `setId` over the open, non-hidden indices of `state`. */
function reload(state: ClusterState, setId: string): ReloadOutcome {
  const outcome: ReloadOutcome = { total: 0, successful: 0, reloaded: [] }
  for (const name of Object.keys(state.metadata.indices).sort()) {
    const metadata = esIndexMetadata(state.metadata.indices[name]!)
    if (metadata.state === 'close' || metadata.hidden === true) continue
    const covered = new Set<string | null>()
    for (const copy of (state.routingTable[name] ?? []).flat()) covered.add(copy.nodeId)
    const nodeIds = [...covered].filter((id): id is string => id !== null)
    outcome.total += covered.size
    outcome.successful += nodeIds.length
    const analyzers = reloadableAnalyzers(metadata.analysis?.analysis ?? {}, setId)
    if (analyzers.length > 0 && nodeIds.length > 0) outcome.reloaded.push({ index: name, analyzers, nodeIds })
  }
  return outcome
}

export type ReloadAnalyzersResponse = {
  _shards: { total: number; successful: number; failed: number }
  reload_details: Array<{ index: string; reloaded_analyzers: string[]; reloaded_node_ids: string[] }>
}

/** ReloadAnalyzersResponse of reloading the analyzers that read `setId` in `state`. */
export function reloadAnalyzersDetails(state: ClusterState, setId: string): ReloadAnalyzersResponse {
  const { total, successful, reloaded } = reload(state, setId)
  const byIndex = new Map(reloaded.map((result) => [result.index, result]))
  return {
    _shards: { total, successful, failed: 0 },
    reload_details: javaHashMapKeyOrder([...byIndex.keys()]).map((index) => {
      const { analyzers, nodeIds } = byIndex.get(index)!
      return {
        index,
        reloaded_analyzers: javaStringKeyOrder(analyzers),
        reloaded_node_ids: javaStringKeyOrder(nodeIds),
      }
    }),
  }
}

/** The indices whose analyzers read `setId`, in HashSet order (what refuses the set's deletion). */
export function indicesUsingSynonymsSet(state: ClusterState, setId: string): string[] {
  return javaStringKeyOrder(reload(state, setId).reloaded.map((result) => result.index))
}
