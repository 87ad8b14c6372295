/**
 * org.apache.kafka.tools.consumer.CoordinatorRecordMessageFormatter (Kafka 4.1) and its two group formatters,
 * for kafka-console-consumer's --formatter on __consumer_offsets:
 * - OffsetsMessageFormatter prints the OffsetCommit records, GroupMetadataMessageFormatter the GroupMetadata
 *   ones; each as `{"key":{"type":N,"data":{...}},"value":{"version":N,"data":{...}}}` (type and version are
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
  deserialize,
  type CoordinatorRecord,
} from '../../kafka/group/group-coordinator-record-serde.ts'
import { keyAsJson, valueAsJson } from './coordinator-record-json.ts'
import { JavaException } from './java-exception.ts'

export const OFFSETS_MESSAGE_FORMATTER = 'org.apache.kafka.tools.consumer.OffsetsMessageFormatter'
export const GROUP_METADATA_MESSAGE_FORMATTER =
  'org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter'

export class CoordinatorRecordMessageFormatter {
  /** The record type the formatter prints (LEGACY_OFFSET_COMMIT, 0, is never read by the serde here). */
  constructor(private readonly recordType: number) {}

  static forClass(name: string): CoordinatorRecordMessageFormatter | null {
    if (name === OFFSETS_MESSAGE_FORMATTER)
      return new CoordinatorRecordMessageFormatter(OFFSET_COMMIT_RECORD_TYPE)
    if (name === GROUP_METADATA_MESSAGE_FORMATTER) {
      return new CoordinatorRecordMessageFormatter(GROUP_METADATA_RECORD_TYPE)
    }
    return null
  }

  /** writeTo: the record's JSON, or '' when it prints nothing. */
  format(record: ConsumerRecord): string {
    if (record.key === null) return ''
    let parsed: CoordinatorRecord
    try {
      parsed = deserialize(record.key, record.value)
    } catch (error) {
      if (error instanceof UnknownRecordTypeException) return ''
      const message = error instanceof Error ? error.message : String(error)
      throw new JavaException(
        'java.lang.RuntimeException',
        `Could not read record at offset ${record.offset} due to: ${message}`,
      )
    }
    if (parsed.key.type !== this.recordType) return ''
    const { key, value } = parsed
    return toJson({
      key: { type: key.type, data: keyAsJson(key) },
      value: value === null ? null : { version: value.version, data: valueAsJson(parsed, false) },
    })
  }
}
