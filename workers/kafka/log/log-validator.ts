/**
 * The record checks of Kafka's LogValidator that the playground's append path adds on top of log.wasm's
 * batch validation:
 * - a compressed batch's records are inflated and checked (log.wasm can only check its header);
 * - a compacted topic (cleanup.policy contains compact) refuses records without a key. Kafka answers
 *   INVALID_RECORD (code 87) with one RecordError per refused record, whose batchIndex is the record's index
 *   inside its batch, and raises a RecordValidationException around an InvalidRecordException;
 * - the topic's compression.type decides the codec stored: `producer` keeps every batch as the producer
 *   compressed it ("in place"), any other codec recompresses the batches in another codec to it
 *   (validateMessagesAndAssignOffsetsCompressed; Kafka builds new batches, whose header fields, records
 *   and offsets are the same as the ones here).
 */
import {
  CompressionType,
  batchSlices,
  compressionOfBatch,
  type DecodedBatch,
  type LogEngine,
} from '../../../engine-wasm/src/log/index.ts'
import type { TopicCompression } from './log-compression-config.ts'

/** What the validator needs of the topic's configs. */
export interface ValidationConfig {
  compact: boolean
  compression: TopicCompression
}

/** ProduceResponse.RecordError. */
export interface RecordError {
  batchIndex: number
  message: string
}

/** Kafka's RecordValidationException: the append is refused as a whole; recordErrors go to the producer. */
export class RecordValidationError extends Error {
  override name = 'RecordValidationException'
  /** The Kafka error the produce response carries. */
  readonly error = 'INVALID_RECORD'

  constructor(readonly recordErrors: readonly RecordError[]) {
    const shown = recordErrors
      .slice(0, 3)
      .map((e) => `RecordError(batchIndex=${e.batchIndex}, message='${e.message}')`)
    super(
      `One or more records have been rejected due to ${recordErrors.length} record errors in total, ` +
        `and only showing the first three errors at most: [${shown.join(', ')}]`,
    )
  }
}

/** LogValidator.validateKey over every record; throws RecordValidationError when any has no key. */
export function validateKeysForCompactedTopic(
  batches: readonly DecodedBatch[],
  topicPartition: string,
): void {
  const errors: RecordError[] = []
  for (const batch of batches) {
    if (batch.isControlBatch) continue
    batch.records.forEach((record, batchIndex) => {
      if (record.key !== null) return
      errors.push({
        batchIndex,
        message: `Compacted topic cannot accept message without key in topic partition ${topicPartition}`,
      })
    })
  }
  if (errors.length > 0) throw new RecordValidationError(errors)
}

/** Validates the batches of a leader append; returns the bytes to append (recompressed if the topic asks). */
export function validateMessages(
  engine: LogEngine,
  batches: Uint8Array,
  config: ValidationConfig,
  topicPartition: string,
): Uint8Array {
  const compressed = batchSlices(batches).some((batch) => compressionOfBatch(batch) !== CompressionType.NONE)
  if (compressed || config.compact) {
    const decoded = engine.decodeBatches(batches)
    if (config.compact) validateKeysForCompactedTopic(decoded, topicPartition)
  }
  return config.compression === 'producer' ? batches : engine.recompressBatches(batches, config.compression)
}
