/**
 * Where a resized index's primaries may start (ES 8), for an unassigned primary recovering from LOCAL_SHARDS:
 * - ResizeAllocationDecider (`resize`): a split or clone target shard goes to the node holding the active primary
 *   of the source shard it is built from ("source primary is allocated on this node"); a shrink is not its
 *   business (Decision.ALWAYS, which decisions never list: null here), nor is any other copy;
 * - FilterAllocationDecider's initial recovery filter (`filter`): a shrunk index's primaries only go to the nodes
 *   of index.routing.allocation.initial_recovery._id, those that held a copy of every source shard.
 * Texts are ES's, with Index.toString (`[name/uuid]`) and ShardId.toString (`[name][shard]`).
 */
import type { DiscoveryNode } from '../state/discovery-node.ts'
import { activePrimary, type ShardRouting } from '../state/shard-routing.ts'
import { esIndexMetadata } from '../metadata/es-index-metadata.ts'
import { selectCloneShard, selectSplitShard } from '../metadata/resize-shards.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'
import type { Decision } from './allocation-deciders.ts'
import type { RoutingAllocation } from './routing-allocation.ts'

/** The resized index of an unassigned primary recovering from its source's shards, else null. */
function resizedTarget(allocation: RoutingAllocation, copy: ShardRouting): IndexMetadata | null {
  if (copy.unassignedInfo === null || copy.recoverySource !== 'LOCAL_SHARDS') return null
  const target = esIndexMetadata(allocation.metadata(copy.index))
  return target.resize === undefined ? null : target
}

export function resizeAllocation(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  node: DiscoveryNode,
): Decision | null {
  const target = resizedTarget(allocation, copy)
  if (target === null) return null
  const decider = 'resize'
  const { sourceName, sourceUuid } = target.resize!
  const found = allocation.state.metadata.indices[sourceName]
  if (!found || found.uuid !== sourceUuid) {
    return {
      decider,
      type: 'NO',
      explanation: `resize source index [[${sourceName}/${sourceUuid}]] doesn't exists`,
    }
  }
  const source = esIndexMetadata(found)
  if (target.numberOfShards < source.numberOfShards) return null
  const shard =
    target.numberOfShards === source.numberOfShards
      ? selectCloneShard(copy.shard, source, target.numberOfShards)
      : selectSplitShard(copy.shard, source, target.numberOfShards)
  const primary = activePrimary(allocation.copies(sourceName, shard))
  if (primary === undefined) {
    return {
      decider,
      type: 'NO',
      explanation: `source primary shard [[${sourceName}][${shard}]] is not active`,
    }
  }
  return primary.nodeId === node.id
    ? { decider, type: 'YES', explanation: 'source primary is allocated on this node' }
    : { decider, type: 'NO', explanation: 'source primary is allocated on another node' }
}

/** FilterAllocationDecider.canAllocate's initial recovery filter: NO off a shrink's nodes, else null. */
export function initialRecoveryFilter(
  allocation: RoutingAllocation,
  copy: ShardRouting,
  node: DiscoveryNode,
): Decision | null {
  const ids = resizedTarget(allocation, copy)?.resize?.initialRecoveryIds ?? null
  if (ids === null || ids.split(',').includes(node.id)) return null
  return {
    decider: 'filter',
    type: 'NO',
    explanation:
      `initial allocation of the shrunken index is only allowed on nodes [_id:"${ids}"] that hold a copy of ` +
      'every shard in the index',
  }
}
