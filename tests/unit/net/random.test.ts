import { describe, expect, it } from 'vitest'
import { Random } from '../../../workers/net/random.ts'

describe('Random', () => {
  it('replays the same sequence for the same seed', () => {
    const a = new Random(7)
    const b = new Random(7)
    const seqA = Array.from({ length: 8 }, () => a.nextUint32())
    const seqB = Array.from({ length: 8 }, () => b.nextUint32())
    expect(seqA).toEqual(seqB)
    expect(new Set(seqA).size).toBe(8)
  })

  it('differs between seeds and stays within bounds', () => {
    const a = new Random(1)
    const b = new Random(2)
    expect(a.nextUint32()).not.toBe(b.nextUint32())
    for (let i = 0; i < 1000; i++) {
      const n = a.nextInt(10)
      expect(n).toBeGreaterThanOrEqual(0)
      expect(n).toBeLessThan(10)
    }
  })
})
