// The errors the coordinators answer when their write to their own topic fails, per API family: the group
// coordinator's (CoordinatorOperationExceptionHelper.handleOperationException for OffsetCommit, TxnOffsetCommit
// and ConsumerGroupHeartbeat; GroupMetadataManager.appendGroupMetadataErrorToResponseError for the SyncGroup
// leader's assignment) and the transaction coordinator's (TransactionStateManager.appendTransactionToLog).
// Each runs a loader over a ReplicaManager whose append answers the error under test.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { Random } from '../../../../workers/net/random.ts'
import type { KafkaErrorName } from '../../../../workers/protocol/kafka-errors.ts'
import type { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import type { ReplicaManager } from '../../../../workers/kafka/replication/replica-manager.ts'
import { GroupApis } from '../../../../workers/kafka/server/group-apis.ts'
import { GroupCoordinatorLoader } from '../../../../workers/kafka/server/group-coordinator-loader.ts'
import { TransactionCoordinatorLoader } from '../../../../workers/kafka/server/transaction-coordinator-loader.ts'
import type { TxnMarkerChannel } from '../../../../workers/kafka/transaction/txn-marker-channel.ts'
import { FakeScheduler } from '../group/fake-scheduler.ts'
import { loadLogEngine } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const TOPIC_ID = 'coordinator-topic-id'
const SUBSCRIPTION = { topics: ['in'], ownedPartitions: [], generationId: -1, rackId: null }

/** One-partition coordinator topic led here; `appendError` is what the next appends answer. */
function coordinatorTopic(topic: string) {
  const state = { appendError: null as KafkaErrorName | null, appended: 0 }
  const metadata = {
    topicIdsByName: new Map([[topic, TOPIC_ID]]),
    topic: (name: string) => (name === topic ? { partitions: new Map([[0, {}]]) } : undefined),
  } as unknown as ClusterMetadata
  const replicaManager = {
    allPartitions: () => [{ topicId: TOPIC_ID, partition: 0, isLeader: true, leaderEpoch: 1 }],
    getPartition: () => undefined,
    appendRecords: () => {
      const failedLocally =
        state.appendError !== null && state.appendError !== 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
      const baseOffset = failedLocally ? -1 : state.appended++
      return Promise.resolve([{ topicId: TOPIC_ID, partition: 0, error: state.appendError, baseOffset }])
    },
  } as unknown as ReplicaManager
  return { state, metadata, replicaManager, scheduler: new FakeScheduler() }
}

function groupCoordinator(verifyError: KafkaErrorName | null = null) {
  const topic = coordinatorTopic('__consumer_offsets')
  const loader = new GroupCoordinatorLoader({
    ...topic,
    engine,
    random: new Random(1),
    verifyTransaction: () => Promise.resolve(verifyError),
  })
  loader.onLeadershipChange()
  const apis = new GroupApis({ metadata: topic.metadata, loader, createTopics: () => Promise.resolve([]) })
  return { ...topic, loader, apis }
}

const OFFSETS = [
  {
    name: 'in',
    partitions: [{ partitionIndex: 0, committedOffset: 5, committedLeaderEpoch: -1, committedMetadata: '' }],
  },
]

async function commitError(apis: GroupApis): Promise<string | undefined> {
  const response = await apis.offsetCommit({
    groupId: 'g',
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    topics: OFFSETS,
  })
  return response.topics[0]?.partitions[0]?.error
}

describe('the group coordinator answers a failed write as CoordinatorOperationExceptionHelper maps it', () => {
  it.each([
    ['UNKNOWN_TOPIC_OR_PARTITION', 'COORDINATOR_NOT_AVAILABLE'],
    ['NOT_ENOUGH_REPLICAS', 'COORDINATOR_NOT_AVAILABLE'],
    ['REQUEST_TIMED_OUT', 'COORDINATOR_NOT_AVAILABLE'],
    ['NOT_LEADER_OR_FOLLOWER', 'NOT_COORDINATOR'],
    ['MESSAGE_TOO_LARGE', 'UNKNOWN_SERVER_ERROR'],
    ['CORRUPT_MESSAGE', 'CORRUPT_MESSAGE'],
    ['INVALID_RECORD', 'INVALID_RECORD'],
  ] as const)('OffsetCommit: a write failing with %s answers %s', async (appendError, answered) => {
    const t = groupCoordinator()
    t.state.appendError = appendError
    expect(await commitError(t.apis)).toBe(answered)
  })

  it('OffsetCommit: a batch the high watermark passed is written though the ISR shrank below min.insync.replicas', async () => {
    const t = groupCoordinator()
    t.state.appendError = 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
    expect(await commitError(t.apis)).toBe('NONE')
    const fetched = await t.apis.offsetFetch({
      groupId: 'g',
      topics: [{ name: 'in', partitionIndexes: [0] }],
      requireStable: false,
    })
    expect(fetched.topics[0]?.partitions[0]?.committedOffset).toBe(5)
  })

  it.each([
    [null, 'CORRUPT_MESSAGE', 'CORRUPT_MESSAGE'],
    [null, 'NOT_ENOUGH_REPLICAS', 'COORDINATOR_NOT_AVAILABLE'],
    ['INVALID_PRODUCER_EPOCH', null, 'INVALID_PRODUCER_EPOCH'],
    ['NOT_ENOUGH_REPLICAS', null, 'COORDINATOR_NOT_AVAILABLE'],
  ] as const)(
    'TxnOffsetCommit: verification %s, write %s: every partition answers %s',
    async (verifyError, appendError, answered) => {
      const t = groupCoordinator(verifyError)
      t.state.appendError = appendError
      const response = await t.apis.txnOffsetCommit({
        transactionalId: 'tx',
        groupId: 'g',
        producerId: 7,
        producerEpoch: 0,
        generationId: -1,
        memberId: '',
        groupInstanceId: null,
        topics: OFFSETS,
      })
      expect(response.topics[0]?.partitions[0]?.error).toBe(answered)
    },
  )

  it.each([
    ['REQUEST_TIMED_OUT', 'COORDINATOR_NOT_AVAILABLE'],
    ['NOT_LEADER_OR_FOLLOWER', 'NOT_COORDINATOR'],
    ['CORRUPT_MESSAGE', 'CORRUPT_MESSAGE'],
  ] as const)(
    'SyncGroup: the leader assignment write failing with %s answers %s',
    async (appendError, answered) => {
      const t = groupCoordinator()
      const join = (memberId: string) =>
        t.apis.joinGroup({
          groupId: 'g',
          sessionTimeoutMs: 45000,
          rebalanceTimeoutMs: 300000,
          memberId,
          groupInstanceId: null,
          protocolType: 'consumer',
          protocols: [{ name: 'range', metadata: SUBSCRIPTION }],
          reason: null,
          clientId: 'c',
          clientHost: '/127.0.0.1',
        })
      // The first join gives the member its id; the second joins with it.
      const { memberId } = await join('')
      const rejoining = join(memberId)
      await t.scheduler.advance(5000)
      const joined = await rejoining
      expect(joined.error).toBe('NONE')
      t.state.appendError = appendError
      const synced = await t.apis.syncGroup({
        groupId: 'g',
        generationId: joined.generationId,
        memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocolName: 'range',
        assignments: [{ memberId, assignment: { partitions: [{ topic: 'in', partition: 0 }] } }],
      })
      expect(synced.error).toBe(answered)
    },
  )

  it.each([
    ['NOT_ENOUGH_REPLICAS', 'COORDINATOR_NOT_AVAILABLE'],
    ['CORRUPT_MESSAGE', 'CORRUPT_MESSAGE'],
  ] as const)(
    'ConsumerGroupHeartbeat: a join whose write fails with %s answers %s',
    async (appendError, answered) => {
      const t = groupCoordinator()
      t.state.appendError = appendError
      const response = await t.apis.consumerGroupHeartbeat({
        groupId: 'g',
        memberId: 'm1',
        memberEpoch: 0,
        instanceId: null,
        rackId: null,
        rebalanceTimeoutMs: 300000,
        subscribedTopicNames: ['in'],
        serverAssignor: null,
        topicPartitions: [],
        clientId: 'c',
        clientHost: '/127.0.0.1',
      })
      expect(response.error).toBe(answered)
    },
  )
})

describe('the transaction coordinator answers a failed write as TransactionStateManager maps it', () => {
  it.each([
    ['UNKNOWN_TOPIC_OR_PARTITION', 'COORDINATOR_NOT_AVAILABLE'],
    ['NOT_ENOUGH_REPLICAS', 'COORDINATOR_NOT_AVAILABLE'],
    ['NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'COORDINATOR_NOT_AVAILABLE'],
    ['REQUEST_TIMED_OUT', 'COORDINATOR_NOT_AVAILABLE'],
    ['NOT_LEADER_OR_FOLLOWER', 'NOT_COORDINATOR'],
    ['MESSAGE_TOO_LARGE', 'UNKNOWN_SERVER_ERROR'],
    ['CORRUPT_MESSAGE', 'CORRUPT_MESSAGE'],
  ] as const)('InitProducerId: a write failing with %s answers %s', async (appendError, answered) => {
    const t = coordinatorTopic('__transaction_state')
    const loader = new TransactionCoordinatorLoader({
      ...t,
      engine,
      generateProducerId: () => 1000,
      markers: {} as TxnMarkerChannel,
    })
    loader.onLeadershipChange()
    t.state.appendError = appendError
    const response = await loader.coordinator.handleInitProducerId({
      transactionalId: 'tx',
      transactionTimeoutMs: 60000,
      producerId: -1,
      producerEpoch: -1,
    })
    expect(response.error).toBe(answered)
    loader.shutdown()
  })
})
