/**
 * Indices a node stored before it ran as a cluster member (the single-node layout: `indices/<uuid>/meta`, an
 * enveloped IndexMetadata, next to the shards' translogs at `indices/<uuid>/shards/<n>/translog/`, the layout
 * shard copies still use). At start-up each such index's shards are adopted as this node's stored copies
 * (a shard state record with a new allocation id), and once the cluster has a master the index is imported
 * as a dangling index (LocalAllocateDangledIndices): its primaries are then recovered from these stores. The
 * old metadata record is deleted once the import is committed, so nothing stored before is lost.
 */
import type { Storage } from '../../storage/storage.ts'
import { openEnvelope } from '../../storage/envelope.ts'
import type { Random } from '../../net/random.ts'
import { INDEX_METADATA_VERSION, metadataKey, type IndexMetadata } from '../index/index-metadata.ts'
import type { IndicesService } from '../indices/indices-service.ts'
import { randomBase64Id } from '../common/uuids.ts'
import type { ClusterService } from './cluster-service.ts'

export interface DanglingIndex {
  metadata: IndexMetadata
  /** Per shard: the allocation id its stored copy now has. */
  allocationIds: string[]
}

/** Reads the old-layout indices and records their shards as this node's copies. */
export async function adoptLegacyIndices(
  storage: Storage,
  indices: IndicesService,
  random: Random,
): Promise<DanglingIndex[]> {
  const dangling: DanglingIndex[] = []
  for (const key of await storage.keys('es', 'indices/')) {
    if (!key.endsWith('/meta')) continue
    const bytes = await storage.get('es', key)
    if (!bytes) continue
    const metadata = openEnvelope(bytes, INDEX_METADATA_VERSION, `index metadata ${key}`) as IndexMetadata
    const allocationIds = Array.from(
      { length: metadata.numberOfShards },
      (_, shard) => indices.storedCopy(metadata.uuid, shard)?.allocationId ?? randomBase64Id(random),
    )
    await storage.write(
      allocationIds.map((allocationId, shard) =>
        indices.shardStateOp({ indexUuid: metadata.uuid, shard, allocationId }),
      ),
    )
    dangling.push({ metadata, allocationIds })
  }
  return dangling
}

/** Imports each dangling index through the master, then deletes its old metadata record. */
export async function importDanglingIndices(
  cluster: ClusterService,
  storage: Storage,
  dangling: readonly DanglingIndex[],
): Promise<void> {
  for (const { metadata, allocationIds } of dangling) {
    await cluster.execute({ type: 'import_dangling_index', metadata, allocationIds })
    await storage.write([{ store: 'es', key: metadataKey(metadata.uuid), value: null }])
  }
}
