/**
 * Which logs the cleaner takes and how far (Kafka 4.1's LogCleanerManager.cleanableOffsets and
 * grabFilthiestCompactedLog, and LogToClean), as pure functions over a summary of a log's segments.
 *
 * - The first dirty offset is the cleaner checkpoint, reset to the log start offset when it lies below it or
 *   past the log end offset (forceUpdateCheckpoint).
 * - The first uncleanable offset is the least of the last stable offset (no cleaning past an open
 *   transaction, nor past the high watermark), the active segment's base offset and, with min.compaction.lag.ms > 0, the base offset of the first
 *   dirty non-active segment whose largest timestamp is newer than now - min.compaction.lag.ms; then it is
 *   moved down to the base offset of the segment holding it (calculateCleanableBytes), so a round always
 *   ends at a segment boundary.
 * - cleanable bytes are the sizes of the segments from the first dirty one up to that boundary; clean bytes
 *   those of the segments below the first dirty offset; the dirty ratio is cleanable / (clean + cleanable).
 * - A log is cleaned when its ratio is above min.cleanable.dirty.ratio, or when some dirty non-active
 *   segment's first batch is older than max.compaction.lag.ms and there are cleanable bytes; among those the
 *   filthiest (highest ratio) goes first.
 */
import type { CompactionConfig } from './log-cleaner-config.ts'

export interface CleanerSegment {
  readonly baseOffset: number
  readonly size: number
  /** The largest record timestamp, -1 when empty. */
  readonly largestTimestamp: number
  /** The first batch's max timestamp (LogSegment.getFirstBatchTimestamp), -1 when empty. */
  readonly firstBatchTimestamp: number
}

export interface CleanableLog {
  /** Sorted by base offset; the last one is the active segment. */
  readonly segments: readonly CleanerSegment[]
  readonly logStartOffset: number
  readonly logEndOffset: number
  /** UnifiedLog.lastStableOffset: the cleaner never cleans past it. */
  readonly lastStableOffset: number
  readonly compaction: CompactionConfig
}

export interface OffsetsToClean {
  firstDirtyOffset: number
  firstUncleanableDirtyOffset: number
  forceUpdateCheckpoint: boolean
}

export interface LogToClean {
  firstDirtyOffset: number
  /** The base offset of the segment holding the first uncleanable offset: the round cleans below it. */
  firstUncleanableOffset: number
  cleanBytes: number
  cleanableBytes: number
  totalBytes: number
  cleanableRatio: number
  needCompactionNow: boolean
}

/** Index of the segment holding `offset` (the last one whose base is <= offset), 0 when all are above. */
function floorIndex(segments: readonly CleanerSegment[], offset: number): number {
  let index = 0
  segments.forEach((segment, i) => {
    if (segment.baseOffset <= offset) index = i
  })
  return index
}

/** LogSegments.values(from, to): from the segment holding `from`, every segment whose base is below `to`. */
export function segmentsBetween(
  segments: readonly CleanerSegment[],
  from: number,
  to: number,
): CleanerSegment[] {
  if (from >= to) return []
  return segments.slice(floorIndex(segments, from)).filter((segment) => segment.baseOffset < to)
}

/** UnifiedLog.nonActiveLogSegmentsFrom: from the segment holding `from`, all but the active segment. */
function nonActiveFrom(log: CleanableLog, from: number): readonly CleanerSegment[] {
  return log.segments.slice(floorIndex(log.segments, from), -1)
}

export function cleanableOffsets(
  log: CleanableLog,
  checkpoint: number | undefined,
  now: number,
): OffsetsToClean {
  const dirty = checkpoint ?? log.logStartOffset
  const invalid = dirty < log.logStartOffset || dirty > log.logEndOffset
  const firstDirtyOffset = invalid ? log.logStartOffset : dirty
  const active = log.segments[log.segments.length - 1]
  const bounds = [log.lastStableOffset, active?.baseOffset ?? log.logEndOffset]
  const lagMs = Math.max(log.compaction.minCompactionLagMs, 0)
  if (lagMs > 0) {
    const young = nonActiveFrom(log, firstDirtyOffset).find((s) => s.largestTimestamp > now - lagMs)
    if (young) bounds.push(young.baseOffset)
  }
  const firstUncleanableDirtyOffset = Math.max(firstDirtyOffset, Math.min(...bounds))
  return { firstDirtyOffset, firstUncleanableDirtyOffset, forceUpdateCheckpoint: invalid }
}

/** LogCleanerManager.maxCompactionDelay: how long past max.compaction.lag.ms the oldest dirty batch is. */
export function maxCompactionDelay(log: CleanableLog, firstDirtyOffset: number, now: number): number {
  const stamps = nonActiveFrom(log, firstDirtyOffset)
    .map((segment) => segment.firstBatchTimestamp)
    .filter((stamp) => stamp > 0)
  if (stamps.length === 0) return 0
  const cleanUntil = now - Math.max(log.compaction.maxCompactionLagMs, 0)
  const earliest = Math.min(...stamps)
  return earliest < cleanUntil ? cleanUntil - earliest : 0
}

export function logToClean(log: CleanableLog, offsets: OffsetsToClean, now: number): LogToClean {
  const { firstDirtyOffset, firstUncleanableDirtyOffset } = offsets
  const holding = nonActiveFrom(log, firstUncleanableDirtyOffset)[0] ?? log.segments[log.segments.length - 1]
  const firstUncleanableOffset = holding?.baseOffset ?? log.logEndOffset
  const sizeOf = (segments: readonly CleanerSegment[]): number => segments.reduce((sum, s) => sum + s.size, 0)
  const cleanBytes = sizeOf(segmentsBetween(log.segments, -1, firstDirtyOffset))
  const cleanableBytes = sizeOf(
    segmentsBetween(log.segments, Math.min(firstDirtyOffset, firstUncleanableOffset), firstUncleanableOffset),
  )
  const totalBytes = cleanBytes + cleanableBytes
  return {
    firstDirtyOffset,
    firstUncleanableOffset,
    cleanBytes,
    cleanableBytes,
    totalBytes,
    cleanableRatio: totalBytes === 0 ? 0 : cleanableBytes / totalBytes,
    needCompactionNow: maxCompactionDelay(log, firstDirtyOffset, now) > 0,
  }
}

/** The grabFilthiestCompactedLog filter: above the dirty ratio, or overdue with something to clean. */
export function shouldClean(toClean: LogToClean, minCleanableRatio: number): boolean {
  if (toClean.totalBytes <= 0) return false
  return (
    (toClean.needCompactionNow && toClean.cleanableBytes > 0) || toClean.cleanableRatio > minCleanableRatio
  )
}
