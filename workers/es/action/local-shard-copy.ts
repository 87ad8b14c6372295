/**
 * The copy of a shard a node holds, as a shard request finds it: the index must be the one the request names
 * (same uuid, so a deleted and recreated index is not mistaken for it), the copy recovered and routed, and, when
 * the request needs the primary, the started primary. Null otherwise: the sender retries on a newer state.
 */
import type { IndexService } from '../index/index-service.ts'
import type { IndexShard } from '../index/shard/index-shard.ts'
import type { IndicesService } from '../indices/indices-service.ts'
import { isActive } from '../cluster/state/shard-routing.ts'
import type { ShardResponse, ShardTarget } from './shard-messages.ts'

/** The answer to a shard request this node cannot serve (no such copy here, or not the started primary). */
export const unavailable = (reason: string): ShardResponse => ({ type: 'unavailable', reason })

export interface LocalShardCopy {
  index: IndexService
  shard: IndexShard
}

export function localShardCopy(
  indices: IndicesService,
  target: ShardTarget,
  primary: boolean,
): LocalShardCopy | null {
  const index = indices.get(target.index)
  if (!index || index.metadata.uuid !== target.uuid) return null
  const shard = index.shards.get(target.shard)
  if (!shard?.recovered || !shard.routing) return null
  if (primary && !(shard.routing.primary && isActive(shard.routing))) return null
  return { index, shard }
}
