/**
 * The server-side assignors against the cases of Kafka 4.1's UniformAssignorTest /
 * OptimizedUniformAssignmentBuilderTest and RangeAssignorTest: first assignments, members added and removed,
 * subscriptions changed, topics that do not exist; every result checked for balance and for each partition
 * assigned exactly once.
 */
import { describe, expect, it } from 'vitest'
import type { GroupAssignment, GroupSpec } from '../../../../workers/kafka/group/assignors/assignment-spec.ts'
import { PartitionAssignorException } from '../../../../workers/kafka/group/assignors/assignment-spec.ts'
import { rangeAssignor } from '../../../../workers/kafka/group/assignors/range-assignor.ts'
import { uniformAssignor } from '../../../../workers/kafka/group/assignors/uniform-assignor.ts'

type Plain = Record<string, Record<string, number[]>>

function spec(
  members: Record<string, { topics: string[]; assignment?: Record<string, number[]> }>,
): GroupSpec {
  return {
    members: new Map(
      Object.entries(members).map(([id, m]) => [
        id,
        {
          subscribedTopicNames: m.topics,
          assignment: new Map(Object.entries(m.assignment ?? {})),
        },
      ]),
    ),
  }
}

function plain(assignment: GroupAssignment): Plain {
  return Object.fromEntries(
    [...assignment].map(([id, topics]) => [
      id,
      Object.fromEntries([...topics].map(([t, ps]) => [t, [...ps]])),
    ]),
  )
}

const counts =
  (topics: Record<string, number>) =>
  (topic: string): number =>
    topics[topic] ?? -1

function checkValid(
  result: Plain,
  topics: Record<string, number>,
  subscriptions: Record<string, string[]>,
): void {
  const seen = new Set<string>()
  for (const [member, assignment] of Object.entries(result))
    for (const [topic, partitions] of Object.entries(assignment)) {
      expect(subscriptions[member]).toContain(topic)
      for (const p of partitions) {
        expect(seen.has(`${topic}:${p}`)).toBe(false)
        seen.add(`${topic}:${p}`)
      }
    }
  const wanted = Object.entries(topics)
    .filter(([topic]) => Object.values(subscriptions).some((s) => s.includes(topic)))
    .reduce((n, [, c]) => n + c, 0)
  expect(seen.size).toBe(wanted)
}

const size = (a: Record<string, number[]> | undefined): number =>
  Object.values(a ?? {}).reduce((n, ps) => n + ps.length, 0)

describe('UniformAssignor (uniform)', () => {
  it('testOneMemberNoTopicSubscription: an empty assignment', () => {
    const result = plain(uniformAssignor.assign(spec({ A: { topics: [] } }), counts({ t1: 3 })))
    expect(result).toEqual({ A: {} })
  })

  it('testOneMemberSubscribedToNonexistentTopic: PartitionAssignorException', () => {
    expect(() => uniformAssignor.assign(spec({ A: { topics: ['t2'] } }), counts({ t1: 3 }))).toThrow(
      PartitionAssignorException,
    )
  })

  it('testFirstAssignmentTwoMembersTwoTopicsNoMemberRacks: 5 partitions spread 3 / 2', () => {
    const topics = { t1: 3, t3: 2 }
    const result = plain(
      uniformAssignor.assign(
        spec({ A: { topics: ['t1', 't3'] }, B: { topics: ['t1', 't3'] } }),
        counts(topics),
      ),
    )
    checkValid(result, topics, { A: ['t1', 't3'], B: ['t1', 't3'] })
    expect([size(result.A), size(result.B)].sort()).toEqual([2, 3])
    // Homogeneous: the first member in iteration order gets the extra partition.
    expect(result).toEqual({ A: { t1: [0, 1, 2] }, B: { t3: [0, 1] } })
  })

  it('testFirstAssignmentNumMembersGreaterThanTotalNumPartitions: one partition each, one member without', () => {
    const result = plain(
      uniformAssignor.assign(
        spec({ A: { topics: ['t3'] }, B: { topics: ['t3'] }, C: { topics: ['t3'] } }),
        counts({ t3: 2 }),
      ),
    )
    expect([size(result.A), size(result.B), size(result.C)]).toEqual([1, 1, 0])
  })

  it('testReassignmentForOneMemberRemovedAndOneNew (sticky): kept partitions stay with their owner', () => {
    const topics = { t1: 3, t2: 3 }
    const result = plain(
      uniformAssignor.assign(
        spec({
          A: { topics: ['t1', 't2'], assignment: { t1: [0, 1], t2: [0] } },
          B: { topics: ['t1', 't2'], assignment: { t1: [2], t2: [1, 2] } },
          C: { topics: ['t1', 't2'] },
        }),
        counts(topics),
      ),
    )
    checkValid(result, topics, { A: ['t1', 't2'], B: ['t1', 't2'], C: ['t1', 't2'] })
    expect(result).toEqual({ A: { t1: [0, 1] }, B: { t1: [2], t2: [1] }, C: { t2: [0, 2] } })
  })

  it('testReassignmentWhenOneMemberRemoved: the remaining members take its partitions', () => {
    const topics = { t1: 3, t2: 3 }
    const result = plain(
      uniformAssignor.assign(
        spec({
          A: { topics: ['t1', 't2'], assignment: { t1: [0], t2: [0] } },
          B: { topics: ['t1', 't2'], assignment: { t1: [1], t2: [1] } },
        }),
        counts(topics),
      ),
    )
    checkValid(result, topics, { A: ['t1', 't2'], B: ['t1', 't2'] })
    expect(result.A?.t1).toContain(0)
    expect(result.B?.t1).toContain(1)
    expect([size(result.A), size(result.B)]).toEqual([3, 3])
  })

  it('heterogeneous subscriptions: each member only gets its topics, balanced where it can be', () => {
    const topics = { t1: 3, t2: 3 }
    const result = plain(
      uniformAssignor.assign(
        spec({ A: { topics: ['t1', 't2'] }, B: { topics: ['t1'] }, C: { topics: ['t2'] } }),
        counts(topics),
      ),
    )
    checkValid(result, topics, { A: ['t1', 't2'], B: ['t1'], C: ['t2'] })
    expect([size(result.A), size(result.B), size(result.C)]).toEqual([2, 2, 2])
  })
})

describe('RangeAssignor (range)', () => {
  it('testFirstAssignmentTwoMembersTwoTopicsSameSubscriptions: co-partitioned ranges', () => {
    const result = plain(
      rangeAssignor.assign(
        spec({ A: { topics: ['t1', 't3'] }, B: { topics: ['t1', 't3'] } }),
        counts({ t1: 3, t3: 2 }),
      ),
    )
    expect(result).toEqual({ A: { t1: [0, 1], t3: [0] }, B: { t1: [2], t3: [1] } })
  })

  it('testFirstAssignmentThreeMembersThreeTopicsDifferentSubscriptions', () => {
    const result = plain(
      rangeAssignor.assign(
        spec({ A: { topics: ['t1', 't2'] }, B: { topics: ['t3'] }, C: { topics: ['t2', 't3'] } }),
        counts({ t1: 3, t2: 3, t3: 2 }),
      ),
    )
    expect(result).toEqual({ A: { t1: [0, 1, 2], t2: [0, 1] }, B: { t3: [0] }, C: { t2: [2], t3: [1] } })
  })

  it('testReassignmentNumMembersGreaterThanNumPartitionsWhenOneMemberAdded: sticky minimum', () => {
    const result = plain(
      rangeAssignor.assign(
        spec({
          A: { topics: ['t1', 't2'], assignment: { t1: [0, 1], t2: [0, 1] } },
          B: { topics: ['t1', 't2'], assignment: { t1: [2], t2: [2] } },
          C: { topics: ['t1', 't2'] },
        }),
        counts({ t1: 3, t2: 3 }),
      ),
    )
    expect(result).toEqual({ A: { t1: [0], t2: [0] }, B: { t1: [2], t2: [2] }, C: { t1: [1], t2: [1] } })
  })

  it('testOneConsumerNonExistentTopic: PartitionAssignorException', () => {
    expect(() => rangeAssignor.assign(spec({ A: { topics: ['t2'] } }), counts({ t1: 3 }))).toThrow(
      'Member is subscribed to a non-existent topic',
    )
  })
})
