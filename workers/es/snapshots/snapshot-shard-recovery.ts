/**
 * A restored index's primary recovering from SNAPSHOT (ES's StoreRecovery.restore through
 * BlobStoreRepository.restoreShard): the shard's blob is read from the repository the index's restore source
 * names, on the filesystem this node mounts under path.repo, and its documents are replayed as operations with
 * the version, seq_no and primary term they had in the snapshot; the commit's max_seq_no becomes the copy's
 * local checkpoint. A repository this node cannot open or a missing blob answers `missing` with the reason the
 * copy is failed with.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { IndexMetadata } from '../index/index-metadata.ts'
import type { ShardOperation } from '../index/shard/shard-operation.ts'
import { EsException } from '../errors/index.ts'
import type { RepositoriesService } from '../repositories/repositories-service.ts'

export interface SnapshotShardRestore {
  operations: ShardOperation[]
  maxSeqNo: number
  /** The bytes of the shard's files read from the repository (RecoveryState.Index's recovered bytes). */
  bytes: number
  files: number
}

export async function snapshotShardRestore(
  repositories: RepositoriesService,
  state: ClusterState,
  metadata: IndexMetadata,
  shard: number,
): Promise<SnapshotShardRestore | { missing: string }> {
  const source = metadata.restore
  if (source === undefined) return { missing: `index [${metadata.name}] has no snapshot to restore from` }
  try {
    const repository = repositories.open(state, source.repository)
    const blob = await repository.shardSnapshot(source.indexId, shard, source.snapshotUuid)
    if (blob === null)
      return {
        missing: `[${source.repository}:${source.snapshot}/${source.snapshotUuid}] failed to restore shard [${metadata.name}][${shard}]: no such blob`,
      }
    return {
      operations: blob.docs.map((doc) => ({ op: 'index', doc })),
      maxSeqNo: blob.maxSeqNo,
      bytes: blob.bytes,
      files: blob.files,
    }
  } catch (error) {
    if (error instanceof EsException) return { missing: error.reason }
    throw error
  }
}
