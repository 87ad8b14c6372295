/**
 * ElectionSchedulerFactory's defaults and its delay law: attempt n waits (0, min(100 + 100 n, 10000)] ms
 * plus the grace period (cluster.election.duration between attempts).
 */
import { describe, expect, it } from 'vitest'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { Random } from '../../../../workers/net/random.ts'
import { DEFAULT_COORDINATION_SETTINGS as S } from '../../../../workers/es/cluster/coordination/coordination-settings.ts'
import {
  ElectionScheduler,
  electionDelay,
} from '../../../../workers/es/cluster/coordination/election-scheduler.ts'

describe('ElectionScheduler', () => {
  it('uses ES 8 defaults: 100 ms initial timeout and back-off, 10 s maximum, 500 ms duration', () => {
    expect([
      S.electionInitialTimeoutMs,
      S.electionBackOffTimeMs,
      S.electionMaxTimeoutMs,
      S.electionDurationMs,
    ]).toEqual([100, 100, 10_000, 500])
    expect([S.followerCheckIntervalMs, S.followerCheckTimeoutMs, S.followerCheckRetryCount]).toEqual([
      1000, 10_000, 3,
    ])
    expect([S.leaderCheckIntervalMs, S.leaderCheckTimeoutMs, S.leaderCheckRetryCount]).toEqual([
      1000, 10_000, 3,
    ])
  })

  it('draws attempt n in (0, min(100 + 100 n, 10000)] plus the grace period', () => {
    const random = new Random(7)
    for (const [attempt, bound] of [
      [0, 100],
      [1, 200],
      [5, 600],
      [99, 10_000],
      [500, 10_000],
    ] as const) {
      const delays = Array.from({ length: 2000 }, () => electionDelay(S, attempt, 0, random))
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(1)
      expect(Math.max(...delays)).toBeLessThanOrEqual(bound)
      expect(Math.max(...delays)).toBeGreaterThan(bound * 0.95)
    }
    expect(electionDelay(S, 0, 500, new Random(1))).toBeGreaterThan(500)
  })

  it('backs off linearly: each attempt after the first waits the election duration plus its draw', () => {
    const queue = new DeterministicTaskQueue(0)
    const times: number[] = []
    const scheduler = new ElectionScheduler(queue, new Random(3), S, () => times.push(queue.now()), 0)
    while (times.length < 6) queue.runNextTask()
    scheduler.close()
    expect(times[0]).toBeLessThanOrEqual(100)
    for (let n = 1; n < times.length; n++) {
      const gap = times[n]! - times[n - 1]!
      expect(gap).toBeGreaterThan(500)
      expect(gap).toBeLessThanOrEqual(500 + 100 + 100 * n)
    }
    expect(queue.nextTaskTime()).toBeNull()
  })
})
