import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildConstrainedAssignment } from '../../../../workers/clients/kafka/consumer/assignors/constrained-assignment-builder.ts'
import type { MemberSubscription, TopicPartition } from '../../../../workers/protocol/consumer-protocol.ts'
import { CooperativeStickyAssignor } from '../../../../workers/clients/kafka/consumer/assignors/cooperative-sticky-assignor.ts'
import { readOwnedPartitions } from '../../../../workers/clients/kafka/consumer/assignors/sticky-owned-partitions.ts'
import { sorted, subscription, tps } from './fixtures.ts'

// Expected values ported from apache/kafka AbstractStickyAssignorTest / CooperativeStickyAssignorTest.
const assignor = new CooperativeStickyAssignor()
const gen = 1

function sticky(topics: Map<string, number>, subs: Map<string, MemberSubscription>) {
  return buildConstrainedAssignment(topics, readOwnedPartitions(new Set(topics.keys()), subs))
}

describe('sticky constrained assignment (AbstractStickyAssignorTest)', () => {
  it('testTwoConsumersTwoTopicsSixPartitions', () => {
    const out = assignor.assign(
      new Map([
        ['topic1', 3],
        ['topic2', 3],
      ]),
      new Map([
        ['consumer1', subscription(['topic1', 'topic2'])],
        ['consumer2', subscription(['topic1', 'topic2'])],
      ]),
    )
    expect(out.get('consumer1')).toEqual([...tps('topic1', 0, 2), ...tps('topic2', 1)])
    expect(out.get('consumer2')).toEqual([...tps('topic1', 1), ...tps('topic2', 0, 2)])
  })

  it('testAllConsumersAreUnderMinQuota', () => {
    const all = ['topic1', 'topic2']
    const { assignment, partitionsTransferringOwnership } = sticky(
      new Map([
        ['topic1', 2],
        ['topic2', 3],
      ]),
      new Map([
        ['consumer1', subscription(all, tps('topic1', 0), gen)],
        ['consumer2', subscription(all, tps('topic1', 1), gen)],
        ['consumer3', subscription(all, [], gen)],
      ]),
    )
    expect(partitionsTransferringOwnership?.size).toBe(0)
    expect(assignment.get('consumer1')).toEqual([...tps('topic1', 0), ...tps('topic2', 1)])
    expect(assignment.get('consumer2')).toEqual([...tps('topic1', 1), ...tps('topic2', 2)])
    expect(assignment.get('consumer3')).toEqual(tps('topic2', 0))
  })

  it('testAddRemoveConsumerOneTopic, with the cooperative hold-back', () => {
    const topics = new Map([['topic', 3]])
    const first = assignor.assign(topics, new Map([['consumer1', subscription(['topic'])]]))
    expect(first.get('consumer1')).toEqual(tps('topic', 0, 1, 2))
    const twoMembers = new Map([
      ['consumer1', subscription(['topic'], tps('topic', 0, 1, 2), gen)],
      ['consumer2', subscription(['topic'], [], gen)],
    ])
    const { assignment, partitionsTransferringOwnership } = sticky(topics, twoMembers)
    expect(partitionsTransferringOwnership).toEqual(new Map([['topic-2', 'consumer2']]))
    expect(assignment.get('consumer1')).toEqual(tps('topic', 0, 1))
    expect(assignment.get('consumer2')).toEqual(tps('topic', 2))
    // Cooperative: topic-2 is revoked from consumer1 first and handed out in the next rebalance.
    const held = assignor.assign(topics, twoMembers)
    expect(held.get('consumer1')).toEqual(tps('topic', 0, 1))
    expect(held.get('consumer2')).toEqual([])
    const next = assignor.assign(
      topics,
      new Map([
        ['consumer1', subscription(['topic'], tps('topic', 0, 1), gen + 1)],
        ['consumer2', subscription(['topic'], [], gen + 1)],
      ]),
    )
    expect(next.get('consumer2')).toEqual(tps('topic', 2))
    const alone = assignor.assign(
      topics,
      new Map([['consumer2', subscription(['topic'], tps('topic', 2), gen + 2)]]),
    )
    expect(sorted(alone.get('consumer2'))).toEqual(tps('topic', 0, 1, 2))
  })

  it('testAddRemoveTwoConsumersTwoTopics', () => {
    const all = ['topic1', 'topic2']
    const topics = new Map([
      ['topic1', 3],
      ['topic2', 4],
    ])
    const start = sticky(
      topics,
      new Map([
        ['consumer1', subscription(all)],
        ['consumer2', subscription(all)],
      ]),
    ).assignment
    expect(start.get('consumer1')).toEqual([...tps('topic1', 0, 2), ...tps('topic2', 1, 3)])
    expect(start.get('consumer2')).toEqual([...tps('topic1', 1), ...tps('topic2', 0, 2)])
    const { assignment, partitionsTransferringOwnership } = sticky(
      topics,
      new Map([
        ['consumer1', subscription(all, start.get('consumer1'), gen)],
        ['consumer2', subscription(all, start.get('consumer2'), gen)],
        ['consumer3', subscription(all, [], gen)],
        ['consumer4', subscription(all, [], gen)],
      ]),
    )
    expect(partitionsTransferringOwnership).toEqual(
      new Map([
        ['topic1-2', 'consumer3'],
        ['topic2-3', 'consumer3'],
        ['topic2-2', 'consumer4'],
      ]),
    )
    expect(assignment.get('consumer1')).toEqual([...tps('topic1', 0), ...tps('topic2', 1)])
    expect(assignment.get('consumer2')).toEqual([...tps('topic2', 0), ...tps('topic1', 1)])
    expect(assignment.get('consumer3')).toEqual([...tps('topic1', 2), ...tps('topic2', 3)])
    expect(assignment.get('consumer4')).toEqual(tps('topic2', 2))
    const after = sticky(
      topics,
      new Map([
        ['consumer3', subscription(all, assignment.get('consumer3'), gen)],
        ['consumer4', subscription(all, assignment.get('consumer4'), gen)],
      ]),
    ).assignment
    expect(after.get('consumer3')).toEqual([
      ...tps('topic1', 2),
      ...tps('topic2', 3),
      ...tps('topic1', 0),
      ...tps('topic2', 1),
    ])
    expect(after.get('consumer4')).toEqual([...tps('topic2', 2), ...tps('topic1', 1), ...tps('topic2', 0)])
  })
})

const arbitraryGroup = fc.record({
  counts: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }),
  members: fc.integer({ min: 1, max: 5 }),
  heterogeneous: fc.boolean(),
  seedOwners: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 18 }),
})

interface Group {
  counts: number[]
  members: number
  heterogeneous: boolean
  seedOwners: number[]
}

function setup(g: Group) {
  const topics = new Map<string, number>(g.counts.map((n, i) => [`t${i}`, n]))
  const names = [...topics.keys()]
  const all = names.flatMap((t) => tps(t, ...Array.from({ length: topics.get(t) ?? 0 }, (_, p) => p)))
  const subs = new Map<string, MemberSubscription>()
  for (let m = 0; m < g.members; m++) {
    const mine = g.heterogeneous && m % 2 === 1 ? names.slice(0, 1) : names
    const owned = all.filter((p, i) => (g.seedOwners[i] ?? -1) === m && mine.includes(p.topic))
    subs.set(`member-${m}`, subscription(mine, owned, 3))
  }
  return { topics, subs, all }
}

const key = (p: TopicPartition): string => `${p.topic}-${p.partition}`

describe('CooperativeStickyAssignor properties', () => {
  it('assigns each partition at most once, only to subscribers, and never to a new owner while it is still owned', () => {
    fc.assert(
      fc.property(arbitraryGroup, (g) => {
        const { topics, subs, all } = setup(g)
        const out = assignor.assign(topics, subs)
        const owners = new Map<string, string>()
        for (const [member, list] of out)
          for (const p of list) {
            expect(owners.has(key(p))).toBe(false)
            owners.set(key(p), member)
            expect(subs.get(member)?.topics).toContain(p.topic)
            const previous = [...subs].find(([, s]) => s.ownedPartitions.some((o) => key(o) === key(p)))?.[0]
            if (previous !== undefined) expect(previous).toBe(member)
          }
        // after the owners revoke (second round), every subscribed partition is assigned exactly once
        const second = new Map(
          [...subs].map(
            ([m, s]) => [m, { ...s, ownedPartitions: out.get(m) ?? [], generationId: 4 }] as const,
          ),
        )
        const final = assignor.assign(topics, second)
        const assigned = [...final.values()].flat().map(key).sort()
        const subscribed = all.filter((p) => [...subs.values()].some((s) => s.topics.includes(p.topic)))
        expect(assigned).toEqual(subscribed.map(key).sort())
      }),
    )
  })

  it('with equal subscriptions: balanced within one, and keeps owned partitions up to the quota', () => {
    fc.assert(
      fc.property(arbitraryGroup, (g) => {
        const { topics, subs, all } = setup({ ...g, heterogeneous: false })
        const out = sticky(topics, subs).assignment
        const sizes = [...out.values()].map((l) => l.length)
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
        expect([...out.values()].flat().length).toBe(all.length)
        const minQuota = Math.floor(all.length / g.members)
        for (const [member, s] of subs) {
          const kept = s.ownedPartitions.filter((p) => out.get(member)?.some((x) => key(x) === key(p))).length
          expect(kept).toBeGreaterThanOrEqual(Math.min(s.ownedPartitions.length, minQuota))
        }
      }),
    )
  })
})
