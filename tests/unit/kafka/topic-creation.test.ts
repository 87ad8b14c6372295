// createTopic as KRaft's ReplicationControlManager answers CreateTopics: error codes and Kafka's message
// texts, defaults for -1, the partition state a new topic starts with.
import { describe, expect, it } from 'vitest'
import { createTopic, type TopicCreation } from '../../../workers/kafka/controller/topic-creation.ts'
import { Random } from '../../../workers/net/random.ts'
import type { CreatableTopic } from '../../../workers/protocol/kafka.ts'

const image = (brokers: number[]) => ({
  hasTopic: (name: string) => name === 'orders',
  usableBrokers: brokers,
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
