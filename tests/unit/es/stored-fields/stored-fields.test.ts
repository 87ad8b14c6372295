// A segment's stored fields (workers/es/index/shard/stored-fields.ts) as bytes: every document written reads back
// with its `_id`, `_source`, `_routing`, `_version`, `_seq_no` and `_primary_term`, any Unicode text, its size the
// UTF-8 bytes of `_id` + `_source`; records copied from another segment read back the same; the byte layout is the
// one the header documents; bytes that do not hold what they list are refused; and version-1 bytes (the layout
// before, stored-fields-v1.ts) convert to the same documents.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StoredDocument } from '../../../../workers/es/index/shard/index-shard.ts'
import { encodeV1, storedDocument, utf8Length as utf8 } from './fixtures.ts'
import { StoredFieldsReader, StoredFieldsWriter } from '../../../../workers/es/index/shard/stored-fields.ts'
import { upgradeStoredFieldsV1 } from '../../../../workers/es/index/shard/stored-fields-v1.ts'

function write(docs: readonly StoredDocument[]): StoredFieldsReader {
  const writer = new StoredFieldsWriter()
  for (const doc of docs) writer.addDocument(doc)
  return new StoredFieldsReader(writer.finish())
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
          const writer = new StoredFieldsWriter()
          for (const [pick, deleted] of picks) writer.addCopy(source, pick % docs.length, deleted)
          const copy = new StoredFieldsReader(writer.finish())
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

  it('lay out the columns, the sizes, the record offsets, then the records', () => {
    const writer = new StoredFieldsWriter()
    writer.addDocument({ id: 'é', source: '{}', routing: null, version: 2, seqNo: 7, primaryTerm: 1 })
    writer.addDocument({ id: 'a', source: '1', routing: 'r', version: 3, seqNo: 8, primaryTerm: 4 })
    const bytes = writer.finish()
    const view = new DataView(bytes.buffer)
    expect(view.getUint32(0, true)).toBe(2)
    expect([4, 12, 20, 28, 36, 44].map((at) => view.getFloat64(at, true))).toEqual([2, 3, 7, 8, 1, 4])
    expect([52, 56].map((at) => view.getUint32(at, true))).toEqual([4, 2])
    expect([60, 64, 68].map((at) => view.getUint32(at, true))).toEqual([0, 12, 23])
    expect([...bytes.subarray(72)]).toEqual([
      ...[2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xc3, 0xa9, 0x7b, 0x7d],
      ...[1, 0, 0, 0, 1, 0, 0, 0, 0x61, 0x72, 0x31],
    ])
    expect(bytes.length).toBe(95)
  })

  it('refuse bytes that do not hold the documents they list: short, cut or with bytes over', () => {
    const bytes = write([
      { id: '1', source: '{"a":1}', routing: null, version: 1, seqNo: 0, primaryTerm: 1 },
    ]).bytes
    expect(new StoredFieldsReader(new StoredFieldsWriter().finish()).maxDoc).toBe(0)
    for (const wrong of [
      bytes.subarray(0, 3),
      bytes.subarray(0, bytes.length - 1),
      new Uint8Array([...bytes, 0]),
    ])
      expect(() => new StoredFieldsReader(wrong)).toThrow(RangeError)
  })

  it('of version 1 convert to the same documents, deleted slots kept with their size (property)', () => {
    const slot = fc.record({ doc: fc.option(storedDocument), bytes: fc.nat({ max: 2 ** 32 - 1 }) })
    fc.assert(
      fc.property(fc.array(slot, { maxLength: 30 }), (slots) => {
        const reader = new StoredFieldsReader(upgradeStoredFieldsV1(encodeV1(slots)))
        expect(reader.maxDoc).toBe(slots.length)
        slots.forEach(({ doc, bytes }, local) => {
          expect(reader.document(local)).toEqual(doc)
          expect(reader.size(local)).toBe(doc ? utf8(doc.id) + utf8(doc.source) : bytes)
        })
      }),
    )
    expect(() => upgradeStoredFieldsV1(new Uint8Array([5, 0, 0, 0]))).toThrow(RangeError)
  })
})
