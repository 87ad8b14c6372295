/**
 * Which shard a document lives on, as ES 8's IndexRouting computes it: floorMod(murmur3(routing),
 * routingNumShards) / routingFactor, where routing is `_routing` or else `_id`, and routingNumShards is
 * number_of_routing_shards (by default the shard count doubled up to at most 1024, so splits stay
 * possible: MetadataCreateIndexService.calculateNumRoutingShards; an explicit one is checked by
 * checkRoutingNumShards).
 */
import { murmur3HashRouting } from './murmur3.ts'
import { illegalArgumentException } from '../../errors/index.ts'

export function defaultRoutingNumShards(numberOfShards: number): number {
  const log2MaxNumShards = 10
  const log2NumShards = 32 - Math.clz32(numberOfShards - 1)
  const numSplits = Math.max(1, log2MaxNumShards - log2NumShards)
  return numberOfShards * 2 ** numSplits
}

/**
 * IndexMetadata's validator of an explicit number_of_routing_shards: at least the shard count, and when larger a
 * whole multiple of it (getRoutingFactor's split case).
 */
export function checkRoutingNumShards(routingNumShards: number, numberOfShards: number): void {
  if (routingNumShards < numberOfShards) {
    throw illegalArgumentException(
      `index.number_of_routing_shards [${routingNumShards}] must be >= index.number_of_shards [${numberOfShards}]`,
    )
  }
  const factor = Math.floor(routingNumShards / numberOfShards)
  if (routingNumShards > numberOfShards && (factor * numberOfShards !== routingNumShards || factor <= 1)) {
    throw illegalArgumentException(
      `the number of source shards [${numberOfShards}] must be a factor of [${routingNumShards}]`,
    )
  }
}

export function shardId(
  id: string,
  routing: string | null,
  numberOfShards: number,
  routingNumShards: number,
): number {
  const hash = murmur3HashRouting(routing ?? id)
  const routingFactor = routingNumShards / numberOfShards
  const mod = ((hash % routingNumShards) + routingNumShards) % routingNumShards
  return Math.floor(mod / routingFactor)
}
