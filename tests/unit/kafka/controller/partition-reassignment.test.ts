// Partition reassignment as KRaft's ReplicationControlManager runs it: the replica lists a reassignment
// writes, its completion when the ISR holds the target (leader moved to the first target replica), the
// validation texts of validateManualPartitionAssignment, cancellation, and ListPartitionReassignments.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../../../../workers/kafka/metadata/metadata-records.ts'
import {
  alterPartitionReassignment,
  alterPartitionReassignmentsRecords,
  listPartitionReassignments,
  reassignmentReplicas,
} from '../../../../workers/kafka/controller/partition-reassignment.ts'
import { isrChangeRecord } from '../../../../workers/kafka/controller/partition-change.ts'

function cluster(replicas: number[], brokers = [1, 2, 3, 4]): ClusterMetadata {
  const metadata = new ClusterMetadata()
  const records: MetadataRecord[] = [
    ...brokers.map((brokerId): MetadataRecord => ({
      type: 'RegisterBrokerRecord',
      brokerId,
      brokerEpoch: brokerId,
      incarnationId: `i${brokerId}`,
      endpoints: [],
      rack: null,
      fenced: false,
    })),
    { type: 'TopicRecord', name: 't', topicId: 'T' },
    {
      type: 'PartitionRecord',
      topicId: 'T',
      partitionId: 0,
      replicas,
      isr: replicas,
      leader: replicas[0]!,
      leaderEpoch: 0,
      partitionEpoch: 0,
    },
  ]
  records.forEach((record, offset) => metadata.replay(record, offset))
  return metadata
}

const partition = (metadata: ClusterMetadata) => metadata.topic('t')!.partitions.get(0)!

function reassign(metadata: ClusterMetadata, replicas: number[] | null) {
  const outcome = alterPartitionReassignment(metadata, { topic: 't', partition: 0, replicas }, false)
  if (outcome.ok && outcome.record) metadata.replay(outcome.record, metadata.lastOffset + 1)
  return outcome
}

function alterIsr(metadata: ClusterMetadata, isr: number[]) {
  const current = partition(metadata)
  const record = isrChangeRecord({
    topicId: 'T',
    partitionId: 0,
    current,
    targetIsr: isr,
    isUsable: (id) => metadata.brokers.get(id)?.fenced === false,
  })
  metadata.replay(record, metadata.lastOffset + 1)
  return record
}

describe('reassignmentReplicas', () => {
  it('puts the target first, then the replicas to remove', () => {
    expect(reassignmentReplicas([1, 2], [2, 3])).toEqual({ replicas: [2, 3, 1], adding: [3], removing: [1] })
    expect(reassignmentReplicas([1, 2, 3], [3, 2, 1])).toEqual({
      replicas: [3, 2, 1],
      adding: [],
      removing: [],
    })
  })

  it('property: replicas = target ++ (current − target), adding = target − current', () => {
    const ids = fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 6 })
    fc.assert(
      fc.property(ids, ids, (current, target) => {
        const r = reassignmentReplicas(current, target)
        expect(new Set(r.replicas)).toEqual(new Set([...current, ...target]))
        expect(r.replicas.slice(0, target.length)).toEqual(target)
        expect(r.adding).toEqual(target.filter((id) => current.indexOf(id) < 0))
        expect(r.removing).toEqual(current.filter((id) => target.indexOf(id) < 0))
      }),
    )
  })
})

describe('alterPartitionReassignment', () => {
  it('adds the new replicas first and completes once the ISR holds the target, moving the leader', () => {
    const metadata = cluster([1, 2])
    expect(reassign(metadata, [2, 3])).toEqual({
      ok: true,
      record: {
        type: 'PartitionChangeRecord',
        topicId: 'T',
        partitionId: 0,
        replicas: [2, 3, 1],
        removingReplicas: [1],
        addingReplicas: [3],
      },
    })
    expect(partition(metadata)).toMatchObject({ leader: 1, isr: [1, 2], replicas: [2, 3, 1] })
    expect(listPartitionReassignments(metadata, null)).toEqual([
      { topic: 't', partition: 0, replicas: [2, 3, 1], addingReplicas: [3], removingReplicas: [1] },
    ])
    expect(alterIsr(metadata, [1, 2, 3])).toEqual({
      type: 'PartitionChangeRecord',
      topicId: 'T',
      partitionId: 0,
      isr: [2, 3],
      leader: 2,
      replicas: [2, 3],
      removingReplicas: [],
      addingReplicas: [],
    })
    expect(partition(metadata)).toMatchObject({
      leader: 2,
      leaderEpoch: 1,
      partitionEpoch: 2,
      replicas: [2, 3],
      isr: [2, 3],
      addingReplicas: [],
      removingReplicas: [],
    })
    expect(listPartitionReassignments(metadata, null)).toEqual([])
  })

  it('keeps a leader that stays in the target', () => {
    const metadata = cluster([1, 2])
    reassign(metadata, [3, 1])
    alterIsr(metadata, [1, 2, 3])
    expect(partition(metadata)).toMatchObject({ leader: 1, replicas: [3, 1], isr: [1, 3] })
  })

  it('completes a reassignment that only removes replicas at once', () => {
    const metadata = cluster([1, 2, 3])
    expect(reassign(metadata, [1, 2])).toMatchObject({ ok: true, record: { replicas: [1, 2], isr: [1, 2] } })
    expect(partition(metadata)).toMatchObject({ replicas: [1, 2], addingReplicas: [], removingReplicas: [] })
  })

  it('writes nothing for the current assignment', () => {
    expect(reassign(cluster([1, 2]), [1, 2])).toEqual({ ok: true, record: null })
  })

  it.each<[string, number[], string]>([
    ['an empty list', [], 'The manual partition assignment includes an empty replica list.'],
    [
      'an unregistered broker',
      [2, 9],
      'The manual partition assignment includes broker 9, but no such broker is registered.',
    ],
    ['a broker twice', [3, 2, 3], 'The manual partition assignment includes the broker 3 more than once.'],
    [
      'the lowest bad broker first',
      [9, 2, 2],
      'The manual partition assignment includes the broker 2 more than once.',
    ],
  ])('refuses %s with INVALID_REPLICA_ASSIGNMENT', (_name, replicas, message) => {
    expect(reassign(cluster([1, 2]), replicas)).toEqual({
      ok: false,
      error: 'INVALID_REPLICA_ASSIGNMENT',
      message,
    })
  })

  it('answers an unknown topic or partition, each with its own result', () => {
    const { records, results } = alterPartitionReassignmentsRecords(
      cluster([1, 2]),
      [
        { topic: 'x', partition: 0, replicas: [1] },
        { topic: 't', partition: 7, replicas: [1] },
        { topic: 't', partition: 0, replicas: [1, 3] },
      ],
      () => false,
    )
    expect(results).toEqual([
      {
        topic: 'x',
        partition: 0,
        error: 'UNKNOWN_TOPIC_OR_PARTITION',
        message: 'Unable to find a topic named x.',
      },
      {
        topic: 't',
        partition: 7,
        error: 'UNKNOWN_TOPIC_OR_PARTITION',
        message: 'Unable to find partition t:7.',
      },
      { topic: 't', partition: 0, error: null, message: null },
    ])
    expect(records).toHaveLength(1)
  })

  it('cancels: the adding replicas leave, the removing ones stay', () => {
    const metadata = cluster([1, 2])
    expect(reassign(metadata, null)).toEqual({
      ok: false,
      error: 'NO_REASSIGNMENT_IN_PROGRESS',
      message: 'No partition reassignment is in progress.',
    })
    reassign(metadata, [2, 3])
    alterIsr(metadata, [1, 2])
    expect(reassign(metadata, null)).toMatchObject({
      ok: true,
      record: { replicas: [2, 1], addingReplicas: [], removingReplicas: [] },
    })
    expect(partition(metadata)).toMatchObject({ leader: 1, replicas: [2, 1], isr: [1, 2] })
  })

  it('lists only the partitions asked for that are reassigning', () => {
    const metadata = cluster([1, 2])
    reassign(metadata, [3, 4])
    expect(
      listPartitionReassignments(metadata, [
        { topic: 'x', partition: 0 },
        { topic: 't', partition: 1 },
      ]),
    ).toEqual([])
    expect(listPartitionReassignments(metadata, [{ topic: 't', partition: 0 }])).toEqual([
      { topic: 't', partition: 0, replicas: [3, 4, 1, 2], addingReplicas: [3, 4], removingReplicas: [1, 2] },
    ])
  })
})
