// The __transaction_state record codec (TransactionLogKey v0, TransactionLogValue v1 with tagged fields) and
// the coordinator's state transitions (TransactionState.validPreviousStates, TransactionMetadata).
import { describe, expect, it } from 'vitest'
import {
  decodeTransactionLogKey,
  decodeTransactionLogValue,
  encodeTransactionLogKey,
  encodeTransactionLogValue,
  type TransactionLogValue,
} from '../../../../workers/kafka/transaction/transaction-log.ts'
import { TransactionMetadata } from '../../../../workers/kafka/transaction/transaction-metadata.ts'
import { isValidTransition } from '../../../../workers/kafka/transaction/transaction-state.ts'

const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')

const ONGOING: TransactionLogValue = {
  producerId: 1000,
  previousProducerId: -1,
  nextProducerId: -1,
  producerEpoch: 0,
  transactionTimeoutMs: 60_000,
  state: 'Ongoing',
  partitions: [{ topic: 't', partitionIds: [0] }],
  lastUpdateTimestampMs: 5,
  startTimestampMs: 4,
  clientTransactionVersion: 2,
}

describe('TransactionLog codec', () => {
  it('writes the key as record type 0 and the id as an int16-length string', () => {
    expect(hex(encodeTransactionLogKey('ab'))).toBe('00 00 00 02 61 62')
    expect(decodeTransactionLogKey(encodeTransactionLogKey('my-txn'))).toBe('my-txn')
  })

  it('writes value version 1: flexible, defaults of tagged fields left out, ClientTransactionVersion as tag 2', () => {
    const bytes = encodeTransactionLogValue(ONGOING)
    expect(hex(bytes)).toBe(
      [
        '00 01', // version
        '00 00 00 00 00 00 03 e8', // ProducerId
        '00 00', // ProducerEpoch
        '00 00 ea 60', // TransactionTimeoutMs
        '01', // TransactionStatus Ongoing
        '02 02 74 02 00 00 00 00 00', // [{ Topic "t", PartitionIds [0] }]
        '00 00 00 00 00 00 00 05', // TransactionLastUpdateTimestampMs
        '00 00 00 00 00 00 00 04', // TransactionStartTimestampMs
        '01 02 02 00 02', // one tagged field: tag 2, 2 bytes, 2
      ].join(' '),
    )
    expect(decodeTransactionLogValue(bytes)).toEqual(ONGOING)
  })

  it('writes null partitions for Empty and refuses an Empty state with partitions', () => {
    const empty = { ...ONGOING, state: 'Empty' as const, partitions: null, previousProducerId: 7 }
    expect(decodeTransactionLogValue(encodeTransactionLogValue(empty))).toEqual(empty)
    expect(() => encodeTransactionLogValue({ ...ONGOING, state: 'Empty' })).toThrow(
      'Transaction is not expected to have any partitions since its state is Empty',
    )
  })
})

describe('transaction state transitions', () => {
  it('follows TransactionState.validPreviousStates', () => {
    expect(isValidTransition('Ongoing', 'PrepareCommit')).toBe(true)
    expect(isValidTransition('Empty', 'PrepareCommit')).toBe(false)
    expect(isValidTransition('CompleteCommit', 'PrepareAbort')).toBe(true)
    expect(isValidTransition('PrepareCommit', 'CompleteAbort')).toBe(false)
    expect(isValidTransition('Ongoing', 'Empty')).toBe(false)
  })

  it('bumps the epoch at commit (V2), keeps the start time at completion, and refuses a second pending transition', () => {
    const metadata = TransactionMetadata.fresh('id', 1000, 60_000, 1)
    metadata.completeTransitionTo(metadata.prepareIncrementProducerEpoch(60_000, 2))
    expect(metadata).toMatchObject({ producerEpoch: 0, state: 'Empty', txnStartTimestamp: -1 })
    metadata.completeTransitionTo(
      metadata.prepareAddPartitions(
        [
          { topic: 't', partition: 1 },
          { topic: 't', partition: 0 },
        ],
        3,
        2,
      ),
    )
    expect(metadata.topicPartitions).toEqual([
      { topic: 't', partition: 0 },
      { topic: 't', partition: 1 },
    ])
    const prepare = metadata.prepareAbortOrCommit('PrepareCommit', 4, -1)
    expect(() => metadata.prepareComplete(5)).toThrow(
      'Preparing transaction state transition to CompleteAbort while it already a pending state PrepareCommit',
    )
    metadata.completeTransitionTo(prepare)
    expect(metadata).toMatchObject({ producerEpoch: 1, lastProducerEpoch: 0, state: 'PrepareCommit' })
    metadata.completeTransitionTo(metadata.prepareComplete(5))
    expect(metadata).toMatchObject({ state: 'CompleteCommit', topicPartitions: [], txnStartTimestamp: 3 })
    expect(() => metadata.prepareAbortOrCommit('PrepareCommit', 6, -1)).toThrow(
      'Preparing transaction state transition to PrepareCommit failed since the target state PrepareCommit is not a valid previous state of the current state CompleteCommit',
    )
  })
})
