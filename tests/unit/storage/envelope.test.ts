// The persisted-record envelope: round trip, the exact header bytes, Adler-32 against zlib's (the
// trailer of a zlib stream is the Adler-32 of its input), and failing closed on every kind of damage.
import { deflateSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openEnvelope, sealEnvelope, StorageFormatError } from '../../../workers/storage/envelope.ts'

const zlibAdler32 = (payload: Uint8Array): number => {
  const stream = deflateSync(payload)
  return new DataView(stream.buffer, stream.byteOffset + stream.length - 4, 4).getUint32(0)
}

const failure = (fn: () => unknown): StorageFormatError => {
  try {
    fn()
  } catch (error) {
    if (error instanceof StorageFormatError) return error
    throw error
  }
  throw new Error('expected a StorageFormatError')
}

describe('sealEnvelope / openEnvelope', () => {
  it('lays out magic KEP1, the version u16 BE, the Adler-32 u32 BE and the JSON payload', () => {
    const sealed = sealEnvelope(258, { a: 1 })
    const payload = new TextEncoder().encode('{"a":1}')
    expect([...sealed.subarray(0, 6)]).toEqual([0x4b, 0x45, 0x50, 0x31, 0x01, 0x02])
    expect(new DataView(sealed.buffer).getUint32(6)).toBe(zlibAdler32(payload))
    expect(sealed.subarray(10)).toEqual(payload)
  })

  it('checksums with Adler-32: "Wikipedia" as a JSON string', () => {
    // Adler-32 of the 11 bytes "Wikipedia" with quotes, computed by zlib.
    const sealed = sealEnvelope(1, 'Wikipedia')
    expect(new DataView(sealed.buffer).getUint32(6)).toBe(
      zlibAdler32(new TextEncoder().encode('"Wikipedia"')),
    )
  })

  it('round-trips JSON values and agrees with zlib Adler-32 on long payloads (property)', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.string({ minLength: 0, maxLength: 20_000, unit: 'binary' }),
        (value, text) => {
          const sealed = sealEnvelope(3, { value, text })
          expect(openEnvelope(sealed, 3, 'record')).toEqual(JSON.parse(JSON.stringify({ value, text })))
          expect(new DataView(sealed.buffer).getUint32(6)).toBe(zlibAdler32(sealed.subarray(10)))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('agrees with zlib on 100 KB of 0xff, where the sums would overflow without the periodic modulo', () => {
    const payload = JSON.stringify('\u00ff'.repeat(50_000))
    const sealed = sealEnvelope(1, JSON.parse(payload) as string)
    expect(new DataView(sealed.buffer).getUint32(6)).toBe(zlibAdler32(sealed.subarray(10)))
  })

  it('refuses another version with a message naming both versions', () => {
    const error = failure(() => openEnvelope(sealEnvelope(2, {}), 1, 'Kafka metadata image'))
    expect(error.message).toBe('Kafka metadata image: stored format version 2 is not the supported version 1')
    expect(error.name).toBe('StorageFormatError')
  })

  it('refuses bytes without the magic, and bytes shorter than the header', () => {
    const sealed = sealEnvelope(1, {})
    sealed[0] = 0x4c
    expect(failure(() => openEnvelope(sealed, 1, 'x')).message).toBe('x: not a playground record (bad magic)')
    expect(failure(() => openEnvelope(sealEnvelope(1, {}).subarray(0, 9), 1, 'x')).message).toBe(
      'x: not a playground record (bad magic)',
    )
    expect(failure(() => openEnvelope(new Uint8Array(0), 1, 'x')).message).toBe(
      'x: not a playground record (bad magic)',
    )
  })

  it('refuses a torn record (payload cut short) and any flipped payload or checksum bit', () => {
    const sealed = sealEnvelope(1, { topics: ['orders', 'payments'] })
    expect(failure(() => openEnvelope(sealed.subarray(0, sealed.length - 1), 1, 'x')).message).toBe(
      'x: checksum mismatch',
    )
    for (let i = 6; i < sealed.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const damaged = sealed.slice()
        damaged[i]! ^= 1 << bit
        expect(failure(() => openEnvelope(damaged, 1, 'x')).message).toBe('x: checksum mismatch')
      }
    }
  })

  it('opens an envelope that sits inside a larger buffer (non-zero byteOffset)', () => {
    const sealed = sealEnvelope(1, [1, 2])
    const buffer = new Uint8Array(sealed.length + 7)
    buffer.set(sealed, 5)
    expect(openEnvelope(buffer.subarray(5, 5 + sealed.length), 1, 'x')).toEqual([1, 2])
  })
})
