// LZ4 with a preset dictionary (workers/es/index/shard/stored-fields-lz4.ts): any record, compressed against any
// dictionary, decompresses to itself, long literal runs and long matches (lengths past 15) and matches reaching
// into the dictionary included; the compressed size stays within the bound; a repeated record compresses to a few
// bytes against a dictionary holding it; and bytes that are not a record (cut inside a sequence, or matching before
// the dictionary) are refused.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  Lz4DictCompressor,
  RecordDecompressor,
} from '../../../../workers/es/index/shard/stored-fields-lz4.ts'

/** Bytes from a small alphabet with runs, so that matches of every length occur. */
const bytes = fc
  .array(fc.tuple(fc.integer({ min: 97, max: 100 }), fc.integer({ min: 1, max: 40 })), { maxLength: 40 })
  .map((runs) => Uint8Array.from(runs.flatMap(([byte, length]) => Array<number>(length).fill(byte))))

function compress(dictionary: Uint8Array, record: Uint8Array): Uint8Array {
  const out = new Uint8Array(Lz4DictCompressor.bound(record.length))
  return out.slice(0, new Lz4DictCompressor(dictionary).compress(record, out, 0))
}

function decompress(dictionary: Uint8Array, src: Uint8Array): Uint8Array {
  const decompressor = new RecordDecompressor()
  return decompressor.out.slice(0, decompressor.decompress(dictionary, src))
}

describe('stored fields LZ4', () => {
  it('decompress what they compress, against any dictionary (property)', () => {
    fc.assert(
      fc.property(bytes, fc.array(bytes, { maxLength: 4 }), (dictionary, records) => {
        const compressor = new Lz4DictCompressor(dictionary)
        const decompressor = new RecordDecompressor()
        for (const record of records) {
          const out = new Uint8Array(Lz4DictCompressor.bound(record.length))
          const length = compressor.compress(record, out, 0)
          expect(length).toBeLessThanOrEqual(Lz4DictCompressor.bound(record.length))
          const size = decompressor.decompress(dictionary, out.subarray(0, length))
          expect(decompressor.out.slice(0, size)).toEqual(record)
        }
      }),
    )
  })

  it('compress a record the dictionary holds to a few bytes', () => {
    const record = new TextEncoder().encode(
      '{"title":"the quick brown fox","body":"jumps over the lazy dog"}',
    )
    const dictionary = Uint8Array.from([...new TextEncoder().encode('some other text '), ...record])
    const compressed = compress(dictionary, record)
    expect(compressed.length).toBeLessThan(8)
    expect(decompress(dictionary, compressed)).toEqual(record)
    expect(compress(new Uint8Array(0), new Uint8Array(0))).toEqual(new Uint8Array([0]))
  })

  it('refuse bytes that are not a record', () => {
    const record = new TextEncoder().encode('abcdabcdabcdabcdabcdabcdabcdabcd')
    const compressed = compress(new Uint8Array(0), record)
    // a cut record is refused, or (cut between sequences) decodes to a prefix of the record
    for (let cut = 1; cut < compressed.length; cut++) {
      try {
        const decoded = decompress(new Uint8Array(0), compressed.subarray(0, cut))
        expect(decoded.length).toBeLessThanOrEqual(record.length)
        expect(decoded).toEqual(record.subarray(0, decoded.length))
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError)
      }
    }
    // one literal, then a match 2 bytes back: before the (empty) dictionary
    expect(() => decompress(new Uint8Array(0), new Uint8Array([0x10, 0x61, 2, 0]))).toThrow(RangeError)
    expect(() => decompress(new Uint8Array([1]), new Uint8Array([0x10, 0x61, 2, 0]))).not.toThrow()
  })
})
