/**
 * The transaction marker (Kafka 4.1, org.apache.kafka.common.record.EndTransactionMarker): a control batch
 * (attributes 0x30: transactional + control) of the transaction's producer id and epoch, base sequence -1,
 * holding one record at offset delta 0 with no headers. Its key is the ControlRecordType key v0
 * (version int16 = 0, type int16: 0 ABORT, 1 COMMIT; raft/control-records.ts), its value EndTxnMarker v0:
 * version int16 = 0, coordinatorEpoch int32 (6 bytes), big-endian.
 *
 * Reading a marker (EndTransactionMarker.deserializeValue): a value shorter than 6 bytes or of a negative
 * version is an InvalidRecordException, with Kafka's messages; a newer version is read as version 0.
 * `markerOfBatch` reads the marker straight out of a control batch's bytes (its first record), so the log
 * side can follow producer state from batch bytes without decoding whole batches.
 */
import { MemoryRecordsBuilder } from '../../../engine-wasm/src/log/index.ts'
import { controlRecordKey, controlRecordType, parseControlTypeId } from '../raft/control-records.ts'

export type TransactionResult = 'COMMIT' | 'ABORT'

export interface EndTransactionMarker {
  type: TransactionResult
  coordinatorEpoch: number
}

/** RecordBatch attributes: isTransactional (bit 4) and isControl (bit 5). */
export const TRANSACTIONAL_FLAG = 0x10
export const CONTROL_FLAG = 0x20
const VALUE_SIZE = 6
const VALUE_VERSION = 0
const NO_SEQUENCE = -1
const RECORDS_AT = 61

/** Kafka's InvalidRecordException (a marker that does not parse). */
export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError'
}

/** EndTransactionMarker.serializeValue: version 0, then the coordinator epoch. */
export function endTxnMarkerValue(coordinatorEpoch: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(VALUE_SIZE))
  view.setInt16(0, VALUE_VERSION)
  view.setInt32(2, coordinatorEpoch)
  return new Uint8Array(view.buffer)
}

/** EndTransactionMarker.deserialize of a control record's key and value. */
export function parseEndTxnMarker(key: Uint8Array | null, value: Uint8Array | null): EndTransactionMarker {
  const typeId = parseControlTypeId(key)
  const type = controlRecordType(typeId)
  if (type !== 'COMMIT' && type !== 'ABORT') {
    throw new InvalidRecordError(`Invalid control record type for end transaction marker ${type}`)
  }
  const size = value?.length ?? 0
  if (value === null || size < VALUE_SIZE) {
    throw new InvalidRecordError(
      `Invalid value size found for end transaction marker. Must have at least ${VALUE_SIZE} bytes, but found only ${size}`,
    )
  }
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength)
  const version = view.getInt16(0)
  if (version < 0) {
    throw new InvalidRecordError(
      `Invalid version found for end transaction marker: ${version}. May indicate data corruption`,
    )
  }
  return { type, coordinatorEpoch: view.getInt32(2) }
}

/** What a transaction marker batch carries besides the marker. */
export interface MarkerBatchFields {
  producerId: number
  producerEpoch: number
  timestamp: number
  partitionLeaderEpoch?: number
}

/**
 * MemoryRecords.withEndTransactionMarker: the control batch of one marker, at base offset 0 (the leader
 * assigns its offset on append). `crc32c` is the engine's CRC-32C (LogEngine.crc32c).
 */
export function endTxnMarkerBatch(
  marker: EndTransactionMarker,
  fields: MarkerBatchFields,
  crc32c: (bytes: Uint8Array) => number,
): Uint8Array {
  const builder = new MemoryRecordsBuilder()
  builder.append(
    fields.timestamp,
    controlRecordKey(marker.type),
    endTxnMarkerValue(marker.coordinatorEpoch),
    [],
  )
  return builder.build(
    {
      baseOffset: 0,
      partitionLeaderEpoch: fields.partitionLeaderEpoch ?? -1,
      attributes: TRANSACTIONAL_FLAG | CONTROL_FLAG,
      producerId: fields.producerId,
      producerEpoch: fields.producerEpoch,
      baseSequence: NO_SEQUENCE,
    },
    crc32c,
  )
}

/**
 * The marker in the control batch at `at` (uncompressed, as every control batch is), or null when the
 * batch holds no record (a cleaned-out transaction: Kafka skips it). Throws InvalidRecordError for a record
 * that is not a transaction marker.
 */
export function markerOfBatch(view: DataView, at: number): EndTransactionMarker | null {
  const reader = new VarintReader(view, at + RECORDS_AT)
  if (view.getInt32(at + 57) === 0) return null
  reader.varint() // record length
  reader.skip(1) // record attributes
  reader.varint() // timestamp delta
  reader.varint() // offset delta
  const key = reader.bytes()
  const value = reader.bytes()
  try {
    return parseEndTxnMarker(key, value)
  } catch (error) {
    if (error instanceof InvalidRecordError) throw error
    throw new InvalidRecordError(error instanceof Error ? error.message : String(error))
  }
}

/** Zig-zag varints as a DefaultRecord writes them (ByteUtils.readVarint / readVarlong). */
class VarintReader {
  constructor(
    private readonly view: DataView,
    private at: number,
  ) {}

  varint(): number {
    let raw = 0
    let scale = 1
    for (;;) {
      const byte = this.view.getUint8(this.at++)
      raw += (byte & 0x7f) * scale
      if ((byte & 0x80) === 0) break
      scale *= 128
    }
    return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2
  }

  skip(count: number): void {
    this.at += count
  }

  bytes(): Uint8Array | null {
    const length = this.varint()
    if (length < 0) return null
    const start = this.view.byteOffset + this.at
    this.at += length
    return new Uint8Array(this.view.buffer, start, length)
  }
}
