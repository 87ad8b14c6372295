// The built-in partitioner for null keys (KIP-794): one partition until batch.size bytes went to it and
// its batches are full, or until twice batch.size went to it.
import { describe, expect, it } from 'vitest'
import { StickyPartitioner } from '../../../workers/clients/kafka/producer/sticky-partitioner.ts'
import { Random } from '../../../workers/net/random.ts'

describe('StickyPartitioner', () => {
  it('moves on after batch.size bytes only when the partition has no open batch', () => {
    const partitioner = new StickyPartitioner(new Random(3), 100)
    const first = partitioner.partition('t', 1000)
    partitioner.update('t', 60, true)
    partitioner.update('t', 60, false)
    expect(partitioner.partition('t', 1000)).toBe(first)
    partitioner.update('t', 10, true)
    expect(partitioner.partition('t', 1000)).not.toBe(first)
  })

  it('moves on at twice batch.size even while a batch is open', () => {
    const partitioner = new StickyPartitioner(new Random(4), 100)
    const first = partitioner.partition('t', 1000)
    partitioner.update('t', 199, false)
    expect(partitioner.partition('t', 1000)).toBe(first)
    partitioner.update('t', 1, false)
    expect(partitioner.partition('t', 1000)).not.toBe(first)
  })

  it('keeps one sticky partition per topic', () => {
    const partitioner = new StickyPartitioner(new Random(3), 100)
    const t = partitioner.partition('t', 1000)
    const u = partitioner.partition('u', 1000)
    partitioner.update('u', 500, true)
    expect(partitioner.partition('t', 1000)).toBe(t)
    expect(partitioner.partition('u', 1000)).not.toBe(u)
  })

  it('stays inside [0, numPartitions) and visits every partition over time', () => {
    const partitioner = new StickyPartitioner(new Random(5), 1)
    const seen = new Set(
      Array.from({ length: 200 }, () => {
        const partition = partitioner.partition('t', 4)
        partitioner.update('t', 1, true)
        return partition
      }),
    )
    expect([...seen].sort()).toEqual([0, 1, 2, 3])
  })
})
