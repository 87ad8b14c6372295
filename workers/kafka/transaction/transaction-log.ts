/**
 * The records of `__transaction_state` (Kafka 4.1 TransactionLog with the generated TransactionLogKey and
 * TransactionLogValue): the key is the coordinator record type int16 0 followed by TransactionLogKey v0 (the
 * transactional id as an int16-length UTF-8 string); the value is its version int16 and TransactionLogValue
 * at that version. Transactions V2 writes value version 1, the first flexible one, with PreviousProducerId
 * (tag 0), NextProducerId (tag 1) and ClientTransactionVersion (tag 2) as tagged fields left out at their
 * defaults. TransactionPartitions is null in state Empty and otherwise grouped by topic (the playground orders
 * topics and partitions ascending). A null value is the tombstone of a removed transactional id.
 * Invariant: decodeTransactionLogValue(encodeTransactionLogValue(v)) deep-equals v.
 */
import { ByteBufferReader, ByteBufferWriter } from '../../protocol/byte-buffer-accessor.ts'
import { FlexibleReader, FlexibleWriter } from '../metadata/flexible-accessor.ts'
import {
  messageJson,
  readMessage,
  writeMessage,
  type FieldSpec,
  type JsonObject,
  type MessageData,
} from '../metadata/message-schema.ts'
import { TRANSACTION_STATE_IDS, transactionStateOf, type TransactionStateName } from './transaction-state.ts'

/** CoordinatorRecordType.TRANSACTION_LOG, the key's type prefix. */
export const TRANSACTION_LOG_KEY_TYPE = 0
/** TransactionVersion.transactionLogValueVersion() at transaction.version 2. */
const TRANSACTION_LOG_VALUE_VERSION = 1

export interface TxnTopicPartitions {
  topic: string
  partitionIds: number[]
}

export interface TransactionLogValue {
  producerId: number
  previousProducerId: number
  nextProducerId: number
  producerEpoch: number
  transactionTimeoutMs: number
  state: TransactionStateName
  partitions: TxnTopicPartitions[] | null
  lastUpdateTimestampMs: number
  startTimestampMs: number
  clientTransactionVersion: number
}

const VALUE_FIELDS: readonly FieldSpec[] = [
  { name: 'producerId', type: 'int64', default: 0 },
  { name: 'previousProducerId', type: 'int64', since: 1, tag: 0, default: -1 },
  { name: 'nextProducerId', type: 'int64', since: 1, tag: 1, default: -1 },
  { name: 'producerEpoch', type: 'int16', default: 0 },
  { name: 'transactionTimeoutMs', type: 'int32', default: 0 },
  { name: 'transactionStatus', type: 'int8', default: 0 },
  {
    name: 'transactionPartitions',
    type: {
      struct: [
        { name: 'topic', type: 'string', default: '' },
        { name: 'partitionIds', type: '[]int32', default: [] },
      ],
    },
    nullable: true,
    default: null,
  },
  { name: 'transactionLastUpdateTimestampMs', type: 'int64', default: 0 },
  { name: 'transactionStartTimestampMs', type: 'int64', default: 0 },
  { name: 'clientTransactionVersion', type: 'int16', since: 1, tag: 2, default: 0 },
]

export function encodeTransactionLogKey(transactionalId: string): Uint8Array {
  const writer = new ByteBufferWriter()
  writer.int16(TRANSACTION_LOG_KEY_TYPE)
  writer.string(transactionalId)
  return writer.toBytes()
}

/** The transactional id of a key; throws for a key of another record type. */
export function decodeTransactionLogKey(key: Uint8Array): string {
  const reader = new ByteBufferReader(key)
  const type = reader.int16()
  if (type !== TRANSACTION_LOG_KEY_TYPE) throw new Error(`Unknown coordinator record type ${type}`)
  return reader.string()
}

function valueData(value: TransactionLogValue): MessageData {
  return {
    producerId: value.producerId,
    previousProducerId: value.previousProducerId,
    nextProducerId: value.nextProducerId,
    producerEpoch: value.producerEpoch,
    transactionTimeoutMs: value.transactionTimeoutMs,
    transactionStatus: TRANSACTION_STATE_IDS[value.state],
    transactionPartitions:
      value.partitions?.map(({ topic, partitionIds }) => ({ topic, partitionIds })) ?? null,
    transactionLastUpdateTimestampMs: value.lastUpdateTimestampMs,
    transactionStartTimestampMs: value.startTimestampMs,
    clientTransactionVersion: value.clientTransactionVersion,
  }
}

/** TransactionLog.valueToBytes; an Empty state with partitions is refused, as Kafka refuses it. */
export function encodeTransactionLogValue(value: TransactionLogValue): Uint8Array {
  if (value.state === 'Empty' && value.partitions !== null && value.partitions.length > 0) {
    throw new Error('Transaction is not expected to have any partitions since its state is Empty')
  }
  const writer = new FlexibleWriter()
  writer.int16(TRANSACTION_LOG_VALUE_VERSION)
  writeMessage(writer, VALUE_FIELDS, TRANSACTION_LOG_VALUE_VERSION, valueData(value))
  return writer.toBytes()
}

function readValue(bytes: Uint8Array): { version: number; data: MessageData } {
  const reader = new FlexibleReader(bytes)
  const version = reader.int16()
  if (version !== TRANSACTION_LOG_VALUE_VERSION) {
    throw new Error(`Unknown version ${version} from the transaction log message value`)
  }
  return { version, data: readMessage(reader, VALUE_FIELDS, version) }
}

export function decodeTransactionLogValue(bytes: Uint8Array): TransactionLogValue {
  const { data } = readValue(bytes)
  return {
    producerId: data.producerId as number,
    previousProducerId: data.previousProducerId as number,
    nextProducerId: data.nextProducerId as number,
    producerEpoch: data.producerEpoch as number,
    transactionTimeoutMs: data.transactionTimeoutMs as number,
    state: transactionStateOf(data.transactionStatus as number),
    partitions:
      data.transactionPartitions === null
        ? null
        : (data.transactionPartitions as readonly MessageData[]).map((p) => ({
            topic: p.topic as string,
            partitionIds: [...(p.partitionIds as readonly number[])],
          })),
    lastUpdateTimestampMs: data.transactionLastUpdateTimestampMs as number,
    startTimestampMs: data.transactionStartTimestampMs as number,
    clientTransactionVersion: data.clientTransactionVersion as number,
  }
}

/** The value as the generated TransactionLogValueJsonConverter writes it, with its version. */
export function transactionLogValueJson(bytes: Uint8Array): { version: number; data: JsonObject } {
  const { version, data } = readValue(bytes)
  return { version, data: messageJson(VALUE_FIELDS, version, data) }
}
