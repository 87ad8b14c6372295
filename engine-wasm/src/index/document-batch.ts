/**
 * Serialises a flush of analysed documents into the batches InvertedIndex.addDocuments reads (format in
 * engine-wasm/assembly/index/segment.ts, after a u32 `continues` word, inverted-index.ts). A flush may come in
 * several batches into one segment; each field name and each (field, term) is written once per flush, in the order
 * it first occurs, and tokens refer to them by ordinal, so the index decodes a term once per flush, not per token.
 * Each term goes with its docFreq and totalTermFreq over the whole flush, so the index sizes its postings exactly
 * once (no growth by doubling, no slack, no garbage).
 * FlushDictionary takes the documents one by one (add) and keeps them compact, as Lucene's indexing chain keeps a
 * segment's postings in flat int pools: every token as two ints (term ordinal, position), every field as four, so
 * a caller may drop each AnalyzedDocument once it is added. batches() then cuts the flush, in order, into batches of
 * about maxTokens tokens (a document is never cut; a batch holds at least one), so a large flush never needs one
 * huge buffer in WASM memory, which never shrinks.
 */
import { ByteWriter } from './byte-writer.ts'
import type { AnalyzedDocument } from './types.ts'

/** A growable list of int32 values. */
class IntList {
  data = new Int32Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = value
  }
}

// Words per field in FlushDictionary.fields: field ordinal, flags (bit 0: no norms), token count, value count.
const FIELD_WORDS = 4

/**
 * One flush: its fields and terms numbered in the order they first occur, each term's counts over the flush, and
 * its documents as flat lists. Invariant: the lists hold the documents in the order added, and a document's fields
 * and a field's tokens and values in their order.
 */
export class FlushDictionary {
  private readonly fieldOrdinals = new Map<string, number>()
  private readonly fieldNames: string[] = []
  private readonly fieldTerms: Array<Map<string, number>> = []
  private readonly termFields: number[] = []
  private readonly termTexts: string[] = []
  private readonly docFreqs = new IntList()
  private readonly totalTermFreqs = new IntList()
  /** The last document (index into docIds) each term occurs in, to count docFreq. */
  private readonly lastDocs = new IntList()
  private readonly docIds: number[] = []
  /** Per document: its field count and its token count. */
  private readonly docShapes = new IntList()
  private readonly fields = new IntList()
  /** Per token: term ordinal, position. */
  private readonly tokens = new IntList()
  private readonly values: number[] = []

  add(doc: AnalyzedDocument): void {
    const d = this.docIds.length
    this.docIds.push(doc.docId)
    let docTokens = 0
    for (const field of doc.fields) {
      const fieldOrdinal = this.fieldOrdinal(field.field)
      const terms = this.fieldTerms[fieldOrdinal]!
      const values = field.values ?? []
      this.fields.push(fieldOrdinal)
      this.fields.push(field.norms === false ? 1 : 0)
      this.fields.push(field.tokens.length)
      this.fields.push(values.length)
      for (const { term, position } of field.tokens) {
        let ordinal = terms.get(term)
        if (ordinal === undefined) {
          ordinal = this.termTexts.length
          terms.set(term, ordinal)
          this.termFields.push(fieldOrdinal)
          this.termTexts.push(term)
          this.docFreqs.push(0)
          this.totalTermFreqs.push(0)
          this.lastDocs.push(-1)
        }
        this.totalTermFreqs.data[ordinal]!++
        if (this.lastDocs.data[ordinal] !== d) {
          this.lastDocs.data[ordinal] = d
          this.docFreqs.data[ordinal]!++
        }
        this.tokens.push(ordinal)
        this.tokens.push(position)
      }
      for (const value of values) this.values.push(value)
      docTokens += field.tokens.length
    }
    this.docShapes.push(doc.fields.length)
    this.docShapes.push(docTokens)
  }

  /** The flush's batches, in order: the first starts a segment, the others continue it. */
  *batches(maxTokens: number): Generator<Uint8Array> {
    const cursor = { doc: 0, field: 0, token: 0, value: 0, fieldName: 0, term: 0 }
    const docCount = this.docIds.length
    for (let batch = 0; cursor.doc < docCount; batch++) {
      let end = cursor.doc
      let tokens = 0
      while (end < docCount) {
        const docTokens = this.docShapes.data[2 * end + 1]!
        if (end > cursor.doc && tokens + docTokens > maxTokens) break
        tokens += docTokens
        end++
      }
      yield this.encode(cursor, end, batch > 0)
    }
  }

  /** Documents [cursor.doc, end) as one batch; moves the cursor past them. */
  private encode(
    cursor: { doc: number; field: number; token: number; value: number; fieldName: number; term: number },
    end: number,
    continues: boolean,
  ): Uint8Array {
    const names = new ByteWriter()
    const firstField = cursor.fieldName
    const terms = new ByteWriter()
    const firstTerm = cursor.term
    const body = new ByteWriter()
    const fields = this.fields.data
    const tokens = this.tokens.data
    body.u32(end - cursor.doc)
    for (; cursor.doc < end; cursor.doc++) {
      body.i32(this.docIds[cursor.doc]!)
      const fieldCount = this.docShapes.data[2 * cursor.doc]!
      body.u32(fieldCount)
      for (let f = 0; f < fieldCount; f++, cursor.field += FIELD_WORDS) {
        const fieldOrdinal = fields[cursor.field]!
        if (fieldOrdinal === cursor.fieldName) names.string(this.fieldNames[cursor.fieldName++]!)
        const tokenCount = fields[cursor.field + 2]!
        body.u32(fieldOrdinal)
        body.u32(fields[cursor.field + 1]!)
        body.u32(tokenCount)
        for (const tokenEnd = cursor.token + 2 * tokenCount; cursor.token < tokenEnd; cursor.token += 2) {
          const term = tokens[cursor.token]!
          if (term === cursor.term) {
            terms.u32(this.termFields[term]!)
            terms.string(this.termTexts[term]!)
            terms.u32(this.docFreqs.data[term]!)
            terms.u32(this.totalTermFreqs.data[term]!)
            cursor.term++
          }
          body.u32(term)
          body.i32(tokens[cursor.token + 1]!)
        }
        const valueCount = fields[cursor.field + 3]!
        body.u32(valueCount)
        for (let v = 0; v < valueCount; v++) body.f64(this.values[cursor.value++]!)
      }
    }
    const out = new ByteWriter()
    out.u32(continues ? 1 : 0)
    out.u32(cursor.fieldName - firstField)
    out.bytes(names.finish())
    out.u32(cursor.term - firstTerm)
    out.bytes(terms.finish())
    out.bytes(body.finish())
    return out.finish()
  }

  /** The ordinal of a field name, numbering a new one next. */
  private fieldOrdinal(name: string): number {
    let ordinal = this.fieldOrdinals.get(name)
    if (ordinal === undefined) {
      ordinal = this.fieldNames.length
      this.fieldOrdinals.set(name, ordinal)
      this.fieldNames.push(name)
      this.fieldTerms.push(new Map())
    }
    return ordinal
  }
}
