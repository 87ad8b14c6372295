/**
 * Replica: what a leader knows of one follower of a partition (Kafka's Replica and ReplicaState): its
 * log end offset from its last fetch, when it last fetched, and when it was last caught up.
 *
 * lastCaughtUpTimeMs moves to a fetch's time when the fetch reached the leader's log end offset, or to the
 * previous fetch's time when this fetch reached the end offset the leader had at that previous fetch
 * (updateFetchState). A replica is caught up while its end offset equals the leader's or it was caught up
 * within replica.lag.time.max.ms (isCaughtUp).
 */
export const UNKNOWN_OFFSET = -1

export class Replica {
  logStartOffset = UNKNOWN_OFFSET
  logEndOffset = UNKNOWN_OFFSET
  lastFetchLeaderLogEndOffset = UNKNOWN_OFFSET
  lastFetchTimeMs = 0
  lastCaughtUpTimeMs = 0

  constructor(readonly brokerId: number) {}

  updateFetchState(
    fetchOffset: number,
    logStartOffset: number,
    fetchTimeMs: number,
    leaderEndOffset: number,
  ): void {
    if (fetchOffset >= leaderEndOffset) {
      this.lastCaughtUpTimeMs = Math.max(this.lastCaughtUpTimeMs, fetchTimeMs)
    } else if (fetchOffset >= this.lastFetchLeaderLogEndOffset) {
      this.lastCaughtUpTimeMs = Math.max(this.lastCaughtUpTimeMs, this.lastFetchTimeMs)
    }
    this.logStartOffset = logStartOffset
    this.logEndOffset = fetchOffset
    this.lastFetchLeaderLogEndOffset = leaderEndOffset
    this.lastFetchTimeMs = fetchTimeMs
  }

  isCaughtUp(leaderEndOffset: number, nowMs: number, maxLagMs: number): boolean {
    return leaderEndOffset === this.logEndOffset || nowMs - this.lastCaughtUpTimeMs <= maxLagMs
  }

  /**
   * On becoming (or staying) leader: an in-sync follower counts as caught up now, another one never, so it
   * cannot hold the high watermark back. A new leader epoch forgets what the follower fetched.
   */
  reset(nowMs: number, leaderEndOffset: number, isNewLeader: boolean, isFollowerInSync: boolean): void {
    this.lastCaughtUpTimeMs = isFollowerInSync ? nowMs : 0
    if (isNewLeader) {
      this.logStartOffset = UNKNOWN_OFFSET
      this.logEndOffset = UNKNOWN_OFFSET
      this.lastFetchLeaderLogEndOffset = UNKNOWN_OFFSET
      this.lastFetchTimeMs = 0
    } else {
      this.lastFetchLeaderLogEndOffset = leaderEndOffset
      this.lastFetchTimeMs = isFollowerInSync ? nowMs : 0
    }
  }
}
