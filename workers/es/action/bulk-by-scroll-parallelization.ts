/**
 * BulkByScrollParallelizationHelper and AbstractBulkByScrollRequest.forSlice (ES 8.17): how many slices a by-query
 * run gets and what each slice's request keeps of the run's.
 *
 * `slices=auto` (AUTO_SLICES, 0) becomes one slice per shard of the source index with the fewest shards (all the
 * shards of each concrete index the request names, as ClusterSearchShards lists them; one when it names none), at
 * most AUTO_SLICE_CEILING (20). One slice is an unsliced run.
 *
 * A slice's request splits `max_docs` (when set) as an integer division of it by the number of slices, rounding down;
 * a share of 0 fails setMaxDocs ("[max_docs] should be >= [slices]", the slice's request having one slice).
 * requests_per_second is split in bulk-by-scroll-task.ts.
 */
import { illegalArgumentException } from '../errors/index.ts'
import type { IndexService } from '../index/index-service.ts'
import type { BulkByScrollOptions } from './bulk-by-scroll.ts'

export const AUTO_SLICES = 0
const AUTO_SLICE_CEILING = 20

/** initTaskState: the configured number of slices, `auto` counted from the indices (countSlicesBasedOnShards). */
export function resolveSlices(configured: number, indices: ReadonlyArray<{ index: IndexService }>): number {
  if (configured !== AUTO_SLICES) return configured
  const shards = new Map(indices.map(({ index }) => [index.metadata.name, index.metadata.numberOfShards]))
  const leastShards = shards.size === 0 ? 1 : Math.min(...shards.values())
  return Math.min(leastShards, AUTO_SLICE_CEILING)
}

/** doForSlice: the options of one of `totalSlices` slices (the run's own when it is not sliced). */
export function forSlice(options: BulkByScrollOptions, totalSlices: number): BulkByScrollOptions {
  if (totalSlices <= 1 || options.maxDocs === Infinity) return options
  const maxDocs = Math.trunc(options.maxDocs / totalSlices)
  if (maxDocs < 1) throw illegalArgumentException('[max_docs] should be >= [slices]')
  return { ...options, maxDocs }
}
