/**
 * The index metadata changes the elected master applies to the cluster state, as ES's
 * MetadataCreateIndexService, MetadataDeleteIndexService, MetadataMappingService and
 * MetadataUpdateSettingsService do. A task is plain data, so any node can send it to the master
 * (TransportMasterNodeAction); the master runs it on its current state, where a concurrent change is
 * visible (an index created twice, a mapping merged onto the newest one). Errors are EsExceptions, as
 * the REST layer renders them.
 *
 * The index's settings, mapping and aliases (workers/es/index/index-metadata.ts, alias-metadata.ts) ride
 * in the cluster state's IndexMetadata `settings` slot; `esIndexMetadata` (es-index-metadata.ts) is the one
 * place that reads them back. Index templates live in the state's metadata (metadata-index-template-service.ts), as do
 * data streams (metadata-data-stream-service.ts); a rollover adds an index and moves an alias or a data
 * stream's write index in one task (metadata-rollover-service.ts); a split, shrink or clone adds an index whose
 * primaries recover from the source's local shards (metadata-resize-service.ts). Closing and opening an index changes
 * its state (metadata-index-state-service.ts); only a closed index takes analysis settings
 * (analysis-settings-update.ts).
 */
import type { ClusterState, IndexMetadata as ClusterIndexMetadata } from '../state/cluster-state.ts'
import { createIndex, deleteIndex, updateNumberOfReplicas } from '../state/metadata-indices.ts'
import { newUnassignedInfo } from '../state/shard-routing.ts'
import { esIndexMetadata, indicesMetadata } from './es-index-metadata.ts'
import {
  illegalArgumentException,
  indexNotFoundException,
  invalidIndexNameException,
  resourceAlreadyExistsException,
  validateIndexName,
} from '../../errors/index.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'
import type { IndexAnalysisSettings } from '../../analysis/custom/index-analysis-settings.ts'
import { defaultRoutingNumShards } from '../routing/operation-routing.ts'
import type { Mapping } from '../../index/mapper/mapping.ts'
import { checkMappingLimits, mappingLimits } from '../../index/mapper/mapping-limits.ts'
import { mergeMapping } from '../../index/mapper/mapping-merge.ts'
import { IndexAnalysis } from '../../index/index-analysis.ts'
import { validateFieldAliases } from '../../index/mapper/field-alias.ts'
import { aliasesOf } from './alias-metadata.ts'
import { aliasesLookup } from './index-abstraction.ts'
import {
  applyAliasActions,
  validateAlias,
  validateWriteIndices,
  type AliasAction,
} from './metadata-index-alias-service.ts'
import type { ComponentTemplate, ComposableIndexTemplate } from './index-templates.ts'
import type { IndexTemplateMetadata } from './legacy-index-templates.ts'
import { deleteLegacyTemplates, putLegacyTemplate } from './metadata-legacy-template-service.ts'
import type { EnrichPolicyMetadata } from './enrich-policy.ts'
import { applyClusterSettingsUpdate, type ClusterSettingsUpdate } from './cluster-settings.ts'
import { withLimitChanges } from '../../index/index-limit-settings.ts'
import { withOtherSettingChanges, type OtherSettingValue } from '../../index/index-scoped-settings.ts'
import {
  validateShardLimit,
  validateShardLimitOnOpen,
  validateShardLimitOnReplicaUpdate,
} from './shard-limit-validator.ts'
import { deleteEnrichPolicy, putEnrichPolicy } from './metadata-enrich-service.ts'
import { putPipeline } from './ingest-metadata.ts'
import { deleteStoredScript, putStoredScript, type StoredScriptSource } from './script-metadata.ts'
import {
  checkNewDataStream,
  withoutBackingIndex,
  type NewDataStream,
} from './metadata-data-stream-service.ts'
import { dataStreamsOf, withDataStream, withoutDataStream } from './data-stream.ts'
import { applyRollover } from './metadata-rollover-service.ts'
import { checkResize } from './metadata-resize-service.ts'
import { closedIndex, openedIndex } from './metadata-index-state-service.ts'
import type { LifecyclePolicy } from '../../ilm/lifecycle-policy.ts'
import type { LifecycleExecutionState } from '../../ilm/lifecycle-execution-state.ts'
import {
  deleteLifecyclePolicy,
  putLifecyclePolicy,
  withOperationMode,
  type OperationMode,
} from '../../ilm/index-lifecycle-metadata.ts'
import { withAnalysisChanges, type AnalysisChanges } from './analysis-settings-update.ts'
import type { SynonymRule } from '../../synonyms/synonym-rule.ts'
import { deleteSynonymRule, putSynonymRule, putSynonymsSet } from '../../synonyms/synonyms-metadata.ts'
import { deleteUnusedSynonymsSet } from '../../synonyms/delete-synonyms-set.ts'
import {
  deleteRepositories,
  putRepository,
  withRepositoryUuid,
  type RepositoryMetadata,
} from '../../repositories/repositories-metadata.ts'
import { applyRestore, type RestoredIndex } from '../../snapshots/restore-service.ts'
import { deleteComponentTemplates, deleteIndexTemplates } from './metadata-index-template-service.ts'
import { addComponentTemplate, addIndexTemplateV2 } from './template-validation.ts'

/** A settings change, validated by the node that took the request: null restores the default. */
export interface SettingsUpdate {
  numberOfReplicas?: number
  refreshInterval?: { ms: number; text: string | null }
  /** index.default_pipeline / index.final_pipeline: null removes the setting. */
  defaultPipeline?: string | null
  finalPipeline?: string | null
  /** index.analysis.* keys (below `index.analysis.`), for closed indices only: null removes a key. */
  analysis?: AnalysisChanges
  /** The limit settings (index-limit-settings.ts) by full key, as text: null removes a key. */
  limits?: Record<string, string | null>
  /** index.hidden: null removes the setting. */
  hidden?: boolean | null
  /** The settings kept without being acted on (IndexMetadata.otherSettings): null removes a key. */
  otherSettings?: Record<string, OtherSettingValue | null>
}

export type MetadataTask =
  /** `ifMissing`: an index auto-created by a write, which another write may have created meanwhile. */
  | { type: 'create_index'; metadata: IndexMetadata; ifMissing: boolean }
  /** TransportResizeAction: a split, shrink or clone; `metadata` (with its `resize`) built by metadata-resize-service.ts. */
  | { type: 'resize_index'; metadata: IndexMetadata }
  | { type: 'delete_index'; names: string[] }
  /** LocalAllocateDangledIndices: an index only a node's disk knows, with each shard's stored copy. */
  | { type: 'import_dangling_index'; metadata: IndexMetadata; allocationIds: string[] }
  | { type: 'put_mapping'; names: string[]; mapping: Mapping }
  | { type: 'update_settings'; names: string[]; update: SettingsUpdate }
  /** MetadataIndexStateService: the indices' state to CLOSE (after their copies flushed) or OPEN. */
  | { type: 'close_indices'; names: string[] }
  | { type: 'open_indices'; names: string[] }
  /** PutPipelineTransportAction: the body as it was sent, and the request's `if_version` (null when absent). */
  | { type: 'put_pipeline'; id: string; source: string; ifVersion: number | null }
  | { type: 'delete_pipeline'; id: string }
  /** TransportIndicesAliasesAction: the request's actions on concrete indices, applied together. */
  | { type: 'update_aliases'; actions: AliasAction[] }
  | { type: 'put_index_template'; name: string; template: ComposableIndexTemplate; create: boolean }
  | { type: 'delete_index_template'; names: string[] }
  | { type: 'put_component_template'; name: string; template: ComponentTemplate; create: boolean }
  | { type: 'delete_component_template'; names: string[] }
  /** MetadataIndexTemplateService.putTemplate / removeTemplates: legacy `_template`s. */
  | { type: 'put_template'; name: string; template: IndexTemplateMetadata; create: boolean }
  | { type: 'delete_template'; pattern: string }
  /** EnrichStore.putPolicy / deletePolicy. */
  | { type: 'put_enrich_policy'; name: string; policy: EnrichPolicyMetadata }
  | { type: 'delete_enrich_policy'; name: string }
  /** TransportClusterUpdateSettingsAction: persistent and transient cluster settings. */
  | { type: 'update_cluster_settings'; update: ClusterSettingsUpdate }
  /** ScriptService.putStoredScript / deleteStoredScript. */
  | { type: 'put_stored_script'; id: string; source: StoredScriptSource }
  | { type: 'delete_stored_script'; id: string }
  /** SynonymsManagementAPIService: a synonyms set replaced, one rule put or deleted, a set deleted. */
  | { type: 'put_synonyms_set'; id: string; rules: SynonymRule[] }
  | { type: 'delete_synonyms_set'; id: string }
  | { type: 'put_synonym_rule'; setId: string; rule: SynonymRule }
  | { type: 'delete_synonym_rule'; setId: string; ruleId: string }
  /** MetadataCreateDataStreamService; `ifMissing`: created by a write, which another may have done. */
  | { type: 'create_data_stream'; created: NewDataStream; ifMissing: boolean }
  /** MetadataDataStreamsService.deleteDataStreams: each with its backing indices. */
  | { type: 'delete_data_streams'; names: string[] }
  /** MetadataRolloverService: `metadata` is the new index the coordinating node built. */
  | { type: 'rollover'; target: string; newIndexName: string | null; metadata: IndexMetadata }
  /** TransportPutLifecycleAction / TransportDeleteLifecycleAction: ILM policies. */
  | { type: 'put_lifecycle'; name: string; policy: LifecyclePolicy }
  | { type: 'delete_lifecycle'; name: string }
  /** OperationModeUpdateTask: `_ilm/start`, `_ilm/stop`, and the service's move from STOPPING to STOPPED. */
  | { type: 'ilm_operation_mode'; mode: OperationMode }
  /** TransportRemoveIndexLifecyclePolicyAction: the indices' policy settings and lifecycle state removed. */
  | { type: 'ilm_remove_policy'; names: string[] }
  /** An index's lifecycle state replaced (the runner, `_ilm/move`, `_ilm/retry`); null removes it. */
  | { type: 'ilm_set_state'; index: string; lifecycleState: LifecycleExecutionState | null }
  /** RepositoriesService.registerRepository / unregisterRepository, and the uuid a first RepositoryData gave it. */
  | { type: 'put_repository'; metadata: RepositoryMetadata }
  | { type: 'delete_repository'; names: string[] }
  | { type: 'repository_uuid'; name: string; uuid: string }
  /** RestoreService on the master: the restored indices, added together (restore-service.ts). */
  | { type: 'restore_snapshot'; indices: RestoredIndex[] }

export interface CreateIndexRequest {
  name: string
  numberOfShards: number
  numberOfReplicas: number
  refreshIntervalMs: number
  /** index.refresh_interval as given, when the request set it. */
  refreshInterval?: string
  mapping: Mapping
  analysis?: IndexAnalysisSettings
  /** The limit settings the request set (IndexMetadata.limits). */
  limits?: Readonly<Record<string, string>>
  defaultPipeline?: string
  finalPipeline?: string
  hidden?: boolean
  /** index.number_of_routing_shards when the request sets it (checked); else the default for the shard count. */
  routingNumShards?: number
  /** The settings kept without being acted on (IndexMetadata.otherSettings). */
  otherSettings?: Readonly<Record<string, OtherSettingValue>>
}

/** A new index's metadata, validated as MetadataCreateIndexService validates it before asking the master. */
export function newIndexMetadata(request: CreateIndexRequest, uuid: string, now: number): IndexMetadata {
  const invalid = validateIndexName(request.name)
  if (invalid) throw invalid
  new IndexAnalysis(request.analysis).checkMapping(request.mapping)
  validateFieldAliases(request.mapping)
  return {
    name: request.name,
    uuid,
    creationDate: now,
    numberOfShards: request.numberOfShards,
    numberOfReplicas: request.numberOfReplicas,
    routingNumShards: request.routingNumShards ?? defaultRoutingNumShards(request.numberOfShards),
    refreshIntervalMs: request.refreshIntervalMs,
    ...(request.refreshInterval !== undefined ? { refreshInterval: request.refreshInterval } : {}),
    mapping: request.mapping,
    ...(request.analysis ? { analysis: request.analysis } : {}),
    ...(request.limits ? { limits: request.limits } : {}),
    ...(request.defaultPipeline !== undefined ? { defaultPipeline: request.defaultPipeline } : {}),
    ...(request.finalPipeline !== undefined ? { finalPipeline: request.finalPipeline } : {}),
    ...(request.hidden !== undefined ? { hidden: request.hidden } : {}),
    ...(request.otherSettings ? { otherSettings: request.otherSettings } : {}),
  }
}

export function executeMetadataTask(state: ClusterState, task: MetadataTask, now: number): ClusterState {
  switch (task.type) {
    case 'create_index': {
      const existing = state.metadata.indices[task.metadata.name]
      if (existing && task.ifMissing) return state
      if (existing) throw resourceAlreadyExistsException(task.metadata.name, existing.uuid)
      return addIndex(state, task.metadata, now)
    }
    case 'resize_index':
      return addIndex(state, task.metadata, now, checkResize(state, task.metadata))
    case 'create_data_stream': {
      if (task.ifMissing && dataStreamsOf(state)[task.created.dataStream.name]) return state
      checkNewDataStream(state, task.created)
      const created = executeMetadataTask(
        state,
        { type: 'create_index', metadata: task.created.metadata, ifMissing: false },
        now,
      )
      return withDataStream(created, task.created.dataStream)
    }
    case 'delete_data_streams':
      return task.names.reduce((next, name) => {
        const dataStream = dataStreamsOf(next)[name]
        if (!dataStream) throw indexNotFoundException(name)
        const removed = withoutDataStream(next, name)
        return dataStream.indices.reduce((rest, index) => deleteIndex(rest, index.name), removed)
      }, state)
    case 'rollover':
      return applyRollover(
        state,
        task.target,
        task.metadata,
        task.newIndexName,
        now,
        (next, metadata) => addIndex(next, metadata, now),
        (next, actions) => executeMetadataTask(next, { type: 'update_aliases', actions }, now),
      )
    case 'import_dangling_index':
      return importDanglingIndex(state, task.metadata, task.allocationIds, now)
    case 'delete_index':
      return task.names.reduce((next, name) => {
        const metadata = esIndexMetadata(requireIndex(next, name))
        return deleteIndex(withoutBackingIndex(next, metadata), name)
      }, state)
    case 'put_mapping':
      return task.names.reduce((next, name) => {
        const metadata = esIndexMetadata(requireIndex(next, name))
        const mapping = mergeMapping(metadata.mapping, task.mapping)
        checkMappingLimits(mapping, mappingLimits(metadata.otherSettings))
        new IndexAnalysis(metadata.analysis).checkMapping(mapping)
        validateFieldAliases(mapping)
        return withIndexMetadata(next, { ...metadata, mapping }, now)
      }, state)
    case 'put_pipeline':
      return putPipeline(state, task.id, task.source, task.ifVersion)
    case 'delete_pipeline': {
      const pipelines = { ...state.metadata.pipelines }
      delete pipelines[task.id]
      return { ...state, metadata: { ...state.metadata, pipelines } }
    }
    case 'update_aliases': {
      const removed = task.actions.reduce((next, action) => {
        if (action.type !== 'remove_index') return next
        requireIndex(next, action.index)
        return deleteIndex(next, action.index)
      }, state)
      return applyAliasActions(indicesMetadata(removed), task.actions).reduce(
        (next, metadata) => withIndexMetadata(next, metadata, now),
        removed,
      )
    }
    case 'put_index_template':
      return addIndexTemplateV2(state, task.name, task.template, task.create)
    case 'delete_index_template':
      return deleteIndexTemplates(state, task.names)
    case 'put_component_template':
      return addComponentTemplate(state, task.name, task.template, task.create)
    case 'delete_component_template':
      return deleteComponentTemplates(state, task.names)
    case 'put_template':
      return putLegacyTemplate(state, task.name, task.template, task.create)
    case 'delete_template':
      return deleteLegacyTemplates(state, task.pattern)
    case 'put_enrich_policy':
      return putEnrichPolicy(state, indicesMetadata(state), task.name, task.policy)
    case 'delete_enrich_policy':
      return deleteEnrichPolicy(state, task.name)
    case 'update_cluster_settings':
      return applyClusterSettingsUpdate(state, task.update)
    case 'put_stored_script':
      return putStoredScript(state, task.id, task.source)
    case 'delete_stored_script':
      return deleteStoredScript(state, task.id)
    case 'put_synonyms_set':
      return putSynonymsSet(state, task.id, task.rules)
    case 'delete_synonyms_set':
      return deleteUnusedSynonymsSet(state, task.id)
    case 'put_synonym_rule':
      return putSynonymRule(state, task.setId, task.rule)
    case 'delete_synonym_rule':
      return deleteSynonymRule(state, task.setId, task.ruleId)
    case 'put_lifecycle':
      return putLifecyclePolicy(state, task.name, task.policy, now)
    case 'delete_lifecycle':
      return deleteLifecyclePolicy(state, indicesMetadata(state), task.name)
    case 'ilm_operation_mode':
      return withOperationMode(state, indicesMetadata(state), task.mode)
    case 'ilm_remove_policy':
      return task.names.reduce((next, name) => {
        const metadata = esIndexMetadata(requireIndex(next, name))
        const update = {
          otherSettings: { 'index.lifecycle.name': null, 'index.lifecycle.rollover_alias': null },
        }
        const removed = { ...applySettingsUpdate(metadata, update) }
        delete removed.lifecycleState
        return withIndexMetadata(next, removed, now)
      }, state)
    case 'ilm_set_state': {
      const metadata = { ...esIndexMetadata(requireIndex(state, task.index)) }
      if (task.lifecycleState === null) delete metadata.lifecycleState
      else metadata.lifecycleState = task.lifecycleState
      return withIndexMetadata(state, metadata, now)
    }
    case 'update_settings': {
      const updated = task.names.map((name) => esIndexMetadata(requireIndex(state, name)))
      const replicas = task.update.numberOfReplicas
      if (replicas !== undefined) {
        validateShardLimitOnReplicaUpdate(state, indicesMetadata(state), updated, replicas)
      }
      return updated.reduce(
        (next, metadata) => withIndexMetadata(next, applySettingsUpdate(metadata, task.update), now),
        state,
      )
    }
    case 'put_repository':
      return putRepository(state, task.metadata)
    case 'delete_repository':
      return deleteRepositories(state, task.names)
    case 'repository_uuid':
      return withRepositoryUuid(state, task.name, task.uuid)
    case 'restore_snapshot':
      return applyRestore(state, task.indices, now)
    case 'close_indices':
    case 'open_indices': {
      const targets = task.names.map((name) => esIndexMetadata(requireIndex(state, name)))
      if (task.type === 'open_indices') validateShardLimitOnOpen(state, indicesMetadata(state), targets)
      const change = task.type === 'close_indices' ? closedIndex : openedIndex
      return targets.reduce((next, metadata) => {
        const changed = change(metadata)
        return changed === null ? next : withIndexMetadata(next, changed, now)
      }, state)
    }
  }
}

/**
 * MetadataCreateIndexService.applyCreateIndexRequest on the master: an index no other index has the name of; a
 * resized one with its shards' starting primary terms.
 */
function addIndex(
  state: ClusterState,
  metadata: IndexMetadata,
  now: number,
  resizedTerms?: readonly number[],
): ClusterState {
  validateNewIndexAliases(state, metadata)
  const { name, uuid, numberOfShards, numberOfReplicas } = metadata
  validateShardLimit(state, indicesMetadata(state), numberOfShards * (numberOfReplicas + 1))
  return createIndex(
    state,
    {
      name,
      uuid,
      numberOfShards,
      numberOfReplicas,
      settings: metadata,
      mappings: null,
      ...(resizedTerms ? { resize: { primaryTerms: resizedTerms } } : {}),
    },
    now,
  )
}

/**
 * A new index's name may not be an alias's (InvalidIndexNameException "already exists as alias"); its
 * aliases are validated as an alias action's would be, and may not take the index's own name.
 */
function validateNewIndexAliases(state: ClusterState, metadata: IndexMetadata): void {
  const indices = indicesMetadata(state)
  if (aliasesLookup(indices).has(metadata.name)) {
    throw invalidIndexNameException(metadata.name, 'already exists as alias')
  }
  for (const [alias, definition] of Object.entries(aliasesOf(metadata))) {
    validateAlias(alias, definition.indexRouting, (name) => state.metadata.indices[name] !== undefined)
    if (alias === metadata.name) {
      throw illegalArgumentException(`alias name [${alias}] self-conflicts with index name`)
    }
  }
  validateWriteIndices([...indices, metadata])
}

function requireIndex(state: ClusterState, name: string): ClusterIndexMetadata {
  const metadata = state.metadata.indices[name]
  if (!metadata) throw indexNotFoundException(name)
  return metadata
}

/** Replaces an index's settings and mapping; a new number_of_replicas adds or removes replica copies. */
function withIndexMetadata(state: ClusterState, metadata: IndexMetadata, now: number): ClusterState {
  const current = state.metadata.indices[metadata.name]!
  const resized =
    current.numberOfReplicas === metadata.numberOfReplicas
      ? state
      : updateNumberOfReplicas(state, metadata.name, metadata.numberOfReplicas, now)
  const updated = resized.metadata.indices[metadata.name]!
  return {
    ...resized,
    metadata: {
      ...resized.metadata,
      indices: { ...resized.metadata.indices, [metadata.name]: { ...updated, settings: metadata } },
    },
  }
}

export function applySettingsUpdate(metadata: IndexMetadata, update: SettingsUpdate): IndexMetadata {
  let next = metadata
  if (update.numberOfReplicas !== undefined) next = { ...next, numberOfReplicas: update.numberOfReplicas }
  if (update.refreshInterval !== undefined) {
    const rest = { ...next }
    delete rest.refreshInterval
    next = {
      ...rest,
      refreshIntervalMs: update.refreshInterval.ms,
      ...(update.refreshInterval.text === null ? {} : { refreshInterval: update.refreshInterval.text }),
    }
  }
  for (const key of ['defaultPipeline', 'finalPipeline', 'hidden'] as const) {
    const value = update[key]
    if (value === undefined) continue
    const rest = { ...next }
    delete rest[key]
    next = value === null ? rest : { ...rest, [key]: value }
  }
  if (update.limits !== undefined) {
    const limits = withLimitChanges(next.limits, update.limits)
    const rest = { ...next }
    delete rest.limits
    next = limits === undefined ? rest : { ...rest, limits }
  }
  if (update.otherSettings !== undefined) {
    const otherSettings = withOtherSettingChanges(next.otherSettings, update.otherSettings)
    const rest = { ...next }
    delete rest.otherSettings
    next = otherSettings === undefined ? rest : { ...rest, otherSettings }
  }
  return update.analysis === undefined ? next : withAnalysisChanges(next, update.analysis)
}

/**
 * A dangling index joins the cluster state as it was on the node's disk: its primaries unassigned
 * (DANGLING_INDEX_IMPORTED) and recovered from the existing store whose allocation id is in sync. A name the
 * cluster already uses keeps the cluster's index (ES refuses the import).
 */
function importDanglingIndex(
  state: ClusterState,
  metadata: IndexMetadata,
  allocationIds: readonly string[],
  now: number,
): ClusterState {
  if (state.metadata.indices[metadata.name]) return state
  const { name, uuid, numberOfShards, numberOfReplicas } = metadata
  const created = createIndex(
    state,
    { name, uuid, numberOfShards, numberOfReplicas, settings: metadata, mappings: null },
    now,
  )
  const info = newUnassignedInfo('DANGLING_INDEX_IMPORTED', now)
  const imported = created.metadata.indices[name]!
  return {
    ...created,
    metadata: {
      ...created.metadata,
      indices: {
        ...created.metadata.indices,
        [name]: {
          ...imported,
          primaryTerms: imported.primaryTerms.map(() => 1),
          inSyncAllocationIds: allocationIds.map((id) => [id]),
        },
      },
    },
    routingTable: {
      ...created.routingTable,
      [name]: created.routingTable[name]!.map((copies) =>
        copies.map((copy) => ({
          ...copy,
          ...(copy.primary ? { recoverySource: 'EXISTING_STORE' as const } : {}),
          unassignedInfo: info,
        })),
      ),
    },
  }
}
