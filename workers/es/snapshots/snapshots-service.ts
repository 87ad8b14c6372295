/**
 * SnapshotsService: creating and deleting snapshots of an fs repository. ES runs a snapshot from the master
 * (SnapshotsInProgress in the cluster state, SnapshotShardsService on each primary's node); here the node that
 * took the request runs it (docs/DEVIATIONS.md), in the same order:
 * - the name is checked (SnapshotsService.validate: not empty, no whitespace, `,`, `#` or leading `_`,
 *   lowercase) and must be new in the repository;
 * - the indices (`indices`, default every open and hidden index; missing names are index_not_found_exception
 *   unless `ignore_unavailable`) are resolved on the current state;
 * - each primary flushes and hands over its commit's documents (`snapshot_shard`), written with the index's
 *   metadata, then the SnapshotInfo and the RepositoryData generation that lists the snapshot (SUCCESS, or
 *   PARTIAL with the failures of shards that had no started primary when `partial` is true; without it a
 *   missing primary fails the whole request as ES does before starting).
 */
import type { Clock } from '../../net/clock.ts'
import type { NodeClient } from '../action/node-client.ts'
import type { IndexMetadata } from '../cluster/state/cluster-state.ts'
import type { IndicesOptions } from '../cluster/metadata/indices-options.ts'
import { indicesMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { concreteIndexNames } from '../cluster/metadata/index-abstraction.ts'
import type {
  BlobStoreRepository,
  RepositoryData,
  ShardSnapshot,
} from '../repositories/blob-store-repository.ts'
import type { RepositoriesService } from '../repositories/repositories-service.ts'
import { invalidSnapshotNameException, snapshotMissingException } from './snapshot-exceptions.ts'
import type { SnapshotInfo, SnapshotShardFailure } from './snapshot-info.ts'
import { isActive } from '../cluster/state/shard-routing.ts'
import { EsException } from '../errors/index.ts'

export interface CreateSnapshotRequest {
  repository: string
  snapshot: string
  /** The `indices` expression (comma-separated); undefined: all. */
  indices: string | undefined
  indicesOptions: IndicesOptions
  includeGlobalState: boolean
  partial: boolean
}

export interface SnapshotsDeps {
  clock: Clock
  client: NodeClient
  repositories: RepositoriesService
  newUuid(): string
}

/** SnapshotsService.validate's checks of a new snapshot's name. */
export function validateSnapshotName(repository: string, snapshot: string): void {
  const refuse = (why: string): never => {
    throw invalidSnapshotNameException(repository, snapshot, why)
  }
  if (snapshot === '') refuse('cannot be empty')
  if (/\s/.test(snapshot)) refuse('must not contain whitespace')
  if (snapshot.includes(',')) refuse("must not contain ','")
  if (snapshot.includes('#')) refuse("must not contain '#'")
  if (snapshot.startsWith('_')) refuse("must not start with '_'")
  if (snapshot.toLowerCase() !== snapshot) refuse('must be lowercase')
}

/** The snapshot `name` of the repository data, or snapshot_missing_exception. */
export function snapshotEntry(
  data: RepositoryData,
  repository: string,
  name: string,
): RepositoryData['snapshots'][number] {
  const entry = data.snapshots.find((snapshot) => snapshot.name === name)
  if (!entry) throw snapshotMissingException(repository, name)
  return entry
}

export class SnapshotsService {
  constructor(private readonly deps: SnapshotsDeps) {}

  /**
   * Checks the request and starts the snapshot: resolves once it is accepted (what a request without
   * wait_for_completion answers), with the snapshot's completion.
   */
  async createSnapshot(request: CreateSnapshotRequest): Promise<{ completion: Promise<SnapshotInfo> }> {
    const { repository: name, snapshot } = request
    validateSnapshotName(name, snapshot)
    const state = this.deps.client.cluster.state()
    const repository = this.deps.repositories.open(state, name)
    const data = await repository.repositoryData()
    if (data.snapshots.some((entry) => entry.name === snapshot))
      throw invalidSnapshotNameException(name, snapshot, 'snapshot with the same name already exists')
    const names = concreteIndexNames(indicesMetadata(state), request.indices, request.indicesOptions)
    if (!request.partial) {
      for (const index of names) {
        const groups = state.routingTable[index] ?? []
        if (groups.some((copies) => !copies.some((copy) => copy.primary && isActive(copy))))
          throw new EsException({
            type: 'snapshot_exception',
            reason: `[${name}:${snapshot}] Indices don't have primary shards [${index}]`,
            status: 500,
          })
      }
    }
    return { completion: this.runSnapshot(request, repository, data, names) }
  }

  private async runSnapshot(
    request: CreateSnapshotRequest,
    repository: BlobStoreRepository,
    data: RepositoryData,
    names: readonly string[],
  ): Promise<SnapshotInfo> {
    const { repository: name, snapshot } = request
    const state = this.deps.client.cluster.state()
    const uuid = this.deps.newUuid()
    const startTime = this.deps.clock.now()
    const failures: SnapshotShardFailure[] = []
    const indices: Array<{ id: string; metadata: IndexMetadata; shards: ShardSnapshot[] }> = []
    let totalShards = 0
    for (const index of names) {
      const metadata = state.metadata.indices[index]
      if (!metadata) continue
      const shards: ShardSnapshot[] = []
      for (let shard = 0; shard < metadata.numberOfShards; shard++) {
        totalShards++
        const taken = await this.snapshotShard(index, shard)
        if ('reason' in taken) failures.push({ ...taken, index, indexUuid: metadata.uuid, shard })
        else shards.push(taken)
      }
      indices.push({ id: data.indices[index]?.id ?? this.deps.newUuid(), metadata, shards })
    }
    const info: SnapshotInfo = {
      name: snapshot,
      uuid,
      repository: name,
      indices: indices.map((index) => index.metadata.name),
      dataStreams: [],
      includeGlobalState: request.includeGlobalState,
      state: failures.length === 0 ? 'SUCCESS' : 'PARTIAL',
      reason: null,
      startTime,
      endTime: this.deps.clock.now(),
      totalShards,
      successfulShards: totalShards - failures.length,
      failures,
    }
    await this.finalize(repository, data, info, indices)
    return info
  }

  private async finalize(
    repository: BlobStoreRepository,
    data: RepositoryData,
    info: SnapshotInfo,
    indices: ReadonlyArray<{ id: string; metadata: IndexMetadata; shards: ShardSnapshot[] }>,
  ): Promise<void> {
    const first = data.uuid === '_na_'
    const written = await repository.finalizeSnapshot(
      first ? { ...data, uuid: this.deps.newUuid() } : data,
      info,
      indices,
    )
    if (first)
      await this.deps.client.cluster.execute({
        type: 'repository_uuid',
        name: info.repository,
        uuid: written.uuid,
      })
  }

  /** SnapshotShardsService on the primary: its committed documents, or the shard failure. */
  private async snapshotShard(
    index: string,
    shard: number,
  ): Promise<ShardSnapshot | Pick<SnapshotShardFailure, 'reason' | 'nodeId' | 'status'>> {
    const startTime = this.deps.clock.now()
    const response = await this.deps.client.toActiveCopy(index, shard, (target) => ({
      ...target,
      type: 'snapshot_shard',
    }))
    if (response?.type !== 'shard_snapshot')
      return { reason: 'primary shard is not allocated', nodeId: null, status: 'INTERNAL_SERVER_ERROR' }
    const { docs, maxSeqNo, files, bytes } = response
    return { docs, maxSeqNo, files, bytes, startTime, time: this.deps.clock.now() - startTime }
  }

  /** SnapshotsService.deleteSnapshots for one snapshot name. */
  async deleteSnapshot(repositoryName: string, snapshot: string): Promise<void> {
    const repository = this.deps.repositories.open(this.deps.client.cluster.state(), repositoryName)
    const data = await repository.repositoryData()
    const entry = snapshotEntry(data, repositoryName, snapshot)
    await repository.deleteSnapshot(data, entry.uuid)
  }
}
