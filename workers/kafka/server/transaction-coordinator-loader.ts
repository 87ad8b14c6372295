/**
 * TransactionCoordinatorLoader: the broker's TransactionCoordinator and the `__transaction_state` partitions
 * it serves (Kafka's TransactionStateManager loading on becoming leader), over the same CoordinatorPartitions
 * the group coordinator uses. A transactional id belongs to partition Utils.abs(id.hashCode) % 50; its
 * coordinator epoch is that partition's leader epoch when it was loaded. Writes go to the id's partition with
 * acks=-1 and request.timeout.ms, and fail with the error TransactionStateManager.appendTransactionToLog
 * gives. The markers go out through TxnMarkerChannel while this broker still owns the id at the same epoch.
 */
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { coordinatorPartition } from '../../net/java-hash.ts'
import type { Scheduler } from '../../net/scheduler.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { ReplicaManager } from '../replication/replica-manager.ts'
import { TransactionCoordinator } from '../transaction/transaction-coordinator.ts'
import {
  decodeTransactionLogKey,
  decodeTransactionLogValue,
  encodeTransactionLogKey,
  encodeTransactionLogValue,
} from '../transaction/transaction-log.ts'
import type { TxnMarkerChannel } from '../transaction/txn-marker-channel.ts'
import { CoordinatorPartitions } from './coordinator-partitions.ts'
import { transactionLogWriteError } from './coordinator-write-errors.ts'

export const TRANSACTION_STATE_TOPIC_NAME = '__transaction_state'
/** The transaction coordinator's request.timeout.ms for its log writes. */
const LOG_WRITE_TIMEOUT_MS = 30_000

export interface TransactionCoordinatorLoaderDeps {
  metadata: ClusterMetadata
  replicaManager: ReplicaManager
  engine: LogEngine
  scheduler: Scheduler
  generateProducerId: () => number | null
  markers: TxnMarkerChannel
}

export class TransactionCoordinatorLoader {
  readonly coordinator: TransactionCoordinator
  private readonly partitions: CoordinatorPartitions

  constructor(private readonly deps: TransactionCoordinatorLoaderDeps) {
    this.coordinator = new TransactionCoordinator({
      scheduler: deps.scheduler,
      generateProducerId: deps.generateProducerId,
      coordinatorEpochOf: (id) => this.coordinatorEpochOf(id),
      appendToLog: (id, value) => this.appendToLog(id, encodeTransactionLogValue(value)),
      sendMarkers: (id, marker) => {
        const epoch = this.coordinatorEpochOf(id)
        return deps.markers.send(marker, () => this.coordinatorEpochOf(id) === epoch)
      },
    })
    this.partitions = new CoordinatorPartitions({
      topic: TRANSACTION_STATE_TOPIC_NAME,
      newerEpoch: 'reload',
      metadata: deps.metadata,
      replicaManager: deps.replicaManager,
      engine: deps.engine,
      scheduler: deps.scheduler,
      load: (_partition, entries) =>
        this.coordinator.load(
          entries.flatMap((entry) =>
            'key' in entry
              ? [
                  {
                    transactionalId: decodeTransactionLogKey(entry.key),
                    value: entry.value === null ? null : decodeTransactionLogValue(entry.value),
                  },
                ]
              : [],
          ),
        ),
      unload: () => this.coordinator.unload((id) => this.coordinatorEpochOf(id) !== null),
    })
    this.coordinator.startup()
  }

  /** The `__transaction_state` partition of an id, or -1 while the topic does not exist. */
  partitionFor(transactionalId: string): number {
    const topic = this.deps.metadata.topic(TRANSACTION_STATE_TOPIC_NAME)
    return topic === undefined ? -1 : coordinatorPartition(transactionalId, topic.partitions.size)
  }

  coordinatorEpochOf(transactionalId: string): number | null {
    return this.partitions.epochOf(this.partitionFor(transactionalId))
  }

  onLeadershipChange(): void {
    this.partitions.onLeadershipChange()
  }

  shutdown(): void {
    this.partitions.shutdown()
    this.coordinator.shutdown()
  }

  private async appendToLog(transactionalId: string, value: Uint8Array): Promise<KafkaErrorName | null> {
    const record = { key: encodeTransactionLogKey(transactionalId), value }
    const { error } = await this.partitions.append(
      this.partitionFor(transactionalId),
      [record],
      LOG_WRITE_TIMEOUT_MS,
    )
    return error === null ? null : transactionLogWriteError(error)
  }
}
