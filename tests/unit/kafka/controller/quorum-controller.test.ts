/**
 * The active controller's broker lifecycle and requests on a deterministic clock: registration fenced,
 * unfenced by the first heartbeat, fenced 9 s after the last heartbeat (broker.session.timeout.ms) with
 * its leaderships moved, controlled shutdown, AlterPartition validation, and NOT_CONTROLLER when inactive.
 */
import { describe, expect, it } from 'vitest'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { Random } from '../../../../workers/net/random.ts'
import { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../../../../workers/kafka/metadata/metadata-records.ts'
import {
  CONTROLLER_DEFAULTS,
  QuorumController,
} from '../../../../workers/kafka/controller/quorum-controller.ts'
import type {
  ControllerRequest,
  ControllerResponse,
} from '../../../../workers/kafka/controller/controller-messages.ts'

const drain = () => new Promise<void>((resolve) => setImmediate(resolve))

function setup() {
  const queue = new DeterministicTaskQueue(0)
  const metadata = new ClusterMetadata()
  const log = {
    appended: [] as MetadataRecord[],
    async append(records: MetadataRecord[]): Promise<number> {
      await queue.sleep(5)
      for (const record of records) {
        this.appended.push(record)
        metadata.replay(record, metadata.lastOffset + 1)
      }
      return metadata.lastOffset
    },
  }
  const controller = new QuorumController({
    nodeId: 1,
    scheduler: queue,
    random: new Random(3),
    log,
    metadata,
    config: { ...CONTROLLER_DEFAULTS, defaults: { numPartitions: 1, replicationFactor: 3 } },
  })
  const call = <T extends ControllerResponse>(request: ControllerRequest) =>
    queue.runUntilSettled(controller.handle(request), drain) as Promise<T>
  return { queue, metadata, log, controller, call }
}

const endpoints = (id: number) => [{ host: 'localhost', port: 9091 + id }]

async function threeBrokers(s: ReturnType<typeof setup>) {
  s.controller.activate()
  const epochs: number[] = []
  for (const brokerId of [1, 2, 3]) {
    const registered = await s.call<Extract<ControllerResponse, { api: 'BrokerRegistration' }>>({
      api: 'BrokerRegistration',
      brokerId,
      incarnationId: `i${brokerId}`,
      endpoints: endpoints(brokerId),
      rack: null,
    })
    epochs[brokerId] = registered.brokerEpoch
  }
  const beat = (brokerId: number) =>
    s.call<Extract<ControllerResponse, { api: 'BrokerHeartbeat' }>>({
      api: 'BrokerHeartbeat',
      brokerId,
      brokerEpoch: epochs[brokerId]!,
      currentMetadataOffset: s.metadata.lastOffset,
      wantShutDown: false,
    })
  return { epochs, beat }
}

describe('QuorumController', () => {
  it('registers brokers fenced with growing epochs and unfences them on their first heartbeat', async () => {
    const s = setup()
    const { epochs, beat } = await threeBrokers(s)
    expect(epochs.slice(1)).toEqual([1, 2, 3])
    expect(s.metadata.usableBrokers()).toEqual([])
    for (const id of [1, 2, 3]) expect(await beat(id)).toMatchObject({ error: null })
    expect(s.metadata.usableBrokers()).toEqual([1, 2, 3])
  })

  it('fences a broker 9 s after its last heartbeat and moves its leaderships to the ISR', async () => {
    const s = setup()
    const { beat } = await threeBrokers(s)
    for (const id of [1, 2, 3]) await beat(id)
    const created = await s.call<Extract<ControllerResponse, { api: 'CreateTopics' }>>({
      api: 'CreateTopics',
      topics: [{ name: 'orders', numPartitions: 3, replicationFactor: 3, configs: {} }],
      validateOnly: false,
    })
    expect(created.results).toEqual([{ name: 'orders', error: null, message: null }])
    const led = [...s.metadata.topic('orders')!.partitions.values()].filter((p) => p.leader === 1).length
    expect(led).toBe(1)
    const started = s.queue.now()
    for (let t = 0; t < 5; t++) {
      await s.queue.advance(2000, drain)
      await beat(2)
      await beat(3)
    }
    expect(s.metadata.brokers.get(1)!.fenced).toBe(true)
    const fencedAt = s.log.appended.findIndex((r) => r.type === 'BrokerRegistrationChangeRecord' && r.fenced)
    expect(fencedAt).toBeGreaterThan(0)
    expect(s.queue.now() - started).toBeGreaterThanOrEqual(9000)
    for (const p of s.metadata.topic('orders')!.partitions.values()) {
      expect(p.leader).not.toBe(1)
      expect(p.isr).not.toContain(1)
    }
  })

  it('answers a controlled shutdown by fencing the broker and telling it to shut down', async () => {
    const s = setup()
    const { epochs, beat } = await threeBrokers(s)
    for (const id of [1, 2, 3]) await beat(id)
    const answer = await s.call({
      api: 'BrokerHeartbeat',
      brokerId: 2,
      brokerEpoch: epochs[2]!,
      currentMetadataOffset: 0,
      wantShutDown: true,
    })
    expect(answer).toEqual({ api: 'BrokerHeartbeat', error: null, isFenced: true, shouldShutDown: true })
    expect(s.metadata.usableBrokers()).toEqual([1, 3])
    const stale = await s.call({
      api: 'BrokerHeartbeat',
      brokerId: 2,
      brokerEpoch: 99,
      currentMetadataOffset: 0,
      wantShutDown: false,
    })
    expect(stale).toMatchObject({ error: 'STALE_BROKER_EPOCH' })
  })

  it('validates AlterPartition as KRaft does and applies a valid ISR change', async () => {
    const s = setup()
    const { epochs, beat } = await threeBrokers(s)
    for (const id of [1, 2, 3]) await beat(id)
    await s.call({
      api: 'CreateTopics',
      topics: [{ name: 't', numPartitions: 1, replicationFactor: 3, configs: {} }],
      validateOnly: false,
    })
    const topic = s.metadata.topic('t')!
    const p0 = topic.partitions.get(0)!
    const leader = p0.leader
    const follower = p0.replicas.find((id) => id !== leader)!
    const base = {
      api: 'AlterPartition' as const,
      topicId: topic.topicId,
      partitionId: 0,
      leaderEpoch: 0,
      partitionEpoch: 0,
    }
    expect(
      await s.call({ ...base, brokerId: follower, brokerEpoch: epochs[follower]!, newIsr: [follower] }),
    ).toMatchObject({ error: 'NOT_LEADER_OR_FOLLOWER' })
    expect(
      await s.call({
        ...base,
        brokerId: leader,
        brokerEpoch: epochs[leader]!,
        leaderEpoch: 7,
        newIsr: [leader],
      }),
    ).toMatchObject({ error: 'FENCED_LEADER_EPOCH' })
    expect(
      await s.call({
        ...base,
        brokerId: leader,
        brokerEpoch: epochs[leader]!,
        partitionEpoch: 4,
        newIsr: [leader],
      }),
    ).toMatchObject({ error: 'INVALID_UPDATE_VERSION' })
    expect(
      await s.call({ ...base, brokerId: leader, brokerEpoch: epochs[leader]!, newIsr: [follower] }),
    ).toMatchObject({ error: 'INELIGIBLE_REPLICA' })
    const shrunk = await s.call({ ...base, brokerId: leader, brokerEpoch: epochs[leader]!, newIsr: [leader] })
    expect(shrunk).toEqual({
      api: 'AlterPartition',
      error: null,
      isr: [leader],
      leaderEpoch: 0,
      partitionEpoch: 1,
    })
  })

  it('answers NOT_CONTROLLER while inactive', async () => {
    const s = setup()
    expect(await s.call({ api: 'DeleteTopics', names: ['x'] })).toEqual({
      api: 'DeleteTopics',
      results: [{ name: 'x', error: 'NOT_CONTROLLER', message: null }],
    })
  })
})
