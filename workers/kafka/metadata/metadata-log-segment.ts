/**
 * The `__cluster_metadata-0/00000000000000000000.log` segment as Kafka's raft layer writes it, built from
 * the replicated log's batches when the file is read (the playground stores the batches, not their bytes):
 * each batch one uncompressed RecordBatch v2 (raft's BatchBuilder), back to back from offset 0:
 * baseOffset the batch's, partitionLeaderEpoch its epoch, CreateTime with base and max timestamp its append
 * time, producer id, epoch and base sequence -1, not transactional. A data batch holds one record per
 * metadata record (null key, the MetadataRecordSerde bytes as value, timestamp delta 0); a control batch
 * (attribute bit 5) holds the LeaderChange control record (control-records.ts).
 * The metadata log never rolls in the playground (Kafka rolls at metadata.log.segment.bytes, 1 GiB), so
 * this is its only segment.
 */
import { concatBytes } from '../../../engine-wasm/src/log/compression/bytes.ts'
import { MemoryRecordsBuilder } from '../../../engine-wasm/src/log/index.ts'
import { controlRecordKey, leaderChangeValue } from '../raft/control-records.ts'
import { batchSize, type LogBatch } from '../raft/raft-messages.ts'
import { serializeMetadataRecord } from './metadata-record-serde.ts'
import type { MetadataRecord } from './metadata-records.ts'

const CONTROL_FLAG = 0x20
const NO_PRODUCER_ID = -1
const NO_PRODUCER_EPOCH = -1
const NO_SEQUENCE = -1

/** Where the segment's batches come from: the raft client's log (KafkaRaftClient.batchAt). */
export interface MetadataLogSource {
  batchAt(offset: number): LogBatch<MetadataRecord> | undefined
}

/** The log's batches from offset 0 to its end. */
export function metadataLogBatches(source: MetadataLogSource): LogBatch<MetadataRecord>[] {
  const batches: LogBatch<MetadataRecord>[] = []
  for (
    let batch = source.batchAt(0);
    batch !== undefined;
    batch = source.batchAt(batch.baseOffset + batchSize(batch))
  ) {
    batches.push(batch)
  }
  return batches
}

function batchBytes(batch: LogBatch<MetadataRecord>, crc32c: (bytes: Uint8Array) => number): Uint8Array {
  const builder = new MemoryRecordsBuilder()
  const time = batch.appendTimestamp
  if (batch.kind === 'control') {
    builder.append(time, controlRecordKey('LEADER_CHANGE'), leaderChangeValue(batch.leaderChange), [])
  } else {
    for (const record of batch.records) builder.append(time, null, serializeMetadataRecord(record), [])
  }
  return builder.build(
    {
      baseOffset: batch.baseOffset,
      partitionLeaderEpoch: batch.epoch,
      attributes: batch.kind === 'control' ? CONTROL_FLAG : 0,
      producerId: NO_PRODUCER_ID,
      producerEpoch: NO_PRODUCER_EPOCH,
      baseSequence: NO_SEQUENCE,
    },
    crc32c,
  )
}

/** The segment's bytes: every batch of the log, in offset order. */
export function metadataLogSegment(
  batches: readonly LogBatch<MetadataRecord>[],
  crc32c: (bytes: Uint8Array) => number,
): Uint8Array {
  return concatBytes(batches.map((batch) => batchBytes(batch, crc32c)))
}
