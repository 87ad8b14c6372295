// InitProducerId and idempotent produce on simulated KafkaServers: producer id blocks of 1000 from the
// controller (ProducerIdsRecord), COORDINATOR_LOAD_IN_PROGRESS while a broker waits for its block, ids never
// reused after a restart; a retried batch answered with its original offsets (error NONE), a gap refused with
// OUT_OF_ORDER_SEQUENCE_NUMBER, and the producer state surviving a leader change and a reload.
import { describe, expect, it } from 'vitest'
import type { ProducePartitionResponse } from '../../../../workers/protocol/kafka.ts'
import { allocateProducerIds } from '../../../../workers/kafka/controller/producer-id-control.ts'
import { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import { record, restart, startCluster } from '../kafka-fixtures.ts'
import type { SimKafkaCluster } from './sim-kafka-cluster.ts'

async function producerId(cluster: SimKafkaCluster, node: number): Promise<number> {
  const api = cluster.server(node).api
  let response = await cluster.run(api.initProducerId())
  if (response.error === 'COORDINATOR_LOAD_IN_PROGRESS') {
    await cluster.advance(1000)
    response = await cluster.run(api.initProducerId())
  }
  expect(response).toMatchObject({ error: null, producerEpoch: 0 })
  return response.producerId
}

async function createTopic(cluster: SimKafkaCluster, replicationFactor: number): Promise<void> {
  const [created] = await cluster.run(
    cluster
      .server(1)
      .api.createTopics([{ name: 't', numPartitions: 1, replicationFactor, configs: {} }], false),
  )
  expect(created?.error).toBeNull()
  await cluster.advance(2000)
}

function leaderOf(cluster: SimKafkaCluster): number {
  const topic = cluster.server(1).metadata.topic('t')!
  return topic.partitions.get(0)!.leader
}

async function produce(
  cluster: SimKafkaCluster,
  node: number,
  bytes: Uint8Array,
): Promise<ProducePartitionResponse | undefined> {
  const {
    responses: [response],
  } = await cluster.run(
    cluster.server(node).api.produce(-1, 5000, [{ topic: 't', partition: 0, records: bytes.slice() }]),
  )
  return response
}

describe('InitProducerId', () => {
  it('answers COORDINATOR_LOAD_IN_PROGRESS until the block arrives, then ids 0, 1, ...', async () => {
    const cluster = await startCluster(1)
    const first = await cluster.run(cluster.server(1).api.initProducerId())
    expect(first).toEqual({ error: 'COORDINATOR_LOAD_IN_PROGRESS', producerId: -1, producerEpoch: -1 })
    await cluster.advance(1000)
    expect(await producerId(cluster, 1)).toBe(0)
    expect(await producerId(cluster, 1)).toBe(1)
    expect(cluster.server(1).metadata.nextProducerId).toBe(1000)
  })

  it('gives each broker its own block and never reuses one after a restart', async () => {
    const cluster = await startCluster(3)
    expect(await producerId(cluster, 2)).toBe(0)
    expect(await producerId(cluster, 3)).toBe(1000)
    await restart(cluster, 2)
    expect(await producerId(cluster, 2)).toBe(2000)
    for (const node of [1, 2, 3]) expect(cluster.server(node).metadata.nextProducerId).toBe(3000)
  })

  it('refuses a block to a broker whose epoch is stale (ClusterControlManager.checkBrokerEpoch)', () => {
    const metadata = new ClusterMetadata()
    metadata.replay(
      {
        type: 'RegisterBrokerRecord',
        brokerId: 1,
        brokerEpoch: 5,
        incarnationId: 'a',
        endpoints: [],
        rack: null,
        fenced: false,
      },
      0,
    )
    expect(allocateProducerIds(metadata, 1, 4)).toEqual({
      ok: false,
      error: 'STALE_BROKER_EPOCH',
      message: 'Expected broker epoch 5, but got broker epoch 4',
    })
    expect(allocateProducerIds(metadata, 2, 1)).toMatchObject({
      message: 'No broker registration found for broker 2',
    })
    const granted = allocateProducerIds(metadata, 1, 5)
    expect(granted).toMatchObject({ ok: true, block: { firstProducerId: 0, size: 1000 } })
    if (granted.ok) for (const r of granted.records) metadata.replay(r, 1)
    expect(allocateProducerIds(metadata, 1, 5)).toMatchObject({ block: { firstProducerId: 1000 } })
  })
})

describe('idempotent produce', () => {
  const stamped = (cluster: SimKafkaCluster, baseSequence: number, ...values: string[]): Uint8Array =>
    cluster.engine.encodeBatch(
      values.map((v) => record(v)),
      { producerId: 0, producerEpoch: 0, baseSequence },
    )

  it('answers a retried batch with its first offsets and error NONE, refuses a gap', async () => {
    const cluster = await startCluster(1)
    await createTopic(cluster, 1)
    const first = stamped(cluster, 0, 'a', 'b')
    expect(await produce(cluster, 1, first)).toMatchObject({ error: null, baseOffset: 0 })
    expect(await produce(cluster, 1, stamped(cluster, 2, 'c'))).toMatchObject({ error: null, baseOffset: 2 })
    expect(await produce(cluster, 1, first)).toMatchObject({ error: null, baseOffset: 0 })
    expect(await produce(cluster, 1, stamped(cluster, 5, 'x'))).toEqual({
      topic: 't',
      partition: 0,
      error: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
      errorMessage:
        'Out of order sequence number for producer 0 at offset 3 in partition t-0: 5 (incoming seq. number), 2 (current end sequence number)',
      baseOffset: -1,
      logAppendTime: -1,
      logStartOffset: -1,
    })
    const partition = cluster
      .server(1)
      .describeState()
      .partitions.find((p) => p.partition === 0)
    expect(partition?.logEndOffset).toBe(3)
  })

  it('keeps the state through a reload of the log from storage', async () => {
    const cluster = await startCluster(1)
    await createTopic(cluster, 1)
    const first = stamped(cluster, 0, 'a')
    await produce(cluster, 1, first)
    await cluster.run(cluster.server(1).shutdown())
    cluster.kill(1)
    await cluster.start(1)
    await cluster.advance(10_000)
    expect(await produce(cluster, 1, first)).toMatchObject({ error: null, baseOffset: 0 })
    expect(await produce(cluster, 1, stamped(cluster, 1, 'b'))).toMatchObject({ error: null, baseOffset: 1 })
  })

  it("lets a new leader recognise a retry of the old leader's batch (followers keep the state)", async () => {
    const cluster = await startCluster(3)
    await createTopic(cluster, 3)
    const leader = leaderOf(cluster)
    const first = stamped(cluster, 0, 'a', 'b')
    expect(await produce(cluster, leader, first)).toMatchObject({ error: null, baseOffset: 0 })
    cluster.kill(leader)
    await cluster.advance(15_000)
    const next = [1, 2, 3].filter((id) => id !== leader).map((id) => cluster.server(id))[0]!
    const newLeader = next.metadata.topic('t')!.partitions.get(0)!.leader
    expect(newLeader).not.toBe(leader)
    expect(await produce(cluster, newLeader, first)).toMatchObject({ error: null, baseOffset: 0 })
    expect(await produce(cluster, newLeader, stamped(cluster, 2, 'c'))).toMatchObject({ baseOffset: 2 })
  })
})
