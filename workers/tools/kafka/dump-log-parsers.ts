/**
 * DumpLogSegments' MessageParsers (Kafka 4.1): what `--print-data-log` prints after a record's metadata, as an
 * optional key and an optional payload.
 * - DecoderMessageParser with StringDecoder: the key and value bytes as UTF-8 text, absent when null.
 * - OffsetsMessageParser (--offsets-decoder): the record read by GroupCoordinatorRecordSerde; the key as
 *   `{"type":"<record type>","data":{...}}`, the payload as `{"version":"<version>","data":{...}}` (type and
 *   version are JSON strings) or `<DELETE>` for a tombstone (coordinator-record-json.ts; the consumer group's
 *   records, types 3 to 8, by their schemas). An unknown record
 *   type gives the key `Unknown record type N at offset O, skipping.` and no payload; any other failure
 *   `Error at offset O, skipping. <message>`. A record without a key throws a RuntimeException.
 * - TransactionLogMessageParser (--transaction-log-decoder): the same shapes for `__transaction_state`'s
 *   records (TransactionLogKey type 0 `{"transactionalId":...}`, TransactionLogValue by its version's fields).
 * - ClusterMetadataLogMessageParser (--cluster-metadata-decoder): no key; the value read by
 *   MetadataRecordSerde as `{"type":"<MetadataRecordType>","version":N,"data":{...}}` (the record's
 *   JsonConverter), or `Error at O, skipping. <message>` when it does not read.
 */
import type { DecodedRecord } from '../../../engine-wasm/src/log/types.ts'
import { toJson } from '../../es/xcontent/json-writer.ts'
import { UnknownRecordTypeException } from '../../kafka/group/group-coordinator-record-serde.ts'
import { metadataRecordJson, readMetadataRecord } from '../../kafka/metadata/metadata-record-serde.ts'
import {
  groupRecordJson,
  transactionRecordJson,
  type CoordinatorRecordJson,
} from './coordinator-record-json.ts'
import { JavaException } from './java-exception.ts'

export interface ParsedRecord {
  readonly key: string | null
  readonly payload: string | null
}

export type MessageParser = (record: DecodedRecord) => ParsedRecord

const utf8 = new TextDecoder()

export const stringDecoderParser: MessageParser = (record) => ({
  key: record.key === null ? null : utf8.decode(record.key),
  payload: record.value === null ? null : utf8.decode(record.value),
})

/**
 * CoordinatorRecordMessageParser: the key as `{"type":"<type>","data":{...}}`, the payload as
 * `{"version":"<version>","data":{...}}` or `<DELETE>`; an unknown record type or a record that does not read
 * is reported in the key.
 */
function coordinatorRecordParser(
  read: (key: Uint8Array, value: Uint8Array | null) => CoordinatorRecordJson,
): MessageParser {
  return (record) => {
    if (record.key === null) {
      throw new JavaException(
        'java.lang.RuntimeException',
        `Failed to decode message at offset ${record.offset} using offset topic decoder (message had a missing key)`,
      )
    }
    try {
      const { type, key, value } = read(record.key, record.value)
      return {
        key: toJson({ type: String(type), data: key }),
        payload: value === null ? '<DELETE>' : toJson({ version: String(value.version), data: value.data }),
      }
    } catch (error) {
      if (error instanceof UnknownRecordTypeException) {
        return {
          key: `Unknown record type ${error.unknownType} at offset ${record.offset}, skipping.`,
          payload: null,
        }
      }
      const message = error instanceof Error ? error.message : String(error)
      return { key: `Error at offset ${record.offset}, skipping. ${message}`, payload: null }
    }
  }
}

export const offsetsMessageParser: MessageParser = coordinatorRecordParser((key, value) =>
  groupRecordJson(key, value, true),
)

/** TransactionLogMessageParser (--transaction-log-decoder): TransactionCoordinatorRecordSerde's records. */
export const transactionLogMessageParser: MessageParser = coordinatorRecordParser(transactionRecordJson)

export const clusterMetadataMessageParser: MessageParser = (record) => {
  try {
    const message = readMetadataRecord(record.value ?? new Uint8Array(0))
    return { key: null, payload: toJson(metadataRecordJson(message)) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { key: null, payload: `Error at ${record.offset}, skipping. ${message}` }
  }
}
