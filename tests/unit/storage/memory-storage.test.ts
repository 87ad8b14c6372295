// MemoryStorage against the Storage contract (storage.ts): copies in and out, keys ascending by code unit
// and filtered by prefix, a write applies its operations in order, stores are independent.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemoryStorage } from '../../../workers/storage/memory-storage.ts'

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values)

describe('MemoryStorage', () => {
  it('returns undefined for a missing key and a stored value otherwise', async () => {
    const storage = new MemoryStorage()
    expect(await storage.get('kafka', 'a')).toBeUndefined()
    await storage.write([{ store: 'kafka', key: 'a', value: bytes(1, 2, 3) }])
    expect(await storage.get('kafka', 'a')).toEqual(bytes(1, 2, 3))
  })

  it('copies on write and on read, so neither side can change the stored bytes', async () => {
    const storage = new MemoryStorage()
    const value = bytes(1, 2, 3)
    await storage.write([{ store: 'kafka', key: 'a', value }])
    value[0] = 9
    const read = await storage.get('kafka', 'a')
    read?.fill(7)
    expect(await storage.get('kafka', 'a')).toEqual(bytes(1, 2, 3))
  })

  it('applies the operations of one write in order: a put then a delete of the same key deletes it', async () => {
    const storage = new MemoryStorage()
    await storage.write([
      { store: 'kafka', key: 'a', value: bytes(1) },
      { store: 'kafka', key: 'a', value: null },
      { store: 'kafka', key: 'b', value: null },
      { store: 'kafka', key: 'b', value: bytes(2) },
    ])
    expect(await storage.get('kafka', 'a')).toBeUndefined()
    expect(await storage.get('kafka', 'b')).toEqual(bytes(2))
  })

  it('keeps stores apart', async () => {
    const storage = new MemoryStorage()
    await storage.write([
      { store: 'kafka', key: 'k', value: bytes(1) },
      { store: 'es', key: 'k', value: bytes(2) },
    ])
    expect(await storage.get('kafka', 'k')).toEqual(bytes(1))
    expect(await storage.get('es', 'k')).toEqual(bytes(2))
    expect(await storage.keys('console')).toEqual([])
  })

  it('lists keys with a prefix in ascending code-unit order (not locale order)', async () => {
    const storage = new MemoryStorage()
    const keys = ['log/b', 'log/B', 'log/a/2', 'log/a/10', 'metadata/image', 'log/\u00e9', 'log/Z', 'lo']
    await storage.write(keys.map((key) => ({ store: 'kafka', key, value: bytes(0) })))
    expect(await storage.keys('kafka', 'log/')).toEqual([
      'log/B',
      'log/Z',
      'log/a/10',
      'log/a/2',
      'log/b',
      'log/\u00e9',
    ])
    expect(await storage.keys('kafka')).toEqual([
      'lo',
      'log/B',
      'log/Z',
      'log/a/10',
      'log/a/2',
      'log/b',
      'log/\u00e9',
      'metadata/image',
    ])
  })

  it('behaves like a Map oracle under random writes (property)', async () => {
    const op = fc.record({
      key: fc.string({ maxLength: 4 }),
      value: fc.option(fc.uint8Array({ maxLength: 4 }), { nil: null }),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { maxLength: 5 }), { maxLength: 10 }),
        fc.string({ maxLength: 2 }),
        async (writes, prefix) => {
          const storage = new MemoryStorage()
          const oracle = new Map<string, Uint8Array>()
          for (const ops of writes) {
            await storage.write(ops.map((o) => ({ store: 'kafka', ...o })))
            for (const { key, value } of ops) {
              if (value === null) oracle.delete(key)
              else oracle.set(key, value)
            }
          }
          const expected = [...oracle.keys()].filter((k) => k.startsWith(prefix)).sort()
          expect(await storage.keys('kafka', prefix)).toEqual(expected)
          for (const [key, value] of oracle) expect(await storage.get('kafka', key)).toEqual(value)
          expect(await storage.entries('kafka', prefix)).toEqual(
            expected.map((key) => [key, oracle.get(key)]),
          )
        },
      ),
    )
  })
})
