// The benchmarks' percentile (tests/bench/es/percentile.ts): Kafka ProducerPerformance's
// sorted[floor(p × n)], against a naive oracle (a sorted copy indexed by hand) and on exact tables.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { percentile } from '../../bench/es/percentile.ts'

describe('percentile', () => {
  it.each<[number[], number, number]>([
    [[5], 0.5, 5],
    [[3, 1, 2], 0.5, 2],
    [[4, 1, 3, 2], 0.5, 3],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.99, 100],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9, 100],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.89, 90],
    [[0.25, 0.125, 0.5], 0, 0.125],
  ])('%j at %f is %f', (samples, p, expected) => {
    expect(percentile(Float64Array.from(samples), p)).toBe(expected)
  })

  it('is NaN without samples', () => {
    expect(percentile(new Float64Array(0), 0.5)).toBeNaN()
  })

  it('matches a sorted copy indexed at floor(p × n)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (samples, p) => {
          const sorted = [...samples].sort((a, b) => a - b)
          expect(percentile(Float64Array.from(samples), p)).toBe(sorted[Math.floor(p * samples.length)])
        },
      ),
    )
  })
})
