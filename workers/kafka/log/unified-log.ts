/**
 * UnifiedLog: one partition's log, an ordered list of LogSegments (WASM) with the offsets Kafka keeps
 * for it. Invariants: segments are sorted by base offset and contiguous (each segment's base offset is
 * the previous one's next offset); logStartOffset <= highWatermark <= logEndOffset; only the last
 * segment (the active one) is appended to.
 *
 * Persistence: bytes appended since the last flush are handed out by `takeUnflushed()` as chunks keyed
 * by (segment base offset, byte position), so a reload concatenates a segment's chunks in order and
 * recovers its longest valid prefix (LogManager).
 */
import type { LogEngine, LogSegment, AppendInfo } from '../../../engine-wasm/src/log/index.ts'

export interface UnflushedChunk {
  segmentBaseOffset: number
  position: number
  bytes: Uint8Array
}

export interface LogConfig {
  segmentBytes: number
}

export class UnifiedLog {
  private readonly segments: LogSegment[]
  private flushed = new Map<number, number>()
  highWatermark: number
  logStartOffset: number

  constructor(
    private readonly engine: LogEngine,
    readonly config: LogConfig,
    segments: LogSegment[] = [],
  ) {
    this.segments = segments.length > 0 ? segments : [engine.newSegment(0)]
    for (const segment of this.segments) this.flushed.set(segment.baseOffset, segment.sizeInBytes)
    this.logStartOffset = this.segments[0]?.baseOffset ?? 0
    this.highWatermark = this.logEndOffset
  }

  private get activeSegment(): LogSegment {
    const last = this.segments[this.segments.length - 1]
    if (!last) throw new Error('UnifiedLog has no segment')
    return last
  }

  get logEndOffset(): number {
    return this.activeSegment.nextOffset
  }

  get segmentCount(): number {
    return this.segments.length
  }

  /** Appends validated batches as the leader; rolls a new segment first when the active one is full. */
  appendAsLeader(batches: Uint8Array): AppendInfo {
    const active = this.activeSegment
    const roll = active.sizeInBytes > 0 && active.sizeInBytes + batches.length > this.config.segmentBytes
    if (roll) {
      this.segments.push(this.engine.newSegment(active.nextOffset))
      this.flushed.set(active.nextOffset, 0)
    }
    try {
      return this.activeSegment.append(batches)
    } catch (error) {
      // A refused append changes nothing, so the segment rolled for it goes again.
      if (roll) {
        this.segments.pop()?.free()
        this.flushed.delete(active.nextOffset)
      }
      throw error
    }
  }

  /** Whole batches from the one holding fetchOffset, up to maxBytes (at least one batch), all below `upTo`. */
  read(fetchOffset: number, maxBytes: number, upTo: number): Uint8Array {
    if (fetchOffset >= upTo) return new Uint8Array(0)
    const index = this.segmentIndexFor(fetchOffset)
    const segment = this.segments[index]
    if (!segment) return new Uint8Array(0)
    const batches = segment.read(fetchOffset, maxBytes)
    return batches.subarray(0, lengthBelow(batches, upTo))
  }

  /** True when the offset lies outside [logStartOffset, logEndOffset]. */
  isOutOfRange(offset: number): boolean {
    return offset < this.logStartOffset || offset > this.logEndOffset
  }

  offsetForTimestamp(timestamp: number): number | null {
    for (const segment of this.segments) {
      if (segment.maxTimestamp >= timestamp) return segment.offsetForTimestamp(timestamp)
    }
    return null
  }

  takeUnflushed(): UnflushedChunk[] {
    const chunks: UnflushedChunk[] = []
    for (const segment of this.segments) {
      const position = this.flushed.get(segment.baseOffset) ?? 0
      if (segment.sizeInBytes === position) continue
      const all = segment.logBytes()
      chunks.push({ segmentBaseOffset: segment.baseOffset, position, bytes: all.subarray(position) })
      this.flushed.set(segment.baseOffset, segment.sizeInBytes)
    }
    return chunks
  }

  close(): void {
    for (const segment of this.segments) segment.free()
    this.segments.length = 0
  }

  private segmentIndexFor(offset: number): number {
    let lo = 0
    let hi = this.segments.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      const segment = this.segments[mid]
      if (segment && segment.baseOffset <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }
}

/** The length of the leading whole batches whose last offset lies below `upTo` (RecordBatch v2 header). */
function lengthBelow(batches: Uint8Array, upTo: number): number {
  const view = new DataView(batches.buffer, batches.byteOffset, batches.byteLength)
  let position = 0
  while (position + 27 <= batches.length) {
    const lastOffset = Number(view.getBigInt64(position)) + view.getInt32(position + 23)
    if (lastOffset >= upTo) break
    position += 12 + view.getInt32(position + 8)
  }
  return Math.min(position, batches.length)
}
