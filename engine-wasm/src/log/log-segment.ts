/**
 * LogSegment: a handle on one segment living in log.wasm (engine-wasm/assembly/log/log-segment.ts holds
 * the format and invariants). Bytes go in and come out as copies; the segment's memory is released by
 * free(), after which every method throws.
 */
import type { Allocate, LogWasm } from './log-wasm.ts'
import type { AppendInfo } from './types.ts'

export class LogSegment {
  readonly #wasm: LogWasm
  #handle: number

  constructor(
    wasm: LogWasm,
    handle: number,
    readonly baseOffset: number,
  ) {
    this.#wasm = wasm
    this.#handle = handle
  }

  get #live(): number {
    if (this.#handle < 0) throw new Error(`LogSegment ${this.baseOffset} was freed`)
    return this.#handle
  }

  get nextOffset(): number {
    return this.#wasm.exports.segmentNextOffset(this.#live)
  }

  get sizeInBytes(): number {
    return this.#wasm.exports.segmentLogSize(this.#live)
  }

  /** The largest timestamp in the segment, -1 when empty. */
  get maxTimestamp(): number {
    return this.#wasm.exports.segmentMaxTimestamp(this.#live)
  }

  /**
   * Validates every batch (size, magic 2, CRC-32C, and the records unless `replicated`: a follower checks a
   * leader's batches by their CRC only, as Kafka's does), then assigns offsets from nextOffset and indexes.
   * Throws CorruptRecordError, and then nothing changed.
   */
  append(batches: Uint8Array, replicated = false): AppendInfo {
    const wasm = this.#wasm
    const handle = this.#live
    wasm.writeInput(batches)
    wasm.check(wasm.exports.segmentAppend(handle, batches.length, replicated ? 0 : 1))
    const [
      firstOffset = 0,
      lastOffset = 0,
      maxTimestamp = 0,
      offsetOfMaxTimestamp = 0,
      batchCount = 0,
      recordCount = 0,
      bytes = 0,
    ] = wasm.results(7)
    return { firstOffset, lastOffset, maxTimestamp, offsetOfMaxTimestamp, batchCount, recordCount, bytes }
  }

  /**
   * Drops every batch whose lastOffset >= offset and rebuilds the indexes over the rest (Kafka truncates
   * at batch boundaries; an offset inside a batch drops that whole batch). Returns the bytes dropped.
   */
  truncateTo(offset: number): number {
    return this.#wasm.exports.segmentTruncateTo(this.#live, offset)
  }

  /**
   * Whole batches from the one holding startOffset: at least one, then as many as fit in maxBytes; copied into
   * bytes from `allocate` (default: a fresh array).
   */
  read(startOffset: number, maxBytes: number, allocate?: Allocate): Uint8Array {
    if (maxBytes < 0) throw new RangeError(`Invalid max size ${maxBytes} for log read from segment`)
    const wasm = this.#wasm
    const handle = this.#live
    const length = wasm.exports.segmentRead(handle, startOffset, maxBytes)
    if (length === 0) return new Uint8Array(0)
    const [position = 0] = wasm.results(1)
    return this.#copyLog(handle, position, length, allocate)
  }

  /** The offset of the first record whose timestamp is >= `timestamp`, or null when there is none. */
  offsetForTimestamp(timestamp: number): number | null {
    const offset = this.#wasm.exports.segmentOffsetForTimestamp(this.#live, timestamp)
    return offset < 0 ? null : offset
  }

  /**
   * A copy of the .log bytes from byte `position` (default: all of them) to the end, in bytes from `allocate`
   * (default: a fresh array).
   */
  logBytes(position = 0, allocate?: Allocate): Uint8Array {
    const handle = this.#live
    const size = this.#wasm.exports.segmentLogSize(handle)
    const from = Math.min(Math.max(position, 0), size)
    return this.#copyLog(handle, from, size - from, allocate)
  }

  /** A copy of `length` .log bytes from `position`. */
  #copyLog(handle: number, position: number, length: number, allocate?: Allocate): Uint8Array {
    return this.#wasm.copyPaged(
      (at) => this.#wasm.exports.segmentLogAt(handle, at),
      position,
      length,
      allocate,
    )
  }

  /** A copy of the .index bytes (8-byte big-endian entries: relative offset, position). */
  offsetIndexBytes(): Uint8Array {
    const { exports } = this.#wasm
    return this.#wasm.copyBytes(
      exports.segmentOffsetIndexPointer(this.#live),
      exports.segmentOffsetIndexSize(this.#live),
    )
  }

  /** A copy of the .timeindex bytes (12-byte big-endian entries: timestamp, relative offset). */
  timeIndexBytes(): Uint8Array {
    const { exports } = this.#wasm
    return this.#wasm.copyBytes(
      exports.segmentTimeIndexPointer(this.#live),
      exports.segmentTimeIndexSize(this.#live),
    )
  }

  free(): void {
    this.#wasm.exports.segmentFree(this.#live)
    this.#handle = -1
  }
}
