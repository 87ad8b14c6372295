import { describe, expect, it } from 'vitest'
import type { ConsumerProtocolSubscription } from '../../../../workers/protocol/consumer-protocol.ts'
import { GroupCoordinator } from '../../../../workers/kafka/group/group-coordinator.ts'
import type { JoinGroupResponse } from '../../../../workers/kafka/group/group-protocol.ts'
import type { GroupCoordinatorRecord } from '../../../../workers/kafka/group/group-records.ts'
import { decodeGroupRecord, encodeGroupRecord } from '../../../../workers/kafka/group/group-record-codec.ts'
import { FakeScheduler, settle } from './fake-scheduler.ts'

const SUB: ConsumerProtocolSubscription = {
  topics: ['orders'],
  ownedPartitions: [],
  generationId: -1,
  rackId: null,
}

function setup() {
  const scheduler = new FakeScheduler()
  const records: GroupCoordinatorRecord[] = []
  let n = 0
  const coordinator = new GroupCoordinator({
    scheduler,
    uuid: () => `uuid${++n}`,
    append: (batch) => {
      records.push(...batch)
      return Promise.resolve()
    },
  })
  const join = (clientId: string, memberId = '') =>
    coordinator.joinGroup({
      groupId: 'g1',
      sessionTimeoutMs: 45000,
      rebalanceTimeoutMs: 300000,
      memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: SUB }],
      reason: null,
      clientId,
      clientHost: '/127.0.0.1',
    })
  const sync = (
    memberId: string,
    generationId: number,
    assignments: { memberId: string; partitions: number[] }[] = [],
  ) =>
    coordinator.syncGroup({
      groupId: 'g1',
      generationId,
      memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: assignments.map((a) => ({
        memberId: a.memberId,
        assignment: { partitions: a.partitions.map((partition) => ({ topic: 'orders', partition })) },
      })),
    })
  const heartbeat = (memberId: string, generationId: number) =>
    coordinator.heartbeat({ groupId: 'g1', generationId, memberId, groupInstanceId: null })
  const state = () => coordinator.group('g1')?.state
  return { scheduler, coordinator, records, join, sync, heartbeat, state }
}

async function track<T>(promise: Promise<T>): Promise<{ value: T | undefined }> {
  const box: { value: T | undefined } = { value: undefined }
  void promise.then((v) => (box.value = v))
  await settle()
  return box
}

/** Brings consumer-1 into a Stable generation 1 owning orders-0..2. */
async function oneStableMember(t: ReturnType<typeof setup>): Promise<string> {
  const first = await t.join('consumer-1')
  const joined = await track(t.join('consumer-1', first.memberId))
  await t.scheduler.advance(3000)
  expect(joined.value?.generationId).toBe(1)
  await t.sync(first.memberId, 1, [{ memberId: first.memberId, partitions: [0, 1, 2] }])
  return first.memberId
}

describe('GroupCoordinator rebalances (classic protocol)', () => {
  it('one member: MEMBER_ID_REQUIRED, the 3 s initial delay, generation 1, Stable after the leader syncs', async () => {
    const t = setup()
    const first = await t.join('consumer-1')
    expect(first).toMatchObject({
      error: 'MEMBER_ID_REQUIRED',
      memberId: 'consumer-1-uuid1',
      generationId: -1,
    })
    expect(t.state()).toBe('Empty')
    // The join that created the group commits it (GroupCoordinatorRecordHelpers.newEmptyGroupMetadataRecord).
    expect(t.records).toEqual([
      {
        type: 'GroupMetadata',
        groupId: 'g1',
        protocolType: '',
        generation: 0,
        protocol: null,
        leader: null,
        currentStateTimestamp: t.scheduler.now(),
        members: [],
      },
    ])
    const joined = await track(t.join('consumer-1', 'consumer-1-uuid1'))
    expect(t.state()).toBe('PreparingRebalance')
    await t.scheduler.advance(2999)
    expect(joined.value).toBeUndefined()
    await t.scheduler.advance(1)
    expect(joined.value).toEqual<JoinGroupResponse>({
      error: 'NONE',
      generationId: 1,
      protocolType: 'consumer',
      protocolName: 'range',
      leader: 'consumer-1-uuid1',
      memberId: 'consumer-1-uuid1',
      members: [{ memberId: 'consumer-1-uuid1', groupInstanceId: null, metadata: SUB }],
    })
    expect(t.state()).toBe('CompletingRebalance')
    expect((await t.heartbeat('consumer-1-uuid1', 1)).error).toBe('NONE')
    const synced = await t.sync('consumer-1-uuid1', 1, [
      { memberId: 'consumer-1-uuid1', partitions: [0, 1, 2] },
    ])
    expect(synced.error).toBe('NONE')
    expect(synced.assignment.partitions.map((p) => p.partition)).toEqual([0, 1, 2])
    expect(t.state()).toBe('Stable')
    expect(t.records.map((r) => r.type)).toEqual(['GroupMetadata', 'GroupMetadata'])
  })

  it('a group whose creating write fails is gone again: the next join with its member id is UNKNOWN_MEMBER_ID', async () => {
    const t = setup()
    const coordinator = new GroupCoordinator({
      scheduler: t.scheduler,
      uuid: () => 'uuid',
      append: () => Promise.reject(new Error('NOT_LEADER_OR_FOLLOWER')),
    })
    const request = await baseJoin()
    expect((await coordinator.joinGroup(request)).error).toBe('MEMBER_ID_REQUIRED')
    await settle()
    expect(coordinator.group('g1')).toBeUndefined()
    expect((await coordinator.joinGroup({ ...request, memberId: 'c-uuid' })).error).toBe('UNKNOWN_MEMBER_ID')
  })

  it('a second member triggers a rebalance: REBALANCE_IN_PROGRESS, generation 2, the leader gets both', async () => {
    const t = setup()
    const m1 = await oneStableMember(t)
    const second = await t.join('consumer-2')
    const m2Join = await track(t.join('consumer-2', second.memberId))
    expect(t.state()).toBe('PreparingRebalance')
    expect((await t.heartbeat(m1, 1)).error).toBe('REBALANCE_IN_PROGRESS')
    const m1Join = await track(t.join('consumer-1', m1))
    expect(m1Join.value?.generationId).toBe(2)
    expect(m2Join.value?.generationId).toBe(2)
    expect(m1Join.value?.leader).toBe(m1)
    expect(m1Join.value?.members.map((m) => m.memberId).sort()).toEqual([m1, second.memberId].sort())
    expect(m2Join.value?.members).toEqual([])
    const m2Sync = await track(t.sync(second.memberId, 2))
    expect(m2Sync.value).toBeUndefined()
    await t.sync(m1, 2, [
      { memberId: m1, partitions: [0, 1] },
      { memberId: second.memberId, partitions: [2] },
    ])
    await settle()
    expect(m2Sync.value?.assignment.partitions).toEqual([{ topic: 'orders', partition: 2 }])
    expect(t.state()).toBe('Stable')
    expect((await t.heartbeat(m1, 1)).error).toBe('ILLEGAL_GENERATION')
  })

  it('a member leaving rebalances the rest; the last one leaving makes the group Empty with a new generation', async () => {
    const t = setup()
    const m1 = await oneStableMember(t)
    const left = await t.coordinator.leaveGroup({
      groupId: 'g1',
      members: [{ memberId: m1, groupInstanceId: null, reason: null }],
    })
    expect(left.members[0]?.error).toBe('NONE')
    expect(t.state()).toBe('Empty')
    expect(t.coordinator.group('g1')?.generationId).toBe(2)
    const unknown = await t.coordinator.leaveGroup({
      groupId: 'g1',
      members: [{ memberId: m1, groupInstanceId: null, reason: null }],
    })
    expect(unknown.members[0]?.error).toBe('UNKNOWN_MEMBER_ID')
  })

  it('session expiry after session.timeout.ms without heartbeats removes the member', async () => {
    const t = setup()
    const m1 = await oneStableMember(t)
    await t.scheduler.advance(44999)
    expect(t.state()).toBe('Stable')
    expect((await t.heartbeat(m1, 1)).error).toBe('NONE')
    await t.scheduler.advance(44999)
    expect(t.state()).toBe('Stable')
    await t.scheduler.advance(1)
    expect(t.state()).toBe('Empty')
    expect((await t.heartbeat(m1, 1)).error).toBe('UNKNOWN_MEMBER_ID')
  })

  it('rejects a session timeout outside group.min/max.session.timeout.ms', async () => {
    const t = setup()
    const r = await t.coordinator.joinGroup({ ...(await baseJoin()), sessionTimeoutMs: 5999 })
    expect(r.error).toBe('INVALID_SESSION_TIMEOUT')
  })
})

async function baseJoin() {
  return {
    groupId: 'g1',
    sessionTimeoutMs: 45000,
    rebalanceTimeoutMs: 300000,
    memberId: '',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: SUB }],
    reason: null,
    clientId: 'c',
    clientHost: '/127.0.0.1',
  }
}

const commit = (t: ReturnType<typeof setup>, generation: number, memberId: string, offset: number) =>
  t.coordinator.commitOffsets({
    groupId: 'g1',
    generationIdOrMemberEpoch: generation,
    memberId,
    groupInstanceId: null,
    topics: [
      {
        name: 'orders',
        partitions: [
          { partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: 0, committedMetadata: null },
        ],
      },
    ],
  })

describe('GroupCoordinator offsets and admin APIs', () => {
  it('commits from the current generation, refuses admin commits while active, accepts them when Empty', async () => {
    const t = setup()
    const m1 = await oneStableMember(t)
    expect((await commit(t, 1, m1, 5)).topics[0]?.partitions[0]?.error).toBe('NONE')
    expect((await commit(t, 0, m1, 6)).topics[0]?.partitions[0]?.error).toBe('ILLEGAL_GENERATION')
    expect((await commit(t, -1, '', 0)).topics[0]?.partitions[0]?.error).toBe('UNKNOWN_MEMBER_ID')
    const fetched = await t.coordinator.fetchOffsets({
      groupId: 'g1',
      topics: [{ name: 'orders', partitionIndexes: [0, 1] }],
    })
    expect(fetched.topics[0]?.partitions.map((p) => p.committedOffset)).toEqual([5, -1])
    expect((await t.coordinator.deleteGroups(['g1'])).results[0]?.error).toBe('NON_EMPTY_GROUP')
    await t.coordinator.leaveGroup({
      groupId: 'g1',
      members: [{ memberId: m1, groupInstanceId: null, reason: null }],
    })
    expect((await commit(t, -1, '', 0)).topics[0]?.partitions[0]?.error).toBe('NONE')
    const all = await t.coordinator.fetchOffsets({ groupId: 'g1', topics: null })
    expect(all.topics).toEqual([
      {
        name: 'orders',
        partitions: [
          { partitionIndex: 0, committedOffset: 0, committedLeaderEpoch: 0, metadata: '', error: 'NONE' },
        ],
      },
    ])
    expect((await t.coordinator.deleteGroups(['g1', 'nope'])).results).toEqual([
      { groupId: 'g1', error: 'NONE' },
      { groupId: 'nope', error: 'GROUP_ID_NOT_FOUND' },
    ])
    expect((await t.coordinator.listGroups({ statesFilter: [] })).groups).toEqual([])
  })

  it('a simple consumer (generation -1) creates an Empty group with offsets only', async () => {
    const t = setup()
    expect((await commit(t, -1, '', 3)).topics[0]?.partitions[0]?.error).toBe('NONE')
    expect((await t.coordinator.listGroups({ statesFilter: ['empty'] })).groups).toEqual([
      { groupId: 'g1', protocolType: '', groupState: 'Empty', groupType: 'classic' },
    ])
  })

  it('describes members while Stable and reports unknown groups', async () => {
    const t = setup()
    const m1 = await oneStableMember(t)
    const [g, missing] = (await t.coordinator.describeGroups(['g1', 'other'])).groups
    expect(g).toMatchObject({ groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' })
    expect(g?.members).toEqual([
      {
        memberId: m1,
        groupInstanceId: null,
        clientId: 'consumer-1',
        clientHost: '/127.0.0.1',
        memberMetadata: SUB,
        memberAssignment: { partitions: [0, 1, 2].map((partition) => ({ topic: 'orders', partition })) },
      },
    ])
    expect(missing).toMatchObject({
      error: 'GROUP_ID_NOT_FOUND',
      groupState: 'Dead',
      errorMessage: 'Group other not found.',
    })
  })

  it('a coordinator rebuilt from the records has the same groups and offsets', async () => {
    const t = setup()
    const m1 = await oneStableMember(t)
    await commit(t, 1, m1, 42)
    const rebuilt = new GroupCoordinator({
      scheduler: t.scheduler,
      uuid: () => 'x',
      append: () => Promise.resolve(),
    })
    rebuilt.load(t.records)
    expect(await rebuilt.describeGroups(['g1'])).toEqual(await t.coordinator.describeGroups(['g1']))
    const request = { groupId: 'g1', topics: null }
    expect(await rebuilt.fetchOffsets(request)).toEqual(await t.coordinator.fetchOffsets(request))
    expect(rebuilt.group('g1')?.generationId).toBe(1)
    expect(
      (await rebuilt.heartbeat({ groupId: 'g1', generationId: 1, memberId: m1, groupInstanceId: null }))
        .error,
    ).toBe('NONE')
  })

  it('loads a log whose older records an older store wrote as JSON and whose newer ones are binary', async () => {
    const t = setup()
    const m1 = await oneStableMember(t)
    await commit(t, 1, m1, 42)
    /** The encoding of the playground's stores before the binary formats: JSON key and value. */
    const legacy = (record: GroupCoordinatorRecord) => {
      const key =
        record.type === 'OffsetCommit' || record.type === 'OffsetCommitTombstone'
          ? {
              type: 'OffsetCommit',
              groupId: record.groupId,
              topic: record.topic,
              partition: record.partition,
            }
          : { type: 'GroupMetadata', groupId: record.groupId }
      const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
      return { key: utf8(key), value: record.type.endsWith('Tombstone') ? null : utf8(record) }
    }
    const half = Math.floor(t.records.length / 2)
    expect(half).toBeGreaterThan(0)
    const stored = t.records.map((record, i) => (i < half ? legacy(record) : encodeGroupRecord(record)))
    const rebuilt = new GroupCoordinator({
      scheduler: t.scheduler,
      uuid: () => 'x',
      append: () => Promise.resolve(),
    })
    rebuilt.load(stored.map(({ key, value }) => decodeGroupRecord(key, value)))
    expect(await rebuilt.describeGroups(['g1'])).toEqual(await t.coordinator.describeGroups(['g1']))
    const request = { groupId: 'g1', topics: null }
    expect(await rebuilt.fetchOffsets(request)).toEqual(await t.coordinator.fetchOffsets(request))
  })
})
