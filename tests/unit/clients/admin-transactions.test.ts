// The Admin's transaction calls against a simulated cluster, failing as Kafka 4.1's handlers fail them:
// abortTransaction with an ABORT marker older than the producer's epoch fails with AbortTransactionHandler's
// InvalidProducerEpochException "WriteTxnMarkers request with AbortTransactionSpec(...) failed due an invalid
// producer epoch" (Kafka's wording); describeTransactions with no coordinator to reach fails that id's result
// (its KafkaFuture) with the timeout, not the whole call.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaError } from '../../../workers/clients/kafka/api.ts'
import { ClusterKafkaClients } from '../../../workers/clients/kafka/kafka-clients.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { Random } from '../../../workers/net/random.ts'
import { clusterWithTopic, connectionTo, loadLogEngine, utf8 } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

describe("the Admin's transaction calls", () => {
  it("fails a stale producer epoch with AbortTransactionHandler's text", async () => {
    const cluster = await clusterWithTopic('t', 1)
    const producer = new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(3), {
      'transactional.id': 'tx',
      'linger.ms': '0',
    })
    await cluster.run(producer.initTransactions())
    producer.beginTransaction()
    const sent = producer.send({ topic: 't', partition: 0, key: null, value: utf8('v') })
    await cluster.run(producer.commitTransaction())
    await cluster.run(sent)
    await cluster.advance(500)
    const admin = new ClusterKafkaClients(cluster, engine, cluster.queue, 1).admin('localhost:9092')
    const spec = { topic: 't', partition: 0, producerId: 0, producerEpoch: 0, coordinatorEpoch: 0 }
    const failure = await cluster.run(admin.abortTransaction(spec)).then(
      () => null,
      (error: unknown) => error,
    )
    if (!(failure instanceof KafkaError)) throw new Error(`expected a KafkaError, got ${String(failure)}`)
    expect(`${failure.exceptionClass}: ${failure.message}`).toBe(
      'org.apache.kafka.common.errors.InvalidProducerEpochException: WriteTxnMarkers request with ' +
        'AbortTransactionSpec(topicPartition=t-0, producerId=0, producerEpoch=0, coordinatorEpoch=0) ' +
        'failed due an invalid producer epoch',
    )
  })

  it('describeTransactions answers a timed-out id with its exception', async () => {
    const cluster = await clusterWithTopic('t', 1)
    const admin = new ClusterKafkaClients(cluster, engine, cluster.queue, 1).admin('localhost:9092')
    cluster.kill(1)
    const [result] = await cluster.run(admin.describeTransactions(['tx']))
    if (!(result instanceof KafkaError))
      throw new Error(`expected a KafkaError, got ${JSON.stringify(result)}`)
    expect(`${result.exceptionClass}: ${result.message}`).toBe(
      'org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeTransactions(api=FIND_COORDINATOR)',
    )
  })
})
