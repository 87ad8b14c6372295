// KafkaConsumer against a simulated KRaft cluster: auto.offset.reset earliest / latest / none, positions
// across polls, max.poll.records (a fetch's further records kept for the next polls), seeks, out-of-range
// reset, and poll's wait on the clock (the cluster's DeterministicTaskQueue: time moves only while the
// simulation runs).
import { beforeAll, describe, expect, it } from 'vitest'
import { CorruptRecordError, type LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError } from '../../../workers/clients/kafka/api.ts'
import { KafkaConsumer } from '../../../workers/clients/kafka/consumer/kafka-consumer.ts'
import type { SimKafkaCluster } from '../kafka/server/sim-kafka-cluster.ts'
import type { BrokerApi, FetchPartition, FetchPartitionResponse } from '../../../workers/protocol/kafka.ts'
import type { BrokerDirectory } from '../../../workers/clients/kafka/bootstrap.ts'
import { clusterWithTopic, connectionTo, loadLogEngine, text, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

async function produce(cluster: SimKafkaCluster, partition: number, ...values: string[]): Promise<void> {
  const records = engine.encodeBatch(
    values.map((v, i) => ({ key: null, value: utf8(v), timestamp: 5 + i, headers: [] })),
  )
  const {
    responses: [response],
  } = await cluster.run(cluster.server(1).api.produce(-1, 1000, [{ topic: 't', partition, records }]))
  if (response?.error) throw new Error(response.error)
}

const consumer = (cluster: SimKafkaCluster, config: Record<string, string> = {}) =>
  new KafkaConsumer(connectionTo(cluster), engine, cluster.queue, config)
/** The cluster as clients reach it, each fetch's request and answer shown to `onFetch` first. */
function watchingFetches(
  cluster: SimKafkaCluster,
  onFetch: (partitions: FetchPartition[], answers: FetchPartitionResponse[]) => void,
): BrokerDirectory {
  return {
    brokerAtPort(port) {
      const broker = cluster.brokerAtPort(port)
      if (broker === null) return null
      // Answered at once (no MaxWaitMs), so a fetch is seen before the poll that sent it returns.
      const fetch: BrokerApi['fetch'] = async (partitions, isolationLevel, _wait, clientId) => {
        const answer = await broker.fetch(partitions, isolationLevel, undefined, clientId)
        onFetch(partitions, answer.responses)
        return answer
      }
      return new Proxy(broker, {
        get: (target, name): unknown => (name === 'fetch' ? fetch : Reflect.get(target, name)),
      })
    },
  }
}
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

  it('keeps the records a fetch brought past max.poll.records for the next polls, fetching nothing meanwhile', async () => {
    const cluster = await clusterWithTopic('t', 2)
    await produce(cluster, 0, 'a', 'b', 'c')
    await produce(cluster, 1, 'x', 'y')
    const fetches: number[][] = []
    const directory = watchingFetches(cluster, (partitions) =>
      fetches.push(partitions.map((p) => p.fetchOffset)),
    )
    const c = new KafkaConsumer(connectionTo(directory), engine, cluster.queue, {
      'auto.offset.reset': 'earliest',
      'max.poll.records': '2',
    })
    await cluster.run(c.subscribe(['t']))
    const polls = []
    for (let i = 0; i < 4; i++) polls.push(seen(await cluster.run(c.poll(0))))
    expect(polls).toEqual([
      [
        [0, 0, 'a'],
        [0, 1, 'b'],
      ],
      [
        [0, 2, 'c'],
        [1, 0, 'x'],
      ],
      [[1, 1, 'y']],
      [],
    ])
    // One fetch of both partitions brought all five records; the empty fourth poll fetched again.
    expect(fetches).toEqual([
      [0, 0],
      [3, 2],
    ])
  })

  it('drops the records it kept for a partition once the partition is seeked elsewhere', async () => {
    const cluster = await clusterWithTopic('t', 1)
    await produce(cluster, 0, 'a', 'b', 'c', 'd')
    const tp = { topic: 't', partition: 0 }
    const c = consumer(cluster, { 'auto.offset.reset': 'earliest', 'max.poll.records': '1' })
    await cluster.run(c.assign([tp]))
    expect(seen(await cluster.run(c.poll(0)))).toEqual([[0, 0, 'a']])
    c.seek(tp, 3)
    expect(seen(await cluster.run(c.poll(0)))).toEqual([[0, 3, 'd']])
    c.seek(tp, 1)
    expect(seen(await cluster.run(c.poll(0)))).toEqual([[0, 1, 'b']])
  })

  it('returns the records before a corrupt batch first, then fails the next poll', async () => {
    const cluster = await clusterWithTopic('t', 1)
    // Two batches in one request, so that one fetch answers both.
    const first = engine.encodeBatch(
      ['a', 'b'].map((v) => ({ key: null, value: utf8(v), timestamp: 5, headers: [] })),
    )
    const second = engine.encodeBatch([{ key: null, value: utf8('c'), timestamp: 5, headers: [] }])
    const records = new Uint8Array(first.length + second.length)
    records.set(first)
    records.set(second, first.length)
    await cluster.run(cluster.server(1).api.produce(-1, 1000, [{ topic: 't', partition: 0, records }]))
    // The answer's last byte belongs to the second batch, whose CRC then fails.
    const directory = watchingFetches(cluster, (_, answers) => {
      for (const { records } of answers)
        if (records.length > 0) records[records.length - 1] = records.at(-1)! ^ 0xff
    })
    const c = new KafkaConsumer(connectionTo(directory), engine, cluster.queue, {
      'auto.offset.reset': 'earliest',
    })
    await cluster.run(c.assign([{ topic: 't', partition: 0 }]))
    expect(seen(await cluster.run(c.poll(0)))).toEqual([
      [0, 0, 'a'],
      [0, 1, 'b'],
    ])
    await expect(cluster.run(c.poll(0))).rejects.toThrow(CorruptRecordError)
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

  it('returns as soon as a record arrives during a fetch the broker holds, not fetch.max.wait.ms later', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const c = consumer(cluster, { 'auto.offset.reset': 'earliest' })
    await cluster.run(c.subscribe(['t']))
    expect(await cluster.run(c.poll(0))).toEqual([])
    const start = cluster.queue.now()
    const records = engine.encodeBatch([{ key: null, value: utf8('a'), timestamp: 5, headers: [] }])
    const produced = cluster.queue
      .sleep(120)
      .then(() => cluster.server(1).api.produce(-1, 1000, [{ topic: 't', partition: 0, records }]))
    const polled = await cluster.run(c.poll(5_000))
    await cluster.run(produced)
    expect(seen(polled)).toEqual([[0, 0, 'a']])
    // The produce's own round trip and the fetch answer's: a few ms after it, far below fetch.max.wait.ms (500).
    expect(cluster.queue.now() - start).toBeLessThan(130)
  })

  it('lists partitions of a topic; an unknown one is auto-created unless allow.auto.create.topics=false', async () => {
    const cluster = await clusterWithTopic('t', 3)
    const c = consumer(cluster)
    expect((await cluster.run(c.partitionsFor('t'))).map((p) => p.partition)).toEqual([0, 1, 2])
    const strict = new KafkaConsumer(connectionTo(cluster), engine, cluster.queue, {
      'allow.auto.create.topics': 'false',
    })
    expect(await cluster.run(strict.partitionsFor('nope'))).toEqual([])
    // The broker sends the creation to its controller and answers before the topic exists, as Kafka's does.
    expect(await cluster.run(c.partitionsFor('nope'))).toEqual([])
    await cluster.advance(100)
    expect((await cluster.run(strict.partitionsFor('nope'))).map((p) => p.partition)).toEqual([0])
  })
})
