/**
 * org.apache.kafka.tools.consumer.CoordinatorRecordMessageFormatter (Kafka 4.1) and its formatters for
 * kafka-console-consumer's --formatter: on __consumer_offsets, OffsetsMessageFormatter prints the OffsetCommit
 * records and GroupMetadataMessageFormatter the GroupMetadata ones; on __transaction_state,
 * TransactionLogMessageFormatter prints every record:
 * - each as `{"key":{"type":N,"data":{...}},"value":{"version":N,"data":{...}}}` (type and version are
 *   JSON numbers; a tombstone's value is null; member subscription and assignment stay base64), with no line
 *   separator after it, as writeTo writes nothing else.
 * - A record without a key, of a record type the serde does not know, or of the other type prints nothing.
 * - A record the serde cannot read throws `Could not read record at offset N due to: <message>`.
 */
import type { ConsumerRecord } from '../../clients/kafka/api.ts'
import { toJson } from '../../es/xcontent/json-writer.ts'
import {
  GROUP_METADATA_RECORD_TYPE,
  OFFSET_COMMIT_RECORD_TYPE,
  UnknownRecordTypeException,
} from '../../kafka/group/group-coordinator-record-serde.ts'
import {
  groupRecordJson,
  transactionRecordJson,
  type CoordinatorRecordJson,
} from './coordinator-record-json.ts'
import { JavaException } from './java-exception.ts'

export const OFFSETS_MESSAGE_FORMATTER = 'org.apache.kafka.tools.consumer.OffsetsMessageFormatter'
export const GROUP_METADATA_MESSAGE_FORMATTER =
  'org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter'
export const TRANSACTION_LOG_MESSAGE_FORMATTER =
  'org.apache.kafka.tools.consumer.TransactionLogMessageFormatter'

type RecordReader = (key: Uint8Array, value: Uint8Array | null) => CoordinatorRecordJson
const readGroupRecord: RecordReader = (key, value) => groupRecordJson(key, value, false)

export class CoordinatorRecordMessageFormatter {
  /**
   * The serde's reading, and the record type the formatter prints (null: every type; LEGACY_OFFSET_COMMIT, 0,
   * is never read by the group serde here).
   */
  constructor(
    private readonly read: RecordReader,
    private readonly recordType: number | null,
  ) {}

  static forClass(name: string): CoordinatorRecordMessageFormatter | null {
    if (name === OFFSETS_MESSAGE_FORMATTER)
      return new CoordinatorRecordMessageFormatter(readGroupRecord, OFFSET_COMMIT_RECORD_TYPE)
    if (name === GROUP_METADATA_MESSAGE_FORMATTER) {
      return new CoordinatorRecordMessageFormatter(readGroupRecord, GROUP_METADATA_RECORD_TYPE)
    }
    if (name === TRANSACTION_LOG_MESSAGE_FORMATTER)
      return new CoordinatorRecordMessageFormatter(transactionRecordJson, null)
    return null
  }

  /** writeTo: the record's JSON, or '' when it prints nothing. */
  format(record: ConsumerRecord): string {
    if (record.key === null) return ''
    let parsed: CoordinatorRecordJson
    try {
      parsed = this.read(record.key, record.value)
    } catch (error) {
      if (error instanceof UnknownRecordTypeException) return ''
      const message = error instanceof Error ? error.message : String(error)
      throw new JavaException(
        'java.lang.RuntimeException',
        `Could not read record at offset ${record.offset} due to: ${message}`,
      )
    }
    if (this.recordType !== null && parsed.type !== this.recordType) return ''
    const { type, key, value } = parsed
    return toJson({ key: { type, data: key }, value })
  }
}
