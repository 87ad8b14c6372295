/**
 * TransactionMetadata (Kafka 4.1 core's coordinator.transaction.TransactionMetadata): what the coordinator
 * keeps per transactional id, and its transitions. Every change is prepared as a TxnTransitMetadata (the whole
 * next state) with `pendingState` set, written to `__transaction_state`, and only then applied
 * (completeTransitionTo); a failed write drops the pending state (cancelTransition). Preparing while another
 * transition is pending, or towards a state not allowed after the current one, throws IllegalStateException's
 * text, as Kafka does.
 *
 * Transactions V2 (clientTransactionVersion 2): prepareAbortOrCommit bumps the epoch (lastProducerEpoch keeps
 * the old one), so the markers and the producer's next transaction carry epoch + 1; a producer id whose epoch
 * is used up (Short.MAX_VALUE - 1 reached) at a client's EndTxn is rotated (nextProducerId) when the
 * transaction completes. A fence (PrepareEpochFence, in memory only) changes no epoch itself: the abort that
 * follows bumps it once (Kafka 4.1 with KAFKA-19367). As in Kafka 4.1, the epoch is a Java short: a fence at
 * Short.MAX_VALUE throws, and a bump from it wraps to -32768, which the transition refuses.
 */
import { isValidTransition, type TransactionStateName } from './transaction-state.ts'
import type { TransactionLogValue, TxnTopicPartitions } from './transaction-log.ts'

export const NO_PRODUCER_ID = -1
export const NO_PRODUCER_EPOCH = -1
/** Short.MaxValue: an epoch a client should never hold (the coordinator can always fence above it). */
const MAX_EPOCH = 32767

/** Java's (short) cast. */
function toShort(value: number): number {
  return (value << 16) >> 16
}

export interface TopicPartitionRef {
  topic: string
  partition: number
}

/** The next state of a transactional id, written to the log before it takes effect. */
export interface TxnTransitMetadata {
  producerId: number
  prevProducerId: number
  nextProducerId: number
  producerEpoch: number
  lastProducerEpoch: number
  txnTimeoutMs: number
  state: TransactionStateName
  topicPartitions: TopicPartitionRef[]
  txnStartTimestamp: number
  txnLastUpdateTimestamp: number
  clientTransactionVersion: number
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`
}

/** Ascending topic, then partition. */
function sortedPartitions(partitions: Iterable<TopicPartitionRef>): TopicPartitionRef[] {
  const unique = new Map<string, TopicPartitionRef>()
  for (const p of partitions) unique.set(partitionKey(p.topic, p.partition), p)
  return [...unique.values()].sort((a, b) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  )
}

export class TransactionMetadata {
  producerId: number
  prevProducerId: number
  nextProducerId: number
  producerEpoch: number
  lastProducerEpoch: number
  txnTimeoutMs: number
  state: TransactionStateName
  topicPartitions: TopicPartitionRef[]
  txnStartTimestamp: number
  txnLastUpdateTimestamp: number
  clientTransactionVersion: number
  pendingState: TransactionStateName | null = null

  constructor(
    readonly transactionalId: string,
    init: TxnTransitMetadata,
  ) {
    this.producerId = init.producerId
    this.prevProducerId = init.prevProducerId
    this.nextProducerId = init.nextProducerId
    this.producerEpoch = init.producerEpoch
    this.lastProducerEpoch = init.lastProducerEpoch
    this.txnTimeoutMs = init.txnTimeoutMs
    this.state = init.state
    this.topicPartitions = init.topicPartitions
    this.txnStartTimestamp = init.txnStartTimestamp
    this.txnLastUpdateTimestamp = init.txnLastUpdateTimestamp
    this.clientTransactionVersion = init.clientTransactionVersion
  }

  /** A new transactional id: the producer id it gets, no epoch yet, state Empty. */
  static fresh(
    transactionalId: string,
    producerId: number,
    txnTimeoutMs: number,
    now: number,
  ): TransactionMetadata {
    return new TransactionMetadata(transactionalId, {
      producerId,
      prevProducerId: NO_PRODUCER_ID,
      nextProducerId: NO_PRODUCER_ID,
      producerEpoch: NO_PRODUCER_EPOCH,
      lastProducerEpoch: NO_PRODUCER_EPOCH,
      txnTimeoutMs,
      state: 'Empty',
      topicPartitions: [],
      txnStartTimestamp: -1,
      txnLastUpdateTimestamp: now,
      clientTransactionVersion: 0,
    })
  }

  /** A transactional id as its last `__transaction_state` record left it (TransactionLog.readTxnRecordValue). */
  static fromLog(transactionalId: string, value: TransactionLogValue): TransactionMetadata {
    return new TransactionMetadata(transactionalId, {
      producerId: value.producerId,
      prevProducerId: value.previousProducerId,
      nextProducerId: value.nextProducerId,
      producerEpoch: value.producerEpoch,
      lastProducerEpoch: NO_PRODUCER_EPOCH,
      txnTimeoutMs: value.transactionTimeoutMs,
      state: value.state,
      topicPartitions: (value.partitions ?? []).flatMap(({ topic, partitionIds }) =>
        partitionIds.map((partition) => ({ topic, partition })),
      ),
      txnStartTimestamp: value.startTimestampMs,
      txnLastUpdateTimestamp: value.lastUpdateTimestampMs,
      clientTransactionVersion: value.clientTransactionVersion,
    })
  }

  private snapshot(): TxnTransitMetadata {
    return {
      producerId: this.producerId,
      prevProducerId: this.prevProducerId,
      nextProducerId: this.nextProducerId,
      producerEpoch: this.producerEpoch,
      lastProducerEpoch: this.lastProducerEpoch,
      txnTimeoutMs: this.txnTimeoutMs,
      state: this.state,
      topicPartitions: this.topicPartitions,
      txnStartTimestamp: this.txnStartTimestamp,
      txnLastUpdateTimestamp: this.txnLastUpdateTimestamp,
      clientTransactionVersion: this.clientTransactionVersion,
    }
  }

  /** The epochs of this producer id are used up (a client never gets Short.MAX_VALUE). */
  get isProducerEpochExhausted(): boolean {
    return this.producerEpoch >= MAX_EPOCH - 1
  }

  hasPartition(topic: string, partition: number): boolean {
    return this.topicPartitions.some((p) => p.topic === topic && p.partition === partition)
  }

  /**
   * The transit: this state with `changes`; its prevProducerId is always the current producer id, as every
   * TxnTransitMetadata Kafka prepares takes it (so a record's previousProducerId names the id it followed).
   */
  private prepareTransitionTo(
    changes: Partial<Omit<TxnTransitMetadata, 'prevProducerId'>> & { state: TransactionStateName },
  ): TxnTransitMetadata {
    if (this.pendingState !== null) {
      throw new Error(
        `Preparing transaction state transition to ${changes.state} while it already a pending state ${this.pendingState}`,
      )
    }
    const epoch = changes.producerEpoch ?? this.producerEpoch
    if (changes.state !== 'Dead' && epoch < 0) throw new Error(`Illegal new producer epoch ${epoch}`)
    if (!isValidTransition(this.state, changes.state)) {
      throw new Error(
        `Preparing transaction state transition to ${changes.state} failed since the target state ` +
          `${changes.state} is not a valid previous state of the current state ${this.state}`,
      )
    }
    this.pendingState = changes.state
    return { ...this.snapshot(), ...changes, prevProducerId: this.producerId }
  }

  /** InitProducerId on Empty or Complete*: epoch + 1 (0 for a new id), state Empty. */
  prepareIncrementProducerEpoch(txnTimeoutMs: number, now: number): TxnTransitMetadata {
    return this.prepareTransitionTo({
      state: 'Empty',
      producerEpoch: this.producerEpoch + 1,
      lastProducerEpoch: NO_PRODUCER_EPOCH,
      txnTimeoutMs,
      topicPartitions: [],
      txnStartTimestamp: -1,
      txnLastUpdateTimestamp: now,
    })
  }

  /** InitProducerId once the epochs are used up: a new producer id at epoch 0. */
  prepareProducerIdRotation(newProducerId: number, txnTimeoutMs: number, now: number): TxnTransitMetadata {
    return this.prepareTransitionTo({
      state: 'Empty',
      producerId: newProducerId,
      nextProducerId: NO_PRODUCER_ID,
      producerEpoch: 0,
      lastProducerEpoch: NO_PRODUCER_EPOCH,
      txnTimeoutMs,
      topicPartitions: [],
      txnStartTimestamp: -1,
      txnLastUpdateTimestamp: now,
    })
  }

  /** The first partitions of a transaction start it (txnStartTimestamp) and make it Ongoing. */
  prepareAddPartitions(
    added: readonly TopicPartitionRef[],
    now: number,
    clientTransactionVersion: number,
  ): TxnTransitMetadata {
    const starting =
      this.state === 'Empty' || this.state === 'CompleteCommit' || this.state === 'CompleteAbort'
    return this.prepareTransitionTo({
      state: 'Ongoing',
      topicPartitions: sortedPartitions([...(starting ? [] : this.topicPartitions), ...added]),
      txnStartTimestamp: starting ? now : this.txnStartTimestamp,
      txnLastUpdateTimestamp: now,
      clientTransactionVersion,
    })
  }

  /**
   * PrepareEpochFence (never written), before the coordinator aborts the transaction itself: the transit's
   * epoch, one above the current one, is what the abort is checked against; the abort clears the pending state
   * and bumps the current epoch once, fencing the producer. Throws at Short.MAX_VALUE, as Kafka 4.1 does.
   */
  prepareFenceProducerEpoch(): TxnTransitMetadata {
    if (this.producerEpoch === MAX_EPOCH)
      throw new Error('Cannot fence producer with epoch equal to Short.MaxValue since this would overflow')
    return this.prepareTransitionTo({
      state: 'PrepareEpochFence',
      producerEpoch: this.producerEpoch + 1,
      lastProducerEpoch: NO_PRODUCER_EPOCH,
    })
  }

  /**
   * PrepareCommit or PrepareAbort; transactions V2 bumps the epoch. A transaction with no partition (a V2
   * abort of an Empty or completed id) starts now.
   */
  prepareAbortOrCommit(
    state: 'PrepareCommit' | 'PrepareAbort',
    now: number,
    nextProducerId: number,
  ): TxnTransitMetadata {
    const noPartitionAdded = this.topicPartitions.length === 0
    return this.prepareTransitionTo({
      state,
      producerEpoch: toShort(this.producerEpoch + 1),
      lastProducerEpoch: this.producerEpoch,
      nextProducerId,
      txnStartTimestamp: noPartitionAdded ? now : this.txnStartTimestamp,
      txnLastUpdateTimestamp: now,
    })
  }

  /**
   * CompleteCommit or CompleteAbort once every marker is written: no partitions left; a next producer id set at
   * EndTxn becomes the producer id, at epoch 0.
   */
  prepareComplete(now: number): TxnTransitMetadata {
    const rotate = this.nextProducerId !== NO_PRODUCER_ID
    return this.prepareTransitionTo({
      state: this.state === 'PrepareCommit' ? 'CompleteCommit' : 'CompleteAbort',
      topicPartitions: [],
      txnLastUpdateTimestamp: now,
      ...(rotate
        ? {
            producerId: this.nextProducerId,
            nextProducerId: NO_PRODUCER_ID,
            producerEpoch: 0,
          }
        : {}),
    })
  }

  completeTransitionTo(transit: TxnTransitMetadata): void {
    Object.assign(this, transit)
    this.pendingState = null
  }

  cancelTransition(): void {
    this.pendingState = null
  }

  /** The record this transit writes (TransactionLog.valueToBytes' input). */
  static logValue(transit: TxnTransitMetadata): TransactionLogValue {
    const byTopic = new Map<string, number[]>()
    for (const { topic, partition } of sortedPartitions(transit.topicPartitions)) {
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition])
    }
    const partitions: TxnTopicPartitions[] = [...byTopic].map(([topic, partitionIds]) => ({
      topic,
      partitionIds,
    }))
    return {
      producerId: transit.producerId,
      previousProducerId: transit.prevProducerId,
      nextProducerId: transit.nextProducerId,
      producerEpoch: transit.producerEpoch,
      transactionTimeoutMs: transit.txnTimeoutMs,
      state: transit.state,
      partitions: transit.state === 'Empty' ? null : partitions,
      lastUpdateTimestampMs: transit.txnLastUpdateTimestamp,
      startTimestampMs: transit.txnStartTimestamp,
      clientTransactionVersion: transit.clientTransactionVersion,
    }
  }
}
