// sendOffsetsToTransaction (transactions V2) against a simulated cluster: the offsets become the group's only
// when the transaction commits (the Admin sees nothing before, the consumer's requireStable fetch waits), an
// abort drops them, a group generation mismatch is an abortable CommitFailedException, and a fenced producer's
// TxnOffsetCommit is refused with INVALID_PRODUCER_EPOCH. While the offsets are pending, a consumer's poll
// returns empty at its timeout, and its committed() and position() fail with TimeoutException after
// default.api.timeout.ms.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError, type TransactionOffset } from '../../../workers/clients/kafka/api.ts'
import { KafkaAdminClient } from '../../../workers/clients/kafka/admin-client.ts'
import { KafkaConsumer } from '../../../workers/clients/kafka/consumer/kafka-consumer.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { Random } from '../../../workers/net/random.ts'
import type { SimKafkaCluster } from '../kafka/server/sim-kafka-cluster.ts'
import { clusterWithTopic, connectionTo, loadLogEngine, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const producer = (cluster: SimKafkaCluster) =>
  new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(11), {
    'transactional.id': 'tx',
    'linger.ms': '0',
  })
const offsets = (offset: number): TransactionOffset[] => [
  { topic: 't', partition: 0, offset, leaderEpoch: -1, metadata: '' },
]
const simpleGroup = { groupId: 'g', generationId: -1, memberId: '', groupInstanceId: null }

async function caught(action: () => Promise<unknown>): Promise<string> {
  try {
    await action()
  } catch (error) {
    expect(error).toBeInstanceOf(KafkaError)
    return `${(error as KafkaError).exceptionClass}: ${(error as KafkaError).message}`
  }
  throw new Error('expected an exception')
}

async function committed(cluster: SimKafkaCluster): Promise<number[]> {
  const admin = new KafkaAdminClient(connectionTo(cluster), cluster.queue)
  const listed = await cluster.run(admin.listConsumerGroupOffsets('g'))
  return listed.map((o) => o.offset)
}

describe('sendOffsetsToTransaction', () => {
  it('commits the offsets with the transaction, and drops them with an abort', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const p = producer(cluster)
    await cluster.run(p.initTransactions())
    p.beginTransaction()
    await cluster.run(p.sendOffsetsToTransaction(offsets(5), simpleGroup))
    expect(await committed(cluster)).toEqual([])
    await cluster.run(p.commitTransaction())
    await cluster.advance(500)
    expect(await committed(cluster)).toEqual([5])

    p.beginTransaction()
    await cluster.run(p.sendOffsetsToTransaction(offsets(9), simpleGroup))
    await cluster.run(p.abortTransaction())
    await cluster.advance(500)
    expect(await committed(cluster)).toEqual([5])
  })

  it('pending offsets: poll returns empty at its timeout, committed() times out; both see the commit after', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const p = producer(cluster)
    await cluster.run(p.initTransactions())
    p.beginTransaction()
    await cluster.run(p.sendOffsetsToTransaction(offsets(5), simpleGroup))
    const c = new KafkaConsumer(connectionTo(cluster), engine, cluster.queue, {
      'group.id': 'g',
      'default.api.timeout.ms': '2000',
    })
    const tp = { topic: 't', partition: 0 }
    await cluster.run(c.assign([tp]))
    const pollStart = cluster.queue.now()
    expect(await cluster.run(c.poll(300))).toEqual([])
    expect(cluster.queue.now() - pollStart).toBe(300)
    const committedStart = cluster.queue.now()
    expect(await caught(() => cluster.run(c.committed([tp])))).toBe(
      'org.apache.kafka.common.errors.TimeoutException: Timeout of 2000ms expired before the last committed offset for partitions [t-0] could be determined. Try tuning default.api.timeout.ms larger to relax the threshold.',
    )
    expect(cluster.queue.now() - committedStart).toBe(2000)
    expect(await caught(() => cluster.run(c.position(tp)))).toBe(
      'org.apache.kafka.common.errors.TimeoutException: Timeout of 2000ms expired before the position for partition t-0 could be determined',
    )
    await cluster.run(p.commitTransaction())
    await cluster.advance(500)
    expect(await cluster.run(c.committed([tp]))).toEqual([{ ...tp, offset: 5 }])
    expect(await cluster.run(c.position(tp))).toBe(5)
  })

  it('needs an open transaction', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const p = producer(cluster)
    await cluster.run(p.initTransactions())
    expect(await caught(() => cluster.run(p.sendOffsetsToTransaction(offsets(1), simpleGroup)))).toBe(
      'java.lang.IllegalStateException: Cannot send offsets if a transaction is not in progress (currentState= READY)',
    )
  })

  it('a generation the group does not have: CommitFailedException, and only an abort is left', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const p = producer(cluster)
    await cluster.run(p.initTransactions())
    p.beginTransaction()
    await cluster.run(p.send({ topic: 't', partition: 0, key: null, value: utf8('x') }))
    expect(
      await caught(() =>
        cluster.run(
          p.sendOffsetsToTransaction(offsets(1), { ...simpleGroup, generationId: 3, memberId: 'm' }),
        ),
      ),
    ).toBe(
      'org.apache.kafka.clients.consumer.CommitFailedException: Transaction offset Commit failed due to consumer group metadata mismatch: Specified group generation id is not valid.',
    )
    expect(await caught(() => cluster.run(p.commitTransaction()))).toBe(
      'org.apache.kafka.common.KafkaException: Cannot execute transactional method because we are in an error state',
    )
    await cluster.run(p.abortTransaction())
  })

  it('a fenced producer: INVALID_PRODUCER_EPOCH, fatal', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const zombie = producer(cluster)
    await cluster.run(zombie.initTransactions())
    zombie.beginTransaction()
    await cluster.run(zombie.sendOffsetsToTransaction(offsets(1), simpleGroup))
    await cluster.run(
      producer(cluster)
        .initTransactions()
        .catch(() => undefined),
    )
    await cluster.advance(2000)
    const fresh = producer(cluster)
    await cluster.run(fresh.initTransactions())
    expect(await caught(() => cluster.run(zombie.sendOffsetsToTransaction(offsets(2), simpleGroup)))).toBe(
      'org.apache.kafka.common.errors.InvalidProducerEpochException: Producer attempted to produce with an old epoch.',
    )
    expect(await committed(cluster)).toEqual([])
  })
})
