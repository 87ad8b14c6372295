/**
 * PendingFlush: what storage has not yet been told about one UnifiedLog's segments, handed out once each to
 * LogManager's flush (takeFlushOps). UnifiedLog reports every change to its segment list here; this file
 * only keeps and hands out.
 *
 * - Appended bytes: per segment, how many of its bytes storage holds (`flushed`); takeUnflushed hands out the
 *   rest as chunks keyed by (segment base offset, byte position), so a reload concatenates a segment's chunks
 *   in order and recovers its longest valid prefix. rewindFlushed makes a chunk go out again (rewritten).
 * - Truncations (takeTruncations): stored bytes of that segment from `size` on, and every later segment,
 *   must go.
 * - Deleted segments (takeDeletedSegments): retention or a full truncation removed them; their chunks go.
 * - Replaced segments (takeReplacedSegments): a cleaned segment swapped in for a group (the log cleaner),
 *   stored in one write with the group's chunks dropped.
 * - A full truncation (takeFullTruncation): the base offset a follower started over at, whose empty segment
 *   storage keeps so a reload has the new offsets.
 * Invariant: `flushed` names exactly the segments of the log, each at most its size.
 */
import type { Allocate, LogSegment } from '../../../engine-wasm/src/log/index.ts'

export interface UnflushedChunk {
  segmentBaseOffset: number
  position: number
  bytes: Uint8Array
}

/** A cleaned segment that replaced the segments at `replacedBaseOffsets` (its own base is the first). */
export interface ReplacedSegments {
  replacedBaseOffsets: number[]
  baseOffset: number
  bytes: Uint8Array
}

/** Storage past `size` bytes of segment `segmentBaseOffset`, and every later segment, is stale. */
export interface LogTruncation {
  segmentBaseOffset: number
  size: number
}

export class PendingFlush {
  private readonly flushed = new Map<number, number>()
  private readonly truncations: LogTruncation[] = []
  private readonly deletedSegments: number[] = []
  private readonly replacedSegments: ReplacedSegments[] = []
  private fullTruncation: number | null = null

  /** `segments`: the log's own list, which it changes in place; the ones there now are stored. */
  constructor(private readonly segments: readonly LogSegment[]) {
    for (const segment of segments) this.flushed.set(segment.baseOffset, segment.sizeInBytes)
  }

  /** A new empty segment (rolled, or a full truncation's). */
  segmentRolled(baseOffset: number): void {
    this.flushed.set(baseOffset, 0)
  }

  /** A segment left the log with no storage change of its own (truncated away, or a refused roll). */
  segmentDropped(baseOffset: number): void {
    this.flushed.delete(baseOffset)
  }

  /** A segment deleted (retention, a full truncation): its stored chunks must go. */
  segmentDeleted(baseOffset: number): void {
    this.flushed.delete(baseOffset)
    this.deletedSegments.push(baseOffset)
  }

  /** The segment at `segmentBaseOffset` was cut to `size` bytes, after every later one was dropped. */
  truncated(segmentBaseOffset: number, size: number): void {
    this.flushed.set(segmentBaseOffset, Math.min(this.flushed.get(segmentBaseOffset) ?? 0, size))
    this.truncations.push({ segmentBaseOffset, size })
  }

  /** `cleaned` took the place of the segments at `baseOffsets`, to be stored whole. */
  replaced(baseOffsets: readonly number[], cleaned: LogSegment): void {
    for (const base of baseOffsets) this.flushed.delete(base)
    this.flushed.set(cleaned.baseOffset, cleaned.sizeInBytes)
    this.replacedSegments.push({
      replacedBaseOffsets: [...baseOffsets],
      baseOffset: cleaned.baseOffset,
      bytes: cleaned.logBytes(),
    })
  }

  /** Every segment was deleted (each reported) and the log restarts empty at `offset`. */
  fullyTruncated(offset: number): void {
    this.segmentRolled(offset)
    this.fullTruncation = offset
  }

  /** Makes the next takeUnflushed hand out a segment's bytes again from `position` (a rewritten chunk). */
  rewindFlushed(segmentBaseOffset: number, position: number): void {
    const flushed = this.flushed.get(segmentBaseOffset)
    if (flushed !== undefined) this.flushed.set(segmentBaseOffset, Math.min(flushed, position))
  }

  /** The new base offset after a full truncation, once: storage keeps its empty segment. */
  takeFullTruncation(): number | null {
    const offset = this.fullTruncation
    this.fullTruncation = null
    return offset
  }

  /** Base offsets of the segments deleted since the last call: storage must drop their chunks. */
  takeDeletedSegments(): number[] {
    return this.deletedSegments.splice(0)
  }

  /** The truncations since the last call, oldest first: storage must delete what each one names. */
  takeTruncations(): LogTruncation[] {
    return this.truncations.splice(0)
  }

  /** The segment swaps since the last call, oldest first: storage replaces each group's chunks at once. */
  takeReplacedSegments(): ReplacedSegments[] {
    return this.replacedSegments.splice(0)
  }

  /** The bytes appended since the last call, copied into arrays from `allocate` (default: fresh ones). */
  takeUnflushed(allocate?: Allocate): UnflushedChunk[] {
    const chunks: UnflushedChunk[] = []
    for (const segment of this.segments) {
      const position = this.flushed.get(segment.baseOffset) ?? 0
      if (segment.sizeInBytes === position) continue
      const bytes = segment.logBytes(position, allocate)
      chunks.push({ segmentBaseOffset: segment.baseOffset, position, bytes })
      this.flushed.set(segment.baseOffset, segment.sizeInBytes)
    }
    return chunks
  }
}
