import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RangeAssignor } from '../../../../workers/clients/kafka/consumer/assignors/range-assignor.ts'
import { sorted, subscription, tps } from './fixtures.ts'

// Expected values ported from apache/kafka clients/src/test/.../consumer/RangeAssignorTest.java.
const assignor = new RangeAssignor()
const t1 = 'topic1'
const t2 = 'topic2'

describe('RangeAssignor (RangeAssignorTest)', () => {
  it('testOneConsumerNoTopic / testOneConsumerNonexistentTopic', () => {
    expect(assignor.assign(new Map(), new Map([['consumer1', subscription([])]]))).toEqual(
      new Map([['consumer1', []]]),
    )
    expect(assignor.assign(new Map(), new Map([['consumer1', subscription([t1])]]))).toEqual(
      new Map([['consumer1', []]]),
    )
  })

  it('testOneConsumerOneTopic and testOnlyAssignsPartitionsFromSubscribedTopics', () => {
    const out = assignor.assign(
      new Map([
        [t1, 3],
        ['other', 3],
      ]),
      new Map([['consumer1', subscription([t1])]]),
    )
    expect(out.get('consumer1')).toEqual(tps(t1, 0, 1, 2))
  })

  it('testOneConsumerMultipleTopics', () => {
    const out = assignor.assign(
      new Map([
        [t1, 1],
        [t2, 2],
      ]),
      new Map([['consumer1', subscription([t1, t2])]]),
    )
    expect(sorted(out.get('consumer1'))).toEqual([...tps(t1, 0), ...tps(t2, 0, 1)])
  })

  it('testTwoConsumersOneTopicOnePartition / TwoPartitions', () => {
    const two = new Map([
      ['consumer1', subscription([t1])],
      ['consumer2', subscription([t1])],
    ])
    expect(assignor.assign(new Map([[t1, 1]]), two)).toEqual(
      new Map([
        ['consumer1', tps(t1, 0)],
        ['consumer2', []],
      ]),
    )
    const out = assignor.assign(new Map([[t1, 2]]), two)
    expect(out.get('consumer1')).toEqual(tps(t1, 0))
    expect(out.get('consumer2')).toEqual(tps(t1, 1))
  })

  it('testMultipleConsumersMixedTopics', () => {
    const out = assignor.assign(
      new Map([
        [t1, 3],
        [t2, 2],
      ]),
      new Map([
        ['consumer1', subscription([t1])],
        ['consumer2', subscription([t1, t2])],
        ['consumer3', subscription([t1])],
      ]),
    )
    expect(out.get('consumer1')).toEqual(tps(t1, 0))
    expect(sorted(out.get('consumer2'))).toEqual([...tps(t1, 1), ...tps(t2, 0, 1)])
    expect(out.get('consumer3')).toEqual(tps(t1, 2))
  })

  it('testTwoConsumersTwoTopicsSixPartitions', () => {
    const out = assignor.assign(
      new Map([
        [t1, 3],
        [t2, 3],
      ]),
      new Map([
        ['consumer1', subscription([t1, t2])],
        ['consumer2', subscription([t1, t2])],
      ]),
    )
    expect(sorted(out.get('consumer1'))).toEqual([...tps(t1, 0, 1), ...tps(t2, 0, 1)])
    expect(sorted(out.get('consumer2'))).toEqual([...tps(t1, 2), ...tps(t2, 2)])
  })

  it('testTwoStaticConsumersTwoTopicsSixPartitions and one static, one dynamic: instance ids sort first', () => {
    const topics = new Map([
      [t1, 3],
      [t2, 3],
    ])
    for (const highInstance of ['instance2', null]) {
      const out = assignor.assign(
        topics,
        new Map([
          ['consumer-b', subscription([t1, t2], [], -1, 'instance1')],
          ['consumer-a', subscription([t1, t2], [], -1, highInstance)],
        ]),
      )
      expect(sorted(out.get('consumer-b'))).toEqual([...tps(t1, 0, 1), ...tps(t2, 0, 1)])
      expect(sorted(out.get('consumer-a'))).toEqual([...tps(t1, 2), ...tps(t2, 2)])
    }
  })

  it('testStaticMemberRangeAssignmentPersistent', () => {
    const topics = new Map([
      [t1, 5],
      [t2, 4],
    ])
    const members = new Map([
      ['consumer1', subscription([t1, t2], [], -1, 'instance1')],
      ['consumer2', subscription([t1, t2], [], -1, 'instance2')],
      ['consumer3', subscription([t1, t2], [], -1, 'instance3')],
      ['consumer4', subscription([t1, t2])],
    ])
    const expected = {
      consumer1: [...tps(t1, 0, 1), ...tps(t2, 0)],
      consumer2: [...tps(t1, 2), ...tps(t2, 1)],
      consumer3: [...tps(t1, 3), ...tps(t2, 2)],
      consumer4: [...tps(t1, 4), ...tps(t2, 3)],
    }
    const out = assignor.assign(topics, members)
    for (const [id, list] of Object.entries(expected)) expect(sorted(out.get(id))).toEqual(list)
    members.delete('consumer4')
    members.set('consumer5', subscription([t1, t2]))
    expect(sorted(assignor.assign(topics, members).get('consumer5'))).toEqual(expected.consumer4)
  })

  it('property: each subscribed partition goes to exactly one subscriber, in contiguous balanced ranges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        (counts, subs) => {
          const topics = new Map(counts.map((n, i) => [`t${i}`, n] as const))
          const members = new Map(
            subs.map(
              (flags, m) =>
                [`m${m}`, subscription(counts.flatMap((_, i) => (flags[i] ? [`t${i}`] : [])))] as const,
            ),
          )
          const out = assignor.assign(topics, members)
          for (const [topic, n] of topics) {
            const subscribers = [...members]
              .filter(([, s]) => s.topics.includes(topic))
              .map(([id]) => id)
              .sort()
            const owners = Array.from({ length: n }, (_, p) =>
              [...out]
                .filter(([, list]) => list.some((x) => x.topic === topic && x.partition === p))
                .map(([id]) => id),
            )
            if (subscribers.length === 0) expect(owners.every((o) => o.length === 0)).toBe(true)
            else {
              // naive oracle: partition p goes to the subscriber whose range covers it
              const per = Math.floor(n / subscribers.length)
              const extra = n % subscribers.length
              owners.forEach((o, p) => {
                let i = 0
                while (p >= per * (i + 1) + Math.min(i + 1, extra)) i++
                expect(o).toEqual([subscribers[i]])
              })
            }
          }
        },
      ),
    )
  })
})
