/**
 * What the lead passes to build one node's Coordinator, and the names it answers with: its mode, the error a
 * non-master gives for a state update (ES's NotMasterException) and its ClusterFormationState.
 */
import type { Random } from '../../../net/random.ts'
import type { Scheduler } from '../../../net/scheduler.ts'
import type { Transport } from '../../../net/transport.ts'
import type { ClusterInfo } from '../allocation/cluster-info.ts'
import type { StoredShardCopy } from '../allocation/routing-allocation.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import type { DiscoveryNode, DiscoveryNodeRole } from '../state/discovery-node.ts'
import type { CoordinationSettings } from './coordination-settings.ts'
import type { CoordinationRequest, CoordinationResponse } from './messages.ts'
import type { PersistedState } from './persisted-state.ts'

export type CoordinatorMode = 'CANDIDATE' | 'LEADER' | 'FOLLOWER'

export class NotMasterError extends Error {
  override name = 'not_master_exception'
}

/** The shard copies this node holds on disk (the lead's IndicesService; a map in the simulation). */
export interface ShardStore {
  list(): StoredShardCopy[]
}

export interface CoordinatorConfig {
  nodeId: string
  nodeName: string
  roles?: DiscoveryNodeRole[]
  /** node.attr.*: the node's attributes (none when absent). */
  attributes?: Readonly<Record<string, string>>
  transport: Transport<CoordinationRequest, CoordinationResponse>
  scheduler: Scheduler
  random: Random
  persistedState: PersistedState
  shardStore: ShardStore
  /** discovery.seed_hosts: transport addresses to probe. */
  seedAddresses: number[]
  /** cluster.initial_master_nodes: node names; empty once the cluster has formed. */
  initialMasterNodes: string[]
  /** Called with every committed state this node applies, and with a master-less view on losing the master. */
  onClusterStateApplied: (state: ClusterState) => void
  settings?: Partial<CoordinationSettings>
  /** The master's last ClusterInfo, for the disk allocation decider (none: disk usages unavailable). */
  clusterInfo?: () => ClusterInfo
}

/**
 * ClusterFormationFailureHelper.ClusterFormationState: what a node knows of why no master is elected. `foundPeers`
 * starts with the local node; `resolvedAddresses` are the seed addresses other than its own.
 */
export interface ClusterFormationState {
  initialMasterNodes: readonly string[]
  localNode: DiscoveryNode
  lastAccepted: ClusterState
  resolvedAddresses: readonly number[]
  foundPeers: readonly DiscoveryNode[]
  mastersOfPeers: readonly DiscoveryNode[]
  currentTerm: number
  hasDiscoveredQuorum: boolean
}
