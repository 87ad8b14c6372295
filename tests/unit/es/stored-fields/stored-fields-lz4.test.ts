// LZ4 with a preset dictionary (workers/es/index/shard/stored-fields-lz4.ts, compressed by index.wasm through
// engine-wasm/src/index/stored-fields-compressor.ts, chunk by chunk): any record, compressed against any
// dictionary, decompresses to itself, long literal runs and long matches (lengths past 15) and matches reaching
// into the dictionary included; the compressed size stays within the bound; a repeated record compresses to a few
// bytes against a dictionary holding it; and bytes that are not a record (cut inside a sequence, or matching before
// the dictionary) are refused. The compressor marks the part of every byte it writes and counts each byte by its
// part, as reading its output back finds them; and its output is pinned (stored records are not re-compressed on
// a new version, so a change shows here first; the bytes the TypeScript compressor wrote before index.wasm took
// over), a dictionary past the 64 KiB an offset reaches included; a record compresses the same whatever was
// compressed before it, in its chunk or an earlier one; a match ends at the first byte that differs.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  LAST_TOKEN_PART,
  LENGTH_PART,
  LITERAL_PART,
  OFFSET_HIGH_PART,
  OFFSET_LOW_PART,
  RecordDecompressor,
  SEQUENCE_PARTS,
  TOKEN_PART,
} from '../../../../workers/es/index/shard/stored-fields-lz4.ts'
import { lz4Bound } from '../../../../engine-wasm/src/index/index.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { GrowableBytes, lz4Records } from './fixtures.ts'

const { storedFieldsCompressor } = await loadEngine()

/** Bytes from a small alphabet with runs, so that matches of every length occur. */
const bytes = fc
  .array(fc.tuple(fc.integer({ min: 97, max: 100 }), fc.integer({ min: 1, max: 40 })), { maxLength: 40 })
  .map((runs) => Uint8Array.from(runs.flatMap(([byte, length]) => Array<number>(length).fill(byte))))

/** Compresses the records in one call: each one's compressed bytes, and the byte counts by part. */
function compressAll(
  dictionary: Uint8Array,
  records: readonly Uint8Array[],
): { compressed: Uint8Array[]; counts: Uint32Array } {
  const { lz4, ends, counts } = lz4Records(storedFieldsCompressor, dictionary, records)
  const compressed = records.map((_, i) => lz4.slice(i === 0 ? 0 : ends[i - 1], ends[i]))
  return { compressed, counts }
}

function compress(dictionary: Uint8Array, record: Uint8Array): Uint8Array {
  return compressAll(dictionary, [record]).compressed[0]!
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
        const decompressor = new RecordDecompressor()
        compressAll(dictionary, records).compressed.forEach((compressed, i) => {
          expect(compressed.length).toBeLessThanOrEqual(lz4Bound(records[i]!.length))
          const size = decompressor.decompress(dictionary, compressed)
          expect(decompressor.out.slice(0, size)).toEqual(records[i])
        })
      }),
    )
  })

  it('count every byte written by its part of a sequence (property)', () => {
    fc.assert(
      fc.property(bytes, fc.array(bytes, { maxLength: 4 }), (dictionary, records) => {
        const { compressed, counts } = compressAll(dictionary, records)
        const expected = new Uint32Array(SEQUENCE_PARTS << 8)
        for (const record of compressed)
          partsOf(record).forEach((part, i) => expected[(part << 8) | record[i]!]!++)
        expect(counts).toEqual(expected)
      }),
    )
  })

  it('write the same bytes as before, against a dictionary longer than an offset reaches', () => {
    const dictionary = words(1, 70_000)
    const records = Array.from({ length: 38 }, (_, i) => words(i + 2, 200 + (i + 2) * 37))
    let hash = 0x811c9dc5
    let total = 0
    compressAll(dictionary, records).compressed.forEach((compressed, i) => {
      expect(decompress(dictionary, compressed)).toEqual(records[i])
      total += compressed.length
      for (const byte of compressed) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0
    })
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

  it('compress each record as it compresses alone, however many bytes came before it, in its chunk or earlier ones', () => {
    const dictionary = words(3, 5_000)
    // about 1.4 MB of records: many chunks, and records of one chunk after another
    const records = Array.from({ length: 2_000 }, (_, i) => words(i + 4, 400 + (i % 50) * 10))
    const { compressed } = compressAll(dictionary, records)
    for (const i of [0, 1, 2, 150, 151, 999, 1_999])
      expect(compressed[i]).toEqual(compress(dictionary, records[i]!))
  })

  it('write over the records they read (a sink over their buffer) what a sink of its own gets, an incompressible start included', () => {
    const dictionary = words(3, 5_000)
    let state = 7
    const noise = (length: number): Uint8Array =>
      Uint8Array.from({ length }, () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24)
    for (const records of [
      Array.from({ length: 600 }, (_, i) => words(i + 4, 400 + (i % 50) * 10)),
      // output longer than the records at first: the records not read yet are copied out before it reaches them
      [noise(200_000), noise(1), ...Array.from({ length: 600 }, (_, i) => words(i + 4, 400))],
    ]) {
      const separate = lz4Records(storedFieldsCompressor, dictionary, records)
      const ends = new Int32Array(records.length)
      records.reduce((end, record, i) => (ends[i] = end + record.length), 0)
      const sink = new GrowableBytes()
      sink.data = new Uint8Array(ends[ends.length - 1]!)
      records.forEach((record, i) => sink.data.set(record, i === 0 ? 0 : ends[i - 1]))
      const input = sink.data
      const counts = storedFieldsCompressor.lz4(dictionary, input, ends, sink)
      expect(sink.data.slice(0, sink.length)).toEqual(separate.lz4)
      expect([...ends]).toEqual(separate.ends)
      expect(counts).toEqual(separate.counts)
      // written in place unless the output outgrew the records
      expect(sink.data === input).toBe(separate.lz4.length <= input.length)
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
