/**
 * PrimaryPermits: writes hold permits; a hand-off blocks new ones, resolves only once the held ones are
 * released, and leaves the copy relocated for good when it is still relocating then, or lifts the block when
 * the relocation was cancelled meanwhile; other copies are unaffected.
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
    const handOff = permits.handOff(shard, () => true).then((done) => (handedOff = done))
    expect(permits.acquire(shard)).toBe(false)
    expect(permits.isRelocated(shard)).toBe(false)
    permits.release(shard)
    await Promise.resolve()
    expect(handedOff).toBe(false)
    permits.release(shard)
    await handOff
    expect(handedOff).toBe(true)
    expect(permits.isRelocated(shard)).toBe(true)
    expect(permits.acquire(shard)).toBe(false)
    expect(permits.acquire(other)).toBe(true)
    expect(permits.isRelocated(other)).toBe(false)
  })

  it('hands off at once when no write is in flight', async () => {
    const permits = new PrimaryPermits()
    const shard = {}
    expect(await permits.handOff(shard, () => true)).toBe(true)
    expect(permits.acquire(shard)).toBe(false)
  })

  it('stays the primary when the relocation was cancelled while the hand-off waited for a write', async () => {
    const permits = new PrimaryPermits()
    const shard = {}
    let relocating = true
    expect(permits.acquire(shard)).toBe(true)
    const handOff = permits.handOff(shard, () => relocating)
    expect(permits.acquire(shard)).toBe(false)
    relocating = false
    permits.release(shard)
    expect(await handOff).toBe(false)
    expect(permits.isRelocated(shard)).toBe(false)
    expect(permits.acquire(shard)).toBe(true)
  })
})
