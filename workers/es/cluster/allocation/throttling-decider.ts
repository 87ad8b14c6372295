/**
 * ES's ThrottlingAllocationDecider (`throttling`): how many recoveries a node runs at once.
 * - An unassigned primary recovers from a store (empty or existing): the node may run at most
 *   cluster.routing.allocation.node_initial_primaries_recoveries (4) initial primary recoveries, counted as its
 *   initializing primaries that are not relocation targets.
 * - Any other copy (a replica, a relocation target) recovers from its active primary by peer recovery: the node may
 *   take at most node_concurrent_incoming_recoveries (2) incoming recoveries, and the node holding the primary may
 *   serve at most node_concurrent_outgoing_recoveries (2) outgoing ones (both default to
 *   node_concurrent_recoveries). RoutingNodes counts a peer recovery as incoming on the recovering copy's node and
 *   outgoing on the node it copies from: the relocation source for a relocation target, else the active primary's.
 * Past a limit the decision is THROTTLE: the copy waits for a running recovery to end (a later reroute), as opposed
 * to NO.
 */
import { activePrimary, assignedShards, type ShardRouting } from '../state/shard-routing.ts'
import type { DiscoveryNode } from '../state/discovery-node.ts'
import type { Decision } from './allocation-deciders.ts'
import type { RoutingAllocation } from './routing-allocation.ts'

/** node_initial_primaries_recoveries' default. */
const NODE_INITIAL_PRIMARIES_RECOVERIES = 4
/** node_concurrent_recoveries' default, which node_concurrent_incoming/outgoing_recoveries take. */
const NODE_CONCURRENT_RECOVERIES = 2

const SETTING = 'cluster.routing.allocation'

export function throttling(allocation: RoutingAllocation, copy: ShardRouting, node: DiscoveryNode): Decision {
  const decider = 'throttling'
  if (copy.primary && copy.state === 'UNASSIGNED') {
    const inRecovery = allocation
      .all()
      .filter((c) => c.nodeId === node.id && c.state === 'INITIALIZING' && c.primary).length
    if (inRecovery >= NODE_INITIAL_PRIMARIES_RECOVERIES) {
      return {
        decider,
        type: 'THROTTLE',
        explanation:
          `reached the limit of ongoing initial primary recoveries [${inRecovery}], cluster setting ` +
          `[${SETTING}.node_initial_primaries_recoveries=${NODE_INITIAL_PRIMARIES_RECOVERIES}]`,
      }
    }
    return {
      decider,
      type: 'YES',
      explanation: `below primary recovery limit of [${NODE_INITIAL_PRIMARIES_RECOVERIES}]`,
    }
  }
  const recoveries = peerRecoveries(allocation)
  const incoming = recoveries.incoming.get(node.id) ?? 0
  if (incoming >= NODE_CONCURRENT_RECOVERIES) {
    return {
      decider,
      type: 'THROTTLE',
      explanation:
        `reached the limit of incoming shard recoveries [${incoming}], cluster setting ` +
        `[${SETTING}.node_concurrent_incoming_recoveries=${NODE_CONCURRENT_RECOVERIES}] ` +
        `(can also be set via [${SETTING}.node_concurrent_recoveries])`,
    }
  }
  const primary = activePrimary(allocation.copies(copy.index, copy.shard))
  if (primary === undefined || primary.nodeId === null) {
    return { decider, type: 'NO', explanation: 'primary shard for this replica is not yet active' }
  }
  const outgoing = recoveries.outgoing.get(primary.nodeId) ?? 0
  if (outgoing >= NODE_CONCURRENT_RECOVERIES) {
    return {
      decider,
      type: 'THROTTLE',
      explanation:
        `reached the limit of outgoing shard recoveries [${outgoing}] on the node [${primary.nodeId}] which ` +
        `holds the primary, cluster setting [${SETTING}.node_concurrent_outgoing_recoveries=` +
        `${NODE_CONCURRENT_RECOVERIES}] (can also be set via [${SETTING}.node_concurrent_recoveries])`,
    }
  }
  return {
    decider,
    type: 'YES',
    explanation:
      `below shard recovery limit of outgoing: [${outgoing} < ${NODE_CONCURRENT_RECOVERIES}] ` +
      `incoming: [${incoming} < ${NODE_CONCURRENT_RECOVERIES}]`,
  }
}

/** RoutingNodes' recovery counts: every initializing copy that recovers from a peer, per node, both ends. */
function peerRecoveries(allocation: RoutingAllocation): {
  incoming: Map<string, number>
  outgoing: Map<string, number>
} {
  const incoming = new Map<string, number>()
  const outgoing = new Map<string, number>()
  const add = (counts: Map<string, number>, nodeId: string): void => {
    counts.set(nodeId, (counts.get(nodeId) ?? 0) + 1)
  }
  for (const shard of Object.values(allocation.routing).flat()) {
    const copies = assignedShards(shard)
    const source = activePrimary(shard)?.nodeId ?? null
    for (const copy of copies) {
      if (copy.state !== 'INITIALIZING' || copy.nodeId === null || copy.recoverySource !== 'PEER') continue
      add(incoming, copy.nodeId)
      const from = copy.relocatingNodeId ?? source
      if (from !== null) add(outgoing, from)
    }
  }
  return { incoming, outgoing }
}
