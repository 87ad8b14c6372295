/**
 * Which shard a document lives on, as ES 8's IndexRouting computes it: floorMod(murmur3(routing),
 * routingNumShards) / routingFactor, where routing is `_routing` or else `_id`, and routingNumShards is
 * number_of_routing_shards (by default the shard count doubled up to at most 1024, so splits stay
 * possible: MetadataCreateIndexService.calculateNumRoutingShards).
 */
import { murmur3HashRouting } from './murmur3.ts'

export function defaultRoutingNumShards(numberOfShards: number): number {
  const log2MaxNumShards = 10
  const log2NumShards = 32 - Math.clz32(numberOfShards - 1)
  const numSplits = Math.max(1, log2MaxNumShards - log2NumShards)
  return numberOfShards * 2 ** numSplits
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
