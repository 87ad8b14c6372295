// A 3-node KRaft cluster's DescribeConfigs, IncrementalAlterConfigs, CreatePartitions and DescribeQuorum
// against Kafka 4.1: ConfigRecords replayed by every broker, sources and synonyms in ConfigHelper's order
// (retention.ms shows {} until log.retention.ms is set: configSynonyms' dropWhile), the controller's error
// texts, and new partitions placed and led.
import { describe, expect, it } from 'vitest'
import { startCluster } from '../kafka-fixtures.ts'

const topic = (name: string, numPartitions = 3, configs: Record<string, string> = {}) => ({
  name,
  numPartitions,
  replicationFactor: 3,
  configs,
})

async function threeNodes() {
  const cluster = await startCluster(3)
  await cluster.advance(5_000)
  const api = (id: number) => cluster.server(id).api
  return { cluster, api, run: <T>(call: Promise<T>): Promise<T> => cluster.run(call) }
}

describe('IncrementalAlterConfigs and DescribeConfigs', () => {
  it('an alteration sent to one broker is described the same by every broker', async () => {
    const { cluster, api, run } = await threeNodes()
    await run(api(1).createTopics([topic('orders')], false))
    const altered = await run(
      api(2).incrementalAlterConfigs(
        [
          {
            resource: { type: 'topic', name: 'orders' },
            ops: [{ op: 'SET', name: 'retention.ms', value: '60000' }],
          },
        ],
        false,
      ),
    )
    expect(altered).toEqual([{ resource: { type: 'topic', name: 'orders' }, error: null, message: null }])
    // The ConfigRecord is committed when the call returns; a broker that was not needed for the commit learns
    // of it with its next metadata fetch (every broker describes from its own metadata image, as Kafka's do).
    await cluster.advance(100)
    for (const id of [1, 2, 3]) {
      const [result] = await run(api(id).describeConfigs([{ type: 'topic', name: 'orders' }]))
      expect(result!.configs.find((c) => c.name === 'retention.ms')).toEqual({
        name: 'retention.ms',
        value: '60000',
        source: 'DYNAMIC_TOPIC_CONFIG',
        isSensitive: false,
        readOnly: false,
        synonyms: [{ name: 'retention.ms', value: '60000', source: 'DYNAMIC_TOPIC_CONFIG' }],
      })
    }
  })

  it('lists the full topic config set with Kafka defaults and broker synonyms', async () => {
    const { api, run } = await threeNodes()
    await run(api(1).createTopics([topic('t')], false))
    const [result] = await run(api(1).describeConfigs([{ type: 'topic', name: 't' }]))
    expect(result!.configs).toHaveLength(33)
    const byName = new Map(result!.configs.map((c) => [c.name, c]))
    expect(byName.get('retention.ms')).toMatchObject({
      value: '604800000',
      source: 'DEFAULT_CONFIG',
      synonyms: [],
    })
    expect(byName.get('segment.ms')).toMatchObject({ value: '604800000', synonyms: [] })
    expect(byName.get('flush.ms')).toMatchObject({ value: '9223372036854775807', synonyms: [] })
    expect(byName.get('cleanup.policy')!.synonyms).toEqual([
      { name: 'log.cleanup.policy', value: 'delete', source: 'DEFAULT_CONFIG' },
    ])
    expect(byName.get('segment.bytes')!.synonyms).toEqual([
      { name: 'log.segment.bytes', value: '1073741824', source: 'DEFAULT_CONFIG' },
    ])
  })

  it('a cluster default broker config flows into topics, with the hours synonym kept behind it', async () => {
    const { cluster, api, run } = await threeNodes()
    await run(api(1).createTopics([topic('t')], false))
    const [altered] = await run(
      api(3).incrementalAlterConfigs(
        [
          {
            resource: { type: 'broker', name: '' },
            ops: [{ op: 'SET', name: 'log.retention.ms', value: '259200000' }],
          },
        ],
        false,
      ),
    )
    expect(altered!.error).toBeNull()
    await cluster.advance(1_000)
    const [described] = await run(api(2).describeConfigs([{ type: 'topic', name: 't' }]))
    expect(described!.configs.find((c) => c.name === 'retention.ms')).toMatchObject({
      value: '259200000',
      source: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
      synonyms: [
        { name: 'log.retention.ms', value: '259200000', source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' },
        { name: 'log.retention.hours', value: '168', source: 'DEFAULT_CONFIG' },
      ],
    })
    const [broker] = await run(api(2).describeConfigs([{ type: 'broker', name: '2' }]))
    expect(broker!.configs.find((c) => c.name === 'node.id')).toMatchObject({
      value: '2',
      source: 'STATIC_BROKER_CONFIG',
      readOnly: true,
    })
    // ReplicationConfigs' replica.high.watermark.checkpoint.interval.ms: read-only, Kafka's default.
    expect(broker!.configs.find((c) => c.name === 'replica.high.watermark.checkpoint.interval.ms')).toEqual({
      name: 'replica.high.watermark.checkpoint.interval.ms',
      value: '5000',
      source: 'DEFAULT_CONFIG',
      isSensitive: false,
      readOnly: true,
      synonyms: [
        { name: 'replica.high.watermark.checkpoint.interval.ms', value: '5000', source: 'DEFAULT_CONFIG' },
      ],
    })
    const [other] = await run(api(2).describeConfigs([{ type: 'broker', name: '1' }]))
    expect(other).toMatchObject({
      error: 'INVALID_REQUEST',
      errorMessage: 'Unexpected broker id, expected 2 or empty string, but received 1',
    })
  })

  it('refuses unknown names, invalid values, missing topics and static broker configs with Kafka texts', async () => {
    const { api, run } = await threeNodes()
    await run(api(1).createTopics([topic('t')], false))
    const set = (type: 'topic' | 'broker', name: string, config: string, value: string) => ({
      resource: { type, name },
      ops: [{ op: 'SET' as const, name: config, value }],
    })
    const results = await run(
      api(1).incrementalAlterConfigs(
        [
          set('topic', 't', 'x', '1'),
          set('topic', 't', 'retention.ms', 'soon'),
          set('topic', 't', 'segment.bytes', '10'),
          set('topic', 't', 'compression.lz4.level', '18'),
          set('topic', 't', 'compression.gzip.level', '0'),
          set('topic', 'nope', 'retention.ms', '1'),
          set('broker', '1', 'num.partitions', '3'),
        ],
        false,
      ),
    )
    expect(results.map((r) => [r.error, r.message])).toEqual([
      ['INVALID_CONFIG', 'Unknown topic config name: x'],
      ['INVALID_CONFIG', 'Invalid value soon for configuration retention.ms: Not a number of type LONG'],
      ['INVALID_CONFIG', 'Invalid value 10 for configuration segment.bytes: Value must be at least 14'],
      [
        'INVALID_CONFIG',
        'Invalid value 18 for configuration compression.lz4.level: Value must be no more than 17',
      ],
      [
        'INVALID_CONFIG',
        'Invalid value 0 for configuration compression.gzip.level: Value must be between 1 and 9 or equal to -1',
      ],
      ['UNKNOWN_TOPIC_OR_PARTITION', "The topic 'nope' does not exist."],
      [
        'INVALID_REQUEST',
        "Invalid config value for resource ConfigResource(type=BROKER, name='1'): Cannot update these configs dynamically: Set(num.partitions)",
      ],
    ])
    const [described] = await run(api(1).describeConfigs([{ type: 'topic', name: 't' }]))
    expect(described!.configs.filter((c) => c.source === 'DYNAMIC_TOPIC_CONFIG')).toEqual([])
  })
})

describe('CreatePartitions', () => {
  it('adds led, fully replicated partitions that every broker sees', async () => {
    const { cluster, api, run } = await threeNodes()
    await run(api(1).createTopics([topic('orders')], false))
    expect(await run(api(3).createPartitions([{ name: 'orders', count: 5 }], false))).toEqual([
      { name: 'orders', error: null, message: null },
    ])
    await cluster.advance(2_000)
    for (const id of [1, 2, 3]) {
      const [described] = (await run(api(id).metadata(['orders']))).topics
      expect(described!.partitions).toHaveLength(5)
      for (const p of described!.partitions.slice(3)) {
        expect(new Set(p.replicas).size).toBe(3)
        expect(p.isr).toEqual(p.replicas)
        expect(p.leader).toBe(p.replicas[0])
      }
    }
    const leader = cluster.server(1).metadata.topic('orders')!.partitions.get(3)!.leader
    const produced = await run(
      cluster
        .server(leader)
        .api.produce(1, 1000, [{ topic: 'orders', partition: 3, records: new Uint8Array(0) }]),
    )
    expect(produced.responses[0]!.error).toBeNull()
  })

  it('answers the KRaft texts when the count does not grow', async () => {
    const { api, run } = await threeNodes()
    await run(api(1).createTopics([topic('orders')], false))
    expect(
      await run(
        api(1).createPartitions(
          [
            { name: 'orders', count: 2 },
            { name: 'orders', count: 3 },
            { name: 'nope', count: 4 },
          ],
          false,
        ),
      ),
    ).toEqual([
      {
        name: 'orders',
        error: 'INVALID_PARTITIONS',
        message: 'The topic orders currently has 3 partition(s); 2 would not be an increase.',
      },
      { name: 'orders', error: 'INVALID_PARTITIONS', message: 'Topic already has 3 partition(s).' },
      {
        name: 'nope',
        error: 'UNKNOWN_TOPIC_OR_PARTITION',
        message: 'This server does not host this topic-partition.',
      },
    ])
  })
})

describe('DescribeQuorum', () => {
  it('reports the leader, its voters with their controller endpoints, from any broker', async () => {
    const { api, run } = await threeNodes()
    const { error, quorum } = await run(api(3).describeQuorum())
    expect(error).toBeNull()
    expect(quorum!.leaderId).toBe((await run(api(1).metadata([]))).controllerId)
    expect(quorum!.highWatermark).toBeGreaterThan(0)
    expect(quorum!.voters.map((v) => v.replicaId)).toEqual([1, 2, 3])
    expect(quorum!.endpoints).toEqual({
      1: 'CONTROLLER://localhost:19092',
      2: 'CONTROLLER://localhost:19093',
      3: 'CONTROLLER://localhost:19094',
    })
  })
})
