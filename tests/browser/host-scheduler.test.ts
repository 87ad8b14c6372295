/**
 * The page's and workers' Scheduler in Chromium: short timers (under 4 ms) go through scheduler.postTask,
 * longer ones through setTimeout; both run in time order, and a cancelled timer of either kind never runs.
 */
import { describe, expect, it } from 'vitest'
import { hostScheduler } from '../../workers/worker-host.ts'

describe('hostScheduler', () => {
  it('runs short and long timers in delay order, nested or not, and skips cancelled ones', async () => {
    expect(typeof (globalThis as { scheduler?: unknown }).scheduler).toBe('object')
    const ran: string[] = []
    await new Promise<void>((done) => {
      hostScheduler.schedule(12, () => {
        ran.push('long')
        done()
      })
      hostScheduler.schedule(8, () => ran.push('cancelled long')).cancel()
      hostScheduler.schedule(1, () => ran.push('cancelled short')).cancel()
      // A chain of nested 1 ms timers, each scheduled from the previous one's callback.
      const chain = (left: number): void => {
        hostScheduler.schedule(0, () => {
          ran.push(`short ${left}`)
          if (left > 1) chain(left - 1)
        })
      }
      chain(3)
    })
    expect(ran).toEqual(['short 3', 'short 2', 'short 1', 'long'])
  })
})
