/**
 * ActiveShardCount and ActiveShardsObserver: a request's `wait_for_active_shards` (a count of copies per shard,
 * or `all`, every copy; absent is the index default, 1: the primary) and the wait, up to the ack timeout
 * (30 s), until every shard of the indices has that many active copies. Answers whether it had them.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { isActive } from '../../cluster/state/shard-routing.ts'
import type { RestContext } from '../rest-context.ts'

export type ActiveShardCount = number | 'all'

/** How long an index action waits for its shards (the ack timeout, 30 s). */
const ACTIVE_SHARDS_TIMEOUT_MS = 30_000

/** ActiveShardCount.parseString; absent (or `index-setting`, in any case) is the default, one copy. */
export function parseActiveShardCount(value: string | undefined): ActiveShardCount {
  if (value === undefined || isIndexSetting(value)) return 1
  if (value === 'all') return 'all'
  const count = /^[+-]?\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(count) || Math.abs(count) > 2 ** 31 - 1) {
    throw illegalArgumentException(`cannot parse ActiveShardCount[${value}]`)
  }
  if (count < 0) throw illegalArgumentException('cannot set active shard count to a negative value')
  return count
}

/** RestCloseIndexAction's `"index-setting".equalsIgnoreCase(value)`. */
export const isIndexSetting = (value: string | undefined): boolean => value?.toLowerCase() === 'index-setting'

export async function waitForActiveShards(
  context: RestContext,
  indices: readonly string[],
  count: ActiveShardCount,
): Promise<boolean> {
  if (count === 0) return true
  const met = await context.client.cluster.waitFor(
    (state) => indices.every((index) => enoughShardsActive(state, index, count)),
    ACTIVE_SHARDS_TIMEOUT_MS,
  )
  return met !== null
}

/** ActiveShardCount.enoughShardsActive for one index: every shard group has `count` active copies. */
function enoughShardsActive(state: ClusterState, index: string, count: ActiveShardCount): boolean {
  const shards = state.routingTable[index]
  if (shards === undefined) return false
  return shards.every((copies) => {
    const active = copies.filter(isActive).length
    return count === 'all'
      ? active === copies.length
      : active >= count && copies.some((c) => c.primary && isActive(c))
  })
}
