/**
 * What a broker's MetadataPublisher visits when it acts on committed metadata: only the topics the records
 * replayed since its last act touched (Kafka's MetadataDelta), not every topic for every batch. A visit is
 * counted by the broker's ConfigHelper.topicConfig, which the publisher calls once per topic it visits (and
 * nothing else in the broker calls).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConfigHelper } from '../../../../workers/kafka/config/config-helper.ts'
import { simKafkaCluster } from './sim-kafka-cluster.ts'

const TOPICS = Array.from({ length: 20 }, (_, i) => `t${i}`)

/** Counts topic visits per broker from now on. */
function countVisits(): (brokerId: number) => number {
  const spy = vi.spyOn(ConfigHelper.prototype, 'topicConfig')
  return (brokerId) =>
    spy.mock.contexts.filter((helper) => helper instanceof ConfigHelper && helper.brokerId === brokerId)
      .length
}

async function clusterWithTopics() {
  const cluster = await simKafkaCluster(3, 4)
  await cluster.advance(10_000)
  for (const name of TOPICS) {
    await cluster.run(
      cluster
        .server(1)
        .api.createTopics([{ name, numPartitions: 1, replicationFactor: 3, configs: {} }], false),
    )
  }
  await cluster.advance(1_000)
  return cluster
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('MetadataPublisher', () => {
  it('a restarted broker replaying the whole metadata log visits each topic a few times, not once per batch', async () => {
    const cluster = await clusterWithTopics()
    cluster.kill(3)
    await cluster.advance(1_000)
    const visits = countVisits()
    const server = await cluster.start(3)
    await cluster.run(server.whenServing())
    await cluster.advance(3_000)
    // Once to load its logs while it replays, once more when its new registration appears, and once for
    // the ISR changes as it rejoins: the log holds one batch per topic, so acting on every topic for every
    // batch visited them hundreds of times.
    expect(visits(3)).toBeGreaterThanOrEqual(2 * TOPICS.length)
    expect(visits(3)).toBeLessThanOrEqual(4 * TOPICS.length)
    const description = server.describeState()
    expect(description.partitions).toHaveLength(TOPICS.length)
  })

  it('a topic config change visits that topic; a broker config change visits every topic', async () => {
    const cluster = await clusterWithTopics()
    const visits = countVisits()
    const alter = (type: 'topic' | 'broker', name: string, config: string, value: string) =>
      cluster.run(
        cluster
          .server(2)
          .api.incrementalAlterConfigs(
            [{ resource: { type, name }, ops: [{ op: 'SET', name: config, value }] }],
            false,
          ),
      )
    await alter('topic', 't7', 'retention.ms', '60000')
    await cluster.advance(500)
    expect([1, 2, 3].map(visits)).toEqual([1, 1, 1])
    await alter('broker', '', 'log.retention.ms', '259200000')
    await cluster.advance(500)
    expect([1, 2, 3].map(visits)).toEqual([1, 2, 3].map(() => 1 + TOPICS.length))
  })
})
