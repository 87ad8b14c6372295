// KafkaConsumer against a simulated KRaft cluster: auto.offset.reset earliest / latest / none, positions
// across polls, max.poll.records, seeks, out-of-range reset, and poll's wait on the clock (the cluster's
// DeterministicTaskQueue: time moves only while the simulation runs).
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError } from '../../../workers/clients/kafka/api.ts'
import { KafkaConsumer } from '../../../workers/clients/kafka/consumer/kafka-consumer.ts'
import type { SimKafkaCluster } from '../kafka/server/sim-kafka-cluster.ts'
import { clusterWithTopic, connectionTo, loadLogEngine, text, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

async function produce(cluster: SimKafkaCluster, partition: number, ...values: string[]): Promise<void> {
  const records = engine.encodeBatch(
    values.map((v, i) => ({ key: null, value: utf8(v), timestamp: 5 + i, headers: [] })),
  )
  const [response] = await cluster.run(
    cluster.server(1).api.produce(-1, 1000, [{ topic: 't', partition, records }]),
  )
  if (response?.error) throw new Error(response.error)
}

const consumer = (cluster: SimKafkaCluster, config: Record<string, string> = {}) =>
  new KafkaConsumer(connectionTo(cluster), engine, cluster.queue, config)
const seen = (records: Array<{ partition: number; offset: number; value: Uint8Array | null }>) =>
  records.map((r) => [r.partition, r.offset, text(r.value)])

describe('KafkaConsumer', () => {
  it('with earliest reads every record from offset 0, then continues from its position', async () => {
    const cluster = await clusterWithTopic('t', 2)
    await produce(cluster, 0, 'a', 'b')
    await produce(cluster, 1, 'x')
    const c = consumer(cluster, { 'auto.offset.reset': 'earliest' })
    await cluster.run(c.subscribe(['t']))
    const first = await cluster.run(c.poll(100))
    expect(seen(first)).toEqual([
      [0, 0, 'a'],
      [0, 1, 'b'],
      [1, 0, 'x'],
    ])
    expect(first[0]).toMatchObject({
      topic: 't',
      timestamp: 5,
      timestampType: 'CreateTime',
      key: null,
      headers: [],
    })
    await produce(cluster, 0, 'c')
    expect(seen(await cluster.run(c.poll(100)))).toEqual([[0, 2, 'c']])
  })

  it('with latest (the default) reads only what is produced after its first poll', async () => {
    const cluster = await clusterWithTopic('t', 1)
    await produce(cluster, 0, 'old')
    const c = consumer(cluster)
    await cluster.run(c.assign([{ topic: 't', partition: 0 }]))
    expect(await cluster.run(c.poll(0))).toEqual([])
    await produce(cluster, 0, 'new')
    expect(seen(await cluster.run(c.poll(0)))).toEqual([[0, 1, 'new']])
  })

  it('with none throws NoOffsetForPartitionException naming the partitions', async () => {
    const cluster = await clusterWithTopic('t', 2)
    const c = consumer(cluster, { 'auto.offset.reset': 'none' })
    await cluster.run(c.subscribe(['t']))
    const error = (await cluster.run(c.poll(0)).catch((e: unknown) => e)) as KafkaError
    expect(error).toBeInstanceOf(KafkaError)
    expect(error.exceptionClass).toBe('org.apache.kafka.clients.consumer.NoOffsetForPartitionException')
    expect(error.message).toBe('Undefined offset with no reset policy for partitions: [t-0, t-1]')
    c.seek({ topic: 't', partition: 0 }, 0)
    c.seek({ topic: 't', partition: 1 }, 0)
    expect(await cluster.run(c.poll(0))).toEqual([])
  })

  it('returns at most max.poll.records and resumes after the last one returned', async () => {
    const cluster = await clusterWithTopic('t', 1)
    await produce(cluster, 0, 'a', 'b', 'c', 'd', 'e')
    const c = consumer(cluster, { 'auto.offset.reset': 'earliest', 'max.poll.records': '2' })
    await cluster.run(c.assign([{ topic: 't', partition: 0 }]))
    const polls = [
      await cluster.run(c.poll(0)),
      await cluster.run(c.poll(0)),
      await cluster.run(c.poll(0)),
      await cluster.run(c.poll(0)),
    ]
    expect(polls.map((p) => p.map((r) => r.offset))).toEqual([[0, 1], [2, 3], [4], []])
  })

  it('seeks, seeks to beginning and to end', async () => {
    const cluster = await clusterWithTopic('t', 1)
    await produce(cluster, 0, 'a', 'b', 'c')
    const tp = { topic: 't', partition: 0 }
    const c = consumer(cluster)
    await cluster.run(c.assign([tp]))
    c.seek(tp, 2)
    expect(seen(await cluster.run(c.poll(0)))).toEqual([[0, 2, 'c']])
    await cluster.run(c.seekToBeginning([tp]))
    expect((await cluster.run(c.poll(0))).map((r) => r.offset)).toEqual([0, 1, 2])
    await cluster.run(c.seekToEnd([tp]))
    expect(await cluster.run(c.poll(0))).toEqual([])
  })

  it('resets an out-of-range position by auto.offset.reset', async () => {
    const cluster = await clusterWithTopic('t', 1)
    await produce(cluster, 0, 'a', 'b')
    const tp = { topic: 't', partition: 0 }
    const c = consumer(cluster, { 'auto.offset.reset': 'earliest' })
    await cluster.run(c.assign([tp]))
    c.seek(tp, 50)
    expect((await cluster.run(c.poll(1000))).map((r) => r.offset)).toEqual([0, 1])
  })

  it('waits the whole timeout on the clock when nothing arrives, and no longer', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const c = consumer(cluster, { 'auto.offset.reset': 'earliest' })
    await cluster.run(c.subscribe(['t']))
    const start = cluster.queue.now()
    expect(await cluster.run(c.poll(1_200))).toEqual([])
    expect(cluster.queue.now()).toBe(start + 1_200)
    await produce(cluster, 0, 'a')
    expect((await cluster.run(c.poll(5_000))).length).toBe(1)
    expect(cluster.queue.now()).toBe(start + 1_200)
  })

  it('lists partitions of a topic; an unknown one is auto-created unless allow.auto.create.topics=false', async () => {
    const cluster = await clusterWithTopic('t', 3)
    const c = consumer(cluster)
    expect((await cluster.run(c.partitionsFor('t'))).map((p) => p.partition)).toEqual([0, 1, 2])
    const strict = new KafkaConsumer(connectionTo(cluster), engine, cluster.queue, {
      'allow.auto.create.topics': 'false',
    })
    expect(await cluster.run(strict.partitionsFor('nope'))).toEqual([])
    expect((await cluster.run(c.partitionsFor('nope'))).map((p) => p.partition)).toEqual([0])
  })
})
