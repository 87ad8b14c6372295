import { describe, expect, it } from 'vitest'
import type { ConsumerProtocolSubscription } from '../../../../workers/protocol/consumer-protocol.ts'
import {
  GroupCoordinator,
  type GroupLogEntry,
  type TransactionalProducer,
} from '../../../../workers/kafka/group/group-coordinator.ts'
import { CoordinatorWriteError } from '../../../../workers/kafka/group/coordinator-write-error.ts'
import type { TxnOffsetCommitRequest } from '../../../../workers/kafka/group/group-protocol.ts'
import { FakeScheduler, settle } from './fake-scheduler.ts'

const SUB: ConsumerProtocolSubscription = {
  topics: ['in'],
  ownedPartitions: [],
  generationId: -1,
  rackId: null,
}

/** A coordinator whose log is an array: plain batches, transactional ones (with their producer), markers. */
function setup(verifyError: 'INVALID_PRODUCER_EPOCH' | null = null) {
  const scheduler = new FakeScheduler()
  const log: GroupLogEntry[] = []
  const verified: TransactionalProducer[] = []
  let n = 0
  const coordinator = new GroupCoordinator({
    scheduler,
    uuid: () => `uuid${++n}`,
    append: (records) => {
      const base = log.length
      for (const record of records) log.push({ record, offset: log.length, producerId: -1 })
      return Promise.resolve(base)
    },
    verifyTransaction: (_groupId, producer) => {
      verified.push(producer)
      return verifyError === null ? Promise.resolve() : Promise.reject(new CoordinatorWriteError(verifyError))
    },
    appendTransactional: (records, producer) => {
      const base = log.length
      for (const record of records) log.push({ record, offset: log.length, producerId: producer.producerId })
      return Promise.resolve(base)
    },
  })
  const marker = (producerId: number, commit: boolean) => {
    log.push({ marker: { producerId, commit } })
    coordinator.completeTransaction(producerId, commit)
  }
  const fetch = (requireStable: boolean) =>
    coordinator.fetchOffsets({ groupId: 'g', topics: [{ name: 'in', partitionIndexes: [0] }], requireStable })
  return { scheduler, coordinator, log, verified, marker, fetch }
}

function txnCommit(offset: number, over: Partial<TxnOffsetCommitRequest> = {}): TxnOffsetCommitRequest {
  return {
    transactionalId: 'tx',
    groupId: 'g',
    producerId: 7,
    producerEpoch: 0,
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    topics: [
      {
        name: 'in',
        partitions: [
          { partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: '' },
        ],
      },
    ],
    ...over,
  }
}

const errorOf = (response: { topics: readonly { partitions: readonly { error: string }[] }[] }) =>
  response.topics[0]?.partitions[0]?.error

describe('GroupCoordinator transactional offsets (TxnOffsetCommit)', () => {
  it('keeps the offsets pending until the COMMIT marker: OffsetFetch without requireStable sees the old offset', async () => {
    const t = setup()
    await t.coordinator.commitOffsets({
      groupId: 'g',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      topics: txnCommit(3).topics,
    })
    expect(errorOf(await t.coordinator.commitTransactionalOffsets(txnCommit(10)))).toBe('NONE')
    expect(t.verified).toEqual([{ transactionalId: 'tx', producerId: 7, producerEpoch: 0 }])
    expect((await t.fetch(false)).topics[0]?.partitions[0]).toEqual({
      partitionIndex: 0,
      committedOffset: 3,
      committedLeaderEpoch: -1,
      metadata: '',
      error: 'NONE',
    })
    expect((await t.fetch(true)).topics[0]?.partitions[0]).toEqual({
      partitionIndex: 0,
      committedOffset: -1,
      committedLeaderEpoch: -1,
      metadata: '',
      error: 'UNSTABLE_OFFSET_COMMIT',
    })
    t.marker(7, true)
    expect((await t.fetch(true)).topics[0]?.partitions[0]?.committedOffset).toBe(10)
  })

  it('drops the offsets on the ABORT marker', async () => {
    const t = setup()
    await t.coordinator.commitTransactionalOffsets(txnCommit(10))
    t.marker(7, false)
    expect((await t.fetch(true)).topics[0]?.partitions[0]?.committedOffset).toBe(-1)
    expect((await t.fetch(true)).topics[0]?.partitions[0]?.error).toBe('NONE')
  })

  it('a plain commit written after the transactional one wins when the transaction commits', async () => {
    const t = setup()
    await t.coordinator.commitTransactionalOffsets(txnCommit(10))
    await t.coordinator.commitOffsets({
      groupId: 'g',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      topics: txnCommit(12).topics,
    })
    t.marker(7, true)
    expect((await t.fetch(true)).topics[0]?.partitions[0]?.committedOffset).toBe(12)
  })

  it('a coordinator loading the log mid-transaction keeps the offsets pending, then applies the marker', async () => {
    const t = setup()
    await t.coordinator.commitTransactionalOffsets(txnCommit(10))
    const reloaded = setup()
    reloaded.coordinator.load(t.log)
    expect((await reloaded.fetch(true)).topics[0]?.partitions[0]?.error).toBe('UNSTABLE_OFFSET_COMMIT')
    t.marker(7, true)
    const after = setup()
    after.coordinator.load(t.log)
    expect((await after.fetch(true)).topics[0]?.partitions[0]?.committedOffset).toBe(10)
  })

  it("a marker commits only the offsets of the groups in its own partition (each partition's shard)", async () => {
    const t = setup()
    await t.coordinator.commitTransactionalOffsets(txnCommit(10))
    await t.coordinator.commitTransactionalOffsets(txnCommit(20, { groupId: 'h' }))
    const fetchH = async () =>
      (
        await t.coordinator.fetchOffsets({
          groupId: 'h',
          topics: [{ name: 'in', partitionIndexes: [0] }],
          requireStable: true,
        })
      ).topics[0]?.partitions[0]
    // g's partition gets its COMMIT marker first: h, in another partition, waits for its own
    t.coordinator.completeTransaction(7, true, (groupId) => groupId === 'g')
    expect((await t.fetch(true)).topics[0]?.partitions[0]?.committedOffset).toBe(10)
    expect((await fetchH())?.error).toBe('UNSTABLE_OFFSET_COMMIT')
    t.coordinator.completeTransaction(7, true, (groupId) => groupId === 'h')
    expect(await fetchH()).toMatchObject({ committedOffset: 20, error: 'NONE' })
    // loading a partition replays its markers for its own groups only
    const reloaded = setup()
    reloaded.coordinator.load(
      [...t.log.slice(0, 2), { marker: { producerId: 7, commit: true } }],
      (groupId) => groupId === 'h',
    )
    expect((await reloaded.fetch(true)).topics[0]?.partitions[0]?.error).toBe('UNSTABLE_OFFSET_COMMIT')
  })

  it('answers the verification error for every partition and writes nothing', async () => {
    const t = setup('INVALID_PRODUCER_EPOCH')
    await expect(t.coordinator.commitTransactionalOffsets(txnCommit(10))).rejects.toThrow(
      CoordinatorWriteError,
    )
    expect(t.log).toEqual([])
  })

  it('validates the group metadata as validateTransactionalOffsetCommit does', async () => {
    const t = setup()
    // No group, generation >= 0: ILLEGAL_GENERATION.
    expect(errorOf(await t.coordinator.commitTransactionalOffsets(txnCommit(1, { generationId: 1 })))).toBe(
      'ILLEGAL_GENERATION',
    )
    const first = await t.coordinator.joinGroup({
      groupId: 'g',
      sessionTimeoutMs: 45000,
      rebalanceTimeoutMs: 300000,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: SUB }],
      reason: null,
      clientId: 'c',
      clientHost: '/127.0.0.1',
    })
    const joined = t.coordinator.joinGroup({
      groupId: 'g',
      sessionTimeoutMs: 45000,
      rebalanceTimeoutMs: 300000,
      memberId: first.memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: SUB }],
      reason: null,
      clientId: 'c',
      clientHost: '/127.0.0.1',
    })
    await settle()
    await t.scheduler.advance(3000)
    expect((await joined).generationId).toBe(1)
    const member = first.memberId
    // CompletingRebalance does not refuse a transactional commit (no REBALANCE_IN_PROGRESS).
    expect(
      errorOf(
        await t.coordinator.commitTransactionalOffsets(txnCommit(1, { generationId: 1, memberId: member })),
      ),
    ).toBe('NONE')
    expect(
      errorOf(
        await t.coordinator.commitTransactionalOffsets(txnCommit(1, { generationId: 0, memberId: member })),
      ),
    ).toBe('ILLEGAL_GENERATION')
    expect(
      errorOf(
        await t.coordinator.commitTransactionalOffsets(txnCommit(1, { generationId: 1, memberId: 'x' })),
      ),
    ).toBe('UNKNOWN_MEMBER_ID')
    expect(
      errorOf(
        await t.coordinator.commitTransactionalOffsets(
          txnCommit(1, { generationId: 1, memberId: 'x', groupInstanceId: 'i' }),
        ),
      ),
    ).toBe('UNKNOWN_MEMBER_ID')
    // No member id and no generation: accepted even while the group has members (unlike OffsetCommit).
    expect(errorOf(await t.coordinator.commitTransactionalOffsets(txnCommit(1)))).toBe('NONE')
  })
})
