// The values of fields mapped with `store: true` in a segment's stored fields (workers/es/index/shard/stored-fields.ts,
// versions 5 and 6): a segment where some document carries `storedFields` reads every document back with them (the
// documents written before the first such one included), whether or not its records are Huffman-coded, and copies
// them into another segment; a segment where none does is still written as version 3 or 4.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StoredDocument } from '../../../../workers/es/index/shard/index-shard.ts'
import { storedDocument, utf8Length as utf8 } from './fixtures.ts'
import {
  openStoredFields,
  StoredFieldsWriter,
  type StoredFieldsReader,
} from '../../../../workers/es/index/shard/stored-fields.ts'
import { loadEngine } from '../../engine-wasm/index/load-engine.ts'

const { storedFieldsCompressor } = await loadEngine()

const withStoredFields: fc.Arbitrary<StoredDocument> = fc
  .tuple(storedDocument, fc.option(fc.string({ unit: 'grapheme', minLength: 1 }), { nil: undefined }))
  .map(([doc, stored]) => (stored === undefined ? doc : { ...doc, storedFields: stored }))

function write(docs: readonly StoredDocument[]): StoredFieldsReader {
  const writer = new StoredFieldsWriter(storedFieldsCompressor)
  for (const doc of docs) writer.addDocument(doc)
  return openStoredFields(writer.finish())
}

const magic = (reader: StoredFieldsReader): number =>
  new DataView(reader.bytes.buffer, reader.bytes.byteOffset).getUint32(0, true)

describe('stored fields of fields mapped with store: true', () => {
  it('read back with every document, before and after the first that has any (property)', () => {
    fc.assert(
      fc.property(fc.array(withStoredFields, { maxLength: 30 }), (docs) => {
        const reader = write(docs)
        docs.forEach((doc, local) => {
          expect(reader.document(local)).toEqual(doc)
          expect(reader.size(local)).toBe(utf8(doc.id) + utf8(doc.source))
        })
        const stored = docs.some((doc) => doc.storedFields !== undefined)
        expect([0xffffff03, 0xffffff04, 0xffffff05, 0xffffff06]).toContain(magic(reader))
        expect(magic(reader) >= 0xffffff05).toBe(stored)
        const copier = new StoredFieldsWriter(storedFieldsCompressor)
        for (let local = 0; local < docs.length; local++) copier.addCopy(reader, local, false)
        const copy = openStoredFields(copier.finish())
        docs.forEach((doc, local) => expect(copy.document(local)).toEqual(doc))
      }),
    )
  })

  it('put the stored fields after the routing, in Huffman-coded segments too', () => {
    const docs = Array.from({ length: 3000 }, (_, i) => ({
      id: String(i),
      source: JSON.stringify({
        title: `title number ${i}`,
        body: `${i * 7919} lorem ${i % 13} ipsum ${(i * 31) % 97}`,
      }),
      routing: i % 3 === 0 ? `r${i}` : null,
      version: 1,
      seqNo: i,
      primaryTerm: 1,
      ...(i >= 5 && i % 2 === 1 ? { storedFields: `{"title":["title number ${i}"]}` } : {}),
    }))
    const reader = write(docs)
    expect(magic(reader)).toBe(0xffffff06)
    docs.forEach((doc, local) => expect(reader.document(local)).toEqual(doc))
    const small = write([
      {
        id: 'a',
        source: '{}',
        routing: 'r',
        version: 1,
        seqNo: 0,
        primaryTerm: 1,
        storedFields: '{"f":[1]}',
      },
    ])
    expect(magic(small)).toBe(0xffffff05)
    // one literal-only LZ4 sequence: routing varint (bytes + 1), routing, stored fields varint, stored fields, source
    const record = [0x2, ...Buffer.from('r'), 0x9, ...Buffer.from('{"f":[1]}'), ...Buffer.from('{}')]
    expect([...small.bytes.subarray(small.bytes.length - record.length - 1)]).toEqual([
      record.length << 4,
      ...record,
    ])
  })
})
