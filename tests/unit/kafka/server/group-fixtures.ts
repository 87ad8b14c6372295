/**
 * Fixtures of the consumer group tests on a simulated 3-node cluster: a cluster whose 4-partition topic `t`
 * holds 3 records per partition, consumers of group `g` from its start, and rounds of polls.
 */
import { ClusterKafkaClients } from '../../../../workers/clients/kafka/kafka-clients.ts'
import type { Consumer, ConsumerRecord } from '../../../../workers/clients/kafka/api.ts'
import { simKafkaCluster, type SimKafkaCluster } from './sim-kafka-cluster.ts'

export const BOOTSTRAP = 'localhost:9092'
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

export async function clusterWithRecords(seed: number): Promise<SimKafkaCluster> {
  const cluster = await simKafkaCluster(3, seed)
  await cluster.advance(10_000)
  const admin = new ClusterKafkaClients(cluster, cluster.engine, cluster.queue, seed).admin(BOOTSTRAP)
  await cluster.run(admin.createTopics([{ name: 't', numPartitions: 4, replicationFactor: 3, configs: {} }]))
  await cluster.advance(2000)
  const producer = new ClusterKafkaClients(cluster, cluster.engine, cluster.queue, seed).producer(BOOTSTRAP, {
    acks: 'all',
  })
  for (let partition = 0; partition < 4; partition++)
    for (let i = 0; i < 3; i++)
      await cluster.run(
        producer.send({ topic: 't', partition, key: null, value: utf8(`p${partition}-${i}`) }),
      )
  await cluster.run(producer.close())
  return cluster
}

export function consumerOf(
  cluster: SimKafkaCluster,
  clientId: string,
  config: Record<string, string> = {},
  seed = 7,
): Consumer {
  return new ClusterKafkaClients(cluster, cluster.engine, cluster.queue, seed).consumer(BOOTSTRAP, {
    'group.id': 'g',
    'client.id': clientId,
    'auto.offset.reset': 'earliest',
    ...config,
  })
}

export async function pollAll(cluster: SimKafkaCluster, consumers: Consumer[], rounds: number) {
  const got: ConsumerRecord[][] = consumers.map(() => [])
  for (let round = 0; round < rounds; round++) {
    const batches = await cluster.run(Promise.all(consumers.map((c) => c.poll(1000))))
    batches.forEach((batch, i) => got[i]!.push(...batch))
  }
  return got
}
