/**
 * The answers a quorum member builds from its current EpochState (KafkaRaftClient.buildFetchResponse,
 * RaftUtil.singletonVoteResponse and friends). Every answer carries the member's epoch and the leader it
 * knows (-1 for none), which is how a requester discovers the leader or learns that it is stale.
 */
import { leaderIdOf, type EpochState } from './epoch-state.ts'
import type {
  DescribeQuorumResponse,
  FetchResponse,
  LogBatch,
  RaftErrorCode,
  VoteResponse,
} from './raft-messages.ts'

export function voteResponse(
  state: EpochState,
  localId: number,
  errorCode: RaftErrorCode,
  voteGranted: boolean,
): VoteResponse {
  const leaderId = leaderIdOf(state, localId) ?? -1
  return { api: 'Vote', errorCode, leaderId, leaderEpoch: state.epoch, voteGranted }
}

/** The answer to BeginQuorumEpoch or EndQuorumEpoch: the receiver's epoch and the leader it knows now. */
export function quorumEpochResponse<Api extends 'BeginQuorumEpoch' | 'EndQuorumEpoch'>(
  api: Api,
  state: EpochState,
  localId: number,
  errorCode: RaftErrorCode,
): { api: Api; errorCode: RaftErrorCode; leaderId: number; leaderEpoch: number } {
  return { api, errorCode, leaderId: leaderIdOf(state, localId) ?? -1, leaderEpoch: state.epoch }
}

/** A Fetch answer; one built after leadership ended (a parked fetch) becomes NOT_LEADER_OR_FOLLOWER. */
export function fetchResponse<R>(
  state: EpochState,
  localId: number,
  errorCode: RaftErrorCode,
  divergingEpoch: FetchResponse<R>['divergingEpoch'],
  batches: LogBatch<R>[],
): FetchResponse<R> {
  const served = errorCode === 'NONE' && state.role === 'leader'
  return {
    api: 'Fetch',
    errorCode: served || errorCode !== 'NONE' ? errorCode : 'NOT_LEADER_OR_FOLLOWER',
    leaderId: leaderIdOf(state, localId) ?? -1,
    leaderEpoch: state.epoch,
    highWatermark: state.role === 'leader' ? (state.leader.highWatermarkOrNull() ?? -1) : -1,
    divergingEpoch: served ? divergingEpoch : null,
    batches: served ? batches : [],
  }
}

export function describeQuorumResponse(state: EpochState, now: number): DescribeQuorumResponse {
  return state.role === 'leader'
    ? { api: 'DescribeQuorum', errorCode: 'NONE', quorum: state.leader.describe(now) }
    : { api: 'DescribeQuorum', errorCode: 'NOT_LEADER_OR_FOLLOWER', quorum: null }
}
