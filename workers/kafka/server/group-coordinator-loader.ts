/**
 * GroupCoordinatorLoader: the broker's one GroupCoordinator and the __consumer_offsets partitions it
 * serves, as Kafka's CoordinatorRuntime runs them. After each metadata change (MetadataPublisher) it
 * compares the offsets partitions this broker leads with the ones loaded: a newly led partition is read
 * from its log start to its log end and replayed into the coordinator (scheduleLoadOperation); a partition
 * no longer led is unloaded, dropping its groups (scheduleUnloadOperation). The coordinator's writes go to
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
import { decodeGroupRecord, encodeGroupRecord } from '../group/group-record-codec.ts'

export const GROUP_METADATA_TOPIC_NAME = '__consumer_offsets'
/** offsets.commit.timeout.ms */
const OFFSETS_COMMIT_TIMEOUT_MS = 5000
const LOAD_READ_BYTES = 1 << 20

/** A failed write to __consumer_offsets, with the error the group APIs answer. */
export class CoordinatorWriteError extends Error {
  override name = 'CoordinatorWriteError'
  constructor(readonly error: KafkaErrorName) {
    super(error)
  }
}

/** GroupCoordinatorService.normalizeException for errors of the append. */
function normalizeWriteError(error: KafkaErrorName): KafkaErrorName {
  switch (error) {
    case 'NOT_ENOUGH_REPLICAS':
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
    case 'REQUEST_TIMED_OUT':
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      return 'COORDINATOR_NOT_AVAILABLE'
    case 'NOT_LEADER_OR_FOLLOWER':
      return 'NOT_COORDINATOR'
    default:
      return 'UNKNOWN_SERVER_ERROR'
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
  private readonly loaded = new Set<number>()

  constructor(private readonly deps: GroupCoordinatorLoaderDeps) {
    this.coordinator = new GroupCoordinator({
      scheduler: deps.scheduler,
      uuid: () => javaRandomUuid(deps.random),
      append: (records) => this.append(records),
      partitionCount: (topic) => deps.metadata.topic(topic)?.partitions.size ?? -1,
      topicId: (topic) => deps.metadata.topicIdsByName.get(topic),
      topicName: (topicId) => deps.metadata.topicsById.get(topicId)?.name,
    })
  }

  /** The offsets partition of a group, or -1 while __consumer_offsets does not exist. */
  partitionFor(groupId: string): number {
    const topic = this.deps.metadata.topic(GROUP_METADATA_TOPIC_NAME)
    return topic === undefined ? -1 : coordinatorPartition(groupId, topic.partitions.size)
  }

  owns(groupId: string): boolean {
    return this.loaded.has(this.partitionFor(groupId))
  }

  /** Loads the offsets partitions this broker now leads and unloads the ones it stopped leading. */
  onLeadershipChange(): void {
    const topicId = this.deps.metadata.topicIdsByName.get(GROUP_METADATA_TOPIC_NAME)
    const led = new Set(
      this.deps.replicaManager
        .allPartitions()
        .filter((p) => p.topicId === topicId && p.isLeader)
        .map((p) => p.partition),
    )
    const lost = [...this.loaded].filter((partition) => !led.has(partition))
    for (const partition of lost) this.loaded.delete(partition)
    if (lost.length > 0) this.coordinator.unload((groupId) => this.owns(groupId))
    for (const partition of led) {
      if (this.loaded.has(partition) || topicId === undefined) continue
      this.coordinator.load(this.readAll(topicId, partition))
      this.loaded.add(partition)
    }
  }

  /** The broker stops: every group is dropped and its timers cancelled. */
  shutdown(): void {
    this.loaded.clear()
    this.coordinator.unload(() => false)
  }

  private readAll(topicId: string, partition: number): GroupCoordinatorRecord[] {
    const log = this.deps.replicaManager.getPartition(topicId, partition)?.log
    if (log === undefined) return []
    const records: GroupCoordinatorRecord[] = []
    let offset = log.logStartOffset
    while (offset < log.logEndOffset) {
      const batches = this.deps.engine.decodeBatches(log.read(offset, LOAD_READ_BYTES, log.logEndOffset))
      if (batches.length === 0) break
      for (const batch of batches)
        for (const record of batch.records) {
          if (record.offset < offset || record.key === null) continue
          records.push(decodeGroupRecord(record.key, record.value))
          offset = record.offset + 1
        }
    }
    return records
  }

  private async append(records: readonly GroupCoordinatorRecord[]): Promise<void> {
    const first = records[0]
    if (first === undefined) return
    const topicId = this.deps.metadata.topicIdsByName.get(GROUP_METADATA_TOPIC_NAME)
    const partition = this.partitionFor(first.groupId)
    if (topicId === undefined || !this.loaded.has(partition))
      throw new CoordinatorWriteError('NOT_COORDINATOR')
    const timestamp = this.deps.scheduler.now()
    const batch = this.deps.engine.encodeBatch(
      records.map((record) => ({ ...encodeGroupRecord(record), timestamp, headers: [] })),
    )
    let result
    try {
      ;[result] = await this.deps.replicaManager.appendRecords(-1, OFFSETS_COMMIT_TIMEOUT_MS, [
        { topicId, partition, records: batch },
      ])
    } catch {
      throw new CoordinatorWriteError('NOT_COORDINATOR')
    }
    if (result?.error) throw new CoordinatorWriteError(normalizeWriteError(result.error))
  }
}
