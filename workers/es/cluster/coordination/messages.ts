/**
 * The coordination layer's transport messages (ES's internal:cluster/coordination/* and
 * internal:discovery/* actions), one request union and one response union over the repo's Transport.
 * Plain data; a handler's CoordinationStateRejectedError crosses as {name, message}.
 */
import type { ShardCopyRef, FailedShard } from '../allocation/allocation-service.ts'
import type { StoredShardCopy } from '../allocation/routing-allocation.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import type { DiscoveryNode } from '../state/discovery-node.ts'
import type { Join } from './coordination-state.ts'

export type CoordinationRequest =
  /** internal:discovery/request_peers */
  | { type: 'peers'; sourceNode: DiscoveryNode; knownPeers: DiscoveryNode[] }
  /** internal:cluster/request_pre_vote */
  | { type: 'pre_vote'; sourceNode: DiscoveryNode; currentTerm: number }
  /** internal:cluster/coordination/start_join */
  | { type: 'start_join'; sourceNode: DiscoveryNode; term: number }
  /** internal:cluster/coordination/join: with a vote, or to join a known master */
  | {
      type: 'join'
      sourceNode: DiscoveryNode
      minimumTerm: number
      join: Join | null
      storedCopies: StoredShardCopy[]
    }
  /** internal:cluster/coordination/publish_state */
  | { type: 'publish'; state: ClusterState }
  /** internal:cluster/coordination/commit_state */
  | { type: 'commit'; term: number; version: number }
  /** internal:coordination/fault_detection/follower_check */
  /** `target` is the follower as the master knows it: a restarted process (new ephemeral id) refuses. */
  | { type: 'follower_check'; term: number; sender: DiscoveryNode; target: DiscoveryNode }
  /** internal:coordination/fault_detection/leader_check */
  | { type: 'leader_check'; sender: DiscoveryNode }
  /** internal:cluster/shard/started */
  | { type: 'shard_started'; shard: ShardCopyRef; storedCopy: StoredShardCopy }
  /** internal:cluster/shard/failure */
  | { type: 'shard_failed'; shard: FailedShard }

export type CoordinationResponse =
  | { type: 'ack' }
  | { type: 'peers'; masterNode: DiscoveryNode | null; knownPeers: DiscoveryNode[] }
  | { type: 'pre_vote'; currentTerm: number; lastAcceptedTerm: number; lastAcceptedVersion: number }
  /** With the copies the follower holds on disk (the master's gateway view of it). */
  | {
      type: 'publish'
      term: number
      version: number
      join: Join | null
      storedCopies: StoredShardCopy[]
    }
