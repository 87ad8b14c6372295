// Kafka's windowed Rate (Rate over a WindowedSum with quota.window.num 11 and quota.window.size.seconds 1) on
// hand-computed figures: the first windows are spread over the 10 s minimum, windows recycle after 12, and
// windows without events for 11 s are purged.
import { describe, expect, it } from 'vitest'
import { Rate } from '../../../../workers/kafka/quota/rate.ts'

const quotaRate = () => new Rate({ samples: 11, timeWindowMs: 1000 })

describe('Rate', () => {
  it('spreads the first windows over samples - 1 whole windows', () => {
    const rate = quotaRate()
    rate.record(1024, 0)
    expect(rate.windowSize(0)).toBe(10_000)
    expect(rate.measure(0)).toBeCloseTo(102.4, 10)
    rate.record(1024, 500)
    // 2048 bytes over 500 ms + 10 missing windows.
    expect(rate.windowSize(500)).toBe(10_500)
    expect(rate.measure(500)).toBeCloseTo(2048 / 10.5, 10)
    rate.record(0, 1000)
    // A second window started at 1000: one full window elapsed, 9 more assumed.
    expect(rate.windowSize(1000)).toBe(10_000)
  })

  it('keeps samples + 1 windows and recycles the oldest', () => {
    const rate = quotaRate()
    for (let t = 0; t <= 11_000; t += 1000) rate.record(100, t)
    // The window of t=0 is purged (no event for 11 s): 11 windows of 100 over 1000..11000.
    expect(rate.windowSize(11_000)).toBe(10_000)
    expect(rate.measure(11_000)).toBeCloseTo(110, 10)
    rate.record(100, 12_000)
    // The purged window is reused for t=12000; the window of t=1000 is purged in turn.
    expect(rate.measure(12_000)).toBeCloseTo(110, 10)
    expect(rate.windowSize(12_500)).toBe(10_500)
  })

  it('forgets windows without events for samples * window', () => {
    const rate = quotaRate()
    rate.record(5000, 0)
    expect(rate.measure(10_999)).toBeCloseTo(5000 / 10.999, 10)
    expect(rate.measure(11_000)).toBe(0)
    rate.record(10, 11_000)
    expect(rate.measure(11_000)).toBeCloseTo(1, 10)
  })

  it('takes back an unrecorded value', () => {
    const rate = quotaRate()
    rate.record(300, 0)
    rate.record(-300, 0)
    expect(rate.measure(0)).toBe(0)
  })
})
