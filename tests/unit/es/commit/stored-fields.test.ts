// A segment's stored fields (workers/es/index/shard/stored-fields.ts) round-trip: every document's `_id`,
// `_source`, `_routing`, `_version`, `_seq_no` and `_primary_term`, in doc id order, any Unicode text (UTF-16
// lengths over one UTF-8 text), deleted slots kept as slots with their size; and the byte layout is the one the
// header documents.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeStoredFields,
  encodeStoredFields,
  type StoredSlot,
} from '../../../../workers/es/index/shard/stored-fields.ts'

const text = fc.string({ unit: 'grapheme', maxLength: 20 })
const slot: fc.Arbitrary<StoredSlot> = fc.record({
  doc: fc.option(
    fc.record({
      id: text,
      source: text,
      routing: fc.option(text),
      version: fc.integer({ min: 1, max: 2 ** 40 }),
      seqNo: fc.integer({ min: 0, max: 2 ** 52 }),
      primaryTerm: fc.integer({ min: 1, max: 1000 }),
    }),
  ),
  bytes: fc.nat({ max: 2 ** 32 - 1 }),
})

describe('stored fields', () => {
  it('decode to the slots they were encoded from (property)', () => {
    fc.assert(
      fc.property(fc.array(slot, { maxLength: 30 }), (slots) => {
        expect(decodeStoredFields(encodeStoredFields(slots))).toEqual(slots)
      }),
    )
  })

  it('lay out a table of fixed entries, then the text', () => {
    const bytes = encodeStoredFields([
      { doc: { id: 'é', source: '{}', routing: null, version: 2, seqNo: 7, primaryTerm: 1 }, bytes: 4 },
      { doc: null, bytes: 9 },
    ])
    const view = new DataView(bytes.buffer)
    expect(view.getUint32(0, true)).toBe(2)
    expect([view.getFloat64(4, true), view.getFloat64(12, true), view.getFloat64(20, true)]).toEqual([
      2, 7, 1,
    ])
    expect([28, 32, 36, 40].map((at) => view.getInt32(at, true))).toEqual([4, 1, 2, -1])
    expect([72, 76, 80].map((at) => view.getInt32(at, true))).toEqual([-1, -1, -1])
    expect(view.getUint32(68, true)).toBe(9)
    expect([...bytes.subarray(84)]).toEqual([0xc3, 0xa9, 0x7b, 0x7d])
    expect(bytes.length).toBe(88)
  })
})
