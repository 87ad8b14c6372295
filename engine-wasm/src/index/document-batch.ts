/**
 * Serialises batches of analysed documents into the buffers InvertedIndex.addDocuments reads (format in
 * engine-wasm/assembly/index/segment.ts, after a u32 `continues` word, inverted-index.ts). A flush may come in
 * several batches into one segment; each field name and each (field, term) is written once per flush, in the order
 * it first occurs, and tokens refer to them by ordinal, so the index decodes a term once per flush, not per token.
 */
import { ByteWriter } from './byte-writer.ts'
import type { AnalyzedDocument } from './types.ts'

/** One field of a flush: its ordinal and its terms' ordinals. */
interface FlushField {
  ordinal: number
  terms: Map<string, number>
}

/** The fields and terms a flush's batches have written so far, by ordinal. */
export class FlushDictionary {
  readonly fields = new Map<string, FlushField>()
  termCount = 0
  batchCount = 0
}

/** The next batch of `flush` holding `docs`. */
export function encodeDocuments(
  docs: readonly AnalyzedDocument[],
  flush = new FlushDictionary(),
): Uint8Array {
  const names = new ByteWriter()
  let newFields = 0
  const terms = new ByteWriter()
  const firstTerm = flush.termCount
  const body = new ByteWriter()
  body.u32(docs.length)
  for (const doc of docs) {
    body.i32(doc.docId)
    body.u32(doc.fields.length)
    for (const field of doc.fields) {
      let flushField = flush.fields.get(field.field)
      if (flushField === undefined) {
        flushField = { ordinal: flush.fields.size, terms: new Map() }
        flush.fields.set(field.field, flushField)
        names.string(field.field)
        newFields++
      }
      body.u32(flushField.ordinal)
      body.u32(field.norms === false ? 1 : 0)
      body.u32(field.tokens.length)
      for (const token of field.tokens) {
        let term = flushField.terms.get(token.term)
        if (term === undefined) {
          term = flush.termCount++
          flushField.terms.set(token.term, term)
          terms.u32(flushField.ordinal)
          terms.string(token.term)
        }
        body.u32(term)
        body.i32(token.position)
      }
      const values = field.values ?? []
      body.u32(values.length)
      for (const value of values) body.f64(value)
    }
  }
  const out = new ByteWriter()
  out.u32(flush.batchCount++ > 0 ? 1 : 0)
  out.u32(newFields)
  out.bytes(names.finish())
  out.u32(flush.termCount - firstTerm)
  out.bytes(terms.finish())
  out.bytes(body.finish())
  return out.finish()
}

/**
 * `docs` cut into consecutive batches of about `maxTokens` tokens (a document is never cut; a batch holds at least
 * one), so a large flush never needs one huge buffer in WASM memory, which never shrinks.
 */
export function splitDocuments(docs: readonly AnalyzedDocument[], maxTokens: number): AnalyzedDocument[][] {
  const batches: AnalyzedDocument[][] = []
  let batch: AnalyzedDocument[] = []
  let tokens = 0
  for (const doc of docs) {
    let docTokens = 0
    for (const field of doc.fields) docTokens += field.tokens.length
    if (batch.length > 0 && tokens + docTokens > maxTokens) {
      batches.push(batch)
      batch = []
      tokens = 0
    }
    batch.push(doc)
    tokens += docTokens
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}
