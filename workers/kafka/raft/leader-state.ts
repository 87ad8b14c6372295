/**
 * LeaderState: what the leader of one epoch tracks about every replica that fetches from it (Kafka's
 * LeaderState.ReplicaState): log end offset, last fetch time, last caught-up time, and whether a voter
 * has acknowledged the epoch. From the voters' end offsets it computes the high watermark.
 *
 * Invariants (KIP-595): the high watermark only grows within an epoch, and it moves only to an offset
 * above `epochStartOffset` (the leader's LeaderChange record), so a leader commits a record of its own
 * epoch before it exposes older ones. Observers idle for OBSERVER_SESSION_TIMEOUT_MS drop out of
 * describe, as in Kafka.
 */
import type { LogBatch, QuorumInfo, ReplicaDescription } from './raft-messages.ts'

const OBSERVER_SESSION_TIMEOUT_MS = 300_000

interface ReplicaState {
  replicaId: number
  endOffset: number
  lastFetchTimestamp: number
  lastFetchLeaderLogEndOffset: number
  lastCaughtUpTimestamp: number
  hasAcknowledgedLeader: boolean
}

function newReplicaState(replicaId: number, acknowledged: boolean): ReplicaState {
  return {
    replicaId,
    endOffset: -1,
    lastFetchTimestamp: -1,
    lastFetchLeaderLogEndOffset: -1,
    lastCaughtUpTimestamp: -1,
    hasAcknowledgedLeader: acknowledged,
  }
}

export class LeaderState {
  private readonly voterStates = new Map<number, ReplicaState>()
  private readonly observerStates = new Map<number, ReplicaState>()
  private highWatermark: number | null = null
  /** Voters that fetched since the check-quorum timer was last reset. */
  private readonly fetchedVoters = new Set<number>()

  constructor(
    readonly localId: number,
    readonly epoch: number,
    readonly epochStartOffset: number,
    voters: readonly number[],
    /** The voters that granted this leader its epoch (for the LeaderChange record). */
    readonly grantingVoters: readonly number[],
  ) {
    for (const id of voters) this.voterStates.set(id, newReplicaState(id, id === localId))
  }

  /** The LeaderChange control batch that opens this epoch, at `epochStartOffset`. */
  leaderChangeBatch(now: number): LogBatch<never> {
    return {
      kind: 'control',
      baseOffset: this.epochStartOffset,
      epoch: this.epoch,
      appendTimestamp: now,
      // Kafka converts the voter and granting sets (HashSets of small Integers, which iterate ascending).
      leaderChange: {
        leaderId: this.localId,
        voters: [...this.voterStates.keys()].sort((a, b) => a - b),
        grantingVoters: [...this.grantingVoters].sort((a, b) => a - b),
      },
    }
  }

  highWatermarkOrNull(): number | null {
    return this.highWatermark
  }

  /** Voters that have neither fetched nor answered BeginQuorumEpoch in this epoch. */
  nonAcknowledgingVoters(): number[] {
    return [...this.voterStates.values()].filter((s) => !s.hasAcknowledgedLeader).map((s) => s.replicaId)
  }

  addAcknowledgementFrom(voterId: number): void {
    const state = this.voterStates.get(voterId)
    if (state) state.hasAcknowledgedLeader = true
  }

  /** The leader's own durable end offset moved; true when the high watermark moved. */
  updateLocalState(endOffset: number): boolean {
    this.voterStates.get(this.localId)!.endOffset = endOffset
    return this.maybeUpdateHighWatermark()
  }

  /**
   * A replica fetched from `fetchOffset`; true when the high watermark moved. Returns also whether a
   * majority has now fetched within the check-quorum interval (the caller then resets that timer).
   */
  updateReplicaState(
    replicaId: number,
    now: number,
    fetchOffset: number,
  ): { hwMoved: boolean; quorumFetched: boolean } {
    const isVoter = this.voterStates.has(replicaId)
    let state = isVoter ? this.voterStates.get(replicaId) : this.observerStates.get(replicaId)
    if (!state) {
      state = newReplicaState(replicaId, false)
      this.observerStates.set(replicaId, state)
    }
    const leaderEnd = this.voterStates.get(this.localId)!.endOffset
    if (fetchOffset >= leaderEnd) state.lastCaughtUpTimestamp = Math.max(state.lastCaughtUpTimestamp, now)
    else if (state.lastFetchLeaderLogEndOffset > 0 && fetchOffset >= state.lastFetchLeaderLogEndOffset)
      state.lastCaughtUpTimestamp = Math.max(state.lastCaughtUpTimestamp, state.lastFetchTimestamp)
    state.lastFetchLeaderLogEndOffset = leaderEnd
    state.lastFetchTimestamp = Math.max(state.lastFetchTimestamp, now)
    state.endOffset = fetchOffset
    state.hasAcknowledgedLeader = true
    if (!isVoter) return { hwMoved: false, quorumFetched: false }
    this.fetchedVoters.add(replicaId)
    // A majority, less the leader itself (LeaderState.updateCheckQuorumForFollowingVoter).
    const needed = Math.floor(this.voterStates.size / 2)
    const quorumFetched = this.fetchedVoters.size >= needed
    if (quorumFetched) this.fetchedVoters.clear()
    return { hwMoved: this.maybeUpdateHighWatermark(), quorumFetched }
  }

  private maybeUpdateHighWatermark(): boolean {
    const offsets = [...this.voterStates.values()].map((s) => s.endOffset).sort((a, b) => b - a)
    const candidate = offsets[Math.floor(this.voterStates.size / 2)] ?? -1
    if (candidate <= this.epochStartOffset) return false
    if (this.highWatermark !== null && candidate <= this.highWatermark) return false
    this.highWatermark = candidate
    return true
  }

  /** DescribeQuorum as the leader answers it; the leader's own row carries `now` for both timestamps. */
  describe(now: number): QuorumInfo {
    for (const [id, state] of this.observerStates) {
      if (now - state.lastFetchTimestamp >= OBSERVER_SESSION_TIMEOUT_MS) this.observerStates.delete(id)
    }
    const row = (state: ReplicaState): ReplicaDescription => {
      const local = state.replicaId === this.localId
      return {
        replicaId: state.replicaId,
        logEndOffset: state.endOffset,
        lastFetchTimestamp: local ? now : state.lastFetchTimestamp,
        lastCaughtUpTimestamp: local ? now : state.lastCaughtUpTimestamp,
      }
    }
    const byId = (a: ReplicaDescription, b: ReplicaDescription) => a.replicaId - b.replicaId
    return {
      leaderId: this.localId,
      leaderEpoch: this.epoch,
      highWatermark: this.highWatermark ?? -1,
      currentVoters: [...this.voterStates.values()].map(row).sort(byId),
      observers: [...this.observerStates.values()].map(row).sort(byId),
    }
  }
}
