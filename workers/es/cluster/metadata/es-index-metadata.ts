/**
 * The index's own metadata as the cluster state carries it: its settings, mapping and aliases
 * (workers/es/index/index-metadata.ts) ride in the state's IndexMetadata `settings` slot, and these are the one
 * place that reads them back. A module of its own, with no dependency on the metadata tasks, so that anything
 * those tasks call (the synonyms sets' reloads, say) can read index metadata without an import cycle.
 */
import type { ClusterState, IndexMetadata as ClusterIndexMetadata } from '../state/cluster-state.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'

export function esIndexMetadata(metadata: ClusterIndexMetadata): IndexMetadata {
  return metadata.settings as IndexMetadata
}

/** Every index's settings and mapping in the state, by name. */
export function indicesMetadata(state: ClusterState): IndexMetadata[] {
  return Object.values(state.metadata.indices).map(esIndexMetadata)
}
