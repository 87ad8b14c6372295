/**
 * RestoreService: `POST _snapshot/<repo>/<snap>/_restore`. On the node that took the request: the snapshot is
 * found (snapshot_missing_exception), the indices to restore picked from the snapshot's (`indices`: names and `*`
 * patterns; a name the snapshot lacks is index_not_found_exception unless `ignore_unavailable`), renamed
 * (`rename_pattern` / `rename_replacement`, Java's Matcher.replaceAll; two indices renamed into one is refused),
 * their snapshotted metadata read and given a new uuid, `index_settings` and `ignore_index_settings` applied
 * (index.number_of_shards, index.version.created, index.uuid and index.creation_date cannot be changed or
 * removed; the playground applies index.number_of_replicas only), aliases dropped when `include_aliases` is false.
 * On the master (`applyRestore`): an open index of a restored name is refused ("cannot restore index [x] because
 * an open index with same name already exists in the cluster. ..."); a closed one is replaced; a new one must fit
 * cluster.max_shards_per_node (ShardLimitValidator.validateShardLimit on the state before the restore, each index
 * alone, as RestoreService checks it); each index is added with its primaries recovering from SNAPSHOT at the
 * snapshotted primary terms, replicas from PEER.
 * Nothing is applied unless every index can be.
 */
import type { ClusterState, IndexMetadata as ClusterIndexMetadata } from '../cluster/state/cluster-state.ts'
import { createIndex, deleteIndex } from '../cluster/state/metadata-indices.ts'
import { esIndexMetadata, indicesMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { validateShardLimit } from '../cluster/metadata/shard-limit-validator.ts'
import type { IndexMetadata } from '../index/index-metadata.ts'
import { indexNotFoundException, illegalArgumentException } from '../errors/index.ts'
import { simpleMatch } from '../common/simple-match.ts'
import { javaReplaceAll, safeJavaPattern } from '../ingest/java-regex.ts'
import { snapshotRestoreException } from './snapshot-exceptions.ts'

/** Where a restored index's primaries read their shards: kept in the index's metadata (SnapshotRecoverySource). */
export interface SnapshotRecoverySource {
  repository: string
  snapshot: string
  snapshotUuid: string
  /** The IndexId of the index in the repository, and the index's name in the snapshot. */
  indexId: string
  index: string
  /** RestoreService's restoreUUID: one random id per restore request, shared by the indices it restores. */
  restoreUuid: string
}

export interface RestoreRequest {
  indices: string | undefined
  ignoreUnavailable: boolean
  renamePattern: string | undefined
  renameReplacement: string | undefined
  includeAliases: boolean
  indexSettings: Readonly<Record<string, string>>
  ignoreIndexSettings: readonly string[]
}

export interface RestoredIndex {
  /** The new index's metadata, `restore` naming its snapshot. */
  metadata: IndexMetadata
  primaryTerms: readonly number[]
}

const UNMODIFIABLE_SETTINGS = [
  'index.number_of_shards',
  'index.version.created',
  'index.uuid',
  'index.creation_date',
]

/** The snapshot's indices the request's expression names, in the snapshot's order. */
export function selectIndices(snapshotIndices: readonly string[], request: RestoreRequest): string[] {
  const expressions =
    request.indices === undefined || request.indices === '' ? ['*'] : request.indices.split(',')
  const selected = new Set<string>()
  for (const expression of expressions) {
    if (expression === '_all' || expression.includes('*')) {
      const pattern = expression === '_all' ? '*' : expression
      for (const index of snapshotIndices) if (simpleMatch(pattern, index)) selected.add(index)
    } else if (snapshotIndices.includes(expression)) selected.add(expression)
    else if (!request.ignoreUnavailable) throw indexNotFoundException(expression)
  }
  return snapshotIndices.filter((index) => selected.has(index))
}

/** RestoreService.renamedIndices: each restored index's new name, refusing two renamed into one. */
export function renamedIndices(
  indices: readonly string[],
  request: RestoreRequest,
  refuse: (why: string) => Error,
): Map<string, string> {
  const pattern = request.renamePattern === undefined ? null : safeJavaPattern(request.renamePattern)
  const renamed = new Map<string, string>()
  const sources = new Map<string, string>()
  for (const index of indices) {
    const name =
      pattern === null || request.renameReplacement === undefined
        ? index
        : javaReplaceAll(index, pattern, request.renameReplacement)
    const previous = sources.get(name)
    if (previous !== undefined)
      throw refuse(`indices [${index}] and [${previous}] are renamed into the same index [${name}]`)
    sources.set(name, index)
    renamed.set(index, name)
  }
  return renamed
}

function settingKey(key: string): string {
  return key.startsWith('index.') ? key : `index.${key}`
}

/** The snapshotted index metadata as the restored index's: new name and uuid, the request's settings. */
export function restoredMetadata(
  snapshotted: ClusterIndexMetadata,
  name: string,
  uuid: string,
  request: RestoreRequest,
  source: SnapshotRecoverySource,
  refuse: (why: string) => Error,
): RestoredIndex {
  const metadata: IndexMetadata = { ...esIndexMetadata(snapshotted), name, uuid, restore: source }
  delete metadata.state
  if (!request.includeAliases) delete metadata.aliases
  for (const raw of request.ignoreIndexSettings) {
    const key = settingKey(raw)
    if (UNMODIFIABLE_SETTINGS.includes(key)) throw refuse(`cannot remove setting [${key}] on restore`)
    throw illegalArgumentException(`[playground] ignore_index_settings [${key}] is not supported on restore`)
  }
  for (const [raw, value] of Object.entries(request.indexSettings)) {
    const key = settingKey(raw)
    if (UNMODIFIABLE_SETTINGS.includes(key)) throw refuse(`cannot modify setting [${key}] on restore`)
    if (key !== 'index.number_of_replicas' || !/^\d+$/.test(value))
      throw illegalArgumentException(
        `[playground] index_settings on restore supports index.number_of_replicas only, not [${key}=${value}]`,
      )
    metadata.numberOfReplicas = Number(value)
  }
  return { metadata, primaryTerms: snapshotted.primaryTerms }
}

/** The master's part: the restored indices added together, or none when one name holds an open index. */
export function applyRestore(
  state: ClusterState,
  restored: readonly RestoredIndex[],
  now: number,
): ClusterState {
  let next = state
  for (const { metadata, primaryTerms } of restored) {
    const existing = next.metadata.indices[metadata.name]
    const source = metadata.restore!
    if (existing && esIndexMetadata(existing).state !== 'close') {
      throw snapshotRestoreException(
        source.repository,
        source.snapshot,
        source.snapshotUuid,
        `cannot restore index [${metadata.name}] because an open index with same name already exists in the cluster. ` +
          'Either close or delete the existing index or restore the index under a different name by providing a ' +
          'rename pattern and replacement name',
      )
    }
    // A new index must fit cluster.max_shards_per_node, each checked alone against the state before the restore;
    // a closed index the restore replaces is not checked.
    if (existing) next = deleteIndex(next, metadata.name)
    else {
      const copies = metadata.numberOfShards * (metadata.numberOfReplicas + 1)
      validateShardLimit(state, indicesMetadata(state), copies)
    }
    next = createIndex(
      next,
      {
        name: metadata.name,
        uuid: metadata.uuid,
        numberOfShards: metadata.numberOfShards,
        numberOfReplicas: metadata.numberOfReplicas,
        settings: metadata,
        mappings: null,
        restore: { primaryTerms },
      },
      now,
    )
  }
  return next
}
