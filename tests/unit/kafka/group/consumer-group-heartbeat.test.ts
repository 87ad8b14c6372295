/**
 * ConsumerGroupHeartbeat on the group coordinator (Kafka 4.1's GroupMetadataManagerTest, consumer group
 * cases): joining at epoch 0, the group epoch and target assignment, a second member taking partitions only
 * after the first revoked them, fencing by epoch, leaving, session and rebalance timeouts, the conflict with
 * classic groups, offset commits with the member epoch, ConsumerGroupDescribe, ListGroups and DeleteGroups.
 */
import { describe, expect, it } from 'vitest'
import { GroupCoordinator } from '../../../../workers/kafka/group/group-coordinator.ts'
import type { ConsumerGroupHeartbeatResponse } from '../../../../workers/protocol/kafka-consumer-groups.ts'
import type { TopicPartition } from '../../../../workers/protocol/consumer-protocol.ts'
import { FakeScheduler, settle } from './fake-scheduler.ts'
import { topicImage } from './topic-image.ts'
import { heartbeatRequest } from './heartbeat-request.ts'

function setup(
  partitions: Record<string, number> = { orders: 4 },
  append: () => Promise<void> = () => Promise.resolve(),
) {
  const scheduler = new FakeScheduler()
  const coordinator = new GroupCoordinator({
    scheduler,
    uuid: () => 'uuid',
    append,
    ...topicImage(partitions),
  })
  const heartbeat = (...args: Parameters<typeof heartbeatRequest>): Promise<ConsumerGroupHeartbeatResponse> =>
    coordinator.consumerGroupHeartbeat(heartbeatRequest(...args))
  const describeGroup = async () => (await coordinator.consumerGroupDescribe(['g'])).groups[0]!
  return { scheduler, coordinator, heartbeat, describeGroup }
}

/** A classic JoinGroup of a range-assigning consumer subscribed to `orders`. */
function classicJoinGroup(coordinator: GroupCoordinator, memberId: string) {
  return coordinator.joinGroup({
    groupId: 'g',
    sessionTimeoutMs: 45000,
    rebalanceTimeoutMs: 300000,
    memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [
      {
        name: 'range',
        metadata: { topics: ['orders'], ownedPartitions: [], generationId: -1, rackId: null },
      },
    ],
    reason: null,
    clientId: 'c',
    clientHost: '/127.0.0.1',
  })
}

const orders = (...partitions: number[]): TopicPartition[] =>
  partitions.map((partition) => ({ topic: 'orders', partition }))

describe('ConsumerGroupHeartbeat', () => {
  it('a first member joins at epoch 1 with every partition, and the group is Stable once it owns them', async () => {
    const { heartbeat, describeGroup } = setup()
    const joined = await heartbeat('A', 0)
    expect(joined).toMatchObject({ error: 'NONE', memberId: 'A', memberEpoch: 1, heartbeatIntervalMs: 5000 })
    expect(joined.assignment).toEqual(orders(0, 1, 2, 3))
    expect((await describeGroup()).groupState).toBe('Stable')
    const next = await heartbeat('A', 1, orders(0, 1, 2, 3))
    expect(next).toMatchObject({ memberEpoch: 1, assignment: null })
  })

  it('a second member gets partitions only once the first revoked them (no partition owned twice)', async () => {
    const { heartbeat, describeGroup, coordinator } = setup()
    await heartbeat('A', 0)
    await heartbeat('A', 1, orders(0, 1, 2, 3))
    const b = await heartbeat('B', 0)
    // B's target is two partitions A still holds: it waits at the new epoch with nothing.
    expect(b).toMatchObject({ memberEpoch: 2, assignment: [] })
    let group = await describeGroup()
    expect(group).toMatchObject({ groupEpoch: 2, assignmentEpoch: 2, groupState: 'Reconciling' })
    // A is asked to revoke: its assignment shrinks, its epoch stays until it no longer owns them.
    const revoke = await heartbeat('A', 1, orders(0, 1, 2, 3))
    expect(revoke.memberEpoch).toBe(1)
    const kept = revoke.assignment ?? []
    expect(kept).toHaveLength(2)
    expect(coordinator.consumerGroups.groups.get('g')?.member('A')?.state).toBe('UNREVOKED_PARTITIONS')
    expect((await heartbeat('B', 2, [])).assignment).toBeNull()
    const acked = await heartbeat('A', 1, kept)
    expect(acked.memberEpoch).toBe(2)
    const taken = await heartbeat('B', 2, [])
    const keptKeys = kept.map((tp) => tp.partition)
    expect(taken.assignment?.map((tp) => tp.partition).sort()).toEqual(
      [0, 1, 2, 3].filter((p) => !keptKeys.includes(p)),
    )
    await heartbeat('B', 2, taken.assignment)
    group = await describeGroup()
    expect(group.groupState).toBe('Stable')
    expect(group.members.map((m) => m.memberEpoch)).toEqual([2, 2])
  })

  it('fences a greater or unknown epoch, accepts the previous one with a subset, and leaves with -1', async () => {
    const { heartbeat, describeGroup } = setup()
    await heartbeat('A', 0)
    const fenced = await heartbeat('A', 7, [])
    expect(fenced).toMatchObject({ error: 'FENCED_MEMBER_EPOCH' })
    expect(fenced.errorMessage).toBe(
      'The consumer group member has a greater member epoch (7) than the one known by the group coordinator (1). The member must abandon all its partitions and rejoin.',
    )
    expect(await heartbeat('Z', 1, [])).toMatchObject({
      error: 'UNKNOWN_MEMBER_ID',
      errorMessage: 'Member Z is not a member of group g.',
    })
    expect((await heartbeat('A', 0, [], { subscribedTopicNames: null })).errorMessage).toBe(
      'SubscribedTopicNames must be set in first request.',
    )
    expect(await heartbeat('A', -1, null)).toMatchObject({ error: 'NONE', memberEpoch: -1 })
    expect(await describeGroup()).toMatchObject({ groupState: 'Empty', groupEpoch: 2, members: [] })
  })

  it('bumps the group epoch when a subscribed topic gains partitions, and assigns the new ones', async () => {
    const partitions = { orders: 2 }
    const { heartbeat, describeGroup } = setup(partitions)
    expect((await heartbeat('A', 0)).assignment).toEqual(orders(0, 1))
    expect(await heartbeat('A', 1, orders(0, 1))).toMatchObject({ memberEpoch: 1, assignment: null })
    partitions.orders = 3
    expect(await heartbeat('A', 1, orders(0, 1))).toMatchObject({
      memberEpoch: 2,
      assignment: orders(0, 1, 2),
    })
    expect(await describeGroup()).toMatchObject({ groupEpoch: 2, assignmentEpoch: 2 })
  })

  it('refuses an assignor the broker does not have', async () => {
    const { heartbeat } = setup()
    expect(await heartbeat('A', 0, [], { serverAssignor: 'sticky' })).toMatchObject({
      error: 'UNSUPPORTED_ASSIGNOR',
      errorMessage: 'ServerAssignor sticky is not supported. Supported assignors: uniform, range.',
    })
  })

  it('removes a member that stops heartbeating after group.consumer.session.timeout.ms', async () => {
    const { heartbeat, describeGroup, scheduler } = setup()
    await heartbeat('A', 0)
    await heartbeat('B', 0)
    await scheduler.advance(30_000)
    await heartbeat('A', 1, null)
    await scheduler.advance(20_000)
    await settle()
    const group = await describeGroup()
    expect(group.members.map((m) => m.memberId)).toEqual(['A'])
    // The removal bumped the group epoch: once A owns nothing it was asked to revoke, it takes every partition.
    const next = await heartbeat('A', 1, [])
    expect(next).toMatchObject({ memberEpoch: 3, assignment: orders(0, 1, 2, 3) })
  })

  it('fences a member that does not revoke within its rebalance timeout', async () => {
    const { heartbeat, describeGroup, scheduler } = setup()
    await heartbeat('A', 0, [], { rebalanceTimeoutMs: 10_000 })
    await heartbeat('B', 0)
    await heartbeat('A', 1, orders(0, 1, 2, 3))
    await scheduler.advance(9_000)
    await heartbeat('A', 1, orders(0, 1, 2, 3))
    await heartbeat('B', 2, [])
    await scheduler.advance(2_000)
    expect((await describeGroup()).members.map((m) => m.memberId)).toEqual(['B'])
  })

  it('the range assignor when the members ask for it with group.remote.assignor', async () => {
    const { heartbeat, describeGroup } = setup()
    await heartbeat('A', 0, [], { serverAssignor: 'range' })
    expect((await describeGroup()).assignorName).toBe('range')
  })

  it('conflicts with a classic group of the same id, and an empty group of either kind gives way', async () => {
    const { heartbeat, coordinator } = setup()
    const classicJoin = () => classicJoinGroup(coordinator, '')
    await heartbeat('A', 0)
    expect((await classicJoin()).error).toBe('INCONSISTENT_GROUP_PROTOCOL')
    await heartbeat('A', -1, null)
    expect((await classicJoin()).error).toBe('MEMBER_ID_REQUIRED')
    expect(coordinator.consumerGroups.groups.has('g')).toBe(false)
  })

  it('a consumer group member on a classic group with members gets GROUP_ID_NOT_FOUND', async () => {
    const { coordinator, heartbeat } = setup()
    const join = (memberId: string) => classicJoinGroup(coordinator, memberId)
    const { memberId } = await join('')
    void join(memberId)
    await settle()
    expect(await heartbeat('A', 0)).toMatchObject({
      error: 'GROUP_ID_NOT_FOUND',
      errorMessage: 'Group g is not a consumer group.',
    })
  })

  it('commits offsets at the member epoch (STALE_MEMBER_EPOCH otherwise), lists, and deletes once empty', async () => {
    const { coordinator, heartbeat } = setup()
    await heartbeat('A', 0)
    const commit = (memberId: string, epoch: number) =>
      coordinator.commitOffsets({
        groupId: 'g',
        generationIdOrMemberEpoch: epoch,
        memberId,
        groupInstanceId: null,
        topics: [
          {
            name: 'orders',
            partitions: [
              { partitionIndex: 0, committedOffset: 5, committedLeaderEpoch: 0, committedMetadata: '' },
            ],
          },
        ],
      })
    const error = async (memberId: string, epoch: number) =>
      (await commit(memberId, epoch)).topics[0]?.partitions[0]?.error
    expect(await error('A', 1)).toBe('NONE')
    expect(await error('A', 0)).toBe('STALE_MEMBER_EPOCH')
    expect(await error('', -1)).toBe('UNKNOWN_MEMBER_ID')
    expect((await coordinator.listGroups({ statesFilter: [] })).groups).toEqual([
      { groupId: 'g', protocolType: 'consumer', groupState: 'Stable', groupType: 'consumer' },
    ])
    expect((await coordinator.deleteGroups(['g'])).results).toEqual([
      { groupId: 'g', error: 'NON_EMPTY_GROUP' },
    ])
    await heartbeat('A', -1, null)
    expect((await coordinator.deleteGroups(['g'])).results).toEqual([{ groupId: 'g', error: 'NONE' }])
    expect(coordinator.offsets.hasOffsets('g')).toBe(false)
    expect((await coordinator.listGroups({ statesFilter: [] })).groups).toEqual([])
  })

  it('DeleteGroups waits for the pending writes of the group: a joining member makes it NON_EMPTY_GROUP, a leaving one lets it go', async () => {
    // Appends complete only when the test says so, so a heartbeat's write is still pending when DeleteGroups comes.
    const pending: (() => void)[] = []
    const { coordinator, heartbeat } = setup(
      { orders: 4 },
      () => new Promise((resolve) => pending.push(resolve)),
    )
    const completeAppends = async () => {
      for (let round = 0; round < 10; round++) {
        await settle()
        while (pending.length > 0) pending.shift()!()
      }
    }
    const joined = heartbeat('A', 0)
    const deleteWhileJoining = coordinator.deleteGroups(['g'])
    await completeAppends()
    expect((await joined).error).toBe('NONE')
    expect((await deleteWhileJoining).results).toEqual([{ groupId: 'g', error: 'NON_EMPTY_GROUP' }])

    const left = heartbeat('A', -1, null)
    const deleteWhileLeaving = coordinator.deleteGroups(['g'])
    await completeAppends()
    expect((await left).error).toBe('NONE')
    expect((await deleteWhileLeaving).results).toEqual([{ groupId: 'g', error: 'NONE' }])
    expect(coordinator.consumerGroups.groups.has('g')).toBe(false)
  })
})
