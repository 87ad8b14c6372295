/**
 * KIP-848 consumer groups (group.protocol=consumer) end to end on a 3-node cluster in the simulation,
 * through the real clients: two members split a 4-partition topic by the uniform assignor while the first
 * keeps consuming (no stop-the-world rebalance: it never gives up the partitions it keeps), every record is
 * read once; the Admin describes the group with ConsumerGroupDescribe (member epochs, target assignment);
 * when one member closes (epoch -1) the other takes every partition; configs the protocol refuses fail the
 * consumer's construction.
 */
import { describe, expect, it } from 'vitest'
import { ClusterKafkaClients } from '../../../../workers/clients/kafka/kafka-clients.ts'
import type { ConsumerRecord } from '../../../../workers/clients/kafka/api.ts'
import { BOOTSTRAP, clusterWithRecords, consumerOf, pollAll } from './group-fixtures.ts'

const CONSUMER_PROTOCOL = { 'group.protocol': 'consumer' }
const partitionsOf = (records: readonly ConsumerRecord[]): number[] =>
  [...new Set(records.map((r) => r.partition))].sort()

describe('consumer-protocol groups on a 3-node cluster', () => {
  it('splits the partitions between two members without stopping the first, and reassigns when one leaves', async () => {
    const cluster = await clusterWithRecords(11)
    const first = consumerOf(cluster, 'c1', CONSUMER_PROTOCOL)
    await cluster.run(first.subscribe(['t']))
    const [alone] = await pollAll(cluster, [first], 2)
    expect(partitionsOf(alone!)).toEqual([0, 1, 2, 3])
    // Each consumer draws its member id from its own random source.
    const second = consumerOf(cluster, 'c2', CONSUMER_PROTOCOL, 8)
    await cluster.run(second.subscribe(['t']))
    // The first member polls on through the rebalance: its heartbeats revoke two partitions, then the
    // second member's heartbeat gets them.
    const [more, got2] = await pollAll(cluster, [first, second], 12)
    expect(more).toEqual([])
    expect(got2).toEqual([])
    const admin = new ClusterKafkaClients(cluster, cluster.engine, cluster.queue, 3).admin(BOOTSTRAP)
    const [group] = await cluster.run(admin.describeConsumerGroups(['g']))
    expect(group).toMatchObject({
      state: 'Stable',
      type: 'consumer',
      partitionAssignor: 'uniform',
      groupEpoch: 2,
    })
    expect(group!.targetAssignmentEpoch).toBe(2)
    const assignments = group!.members.map((m) => m.assignment.map((tp) => tp.partition).sort())
    expect(assignments.map((a) => a.length)).toEqual([2, 2])
    expect(assignments.flat().sort()).toEqual([0, 1, 2, 3])
    for (const member of group!.members) {
      expect(member.memberEpoch).toBe(2)
      expect(member.targetAssignment).toEqual(member.assignment)
    }
    await cluster.run(first.close())
    await cluster.advance(6_000)
    await pollAll(cluster, [second], 2)
    const [after] = await cluster.run(admin.describeConsumerGroups(['g']))
    expect(after!.members).toHaveLength(1)
    expect(after!.members[0]!.assignment.map((tp) => tp.partition)).toEqual([0, 1, 2, 3])
    expect(after!.groupEpoch).toBe(3)
    await cluster.run(second.close())
  })

  it('commits with the member epoch: a second run of the group starts where the first stopped', async () => {
    const cluster = await clusterWithRecords(12)
    const first = consumerOf(cluster, 'c1', CONSUMER_PROTOCOL)
    await cluster.run(first.subscribe(['t']))
    const [read] = await pollAll(cluster, [first], 3)
    expect(read).toHaveLength(12)
    await cluster.run(first.close())
    const admin = new ClusterKafkaClients(cluster, cluster.engine, cluster.queue, 3).admin(BOOTSTRAP)
    const offsets = await cluster.run(admin.listConsumerGroupOffsets('g'))
    expect(offsets.map((o) => o.offset)).toEqual([3, 3, 3, 3])
    const again = consumerOf(cluster, 'c2', CONSUMER_PROTOCOL, 8)
    await cluster.run(again.subscribe(['t']))
    expect((await pollAll(cluster, [again], 2))[0]).toEqual([])
    await cluster.run(again.close())
  })

  it('refuses partition.assignment.strategy, heartbeat.interval.ms and session.timeout.ms with ConfigException', async () => {
    const cluster = await clusterWithRecords(13)
    expect(() =>
      consumerOf(cluster, 'c1', {
        ...CONSUMER_PROTOCOL,
        'partition.assignment.strategy': 'range',
        'session.timeout.ms': '10000',
      }),
    ).toThrow('partition.assignment.strategy, session.timeout.ms cannot be set when group.protocol=CONSUMER')
    expect(() => consumerOf(cluster, 'c1', { 'group.remote.assignor': 'range' })).toThrow(
      'group.remote.assignor cannot be set when group.protocol=CLASSIC',
    )
    expect(() => consumerOf(cluster, 'c1', { 'group.protocol': 'eager' })).toThrow(
      'Invalid value eager for configuration group.protocol: String must be one of (case insensitive): CLASSIC, CONSUMER',
    )
  })
})
