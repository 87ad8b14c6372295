/**
 * StoredFields: the stored fields of one segment's documents (Lucene's .fdt: `_id`, `_source`, `_routing`, and the
 * `_version`, `_seq_no` and `_primary_term` doc values ES keeps per document), what a shard needs to answer GET,
 * `_source` and fetch after a restart without replaying its operations. Written once with the segment's image.
 *
 * Byte layout (little-endian, no padding): u32 docCount, then docCount x (f64 version, f64 seqNo, f64 primaryTerm,
 * u32 size: the UTF-8 bytes of `_id` + `_source` the segment size model counts, i32 idLength, i32 sourceLength,
 * i32 routingLength), then one UTF-8 text: every document's id, source and routing, concatenated in doc order.
 * Lengths count UTF-16 code units (so one decode of the text and slices rebuild every string); idLength -1 marks a
 * document deleted before its segment was stored (its fields are gone, its size stays); routingLength -1: no routing.
 * Invariant: docCount is the segment's maxDoc; document i is local doc id i.
 */
import type { StoredDocument } from './index-shard.ts'

/** A document slot of a segment: the document (null once deleted) and its size in bytes. */
export interface StoredSlot {
  doc: StoredDocument | null
  bytes: number
}

const HEADER_BYTES = 4
const ENTRY_BYTES = 3 * 8 + 4 * 4
const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function encodeStoredFields(slots: readonly StoredSlot[]): Uint8Array {
  const texts: string[] = []
  for (const { doc } of slots) if (doc) texts.push(doc.id, doc.source, doc.routing ?? '')
  const text = encoder.encode(texts.join(''))
  const out = new Uint8Array(HEADER_BYTES + ENTRY_BYTES * slots.length + text.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, slots.length, true)
  slots.forEach(({ doc, bytes }, i) => {
    const at = HEADER_BYTES + ENTRY_BYTES * i
    view.setFloat64(at, doc?.version ?? 0, true)
    view.setFloat64(at + 8, doc?.seqNo ?? 0, true)
    view.setFloat64(at + 16, doc?.primaryTerm ?? 0, true)
    view.setUint32(at + 24, bytes, true)
    view.setInt32(at + 28, doc ? doc.id.length : -1, true)
    view.setInt32(at + 32, doc ? doc.source.length : -1, true)
    view.setInt32(at + 36, doc?.routing != null ? doc.routing.length : -1, true)
  })
  out.set(text, HEADER_BYTES + ENTRY_BYTES * slots.length)
  return out
}

export function decodeStoredFields(bytes: Uint8Array): StoredSlot[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = view.getUint32(0, true)
  const textAt = HEADER_BYTES + ENTRY_BYTES * count
  if (textAt > bytes.length)
    throw new RangeError(`stored fields of ${count} documents in ${bytes.length} bytes`)
  const text = decoder.decode(bytes.subarray(textAt))
  const slots: StoredSlot[] = []
  let cursor = 0
  const next = (length: number): string => text.slice(cursor, (cursor += length))
  for (let i = 0; i < count; i++) {
    const at = HEADER_BYTES + ENTRY_BYTES * i
    const idLength = view.getInt32(at + 28, true)
    const size = view.getUint32(at + 24, true)
    if (idLength < 0) {
      slots.push({ doc: null, bytes: size })
      continue
    }
    const id = next(idLength)
    const source = next(view.getInt32(at + 32, true))
    const routingLength = view.getInt32(at + 36, true)
    const doc: StoredDocument = {
      id,
      source,
      routing: routingLength < 0 ? null : next(routingLength),
      version: view.getFloat64(at, true),
      seqNo: view.getFloat64(at + 8, true),
      primaryTerm: view.getFloat64(at + 16, true),
    }
    slots.push({ doc, bytes: size })
  }
  if (cursor !== text.length) throw new RangeError('stored fields: the text does not match the lengths')
  return slots
}
