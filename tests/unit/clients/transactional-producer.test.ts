// The transactional KafkaProducer (transactions V2) against a simulated cluster: ProducerConfig's
// transactional.id check, the TransactionManager's state errors with the Java texts, a committed and an aborted
// transaction as a read_committed and a read_uncommitted fetch see them, the epoch bump after each EndTxn, and
// a second producer with the same transactional.id fencing the first; after a batch of the transaction
// fails, the batches not sent yet fail with its error instead of being sent
// (Sender.maybeSendAndPollTransactionalRequest); a batch answered PRODUCER_FENCED is fatal instead
// (TransactionManager.maybeTransitionToErrorState).
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError } from '../../../workers/clients/kafka/api.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { Random } from '../../../workers/net/random.ts'
import type { BrokerApi } from '../../../workers/protocol/kafka.ts'
import type { BrokerDirectory } from '../../../workers/clients/kafka/bootstrap.ts'
import type { SimKafkaCluster } from '../kafka/server/sim-kafka-cluster.ts'
import { clusterWithTopic, connectionTo, loadLogEngine, text, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const producer = (cluster: SimKafkaCluster, config: Record<string, string> = {}) =>
  new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(11), {
    'transactional.id': 'tx',
    'linger.ms': '0',
    ...config,
  })
const send = (p: KafkaProducer, value: string) =>
  p.send({ topic: 't', partition: 0, key: null, value: utf8(value) })

async function caught(action: () => unknown): Promise<string> {
  try {
    await action()
  } catch (error) {
    expect(error).toBeInstanceOf(KafkaError)
    return `${(error as KafkaError).exceptionClass}: ${(error as KafkaError).message}`
  }
  throw new Error('expected an exception')
}

/** The data records' values, read_uncommitted. */
async function values(cluster: SimKafkaCluster): Promise<Array<string | null>> {
  const leader = cluster.server(1).metadata.topic('t')!.partitions.get(0)!.leader
  const {
    responses: [fetched],
  } = await cluster.run(
    cluster.server(leader).api.fetch([{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }]),
  )
  return engine
    .decodeBatches(fetched!.records)
    .filter((b) => !b.isControlBatch)
    .flatMap((b) => b.records.map((r) => text(r.value)))
}

/** The partition as a read_committed fetch from offset 0 sees it. */
async function readCommitted(cluster: SimKafkaCluster) {
  const leader = cluster.server(1).metadata.topic('t')!.partitions.get(0)!.leader
  const {
    responses: [fetched],
  } = await cluster.run(
    cluster
      .server(leader)
      .api.fetch([{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }], 'READ_COMMITTED'),
  )
  return fetched
}

/** A send's outcome as text: `sent`, or the exception it failed with. */
const outcome = (sent: Promise<unknown>): Promise<string> =>
  sent.then(
    () => 'sent',
    (e: KafkaError) => `${e.exceptionClass}: ${e.message}`,
  )

/**
 * A transactional producer (one request in flight, no linger) whose first produce request is answered `error`
 * 10 ms after it was sent; during that request the producer is sent 'b' (`queued`, its outcome). Later produce
 * requests reach the cluster; `produced` lists the partitions of every produce request.
 */
async function firstProduceRefused(error: 'INVALID_RECORD' | 'PRODUCER_FENCED', errorMessage: string | null) {
  const cluster = await clusterWithTopic('t', 1)
  const produced: string[] = []
  let queued: Promise<string> | null = null
  const directory: BrokerDirectory = {
    brokerAtPort(port) {
      const broker = cluster.brokerAtPort(port)
      if (broker === null) return null
      const produce: BrokerApi['produce'] = async (acks, timeoutMs, partitions, ...header) => {
        produced.push(partitions.map((p) => `${p.topic}-${p.partition}`).join(','))
        if (produced.length > 1) return broker.produce(acks, timeoutMs, partitions, ...header)
        queued = outcome(send(p, 'b'))
        await cluster.queue.sleep(10)
        const responses = partitions.map(({ topic, partition }) => ({
          topic,
          partition,
          error,
          errorMessage,
          baseOffset: -1,
          logAppendTime: -1,
          logStartOffset: -1,
        }))
        return { responses, throttleTimeMs: 0 }
      }
      return new Proxy(broker, {
        get: (target, name): unknown => (name === 'produce' ? produce : Reflect.get(target, name)),
      })
    },
  }
  const p: KafkaProducer = new KafkaProducer(connectionTo(directory), engine, cluster.queue, new Random(11), {
    'transactional.id': 'tx',
    'linger.ms': '0',
    'max.in.flight.requests.per.connection': '1',
  })
  return { cluster, p, produced, queued: () => queued! }
}

describe('transactional producer', () => {
  it('needs idempotence (ProducerConfig)', async () => {
    const cluster = await clusterWithTopic('t', 1)
    expect(await caught(() => producer(cluster, { 'enable.idempotence': 'false' }))).toBe(
      'org.apache.kafka.common.config.ConfigException: Cannot set a transactional.id without also enabling idempotence.',
    )
    expect(await caught(() => producer(cluster, { acks: '1' }))).toBe(
      'org.apache.kafka.common.config.ConfigException: Cannot set a transactional.id without also enabling idempotence.',
    )
  })

  it('refuses sends and transitions out of order with the TransactionManager texts', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const p = producer(cluster)
    expect(await caught(() => cluster.run(send(p, 'x')))).toBe(
      'java.lang.IllegalStateException: Cannot add partition t-0 to transaction before completing a call to initTransactions',
    )
    expect(await caught(() => p.beginTransaction())).toBe(
      'java.lang.IllegalStateException: TransactionalId tx: Invalid transition attempted from state UNINITIALIZED to state IN_TRANSACTION',
    )
    await cluster.run(p.initTransactions())
    expect(await caught(() => cluster.run(send(p, 'x')))).toBe(
      'java.lang.IllegalStateException: Cannot add partition t-0 to transaction while in state  READY',
    )
    expect(await caught(() => cluster.run(p.commitTransaction()))).toBe(
      'java.lang.IllegalStateException: TransactionalId tx: Invalid transition attempted from state READY to state COMMITTING_TRANSACTION',
    )
    const plain = new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(1), {})
    expect(await caught(() => plain.beginTransaction())).toBe(
      'java.lang.IllegalStateException: Transactional method invoked on a non-transactional producer.',
    )
  })

  it("times out initTransactions after max.block.ms with TransactionalRequestResult's text", async () => {
    const cluster = await clusterWithTopic('t', 1)
    const p = producer(cluster, { 'max.block.ms': '1000' })
    cluster.kill(1)
    expect(await caught(() => cluster.run(p.initTransactions()))).toBe(
      'org.apache.kafka.common.errors.TimeoutException: Timeout expired after 1000ms while awaiting InitProducerId',
    )
  })

  it('fails initTransactions for good on an error InitProducerIdHandler does not expect, with its KafkaException text', async () => {
    const cluster = await clusterWithTopic('t', 1)
    // Above the brokers' transaction.max.timeout.ms (900000): INVALID_TRANSACTION_TIMEOUT.
    const p = producer(cluster, { 'transaction.timeout.ms': '900001' })
    const unexpected =
      'org.apache.kafka.common.KafkaException: Unexpected error in InitProducerIdResponse; The transaction timeout is ' +
      'larger than the maximum value allowed by the broker (as configured by transaction.max.timeout.ms).'
    expect(await caught(() => cluster.run(p.initTransactions()))).toBe(unexpected)
    // Fatal: the next call fails in maybeFailWithError.
    expect(await caught(() => cluster.run(p.initTransactions()))).toBe(
      'org.apache.kafka.common.KafkaException: Cannot execute transactional method because we are in an error state',
    )
  })

  it('commits one transaction and aborts the next; read_committed sees only the committed records', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const p = producer(cluster)
    await cluster.run(p.initTransactions())
    p.beginTransaction()
    const sent = [send(p, 'c1'), send(p, 'c2')]
    await cluster.run(p.commitTransaction())
    expect((await cluster.run(Promise.all(sent))).map((m) => m.offset)).toEqual([0, 1])
    p.beginTransaction()
    const aborted = send(p, 'a1')
    await cluster.run(aborted)
    await cluster.run(p.abortTransaction())
    await cluster.advance(500)
    expect(await values(cluster)).toEqual(['c1', 'c2', 'a1'])
    const leader = cluster.server(1).metadata.topic('t')!.partitions.get(0)!.leader
    const {
      responses: [committed],
    } = await cluster.run(
      cluster
        .server(leader)
        .api.fetch([{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }], 'READ_COMMITTED'),
    )
    expect(committed).toMatchObject({ highWatermark: 5, lastStableOffset: 5 })
    expect(committed!.abortedTransactions?.map((t) => t.firstOffset)).toEqual([3])
    // Markers at 2 (COMMIT, epoch 1) and 4 (ABORT, epoch 2): each EndTxn bumped the epoch.
    const markers = engine.decodeBatches(committed!.records).filter((b) => b.isControlBatch)
    expect(markers.map((b) => [b.baseOffset, b.producerEpoch])).toEqual([
      [2, 1],
      [4, 2],
    ])
    // An empty transaction sends no EndTxn.
    p.beginTransaction()
    await cluster.run(p.commitTransaction())
    await cluster.run(p.close())
  })

  it('aborts the open transaction at a graceful close (Sender.run), after sending what was queued', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const p = producer(cluster, { 'linger.ms': '1000' })
    await cluster.run(p.initTransactions())
    p.beginTransaction()
    const queued = send(p, 'open')
    await cluster.run(p.close())
    expect((await cluster.run(queued)).offset).toBe(0)
    await cluster.advance(500)
    const fetched = await readCommitted(cluster)
    expect(fetched).toMatchObject({ highWatermark: 2, lastStableOffset: 2 })
    expect(fetched!.abortedTransactions?.map((t) => t.firstOffset)).toEqual([0])
    // The ABORT marker (control record key type 0) at offset 1, with the epoch EndTxn bumped to.
    const markers = engine.decodeBatches(fetched!.records).filter((b) => b.isControlBatch)
    expect(markers.map((b) => [b.baseOffset, b.producerEpoch, b.records[0]!.key?.[3]])).toEqual([[1, 1, 0]])
  })

  it('leaves the open transaction to the coordinator at a forced close, failing what was not sent', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const p = producer(cluster, { 'linger.ms': '1000' })
    await cluster.run(p.initTransactions())
    p.beginTransaction()
    await cluster.run(send(p, 'sent'))
    const queued = send(p, 'queued').catch((e: KafkaError) => `${e.exceptionClass}: ${e.message}`)
    await cluster.run(p.close(0))
    expect(await cluster.run(queued)).toBe(
      'org.apache.kafka.common.KafkaException: Producer is closed forcefully.',
    )
    await cluster.advance(5000)
    expect(await readCommitted(cluster)).toMatchObject({ highWatermark: 1, lastStableOffset: 0 })
    expect(await values(cluster)).toEqual(['sent'])
  })

  it('fails the queued batches with the error of a failed batch of the transaction, sending none of them', async () => {
    // The cluster as the producer reaches it: its first produce request, during which the test sends 'b', is
    // refused for good with INVALID_RECORD 10 ms later.
    const { cluster, p, produced, queued } = await firstProduceRefused(
      'INVALID_RECORD',
      'refused by the test',
    )
    await cluster.run(p.initTransactions())
    p.beginTransaction()
    const first = await cluster.run(outcome(send(p, 'a')))
    const refused = 'org.apache.kafka.common.InvalidRecordException: refused by the test'
    expect([first, await cluster.run(queued())]).toEqual([refused, refused])
    expect(produced).toEqual(['t-0'])
    expect(await caught(() => cluster.run(p.commitTransaction()))).toBe(
      'org.apache.kafka.common.KafkaException: Cannot execute transactional method because we are in an error state',
    )
    await cluster.run(p.abortTransaction())
    expect(await values(cluster)).toEqual([])
  })

  it('a batch answered PRODUCER_FENCED makes the producer fatal: later sends, the commit and the abort fail', async () => {
    // The partition leader answers the first produce request PRODUCER_FENCED, 10 ms after the test queued 'b'.
    const { cluster, p, produced, queued } = await firstProduceRefused('PRODUCER_FENCED', null)
    await cluster.run(p.initTransactions())
    p.beginTransaction()
    const fenced =
      'org.apache.kafka.common.errors.ProducerFencedException: There is a newer producer with the same transactionalId which fences the current one.'
    // The queued batch fails with the fatal error itself (Sender.maybeAbortBatches), unsent.
    expect([await cluster.run(outcome(send(p, 'a'))), await cluster.run(queued())]).toEqual([fenced, fenced])
    expect(produced).toEqual(['t-0'])
    const again =
      "org.apache.kafka.common.errors.ProducerFencedException: Producer with transactionalId 'tx' and " +
      '(producerId=0, epoch=0) has been fenced by another producer with the same transactionalId'
    // doSend: the ApiException fails the send's future (and its callback), the call itself does not throw.
    const later = send(p, 'c')
    expect(await cluster.run(outcome(later))).toBe(again)
    expect(await caught(() => cluster.run(p.commitTransaction()))).toBe(again)
    // Unlike an abortable error, a fatal one refuses the abort too (beginAbort's maybeFailWithError).
    expect(await caught(() => cluster.run(p.abortTransaction()))).toBe(again)
    expect(produced).toEqual(['t-0'])
    expect(await values(cluster)).toEqual([])
  })

  it.each([
    [
      'UNKNOWN_SERVER_ERROR',
      'org.apache.kafka.common.KafkaException: Unhandled error in EndTxnResponse: The server experienced an unexpected error when processing the request.',
    ],
    [
      'INVALID_PRODUCER_EPOCH',
      'org.apache.kafka.common.errors.ProducerFencedException: There is a newer producer with the same transactionalId which fences the current one.',
    ],
    [
      'INVALID_TXN_STATE',
      'org.apache.kafka.common.errors.InvalidTxnStateException: The producer attempted a transactional operation in an invalid state.',
    ],
  ] as const)('EndTxn answered %s fails the commit as EndTxnHandler does', async (error, thrown) => {
    const cluster = await clusterWithTopic('t', 1)
    const directory: BrokerDirectory = {
      brokerAtPort(port) {
        const broker = cluster.brokerAtPort(port)
        if (broker === null) return null
        const endTxn: BrokerApi['endTxn'] = async (request) => ({ ...(await broker.endTxn(request)), error })
        return new Proxy(broker, {
          get: (target, name): unknown => (name === 'endTxn' ? endTxn : Reflect.get(target, name)),
        })
      },
    }
    const p = new KafkaProducer(connectionTo(directory), engine, cluster.queue, new Random(11), {
      'transactional.id': 'tx',
      'linger.ms': '0',
    })
    await cluster.run(p.initTransactions())
    p.beginTransaction()
    await cluster.run(send(p, 'a'))
    expect(await caught(() => cluster.run(p.commitTransaction()))).toBe(thrown)
  })

  it('fences the first producer when a second one initializes the same transactional.id', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const first = producer(cluster)
    await cluster.run(first.initTransactions())
    first.beginTransaction()
    await cluster.run(send(first, 'zombie'))
    const second = producer(cluster)
    await cluster.run(second.initTransactions())
    second.beginTransaction()
    await cluster.run(send(second, 'ok'))
    await cluster.run(second.commitTransaction())
    expect(await caught(() => cluster.run(first.commitTransaction()))).toBe(
      'org.apache.kafka.common.errors.ProducerFencedException: There is a newer producer with the same transactionalId which fences the current one.',
    )
    // TransactionManager.maybeFailWithError: the fencing again, as a new ProducerFencedException
    expect(await caught(() => first.beginTransaction())).toBe(
      "org.apache.kafka.common.errors.ProducerFencedException: Producer with transactionalId 'tx' and " +
        '(producerId=0, epoch=0) has been fenced by another producer with the same transactionalId',
    )
  })
})
