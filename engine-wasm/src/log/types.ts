/**
 * The Kafka log engine's TypeScript-facing types. The bytes behind them are RecordBatch v2 exactly as
 * Kafka lays them out (DefaultRecordBatch): offsets and timestamps are JS numbers (exact below 2^53).
 */
import type { Compression, CompressionType } from './compression/compression-type.ts'

export interface RecordHeader {
  key: string
  value: Uint8Array | null
}

export interface RecordInput {
  key: Uint8Array | null
  value: Uint8Array | null
  /** Milliseconds since the epoch (CreateTime). */
  timestamp: number
  headers: readonly RecordHeader[]
}

export interface DecodedRecord extends RecordInput {
  offset: number
  /** Size of the record's bytes inside the batch, length varint included. */
  sizeInBytes: number
}

/**
 * Makes one record as a batch is decoded: its offset and timestamp (the batch's maxTimestamp for a
 * LogAppendTime batch, which `logAppendTime` says), key, value, headers and size in the batch.
 */
export type RecordFactory<R> = (
  offset: number,
  timestamp: number,
  key: Uint8Array | null,
  value: Uint8Array | null,
  headers: readonly RecordHeader[],
  sizeInBytes: number,
  logAppendTime: boolean,
) => R

export interface DecodedBatch<R = DecodedRecord> {
  baseOffset: number
  lastOffset: number
  batchLength: number
  partitionLeaderEpoch: number
  magic: number
  crc: number
  attributes: number
  lastOffsetDelta: number
  baseTimestamp: number
  maxTimestamp: number
  producerId: number
  producerEpoch: number
  baseSequence: number
  isTransactional: boolean
  isControlBatch: boolean
  /** 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
  compressionType: CompressionType
  /** Byte position of the batch inside the buffer it was decoded from. */
  position: number
  records: R[]
}

export interface BatchOptions {
  /** How to compress the records (none when left out). */
  compression?: Compression
  producerId?: number
  producerEpoch?: number
  baseSequence?: number
  partitionLeaderEpoch?: number
  /** A transactional producer's batch: attributes bit 4 (isTransactional). */
  isTransactional?: boolean
}

export interface AppendInfo {
  firstOffset: number
  lastOffset: number
  maxTimestamp: number
  /** Offset of the record holding maxTimestamp. */
  offsetOfMaxTimestamp: number
  batchCount: number
  recordCount: number
  bytes: number
}

/** Raised when bytes fail RecordBatch validation (CRC32C, sizes, magic). Name crosses boundaries. */
export class CorruptRecordError extends Error {
  override name = 'CorruptRecordError'
}
