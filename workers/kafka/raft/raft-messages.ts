/**
 * The KRaft RPCs between quorum members (KIP-595), as plain structured-clonable data: Vote (with the
 * KIP-996 pre-vote flag), BeginQuorumEpoch, EndQuorumEpoch, Fetch and DescribeQuorum. The lead multiplexes these unions
 * with the other inter-broker APIs on one Transport; every message carries its `api` tag.
 *
 * Offsets and epochs follow Kafka's conventions: -1 means "unknown" (no leader, no high watermark); a
 * Fetch's (fetchOffset, lastFetchedEpoch) names the follower's log end and the epoch of its last batch.
 */

/** What the leader writes at the start of its epoch (Kafka's LeaderChangeMessage control record). */
export interface LeaderChangeMessage {
  leaderId: number
  voters: number[]
  grantingVoters: number[]
}

/** A batch of the replicated log: one append call of the leader, or its LeaderChange control record. */
export type LogBatch<R> =
  | { kind: 'data'; baseOffset: number; epoch: number; appendTimestamp: number; records: R[] }
  | {
      kind: 'control'
      baseOffset: number
      epoch: number
      appendTimestamp: number
      leaderChange: LeaderChangeMessage
    }

/** The number of offsets a batch occupies: one per record, one for a control record. */
export function batchSize(batch: LogBatch<unknown>): number {
  return batch.kind === 'data' ? batch.records.length : 1
}

/** Kafka's error names for the errors these RPCs answer with. */
export type RaftErrorCode =
  'NONE' | 'FENCED_LEADER_EPOCH' | 'NOT_LEADER_OR_FOLLOWER' | 'INCONSISTENT_VOTER_SET'

export interface VoteRequest {
  api: 'Vote'
  candidateId: number
  /** The candidate's new epoch; for a pre-vote, the prospective's current epoch (KIP-996). */
  candidateEpoch: number
  lastOffsetEpoch: number
  lastOffset: number
  preVote: boolean
}

export interface VoteResponse {
  api: 'Vote'
  errorCode: RaftErrorCode
  leaderId: number
  leaderEpoch: number
  voteGranted: boolean
}

export interface BeginQuorumEpochRequest {
  api: 'BeginQuorumEpoch'
  leaderId: number
  leaderEpoch: number
}

export interface BeginQuorumEpochResponse {
  api: 'BeginQuorumEpoch'
  errorCode: RaftErrorCode
  leaderId: number
  leaderEpoch: number
}

/**
 * Sent by a leader that steps down, and by a voter that restarts as the leader of its stored epoch (it
 * resigns: QuorumState.initialize), to every other voter: its followers need not wait for their fetch
 * timeout to elect a successor. `preferredSuccessors` ranks who should campaign first (empty: anyone).
 */
export interface EndQuorumEpochRequest {
  api: 'EndQuorumEpoch'
  leaderId: number
  leaderEpoch: number
  preferredSuccessors: number[]
}

export interface EndQuorumEpochResponse {
  api: 'EndQuorumEpoch'
  errorCode: RaftErrorCode
  leaderId: number
  leaderEpoch: number
}

export interface FetchRequest {
  api: 'Fetch'
  replicaId: number
  currentLeaderEpoch: number
  fetchOffset: number
  lastFetchedEpoch: number
  /**
   * The high watermark the fetching replica knows (FetchRequest v18's HighWatermark, KAFKA-14145): a leader
   * whose high watermark is ahead answers at once instead of holding the request, so a replica learns of a
   * commit without waiting for new records or maxWaitMs.
   */
  highWatermark: number
  /** How long the leader may hold the request while it has nothing new (Kafka's fetch.max.wait.ms). */
  maxWaitMs: number
}

export interface FetchResponse<R> {
  api: 'Fetch'
  errorCode: RaftErrorCode
  leaderId: number
  leaderEpoch: number
  highWatermark: number
  /** Set when the follower's log diverges: truncate to min(endOffset, own end offset of that epoch). */
  divergingEpoch: { epoch: number; endOffset: number } | null
  batches: LogBatch<R>[]
}

export interface DescribeQuorumRequest {
  api: 'DescribeQuorum'
}

/** One replica's row in DescribeQuorum (DescribeQuorumResponseData.ReplicaState). */
export interface ReplicaDescription {
  replicaId: number
  logEndOffset: number
  lastFetchTimestamp: number
  lastCaughtUpTimestamp: number
}

/** What `kafka-metadata-quorum --status / --replication` reads (DescribeQuorumResponseData.PartitionData). */
export interface QuorumInfo {
  leaderId: number
  leaderEpoch: number
  highWatermark: number
  currentVoters: ReplicaDescription[]
  observers: ReplicaDescription[]
}

export interface DescribeQuorumResponse {
  api: 'DescribeQuorum'
  errorCode: RaftErrorCode
  quorum: QuorumInfo | null
}

export type RaftRequest =
  VoteRequest | BeginQuorumEpochRequest | EndQuorumEpochRequest | FetchRequest | DescribeQuorumRequest

export type RaftResponse<R> =
  VoteResponse | BeginQuorumEpochResponse | EndQuorumEpochResponse | FetchResponse<R> | DescribeQuorumResponse
