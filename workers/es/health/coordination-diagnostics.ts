/**
 * CoordinationDiagnosticsService.diagnoseMasterStability (ES 8.17), as one node sees it:
 * - a master seen in the last 30 s (health.master_history.has_master_lookup_timeframe): YELLOW when the master
 *   history holds 4 or more identity changes ("The elected master node has changed N times in the last 30m"), or
 *   when masters went null 4 or more times and that is confirmed (this node was the master, or the last master's
 *   own history, fetched from it, shows it too, or fetching it failed); else GREEN "The cluster has a stable master
 *   node";
 * - none seen (this node is master-eligible, as every playground node is): RED, from the cluster formation states
 *   of the master-eligible nodes this node has found (itself included, each fetched from its node; a failed fetch
 *   is reported as such), first checking that each found all the others ("... some master eligible nodes are unable
 *   to discover other master eligible nodes"), then that each discovered a quorum ("... unable to form a quorum"),
 *   else "the cause has not been determined".
 * Details (verbose only): the most recent master, the recent non-null masters, the exception of a failed fetch and
 * the cluster formation descriptions by node id.
 */
import type { DiscoveryNode } from '../cluster/state/discovery-node.ts'
import {
  hasMasterGoneNullAtLeast,
  masterIdentityChanges,
  type MasterHistory,
} from '../cluster/coordination/master-history.ts'
import { javaHashOrder, javaStringHashCode, javaStringKeyOrder } from '../../net/java-hash.ts'
import { discoveryNodeDescription } from '../rest/actions/node-description.ts'
import type { HealthStatus } from './health-indicator-result.ts'

/** health.master_history.has_master_lookup_timeframe, as TimeValue prints it and in ms. */
const LOOKUP_TIMEFRAME = '30s'
const LOOKUP_TIMEFRAME_MS = 30_000
/** master_history.max_age as TimeValue prints it. */
const MAX_HISTORY_AGE = '30m'
/** health.master_history.identity_changes_threshold and no_master_transitions_threshold. */
const IDENTITY_CHANGES_THRESHOLD = 4
const NO_MASTER_TRANSITIONS_THRESHOLD = 4

/** What a master-eligible node answers to ClusterFormationInfoAction. */
export interface ClusterFormationInfo {
  readonly description: string
  readonly hasDiscoveredQuorum: boolean
  /** Its found peers (itself first), by ephemeral id. */
  readonly foundPeers: readonly string[]
}

/** A failed remote call's exception, as the details print it. */
export interface RemoteException {
  readonly message: string
  readonly stackTrace: string
}

export type Fetched<T> = { readonly value: T } | { readonly exception: RemoteException }

/** One node's view, and its calls to the others (each settles: a node that does not answer gives an exception). */
export interface CoordinationView {
  readonly localNode: DiscoveryNode
  /** The nodes of this node's applied state (the last master's, kept while it has none). */
  readonly clusterNodes: readonly DiscoveryNode[]
  readonly history: MasterHistory
  /** The master-eligible nodes this node has found (Coordinator.getFoundPeers), itself included. */
  masterEligibleNodes(): readonly DiscoveryNode[]
  /** This node's own ClusterFormationInfo. */
  localClusterFormationInfo(): ClusterFormationInfo
  /** ClusterFormationInfoAction on another node. */
  clusterFormationInfo(node: DiscoveryNode): Promise<Fetched<ClusterFormationInfo>>
  /** MasterHistoryAction: the node's raw master history. */
  remoteMasterHistory(node: DiscoveryNode): Promise<Fetched<(DiscoveryNode | null)[]>>
}

export interface CoordinationDiagnosticsDetails {
  readonly currentMaster: DiscoveryNode | null
  readonly recentMasters: readonly DiscoveryNode[]
  readonly remoteException: RemoteException | null
  /** [node id, description] pairs, null when not part of the diagnosis. */
  readonly clusterFormation: ReadonlyArray<readonly [string, string]> | null
}

export interface CoordinationDiagnosticsResult {
  readonly status: HealthStatus
  readonly summary: string
  /** Null unless verbose. */
  readonly details: CoordinationDiagnosticsDetails | null
}

export async function diagnoseMasterStability(
  view: CoordinationView,
  verbose: boolean,
): Promise<CoordinationDiagnosticsResult> {
  return view.history.hasSeenMasterInLast(LOOKUP_TIMEFRAME_MS)
    ? diagnoseHaveSeenMasterRecently(view, verbose)
    : diagnoseHaveNotSeenMasterRecently(view, verbose)
}

async function diagnoseHaveSeenMasterRecently(
  view: CoordinationView,
  verbose: boolean,
): Promise<CoordinationDiagnosticsResult> {
  const nodes = view.history.nodes(view.clusterNodes)
  const changes = masterIdentityChanges(nodes)
  if (changes >= IDENTITY_CHANGES_THRESHOLD) {
    const summary = `The elected master node has changed ${changes} times in the last ${MAX_HISTORY_AGE}`
    return { status: 'yellow', summary, details: details(view, verbose, null, null) }
  }
  if (hasMasterGoneNullAtLeast(nodes, NO_MASTER_TRANSITIONS_THRESHOLD)) {
    const master = view.history.mostRecentNonNullMaster()
    const local = master !== null && master.ephemeralId === view.localNode.ephemeralId
    const remote = local || master === null ? null : await view.remoteMasterHistory(master)
    const exception = remote !== null && 'exception' in remote ? remote.exception : null
    const remoteUnstable =
      remote !== null &&
      'value' in remote &&
      (hasMasterGoneNullAtLeast(remote.value, NO_MASTER_TRANSITIONS_THRESHOLD) ||
        masterIdentityChanges(remote.value) >= IDENTITY_CHANGES_THRESHOLD)
    if (local || exception !== null || remoteUnstable) {
      // A HashSet of the masters, printed as Java prints it (a DiscoveryNode hashes as its ephemeral id).
      const masters = javaHashOrder(uniqueByEphemeralId(nodes.filter((node) => node !== null)), (node) =>
        javaStringHashCode(node.ephemeralId),
      )
      const summary =
        `The cluster's master has alternated between [${masters.map(discoveryNodeDescription).join(', ')}] and ` +
        `no master multiple times in the last ${MAX_HISTORY_AGE}`
      return { status: 'yellow', summary, details: details(view, verbose, exception, null) }
    }
  }
  return {
    status: 'green',
    summary: 'The cluster has a stable master node',
    details: details(view, verbose, null, null),
  }
}

async function diagnoseHaveNotSeenMasterRecently(
  view: CoordinationView,
  verbose: boolean,
): Promise<CoordinationDiagnosticsResult> {
  const lookedAt = `No master node observed in the last ${LOOKUP_TIMEFRAME}`
  const local = view.localClusterFormationInfo()
  // The responses by node, in the order of ES's map of them (a DiscoveryNode hashes as its ephemeral id).
  const eligible = javaHashOrder(view.masterEligibleNodes(), (node) => javaStringHashCode(node.ephemeralId))
  const answers = await Promise.all(
    eligible.map((node) =>
      node.ephemeralId === view.localNode.ephemeralId
        ? Promise.resolve({ value: local })
        : view.clusterFormationInfo(node),
    ),
  )
  const infos: ClusterFormationInfo[] = []
  for (const [i, answer] of answers.entries()) {
    if ('exception' in answer) {
      const summary = `${lookedAt}, and an exception occurred while reaching out to ${eligible[i]!.name} for diagnosis`
      const formation: [string, string][] = [[view.localNode.id, local.description]]
      return { status: 'red', summary, details: details(view, verbose, answer.exception, formation) }
    }
    infos.push(answer.value)
  }
  const byId = new Map(eligible.map((node, i) => [node.id, infos[i]!.description]))
  const formation = javaStringKeyOrder([...byId.keys()]).map((id): [string, string] => [id, byId.get(id)!])
  const everyone = eligible.map((node) => node.ephemeralId)
  const discoveryProblem = infos.some((info) => everyone.some((id) => !info.foundPeers.includes(id)))
  const summary = discoveryProblem
    ? `${lookedAt}, and some master eligible nodes are unable to discover other master eligible nodes`
    : infos.some((info) => !info.hasDiscoveredQuorum)
      ? `${lookedAt}, and the master eligible nodes are unable to form a quorum`
      : `${lookedAt}, and the cause has not been determined.`
  return { status: 'red', summary, details: details(view, verbose, null, formation) }
}

function details(
  view: CoordinationView,
  verbose: boolean,
  remoteException: RemoteException | null,
  clusterFormation: ReadonlyArray<readonly [string, string]> | null,
): CoordinationDiagnosticsDetails | null {
  if (!verbose) return null
  const recentMasters = view.history.nodes(view.clusterNodes).filter((node) => node !== null)
  return { currentMaster: view.history.mostRecentMaster(), recentMasters, remoteException, clusterFormation }
}

function uniqueByEphemeralId(nodes: readonly DiscoveryNode[]): DiscoveryNode[] {
  return [...new Map(nodes.map((node) => [node.ephemeralId, node])).values()]
}
