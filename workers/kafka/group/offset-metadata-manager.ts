/**
 * OffsetMetadataManager: the committed offsets of every group this coordinator owns, per topic and
 * partition, changed only by replaying OffsetCommit records and their tombstones (so a coordinator rebuilt
 * from its records has exactly the same offsets). Validation of who may commit lives in the coordinator.
 */
import type { OffsetCommitRecord, OffsetCommitTombstone } from './group-records.ts'

export interface OffsetAndMetadata {
  readonly offset: number
  readonly leaderEpoch: number
  readonly metadata: string
  readonly commitTimestamp: number
}

export class OffsetMetadataManager {
  /** groupId → topic → partition → offset */
  private readonly offsets = new Map<string, Map<string, Map<number, OffsetAndMetadata>>>()

  replay(record: OffsetCommitRecord | OffsetCommitTombstone): void {
    const topics = this.offsets.get(record.groupId) ?? new Map<string, Map<number, OffsetAndMetadata>>()
    const partitions = topics.get(record.topic) ?? new Map<number, OffsetAndMetadata>()
    if (record.type === 'OffsetCommit') {
      const { offset, leaderEpoch, metadata, commitTimestamp } = record
      partitions.set(record.partition, { offset, leaderEpoch, metadata, commitTimestamp })
      topics.set(record.topic, partitions)
      this.offsets.set(record.groupId, topics)
    } else {
      partitions.delete(record.partition)
      if (partitions.size === 0) topics.delete(record.topic)
      if (topics.size === 0) this.offsets.delete(record.groupId)
    }
  }

  offset(groupId: string, topic: string, partition: number): OffsetAndMetadata | undefined {
    return this.offsets.get(groupId)?.get(topic)?.get(partition)
  }

  /** Every committed offset of the group, topics and partitions in ascending order. */
  all(groupId: string): { topic: string; partition: number; offset: OffsetAndMetadata }[] {
    const topics = this.offsets.get(groupId)
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
    return this.offsets.has(groupId)
  }

  /** Tombstones for every offset of the group (DeleteGroups). */
  tombstones(groupId: string): OffsetCommitTombstone[] {
    return this.all(groupId).map(({ topic, partition }) => ({
      type: 'OffsetCommitTombstone',
      groupId,
      topic,
      partition,
    }))
  }

  groupIds(): string[] {
    return [...this.offsets.keys()]
  }
}
