/**
 * The cluster view's rows from a Metadata response and the brokers' NodeStates: exact rows for the cases
 * a learner produces (a stopped broker, a shrunk ISR, a partition without a leader, a leader on a fenced
 * broker), TopicCommand's under-replicated and unavailable rules, and a property test of the per-replica
 * offsets against a direct lookup.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { MetadataResponse, PartitionMetadata, TopicMetadata } from '../../../workers/protocol/kafka.ts'
import type { NodeState } from '../../../workers/protocol/workers.ts'
import { brokerAddress, brokerRows, topicRows } from '../../../web/cluster-view/cluster-rows.ts'

function partition(
  index: number,
  leader: number,
  replicas: number[],
  isr: number[],
  leaderEpoch = 0,
): PartitionMetadata {
  return {
    partition: index,
    leader,
    leaderEpoch,
    replicas,
    isr,
    elr: [],
    lastKnownElr: [],
    offlineReplicas: [],
  }
}

function topic(
  name: string,
  topicId: string,
  partitions: PartitionMetadata[],
  isInternal = false,
): TopicMetadata {
  return { name, topicId, isInternal, error: null, partitions }
}

function metadata(live: number[], topics: TopicMetadata[]): MetadataResponse {
  return {
    clusterId: 'MkU3OEVBNTcwNTJENDM2Qk',
    controllerId: 1,
    brokers: live.map((id) => ({ id, host: 'localhost', port: 9091 + id, rack: null })),
    topics,
  }
}

function state(
  nodeId: number,
  activeController: boolean,
  quorumEpoch: number,
  partitions: NodeState['partitions'] = [],
) {
  return { nodeId, activeController, quorumEpoch, partitions }
}

describe('brokerRows', () => {
  it('marks the stopped broker, the paused one, the fenced one and the active controller with its epoch', () => {
    const states = [state(1, false, 4), state(3, true, 4)]
    const process = { 1: 'paused', 2: 'stopped', 3: 'running' } as const
    const rows = brokerRows([1, 2, 3], (id) => process[id as 1 | 2 | 3], states, metadata([1, 3], []))
    expect(rows).toEqual([
      {
        id: 1,
        address: 'localhost:9092',
        process: 'paused',
        voter: true,
        fenced: false,
        activeController: false,
        quorumEpoch: 4,
      },
      {
        id: 2,
        address: 'localhost:9093',
        process: 'stopped',
        voter: true,
        fenced: true,
        activeController: false,
        quorumEpoch: null,
      },
      {
        id: 3,
        address: 'localhost:9094',
        process: 'running',
        voter: true,
        fenced: false,
        activeController: true,
        quorumEpoch: 4,
      },
    ])
  })

  it('does not know fencing without a Metadata answer', () => {
    const rows = brokerRows([1], () => 'running', [state(1, true, 1)], null)
    expect(rows.map((r) => r.fenced)).toEqual([null])
  })

  it('makes only the first three of five brokers quorum voters, and a running broker can be fenced', () => {
    const rows = brokerRows([1, 2, 3, 4, 5], () => 'running', [], metadata([1, 2, 3, 5], []))
    expect(rows.map((r) => r.voter)).toEqual([true, true, true, false, false])
    expect(rows.map((r) => r.fenced)).toEqual([false, false, false, true, false])
    expect(rows.map((r) => r.address)).toEqual([
      'localhost:9092',
      'localhost:9093',
      'localhost:9094',
      'localhost:9095',
      'localhost:9096',
    ])
  })

  it('gives broker 9 the port 9100', () => {
    expect(brokerAddress(9)).toBe('localhost:9100')
  })
})

describe('topicRows', () => {
  const orders = topic('orders', 'T-orders', [
    partition(1, 3, [3, 1, 2], [3, 1], 2),
    partition(0, 1, [1, 2, 3], [1, 2, 3], 0),
  ])
  const offsets = topic('__consumer_offsets', 'T-offsets', [partition(0, 1, [1], [1])], true)
  const states = [
    state(1, true, 5, [
      {
        topicId: 'T-orders',
        partition: 0,
        isLeader: true,
        leaderEpoch: 0,
        isr: [1, 2, 3],
        highWatermark: 7,
        logEndOffset: 7,
      },
      {
        topicId: 'T-orders',
        partition: 1,
        isLeader: false,
        leaderEpoch: 2,
        isr: [],
        highWatermark: 3,
        logEndOffset: 4,
      },
      {
        topicId: 'T-offsets',
        partition: 0,
        isLeader: true,
        leaderEpoch: 0,
        isr: [1],
        highWatermark: 9,
        logEndOffset: 9,
      },
    ]),
    state(3, false, 5, [
      {
        topicId: 'T-orders',
        partition: 0,
        isLeader: false,
        leaderEpoch: 0,
        isr: [],
        highWatermark: 6,
        logEndOffset: 7,
      },
      {
        topicId: 'T-orders',
        partition: 1,
        isLeader: true,
        leaderEpoch: 2,
        isr: [3, 1],
        highWatermark: 4,
        logEndOffset: 4,
      },
    ]),
  ]

  it('lists partitions in order with per-replica offsets from the hosting broker, and marks under-replication', () => {
    const rows = topicRows(metadata([1, 3], [orders, offsets]), states, false)
    expect(rows).toEqual([
      {
        name: 'orders',
        topicId: 'T-orders',
        isInternal: false,
        partitions: [
          {
            partition: 0,
            leader: 1,
            leaderEpoch: 0,
            replicas: [1, 2, 3],
            isr: [1, 2, 3],
            replicaStates: [
              { brokerId: 1, inIsr: true, isLeader: true, logEndOffset: 7, highWatermark: 7 },
              { brokerId: 2, inIsr: true, isLeader: false, logEndOffset: null, highWatermark: null },
              { brokerId: 3, inIsr: true, isLeader: false, logEndOffset: 7, highWatermark: 6 },
            ],
            underReplicated: false,
            offline: false,
          },
          {
            partition: 1,
            leader: 3,
            leaderEpoch: 2,
            replicas: [3, 1, 2],
            isr: [3, 1],
            replicaStates: [
              { brokerId: 3, inIsr: true, isLeader: true, logEndOffset: 4, highWatermark: 4 },
              { brokerId: 1, inIsr: true, isLeader: false, logEndOffset: 4, highWatermark: 3 },
              { brokerId: 2, inIsr: false, isLeader: false, logEndOffset: null, highWatermark: null },
            ],
            underReplicated: true,
            offline: false,
          },
        ],
      },
    ])
  })

  it('shows internal topics only when asked, sorted by name with the rest', () => {
    const rows = topicRows(metadata([1, 3], [orders, offsets]), states, true)
    expect(rows.map((r) => [r.name, r.isInternal])).toEqual([
      ['__consumer_offsets', true],
      ['orders', false],
    ])
    expect(rows[0]!.partitions[0]!.replicaStates).toEqual([
      { brokerId: 1, inIsr: true, isLeader: true, logEndOffset: 9, highWatermark: 9 },
    ])
  })

  it('marks a partition offline when it has no leader or its leader is not a live broker', () => {
    const t = topic('t', 'T', [
      partition(0, -1, [2], [2], 3),
      partition(1, 2, [2, 1], [2, 1]),
      partition(2, 1, [1], [1]),
    ])
    const rows = topicRows(metadata([1], [t]), [], false)
    expect(rows[0]!.partitions.map((p) => [p.partition, p.offline, p.underReplicated])).toEqual([
      [0, true, false],
      [1, true, false],
      [2, false, false],
    ])
  })

  it('leaves out topics that came back with an error', () => {
    const missing: TopicMetadata = { ...topic('gone', 'T-gone', []), error: 'UNKNOWN_TOPIC_OR_PARTITION' }
    expect(topicRows(metadata([1], [missing, orders]), [], false).map((r) => r.name)).toEqual(['orders'])
  })

  it('takes each replica offset from the state of the broker that hosts it (property)', () => {
    const brokerId = fc.integer({ min: 1, max: 4 })
    const partitionArb = fc.record({
      topicId: fc.constantFrom('A', 'B'),
      partition: fc.integer({ min: 0, max: 2 }),
      replicas: fc.uniqueArray(brokerId, { minLength: 1, maxLength: 4 }),
      leo: fc.nat(100),
      hw: fc.nat(100),
    })
    fc.assert(
      fc.property(fc.array(partitionArb, { maxLength: 12 }), fc.subarray([1, 2, 3, 4]), (replicas, live) => {
        // Each broker reports a replica for every (topic, partition) it hosts; offsets are unique per host.
        const hosted = new Map<string, { leo: number; hw: number }>()
        const nodeStates: NodeState[] = [1, 2, 3, 4].map((id) => state(id, false, 1))
        for (const r of replicas) {
          for (const host of r.replicas) {
            const key = `${host}/${r.topicId}/${r.partition}`
            if (hosted.has(key)) continue
            hosted.set(key, { leo: r.leo + host, hw: r.hw + host })
            nodeStates[host - 1]!.partitions.push({
              topicId: r.topicId,
              partition: r.partition,
              isLeader: false,
              leaderEpoch: 0,
              isr: [],
              highWatermark: r.hw + host,
              logEndOffset: r.leo + host,
            })
          }
        }
        const topics = ['A', 'B'].map((id) =>
          topic(
            `topic-${id}`,
            id,
            [0, 1, 2].map((p) => {
              const found = replicas.find((r) => r.topicId === id && r.partition === p)
              const set = found?.replicas ?? [1]
              return partition(p, set[0]!, set, set.slice(0, 1))
            }),
          ),
        )
        const rows = topicRows(metadata(live, topics), nodeStates, false)
        for (const row of rows) {
          for (const p of row.partitions) {
            expect(p.underReplicated).toBe(p.replicas.length > 1)
            expect(p.offline).toBe(!live.includes(p.leader))
            for (const r of p.replicaStates) {
              const expected = hosted.get(`${r.brokerId}/${row.topicId}/${p.partition}`)
              expect([r.logEndOffset, r.highWatermark]).toEqual(
                expected ? [expected.leo, expected.hw] : [null, null],
              )
            }
          }
        }
      }),
    )
  })
})
