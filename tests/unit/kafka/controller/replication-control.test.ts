/**
 * The controller's partition decisions, replayed into ClusterMetadata: leader election from the ISR in
 * replica order when a broker is fenced, the ISR never emptied (Leader: none, the last member kept),
 * the returning broker leading its leaderless partitions again, preferred and unclean elections, and
 * the epochs that replaying PartitionChangeRecords raises (Kafka's PartitionChangeBuilder and
 * ReplicationControlManager behaviour).
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../../../../workers/kafka/metadata/metadata-records.ts'
import {
  createTopicRecords,
  deleteTopicRecords,
  electLeadersRecords,
  fenceBrokerRecords,
  unfenceBrokerRecords,
} from '../../../../workers/kafka/controller/replication-control.ts'
import { Random } from '../../../../workers/net/random.ts'

function cluster(brokers: number[]): ClusterMetadata {
  const metadata = new ClusterMetadata()
  let offset = 0
  for (const brokerId of brokers) {
    metadata.replay(
      {
        type: 'RegisterBrokerRecord',
        brokerId,
        brokerEpoch: 10 + brokerId,
        incarnationId: `i${brokerId}`,
        endpoints: [{ host: 'localhost', port: 9091 + brokerId }],
        rack: null,
        fenced: false,
      },
      offset++,
    )
  }
  return metadata
}

function apply(metadata: ClusterMetadata, records: MetadataRecord[]): void {
  for (const record of records) metadata.replay(record, metadata.lastOffset + 1)
}

function withTopic(
  metadata: ClusterMetadata,
  replicas: number[][],
  configs: Record<string, string> = {},
): string {
  metadata.replay({ type: 'TopicRecord', name: 't', topicId: 'T' }, metadata.lastOffset + 1)
  for (const [name, value] of Object.entries(configs)) {
    metadata.replay(
      { type: 'ConfigRecord', resourceType: 'topic', resourceName: 't', name, value },
      metadata.lastOffset + 1,
    )
  }
  replicas.forEach((r, partitionId) =>
    metadata.replay(
      {
        type: 'PartitionRecord',
        topicId: 'T',
        partitionId,
        replicas: r,
        isr: [...r],
        leader: r[0]!,
        leaderEpoch: 0,
        partitionEpoch: 0,
      },
      metadata.lastOffset + 1,
    ),
  )
  return 'T'
}

const partition = (metadata: ClusterMetadata, p: number) => metadata.topicsById.get('T')!.partitions.get(p)!

describe('fencing and unfencing brokers', () => {
  it('moves leadership to the next ISR replica in replica order and shrinks the ISR', () => {
    const metadata = cluster([1, 2, 3])
    withTopic(metadata, [
      [1, 2, 3],
      [2, 3, 1],
      [3, 1, 2],
    ])
    apply(metadata, fenceBrokerRecords(metadata, 1))
    expect(metadata.brokers.get(1)!.fenced).toBe(true)
    expect(partition(metadata, 0)).toEqual({
      replicas: [1, 2, 3],
      isr: [2, 3],
      leader: 2,
      leaderEpoch: 1,
      partitionEpoch: 1,
      addingReplicas: [],
      removingReplicas: [],
    })
    expect(partition(metadata, 1)).toEqual({
      replicas: [2, 3, 1],
      isr: [2, 3],
      leader: 2,
      leaderEpoch: 0,
      partitionEpoch: 1,
      addingReplicas: [],
      removingReplicas: [],
    })
    expect(partition(metadata, 2)).toEqual({
      replicas: [3, 1, 2],
      isr: [3, 2],
      leader: 3,
      leaderEpoch: 0,
      partitionEpoch: 1,
      addingReplicas: [],
      removingReplicas: [],
    })
  })

  it('leaves a partition leaderless with its last ISR member kept, and gives it back when that broker returns', () => {
    const metadata = cluster([1, 2])
    withTopic(metadata, [[1, 2]])
    apply(metadata, fenceBrokerRecords(metadata, 2))
    apply(metadata, fenceBrokerRecords(metadata, 1))
    expect(partition(metadata, 0)).toMatchObject({ leader: -1, isr: [1], leaderEpoch: 1 })
    apply(metadata, unfenceBrokerRecords(metadata, 2))
    expect(partition(metadata, 0).leader).toBe(-1)
    apply(metadata, unfenceBrokerRecords(metadata, 1))
    expect(partition(metadata, 0)).toMatchObject({ leader: 1, isr: [1], leaderEpoch: 2 })
  })

  it('elects an out-of-sync replica only when unclean.leader.election.enable is true', () => {
    const metadata = cluster([1, 2])
    withTopic(metadata, [[1, 2]], { 'unclean.leader.election.enable': 'true' })
    apply(metadata, fenceBrokerRecords(metadata, 2))
    apply(metadata, fenceBrokerRecords(metadata, 1))
    apply(metadata, unfenceBrokerRecords(metadata, 2))
    expect(partition(metadata, 0)).toMatchObject({ leader: 2, isr: [2] })
  })

  it('fencing a fenced broker or an unknown one writes nothing', () => {
    const metadata = cluster([1])
    apply(metadata, fenceBrokerRecords(metadata, 1))
    expect(fenceBrokerRecords(metadata, 1)).toEqual([])
    expect(fenceBrokerRecords(metadata, 9)).toEqual([])
  })

  it('keeps leader ∈ ISR ⊆ replicas, a non-empty ISR and growing epochs under any fence/unfence sequence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 3 })), { maxLength: 30 }),
        (steps) => {
          const metadata = cluster([1, 2, 3])
          withTopic(metadata, [
            [1, 2, 3],
            [2, 3, 1],
            [3, 1, 2],
            [1, 3, 2],
          ])
          const epochs = [0, 1, 2, 3].map((p) => partition(metadata, p).leaderEpoch)
          for (const [fence, broker] of steps) {
            apply(
              metadata,
              fence ? fenceBrokerRecords(metadata, broker) : unfenceBrokerRecords(metadata, broker),
            )
            for (let p = 0; p < 4; p++) {
              const state = partition(metadata, p)
              expect(state.isr.length).toBeGreaterThan(0)
              expect(state.isr.every((id) => state.replicas.includes(id))).toBe(true)
              if (state.leader !== -1) {
                expect(state.isr).toContain(state.leader)
                expect(metadata.brokers.get(state.leader)!.fenced).toBe(false)
              }
              expect(state.leaderEpoch).toBeGreaterThanOrEqual(epochs[p]!)
              epochs[p] = state.leaderEpoch
            }
          }
        },
      ),
    )
  })
})

describe('elections and topics', () => {
  it('a preferred election moves leadership back to the first replica once it is in the ISR', () => {
    const metadata = cluster([1, 2, 3])
    withTopic(metadata, [[1, 2, 3]])
    apply(metadata, fenceBrokerRecords(metadata, 1))
    apply(metadata, unfenceBrokerRecords(metadata, 1))
    expect(partition(metadata, 0).leader).toBe(2)
    expect(electLeadersRecords(metadata, 'preferred', [{ topic: 't', partition: 0 }])).toEqual([])
    apply(metadata, [{ type: 'PartitionChangeRecord', topicId: 'T', partitionId: 0, isr: [2, 3, 1] }])
    apply(metadata, electLeadersRecords(metadata, 'preferred', [{ topic: 't', partition: 0 }]))
    expect(partition(metadata, 0)).toMatchObject({ leader: 1, isr: [2, 3, 1] })
  })

  it('creates a topic as TopicRecord, ConfigRecords and one PartitionRecord per partition, and removes it', () => {
    const metadata = cluster([1, 2, 3])
    const created = createTopicRecords(
      metadata,
      { name: 'orders', numPartitions: 3, replicationFactor: 3, configs: { 'retention.ms': '1000' } },
      { numPartitions: 1, replicationFactor: 1 },
      new Random(4),
    )
    if (!created.ok) throw new Error(created.message)
    expect(created.records.map((r) => r.type)).toEqual([
      'TopicRecord',
      'ConfigRecord',
      'PartitionRecord',
      'PartitionRecord',
      'PartitionRecord',
    ])
    apply(metadata, created.records)
    const topic = metadata.topic('orders')!
    expect(
      [...topic.partitions.values()].every((p) => p.replicas.length === 3 && p.leader === p.replicas[0]),
    ).toBe(true)
    expect(metadata.configsOf('topic', 'orders').get('retention.ms')).toBe('1000')
    const again = createTopicRecords(
      metadata,
      { name: 'orders', numPartitions: 1, replicationFactor: 1, configs: {} },
      { numPartitions: 1, replicationFactor: 1 },
      new Random(4),
    )
    expect(again).toEqual({
      ok: false,
      error: 'TOPIC_ALREADY_EXISTS',
      message: "Topic 'orders' already exists.",
    })
    const removed = deleteTopicRecords(metadata, 'orders')
    if (!removed.ok) throw new Error(removed.message)
    apply(metadata, removed.records)
    expect(metadata.topic('orders')).toBeUndefined()
    expect(metadata.configsOf('topic', 'orders').size).toBe(0)
  })

  it('places replicas only on unfenced brokers', () => {
    const metadata = cluster([1, 2, 3])
    apply(metadata, fenceBrokerRecords(metadata, 2))
    const created = createTopicRecords(
      metadata,
      { name: 'x', numPartitions: 4, replicationFactor: 2, configs: {} },
      { numPartitions: 1, replicationFactor: 1 },
      new Random(2),
    )
    if (!created.ok) throw new Error(created.message)
    const replicas = created.records.flatMap((r) => (r.type === 'PartitionRecord' ? r.replicas : []))
    expect(new Set(replicas)).toEqual(new Set([1, 3]))
    const tooMany = createTopicRecords(
      metadata,
      { name: 'y', numPartitions: 1, replicationFactor: 3, configs: {} },
      { numPartitions: 1, replicationFactor: 1 },
      new Random(2),
    )
    expect(tooMany).toMatchObject({ ok: false, error: 'INVALID_REPLICATION_FACTOR' })
  })
})
