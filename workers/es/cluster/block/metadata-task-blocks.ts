/**
 * TransportMasterNodeAction.checkBlock for each metadata task: the ClusterBlockException the task's transport action
 * answers on the master's current state before it runs, or null. As ES 8's actions check:
 * - METADATA_WRITE on the named indices (indicesBlockedException): create index (TransportCreateIndexAction and
 *   AutoCreateAction, the new name), resize (the target), put mapping, close, open, aliases (every index an action
 *   names), rollover (the target's indices), ILM's remove policy;
 * - index settings (TransportUpdateSettingsAction): a global METADATA_WRITE block first; then a request that sets
 *   `index.blocks.read_only` or `index.blocks.read_only_allow_delete`, or only `index.blocks.metadata`, passes (so
 *   a block can be lifted), any other the indices' METADATA_WRITE blocks;
 * - delete index (TransportDeleteIndexAction): indicesAllowReleaseResources, so read_only_allow_delete lets it through;
 * - cluster settings (TransportClusterUpdateSettingsAction): a request of exactly one setting that is
 *   `cluster.blocks.read_only` or `cluster.blocks.read_only_allow_delete` passes, any other the global METADATA_WRITE
 *   blocks;
 * - the global METADATA_WRITE blocks for templates, pipelines, stored scripts, data streams, enrich and ILM policies
 *   and repositories; restore checks METADATA_WRITE, then WRITE.
 * Tasks no transport action submits (a dangling index import, a repository's uuid, the ILM runner's state and mode
 * changes, which share their tasks with `_ilm/move`, `_ilm/retry`, `_ilm/start` and `_ilm/stop`) are not checked.
 */
import type { EsException } from '../../errors/index.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import type { MetadataTask, SettingsUpdate } from '../metadata/metadata-tasks.ts'
import type { ClusterSettingsUpdate } from '../metadata/cluster-settings.ts'
import { CLUSTER_READ_ONLY, CLUSTER_READ_ONLY_ALLOW_DELETE } from '../metadata/cluster-settings.ts'
import { dataStreamsOf } from '../metadata/data-stream.ts'
import { aliasesLookup } from '../metadata/index-abstraction.ts'
import { indicesMetadata } from '../metadata/es-index-metadata.ts'
import { blockSetting } from './index-blocks.ts'
import {
  globalBlockedException,
  indicesAllowReleaseResources,
  indicesBlockedException,
} from './cluster-blocks.ts'

export function checkBlock(state: ClusterState, task: MetadataTask): EsException | null {
  switch (task.type) {
    case 'create_index':
    case 'resize_index':
      return indicesBlockedException(state, 'METADATA_WRITE', [task.metadata.name])
    case 'put_mapping':
    case 'close_indices':
    case 'open_indices':
    case 'ilm_remove_policy':
      return indicesBlockedException(state, 'METADATA_WRITE', task.names)
    case 'update_aliases':
      return indicesBlockedException(state, 'METADATA_WRITE', [
        ...new Set(task.actions.map((action) => action.index)),
      ])
    case 'rollover':
      return indicesBlockedException(state, 'METADATA_WRITE', rolloverIndices(state, task.target))
    case 'update_settings':
      return updateSettingsBlock(state, task.names, task.update)
    case 'delete_index':
      return indicesAllowReleaseResources(state, task.names)
    case 'update_cluster_settings':
      return liftsClusterBlock(task.update) ? null : globalBlockedException(state, 'METADATA_WRITE')
    case 'restore_snapshot':
      return globalBlockedException(state, 'METADATA_WRITE') ?? globalBlockedException(state, 'WRITE')
    // the synonyms APIs write documents of the .synonyms system index
    case 'put_synonyms_set':
    case 'delete_synonyms_set':
    case 'put_synonym_rule':
    case 'delete_synonym_rule':
      return globalBlockedException(state, 'WRITE')
    case 'put_pipeline':
    case 'delete_pipeline':
    case 'put_index_template':
    case 'delete_index_template':
    case 'put_component_template':
    case 'delete_component_template':
    case 'put_template':
    case 'delete_template':
    case 'put_enrich_policy':
    case 'delete_enrich_policy':
    case 'put_stored_script':
    case 'delete_stored_script':
    case 'create_data_stream':
    case 'delete_data_streams':
    case 'put_lifecycle':
    case 'delete_lifecycle':
    case 'put_repository':
    case 'delete_repository':
      return globalBlockedException(state, 'METADATA_WRITE')
    case 'import_dangling_index':
    case 'repository_uuid':
    case 'ilm_operation_mode':
    case 'ilm_set_state':
      return null
  }
}

/** The concrete indices a rollover target names: a data stream's backing indices, an alias's members. */
function rolloverIndices(state: ClusterState, target: string): string[] {
  const dataStream = dataStreamsOf(state)[target]
  if (dataStream) return dataStream.indices.map((index) => index.name)
  return (
    aliasesLookup(indicesMetadata(state))
      .get(target)
      ?.members.map((member) => member.index) ?? []
  )
}

/** TransportUpdateSettingsAction.checkBlock, with its operator precedence: `size == 1 && metadata || ro || road`. */
function updateSettingsBlock(
  state: ClusterState,
  names: readonly string[],
  update: SettingsUpdate,
): EsException | null {
  const global = globalBlockedException(state, 'METADATA_WRITE')
  if (global !== null) return global
  const others = update.otherSettings ?? {}
  const has = (key: string): boolean => Object.hasOwn(others, key)
  if (
    (settingsCount(update) === 1 && has(blockSetting('metadata'))) ||
    has(blockSetting('read_only')) ||
    has(blockSetting('read_only_allow_delete'))
  ) {
    return null
  }
  return indicesBlockedException(state, 'METADATA_WRITE', names)
}

/** UpdateSettingsRequest.settings().size(): the keys the request gave. */
function settingsCount(update: SettingsUpdate): number {
  const single = [
    update.numberOfReplicas,
    update.refreshInterval,
    update.defaultPipeline,
    update.finalPipeline,
    update.hidden,
  ].filter((value) => value !== undefined).length
  const maps = [update.analysis, update.limits, update.otherSettings]
  return single + maps.reduce((sum, map) => sum + Object.keys(map ?? {}).length, 0)
}

/** The one setting of the request is a global block's: the request may lift (or set) it whatever blocks hold. */
function liftsClusterBlock(update: ClusterSettingsUpdate): boolean {
  const keys = [...Object.keys(update.persistent), ...Object.keys(update.transient)]
  return keys.length === 1 && (keys[0] === CLUSTER_READ_ONLY || keys[0] === CLUSTER_READ_ONLY_ALLOW_DELETE)
}
