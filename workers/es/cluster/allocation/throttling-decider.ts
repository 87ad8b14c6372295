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
 * The limits are the cluster settings in force (cluster-settings.ts), the defaults in brackets above.
 * Past a limit the decision is THROTTLE: the copy waits for a running recovery to end (a later reroute), as opposed
 * to NO.
 */
import { activePrimary, assignedShards, type ShardRouting } from '../state/shard-routing.ts'
import type { DiscoveryNode } from '../state/discovery-node.ts'
import type { Decision } from './allocation-deciders.ts'
import type { RoutingAllocation } from './routing-allocation.ts'
import {
  intSetting,
  NODE_CONCURRENT_INCOMING_RECOVERIES,
  NODE_CONCURRENT_OUTGOING_RECOVERIES,
  NODE_CONCURRENT_RECOVERIES,
  NODE_INITIAL_PRIMARIES_RECOVERIES,
} from '../metadata/cluster-settings.ts'

export function throttling(allocation: RoutingAllocation, copy: ShardRouting, node: DiscoveryNode): Decision {
  const decider = 'throttling'
  const { state } = allocation
  if (copy.primary && copy.state === 'UNASSIGNED') {
    const initialPrimaries = intSetting(state, NODE_INITIAL_PRIMARIES_RECOVERIES)
    const inRecovery = allocation
      .all()
      .filter((c) => c.nodeId === node.id && c.state === 'INITIALIZING' && c.primary).length
    if (inRecovery >= initialPrimaries) {
      return {
        decider,
        type: 'THROTTLE',
        explanation:
          `reached the limit of ongoing initial primary recoveries [${inRecovery}], cluster setting ` +
          `[${NODE_INITIAL_PRIMARIES_RECOVERIES}=${initialPrimaries}]`,
      }
    }
    return {
      decider,
      type: 'YES',
      explanation: `below primary recovery limit of [${initialPrimaries}]`,
    }
  }
  const recoveries = peerRecoveries(allocation)
  const incoming = recoveries.incoming.get(node.id) ?? 0
  const incomingLimit = intSetting(state, NODE_CONCURRENT_INCOMING_RECOVERIES)
  const outgoingLimit = intSetting(state, NODE_CONCURRENT_OUTGOING_RECOVERIES)
  if (incoming >= incomingLimit) {
    return {
      decider,
      type: 'THROTTLE',
      explanation:
        `reached the limit of incoming shard recoveries [${incoming}], cluster setting ` +
        `[${NODE_CONCURRENT_INCOMING_RECOVERIES}=${incomingLimit}] ` +
        `(can also be set via [${NODE_CONCURRENT_RECOVERIES}])`,
    }
  }
  const primary = activePrimary(allocation.copies(copy.index, copy.shard))
  if (primary === undefined || primary.nodeId === null) {
    return { decider, type: 'NO', explanation: 'primary shard for this replica is not yet active' }
  }
  const outgoing = recoveries.outgoing.get(primary.nodeId) ?? 0
  if (outgoing >= outgoingLimit) {
    return {
      decider,
      type: 'THROTTLE',
      explanation:
        `reached the limit of outgoing shard recoveries [${outgoing}] on the node [${primary.nodeId}] which ` +
        `holds the primary, cluster setting [${NODE_CONCURRENT_OUTGOING_RECOVERIES}=${outgoingLimit}] ` +
        `(can also be set via [${NODE_CONCURRENT_RECOVERIES}])`,
    }
  }
  return {
    decider,
    type: 'YES',
    explanation:
      `below shard recovery limit of outgoing: [${outgoing} < ${outgoingLimit}] ` +
      `incoming: [${incoming} < ${incomingLimit}]`,
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
