// InvertedIndex: one Elasticsearch shard's Lucene index held as a single in-memory segment: a FieldIndex per field
// name, the live-docs bitset and maxDoc (one more than the largest docId added).
// Document batch format (written by engine-wasm/src/index/document-batch.ts), little-endian words, strings as a
// u32 byte length + UTF-8 bytes:
//   u32 docCount, then per document: i32 docId, u32 fieldCount, then per field:
//     string name, u32 flags (bit 0: the field has no norms), u32 tokenCount, then per token: string term,
//     i32 position; u32 valueCount, valueCount x f64
// Invariant: docIds arrive strictly ascending across all batches (the wrapper checks), so postings stay sorted.
// A field named twice in one document is indexed as one field holding both token lists, in order.
import { ByteReader } from './byte-reader'
import { FieldIndex } from './field-index'
import { LiveDocs } from './live-docs'
import { SearchContext } from './search-context'

class PendingField {
  readonly terms: Array<string> = new Array<string>()
  readonly positions: Array<i32> = new Array<i32>()
  readonly values: Array<f64> = new Array<f64>()
  omitNorms: bool = false
}

export class InvertedIndex {
  readonly fields: Map<string, FieldIndex> = new Map<string, FieldIndex>()
  readonly liveDocs: LiveDocs = new LiveDocs()
  maxDoc: i32 = 0

  addDocuments(reader: ByteReader): void {
    const docCount = reader.i32()
    for (let d = 0; d < docCount; d++) {
      const docId = reader.i32()
      const fieldCount = reader.i32()
      const pending = new Map<string, PendingField>()
      for (let f = 0; f < fieldCount; f++) {
        const name = reader.string()
        if (!pending.has(name)) pending.set(name, new PendingField())
        const field = pending.get(name)
        if ((reader.i32() & 1) != 0) field.omitNorms = true
        const tokenCount = reader.i32()
        for (let t = 0; t < tokenCount; t++) {
          field.terms.push(reader.string())
          field.positions.push(reader.i32())
        }
        const valueCount = reader.i32()
        for (let v = 0; v < valueCount; v++) field.values.push(reader.f64())
      }
      const names = pending.keys()
      for (let f = 0; f < names.length; f++) {
        const field = pending.get(names[f])
        this.fieldOrAdd(names[f]).addDocument(
          docId,
          field.terms,
          field.positions,
          field.values,
          field.omitNorms,
        )
      }
      this.maxDoc = docId + 1
    }
  }

  deleteDocument(docId: i32): void {
    if (docId >= 0 && docId < this.maxDoc) this.liveDocs.delete(docId)
  }

  field(name: string): FieldIndex | null {
    return this.fields.has(name) ? this.fields.get(name) : null
  }

  searchContext(): SearchContext {
    return new SearchContext(this.fields, this.liveDocs, this.maxDoc)
  }

  private fieldOrAdd(name: string): FieldIndex {
    if (!this.fields.has(name)) this.fields.set(name, new FieldIndex())
    return this.fields.get(name)
  }
}
