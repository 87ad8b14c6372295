/**
 * LeaderEpochCache: which leader epoch wrote which part of a partition's log, as Kafka's
 * LeaderEpochFileCache (KIP-101, KIP-279): a list of (epoch, startOffset) entries, the start offset being
 * the first offset written in that epoch. A follower asks the leader for the end offset of its latest epoch
 * and truncates what the leader does not have (a divergent suffix).
 *
 * Invariants: epochs strictly increase and start offsets strictly increase along the list; an epoch's end
 * offset is the next entry's start offset, or the log end offset for the latest one.
 *
 * The playground keeps no leader-epoch-checkpoint file: every batch carries its partitionLeaderEpoch, so
 * the log rebuilds the cache from its batches when it is loaded.
 */
export const UNDEFINED_EPOCH = -1
export const UNDEFINED_EPOCH_OFFSET = -1

export interface EpochEntry {
  epoch: number
  startOffset: number
}

/** What OffsetsForLeaderEpoch (or a Fetch's divergingEpoch) answers: an epoch and where it ends. */
export interface EpochEndOffset {
  epoch: number
  endOffset: number
}

export class LeaderEpochCache {
  private entries: EpochEntry[] = []

  get latestEpoch(): number {
    return this.entries.at(-1)?.epoch ?? UNDEFINED_EPOCH
  }

  /** A copy of the entries, oldest first. */
  epochEntries(): EpochEntry[] {
    return this.entries.map((entry) => ({ ...entry }))
  }

  /**
   * Records that `epoch` starts at `startOffset`, unless the latest entry already says so. Entries with
   * an epoch or a start offset not below the new one go, so both columns keep increasing.
   */
  assign(epoch: number, startOffset: number): void {
    if (epoch < 0 || startOffset < 0) return
    const latest = this.entries.at(-1)
    if (latest && latest.epoch === epoch && latest.startOffset <= startOffset) return
    this.entries = this.entries.filter((entry) => entry.epoch < epoch && entry.startOffset < startOffset)
    this.entries.push({ epoch, startOffset })
  }

  /**
   * The largest epoch <= `requestedEpoch` and the offset where it ends (LeaderEpochFileCache.endOffsetFor):
   * the log end offset for the latest epoch; the next epoch's start offset otherwise; undefined when the
   * requested epoch is newer than any known.
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEndOffset {
    const undefinedAnswer = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET }
    if (requestedEpoch === UNDEFINED_EPOCH) return undefinedAnswer
    if (requestedEpoch === this.latestEpoch) return { epoch: requestedEpoch, endOffset: logEndOffset }
    const index = this.entries.findIndex((entry) => entry.epoch > requestedEpoch)
    const higher = this.entries[index]
    if (!higher) return undefinedAnswer
    const floor = this.entries[index - 1]
    return { epoch: floor?.epoch ?? requestedEpoch, endOffset: higher.startOffset }
  }

  /** Forgets the epochs that start at or after `endOffset` (the log was truncated to it). */
  truncateFromEnd(endOffset: number): void {
    this.entries = this.entries.filter((entry) => entry.startOffset < endOffset)
  }
}
