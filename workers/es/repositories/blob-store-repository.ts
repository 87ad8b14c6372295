/**
 * BlobStoreRepository over an fs repository's directory: the blob layout ES writes, with the playground's
 * contents in each blob.
 *
 *   index-<N>                               RepositoryData generation N: the repository uuid, its snapshots
 *                                           (name, uuid, state, times, indices) and an IndexId per index name
 *   index.latest                            the current generation N
 *   snap-<uuid>.dat                         the snapshot's SnapshotInfo
 *   indices/<index id>/meta-<uuid>.dat      the index's metadata (cluster-state IndexMetadata) as snapshotted
 *   indices/<index id>/<shard>/snap-<uuid>.dat   the shard's committed documents with the commit's file stats
 *
 * ES copies only the segment files a repository does not hold yet (incremental snapshots); the playground writes
 * each shard whole into its snapshot's blob (docs/DEVIATIONS.md), while the file counts it reports follow the
 * commit's segments. A new generation is written after the blobs it names, then index.latest; deleting a snapshot
 * writes the generation without it and removes its blobs (and an index id's folder no snapshot uses) at once.
 */
import type { IndexMetadata } from '../cluster/state/cluster-state.ts'
import type { StoredDocument } from '../index/shard/shard-operation.ts'
import type { SnapshotInfo } from '../snapshots/snapshot-info.ts'
import type { FsBlobStore } from './fs-blob-store.ts'

export interface SnapshotEntry {
  name: string
  uuid: string
  state: SnapshotInfo['state']
  startTime: number
  endTime: number
}

export interface RepositoryData {
  uuid: string
  generation: number
  snapshots: SnapshotEntry[]
  /** Index name → its IndexId and the uuids of the snapshots holding it. */
  indices: Record<string, { id: string; snapshots: string[] }>
}

export interface ShardSnapshot {
  docs: StoredDocument[]
  maxSeqNo: number
  /** The commit's files and their bytes (IndexShardSnapshotStatus's incremental and total counts). */
  files: number
  bytes: number
  startTime: number
  time: number
}

export const EMPTY_GENERATION = -1

export class BlobStoreRepository {
  constructor(readonly blobs: FsBlobStore) {}

  /** The current RepositoryData, or an empty one (uuid `_na_`) before the first snapshot. */
  async repositoryData(): Promise<RepositoryData> {
    const latest = await this.blobs.read<number>('index.latest')
    const data = latest === null ? null : await this.blobs.read<RepositoryData>(`index-${latest}`)
    return data ?? { uuid: '_na_', generation: EMPTY_GENERATION, snapshots: [], indices: {} }
  }

  async snapshotInfo(uuid: string): Promise<SnapshotInfo | null> {
    return this.blobs.read<SnapshotInfo>(`snap-${uuid}.dat`)
  }

  indexMetadata(indexId: string, uuid: string): Promise<IndexMetadata | null> {
    return this.blobs.read<IndexMetadata>(`indices/${indexId}/meta-${uuid}.dat`)
  }

  shardSnapshot(indexId: string, shard: number, uuid: string): Promise<ShardSnapshot | null> {
    return this.blobs.read<ShardSnapshot>(`indices/${indexId}/${shard}/snap-${uuid}.dat`)
  }

  /** The byte length of a shard's blob in the repository. */
  shardBlobSize(indexId: string, shard: number, uuid: string): Promise<number> {
    return this.blobs.size(`indices/${indexId}/${shard}/snap-${uuid}.dat`)
  }

  /** Writes a finished snapshot's blobs, then the generation that lists it, then index.latest. */
  async finalizeSnapshot(
    data: RepositoryData,
    info: SnapshotInfo,
    indices: ReadonlyArray<{ id: string; metadata: IndexMetadata; shards: ShardSnapshot[] }>,
  ): Promise<RepositoryData> {
    const next: RepositoryData = {
      uuid: data.uuid,
      generation: data.generation + 1,
      snapshots: [
        ...data.snapshots,
        {
          name: info.name,
          uuid: info.uuid,
          state: info.state,
          startTime: info.startTime,
          endTime: info.endTime,
        },
      ],
      indices: { ...data.indices },
    }
    const blobs: Array<readonly [string, unknown]> = [[`snap-${info.uuid}.dat`, info]]
    for (const { id, metadata, shards } of indices) {
      const known = next.indices[metadata.name]
      next.indices[metadata.name] = { id, snapshots: [...(known?.snapshots ?? []), info.uuid] }
      blobs.push([`indices/${id}/meta-${info.uuid}.dat`, metadata])
      shards.forEach((shard, number) => blobs.push([`indices/${id}/${number}/snap-${info.uuid}.dat`, shard]))
    }
    await this.blobs.write(blobs)
    await this.blobs.write([[`index-${next.generation}`, next]])
    await this.blobs.write([
      ['index.latest', next.generation],
      ...(data.generation === EMPTY_GENERATION ? [] : [[`index-${data.generation}`, null] as const]),
    ])
    return next
  }

  /** Removes a snapshot: the new generation first, then its blobs and the index folders left unused. */
  async deleteSnapshot(data: RepositoryData, uuid: string): Promise<void> {
    const next: RepositoryData = {
      uuid: data.uuid,
      generation: data.generation + 1,
      snapshots: data.snapshots.filter((entry) => entry.uuid !== uuid),
      indices: {},
    }
    const removed: string[] = [`snap-${uuid}.dat`]
    for (const [name, { id, snapshots }] of Object.entries(data.indices)) {
      const left = snapshots.filter((held) => held !== uuid)
      if (left.length > 0) next.indices[name] = { id, snapshots: left }
      if (left.length === snapshots.length) continue
      const files = await this.blobs.list(`indices/${id}/`)
      removed.push(...files.filter((path) => left.length === 0 || path.endsWith(`-${uuid}.dat`)))
    }
    await this.blobs.write([[`index-${next.generation}`, next]])
    await this.blobs.write([
      ['index.latest', next.generation],
      [`index-${data.generation}`, null],
      ...removed.map((path) => [path, null] as const),
    ])
  }
}
