/**
 * Which leading segments of a log retention deletes (UnifiedLog.deleteOldSegments and deletableSegments of
 * Kafka 4.1). Three passes, in Kafka's order, each over the segments left by the one before:
 * 1. segments wholly below the log start offset (the next segment's base offset <= logStartOffset);
 * 2. with cleanup.policy delete and retention.bytes >= 0: the oldest segments while the log stays at least
 *    retention.bytes without them (`diff - segment.size >= 0`);
 * 3. with cleanup.policy delete and retention.ms >= 0: segments whose largest timestamp is more than
 *    retention.ms before now.
 * A pass stops at the first segment its predicate keeps; a segment is deletable only when everything in it
 * lies below the high watermark, and an empty last segment never is.
 */
export interface RetentionConfig {
  /** cleanup.policy contains `delete`. */
  deletePolicy: boolean
  /** retention.ms; -1 keeps forever. */
  retentionMs: number
  /** retention.bytes; -1 keeps any size. */
  retentionBytes: number
}

export interface SegmentSummary {
  baseOffset: number
  size: number
  /** The segment's largest record timestamp, -1 when empty. */
  largestTimestamp: number
  nextBaseOffset: number | null
}

export interface RetentionState {
  now: number
  logStartOffset: number
  highWatermark: number
  logEndOffset: number
  config: RetentionConfig
}

type Predicate = (segment: SegmentSummary) => boolean

function leadingDeletable(
  segments: readonly SegmentSummary[],
  state: RetentionState,
  predicate: Predicate,
): number {
  let count = 0
  for (const segment of segments) {
    const isLastAndEmpty = segment.nextBaseOffset === null && segment.size === 0
    const upperBound = segment.nextBaseOffset ?? state.logEndOffset
    if (isLastAndEmpty || upperBound > state.highWatermark || !predicate(segment)) break
    count++
  }
  return count
}

/** How many leading segments retention deletes now. */
export function deletableSegmentCount(segments: readonly SegmentSummary[], state: RetentionState): number {
  const { config } = state
  let deleted = leadingDeletable(
    segments,
    state,
    (s) => s.nextBaseOffset !== null && s.nextBaseOffset <= state.logStartOffset,
  )
  if (!config.deletePolicy) return deleted
  const size = segments.slice(deleted).reduce((sum, s) => sum + s.size, 0)
  if (config.retentionBytes >= 0 && size >= config.retentionBytes) {
    let diff = size - config.retentionBytes
    deleted += leadingDeletable(segments.slice(deleted), state, (s) => {
      if (diff - s.size < 0) return false
      diff -= s.size
      return true
    })
  }
  if (config.retentionMs >= 0) {
    deleted += leadingDeletable(
      segments.slice(deleted),
      state,
      (s) => state.now - s.largestTimestamp > config.retentionMs,
    )
  }
  return deleted
}
