/**
 * StableMasterHealthIndicatorService (ES 8.17): master_is_stable from the node's CoordinationDiagnosticsResult
 * (coordination-diagnostics.ts). A yellow or red result has the three unstable-master impacts and, when verbose, the
 * contact_support diagnosis. Details (verbose only): `current_master` ({node_id, name}, both null without a master),
 * `recent_masters`, `exception_fetching_history` ({message, stack_trace}) when a fetch failed, and
 * `cluster_formation` ({node_id, name, cluster_formation_message}, `name` only for a node in this node's cluster
 * state) when the diagnosis read the nodes' cluster formation states.
 */
import type { DiscoveryNode } from '../cluster/state/discovery-node.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type {
  CoordinationDiagnosticsDetails,
  CoordinationDiagnosticsResult,
} from './coordination-diagnostics.ts'
import type { HealthIndicatorImpact, HealthIndicatorResult } from './health-indicator-result.ts'

export const STABLE_MASTER = 'master_is_stable'

const GET_HELP_GUIDE = 'https://ela.st/getting-help'

const CONTACT_SUPPORT = {
  id: 'contact_support',
  cause: 'The Elasticsearch cluster does not have a stable master node.',
  action: `Get help at ${GET_HELP_GUIDE}`,
  helpUrl: GET_HELP_GUIDE,
}

const UNSTABLE_MASTER_IMPACTS: readonly HealthIndicatorImpact[] = [
  {
    id: 'ingest_disabled',
    severity: 1,
    description:
      'The cluster cannot create, delete, or rebalance indices, and cannot insert or update documents.',
    areas: ['ingest'],
  },
  {
    id: 'automation_disabled',
    severity: 1,
    description:
      'Scheduled tasks such as Watcher, Index Lifecycle Management, and Snapshot Lifecycle Management will not ' +
      'work. The _cat APIs will not work.',
    areas: ['deployment_management'],
  },
  {
    id: 'backup_disabled',
    severity: 3,
    description:
      'Snapshot and restore will not work, your data will not be backed up. Searchable snapshots cannot be mounted.',
    areas: ['backup'],
  },
]

export function stableMasterIndicator(
  result: CoordinationDiagnosticsResult,
  clusterNodes: readonly DiscoveryNode[],
  verbose: boolean,
): HealthIndicatorResult {
  const problem = result.status !== 'green'
  return {
    name: STABLE_MASTER,
    status: result.status,
    symptom: result.summary,
    details: result.details === null ? null : detailsJson(result.details, clusterNodes),
    impacts: problem ? UNSTABLE_MASTER_IMPACTS : [],
    diagnoses: problem && verbose ? [{ definition: CONTACT_SUPPORT, resources: [] }] : [],
  }
}

function detailsJson(
  details: CoordinationDiagnosticsDetails,
  clusterNodes: readonly DiscoveryNode[],
): JsonOut {
  const master = details.currentMaster
  const out = new Map<string, JsonOut>([
    ['current_master', { node_id: master?.id ?? null, name: master?.name ?? null }],
    ['recent_masters', details.recentMasters.map((node) => ({ node_id: node.id, name: node.name }))],
  ])
  if (details.remoteException !== null) {
    const { message, stackTrace } = details.remoteException
    out.set('exception_fetching_history', { message, stack_trace: stackTrace })
  }
  if (details.clusterFormation !== null) {
    out.set(
      'cluster_formation',
      details.clusterFormation.map(([nodeId, message]) => {
        const name = clusterNodes.find((node) => node.id === nodeId)?.name
        return name === undefined
          ? { node_id: nodeId, cluster_formation_message: message }
          : { node_id: nodeId, name, cluster_formation_message: message }
      }),
    )
  }
  return out
}
