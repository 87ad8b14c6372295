// A segment's stored fields (workers/es/index/shard/stored-fields.ts) as bytes: every document written reads back
// with its `_id`, `_source`, `_routing`, `_version`, `_seq_no` and `_primary_term`, any Unicode text, its size the
// UTF-8 bytes of `_id` + `_source`; records copied from another segment read back the same; the byte layout is the
// one the header documents; a segment of similar documents compresses, each document read on its own; bytes that
// do not hold what they list are refused; version-2 bytes (stored-fields-v2.ts, what a learner's store holds) read
// as they are; version-1 bytes (stored-fields-v1.ts) convert to the same documents; and the bytes written are
// pinned (those the TypeScript compressor wrote before index.wasm compressed them).
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StoredDocument } from '../../../../workers/es/index/shard/index-shard.ts'
import { encodeV1, encodeV2, generatedSegment, storedDocument, utf8Length as utf8 } from './fixtures.ts'
import {
  openStoredFields,
  StoredFieldsWriter,
  type StoredFieldsReader,
} from '../../../../workers/es/index/shard/stored-fields.ts'
import { upgradeStoredFieldsV1 } from '../../../../workers/es/index/shard/stored-fields-v1.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

const { storedFieldsCompressor } = await loadEngine()

function write(docs: readonly StoredDocument[]): StoredFieldsReader {
  const writer = new StoredFieldsWriter(storedFieldsCompressor)
  for (const doc of docs) writer.addDocument(doc)
  return openStoredFields(writer.finish())
}

describe('stored fields', () => {
  it('read back every document written, with its size (property)', () => {
    fc.assert(
      fc.property(fc.array(storedDocument, { maxLength: 30 }), (docs) => {
        const reader = write(docs)
        expect(reader.maxDoc).toBe(docs.length)
        docs.forEach((doc, local) => {
          expect(reader.document(local)).toEqual(doc)
          expect(reader.id(local)).toBe(doc.id)
          expect(reader.isDeleted(local)).toBe(false)
          expect(reader.size(local)).toBe(utf8(doc.id) + utf8(doc.source))
          expect([reader.version(local), reader.seqNo(local), reader.primaryTerm(local)]).toEqual([
            doc.version,
            doc.seqNo,
            doc.primaryTerm,
          ])
        })
      }),
    )
  })

  it('copy records from other segments as they are, deleted ones as empty records with their size (property)', () => {
    fc.assert(
      fc.property(
        fc.array(storedDocument, { minLength: 1, maxLength: 20 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 30 }),
        (docs, picks) => {
          const source = write(docs)
          const writer = new StoredFieldsWriter(storedFieldsCompressor)
          for (const [pick, deleted] of picks) writer.addCopy(source, pick % docs.length, deleted)
          const copy = openStoredFields(writer.finish())
          picks.forEach(([pick, deleted], local) => {
            const doc = docs[pick % docs.length]!
            expect(copy.document(local)).toEqual(deleted ? null : doc)
            expect(copy.size(local)).toBe(utf8(doc.id) + utf8(doc.source))
            expect(copy.seqNo(local)).toBe(doc.seqNo)
          })
        },
      ),
    )
  })

  it('lay out the header, the packed columns, the dictionary, the ids, then the compressed records', () => {
    const writer = new StoredFieldsWriter(storedFieldsCompressor)
    writer.addDocument({ id: 'é', source: '{}', routing: null, version: 2, seqNo: 7, primaryTerm: 1 })
    writer.addDocument({ id: 'a', source: '1', routing: 'r', version: 3, seqNo: 8, primaryTerm: 4 })
    const bytes = writer.finish()
    const view = new DataView(bytes.buffer)
    expect([0, 4, 8].map((at) => view.getUint32(at, true))).toEqual([0xffffff03, 2, 0])
    // version, seqNo, primaryTerm, size, id ends, record ends: f64 min, u8 width 1, one byte per document
    const columns = [0, 1, 2, 3, 4, 5].map((column) => {
      const at = 12 + 11 * column
      return [view.getFloat64(at, true), view.getUint8(at + 8), view.getUint8(at + 9), view.getUint8(at + 10)]
    })
    expect(columns).toEqual([
      [2, 1, 0, 1],
      [7, 1, 0, 1],
      [1, 1, 0, 3],
      [2, 1, 2, 0],
      [2, 1, 0, 1],
      [4, 1, 0, 4],
    ])
    expect([...bytes.subarray(78)]).toEqual([
      ...[0xc3, 0xa9, 0x61],
      // each record one literal-only LZ4 sequence: routing varint (0: none, else bytes + 1), routing, source
      ...[0x30, 0, 0x7b, 0x7d],
      ...[0x30, 2, 0x72, 0x31],
    ])
    expect(bytes.length).toBe(89)
  })

  it('compress a segment of similar documents against a dictionary of its records, each read alone', () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel']
    const docs = Array.from({ length: 2000 }, (_, i) => ({
      id: `doc-${i}`,
      source: JSON.stringify({
        title: words.map((_, w) => words[(i * 7 + w * 3) % words.length]).join(' '),
        body: 'x'.repeat(i % 300),
        views: i,
      }),
      routing: i % 5 === 0 ? 'r'.repeat(200 + (i % 3)) : null,
      version: 1,
      seqNo: i,
      primaryTerm: 1,
    }))
    const reader = write(docs)
    const raw = docs.reduce((sum, doc) => sum + utf8(doc.id) + utf8(doc.source) + utf8(doc.routing ?? ''), 0)
    expect(reader.bytes.length).toBeLessThan(raw / 2)
    for (const local of [1999, 0, 1234, 5, 300]) expect(reader.document(local)).toEqual(docs[local])
  })

  it('write the same bytes as before: versions 3 and 4, deleted documents, records past 64 KiB', () => {
    const segment = (count: number): Uint8Array => {
      const writer = new StoredFieldsWriter(storedFieldsCompressor)
      for (const doc of generatedSegment(count)) {
        if (doc) writer.addDocument(doc)
        else writer.addDeleted(7)
      }
      return writer.finish()
    }
    const written = [6, 40, 3000].map((count) => {
      const bytes = segment(count)
      return {
        magic: bytes[0],
        length: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      }
    })
    // as the TypeScript compressor wrote them before index.wasm compressed stored fields
    expect(written).toEqual([
      { magic: 3, length: 1314, sha256: 'c6756d50cfdba03a2f6e5294eca563e1caf114c37216845adb1d4cf1df2368db' },
      { magic: 4, length: 21993, sha256: '76ef0397e3b39447bfd5699a3e604c79ffcc9646244d6ea3e604b19e0b066d1f' },
      {
        magic: 4,
        length: 397798,
        sha256: '0b48b7eaa47a0a8872abaed2cc3cc8573bdfbdc573e3bde23fd4ba4afc8c4590',
      },
    ])
    const reader = openStoredFields(segment(40))
    generatedSegment(40).forEach((doc, local) => expect(reader.document(local)).toEqual(doc))
  })

  it('of version 2 read as they are, and copy into the compressed layout (property)', () => {
    const slot = fc.record({ doc: fc.option(storedDocument), bytes: fc.nat({ max: 2 ** 32 - 1 }) })
    fc.assert(
      fc.property(fc.array(slot, { maxLength: 30 }), (slots) => {
        const old = openStoredFields(encodeV2(slots))
        const writer = new StoredFieldsWriter(storedFieldsCompressor)
        for (let local = 0; local < slots.length; local++) writer.addCopy(old, local, old.isDeleted(local))
        for (const reader of [old, openStoredFields(writer.finish())]) {
          expect(reader.maxDoc).toBe(slots.length)
          slots.forEach(({ doc, bytes }, local) => {
            expect(reader.document(local)).toEqual(doc)
            expect(reader.id(local)).toBe(doc?.id ?? null)
            expect(reader.size(local)).toBe(doc ? utf8(doc.id) + utf8(doc.source) : bytes)
          })
        }
      }),
    )
  })

  it('refuse bytes that do not hold the documents they list: short, cut or with bytes over', () => {
    const bytes = write([
      { id: '1', source: '{"a":1}', routing: null, version: 1, seqNo: 0, primaryTerm: 1 },
    ]).bytes
    expect(openStoredFields(new StoredFieldsWriter(storedFieldsCompressor).finish()).maxDoc).toBe(0)
    for (const wrong of [
      bytes.subarray(0, 3),
      bytes.subarray(0, bytes.length - 1),
      new Uint8Array([...bytes, 0]),
    ])
      expect(() => openStoredFields(wrong)).toThrow(RangeError)
  })

  it('of version 1 convert to the same documents, deleted slots kept with their size (property)', () => {
    const slot = fc.record({ doc: fc.option(storedDocument), bytes: fc.nat({ max: 2 ** 32 - 1 }) })
    fc.assert(
      fc.property(fc.array(slot, { maxLength: 30 }), (slots) => {
        const reader = openStoredFields(upgradeStoredFieldsV1(encodeV1(slots), storedFieldsCompressor))
        expect(reader.maxDoc).toBe(slots.length)
        slots.forEach(({ doc, bytes }, local) => {
          expect(reader.document(local)).toEqual(doc)
          expect(reader.size(local)).toBe(doc ? utf8(doc.id) + utf8(doc.source) : bytes)
        })
      }),
    )
    expect(() => upgradeStoredFieldsV1(new Uint8Array([5, 0, 0, 0]), storedFieldsCompressor)).toThrow(
      RangeError,
    )
  })
})
