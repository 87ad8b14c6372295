/**
 * The master's membership updates as pure functions of the cluster state, as ES's NodeJoinExecutor
 * (including the "elected-as-master" task) and NodeLeftExecutor, and the finishing step every state
 * the master publishes goes through (Coordinator.improveConfiguration, AllocationService.disassociateDeadNodes):
 * - a node joining with an id the cluster lists under another ephemeral id is a restarted process: the old
 *   entry leaves first (its copies become NODE_LEFT), then the new one joins;
 * - the voting configuration changes only when the last change is committed (one reconfiguration at a
 *   time), to Reconfigurator's choice among the live master-eligible nodes.
 */
import { disassociateDeadNodes } from '../allocation/allocation-service.ts'
import type { AllocationContext } from '../allocation/routing-allocation.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import { isMasterNode, type DiscoveryNode } from '../state/discovery-node.ts'
import { reconfigure } from './reconfigurator.ts'

function sortNodes(nodes: readonly DiscoveryNode[]): DiscoveryNode[] {
  return [...nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export function nodesJoined(state: ClusterState, joining: readonly DiscoveryNode[]): ClusterState {
  const byId = new Map(state.nodes.map((node) => [node.id, node]))
  for (const node of joining) byId.set(node.id, node)
  return { ...state, nodes: sortNodes([...byId.values()]) }
}

export function nodesLeft(state: ClusterState, nodeIds: readonly string[]): ClusterState {
  return { ...state, nodes: state.nodes.filter((node) => !nodeIds.includes(node.id)) }
}

/** The first state of a new master: itself and the joining nodes added, restarted processes replaced. */
export function electedAsMaster(
  base: ClusterState,
  local: DiscoveryNode,
  joining: readonly DiscoveryNode[],
  newClusterUuid: string,
): ClusterState {
  const all = [local, ...joining]
  const restarted = base.nodes.filter((node) =>
    all.some((joiner) => joiner.id === node.id && joiner.ephemeralId !== node.ephemeralId),
  )
  return {
    ...nodesJoined(
      nodesLeft(
        base,
        restarted.map((node) => node.id),
      ),
      all,
    ),
    masterNodeId: local.id,
    clusterUuid: base.clusterUuidCommitted ? base.clusterUuid : newClusterUuid,
  }
}

/** Joins during a master's reign: a restarted process replaces its old entry. */
export function joinNodes(state: ClusterState, joining: readonly DiscoveryNode[]): ClusterState {
  const restarted = state.nodes.filter((node) =>
    joining.some((joiner) => joiner.id === node.id && joiner.ephemeralId !== node.ephemeralId),
  )
  return nodesJoined(
    nodesLeft(
      state,
      restarted.map((node) => node.id),
    ),
    joining,
  )
}

/**
 * Finishes the master's next state from `base` (the last one it published): its term, the next version,
 * the voting configuration, and the routing of the nodes that left (which also reroutes).
 */
export function finishState(
  next: ClusterState,
  base: ClusterState,
  term: number,
  masterNodeId: string,
  autoShrink: boolean,
  allocation: AllocationContext,
): ClusterState {
  const committedBase = base.lastAcceptedConfiguration.join() === base.lastCommittedConfiguration.join()
  const lastAcceptedConfiguration = committedBase
    ? reconfigure(
        next.nodes.filter(isMasterNode).map((node) => node.id),
        masterNodeId,
        base.lastAcceptedConfiguration,
        autoShrink,
      )
    : base.lastAcceptedConfiguration
  const routed = disassociateDeadNodes(next, allocation)
  return {
    ...routed,
    term,
    version: base.version + 1,
    masterNodeId,
    lastCommittedConfiguration: base.lastCommittedConfiguration,
    lastAcceptedConfiguration,
  }
}
