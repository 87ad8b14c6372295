/**
 * A KIP-848 consumer group written to and reloaded from its __consumer_offsets records (Kafka 4.1's
 * GroupMetadataManager replay and CoordinatorRuntime write-then-apply): the records of a join and a leave in
 * Kafka's order; a coordinator that loads the records (encoded and decoded as the log holds them) has the
 * same group, and a member heartbeating it with its epoch carries on without a rebalance; a failed append
 * changes nothing; a deleted group stays deleted after a reload.
 */
import { describe, expect, it } from 'vitest'
import { GroupCoordinator } from '../../../../workers/kafka/group/group-coordinator.ts'
import type { ConsumerGroup } from '../../../../workers/kafka/group/consumer-group.ts'
import { decodeGroupRecord, encodeGroupRecord } from '../../../../workers/kafka/group/group-record-codec.ts'
import type { GroupCoordinatorRecord } from '../../../../workers/kafka/group/group-records.ts'
import type { TopicPartition } from '../../../../workers/protocol/consumer-protocol.ts'
import { FakeScheduler } from './fake-scheduler.ts'
import { topicImage } from './topic-image.ts'
import { heartbeatRequest } from './heartbeat-request.ts'

const topics = topicImage({ orders: 4 })

function coordinator(log: GroupCoordinatorRecord[], scheduler = new FakeScheduler()) {
  let failing = false
  const instance = new GroupCoordinator({
    scheduler,
    uuid: () => 'uuid',
    append: (records) => {
      if (failing) return Promise.reject(new Error('NOT_ENOUGH_REPLICAS'))
      log.push(...records)
      return Promise.resolve()
    },
    ...topics,
  })
  const heartbeat = (...args: Parameters<typeof heartbeatRequest>) =>
    instance.consumerGroupHeartbeat(heartbeatRequest(...args))
  const fail = (value: boolean) => void (failing = value)
  return { instance, heartbeat, fail, scheduler }
}

const orders = (...partitions: number[]): TopicPartition[] =>
  partitions.map((partition) => ({ topic: 'orders', partition }))

/** The records as the log holds them: encoded, then decoded by the loading coordinator. */
const throughLog = (log: readonly GroupCoordinatorRecord[]) =>
  log.map((record) => {
    const { key, value } = encodeGroupRecord(record)
    return decodeGroupRecord(key, value)
  })

/** Everything a consumer group holds, as plain values. */
function snapshot(group: ConsumerGroup | undefined) {
  if (group === undefined) return undefined
  return {
    groupEpoch: group.groupEpoch,
    assignmentEpoch: group.assignmentEpoch,
    metadataHash: group.metadataHash,
    state: group.state(),
    target: [...group.targetAssignment].sort(([a], [b]) => a.localeCompare(b)),
    members: group.allMembers(),
    owners: [0, 1, 2, 3].map((p) => group.owner('orders', p)),
  }
}

const types = (records: readonly GroupCoordinatorRecord[]) =>
  records.map((r) => (r.type === 'ConsumerGroupTombstone' ? `${r.recordType}:tombstone` : r.type))

describe('consumer group records in __consumer_offsets', () => {
  it('a join writes the member, the group epoch, the target assignment and the current assignment, in that order', async () => {
    const log: GroupCoordinatorRecord[] = []
    const { heartbeat } = coordinator(log)
    await heartbeat('A', 0)
    expect(types(log)).toEqual([
      'ConsumerGroupMemberMetadata',
      'ConsumerGroupMetadata',
      'ConsumerGroupTargetAssignmentMember',
      'ConsumerGroupTargetAssignmentMetadata',
      'ConsumerGroupCurrentMemberAssignment',
    ])
    expect(log[1]).toMatchObject({ epoch: 1 })
    expect((log[1] as { metadataHash: number }).metadataHash).not.toBe(0)
    expect(log[4]).toMatchObject({ memberEpoch: 1, previousMemberEpoch: 0, state: 'STABLE' })
    log.length = 0
    await heartbeat('A', 1, orders(0, 1, 2, 3))
    expect(log).toEqual([])
  })

  it('a leave writes the member tombstones (current, target, subscription), then the bumped group epoch', async () => {
    const log: GroupCoordinatorRecord[] = []
    const { heartbeat } = coordinator(log)
    await heartbeat('A', 0)
    log.length = 0
    await heartbeat('A', -1, null)
    expect(types(log)).toEqual(['8:tombstone', '7:tombstone', '5:tombstone', 'ConsumerGroupMetadata'])
  })

  it('a new coordinator loading the records has the same group, and its members carry on at their epochs', async () => {
    const log: GroupCoordinatorRecord[] = []
    const first = coordinator(log)
    await first.heartbeat('A', 0)
    await first.heartbeat('B', 0)
    // A is asked to give up two partitions and has not yet: mid-rebalance, UNREVOKED_PARTITIONS.
    await first.heartbeat('A', 1, orders(0, 1, 2, 3))
    const before = snapshot(first.instance.consumerGroups.groups.get('g'))
    expect(before?.state).toBe('Reconciling')

    const second = coordinator([])
    second.instance.load(throughLog(log))
    expect(snapshot(second.instance.consumerGroups.groups.get('g'))).toEqual(before)
    const [described] = (await second.instance.consumerGroupDescribe(['g'])).groups
    const [original] = (await first.instance.consumerGroupDescribe(['g'])).groups
    expect(described).toEqual(original)

    // The members go on with the epochs they had: no rejoin, no new group epoch.
    const a = await second.heartbeat('A', 1, orders(0, 1))
    expect(a).toMatchObject({ error: 'NONE', memberEpoch: 2 })
    const b = await second.heartbeat('B', 2, [])
    expect(b).toMatchObject({ error: 'NONE', memberEpoch: 2 })
    expect(b.assignment?.length).toBe(2)
    expect(second.instance.consumerGroups.groups.get('g')?.groupEpoch).toBe(before?.groupEpoch)
  })

  it('a loaded member that stops heartbeating is fenced after its session timeout', async () => {
    const log: GroupCoordinatorRecord[] = []
    await coordinator(log).heartbeat('A', 0)
    const scheduler = new FakeScheduler()
    const loaded = coordinator([], scheduler)
    loaded.instance.load(throughLog(log))
    await scheduler.advance(45_000)
    expect(loaded.instance.consumerGroups.groups.get('g')?.numMembers()).toBe(0)
  })

  it('a failed append changes nothing: the heartbeat fails and the group is as before', async () => {
    const log: GroupCoordinatorRecord[] = []
    const { instance, heartbeat, fail } = coordinator(log)
    await heartbeat('A', 0)
    const before = snapshot(instance.consumerGroups.groups.get('g'))
    fail(true)
    await expect(heartbeat('B', 0)).rejects.toThrow('NOT_ENOUGH_REPLICAS')
    expect(snapshot(instance.consumerGroups.groups.get('g'))).toEqual(before)
    fail(false)
    expect(await heartbeat('B', 0)).toMatchObject({ error: 'NONE', memberEpoch: 2 })
  })

  it('a write that completes after the group left this coordinator is not applied here', async () => {
    let release: () => void = () => undefined
    const instance = new GroupCoordinator({
      scheduler: new FakeScheduler(),
      uuid: () => 'uuid',
      append: () => new Promise<void>((resolve) => (release = resolve)),
      ...topics,
    })
    const joined = instance.consumerGroupHeartbeat({
      groupId: 'g',
      memberId: 'A',
      memberEpoch: 0,
      instanceId: null,
      rackId: null,
      rebalanceTimeoutMs: 300_000,
      subscribedTopicNames: ['orders'],
      serverAssignor: null,
      topicPartitions: [],
      clientId: 'c',
      clientHost: '/127.0.0.1',
    })
    await Promise.resolve()
    instance.unload(() => false)
    release()
    expect(await joined).toMatchObject({ error: 'NONE', memberEpoch: 1 })
    expect(instance.consumerGroups.groups.has('g')).toBe(false)
  })

  it('a deleted group writes its tombstones and is gone after a reload', async () => {
    const log: GroupCoordinatorRecord[] = []
    const { instance, heartbeat } = coordinator(log)
    await heartbeat('A', 0)
    await heartbeat('A', -1, null)
    const start = log.length
    expect((await instance.deleteGroups(['g'])).results).toEqual([{ groupId: 'g', error: 'NONE' }])
    expect(types(log.slice(start))).toEqual(['6:tombstone', '3:tombstone'])
    const reloaded = coordinator([])
    reloaded.instance.load(throughLog(log))
    expect(reloaded.instance.consumerGroups.groups.has('g')).toBe(false)
    expect((await reloaded.instance.listGroups({ statesFilter: [] })).groups).toEqual([])
  })
})
