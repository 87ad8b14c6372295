/**
 * PrimaryPermits: writes hold permits; a hand-off blocks new ones, resolves only once the held ones are
 * released, and leaves the copy relocated for good; other copies are unaffected.
 */
import { describe, expect, it } from 'vitest'
import { PrimaryPermits } from '../../../../workers/es/action/primary-permits.ts'

describe('PrimaryPermits', () => {
  it('hands off only after the writes in flight are done, then refuses new writes', async () => {
    const permits = new PrimaryPermits()
    const shard = {}
    const other = {}
    expect(permits.acquire(shard)).toBe(true)
    expect(permits.acquire(shard)).toBe(true)
    let handedOff = false
    const handOff = permits.handOff(shard).then(() => (handedOff = true))
    expect(permits.acquire(shard)).toBe(false)
    expect(permits.isRelocated(shard)).toBe(true)
    permits.release(shard)
    await Promise.resolve()
    expect(handedOff).toBe(false)
    permits.release(shard)
    await handOff
    expect(handedOff).toBe(true)
    expect(permits.acquire(shard)).toBe(false)
    expect(permits.acquire(other)).toBe(true)
    expect(permits.isRelocated(other)).toBe(false)
  })

  it('hands off at once when no write is in flight', async () => {
    const permits = new PrimaryPermits()
    const shard = {}
    await permits.handOff(shard)
    expect(permits.acquire(shard)).toBe(false)
  })
})
