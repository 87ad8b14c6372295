/**
 * The states of a quorum member in one epoch (Kafka's EpochState classes: UnattachedState,
 * ProspectiveState, CandidateState, LeaderState, FollowerState) as a tagged union, and the vote rule
 * each applies (QuorumState.canGrantVote, with KIP-996 pre-vote).
 *
 * Transitions (voters): unattached → prospective (pre-vote) → candidate (epoch + 1) → leader, and any
 * state → follower or unattached on learning a higher epoch; observers are only unattached or follower.
 * A "resigned" leader is modelled as unattached in its epoch having voted for itself.
 */
import type { LeaderState } from './leader-state.ts'

export interface Election {
  granted: Set<number>
  rejected: Set<number>
  /** Elections lost in a row, for the exponential backoff. */
  retries: number
}

export type EpochState =
  | { role: 'unattached'; epoch: number; votedId: number | null }
  | {
      role: 'prospective'
      epoch: number
      leaderId: number | null
      votedId: number | null
      election: Election
    }
  | { role: 'candidate'; epoch: number; election: Election; backingOff: boolean }
  | { role: 'leader'; epoch: number; leader: LeaderState }
  | {
      role: 'follower'
      epoch: number
      leaderId: number
      /** When the fetch timeout was last reset (entering the state, or a successful fetch). */
      lastFetchTimestamp: number
      /** Whether a fetch from this leader has succeeded in this state (FollowerState, KIP-996). */
      hasFetchedFromLeader: boolean
    }

export type RaftRole = EpochState['role']

/** The leader this state knows in its epoch, or null. */
export function leaderIdOf(state: EpochState, localId: number): number | null {
  switch (state.role) {
    case 'leader':
      return localId
    case 'follower':
    case 'prospective':
      return state.leaderId
    default:
      return null
  }
}

/** The vote this state has cast in its epoch, or null. */
export function votedIdOf(state: EpochState, localId: number): number | null {
  switch (state.role) {
    case 'unattached':
    case 'prospective':
      return state.votedId
    case 'candidate':
    case 'leader':
      return localId
    default:
      return null
  }
}

/**
 * Whether this state grants a (pre-)vote to `candidateId` whose log is up to date or not. A pre-vote is
 * granted by anyone whose log is not ahead, except a follower that has fetched from its leader; a real
 * vote only once per epoch, and never while a leader is known.
 */
export function canGrantVote(
  state: EpochState,
  candidateId: number,
  isLogUpToDate: boolean,
  isPreVote: boolean,
): boolean {
  switch (state.role) {
    case 'leader':
      return false
    case 'follower':
      return isPreVote && isLogUpToDate && !state.hasFetchedFromLeader
    case 'candidate':
      return isPreVote && isLogUpToDate
    default: {
      if (isPreVote) return isLogUpToDate
      if (state.votedId !== null) return state.votedId === candidateId
      if (state.role === 'prospective' && state.leaderId !== null) return false
      return isLogUpToDate
    }
  }
}

/** KIP-595's up-to-date rule: compare (last epoch, end offset) lexicographically. */
export function isLogUpToDate(
  lastEpoch: number,
  endOffset: number,
  localLastEpoch: number,
  localEndOffset: number,
): boolean {
  return lastEpoch > localLastEpoch || (lastEpoch === localLastEpoch && endOffset >= localEndOffset)
}

export function newElection(retries: number, localId: number): Election {
  return { granted: new Set([localId]), rejected: new Set(), retries }
}

/** Kafka's EpochElection: won with a majority of grants, lost once a majority can no longer be reached. */
export function electionOutcome(election: Election, voterCount: number): 'won' | 'lost' | 'open' {
  const majority = Math.floor(voterCount / 2) + 1
  if (election.granted.size >= majority) return 'won'
  if (voterCount - election.rejected.size < majority) return 'lost'
  return 'open'
}
