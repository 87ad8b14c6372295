// The built-in partitioner for null keys (KIP-794): one partition until batch.size bytes went to it.
import { describe, expect, it } from 'vitest'
import { StickyPartitioner } from '../../../workers/clients/kafka/producer/sticky-partitioner.ts'
import { Random } from '../../../workers/net/random.ts'

describe('StickyPartitioner', () => {
  it('sticks to one partition per topic until batch.size bytes were produced to it', () => {
    const partitioner = new StickyPartitioner(new Random(3), 100)
    const first = [0, 1, 2, 3].map(() => partitioner.partition('t', 1000, 30))
    expect(new Set(first).size).toBe(1)
    const other = partitioner.partition('u', 1000, 30)
    expect(partitioner.partition('u', 1000, 30)).toBe(other)
    // 120 bytes went to t: the next record moves on (to a random partition, equal only by chance).
    const moves = [0, 1, 2, 3, 4].map(() => partitioner.partition('t', 1000, 100))
    expect(new Set([first[0], ...moves]).size).toBeGreaterThan(1)
  })

  it('stays inside [0, numPartitions) and visits every partition over time', () => {
    const partitioner = new StickyPartitioner(new Random(5), 1)
    const seen = new Set(Array.from({ length: 200 }, () => partitioner.partition('t', 4, 1)))
    expect([...seen].sort()).toEqual([0, 1, 2, 3])
  })
})
