// LZ4 with a preset dictionary (workers/es/index/shard/stored-fields-lz4.ts): any record, compressed against any
// dictionary, decompresses to itself, long literal runs and long matches (lengths past 15) and matches reaching
// into the dictionary included; the compressed size stays within the bound; a repeated record compresses to a few
// bytes against a dictionary holding it; and bytes that are not a record (cut inside a sequence, or matching before
// the dictionary) are refused. The compressor marks the part of every byte it writes and counts each byte by its
// part, as reading its output back finds them; and its output is pinned (stored records are not re-compressed on
// a new version, so a change shows here first), a dictionary past the 64 KiB an offset reaches included; a record
// compresses the same whatever the compressor compressed before; a match ends at the first byte that differs.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  LAST_TOKEN_PART,
  LENGTH_PART,
  LITERAL_PART,
  Lz4DictCompressor,
  OFFSET_HIGH_PART,
  OFFSET_LOW_PART,
  RecordDecompressor,
  SEQUENCE_PARTS,
  TOKEN_PART,
} from '../../../../workers/es/index/shard/stored-fields-lz4.ts'

/** Bytes from a small alphabet with runs, so that matches of every length occur. */
const bytes = fc
  .array(fc.tuple(fc.integer({ min: 97, max: 100 }), fc.integer({ min: 1, max: 40 })), { maxLength: 40 })
  .map((runs) => Uint8Array.from(runs.flatMap(([byte, length]) => Array<number>(length).fill(byte))))

function compress(dictionary: Uint8Array, record: Uint8Array): Uint8Array {
  const out = new Uint8Array(Lz4DictCompressor.bound(record.length))
  return out.slice(0, new Lz4DictCompressor(dictionary).compress(record, out, 0))
}

/** The part of every byte of an LZ4 record, read from its sequences as a decoder walks them. */
function partsOf(record: Uint8Array): number[] {
  const parts: number[] = []
  let at = 0
  const lengthBytes = (): number => {
    let sum = 0
    let byte: number
    do {
      byte = record[at++]!
      parts.push(LENGTH_PART)
      sum += byte
    } while (byte === 255)
    return sum
  }
  while (at < record.length) {
    const token = record[at++]!
    const tokenAt = parts.push(TOKEN_PART) - 1
    const literals = (token >>> 4) + (token >>> 4 === 15 ? lengthBytes() : 0)
    at += literals
    parts.push(...Array<number>(literals).fill(LITERAL_PART))
    if (at >= record.length) {
      parts[tokenAt] = LAST_TOKEN_PART
      break
    }
    at += 2
    parts.push(OFFSET_LOW_PART, OFFSET_HIGH_PART)
    if ((token & 15) === 15) lengthBytes()
  }
  return parts
}

/** Text of comma- and space-separated words from a seed (a linear congruential generator). */
function words(seed: number, length: number): Uint8Array {
  const vocabulary = [
    'alpha',
    'bravo',
    'charlie',
    'delta',
    'echo',
    'foxtrot',
    'golf',
    'hotel',
    'india',
    'juliett',
  ]
  let state = seed
  let out = ''
  while (out.length < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    out += vocabulary[state % vocabulary.length]! + (state & 0x100 ? ' ' : ', ')
  }
  return new TextEncoder().encode(out.slice(0, length))
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

  it('count every byte written by its part of a sequence (property)', () => {
    fc.assert(
      fc.property(bytes, fc.array(bytes, { maxLength: 4 }), (dictionary, records) => {
        const compressor = new Lz4DictCompressor(dictionary)
        const out = new Uint8Array(records.reduce((sum, r) => sum + Lz4DictCompressor.bound(r.length), 0))
        const expected = new Uint32Array(SEQUENCE_PARTS << 8)
        let at = 0
        for (const record of records) {
          const length = compressor.compress(record, out, at)
          const parts = partsOf(out.subarray(at, at + length))
          parts.forEach((part, i) => expected[(part << 8) | out[at + i]!]!++)
          at += length
        }
        expect(compressor.counts).toEqual(expected)
      }),
    )
  })

  it('write the same bytes as before, against a dictionary longer than an offset reaches', () => {
    const dictionary = words(1, 70_000)
    const compressor = new Lz4DictCompressor(dictionary)
    let hash = 0x811c9dc5
    let total = 0
    for (let seed = 2; seed < 40; seed++) {
      const record = words(seed, 200 + seed * 37)
      const out = new Uint8Array(Lz4DictCompressor.bound(record.length))
      const length = compressor.compress(record, out, 0)
      expect(decompress(dictionary, out.subarray(0, length))).toEqual(record)
      total += length
      for (let i = 0; i < length; i++) hash = Math.imul(hash ^ out[i]!, 0x01000193) >>> 0
    }
    // FNV-1a of every compressed record, as the compressor before the 2-byte dictionary table wrote them
    expect({ total, hash: hash.toString(16) }).toEqual({ total: 13558, hash: 'fcb2bda5' })
  })

  it('end a match at the first byte that differs, wherever it falls in a 4-byte word', () => {
    // n distinct bytes, then their first k again and a byte that differs from the next one: the literals, then one
    // match of exactly k bytes n back, then the last byte as the last sequence's literal.
    for (let n = 4; n <= 14; n++) {
      for (let k = 4; k <= n; k++) {
        const distinct = Array.from({ length: n }, (_, i) => i + 1)
        const record = Uint8Array.from([...distinct, ...distinct.slice(0, k), 0xff])
        expect([...compress(new Uint8Array(0), record)]).toEqual([
          (n << 4) | (k - 4),
          ...distinct,
          n,
          0,
          1 << 4,
          0xff,
        ])
      }
    }
  })

  it('compress each record as a fresh compressor does, however many bytes came before it', () => {
    const dictionary = words(3, 5_000)
    const compressor = new Lz4DictCompressor(dictionary)
    // The in-record table numbers positions on across records; start it near where that numbering must restart.
    ;(compressor as unknown as { nextBase: number }).nextBase = 0x7fffffff - 1_500
    for (let seed = 4; seed < 12; seed++) {
      const record = words(seed, 400 + seed * 50)
      const out = new Uint8Array(Lz4DictCompressor.bound(record.length))
      const length = compressor.compress(record, out, 0)
      expect(out.subarray(0, length)).toEqual(compress(dictionary, record))
    }
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
