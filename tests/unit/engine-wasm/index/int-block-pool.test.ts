// IntBlockPool against a plain array of records: every record keeps what was written into it across the first
// block's doublings and the blocks after it, a record never straddles two blocks, and a whole block is never
// replaced (growing copies nothing past the first block).
import { describe, expect, it } from 'vitest'
import { IntBlockPool } from '../../../../engine-wasm/src/index/int-block-pool.ts'

/**
 * Appends `count` records to `pool`, record r's word w being r * 7 + w (each found zeros first); answers them as the
 * oracle has them.
 */
function fill(pool: IntBlockPool, count: number): number[][] {
  const oracle: number[][] = []
  let dirty = 0
  for (let r = 0; r < count; r++) {
    const at = pool.append()
    const record: number[] = []
    for (let w = 0; w < pool.recordWords; w++) {
      if (pool.tail[at + w] !== 0) dirty++
      pool.tail[at + w] = r * 7 + w
      record.push(r * 7 + w)
    }
    oracle.push(record)
  }
  expect(dirty).toBe(0)
  return oracle
}

describe('IntBlockPool', () => {
  for (const words of [1, 2, 5, 8]) {
    it(`keeps ${words}-int records where blockOf and offsetOf find them, over many blocks`, () => {
      const pool = new IntBlockPool(words, 4)
      const oracle = fill(pool, 70_000)
      expect(pool.length).toBe(70_000)
      expect(pool.blocks.length).toBeGreaterThan(2)
      const found = oracle.map((_, r) => {
        const block = pool.blockOf(r)
        const at = pool.offsetOf(r)
        if (block !== pool.blocks[pool.blockNumber(r)] || at + words > block.length) return null
        if (pool.first(r) !== block[at]) return null
        return [...block.subarray(at, at + words)]
      })
      expect(found).toEqual(oracle)
      // every block has the same size but the last (none is short once a second one exists)
      for (const block of pool.blocks.slice(0, -1)) expect(block.length).toBe(pool.blocks[0]!.length)
    })
  }

  it('starts small and grows the first block by doubling, then never replaces a whole block', () => {
    const pool = new IntBlockPool(2, 4)
    pool.append()
    expect(pool.blocks[0]!.length).toBe(8)
    fill(pool, 4)
    expect(pool.blocks[0]!.length).toBe(16)
    fill(pool, 40_000)
    const whole = [...pool.blocks]
    fill(pool, 40_000)
    whole.forEach((block, i) => expect(pool.blocks[i]).toBe(block))
  })

  it('takes records wider than a block, one a block', () => {
    const pool = new IntBlockPool(40_000)
    const oracle = fill(pool, 3)
    expect(pool.blocks.length).toBe(3)
    for (let r = 0; r < 3; r++) expect(pool.blockOf(r)[pool.offsetOf(r) + 39_999]).toBe(oracle[r]![39_999])
  })
})
