/**
 * Which source shards a resized index's shard is built from, as ES 8's IndexMetadata computes it
 * (getRoutingFactor, selectSplitShard, selectShrinkShards, selectCloneShard, selectRecoverFromShards), with
 * its error texts (ES's own wording, "less that" included):
 * - split: the target count a multiple (factor above 1) of the source's, and a divisor of the source's
 *   routing_num_shards (any count when the source has one shard); target shard t comes from source t / factor;
 * - shrink: the target count a divisor of the source's; target shard t merges source shards
 *   t·factor … t·factor + factor − 1;
 * - clone: the same count; target shard t is source shard t.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'

/** ResizeType: the three ways an index is resized. */
export type ResizeType = 'split' | 'shrink' | 'clone'

/** java.lang.IllegalStateException as the REST layer renders it (500). */
export function illegalStateException(reason: string): EsException {
  return new EsException({ type: 'illegal_state_exception', reason, status: 500, rootCause: false })
}

/** IndexMetadata.getRoutingFactor: how many source shards make one target shard (shrink) or the reverse. */
export function routingFactor(sourceShards: number, targetShards: number): number {
  if (sourceShards < targetShards) {
    const factor = Math.floor(targetShards / sourceShards)
    if (factor * sourceShards !== targetShards || factor <= 1) {
      throw illegalArgumentException(
        `the number of source shards [${sourceShards}] must be a factor of [${targetShards}]`,
      )
    }
    return factor
  }
  if (sourceShards > targetShards) {
    const factor = Math.floor(sourceShards / targetShards)
    if (factor * targetShards !== sourceShards || factor <= 1) {
      throw illegalArgumentException(
        `the number of source shards [${sourceShards}] must be a multiple of [${targetShards}]`,
      )
    }
    return factor
  }
  return 1
}

function checkShardId(shard: number, targetShards: number): void {
  if (shard >= targetShards) {
    throw illegalArgumentException(
      `the number of target shards (${targetShards}) must be greater than the shard id: ${shard}`,
    )
  }
}

/** IndexMetadata.selectSplitShard: the source shard target shard `shard` is split off. */
export function selectSplitShard(shard: number, source: IndexMetadata, targetShards: number): number {
  const sourceShards = source.numberOfShards
  checkShardId(shard, targetShards)
  const factor = routingFactor(sourceShards, targetShards)
  if (sourceShards > targetShards) {
    throw illegalArgumentException(
      `the number of source shards [${sourceShards}] must be less that the number of target shards [${targetShards}]`,
    )
  }
  // From one shard an index splits into any count: its routing_num_shards is not consulted.
  const routingNumShards = sourceShards === 1 ? targetShards : source.routingNumShards
  if (routingNumShards % targetShards !== 0) {
    throw illegalStateException(
      `the number of routing shards [${routingNumShards}] must be a multiple of the target shards [${targetShards}]`,
    )
  }
  return Math.floor(shard / factor)
}

/** IndexMetadata.selectShrinkShards: the source shards merged into target shard `shard`. */
export function selectShrinkShards(shard: number, source: IndexMetadata, targetShards: number): number[] {
  checkShardId(shard, targetShards)
  if (source.numberOfShards < targetShards) {
    throw illegalArgumentException(
      `the number of target shards [${targetShards}] must be less that the number of source shards [${source.numberOfShards}]`,
    )
  }
  const factor = routingFactor(source.numberOfShards, targetShards)
  return Array.from({ length: factor }, (_, i) => shard * factor + i)
}

/** IndexMetadata.selectCloneShard: the source shard target shard `shard` copies. */
export function selectCloneShard(shard: number, source: IndexMetadata, targetShards: number): number {
  if (source.numberOfShards !== targetShards) {
    throw illegalArgumentException(
      `the number of target shards (${targetShards}) must be the same as the number of  source shards ( ${source.numberOfShards})`,
    )
  }
  return shard
}

/** IndexMetadata.selectRecoverFromShards: the source shards a target shard recovers from. */
export function selectRecoverFromShards(
  shard: number,
  source: IndexMetadata,
  targetShards: number,
): number[] {
  if (source.numberOfShards > targetShards) return selectShrinkShards(shard, source, targetShards)
  if (source.numberOfShards < targetShards) return [selectSplitShard(shard, source, targetShards)]
  return [selectCloneShard(shard, source, targetShards)]
}

/** The resize a source and a target shard count make: split up, shrink down, clone the same. */
export function resizeTypeOf(sourceShards: number, targetShards: number): ResizeType {
  if (sourceShards < targetShards) return 'split'
  return sourceShards > targetShards ? 'shrink' : 'clone'
}
