// SmallFloat.intToByte4 / byte4ToInt as exported by index.wasm, against Lucene's TestSmallFloat.testByte4 properties
// and values derived by hand from the encoding's definition.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexEngine } from '../../../../engine-wasm/src/index/index.ts'
import { DECODED } from './oracle.ts'
import { loadEngine } from './load-engine.ts'

let engine: IndexEngine
beforeAll(async () => {
  engine = await loadEngine()
})

describe('SmallFloat', () => {
  it('decodes known bytes', () => {
    // 0..23 are exact; byte 24 + i holds int4 value i: i < 8 exact, then (8 | mantissa) << (i / 8 - 1).
    const known: [number, number][] = [
      [0, 0],
      [1, 1],
      [23, 23],
      [24, 24],
      [31, 31],
      [32, 32],
      [39, 39],
      [40, 40],
      [41, 42],
      [47, 54],
      [48, 56],
      [49, 60],
      [100, 24 + (12 << 8)],
      [255, 24 + (15 << 27)],
    ]
    for (const [byte, length] of known) expect([byte, engine.byte4ToInt(byte)]).toEqual([byte, length])
  })

  it('encodes known lengths, rounding down', () => {
    const known: [number, number][] = [
      [0, 0],
      [5, 5],
      [23, 23],
      [40, 40],
      [41, 40],
      [42, 41],
      [43, 41],
      [1000, 87], // 1000 - 24 = 976 = 0b1111010000: shift 6 → exponent field 7, mantissa 0b111 → 24 + 7 * 8 + 7
      [0x7fffffff, 255], // TestSmallFloat: intToByte4(Integer.MAX_VALUE) == (byte) 255
    ]
    for (const [length, byte] of known) expect([length, engine.intToByte4(length)]).toEqual([length, byte])
  })

  it('round-trips every byte and decodes strictly increasing (TestSmallFloat.testByte4)', () => {
    for (let b = 0; b < 256; b++) {
      expect(engine.byte4ToInt(b)).toBe(DECODED[b])
      expect(engine.intToByte4(engine.byte4ToInt(b))).toBe(b)
      if (b > 0) expect(engine.byte4ToInt(b)).toBeGreaterThan(engine.byte4ToInt(b - 1))
    }
  })

  it('byte4ToInt(intToByte4(i)) is the largest decodable length <= i, monotonic in i', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.integer({ min: 0, max: 0x7fffffff }),
        (i, j) => {
          const b = engine.intToByte4(i)
          expect(engine.byte4ToInt(b)).toBeLessThanOrEqual(i)
          if (b < 255) expect(engine.byte4ToInt(b + 1)).toBeGreaterThan(i)
          if (i <= j) expect(engine.intToByte4(i)).toBeLessThanOrEqual(engine.intToByte4(j))
        },
      ),
      { numRuns: 2000 },
    )
  })
})
