/**
 * StoredFieldsCompressor: the TypeScript face of index.wasm's stored fields compression (a segment's records, LZ4
 * against a preset dictionary, engine-wasm/assembly/index/stored-fields-lz4.ts, then optionally Huffman-coded,
 * stored-fields-huffman.ts; the formats and their decoders: workers/es/index/shard/stored-fields-lz4.ts and
 * stored-fields-huffman.ts). Records cross into WASM a chunk at a time (about CHUNK_BYTES, at least one whole
 * record, one call each), so WASM memory holds one chunk in and out, never a segment: a WASM memory never shrinks.
 * Records are given as one byte array and their ends (record i runs from ends[i - 1], 0 for the first, to ends[i]);
 * the output is appended to a growable buffer (ByteSink) and `ends` rewritten to the records' ends in it. The sink may
 * be the records' own buffer (emptied): the output is then written behind the reading, over records already read,
 * and should it reach records not read yet (an incompressible start), those are copied out first.
 * No view of `memory.buffer` outlives the chunk that made it: an allocation may grow the memory.
 */
import type { IndexExports } from './index-exports.ts'

/** A chunk's records take about this many bytes (more when one record does). */
const CHUNK_BYTES = 64 << 10
/** Byte counts by sequence part (stored-fields-lz4.ts): 6 parts x 256 byte values. */
const COUNTS = 6 << 8

/** A growable byte buffer: `data` from 0 to `length` is its content; reserve makes room for more at the end. */
export interface ByteSink {
  data: Uint8Array
  length: number
  reserve(bytes: number): void
}

/** The worst-case LZ4 size of a record of `length` bytes. */
export function lz4Bound(length: number): number {
  return length + Math.ceil(length / 255) + 16
}

/** The worst-case coded size of an LZ4 record of `length` bytes (a code takes at most 12 bits). */
export function huffmanBound(length: number): number {
  return Math.ceil((length * 12) / 8) + 1
}

export class StoredFieldsCompressor {
  constructor(private readonly wasm: IndexExports) {}

  /**
   * LZ4-compresses every record (an empty one to one byte) against `dictionary` into `out`; answers how often each byte was
   * written in each part of a sequence, at (part << 8) | byte.
   */
  lz4(dictionary: Uint8Array, records: Uint8Array, ends: Int32Array, out: ByteSink): Uint32Array {
    const { wasm } = this
    let maxRecord = 0
    for (let i = 0, from = 0; i < ends.length; from = ends[i++]!)
      maxRecord = Math.max(maxRecord, ends[i]! - from)
    const pointer = wasm.alloc(Math.max(dictionary.length, 1))
    try {
      new Uint8Array(wasm.memory.buffer, pointer >>> 0, dictionary.length).set(dictionary)
      wasm.storedFieldsLz4Begin(pointer, dictionary.length, maxRecord)
    } finally {
      wasm.release(pointer)
    }
    let counts: number
    try {
      this.chunks(records, ends, out, lz4Bound, (input, chunkEnds, count, output) =>
        wasm.storedFieldsLz4(input, chunkEnds, count, output),
      )
    } finally {
      counts = wasm.storedFieldsLz4End() >>> 0
    }
    return new Uint32Array(wasm.memory.buffer.slice(counts, counts + 4 * COUNTS))
  }

  /**
   * Huffman-codes every LZ4 record (an empty one stays empty) with `codes` (at (part << 8) | byte: the code, least
   * significant bit first, shifted left 4, or its length) into `out`.
   */
  huffman(codes: Uint32Array, lz4: Uint8Array, ends: Int32Array, out: ByteSink): void {
    const { wasm } = this
    const pointer = wasm.alloc(codes.byteLength)
    try {
      new Uint32Array(wasm.memory.buffer, pointer >>> 0, codes.length).set(codes)
      this.chunks(lz4, ends, out, huffmanBound, (input, chunkEnds, count, output) =>
        wasm.storedFieldsHuffman(pointer, input, chunkEnds, count, output),
      )
    } finally {
      wasm.release(pointer)
    }
  }

  /**
   * Runs `call` on the records chunk by chunk: their bytes, their ends (from the chunk's start) and room for each
   * one's bound, copied into WASM memory; it answers the bytes it wrote and rewrites the ends to their output's.
   * `source` is where the records not read yet are: `input`, or a copy of its bytes from `base` on, made when output
   * written over `input` (a sink over its buffer) would reach them.
   */
  private chunks(
    input: Uint8Array,
    ends: Int32Array,
    out: ByteSink,
    bound: (length: number) => number,
    call: (input: number, ends: number, count: number, output: number) => number,
  ): void {
    const { wasm } = this
    let source = input
    let base = 0
    for (let first = 0, from = 0; first < ends.length;) {
      let next = first
      let room = 0
      do room += bound(ends[next]! - (next === first ? from : ends[next - 1]!))
      while (++next < ends.length && ends[next]! - from <= CHUNK_BYTES)
      const count = next - first
      const to = ends[next - 1]!
      // all allocated first (an allocation may grow the memory), then written through views made after
      const inputAt = wasm.alloc(Math.max(to - from, 1)) >>> 0
      const endsAt = wasm.alloc(4 * count) >>> 0
      const outputAt = wasm.alloc(room) >>> 0
      try {
        new Uint8Array(wasm.memory.buffer, inputAt, to - from).set(source.subarray(from - base, to - base))
        const chunkEnds = new Int32Array(wasm.memory.buffer, endsAt, count)
        for (let i = 0; i < count; i++) chunkEnds[i] = ends[first + i]! - from
        const written = call(inputAt, endsAt, count, outputAt)
        const unread = source.byteOffset + to - base
        if (out.data.buffer === source.buffer && out.data.byteOffset + out.length + written > unread) {
          source = source.slice(to - base)
          base = to
        }
        out.reserve(written)
        out.data.set(new Uint8Array(wasm.memory.buffer, outputAt, written), out.length)
        const outEnds = new Int32Array(wasm.memory.buffer, endsAt, count)
        for (let i = 0; i < count; i++) ends[first + i] = out.length + outEnds[i]!
        out.length += written
      } finally {
        wasm.release(outputAt)
        wasm.release(endsAt)
        wasm.release(inputAt)
      }
      first = next
      from = to
    }
  }
}
