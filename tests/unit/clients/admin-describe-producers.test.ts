// Admin.describeProducers with DescribeProducersOptions.brokerId against a simulated 3-broker KRaft cluster, as
// Kafka 4.1's AdminApiDriver drives a StaticBrokerStrategy: the partitions go straight to the named broker (no
// METADATA lookup), so a broker that is not a replica answers NOT_LEADER_OR_FOLLOWER, fatal with a broker id, and
// a broker id the metadata does not know times out waiting for a node, the call named after DESCRIBE_PRODUCERS.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { ClusterKafkaClients } from '../../../workers/clients/kafka/kafka-clients.ts'
import type { PartitionProducerState } from '../../../workers/clients/kafka/api.ts'
import { clusterWithTopic, loadLogEngine } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const summary = (results: readonly PartitionProducerState[]) =>
  results.map((r) => ({
    tp: `${r.topic}-${r.partition}`,
    producers: r.activeProducers.length,
    error: r.error === null ? null : `${r.error.exceptionClass}: ${r.error.message}`,
  }))

describe('Admin.describeProducers with a broker id', () => {
  it('times out on a broker id the metadata does not know, naming the DESCRIBE_PRODUCERS stage', async () => {
    const cluster = await clusterWithTopic('t', 1, 3)
    const admin = new ClusterKafkaClients(cluster, engine, cluster.queue, 3).admin('localhost:9092')
    const start = cluster.queue.now()
    const results = await cluster.run(
      admin.describeProducers([{ topic: 't', partition: 0 }], { brokerId: 9 }),
    )
    expect(summary(results)).toEqual([
      {
        tp: 't-0',
        producers: 0,
        error:
          'org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. ' +
          'Call: describeProducers(api=DESCRIBE_PRODUCERS)',
      },
    ])
    expect(cluster.queue.now() - start).toBeGreaterThanOrEqual(59_900)
  })

  it('answers a replica broker directly', async () => {
    const cluster = await clusterWithTopic('t', 1, 3)
    const admin = new ClusterKafkaClients(cluster, engine, cluster.queue, 3).admin('localhost:9092')
    const results = await cluster.run(
      admin.describeProducers([{ topic: 't', partition: 0 }], { brokerId: 2 }),
    )
    expect(summary(results)).toEqual([{ tp: 't-0', producers: 0, error: null }])
  })
})
