/**
 * OffsetMetadataManager: the committed offsets of every group this coordinator owns, per topic and
 * partition, changed only by replaying OffsetCommit records, their tombstones and transaction markers (so a
 * coordinator rebuilt from its records has exactly the same offsets). Validation of who may commit lives in
 * the coordinator.
 *
 * Transactional offsets (Kafka 4.1's OffsetMetadataManager): an OffsetCommit record written in a
 * transactional batch (producer id >= 0) is kept pending under its producer id, invisible to OffsetFetch,
 * until that producer's marker in the group's own __consumer_offsets partition is replayed: COMMIT moves each
 * pending offset to the committed store unless the committed offset there was written later in the log (a
 * larger record offset), ABORT drops them. A tombstone removes the partition's committed offset and its
 * pending ones.
 * Invariant: `openTransactionsByGroup` names every producer with pending offsets for the group. It may name one
 * with none left: a tombstone removes pending offsets but not the producer, and the producer's marker then no
 * longer finds the group (Kafka's OffsetMetadataManager keeps the same stale entry; nothing here reads it as
 * more than a list of producers to look in).
 */
import type { OffsetCommitRecord, OffsetCommitTombstone } from './group-records.ts'

/** RecordBatch.NO_PRODUCER_ID: a record outside any transaction. */
export const NO_PRODUCER_ID = -1

export interface OffsetAndMetadata {
  readonly offset: number
  readonly leaderEpoch: number
  readonly metadata: string
  readonly commitTimestamp: number
  /** The offset of the OffsetCommit record in __consumer_offsets (which of two commits is the later one). */
  readonly recordOffset: number
}

/** groupId → topic → partition → offset */
class Offsets {
  readonly byGroup = new Map<string, Map<string, Map<number, OffsetAndMetadata>>>()

  get(groupId: string, topic: string, partition: number): OffsetAndMetadata | undefined {
    return this.byGroup.get(groupId)?.get(topic)?.get(partition)
  }

  put(groupId: string, topic: string, partition: number, offset: OffsetAndMetadata): void {
    const topics = this.byGroup.get(groupId) ?? new Map<string, Map<number, OffsetAndMetadata>>()
    const partitions = topics.get(topic) ?? new Map<number, OffsetAndMetadata>()
    partitions.set(partition, offset)
    topics.set(topic, partitions)
    this.byGroup.set(groupId, topics)
  }

  remove(groupId: string, topic: string, partition: number): void {
    const topics = this.byGroup.get(groupId)
    const partitions = topics?.get(topic)
    if (topics === undefined || partitions === undefined) return
    partitions.delete(partition)
    if (partitions.size === 0) topics.delete(topic)
    if (topics.size === 0) this.byGroup.delete(groupId)
  }
}

export class OffsetMetadataManager {
  private readonly offsets = new Offsets()
  /** Producer id → the offsets its open transaction committed. */
  private readonly pendingTransactionalOffsets = new Map<number, Offsets>()
  /** Group id → the producers with pending offsets for it. */
  private readonly openTransactionsByGroup = new Map<string, Set<number>>()

  /** Replays a record read at `recordOffset`, written by `producerId` (NO_PRODUCER_ID outside a transaction). */
  replay(
    record: OffsetCommitRecord | OffsetCommitTombstone,
    producerId = NO_PRODUCER_ID,
    recordOffset = -1,
  ): void {
    const { groupId, topic, partition } = record
    if (record.type === 'OffsetCommitTombstone') {
      this.offsets.remove(groupId, topic, partition)
      for (const open of this.openTransactionsByGroup.get(groupId) ?? [])
        this.pendingTransactionalOffsets.get(open)?.remove(groupId, topic, partition)
      return
    }
    const { offset, leaderEpoch, metadata, commitTimestamp } = record
    const value = { offset, leaderEpoch, metadata, commitTimestamp, recordOffset }
    if (producerId === NO_PRODUCER_ID) {
      this.offsets.put(groupId, topic, partition, value)
      return
    }
    const pending = this.pendingTransactionalOffsets.get(producerId) ?? new Offsets()
    pending.put(groupId, topic, partition, value)
    this.pendingTransactionalOffsets.set(producerId, pending)
    const open = this.openTransactionsByGroup.get(groupId) ?? new Set<number>()
    open.add(producerId)
    this.openTransactionsByGroup.set(groupId, open)
  }

  /**
   * replayEndTransactionMarker: the producer's pending offsets of the groups in the marker's partition
   * (`inPartition`) are committed or dropped. Kafka keeps one OffsetMetadataManager per __consumer_offsets
   * partition, so a marker reaches only its own partition's groups; this one holds every partition the
   * coordinator leads, and a transaction's offsets for groups of another partition wait for that one's marker.
   */
  replayEndTransactionMarker(
    producerId: number,
    commit: boolean,
    inPartition: (groupId: string) => boolean = () => true,
  ): void {
    const pending = this.pendingTransactionalOffsets.get(producerId)
    if (pending === undefined) return
    const groups = [...pending.byGroup].filter(([groupId]) => inPartition(groupId))
    for (const [groupId] of groups) {
      pending.byGroup.delete(groupId)
      const open = this.openTransactionsByGroup.get(groupId)
      open?.delete(producerId)
      if (open?.size === 0) this.openTransactionsByGroup.delete(groupId)
    }
    if (pending.byGroup.size === 0) this.pendingTransactionalOffsets.delete(producerId)
    if (!commit) return
    for (const [groupId, topics] of groups)
      for (const [topic, partitions] of topics)
        for (const [partition, value] of partitions) {
          const existing = this.offsets.get(groupId, topic, partition)
          if (existing === undefined || value.recordOffset > existing.recordOffset)
            this.offsets.put(groupId, topic, partition, value)
        }
  }

  /** Whether an open transaction committed an offset for this partition of the group. */
  hasPendingTransactionalOffsets(groupId: string, topic: string, partition: number): boolean {
    return [...(this.openTransactionsByGroup.get(groupId) ?? [])].some(
      (producerId) =>
        this.pendingTransactionalOffsets.get(producerId)?.get(groupId, topic, partition) !== undefined,
    )
  }

  offset(groupId: string, topic: string, partition: number): OffsetAndMetadata | undefined {
    return this.offsets.get(groupId, topic, partition)
  }

  /** Every committed offset of the group, topics and partitions in ascending order. */
  all(groupId: string): { topic: string; partition: number; offset: OffsetAndMetadata }[] {
    const topics = this.offsets.byGroup.get(groupId)
    if (topics === undefined) return []
    return [...topics.keys()]
      .sort()
      .flatMap((topic) =>
        [...(topics.get(topic) ?? new Map<number, OffsetAndMetadata>())]
          .sort(([a], [b]) => a - b)
          .map(([partition, offset]) => ({ topic, partition, offset })),
      )
  }

  hasOffsets(groupId: string): boolean {
    return this.offsets.byGroup.has(groupId)
  }

  /**
   * Tombstones for every offset of the group (DeleteGroups, deleteAllOffsets): the committed ones, and the
   * pending ones of partitions without a committed offset.
   */
  tombstones(groupId: string): OffsetCommitTombstone[] {
    const keys = new Map<string, OffsetCommitTombstone>()
    const add = (topic: string, partition: number): void => {
      keys.set(`${topic}\u0000${partition}`, { type: 'OffsetCommitTombstone', groupId, topic, partition })
    }
    for (const { topic, partition } of this.all(groupId)) add(topic, partition)
    for (const producerId of this.openTransactionsByGroup.get(groupId) ?? [])
      for (const [topic, partitions] of this.pendingTransactionalOffsets
        .get(producerId)
        ?.byGroup.get(groupId) ?? [])
        for (const partition of partitions.keys()) add(topic, partition)
    return [...keys.values()]
  }

  /** Forgets a group's offsets, committed and pending (the coordinator no longer owns it). */
  unload(groupId: string): void {
    this.offsets.byGroup.delete(groupId)
    for (const producerId of this.openTransactionsByGroup.get(groupId) ?? []) {
      const pending = this.pendingTransactionalOffsets.get(producerId)
      pending?.byGroup.delete(groupId)
      if (pending?.byGroup.size === 0) this.pendingTransactionalOffsets.delete(producerId)
    }
    this.openTransactionsByGroup.delete(groupId)
  }

  groupIds(): string[] {
    return [...this.offsets.byGroup.keys()]
  }
}
