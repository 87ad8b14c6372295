/**
 * GroupCoordinatorLoader: the broker's one GroupCoordinator and the __consumer_offsets partitions it
 * serves, as Kafka's CoordinatorRuntime runs them (CoordinatorPartitions follows leadership): a newly led
 * partition is replayed into the coordinator (scheduleLoadOperation); a partition no longer led is
 * unloaded, dropping its groups (scheduleUnloadOperation). The coordinator's writes go to
 * the group's partition as one RecordBatch through ReplicaManager with acks=-1 and
 * offsets.commit.timeout.ms, and fail with the error CoordinatorOperationExceptionHelper gives (groupWriteError);
 * a batch the high watermark passed counts as written, as CoordinatorRuntime completes a write then. A
 * transactional offset commit first has its partition added to the producer's transaction
 * (`verifyTransaction`, the broker's AddPartitionsToTxn path), then goes in as the producer's transactional
 * batch; the transaction's marker, once written to a partition this coordinator has loaded, is replayed
 * into it for that partition's groups (`completeTransaction`), as the marker is on load.
 * Invariant: `owns(g)` is true exactly while this broker leads and has loaded g's offsets partition.
 */
import type { Random } from '../../net/random.ts'
import type { Scheduler } from '../../net/scheduler.ts'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import { coordinatorPartition } from '../../net/java-hash.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { ReplicaManager } from '../replication/replica-manager.ts'
import { GroupCoordinator, type TransactionalProducer } from '../group/group-coordinator.ts'
import type { GroupCoordinatorRecord } from '../group/group-records.ts'
import { CoordinatorPartitions } from './coordinator-partitions.ts'
import { groupWriteError } from './coordinator-write-errors.ts'
import { CoordinatorWriteError } from '../group/coordinator-write-error.ts'
import { decodeGroupRecord, encodeGroupRecord } from '../group/group-record-codec.ts'

export const GROUP_METADATA_TOPIC_NAME = '__consumer_offsets'
/** offsets.commit.timeout.ms */
const OFFSETS_COMMIT_TIMEOUT_MS = 5000

/** java.util.UUID.randomUUID().toString(): version 4, IETF variant, lower-case hex. */
function javaRandomUuid(random: Random): string {
  const bytes = random.bytes(16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export interface GroupCoordinatorLoaderDeps {
  metadata: ClusterMetadata
  replicaManager: ReplicaManager
  engine: LogEngine
  scheduler: Scheduler
  random: Random
  /**
   * Adds a __consumer_offsets partition to a producer's transaction unless the partition already has it
   * open: null once it is in, else the error to answer (already mapped as AddPartitionsToTxnManager does).
   */
  verifyTransaction: (partition: number, producer: TransactionalProducer) => Promise<KafkaErrorName | null>
}

function writeError(error: KafkaErrorName): CoordinatorWriteError {
  return new CoordinatorWriteError(groupWriteError(error))
}

export class GroupCoordinatorLoader {
  readonly coordinator: GroupCoordinator
  private readonly partitions: CoordinatorPartitions

  constructor(private readonly deps: GroupCoordinatorLoaderDeps) {
    this.coordinator = new GroupCoordinator({
      scheduler: deps.scheduler,
      uuid: () => javaRandomUuid(deps.random),
      append: (records) => this.append(records),
      verifyTransaction: async (groupId, producer) => {
        const error = await deps.verifyTransaction(this.partitionFor(groupId), producer)
        if (error !== null) throw writeError(error)
      },
      appendTransactional: (records, producer) => this.append(records, producer),
      partitionCount: (topic) => deps.metadata.topic(topic)?.partitions.size ?? -1,
      topicId: (topic) => deps.metadata.topicIdsByName.get(topic),
      topicName: (topicId) => deps.metadata.topicsById.get(topicId)?.name,
    })
    this.partitions = new CoordinatorPartitions({
      topic: GROUP_METADATA_TOPIC_NAME,
      newerEpoch: 'keep',
      metadata: deps.metadata,
      replicaManager: deps.replicaManager,
      engine: deps.engine,
      scheduler: deps.scheduler,
      load: (partition, entries) =>
        this.coordinator.load(
          entries.map((entry) =>
            'key' in entry
              ? {
                  record: decodeGroupRecord(entry.key, entry.value),
                  offset: entry.offset,
                  producerId: entry.producerId,
                }
              : entry,
          ),
          (groupId) => this.partitionFor(groupId) === partition,
        ),
      unload: () => this.coordinator.unload((groupId) => this.owns(groupId)),
    })
  }

  /** The offsets partition of a group, or -1 while __consumer_offsets does not exist. */
  partitionFor(groupId: string): number {
    const topic = this.deps.metadata.topic(GROUP_METADATA_TOPIC_NAME)
    return topic === undefined ? -1 : coordinatorPartition(groupId, topic.partitions.size)
  }

  owns(groupId: string): boolean {
    return this.partitions.epochOf(this.partitionFor(groupId)) !== null
  }

  /** Loads the offsets partitions this broker now leads and unloads the ones it stopped leading. */
  onLeadershipChange(): void {
    this.partitions.onLeadershipChange()
  }

  /** The broker stops: every group is dropped and its timers cancelled. */
  shutdown(): void {
    this.partitions.shutdown()
  }

  /**
   * The transaction's marker was written to a __consumer_offsets partition: a coordinator that has it loaded
   * replays it (CoordinatorRuntime.scheduleTransactionCompletion).
   */
  completeTransaction(partition: number, producerId: number, commit: boolean): void {
    if (this.partitions.epochOf(partition) !== null)
      this.coordinator.completeTransaction(
        producerId,
        commit,
        (groupId) => this.partitionFor(groupId) === partition,
      )
  }

  /** Writes the records as one batch (a transactional one of `producer`); resolves with its base offset. */
  private async append(
    records: readonly GroupCoordinatorRecord[],
    producer?: TransactionalProducer,
  ): Promise<number> {
    const first = records[0]
    if (first === undefined) return -1
    const { error, baseOffset } = await this.partitions.append(
      this.partitionFor(first.groupId),
      records.map(encodeGroupRecord),
      OFFSETS_COMMIT_TIMEOUT_MS,
      producer,
    )
    // Kafka's runtime appends with acks=1 and completes the write once the high watermark passes it; a batch
    // the high watermark passed is written, whatever the ISR has shrunk to since.
    if (error !== null && error !== 'NOT_ENOUGH_REPLICAS_AFTER_APPEND') throw writeError(error)
    return baseOffset
  }
}
