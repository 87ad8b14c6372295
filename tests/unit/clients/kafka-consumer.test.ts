// KafkaConsumer: auto.offset.reset earliest / latest / none, positions across polls, max.poll.records,
// seeks, out-of-range reset, and poll's wait on the clock (VirtualClock: time moves only by sleeping).
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError } from '../../../workers/clients/kafka/api.ts'
import { KafkaConsumer } from '../../../workers/clients/kafka/consumer/kafka-consumer.ts'
import { VirtualClock } from '../../../workers/net/clock.ts'
import type { BrokerApi } from '../../../workers/protocol/kafka.ts'
import { brokerWithTopic, connectionTo, loadLogEngine, text, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

async function produce(broker: BrokerApi, partition: number, ...values: string[]): Promise<void> {
  const records = engine.encodeBatch(
    values.map((v, i) => ({ key: null, value: utf8(v), timestamp: 5 + i, headers: [] })),
  )
  const [response] = await broker.produce(-1, 1000, [{ topic: 't', partition, records }])
  if (response?.error) throw new Error(response.error)
}

const consumer = (broker: BrokerApi, config: Record<string, string> = {}, clock = new VirtualClock()) =>
  new KafkaConsumer(connectionTo(broker), engine, clock, config)
const seen = (records: Array<{ partition: number; offset: number; value: Uint8Array | null }>) =>
  records.map((r) => [r.partition, r.offset, text(r.value)])

describe('KafkaConsumer', () => {
  it('with earliest reads every record from offset 0, then continues from its position', async () => {
    const broker = await brokerWithTopic(engine, 't', 2)
    await produce(broker, 0, 'a', 'b')
    await produce(broker, 1, 'x')
    const c = consumer(broker, { 'auto.offset.reset': 'earliest' })
    await c.subscribe(['t'])
    const first = await c.poll(100)
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
    await produce(broker, 0, 'c')
    expect(seen(await c.poll(100))).toEqual([[0, 2, 'c']])
  })

  it('with latest (the default) reads only what is produced after its first poll', async () => {
    const broker = await brokerWithTopic(engine, 't', 1)
    await produce(broker, 0, 'old')
    const c = consumer(broker)
    await c.assign([{ topic: 't', partition: 0 }])
    expect(await c.poll(0)).toEqual([])
    await produce(broker, 0, 'new')
    expect(seen(await c.poll(0))).toEqual([[0, 1, 'new']])
  })

  it('with none throws NoOffsetForPartitionException naming the partitions', async () => {
    const broker = await brokerWithTopic(engine, 't', 2)
    const c = consumer(broker, { 'auto.offset.reset': 'none' })
    await c.subscribe(['t'])
    const error = (await c.poll(0).catch((e: unknown) => e)) as KafkaError
    expect(error).toBeInstanceOf(KafkaError)
    expect(error.exceptionClass).toBe('org.apache.kafka.clients.consumer.NoOffsetForPartitionException')
    expect(error.message).toBe('Undefined offset with no reset policy for partitions: [t-0, t-1]')
    c.seek({ topic: 't', partition: 0 }, 0)
    c.seek({ topic: 't', partition: 1 }, 0)
    expect(await c.poll(0)).toEqual([])
  })

  it('returns at most max.poll.records and resumes after the last one returned', async () => {
    const broker = await brokerWithTopic(engine, 't', 1)
    await produce(broker, 0, 'a', 'b', 'c', 'd', 'e')
    const c = consumer(broker, { 'auto.offset.reset': 'earliest', 'max.poll.records': '2' })
    await c.assign([{ topic: 't', partition: 0 }])
    const polls = [await c.poll(0), await c.poll(0), await c.poll(0), await c.poll(0)]
    expect(polls.map((p) => p.map((r) => r.offset))).toEqual([[0, 1], [2, 3], [4], []])
  })

  it('seeks, seeks to beginning and to end', async () => {
    const broker = await brokerWithTopic(engine, 't', 1)
    await produce(broker, 0, 'a', 'b', 'c')
    const tp = { topic: 't', partition: 0 }
    const c = consumer(broker)
    await c.assign([tp])
    c.seek(tp, 2)
    expect(seen(await c.poll(0))).toEqual([[0, 2, 'c']])
    await c.seekToBeginning([tp])
    expect((await c.poll(0)).map((r) => r.offset)).toEqual([0, 1, 2])
    await c.seekToEnd([tp])
    expect(await c.poll(0)).toEqual([])
  })

  it('resets an out-of-range position by auto.offset.reset', async () => {
    const broker = await brokerWithTopic(engine, 't', 1)
    await produce(broker, 0, 'a', 'b')
    const tp = { topic: 't', partition: 0 }
    const c = consumer(broker, { 'auto.offset.reset': 'earliest' })
    await c.assign([tp])
    c.seek(tp, 50)
    expect((await c.poll(1000)).map((r) => r.offset)).toEqual([0, 1])
  })

  it('waits the whole timeout on the clock when nothing arrives, and no longer', async () => {
    const clock = new VirtualClock(1_000_000)
    const broker = await brokerWithTopic(engine, 't', 1)
    const c = consumer(broker, { 'auto.offset.reset': 'earliest' }, clock)
    await c.subscribe(['t'])
    expect(await c.poll(1_200)).toEqual([])
    expect(clock.now()).toBe(1_001_200)
    await produce(broker, 0, 'a')
    expect((await c.poll(5_000)).length).toBe(1)
    expect(clock.now()).toBe(1_001_200)
  })

  it('lists partitions of a topic; an unknown one is auto-created unless allow.auto.create.topics=false', async () => {
    const broker = await brokerWithTopic(engine, 't', 3)
    const c = consumer(broker)
    expect((await c.partitionsFor('t')).map((p) => p.partition)).toEqual([0, 1, 2])
    const strict = new KafkaConsumer(connectionTo(broker), engine, new VirtualClock(), {
      'allow.auto.create.topics': 'false',
    })
    expect(await strict.partitionsFor('nope')).toEqual([])
    expect((await c.partitionsFor('nope')).map((p) => p.partition)).toEqual([0])
  })
})
