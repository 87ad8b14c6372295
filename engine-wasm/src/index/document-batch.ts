/**
 * Serialises a batch of analysed documents into the one buffer InvertedIndex.addDocuments reads
 * (format in engine-wasm/assembly/index/inverted-index.ts):
 *   u32 docCount, per document: i32 docId, u32 fieldCount, per field: string name, u32 flags (bit 0: no
 *   norms), u32 tokenCount, per token: string term, i32 position; u32 valueCount, valueCount x f64 values.
 */
import { ByteWriter } from './byte-writer.ts'
import type { AnalyzedDocument } from './types.ts'

export function encodeDocuments(docs: readonly AnalyzedDocument[]): Uint8Array {
  const writer = new ByteWriter()
  writer.u32(docs.length)
  for (const doc of docs) {
    writer.i32(doc.docId)
    writer.u32(doc.fields.length)
    for (const field of doc.fields) {
      writer.string(field.field)
      writer.u32(field.norms === false ? 1 : 0)
      writer.u32(field.tokens.length)
      for (const token of field.tokens) {
        writer.string(token.term)
        writer.i32(token.position)
      }
      const values = field.values ?? []
      writer.u32(values.length)
      for (const value of values) writer.f64(value)
    }
  }
  return writer.finish()
}
