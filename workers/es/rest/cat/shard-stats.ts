/**
 * Per-shard statistics for the _cat tables, read from what a searcher sees (as IndicesStats reads
 * Lucene's segments): `docs` is the number of live documents as of the last refresh; scheduled refreshes
 * that are due run first, as the refresh thread would have run them.
 *
 * `deleted` counts the documents marked deleted in the searcher's segments: Lucene keeps them (and ES
 * reports them) until a merge drops them.
 *
 * Store size model (a playground deviation: Lucene's real file sizes depend on codecs and merges):
 * an empty shard copy is 249 bytes, what ES 8.17 reports for a new empty shard, and every segment adds
 * its size (shard-segments.ts: the UTF-8 bytes of the `_id` and `_source` of its documents, deleted ones
 * included until merged away).
 */
import type { IndexShard } from '../../index/shard/index-shard.ts'
import type { LocalShardStats } from '../../action/shard-messages.ts'
import { ByteSize } from './byte-size.ts'

export const EMPTY_SHARD_BYTES = 249

export interface ShardStats {
  docs: number
  deleted: number
  store: ByteSize
}

/** One copy's statistics: the _cat cells, and the whole of what its node answered (ShardStats in ES). */
export interface CopyStats extends ShardStats {
  local: LocalShardStats
}

export function shardStats(shard: IndexShard): ShardStats {
  const docs = shard.searcherIndex.count({ type: 'matchAll', boost: 1 })
  const { deleted, sizeInBytes } = shard.storeStats
  return { docs, deleted, store: new ByteSize(EMPTY_SHARD_BYTES + sizeInBytes) }
}

/** The statistics of the copies among `copies` that have them (started copies that answered). */
export function copiesStats(
  stats: ReadonlyMap<string, ShardStats>,
  copies: ReadonlyArray<{ allocationId: string | null }>,
): ShardStats[] {
  return copies.flatMap((copy) => (copy.allocationId === null ? [] : (stats.get(copy.allocationId) ?? [])))
}

export function sumStats(stats: readonly ShardStats[]): ShardStats {
  let docs = 0
  let deleted = 0
  let bytes = 0
  for (const s of stats) {
    docs += s.docs
    deleted += s.deleted
    bytes += s.store.bytes
  }
  return { docs, deleted, store: new ByteSize(bytes) }
}
