/**
 * Serialises a flush of analysed documents into the batches InvertedIndex.addDocuments reads (format in
 * engine-wasm/assembly/index/segment.ts, after a u32 `continues` word, inverted-index.ts). A flush may come in
 * several batches into one segment; each field name and each (field, term) is written once per flush, in the order
 * it first occurs, and tokens refer to them by ordinal, so the index decodes a term once per flush, not per token.
 * Each term goes with its docFreq and totalTermFreq over the whole flush, and each field with its term count, its
 * terms' UTF-8 bytes, its documents and positions and its largest position over the whole flush, so the index sizes the field's dictionary and
 * postings exactly, once (no growth by doubling, no slack, no garbage). Tokens name a term by its ordinal within its
 * field (0, 1, ... in the order the field's terms first occur), which is the term's ordinal in the segment.
 * FlushDictionary takes the documents one by one and keeps them compact, as Lucene's indexing chain keeps a
 * segment's postings in flat int pools: every token as two ints (term ordinal, position), every field as four. A
 * document streams in (beginDocument, beginField, then its terms and values), each term as UTF-16 code units in
 * the caller's buffer (an analyzer's scratch), numbered by a TermsHash, so no string or object is made per token;
 * add() takes a whole AnalyzedDocument the same way.
 * Checked as documents stream in (a RangeError, before anything reaches the index): docIds are integers in
 * [0, 2^31), strictly ascending and above the index's last one; positions are integers in [0, 2^31),
 * non-decreasing within a field (Lucene rejects negative increments).
 * batches() then cuts the flush, in order, into batches of about maxTokens tokens (a document is never cut; a
 * batch holds at least one), so a large flush never needs one huge buffer in WASM memory, which never shrinks.
 */
import { ByteWriter } from './byte-writer.ts'
import { IntList, TermsHash } from './terms-hash.ts'
import type { AnalyzedDocument } from './types.ts'

// Words per field in FlushDictionary.fields: field ordinal, flags (bit 0: no norms), token count, value count.
const FIELD_WORDS = 4
const MAX_INT = 0x7fffffff

/** The UTF-8 length of UTF-16 code units, a lone surrogate counted as U+FFFD (3 bytes) as TextEncoder writes it. */
function utf8Length(chars: Uint16Array, length: number): number {
  let bytes = 0
  for (let i = 0; i < length; i++) {
    const unit = chars[i]!
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < length && (chars[i + 1]! & 0xfc00) === 0xdc00) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/**
 * One flush: its fields and terms numbered in the order they first occur, each term's counts over the flush, and
 * its documents as flat lists. Invariant: the lists hold the documents in the order added, and a document's fields
 * and a field's tokens and values in their order.
 */
export class FlushDictionary {
  private readonly fieldOrdinals = new Map<string, number>()
  private readonly fieldNames: string[] = []
  private readonly terms = new TermsHash()
  private readonly docFreqs = new IntList()
  private readonly totalTermFreqs = new IntList()
  /** The last document (index into docIds) each term occurs in, to count docFreq. */
  private readonly lastDocs = new IntList()
  /** Each term's ordinal within its field. */
  private readonly fieldTermOrdinals = new IntList()
  /** Per field ordinal, over the flush: terms, their UTF-8 bytes, documents (sum of docFreqs), positions, the largest. */
  private readonly fieldTotals: number[][] = []
  private readonly docIds = new IntList()
  /** Per document: its field count and its token count. */
  private readonly docShapes = new IntList()
  private readonly fields = new IntList()
  /** Per token: term ordinal, position. */
  private readonly tokens = new IntList()
  private readonly values: number[] = []
  /** The open field: name, norms, ordinal and record (index in `fields`) once written, last position. */
  private fieldName: string | null = null
  private fieldNorms = true
  private fieldOrdinal = -1
  private fieldRecord = -1
  private previousPosition = 0
  private scratch = new Uint16Array(64)

  /** `lastDocId`: the index's last docId; every document added must come after it. */
  constructor(private lastDocId = -1) {}

  get docCount(): number {
    return this.docIds.length
  }

  /** The first docId added (-1 while none is). */
  get firstDocId(): number {
    return this.docIds.length === 0 ? -1 : this.docIds.data[0]!
  }

  /** The last docId added (the one given to the constructor while none is). */
  get lastAdded(): number {
    return this.lastDocId
  }

  /** Starts the next document; its fields follow. */
  beginDocument(docId: number): void {
    if (!Number.isInteger(docId) || docId <= this.lastDocId || docId > MAX_INT) {
      throw new RangeError(`docId ${docId} must be an integer above ${this.lastDocId} and below 2^31`)
    }
    this.lastDocId = docId
    this.docIds.push(docId)
    this.docShapes.push(0)
    this.docShapes.push(0)
    this.fieldName = null
    this.fieldRecord = -1
  }

  /**
   * Starts a field of the open document; its terms and values follow. The field is written once its first term or
   * value comes, so a field that gets none is left out.
   */
  beginField(name: string, norms: boolean): void {
    if (this.docIds.length === 0) throw new RangeError(`field [${name}] outside a document`)
    this.fieldName = name
    this.fieldNorms = norms
    this.fieldRecord = -1
    this.previousPosition = 0
  }

  /** A token of the open field: the term `chars[0, length)` at `position`. */
  term(chars: Uint16Array, length: number, position: number): void {
    if (!Number.isInteger(position) || position < this.previousPosition || position > MAX_INT) {
      throw new RangeError(
        `field [${this.fieldName}] of doc ${this.lastDocId}: position ${position} after ${this.previousPosition}`,
      )
    }
    if (this.fieldRecord < 0) this.writeField()
    this.previousPosition = position
    const ordinal = this.terms.add(this.fieldOrdinal, chars, length)
    const totals = this.fieldTotals[this.fieldOrdinal]!
    if (ordinal === this.docFreqs.length) {
      this.docFreqs.push(0)
      this.totalTermFreqs.push(0)
      this.lastDocs.push(-1)
      this.fieldTermOrdinals.push(totals[0]!++)
      totals[1]! += utf8Length(chars, length)
    }
    this.totalTermFreqs.data[ordinal]!++
    totals[3]!++
    if (position > totals[4]!) totals[4] = position
    const d = this.docIds.length - 1
    if (this.lastDocs.data[ordinal] !== d) {
      this.lastDocs.data[ordinal] = d
      this.docFreqs.data[ordinal]!++
      totals[2]!++
    }
    this.tokens.push(ordinal)
    this.tokens.push(position)
    this.fields.data[this.fieldRecord + 2]!++
    this.docShapes.data[2 * d + 1]!++
  }

  /** A token of the open field given as a string. */
  termText(term: string, position: number): void {
    if (term.length > this.scratch.length) this.scratch = new Uint16Array(2 * term.length)
    for (let i = 0; i < term.length; i++) this.scratch[i] = term.charCodeAt(i)
    this.term(this.scratch, term.length, position)
  }

  /** A numeric doc value of the open field. */
  value(value: number): void {
    if (this.fieldRecord < 0) this.writeField()
    this.values.push(value)
    this.fields.data[this.fieldRecord + 3]!++
  }

  /** A whole analysed document. */
  add(doc: AnalyzedDocument): void {
    this.beginDocument(doc.docId)
    for (const field of doc.fields) {
      this.beginField(field.field, field.norms !== false)
      this.writeField()
      for (const { term, position } of field.tokens) this.termText(term, position)
      for (const value of field.values ?? []) this.value(value)
    }
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
      body.i32(this.docIds.data[cursor.doc]!)
      const fieldCount = this.docShapes.data[2 * cursor.doc]!
      body.u32(fieldCount)
      for (let f = 0; f < fieldCount; f++, cursor.field += FIELD_WORDS) {
        const fieldOrdinal = fields[cursor.field]!
        if (fieldOrdinal === cursor.fieldName) {
          names.string(this.fieldNames[cursor.fieldName]!)
          for (const total of this.fieldTotals[cursor.fieldName++]!) names.u32(total)
        }
        const tokenCount = fields[cursor.field + 2]!
        body.u32(fieldOrdinal)
        body.u32(fields[cursor.field + 1]!)
        body.u32(tokenCount)
        for (const tokenEnd = cursor.token + 2 * tokenCount; cursor.token < tokenEnd; cursor.token += 2) {
          const term = tokens[cursor.token]!
          if (term === cursor.term) {
            terms.u32(this.terms.field(term))
            terms.utf16(this.terms.codeUnits(term))
            terms.u32(this.docFreqs.data[term]!)
            terms.u32(this.totalTermFreqs.data[term]!)
            cursor.term++
          }
          body.u32(this.fieldTermOrdinals.data[term]!)
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

  /** Writes the open field's record. */
  private writeField(): void {
    if (this.fieldName === null) throw new RangeError('a term or value outside a field')
    this.fieldOrdinal = this.ordinalOf(this.fieldName)
    this.fieldRecord = this.fields.length
    this.fields.push(this.fieldOrdinal)
    this.fields.push(this.fieldNorms ? 0 : 1)
    this.fields.push(0)
    this.fields.push(0)
    this.docShapes.data[2 * (this.docIds.length - 1)]!++
  }

  /** The ordinal of a field name, numbering a new one next. */
  private ordinalOf(name: string): number {
    let ordinal = this.fieldOrdinals.get(name)
    if (ordinal === undefined) {
      ordinal = this.fieldNames.length
      this.fieldOrdinals.set(name, ordinal)
      this.fieldNames.push(name)
      this.fieldTotals.push([0, 0, 0, 0, 0])
    }
    return ordinal
  }
}
