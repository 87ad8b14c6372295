/**
 * MemoryRecordsBuilder: one uncompressed RecordBatch v2 built in a growing buffer, as Kafka's
 * MemoryRecordsBuilder builds the producer's batches: each record is encoded into the buffer when it is
 * appended (DefaultRecord.writeTo), so a batch keeps bytes, not the records it was given; `build` writes
 * the header fields and the CRC-32C and returns a copy, so a batch can be built again with another header
 * (an idempotent producer's retry keeps its records and stamps them anew). The copy is exactly the batch's
 * length, so a request that carries it off to another thread moves only the batch's bytes, never the
 * builder's whole buffer.
 *
 * Byte format (DefaultRecordBatch, big-endian): baseOffset i64, batchLength i32, partitionLeaderEpoch i32,
 * magic i8 = 2, crc u32 (CRC-32C of attributes .. end), attributes i16, lastOffsetDelta i32,
 * baseTimestamp i64, maxTimestamp i64, producerId i64, producerEpoch i16, baseSequence i32, count i32, then
 * per record: length varint, attributes i8 = 0, timestampDelta varlong, offsetDelta varint, key length
 * varint (-1 null) and key, value length varint (-1 null) and value, header count varint, then per header
 * key length varint, UTF-8 key, value length varint (-1 null), value. Varints are zigzag base-128.
 *
 * Invariants: bytes [61, sizeInBytes) of the buffer are exactly the records appended, record i with
 * offsetDelta i; baseTimestamp is the first record's timestamp unless the builder was given one (a delete
 * horizon, KIP-534), so deltas may be negative; maxTimestamp is the largest record timestamp unless the
 * header names one (a LogAppendTime batch keeps its own).
 *
 * Ownership: a builder may start on a buffer it is given (the producer's BufferPool hands out used ones: the
 * builder writes every byte it later reads, header included, so stale bytes never show). `release` hands the
 * buffer back once; the builder then refuses appends and builds, so a buffer is never written by two owners.
 */
import type { RecordHeader } from './types.ts'

/** DefaultRecordBatch.RECORD_BATCH_OVERHEAD: where the first record starts. */
const RECORDS_AT = 61
const ATTRIBUTES_AT = 21
const MAGIC_V2 = 2

const utf8 = new TextEncoder()
const NO_HEADER_KEYS: readonly Uint8Array[] = []

/** The header fields `build` writes; a `maxTimestamp` given replaces the records' largest. */
export interface BatchHeader {
  baseOffset: number
  partitionLeaderEpoch: number
  attributes: number
  producerId: number
  producerEpoch: number
  baseSequence: number
  maxTimestamp?: number
}

/** ByteUtils.sizeOfVarlong of the zigzag encoding, exact for every safe integer. */
export function sizeOfVarlong(value: number): number {
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1
  let bytes = 1
  while (zigzag >= 0x80) {
    zigzag = Math.floor(zigzag / 0x80)
    bytes++
  }
  return bytes
}

export class MemoryRecordsBuilder {
  #buffer: Uint8Array
  #size = RECORDS_AT
  #count = 0
  #baseTimestamp: number
  #maxTimestamp = -1
  #released = false

  /**
   * `initial` is the buffer's first capacity, or a buffer to write into (its bytes need not be zero);
   * `baseTimestamp` fixes the batch's base timestamp (a delete horizon); by default it is the first record's.
   */
  constructor(initial: number | Uint8Array = 1024, baseTimestamp: number | null = null) {
    this.#buffer =
      typeof initial !== 'number' && initial.length >= RECORDS_AT
        ? initial
        : new Uint8Array(Math.max(typeof initial === 'number' ? initial : 0, RECORDS_AT))
    this.#baseTimestamp = baseTimestamp ?? Number.NaN
  }

  get recordCount(): number {
    return this.#count
  }

  /** The batch's bytes so far, header included. */
  get sizeInBytes(): number {
    return this.#size
  }

  /** Encodes one record after the others (its offsetDelta is the count so far). */
  append(
    timestamp: number,
    key: Uint8Array | null,
    value: Uint8Array | null,
    headers: readonly RecordHeader[],
  ): void {
    this.#checkNotReleased()
    if (!Number.isSafeInteger(timestamp)) {
      throw new RangeError(`Record timestamp ${timestamp} is not an integer number of milliseconds`)
    }
    if (Number.isNaN(this.#baseTimestamp)) this.#baseTimestamp = timestamp
    const timestampDelta = timestamp - this.#baseTimestamp
    const offsetDelta = this.#count
    const headerKeys = headers.length === 0 ? NO_HEADER_KEYS : headers.map((h) => utf8.encode(h.key))
    let payload = fieldSize(key) + fieldSize(value) + sizeOfVarlong(headers.length)
    for (let h = 0; h < headers.length; h++) {
      payload += fieldSize(headerKeys[h] ?? null) + fieldSize(headers[h]?.value ?? null)
    }
    const body = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarlong(offsetDelta) + payload
    this.#ensure(sizeOfVarlong(body) + body)
    this.#varlong(body)
    this.#buffer[this.#size++] = 0
    this.#varlong(timestampDelta)
    this.#varlong(offsetDelta)
    this.#field(key)
    this.#field(value)
    this.#varlong(headers.length)
    for (let h = 0; h < headers.length; h++) {
      this.#field(headerKeys[h] ?? null)
      this.#field(headers[h]?.value ?? null)
    }
    this.#count++
    if (timestamp > this.#maxTimestamp) this.#maxTimestamp = timestamp
  }

  /** A copy of the batch with `header` and its CRC-32C (`crc32c` of the bytes from the attributes on). */
  build(header: BatchHeader, crc32c: (bytes: Uint8Array) => number): Uint8Array {
    return this.#seal(header, crc32c).slice()
  }

  /** The batch in the builder's buffer, `header` and its CRC-32C written in front of the records. */
  #seal(header: BatchHeader, crc32c: (bytes: Uint8Array) => number): Uint8Array {
    this.#checkNotReleased()
    if (this.#count === 0) throw new RangeError('A record batch needs at least one record')
    const bytes = this.#buffer.subarray(0, this.#size)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    view.setBigInt64(0, BigInt(header.baseOffset))
    view.setInt32(8, this.#size - 12)
    view.setInt32(12, header.partitionLeaderEpoch)
    view.setInt8(16, MAGIC_V2)
    view.setInt16(ATTRIBUTES_AT, header.attributes)
    view.setInt32(23, this.#count - 1)
    view.setBigInt64(27, BigInt(this.#baseTimestamp))
    view.setBigInt64(35, BigInt(header.maxTimestamp ?? this.#maxTimestamp))
    view.setBigInt64(43, BigInt(header.producerId))
    view.setInt16(51, header.producerEpoch)
    view.setInt32(53, header.baseSequence)
    view.setInt32(57, this.#count)
    view.setUint32(17, crc32c(bytes.subarray(ATTRIBUTES_AT)) >>> 0)
    return bytes
  }

  /** Hands the buffer back (once: null after that); the builder takes no appends and builds nothing more. */
  release(): Uint8Array | null {
    if (this.#released) return null
    this.#released = true
    return this.#buffer
  }

  #checkNotReleased(): void {
    if (this.#released) throw new Error('This MemoryRecordsBuilder released its buffer')
  }

  #ensure(extra: number): void {
    if (this.#size + extra <= this.#buffer.length) return
    const grown = new Uint8Array(Math.max(this.#buffer.length * 2, this.#size + extra))
    grown.set(this.#buffer.subarray(0, this.#size))
    this.#buffer = grown
  }

  /** Zigzag base-128 of a safe integer; room for it was ensured. */
  #varlong(value: number): void {
    const buffer = this.#buffer
    if (value >= -0x40000000 && value < 0x40000000) {
      let zigzag = ((value << 1) ^ (value >> 31)) >>> 0
      while (zigzag >= 0x80) {
        buffer[this.#size++] = (zigzag & 0x7f) | 0x80
        zigzag >>>= 7
      }
      buffer[this.#size++] = zigzag
      return
    }
    let zigzag = value >= 0 ? value * 2 : -value * 2 - 1
    while (zigzag >= 0x80) {
      buffer[this.#size++] = (zigzag % 0x80) | 0x80
      zigzag = Math.floor(zigzag / 0x80)
    }
    buffer[this.#size++] = zigzag
  }

  #field(bytes: Uint8Array | null): void {
    if (bytes === null) {
      this.#varlong(-1)
      return
    }
    this.#varlong(bytes.length)
    if (bytes.length === 0) return
    this.#buffer.set(bytes, this.#size)
    this.#size += bytes.length
  }
}

function fieldSize(bytes: Uint8Array | null): number {
  return bytes === null ? 1 : sizeOfVarlong(bytes.length) + bytes.length
}
