// Huffman coding of LZ4 records (workers/es/index/shard/stored-fields-huffman.ts; the records compressed and coded by
// index.wasm through engine-wasm/src/index/stored-fields-compressor.ts): any records, LZ4-compressed against any
// dictionary and coded with the codes built from them, decode to themselves (literal runs and matches with lengths
// past 15 included), and are the bytes a bit-by-bit writer of the format gives; a segment of similar documents is
// written as version 4 and takes well under what LZ4 takes, a small one stays version 3; coded bytes that are cut or have bytes over, and code lengths that
// are no prefix code, are refused.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { huffmanBound } from '../../../../engine-wasm/src/index/index.ts'
import {
  CODES_BYTES,
  HuffmanCodes,
  HuffmanDecoder,
} from '../../../../workers/es/index/shard/stored-fields-huffman.ts'
import { RecordDecompressor } from '../../../../workers/es/index/shard/stored-fields-lz4.ts'
import { openStoredFields, StoredFieldsWriter } from '../../../../workers/es/index/shard/stored-fields.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'
import { GrowableBytes, lz4Records } from './fixtures.ts'

const { storedFieldsCompressor } = await loadEngine()

/** Runs of a small alphabet (long matches) and random bytes (long literal runs). */
const bytes = fc
  .array(
    fc.oneof(
      fc
        .tuple(fc.integer({ min: 97, max: 100 }), fc.integer({ min: 1, max: 40 }))
        .map(([byte, length]) => Array<number>(length).fill(byte)),
      fc.uint8Array({ maxLength: 300 }).map((random) => [...random]),
    ),
    { maxLength: 12 },
  )
  .map((parts) => Uint8Array.from(parts.flat()))

/** Every record coded (in one call), each on its own. */
function coded(
  codes: HuffmanCodes,
  { lz4, ends }: { lz4: Uint8Array; ends: readonly number[] },
): Uint8Array[] {
  const codedEnds = Int32Array.from(ends)
  const out = new GrowableBytes()
  storedFieldsCompressor.huffman(codes.partCodes, lz4, codedEnds, out)
  return [...codedEnds].map((end, i) => out.data.slice(i === 0 ? 0 : codedEnds[i - 1], end))
}

/** The alphabets in their stored order (TOKEN, LITERAL, EXTRA, OFFSET_LOW, OFFSET_HIGH) and their sizes. */
const ALPHABET_SIZES = [512, 256, 256, 256, 256]
const [TOKEN, LITERAL, EXTRA, OFFSET_LOW, OFFSET_HIGH] = [0, 1, 2, 3, 4]

/**
 * The format written naively: the stored code lengths unpacked, canonical codes assigned to them (DEFLATE's
 * numbering), each LZ4 byte's alphabet found by walking its record's sequences, and each code written bit by bit
 * from its first bit on, least significant bit of the output first; a record ends on a whole byte.
 */
function naiveCoded(codeLengths: Uint8Array, lz4: Uint8Array, from: number, to: number): Uint8Array {
  const nibbles = [...codeLengths].flatMap((byte) => [byte & 15, byte >>> 4])
  const codes = ALPHABET_SIZES.map((size, a) => {
    const start = ALPHABET_SIZES.slice(0, a).reduce((sum, n) => sum + n, 0)
    const lengths = nibbles.slice(start, start + size)
    const codeOf: number[] = []
    let code = 0
    for (let length = 1; length <= 15; length++, code <<= 1)
      lengths.forEach((l, symbol) => {
        if (l === length) codeOf[symbol] = code++
      })
    return lengths.map((length, symbol) => ({ length, code: codeOf[symbol] ?? 0 }))
  })
  const bits: number[] = []
  const put = (alphabet: number, symbol: number): void => {
    const { length, code } = codes[alphabet]![symbol]!
    for (let bit = length - 1; bit >= 0; bit--) bits.push((code >>> bit) & 1)
  }
  for (let at = from; at < to;) {
    const token = lz4[at++]!
    let literals = token >>> 4
    const extras: number[] = []
    if (literals === 15) {
      do extras.push(lz4[at++]!)
      while (extras.at(-1) === 255)
      literals += extras.reduce((sum, n) => sum + n, 0)
    }
    const last = at + literals >= to
    put(TOKEN, last ? 256 + token : token)
    for (const extra of extras) put(EXTRA, extra)
    for (let i = 0; i < literals; i++) put(LITERAL, lz4[at++]!)
    if (last) break
    put(OFFSET_LOW, lz4[at++]!)
    put(OFFSET_HIGH, lz4[at++]!)
    if ((token & 15) === 15) {
      let extra: number
      do put(EXTRA, (extra = lz4[at++]!))
      while (extra === 255)
    }
  }
  const out = new Uint8Array(Math.ceil(bits.length / 8))
  bits.forEach((bit, i) => (out[i >>> 3]! |= bit << (i & 7)))
  return out
}

describe('stored fields Huffman coding', () => {
  it('decode every record it codes to the record, against any dictionary (property)', () => {
    fc.assert(
      fc.property(bytes, fc.array(bytes, { minLength: 1, maxLength: 6 }), (dictionary, records) => {
        const lz4 = lz4Records(storedFieldsCompressor, dictionary, records)
        const { ends } = lz4
        const codes = new HuffmanCodes(lz4.counts)
        const decoder = new HuffmanDecoder(codes.codeLengths())
        const into = new RecordDecompressor()
        coded(codes, lz4).forEach((record, i) => {
          const from = i === 0 ? 0 : ends[i - 1]!
          expect(record.length).toBeLessThanOrEqual(huffmanBound(ends[i]! - from))
          const length = decoder.decode(dictionary, record, into)
          expect(into.out.slice(0, length)).toEqual(records[i])
        })
      }),
    )
  })

  it('write exactly the bytes a bit-by-bit writer of the format writes (property)', () => {
    fc.assert(
      fc.property(bytes, fc.array(bytes, { minLength: 1, maxLength: 6 }), (dictionary, records) => {
        const lz4 = lz4Records(storedFieldsCompressor, dictionary, records)
        const codes = new HuffmanCodes(lz4.counts)
        const codeLengths = codes.codeLengths()
        coded(codes, lz4).forEach((record, i) => {
          const from = i === 0 ? 0 : lz4.ends[i - 1]!
          expect(record).toEqual(naiveCoded(codeLengths, lz4.lz4, from, lz4.ends[i]!))
        })
      }),
    )
  })

  it('code a segment of similar documents in well under its LZ4 bytes, as version 4; a small one stays version 3', () => {
    const words = [
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
    const docs = Array.from({ length: 3000 }, (_, i) => ({
      id: String(i),
      source: JSON.stringify({
        title: Array.from({ length: 6 }, (_, w) => words[(i * 7 + w * w * 3 + (i >> w)) % words.length]).join(
          ' ',
        ),
        views: (i * 7919) % 10007,
      }),
      routing: i % 7 === 0 ? `r${i}` : null,
      version: 1,
      seqNo: i,
      primaryTerm: 1,
    }))
    const write = (count: number): Uint8Array => {
      const writer = new StoredFieldsWriter(storedFieldsCompressor)
      for (const doc of docs.slice(0, count)) writer.addDocument(doc)
      return writer.finish()
    }
    const magic = (stored: Uint8Array): number => new DataView(stored.buffer).getUint32(0, true)
    expect(magic(write(20))).toBe(0xffffff03)
    const stored = write(docs.length)
    expect(magic(stored)).toBe(0xffffff04)
    const reader = openStoredFields(stored)
    for (const local of [2999, 0, 1234, 7, 300]) expect(reader.document(local)).toEqual(docs[local])
    // the records' LZ4 sequences against a dictionary of some of them, and the same coded
    const records = docs.map((doc) => new TextEncoder().encode(doc.source))
    const dictionary = Uint8Array.from(records.slice(0, 40).flatMap((record) => [...record]))
    const lz4 = lz4Records(storedFieldsCompressor, dictionary, records)
    const codedBytes = coded(new HuffmanCodes(lz4.counts), lz4).reduce(
      (sum, record) => sum + record.length,
      0,
    )
    expect(codedBytes).toBeLessThan(0.8 * lz4.ends.at(-1)!)
  })

  it('refuse coded records that are cut or have bytes over, and code lengths that are no prefix code', () => {
    const dictionary = new TextEncoder().encode('{"title":"the quick brown fox"}')
    const records = ['{"title":"the quick red fox"}', '{"title":"a lazy dog"}'].map((text) =>
      new TextEncoder().encode(text),
    )
    const lz4 = lz4Records(storedFieldsCompressor, dictionary, records)
    const codes = new HuffmanCodes(lz4.counts)
    const decoder = new HuffmanDecoder(codes.codeLengths())
    const into = new RecordDecompressor()
    for (const record of coded(codes, lz4)) {
      expect(into.out.slice(0, decoder.decode(dictionary, record, into)).length).toBeGreaterThan(0)
      for (let cut = 0; cut < record.length; cut++)
        expect(() => decoder.decode(dictionary, record.subarray(0, cut), into)).toThrow(RangeError)
      expect(() => decoder.decode(dictionary, Uint8Array.from([...record, 0]), into)).toThrow(RangeError)
    }
    expect(() => new HuffmanDecoder(new Uint8Array(CODES_BYTES).fill(0x11))).toThrow(RangeError)
  })
})
