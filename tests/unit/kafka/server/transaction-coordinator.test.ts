// The transaction coordinator on simulated KafkaServers (transactions V2): __transaction_state created by
// FindCoordinator(TRANSACTION), InitProducerId with a transactional id, the partition leader adding the
// partition before the first transactional batch, EndTxn with the epoch bump and the markers on the partition,
// fencing by a second InitProducerId, the timeout abort, and the state reloaded by the next coordinator.
import { describe, expect, it } from 'vitest'
import { coordinatorPartition } from '../../../../workers/net/java-hash.ts'
import type { InitProducerIdResponse, ProducePartitionResponse } from '../../../../workers/protocol/kafka.ts'
import { record, startCluster } from '../kafka-fixtures.ts'
import type { SimKafkaCluster } from './sim-kafka-cluster.ts'

const TXN = 'my-txn'

async function setUp(): Promise<{ cluster: SimKafkaCluster; coordinator: number }> {
  const cluster = await startCluster(3)
  const [created] = await cluster.run(
    cluster
      .server(1)
      .api.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 3, configs: {} }], false),
  )
  expect(created?.error).toBeNull()
  const found = await cluster.run(cluster.server(1).api.findCoordinator(TXN, 'TRANSACTION'))
  expect(found.error).toBe('NONE')
  await cluster.advance(2000)
  const topic = cluster.server(1).metadata.topic('__transaction_state')!
  expect(topic.partitions.size).toBe(50)
  expect(topic.partitions.get(0)!.replicas).toHaveLength(3)
  const coordinator = topic.partitions.get(coordinatorPartition(TXN, 50))!.leader
  expect(found.nodeId).toBe(coordinator)
  return { cluster, coordinator }
}

async function init(
  cluster: SimKafkaCluster,
  node: number,
  timeoutMs = 60_000,
): Promise<InitProducerIdResponse> {
  const request = { transactionalId: TXN, transactionTimeoutMs: timeoutMs, producerId: -1, producerEpoch: -1 }
  for (;;) {
    const response = await cluster.run(cluster.server(node).api.initProducerId(request))
    if (response.error !== 'COORDINATOR_LOAD_IN_PROGRESS' && response.error !== 'CONCURRENT_TRANSACTIONS')
      return response
    await cluster.advance(500)
  }
}

function leader(cluster: SimKafkaCluster): number {
  return cluster.server(1).metadata.topic('t')!.partitions.get(0)!.leader
}

async function produce(
  cluster: SimKafkaCluster,
  producer: { producerId: number; producerEpoch: number },
  sequence: number,
  value: string,
  transactionalId: string | null = TXN,
): Promise<ProducePartitionResponse | undefined> {
  const records = cluster.engine.encodeBatch([record(value)], {
    ...producer,
    baseSequence: sequence,
    isTransactional: true,
  })
  const {
    responses: [response],
  } = await cluster.run(
    cluster
      .server(leader(cluster))
      .api.produce(-1, 5000, [{ topic: 't', partition: 0, records }], transactionalId),
  )
  return response
}

async function describe1(cluster: SimKafkaCluster, node: number) {
  const [state] = await cluster.run(cluster.server(node).api.describeTransactions([TXN]))
  return state
}

function partitionLog(cluster: SimKafkaCluster) {
  const server = cluster.server(leader(cluster))
  const topicId = server.metadata.topicIdsByName.get('t')!
  return server.replicaManager.getPartition(topicId, 0)!.log
}

describe('transaction coordinator', () => {
  it('initializes, adds the partition on the first transactional batch, commits with the epoch bump', async () => {
    const { cluster, coordinator } = await setUp()
    const producer = await init(cluster, coordinator)
    expect(producer).toMatchObject({ error: null, producerEpoch: 0 })
    const other = (coordinator % 3) + 1
    expect(await cluster.run(cluster.server(other).api.describeTransactions([TXN]))).toMatchObject([
      { error: 'NOT_COORDINATOR' },
    ])
    expect(await describe1(cluster, coordinator)).toMatchObject({
      error: null,
      transactionState: 'Empty',
      transactionStartTimeMs: -1,
      transactionTimeoutMs: 60_000,
      topics: [],
    })

    expect(await produce(cluster, producer, 0, 'a')).toMatchObject({ error: null, baseOffset: 0 })
    expect(await produce(cluster, producer, 1, 'b')).toMatchObject({ error: null, baseOffset: 1 })
    const start = cluster.queue.now()
    expect(await describe1(cluster, coordinator)).toMatchObject({
      transactionState: 'Ongoing',
      producerEpoch: 0,
      topics: [{ topic: 't', partitions: [0] }],
    })
    const log = partitionLog(cluster)
    expect(log.lastStableOffset).toBe(0)

    const ended = await cluster.run(
      cluster.server(coordinator).api.endTxn({ transactionalId: TXN, ...producer, committed: true }),
    )
    expect(ended).toEqual({ error: null, producerId: producer.producerId, producerEpoch: 1 })
    await cluster.advance(1000)
    const state = await describe1(cluster, coordinator)
    expect(state).toMatchObject({ transactionState: 'CompleteCommit', producerEpoch: 1, topics: [] })
    expect(state!.transactionStartTimeMs).toBeLessThanOrEqual(start)
    expect(log.logEndOffset).toBe(3)
    expect(log.lastStableOffset).toBe(3)
    expect(log.producerState.describe()).toMatchObject([
      { producerId: producer.producerId, producerEpoch: 1, coordinatorEpoch: 0, currentTxnStartOffset: -1 },
    ])
    // A retry of the EndTxn whose bump happened answers NONE; a second commit is INVALID_TXN_STATE.
    expect(
      await cluster.run(
        cluster.server(coordinator).api.endTxn({ transactionalId: TXN, ...producer, committed: true }),
      ),
    ).toEqual({ error: null, producerId: producer.producerId, producerEpoch: 1 })
    expect(
      await cluster.run(
        cluster.server(coordinator).api.endTxn({
          transactionalId: TXN,
          producerId: producer.producerId,
          producerEpoch: 1,
          committed: true,
        }),
      ),
    ).toEqual({ error: 'INVALID_TXN_STATE', producerId: -1, producerEpoch: -1 })
    expect(
      await cluster.run(
        cluster
          .server(coordinator)
          .api.listTransactions({ stateFilters: [], producerIdFilters: [], durationFilter: -1 }),
      ),
    ).toEqual({
      error: null,
      unknownStateFilters: [],
      transactionStates: [
        { transactionalId: TXN, producerId: producer.producerId, transactionState: 'CompleteCommit' },
      ],
    })
  })

  it('answers the coordinator errors: not the coordinator, bad timeout, unknown id, fenced epoch', async () => {
    const { cluster, coordinator } = await setUp()
    const other = (coordinator % 3) + 1
    const api = cluster.server(coordinator).api
    const request = { transactionalId: TXN, transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 }
    expect(await cluster.run(cluster.server(other).api.initProducerId(request))).toEqual({
      error: 'NOT_COORDINATOR',
      producerId: -1,
      producerEpoch: -1,
    })
    expect(
      await cluster.run(api.initProducerId({ ...request, transactionTimeoutMs: 900_001 })),
    ).toMatchObject({
      error: 'INVALID_TRANSACTION_TIMEOUT',
    })
    expect(await cluster.run(api.initProducerId({ ...request, transactionalId: '' }))).toMatchObject({
      error: 'INVALID_REQUEST',
    })
    // An id this coordinator owns but has never seen.
    const leaders = cluster.server(1).metadata.topic('__transaction_state')!.partitions
    const unknown = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].find(
      (id) => leaders.get(coordinatorPartition(id, 50))!.leader === coordinator,
    )!
    expect(
      await cluster.run(
        api.endTxn({ transactionalId: unknown, producerId: 1, producerEpoch: 0, committed: true }),
      ),
    ).toMatchObject({ error: 'INVALID_PRODUCER_ID_MAPPING' })
    expect(await cluster.run(api.describeTransactions([unknown]))).toMatchObject([
      { error: 'TRANSACTIONAL_ID_NOT_FOUND', transactionalId: unknown },
    ])
    const producer = await init(cluster, coordinator)
    expect(
      await cluster.run(
        api.endTxn({
          transactionalId: TXN,
          producerId: producer.producerId,
          producerEpoch: 5,
          committed: false,
        }),
      ),
    ).toMatchObject({ error: 'PRODUCER_FENCED' })
    // Commit of an empty transaction: INVALID_TXN_STATE; abort of it (V2): written, epoch bumped.
    expect(
      await cluster.run(api.endTxn({ transactionalId: TXN, ...producer, committed: true })),
    ).toMatchObject({
      error: 'INVALID_TXN_STATE',
    })
    expect(await cluster.run(api.endTxn({ transactionalId: TXN, ...producer, committed: false }))).toEqual({
      error: null,
      producerId: producer.producerId,
      producerEpoch: 1,
    })
    // A transactional batch without a transactional id.
    expect(await produce(cluster, { ...producer, producerEpoch: 1 }, 0, 'x', null)).toMatchObject({
      error: 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
    })
  })

  it('fences the older producer: its transaction is aborted and its next batch refused', async () => {
    const { cluster, coordinator } = await setUp()
    const first = await init(cluster, coordinator)
    expect(await produce(cluster, first, 0, 'zombie')).toMatchObject({ error: null })
    const response = await cluster.run(
      cluster.server(coordinator).api.initProducerId({
        transactionalId: TXN,
        transactionTimeoutMs: 60_000,
        producerId: -1,
        producerEpoch: -1,
      }),
    )
    expect(response).toEqual({ error: 'CONCURRENT_TRANSACTIONS', producerId: -1, producerEpoch: -1 })
    const second = await init(cluster, coordinator)
    // The fence's abort bumps once (+1, KAFKA-19367), then the new producer's (+1).
    expect(second).toEqual({ error: null, producerId: first.producerId, producerEpoch: 2 })
    const log = partitionLog(cluster)
    expect(log.logEndOffset).toBe(2)
    expect(log.lastStableOffset).toBe(2)
    expect(await produce(cluster, first, 1, 'late')).toMatchObject({ error: 'INVALID_PRODUCER_EPOCH' })
    expect(
      await cluster.run(
        cluster.server(coordinator).api.endTxn({ transactionalId: TXN, ...first, committed: true }),
      ),
    ).toMatchObject({ error: 'PRODUCER_FENCED' })
  })

  it('aborts a transaction older than its timeout, and the next coordinator reloads the state', async () => {
    const { cluster, coordinator } = await setUp()
    const producer = await init(cluster, coordinator, 1000)
    expect(await produce(cluster, producer, 0, 'slow')).toMatchObject({ error: null })
    await cluster.advance(12_000)
    expect(await describe1(cluster, coordinator)).toMatchObject({
      transactionState: 'CompleteAbort',
      producerEpoch: producer.producerEpoch + 1,
    })
    expect(partitionLog(cluster).lastStableOffset).toBe(2)
    expect(await produce(cluster, producer, 1, 'late')).toMatchObject({ error: 'INVALID_PRODUCER_EPOCH' })

    cluster.kill(coordinator)
    await cluster.advance(15_000)
    const survivor = [1, 2, 3].find((id) => id !== coordinator)!
    const found = await cluster.run(cluster.server(survivor).api.findCoordinator(TXN, 'TRANSACTION'))
    expect(found.error).toBe('NONE')
    expect(found.nodeId).not.toBe(coordinator)
    expect(await describe1(cluster, found.nodeId)).toMatchObject({
      error: null,
      transactionState: 'CompleteAbort',
      producerId: producer.producerId,
      producerEpoch: producer.producerEpoch + 1,
    })
  })
})
