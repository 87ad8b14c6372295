/**
 * The host timers in real Chromium, whose setTimeout waits at least 4 ms once timers nest more than 5 deep:
 * hostScheduler's short timers must not (a producer's linger.ms=1 would wait 4 ms), and clearing a timer
 * must stop it whether or not it has reached the host timer yet.
 */
import { describe, expect, it } from 'vitest'
import { clearHostTimeout, setHostTimeout } from '../../workers/host-timers.ts'
import { hostScheduler } from '../../workers/worker-host.ts'

/** Each wait of a chain of `hops` timers, every one set from the previous one's task. */
function nestedWaits(hops: number, delayMs: number, setTimer: (task: () => void, ms: number) => void) {
  return new Promise<number[]>((resolve) => {
    const waits: number[] = []
    let setAt = performance.now()
    const hop = (): void => {
      const now = performance.now()
      waits.push(now - setAt)
      if (waits.length === hops) return resolve(waits)
      setAt = now
      setTimer(hop, delayMs)
    }
    setTimer(hop, delayMs)
  })
}

describe('host timers', () => {
  it('Chromium clamps nested timeouts to 4 ms (what the host timers avoid)', async () => {
    const waits = await nestedWaits(30, 0, (task, ms) => setTimeout(task, ms))
    expect(Math.min(...waits.slice(10))).toBeGreaterThanOrEqual(3.5)
  })

  it('nested short timeouts through hostScheduler are not clamped', async () => {
    const zero = await nestedWaits(30, 0, (task, ms) => hostScheduler.schedule(ms, task))
    expect(Math.min(...zero.slice(10))).toBeLessThan(2)
    const one = await nestedWaits(30, 1, (task, ms) => hostScheduler.schedule(ms, task))
    expect(Math.min(...one.slice(10))).toBeLessThan(3)
    expect(Math.min(...one)).toBeGreaterThanOrEqual(0.9)
  })

  it('runs timers below the clamp in the order they were set, each once', async () => {
    const ran: number[] = []
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 5; i++) setHostTimeout(() => ran.push(i), 0)
      setHostTimeout(resolve, 2)
    })
    expect(ran).toEqual([0, 1, 2, 3, 4])
  })

  it('a cleared timer never runs, before or after its host timer was set', async () => {
    const ran: string[] = []
    const beforeMessage = setHostTimeout(() => ran.push('before message'), 1)
    clearHostTimeout(beforeMessage)
    const afterMessage = setHostTimeout(() => ran.push('after message'), 3)
    const long = setHostTimeout(() => ran.push('long'), 10)
    await hostScheduler.sleep(1)
    expect(afterMessage.handle).toBeDefined()
    clearHostTimeout(afterMessage)
    clearHostTimeout(long)
    await hostScheduler.sleep(30)
    expect(ran).toEqual([])
  })
})
