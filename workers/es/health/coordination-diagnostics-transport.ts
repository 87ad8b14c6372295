/**
 * The node-to-node calls the master stability diagnosis makes, on their own transport channel
 * `coordination_diagnostics` (ES: ClusterFormationInfoAction `internal:cluster/formation/info` and MasterHistoryAction
 * `internal:cluster/master_history/get`), and the CoordinationView a node's health report diagnoses from:
 * - `cluster_formation_info`: the node's ClusterFormationInfo (its cluster formation description, whether it has
 *   discovered a quorum, its found peers by ephemeral id);
 * - `master_history`: its raw master history.
 * A node that does not answer within 10 s (ES's transport timeout for these calls) gives NodeNotConnectedException.
 */
import type { Transport } from '../../net/transport.ts'
import type { Coordinator } from '../cluster/coordination/coordinator.ts'
import type { MasterHistory } from '../cluster/coordination/master-history.ts'
import { isMasterNode, type DiscoveryNode } from '../cluster/state/discovery-node.ts'
import { transportAddress } from '../rest/actions/node-description.ts'
import { clusterFormationDescription } from './cluster-formation-description.ts'
import type { ClusterFormationInfo, CoordinationView, Fetched } from './coordination-diagnostics.ts'

export const COORDINATION_DIAGNOSTICS_CHANNEL = 'coordination_diagnostics'

export type CoordinationDiagnosticsRequest = { type: 'cluster_formation_info' } | { type: 'master_history' }

export type CoordinationDiagnosticsResponse = ClusterFormationInfo | (DiscoveryNode | null)[]

export type CoordinationDiagnosticsChannel = Transport<
  CoordinationDiagnosticsRequest,
  CoordinationDiagnosticsResponse
>

const REMOTE_TIMEOUT_MS = 10_000

/** Serves this node's answers and returns the view its health report diagnoses from. */
export function coordinationView(
  channel: CoordinationDiagnosticsChannel,
  coordinator: Coordinator,
  history: MasterHistory,
): CoordinationView {
  const localInfo = (): ClusterFormationInfo => {
    const state = coordinator.clusterFormationState()
    return {
      description: clusterFormationDescription(state),
      hasDiscoveredQuorum: state.hasDiscoveredQuorum,
      foundPeers: state.foundPeers.map((node) => node.ephemeralId),
    }
  }
  channel.serve((_from, request) =>
    Promise.resolve(request.type === 'cluster_formation_info' ? localInfo() : history.rawNodes()),
  )
  const call = async <T extends CoordinationDiagnosticsResponse>(
    node: DiscoveryNode,
    request: CoordinationDiagnosticsRequest,
  ): Promise<Fetched<T>> => {
    try {
      return { value: (await channel.request(node.address, request, REMOTE_TIMEOUT_MS)) as T }
    } catch {
      const message = `[${node.name}][${transportAddress(node)}] Node not connected`
      return {
        exception: {
          message,
          stackTrace: `org.elasticsearch.transport.NodeNotConnectedException: ${message}`,
        },
      }
    }
  }
  return {
    localNode: coordinator.localNode,
    get clusterNodes() {
      return coordinator.state().nodes
    },
    history,
    masterEligibleNodes: () => coordinator.clusterFormationState().foundPeers.filter(isMasterNode),
    localClusterFormationInfo: localInfo,
    clusterFormationInfo: (node) => call<ClusterFormationInfo>(node, { type: 'cluster_formation_info' }),
    remoteMasterHistory: (node) => call<(DiscoveryNode | null)[]>(node, { type: 'master_history' }),
  }
}
