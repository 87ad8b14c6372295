/**
 * ClusterFormationState.getDescription (ES 8.17, ClusterFormationFailureHelper): why a node has no master, as the
 * health report's `cluster_formation_message` gives it (the same text ES logs every 10 s without the troubleshooting
 * link). Node lists are DiscoveryNode.descriptionWithoutAttributes joined by ", ": the found peers (the local node
 * first, then the peers in the order of PeerFinder's HashMap by transport address), the masters peers claim (a
 * HashSet by ephemeral id) and the last-accepted state's master-eligible nodes (an unmodifiable map whose order a
 * JVM randomizes; here the state's node order). A quorum's node ids print as a HashSet of them.
 */
import type { ClusterFormationState } from '../cluster/coordination/coordinator-config.ts'
import { isMasterNode, type DiscoveryNode } from '../cluster/state/discovery-node.ts'
import { javaHashOrder, javaStringHashCode, javaStringKeyOrder } from '../../net/java-hash.ts'
import { descriptionWithoutAttributes, transportAddressAt } from '../rest/actions/node-description.ts'
import { transportPort } from '../rest/actions/node-description.ts'

/** InetAddress 127.0.0.1 as an int: InetSocketAddress.hashCode is it plus the port. */
const LOOPBACK_HASH = 0x7f000001

export function clusterFormationDescription(state: ClusterFormationState): string {
  const { lastAccepted, localNode } = state
  const [local, ...peers] = state.foundPeers
  const peerOrder = javaHashOrder(peers, (node) => (LOOPBACK_HASH + transportPort(node)) | 0)
  let found = `[${nodeList([local!, ...peerOrder])}]`
  if (state.mastersOfPeers.length > 0) {
    const masters = javaHashOrder(state.mastersOfPeers, (node) => javaStringHashCode(node.ephemeralId))
    found += ` who claim current master to be [${nodeList(masters)}]`
  }
  const addresses = state.resolvedAddresses.map(transportAddressAt).join(', ')
  const lastKnown = nodeList(lastAccepted.nodes.filter(isMasterNode))
  const discoveryWillContinue =
    `discovery will continue using [${addresses}] from hosts providers and [${lastKnown}] from last-known ` +
    `cluster state; node term ${state.currentTerm}, last-accepted version ${lastAccepted.version} in term ` +
    `${lastAccepted.term}`
  const ignoringQuorum = `have discovered ${found}; ${discoveryWillContinue}`
  if (!isMasterNode(localNode)) return `master not discovered yet: ${ignoringQuorum}`
  if (lastAccepted.lastAcceptedConfiguration.length === 0) {
    const bootstrapping =
      state.initialMasterNodes.length === 0
        ? '[cluster.initial_master_nodes] is empty on this node'
        : `this node must discover master-eligible nodes [${state.initialMasterNodes.join(', ')}] to bootstrap a cluster`
    return (
      'master not discovered yet, this node has not previously joined a bootstrapped cluster, and ' +
      `${bootstrapping}: ${ignoringQuorum}`
    )
  }
  const accepted = lastAccepted.lastAcceptedConfiguration
  const committed = lastAccepted.lastCommittedConfiguration
  const sameConfiguration =
    accepted.length === committed.length && accepted.every((id) => committed.includes(id))
  const quorum = sameConfiguration
    ? describeQuorum(accepted)
    : `${describeQuorum(accepted)} and ${describeQuorum(committed)}`
  const discovered = state.hasDiscoveredQuorum
    ? 'have discovered possible quorum'
    : 'have only discovered non-quorum'
  return `master not discovered or elected yet, an election requires ${quorum}, ${discovered} ${found}; ${discoveryWillContinue}`
}

/** ClusterFormationState.describeQuorum: the votes a configuration needs. */
function describeQuorum(nodeIds: readonly string[]): string {
  const ids = `[${javaStringKeyOrder(nodeIds).join(', ')}]`
  const required = Math.floor(nodeIds.length / 2) + 1
  if (nodeIds.length === 1) return `a node with id ${ids}`
  if (nodeIds.length === 2) return `two nodes with ids ${ids}`
  return required < nodeIds.length
    ? `at least ${required} nodes with ids from ${ids}`
    : `${required} nodes with ids ${ids}`
}

function nodeList(nodes: readonly DiscoveryNode[]): string {
  return nodes.map(descriptionWithoutAttributes).join(', ')
}
