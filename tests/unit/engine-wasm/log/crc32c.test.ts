// CRC-32C of log.wasm against published check values (the CRC catalogue's "123456789" check and the
// iSCSI test patterns of RFC 3720 appendix B.4) and against a bitwise oracle.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { loadLogEngine, naiveCrc32c, utf8 } from './log-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

describe('crc32c', () => {
  it('matches the published check values', () => {
    const ascending = Uint8Array.from({ length: 32 }, (_, i) => i)
    expect(engine.crc32c(utf8('123456789'))).toBe(0xe3069283)
    expect(engine.crc32c(new Uint8Array(0))).toBe(0)
    expect(engine.crc32c(new Uint8Array(32))).toBe(0x8a9136aa)
    expect(engine.crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43)
    expect(engine.crc32c(ascending)).toBe(0x46dd794e)
    expect(engine.crc32c(ascending.slice().reverse())).toBe(0x113fdb5c)
  })

  it('equals the bitwise oracle for any bytes and length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(engine.crc32c(bytes)).toBe(naiveCrc32c(bytes))
      }),
      { numRuns: 400 },
    )
  })

  it('equals the bitwise oracle for inputs long enough for the three lanes, at any alignment', () => {
    // 3 x 512-byte blocks go through the lanes: lengths around 1,536 and its multiples, and past them.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1400, maxLength: 7000 }), fc.nat(7), (bytes, skip) => {
        const part = bytes.subarray(skip)
        expect(engine.crc32c(part)).toBe(naiveCrc32c(part))
      }),
      { numRuns: 150, endOnFailure: true },
    )
  })

  it('agrees with the oracle on a large input', () => {
    const bytes = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24)
    expect(engine.crc32c(bytes)).toBe(naiveCrc32c(bytes))
  })
})
