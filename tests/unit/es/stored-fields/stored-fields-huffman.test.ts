// Huffman coding of LZ4 records (workers/es/index/shard/stored-fields-huffman.ts): any records, LZ4-compressed against
// any dictionary and coded with the codes built from them, decode to themselves (literal runs and matches with
// lengths past 15 included); a segment of similar documents is written as version 4 and takes well under what
// LZ4 takes, a small one stays version 3; coded bytes that are cut or have bytes over, and code lengths that
// are no prefix code, are refused.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CODES_BYTES,
  HuffmanDecoder,
  HuffmanEncoder,
} from '../../../../workers/es/index/shard/stored-fields-huffman.ts'
import {
  Lz4DictCompressor,
  RecordDecompressor,
} from '../../../../workers/es/index/shard/stored-fields-lz4.ts'
import { openStoredFields, StoredFieldsWriter } from '../../../../workers/es/index/shard/stored-fields.ts'

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

/** LZ4 records of `records` against `dictionary`, concatenated, and their ends. */
function lz4Records(
  dictionary: Uint8Array,
  records: readonly Uint8Array[],
): { lz4: Uint8Array; ends: number[]; counts: Uint32Array } {
  const compressor = new Lz4DictCompressor(dictionary)
  const lz4 = new Uint8Array(records.reduce((sum, record) => sum + Lz4DictCompressor.bound(record.length), 0))
  const ends: number[] = []
  let at = 0
  for (const record of records) {
    at += compressor.compress(record, lz4, at)
    ends.push(at)
  }
  return { lz4, ends, counts: compressor.counts }
}

/** Every record coded alone. */
function coded(
  encoder: HuffmanEncoder,
  { lz4, ends }: { lz4: Uint8Array; ends: readonly number[] },
): Uint8Array[] {
  return ends.map((end, i) => {
    const from = i === 0 ? 0 : ends[i - 1]!
    const out = new Uint8Array(HuffmanEncoder.bound(end - from))
    return out.slice(0, encoder.encode(lz4, from, end, out, 0))
  })
}

describe('stored fields Huffman coding', () => {
  it('decode every record it codes to the record, against any dictionary (property)', () => {
    fc.assert(
      fc.property(bytes, fc.array(bytes, { minLength: 1, maxLength: 6 }), (dictionary, records) => {
        const lz4 = lz4Records(dictionary, records)
        const { ends } = lz4
        const encoder = new HuffmanEncoder(lz4.counts)
        const decoder = new HuffmanDecoder(encoder.codeLengths())
        const into = new RecordDecompressor()
        coded(encoder, lz4).forEach((record, i) => {
          const from = i === 0 ? 0 : ends[i - 1]!
          expect(record.length).toBeLessThanOrEqual(HuffmanEncoder.bound(ends[i]! - from))
          const length = decoder.decode(dictionary, record, into)
          expect(into.out.slice(0, length)).toEqual(records[i])
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
      const writer = new StoredFieldsWriter()
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
    const lz4 = lz4Records(dictionary, records)
    const codedBytes = coded(new HuffmanEncoder(lz4.counts), lz4).reduce(
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
    const lz4 = lz4Records(dictionary, records)
    const encoder = new HuffmanEncoder(lz4.counts)
    const decoder = new HuffmanDecoder(encoder.codeLengths())
    const into = new RecordDecompressor()
    for (const record of coded(encoder, lz4)) {
      expect(into.out.slice(0, decoder.decode(dictionary, record, into)).length).toBeGreaterThan(0)
      for (let cut = 0; cut < record.length; cut++)
        expect(() => decoder.decode(dictionary, record.subarray(0, cut), into)).toThrow(RangeError)
      expect(() => decoder.decode(dictionary, Uint8Array.from([...record, 0]), into)).toThrow(RangeError)
    }
    expect(() => new HuffmanDecoder(new Uint8Array(CODES_BYTES).fill(0x11))).toThrow(RangeError)
  })
})
