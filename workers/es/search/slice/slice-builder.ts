/**
 * SliceBuilder (ES 8.17): a `_search` body's `slice` (slice-parser.ts), and the bulk-by-scroll APIs' slices
 * (BulkByScrollParallelizationHelper.sliceIntoSubRequests gives slice `id` of `max` a SliceBuilder on `_id`). Each
 * shard of the sliced search turns it into a filter
 * (SliceBuilder.toFilter) from the shard's place in the search (ShardSearchRequest.shardRequestIndex, the shards
 * sorted as ShardId.compareTo sorts them: shard number, then index name, then index uuid) and the number of shards
 * the search reaches:
 *
 * - one shard: the slice query (slice-query.ts: a TermsSliceQuery(`_id`, id, max) for the by-query APIs) on it;
 * - max >= shards: slice `id` reads only shard `id % shards`; a shard that `k` slices share is split among them by a
 *   slice query (id / shards, k), a shard of one slice is read whole;
 * - max < shards: slice `id` reads the shards whose place % max is `id`, whole.
 *
 * TermsSliceQuery keeps a document when Math.floorMod(StringHelper.murmurhash3_x86_32(term, 7919), max) is the slice's
 * id, the term being the document's `_id` as the index stores it (Uid.encodeId).
 */
import { encodeId } from '../../index/mapper/uid.ts'
import { murmurhash3x86 } from '../queries/random-score.ts'

export interface SliceBuilder {
  /** The field sliced on; absent: the default (`_id` for a scroll, Lucene doc ids for a point in time). */
  field?: string
  /** -1 when the body leaves it out (SliceBuilder's unset value, which nothing checks). */
  id: number
  /** -1 when the body leaves it out. */
  max: number
}

/** What a shard reads of a slice: nothing, every document, or the documents of the slice query (id of max). */
export type SliceFilter = 'none' | 'all' | { id: number; max: number }

const TERMS_SLICE_SEED = 7919

/** SliceBuilder.toFilter for the shard at `shardIndex` of the `numShards` a scroll search reaches. */
export function sliceFilter(slice: SliceBuilder, shardIndex: number, numShards: number): SliceFilter {
  const { id, max } = slice
  if (numShards === 1) return { id, max }
  if (max >= numShards) {
    const targetShard = id % numShards
    if (targetShard !== shardIndex) return 'none'
    const slicesInShard = Math.trunc(max / numShards) + (max % numShards > targetShard ? 1 : 0)
    return slicesInShard === 1 ? 'all' : { id: Math.trunc(id / numShards), max: slicesInShard }
  }
  return shardIndex % max === id ? 'all' : 'none'
}

/** SliceQuery.contains: Math.floorMod(value, max) is the slice's id (Java's int arithmetic, a negative max too). */
export function sliceContains(slice: { id: number; max: number }, value: number): boolean {
  return ((value % slice.max) + slice.max) % slice.max === slice.id
}

/** TermsSliceQuery's test of one document id. */
export function termsSliceContains(slice: { id: number; max: number }, id: string): boolean {
  return sliceContains(slice, murmurhash3x86(encodeId(id), TERMS_SLICE_SEED))
}

export interface ShardRef {
  index: { name: string; uuid: string }
  shard: number
}

/** ShardId.compareTo: by shard number, then index name, then index uuid (String.compareTo, by UTF-16 units). */
function compareShardIds(a: ShardRef, b: ShardRef): number {
  if (a.shard !== b.shard) return a.shard - b.shard
  if (a.index.name !== b.index.name) return a.index.name < b.index.name ? -1 : 1
  if (a.index.uuid !== b.index.uuid) return a.index.uuid < b.index.uuid ? -1 : 1
  return 0
}

/**
 * Each shard's ShardSearchRequest.shardRequestIndex, in the order given: its place among the search's shards sorted
 * as TransportSearchAction sorts them (GroupShardsIterator.sortAndCreate, by ShardId).
 */
export function shardRequestIndices(shards: readonly ShardRef[]): number[] {
  const sorted = [...shards].sort(compareShardIds)
  return shards.map((ref) => sorted.indexOf(ref))
}
