/**
 * LogEngine: the loaded log.wasm module. Encodes and decodes RecordBatch v2 bytes and creates the
 * LogSegments that live in the module's memory (many per instance, one per partition segment).
 * Compression happens here, around the module: log.wasm builds and walks uncompressed records, and this
 * class compresses a built batch's records and inflates a compressed batch before reading its records.
 */
import { instantiate, type WasmSource } from '../wasm-source.ts'
import { decodedRecord, readDecodedBatches } from './batch-decoding.ts'
import { batchSlices, compressBatch, inflateBatch } from './batch-compression.ts'
import { CompressionType, type Compression } from './compression/compression-type.ts'
import { concatBytes } from './compression/bytes.ts'
import { bindLogExports } from './log-exports.ts'
import { LogSegment } from './log-segment.ts'
import { LogWasm, readAssemblyString } from './log-wasm.ts'
import { MemoryRecordsBuilder, type BatchHeader } from './memory-records-builder.ts'
import type { BatchOptions, DecodedBatch, DecodedRecord, RecordFactory, RecordInput } from './types.ts'

export class LogEngine {
  readonly #wasm: LogWasm

  private constructor(wasm: LogWasm) {
    this.#wasm = wasm
  }

  static async load(source: WasmSource): Promise<LogEngine> {
    // abort() can only be called once the instance exists, so the memory is known by then.
    const bound: { memory?: WebAssembly.Memory } = {}
    const abort = (message: number, file: number, line: number, column: number): never => {
      const { memory } = bound
      const text = memory
        ? `${readAssemblyString(memory, message)} at ${readAssemblyString(memory, file)}`
        : ''
      throw new Error(`log.wasm aborted: ${text}:${line}:${column}`)
    }
    const instance = await instantiate(source, { env: { abort } })
    const exports = bindLogExports(instance.exports)
    bound.memory = exports.memory
    return new LogEngine(new LogWasm(exports))
  }

  /**
   * One batch as the Java producer builds it (baseOffset 0, CreateTime), its records compressed as
   * options.compression asks (none by default), attributes and CRC to match.
   */
  encodeBatch(records: readonly RecordInput[], options: BatchOptions = {}): Uint8Array {
    const builder = new MemoryRecordsBuilder()
    for (const record of records) builder.append(record.timestamp, record.key, record.value, record.headers)
    return this.buildBatch(builder, options)
  }

  /** The builder's records as encodeBatch makes them into a batch; the builder can build again. */
  buildBatch(builder: MemoryRecordsBuilder, options: BatchOptions = {}): Uint8Array {
    const batch = builder.build(producerHeader(options), this.#crc32c)
    const { compression } = options
    return compression ? compressBatch(batch, compression, this.#crc32c) : batch
  }

  /**
   * Parses batches back to back, verifying sizes, magic, CRC-32C and records (a compressed batch's after
   * inflating them); throws CorruptRecordError. Header fields are the batch's own, compressed or not.
   * `makeRecord` makes each record (DecodedRecords by default).
   */
  decodeBatches(bytes: Uint8Array): DecodedBatch[]
  decodeBatches<R>(bytes: Uint8Array, makeRecord: RecordFactory<R>): DecodedBatch<R>[]
  decodeBatches<R>(bytes: Uint8Array, makeRecord?: RecordFactory<R>): DecodedBatch<R | DecodedRecord>[] {
    const make: RecordFactory<R | DecodedRecord> = makeRecord ?? decodedRecord
    const batches = this.#decodeHeadersAndPlainRecords(bytes, make)
    for (const batch of batches) {
      if (batch.compressionType === CompressionType.NONE) continue
      const whole = bytes.subarray(batch.position, batch.position + batch.batchLength + 12)
      const [plain] = this.#decodeHeadersAndPlainRecords(
        inflateBatch(whole, this.#crc32c, batch.position),
        make,
      )
      batch.records = plain?.records ?? []
    }
    return batches
  }

  /**
   * The batches with every batch's records compressed as `compression` asks (LogValidator's recompression
   * to a topic's compression.type, and the cleaner's rewrite); batches already so compressed stay as they
   * are, and when all do, `bytes` itself comes back.
   */
  recompressBatches(bytes: Uint8Array, compression: Compression): Uint8Array {
    const batches = batchSlices(bytes)
    const converted = batches.map((batch) => compressBatch(batch, compression, this.#crc32c))
    return converted.every((batch, i) => batch === batches[i]) ? bytes : concatBytes(converted)
  }

  #decodeHeadersAndPlainRecords<R>(bytes: Uint8Array, makeRecord: RecordFactory<R>): DecodedBatch<R>[] {
    const wasm = this.#wasm
    wasm.writeInput(bytes)
    const count = wasm.check(wasm.exports.decodeBatches(bytes.length))
    return readDecodedBatches(wasm.copyFloats(wasm.exports.outputPointer(), count), bytes, makeRecord)
  }

  readonly #crc32c = (bytes: Uint8Array): number => this.crc32c(bytes)

  /** CRC-32C (Castagnoli) of the bytes, as Kafka's Crc32C computes it. */
  crc32c(bytes: Uint8Array): number {
    this.#wasm.writeInput(bytes)
    return this.#wasm.exports.inputCrc32c(bytes.length) >>> 0
  }

  newSegment(baseOffset: number): LogSegment {
    return new LogSegment(this.#wasm, this.#wasm.exports.segmentNew(baseOffset), baseOffset)
  }

  /** Rebuilds a segment from persisted .log bytes, keeping the longest valid prefix of whole batches. */
  recoverSegment(baseOffset: number, logBytes: Uint8Array): { segment: LogSegment; truncatedBytes: number } {
    const wasm = this.#wasm
    const handle = wasm.exports.segmentNew(baseOffset)
    // A page at a time, so the input area never holds a whole stored segment beside its pages.
    for (let at = 0; at < logBytes.length; at += wasm.logPageSize) {
      const part = logBytes.subarray(at, at + wasm.logPageSize)
      wasm.writeInput(part)
      wasm.exports.segmentLoad(handle, part.length)
    }
    const truncatedBytes = wasm.exports.segmentRecover(handle)
    return { segment: new LogSegment(wasm, handle, baseOffset), truncatedBytes }
  }
}

/** RecordBatch attributes bit 4: isTransactional. */
const TRANSACTIONAL_FLAG = 0x10

/** The header of a batch as the Java producer builds it: baseOffset 0, CreateTime, no leader epoch yet. */
function producerHeader(options: BatchOptions): BatchHeader {
  return {
    baseOffset: 0,
    partitionLeaderEpoch: options.partitionLeaderEpoch ?? -1,
    attributes: options.isTransactional === true ? TRANSACTIONAL_FLAG : 0,
    producerId: options.producerId ?? -1,
    producerEpoch: options.producerEpoch ?? -1,
    baseSequence: options.baseSequence ?? -1,
  }
}
