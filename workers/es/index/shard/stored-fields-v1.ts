/**
 * The stored fields layout of store format version 1, still read (never written) so that a store written before
 * version 2 opens with nothing lost: each segment's version-1 stored fields become the current version (stored-fields.ts: version 3, compressed)
 * when the commit is read.
 *
 * Byte layout (little-endian, no padding): u32 docCount, then docCount x (f64 version, f64 seqNo, f64 primaryTerm,
 * u32 size, i32 idLength, i32 sourceLength, i32 routingLength), then one UTF-8 text: every document's id, source
 * and routing, concatenated in doc order. Lengths count UTF-16 code units of the decoded text; idLength -1 marks a
 * document deleted before its segment was stored; routingLength -1: no routing.
 */
import type { StoredFieldsCompressor } from '../../../../engine-wasm/src/index/index.ts'
import { StoredFieldsWriter } from './stored-fields.ts'

const HEADER_BYTES = 4
const ENTRY_BYTES = 3 * 8 + 4 * 4
const decoder = new TextDecoder()

/** The version-2 stored fields of version-1 bytes; throws RangeError when the lengths do not fit the text. */
export function upgradeStoredFieldsV1(bytes: Uint8Array, compressor: StoredFieldsCompressor): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = bytes.length < HEADER_BYTES ? 0 : view.getUint32(0, true)
  const textAt = HEADER_BYTES + ENTRY_BYTES * count
  if (bytes.length < HEADER_BYTES || textAt > bytes.length)
    throw new RangeError(`stored fields of ${count} documents in ${bytes.length} bytes`)
  const text = decoder.decode(bytes.subarray(textAt))
  const writer = new StoredFieldsWriter(compressor)
  let cursor = 0
  const next = (length: number): string => text.slice(cursor, (cursor += length))
  for (let i = 0; i < count; i++) {
    const at = HEADER_BYTES + ENTRY_BYTES * i
    const idLength = view.getInt32(at + 28, true)
    if (idLength < 0) {
      writer.addDeleted(view.getUint32(at + 24, true))
      continue
    }
    const id = next(idLength)
    const source = next(view.getInt32(at + 32, true))
    const routingLength = view.getInt32(at + 36, true)
    writer.addDocument({
      id,
      source,
      routing: routingLength < 0 ? null : next(routingLength),
      version: view.getFloat64(at, true),
      seqNo: view.getFloat64(at + 8, true),
      primaryTerm: view.getFloat64(at + 16, true),
    })
  }
  if (cursor !== text.length) throw new RangeError('stored fields: the text does not match the lengths')
  return writer.finish()
}
