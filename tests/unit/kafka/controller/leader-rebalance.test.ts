/**
 * Automatic preferred leader election as Kafka 4.1's KRaft controller runs it (PeriodicTaskControlManager's
 * `electPreferred` task over ReplicationControlManager.maybeBalancePartitionLeaders): first run one
 * interval after activation, then every interval, 10 ms later when a run stopped at its election cap,
 * 5 minutes later after a failure, never when auto.leader.rebalance.enable is false, cancelled on
 * deactivation. The elections themselves are checked against a direct oracle over random clusters.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import { NO_LEADER } from '../../../../workers/kafka/metadata/metadata-records.ts'
import {
  ElectPreferredTask,
  maybeBalancePartitionLeaders,
} from '../../../../workers/kafka/controller/leader-rebalance.ts'

const drain = () => new Promise<void>((resolve) => setImmediate(resolve))
const INTERVAL = 300_000

/** A task whose runs answer `answers` in turn (true: rerun at once; an Error: the run fails). */
function task(answers: Array<boolean | Error>, enabled = true, checkIntervalMs = INTERVAL) {
  const queue = new DeterministicTaskQueue(0)
  const runs: number[] = []
  const electPreferred = new ElectPreferredTask(queue, { enabled, checkIntervalMs }, () => {
    runs.push(queue.now())
    const answer = answers.shift() ?? false
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)
  })
  return { queue, runs, electPreferred }
}

describe('ElectPreferredTask', () => {
  it('first runs one leader.imbalance.check.interval after activation, then every interval', async () => {
    const t = task([])
    t.electPreferred.activate()
    await t.queue.advance(INTERVAL - 1, drain)
    expect(t.runs).toEqual([])
    await t.queue.advance(2 * INTERVAL + 1, drain)
    expect(t.runs).toEqual([INTERVAL, 2 * INTERVAL, 3 * INTERVAL])
  })

  it('runs again 10 ms later when a run stopped at the election cap', async () => {
    const t = task([true, true, false])
    t.electPreferred.activate()
    await t.queue.advance(2 * INTERVAL + 20, drain)
    expect(t.runs).toEqual([INTERVAL, INTERVAL + 10, INTERVAL + 20, 2 * INTERVAL + 20])
  })

  it('retries a failed run after 5 minutes whatever the interval', async () => {
    const t = task([new Error('not the active controller')], true, 1000)
    t.electPreferred.activate()
    await t.queue.advance(302_000, drain)
    expect(t.runs).toEqual([1000, 301_000, 302_000])
  })

  it('never runs with auto.leader.rebalance.enable=false', async () => {
    const t = task([], false)
    t.electPreferred.activate()
    await t.queue.advance(10 * INTERVAL, drain)
    expect(t.runs).toEqual([])
  })

  it('stops on deactivation and counts a full interval again from the next activation', async () => {
    const t = task([])
    t.electPreferred.activate()
    await t.queue.advance(200_000, drain)
    t.electPreferred.deactivate()
    await t.queue.advance(50_000, drain)
    t.electPreferred.activate()
    await t.queue.advance(INTERVAL + 10_000, drain)
    expect(t.runs).toEqual([250_000 + INTERVAL])
  })
})

interface PartitionSpec {
  replicas: number[]
  isrMask: boolean[]
  leaderPick: number
}

const BROKERS = [1, 2, 3, 4, 5]

const partitionSpec: fc.Arbitrary<PartitionSpec> = fc.record({
  replicas: fc.shuffledSubarray(BROKERS, { minLength: 1, maxLength: 4 }),
  isrMask: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  leaderPick: fc.integer({ min: -1, max: 3 }),
})

/** Brokers 1-5 (the fenced ones fenced) and topic t with the given partitions, leader from its ISR or none. */
function clusterWith(fenced: boolean[], partitions: PartitionSpec[]): ClusterMetadata {
  const metadata = new ClusterMetadata()
  const replay = (record: Parameters<ClusterMetadata['replay']>[0]) =>
    metadata.replay(record, metadata.lastOffset + 1)
  for (const brokerId of BROKERS) {
    replay({
      type: 'RegisterBrokerRecord',
      brokerId,
      brokerEpoch: brokerId,
      incarnationId: `i${brokerId}`,
      endpoints: [{ host: 'localhost', port: 9091 + brokerId }],
      rack: null,
      fenced: fenced[brokerId - 1] ?? false,
    })
  }
  replay({ type: 'TopicRecord', name: 't', topicId: 'T' })
  partitions.forEach((p, partitionId) => {
    const chosen = p.replicas.filter((_, i) => p.isrMask[i])
    const isr = chosen.length > 0 ? chosen : [p.replicas[p.replicas.length - 1]!]
    const leader = p.leaderPick < 0 ? NO_LEADER : isr[p.leaderPick % isr.length]!
    replay({
      type: 'PartitionRecord',
      topicId: 'T',
      partitionId,
      replicas: p.replicas,
      isr,
      leader,
      leaderEpoch: 0,
      partitionEpoch: 0,
    })
  })
  return metadata
}

describe('maybeBalancePartitionLeaders', () => {
  it('makes the preferred replica lead wherever it is an unfenced ISR member, within the cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.array(partitionSpec, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 15 }),
        (fenced, specs, cap) => {
          const metadata = clusterWith(fenced, specs)
          const before = [...metadata.topic('t')!.partitions.values()].map((p) => ({ ...p }))
          const usable = (id: number) => fenced[id - 1] === false
          // Runs as the task does: again at once while a run stopped at the cap.
          let runs = 0
          for (let again = true; again; runs++) {
            const { records, rescheduleImmediately } = maybeBalancePartitionLeaders(metadata, cap)
            expect(records.length).toBeLessThanOrEqual(cap)
            if (rescheduleImmediately) expect(records.length).toBe(cap)
            for (const record of records) metadata.replay(record, metadata.lastOffset + 1)
            again = rescheduleImmediately
          }
          expect(runs).toBeLessThanOrEqual(Math.ceil(specs.length / cap) + 1)
          const after = [...metadata.topic('t')!.partitions.values()]
          after.forEach((p, i) => {
            const old = before[i]!
            const preferred = old.replicas[0]!
            // Naive oracle: the preferred replica leads once it is an unfenced ISR member...
            if (old.isr.includes(preferred) && usable(preferred)) expect(p.leader).toBe(preferred)
            // ...a partition it already led is left alone, any other new leader is a usable ISR member,
            // and a partition led by a fenced broker with no usable ISR member is left without one.
            else if (old.leader === preferred) expect(p).toMatchObject({ leader: old.leader, isr: old.isr })
            else if (p.leader === NO_LEADER) expect(old.isr.some(usable)).toBe(false)
            else if (p.leader !== old.leader) expect(p.isr.includes(p.leader) && usable(p.leader)).toBe(true)
          })
        },
      ),
    )
  })

  it('elects nothing when every partition is led by its first replica', () => {
    const metadata = clusterWith(
      [false, false, false, false, false],
      [
        { replicas: [1, 2, 3], isrMask: [true, true, true, true], leaderPick: 0 },
        { replicas: [2, 3, 1], isrMask: [true, true, true, true], leaderPick: 0 },
      ],
    )
    expect(maybeBalancePartitionLeaders(metadata)).toEqual({ records: [], rescheduleImmediately: false })
  })
})
