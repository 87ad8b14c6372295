/**
 * GroupCoordinatorLoader: the broker's one GroupCoordinator and the __consumer_offsets partitions it
 * serves, as Kafka's CoordinatorRuntime runs them (CoordinatorPartitions follows leadership): a newly led
 * partition is replayed into the coordinator (scheduleLoadOperation); a partition no longer led is
 * unloaded, dropping its groups (scheduleUnloadOperation). The coordinator's writes go to
 * the group's partition as one RecordBatch through ReplicaManager with acks=-1 and
 * offsets.commit.timeout.ms, and fail with the error GroupCoordinatorService.normalizeException gives.
 * Invariant: `owns(g)` is true exactly while this broker leads and has loaded g's offsets partition.
 */
import type { Random } from '../../net/random.ts'
import type { Scheduler } from '../../net/scheduler.ts'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import { coordinatorPartition } from '../../net/java-hash.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { ReplicaManager } from '../replication/replica-manager.ts'
import { GroupCoordinator } from '../group/group-coordinator.ts'
import type { GroupCoordinatorRecord } from '../group/group-records.ts'
import { CoordinatorPartitions, normalizeWriteError } from './coordinator-partitions.ts'
import { decodeGroupRecord, encodeGroupRecord } from '../group/group-record-codec.ts'

export const GROUP_METADATA_TOPIC_NAME = '__consumer_offsets'
/** offsets.commit.timeout.ms */
const OFFSETS_COMMIT_TIMEOUT_MS = 5000

/** A failed write to __consumer_offsets, with the error the group APIs answer. */
export class CoordinatorWriteError extends Error {
  override name = 'CoordinatorWriteError'
  constructor(readonly error: KafkaErrorName) {
    super(error)
  }
}

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
}

export class GroupCoordinatorLoader {
  readonly coordinator: GroupCoordinator
  private readonly partitions: CoordinatorPartitions

  constructor(private readonly deps: GroupCoordinatorLoaderDeps) {
    this.coordinator = new GroupCoordinator({
      scheduler: deps.scheduler,
      uuid: () => javaRandomUuid(deps.random),
      append: (records) => this.append(records),
      partitionCount: (topic) => deps.metadata.topic(topic)?.partitions.size ?? -1,
      topicId: (topic) => deps.metadata.topicIdsByName.get(topic),
      topicName: (topicId) => deps.metadata.topicsById.get(topicId)?.name,
    })
    this.partitions = new CoordinatorPartitions({
      topic: GROUP_METADATA_TOPIC_NAME,
      metadata: deps.metadata,
      replicaManager: deps.replicaManager,
      engine: deps.engine,
      scheduler: deps.scheduler,
      load: (_partition, records) =>
        this.coordinator.load(records.map((record) => decodeGroupRecord(record.key, record.value))),
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

  private async append(records: readonly GroupCoordinatorRecord[]): Promise<void> {
    const first = records[0]
    if (first === undefined) return
    const error = await this.partitions.append(
      this.partitionFor(first.groupId),
      records.map(encodeGroupRecord),
      OFFSETS_COMMIT_TIMEOUT_MS,
    )
    if (error !== null) throw new CoordinatorWriteError(normalizeWriteError(error))
  }
}
