// createTopic as KRaft's ReplicationControlManager answers CreateTopics: error codes and Kafka's message
// texts, defaults for -1, the partition state a new topic starts with.
import { describe, expect, it } from 'vitest'
import { createTopic, type TopicCreation } from '../../../workers/kafka/controller/topic-creation.ts'
import { Random } from '../../../workers/net/random.ts'
import type { CreatableTopic } from '../../../workers/protocol/kafka.ts'

const image = (brokers: number[], registered: readonly number[] = brokers) => ({
  hasTopic: (name: string) => name === 'orders',
  usableBrokers: brokers,
  isRegistered: (id: number) => registered.includes(id),
})
const defaults = { numPartitions: 1, replicationFactor: 1 }
const create = (request: Partial<CreatableTopic>, brokers = [1]): TopicCreation =>
  createTopic(
    image(brokers),
    { name: 't', numPartitions: 3, replicationFactor: 1, configs: {}, ...request },
    defaults,
    new Random(1),
  )

describe('createTopic', () => {
  it.each<[Partial<CreatableTopic>, string, string]>([
    [{ name: 'orders' }, 'TOPIC_ALREADY_EXISTS', "Topic 'orders' already exists."],
    [
      { name: 'a b' },
      'INVALID_TOPIC_EXCEPTION',
      "Topic name is invalid: 'a b' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'",
    ],
    [{ name: '' }, 'INVALID_TOPIC_EXCEPTION', 'Topic name is invalid: the empty string is not allowed'],
    [
      { numPartitions: 0 },
      'INVALID_PARTITIONS',
      'Number of partitions was set to an invalid non-positive value.',
    ],
    [
      { numPartitions: -5 },
      'INVALID_PARTITIONS',
      'Number of partitions was set to an invalid non-positive value.',
    ],
    [
      { replicationFactor: 0 },
      'INVALID_REPLICATION_FACTOR',
      'Replication factor must be larger than 0, or -1 to use the default value.',
    ],
    [
      { replicationFactor: 3 },
      'INVALID_REPLICATION_FACTOR',
      'Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered.',
    ],
    [{ configs: { 'retention.msx': '1' } }, 'INVALID_CONFIG', 'Unknown topic config name: retention.msx'],
  ])('refuses %j with %s', (request, error, message) => {
    expect(create(request)).toEqual({ ok: false, error, message })
  })

  it('checks the name before existence and before the counts', () => {
    expect(create({ name: '..', numPartitions: 0 })).toMatchObject({ error: 'INVALID_TOPIC_EXCEPTION' })
    expect(create({ name: 'orders', numPartitions: 0 })).toMatchObject({ error: 'TOPIC_ALREADY_EXISTS' })
  })

  it('builds a topic whose partitions lead on their first replica with the full ISR and no ELR', () => {
    const outcome = create(
      { numPartitions: 4, replicationFactor: 2, configs: { 'retention.ms': '1000' } },
      [1, 2, 3],
    )
    if (!outcome.ok) throw new Error(outcome.message)
    const { topic } = outcome
    expect(topic.name).toBe('t')
    expect(topic.topicId).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/)
    expect(topic.configs).toEqual({ 'retention.ms': '1000' })
    expect(topic.partitions.map((p) => p.partition)).toEqual([0, 1, 2, 3])
    for (const p of topic.partitions) {
      expect(p.replicas).toHaveLength(2)
      expect(p.leader).toBe(p.replicas[0])
      expect(p.isr).toEqual(p.replicas)
      expect(p.leaderEpoch).toBe(0)
      expect([p.elr, p.lastKnownElr, p.offlineReplicas]).toEqual([[], [], []])
    }
  })

  it('uses the defaults for -1', () => {
    const outcome = create({ numPartitions: -1, replicationFactor: -1 })
    expect(outcome.ok && outcome.topic.partitions.map((p) => p.replicas)).toEqual([[1]])
  })

  it('does not alias the request configs', () => {
    const configs = { 'cleanup.policy': 'compact' }
    const outcome = create({ configs })
    configs['cleanup.policy'] = 'delete'
    expect(outcome.ok && outcome.topic.configs).toEqual({ 'cleanup.policy': 'compact' })
  })
})

describe('createTopic with a manual replica assignment', () => {
  const manual = (assignments: number[][], usable = [1, 2, 3], registered = [1, 2, 3, 4]): TopicCreation =>
    createTopic(
      image(usable, registered),
      {
        name: 't',
        numPartitions: -1,
        replicationFactor: -1,
        configs: {},
        assignments: assignments.map((brokerIds, partitionIndex) => ({ partitionIndex, brokerIds })),
      },
      defaults,
      new Random(1),
    )

  it('places each partition on its list, led by its first active replica, the ISR its active replicas', () => {
    const created = manual([
      [2, 3],
      [3, 1],
      [4, 2],
    ])
    expect(created.ok && created.topic.partitions.map((p) => [p.replicas, p.leader, p.isr])).toEqual([
      [[2, 3], 2, [2, 3]],
      [[3, 1], 3, [3, 1]],
      [[4, 2], 2, [2]],
    ])
  })

  it.each<[number[][], string, string]>([
    [[[]], 'INVALID_REPLICA_ASSIGNMENT', 'The manual partition assignment includes an empty replica list.'],
    [
      [[1, 5]],
      'INVALID_REPLICA_ASSIGNMENT',
      'The manual partition assignment includes broker 5, but no such broker is registered.',
    ],
    [
      [[2, 1, 2]],
      'INVALID_REPLICA_ASSIGNMENT',
      'The manual partition assignment includes the broker 2 more than once.',
    ],
    [
      [[1, 2], [3]],
      'INVALID_REPLICA_ASSIGNMENT',
      'The manual partition assignment includes a partition with 1 replica(s), but this is not consistent with previous partitions, which have 2 replica(s).',
    ],
    [
      [[4]],
      'INVALID_REPLICA_ASSIGNMENT',
      'All brokers specified in the manual partition assignment for partition 0 are fenced or in controlled shutdown.',
    ],
  ])('refuses %j: %s', (assignments, error, message) => {
    expect(manual(assignments)).toEqual({ ok: false, error, message })
  })

  it('refuses counts alongside an assignment, repeated partitions and gaps', () => {
    const request = (extra: Partial<CreatableTopic>): TopicCreation =>
      createTopic(
        image([1, 2]),
        { name: 't', numPartitions: -1, replicationFactor: -1, configs: {}, ...extra },
        defaults,
        new Random(1),
      )
    const assignments = [{ partitionIndex: 0, brokerIds: [1] }]
    expect(request({ assignments, replicationFactor: 1 })).toEqual({
      ok: false,
      error: 'INVALID_REQUEST',
      message: 'A manual partition assignment was specified, but replication factor was not set to -1.',
    })
    expect(request({ assignments, numPartitions: 1 })).toEqual({
      ok: false,
      error: 'INVALID_REQUEST',
      message: 'A manual partition assignment was specified, but numPartitions was not set to -1.',
    })
    expect(request({ assignments: [...assignments, { partitionIndex: 0, brokerIds: [2] }] })).toEqual({
      ok: false,
      error: 'INVALID_REPLICA_ASSIGNMENT',
      message: 'Found multiple manual partition assignments for partition 0',
    })
    expect(request({ assignments: [{ partitionIndex: 1, brokerIds: [2] }] })).toEqual({
      ok: false,
      error: 'INVALID_REPLICA_ASSIGNMENT',
      message: 'partitions should be a consecutive 0-based integer sequence',
    })
  })
})
