/**
 * Consumer groups end to end on a 3-node KRaft cluster in the simulation, through the real clients:
 * FindCoordinator creates __consumer_offsets (50 partitions, RF 3, compacted, internal); two consumers of
 * one group split a 4-partition topic by the range assignor (Kafka 4's default strategy list selects
 * "range"); when one closes (LeaveGroup) the other rebalances to every partition; offsets committed on
 * close survive killing the broker that leads the group's offsets partition, because the new leader loads
 * them from its replica of that partition.
 */
import { describe, expect, it } from 'vitest'
import { ClusterKafkaClients } from '../../../../workers/clients/kafka/kafka-clients.ts'
import type { ConsumerRecord } from '../../../../workers/clients/kafka/api.ts'
import { coordinatorPartition } from '../../../../workers/net/java-hash.ts'
import { BOOTSTRAP, clusterWithRecords, consumerOf, pollAll } from './group-fixtures.ts'

describe('consumer groups on a 3-node cluster', () => {
  it('creates __consumer_offsets on first need: 50 partitions, RF 3, compacted, internal', async () => {
    const cluster = await clusterWithRecords(1)
    const found = await cluster.run(cluster.server(2).api.findCoordinator('g'))
    expect(found.error).toBe('NONE')
    const metadata = await cluster.run(cluster.server(1).api.metadata(['__consumer_offsets']))
    const topic = metadata.topics[0]!
    expect(topic.isInternal).toBe(true)
    expect(topic.partitions).toHaveLength(50)
    expect(topic.partitions.every((p) => p.replicas.length === 3)).toBe(true)
    const leader = topic.partitions.find((p) => p.partition === coordinatorPartition('g', 50))!.leader
    expect(found.nodeId).toBe(leader)
    expect(found.port).toBe(9091 + leader)
    const configs = await cluster.run(cluster.server(1).api.describeTopicConfigs('__consumer_offsets'))
    expect(configs.configs.find((c) => c.name === 'cleanup.policy')?.value).toBe('compact')
    // Every other broker is not the coordinator of g.
    for (const id of [1, 2, 3].filter((id) => id !== leader)) {
      const answer = await cluster.run(
        cluster
          .server(id)
          .api.heartbeat({ groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null }),
      )
      expect(answer.error).toBe('NOT_COORDINATOR')
    }
  })

  it('splits partitions between two members by range, and rebalances when one leaves', async () => {
    const cluster = await clusterWithRecords(2)
    const [c1, c2] = [consumerOf(cluster, 'c1'), consumerOf(cluster, 'c2')]
    await cluster.run(Promise.all([c1.subscribe(['t']), c2.subscribe(['t'])]))
    const [got1, got2] = await pollAll(cluster, [c1, c2], 12)
    const partitionsOf = (records: ConsumerRecord[]) => [...new Set(records.map((r) => r.partition))].sort()
    // Range: members sorted by member id (client.id-uuid), c1 first: c1 gets 0-1, c2 gets 2-3.
    expect(partitionsOf(got1!)).toEqual([0, 1])
    expect(partitionsOf(got2!)).toEqual([2, 3])
    expect(got1!.length + got2!.length).toBe(12)
    const admin = new ClusterKafkaClients(cluster, cluster.engine, cluster.queue, 3).admin(BOOTSTRAP)
    const [stable] = await cluster.run(admin.describeConsumerGroups(['g']))
    expect(stable!.state).toBe('Stable')
    expect(stable!.partitionAssignor).toBe('range')
    expect(
      stable!.members.map((m) => [m.clientId, m.host, m.assignment.map((tp) => tp.partition)]).sort(),
    ).toEqual([
      ['c1', '/127.0.0.1', [0, 1]],
      ['c2', '/127.0.0.1', [2, 3]],
    ])
    expect(
      stable!.members.every((m) =>
        /^c[12]-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(m.memberId),
      ),
    ).toBe(true)

    await cluster.run(c2.close())
    await pollAll(cluster, [c1], 6)
    const [after] = await cluster.run(admin.describeConsumerGroups(['g']))
    expect(after!.members.map((m) => [m.clientId, m.assignment.map((tp) => tp.partition)])).toEqual([
      ['c1', [0, 1, 2, 3]],
    ])
    // c2 committed 2-3 at 3 when it closed; c1 picked them up there and found nothing more.
    const offsets = await cluster.run(admin.listConsumerGroupOffsets('g'))
    expect(offsets.filter((o) => o.partition >= 2).map((o) => [o.partition, o.offset])).toEqual([
      [2, 3],
      [3, 3],
    ])
    await cluster.run(c1.close())
    const [empty] = await cluster.run(admin.describeConsumerGroups(['g']))
    expect([empty!.state, empty!.members]).toEqual(['Empty', []])
  })

  it('keeps committed offsets when the broker leading the offsets partition is killed', async () => {
    const cluster = await clusterWithRecords(3)
    const consumer = consumerOf(cluster, 'c1')
    await cluster.run(consumer.subscribe(['t']))
    const [got] = await pollAll(cluster, [consumer], 8)
    expect(got).toHaveLength(12)
    await cluster.run(consumer.close())
    const admin = new ClusterKafkaClients(cluster, cluster.engine, cluster.queue, 4).admin(BOOTSTRAP)
    const before = await cluster.run(admin.listConsumerGroupOffsets('g'))
    expect(before.map((o) => [o.topic, o.partition, o.offset])).toEqual([0, 1, 2, 3].map((p) => ['t', p, 3]))
    const [group] = await cluster.run(admin.describeConsumerGroups(['g']))
    const coordinator = group!.coordinator.id
    cluster.kill(coordinator)
    await cluster.advance(15_000)
    const survivor = [1, 2, 3].find((id) => id !== coordinator)!
    const moved = await cluster.run(cluster.server(survivor).api.findCoordinator('g'))
    expect(moved.error).toBe('NONE')
    expect(moved.nodeId).not.toBe(coordinator)
    const survivorAdmin = new ClusterKafkaClients(cluster, cluster.engine, cluster.queue, 5).admin(
      `localhost:${9091 + survivor}`,
    )
    expect(await cluster.run(survivorAdmin.listConsumerGroupOffsets('g'))).toEqual(before)
    // A new member of the group starts from the committed offsets: nothing left to read.
    const again = new ClusterKafkaClients(cluster, cluster.engine, cluster.queue, 6).consumer(
      `localhost:${9091 + survivor}`,
      { 'group.id': 'g', 'auto.offset.reset': 'earliest' },
    )
    await cluster.run(again.subscribe(['t']))
    expect((await pollAll(cluster, [again], 6))[0]).toEqual([])
    await cluster.run(again.close())
  })
})
