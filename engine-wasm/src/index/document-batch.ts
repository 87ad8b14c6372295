/**
 * Serialises a flush of analysed documents into the batches InvertedIndex.addDocuments reads (format in
 * engine-wasm/assembly/index/segment.ts, after a u32 `continues` word, inverted-index.ts). A flush may come in
 * several batches into one segment; each field name and each (field, term) is written once per flush, in the order
 * it first occurs, and tokens refer to them by ordinal, so the index decodes a term once per flush, not per token.
 * Each term goes with its docFreq and totalTermFreq over the whole flush, and each field with its term count, its
 * terms' UTF-8 bytes, its documents and positions, its largest position, its doc values, its terms' extras bytes
 * and its last docId over the whole flush, so the index sizes the field's dictionary, postings, doc values and norms
 * exactly, once (no growth by doubling, no slack, no garbage). Tokens name a term by its ordinal within its
 * field (0, 1, ... in the order the field's terms first occur), which is the term's ordinal in the segment.
 * FlushDictionary takes the documents one by one and keeps them compact, as Lucene's indexing chain keeps a
 * segment's postings in flat int pools: every token as two ints (its term's ordinal within its field, marked on
 * the term's first token in the document, and its position), every field record as five (ordinal, flags, numTerms:
 * its tokens at a position after the field's token before in the document, the norm's length; its value and token
 * counts), each list in fixed-size blocks (IntBlockPool, as Lucene's keeps them), so growing copies nothing. A
 * document streams in (beginDocument, beginField, then its terms and values), each term as UTF-16 code units in the
 * caller's buffer (an analyzer's scratch), numbered by the field's TermsHash, whose record of the term also holds the
 * term's counts (one record touched per token), so no string or object is made per token; add() takes a whole
 * AnalyzedDocument the same way. A field's tokens are checked as they come but wait (copied, at most MAX_PENDING) to
 * be added until the field ends (the next field or document, or batches()): their slots are read first, all
 * together, so that the cache misses of a field's rarer terms overlap rather than come one per token between the
 * analyzer's work (drain). A field indexed with IndexOptions.DOCS (beginField's `freqs` false) keeps only a term's
 * first token in each document, its later ones counted in the norm's length alone.
 * A batch carries its tokens as the flush keeps them, field record after field record (a copy of the token list's
 * blocks), with each record's field, docId and token count, and room for the index to sort them by (field, term)
 * (token-sorter.ts), so that it writes each term's postings in one run, buffers swept forward, as Lucene's flush
 * writes postings term by term; its documents carry only what the norms, doc values and docCount need. A term's first token in a document is marked, so the index never
 * reads a term's postings back to find whether a token starts a new entry. Each field record also keeps how many
 * terms its field had once its tokens were added, so a batch lists the terms new in it without reading its tokens.
 * Checked as documents stream in (a RangeError, before anything reaches the index): docIds are integers in
 * [0, 2^31), strictly ascending and above the index's last one; positions are integers in [0, 2^31),
 * non-decreasing within a field (Lucene rejects negative increments).
 * batches() then cuts the flush, in order, into batches of about maxTokens tokens (a document is never cut; a
 * batch holds at least one), so a large flush never needs one huge buffer in WASM memory, which never shrinks.
 */
import { ByteWriter } from './byte-writer.ts'
import { IntBlockPool } from './int-block-pool.ts'
import { TermsHash } from './terms-hash.ts'
import type { AnalyzedDocument } from './types.ts'

// Words per field record in FlushDictionary.fields: field ordinal, flags (segment.ts: NO_NORMS), numTerms
// (segment.ts), value count, token count, and the field's term count once the record's tokens were added (0 while
// none was).
const FIELD_WORDS = 6
const FLAGS = 1
const NUM_TERMS = 2
const VALUE_COUNT = 3
const TOKEN_COUNT = 4
const TERMS_AFTER = 5
/** A field record's flag (segment.ts): the field has no norms. */
const NO_NORMS = 1
/** The bit of a token's term ordinal that marks the term's first token in its document (segment.ts). */
const FIRST_IN_DOC = 0x80000000
const MAX_INT = 0x7fffffff
// FlushDictionary's words in a term's TermsHash payload: docFreq, totalTermFreq, the number of the last document
// (index into docIds) it occurs in plus one (0: none yet, so a new record's zeros need no setting).
const DOC_FREQ = 0
const TOTAL_TERM_FREQ = 1
const LAST_DOC = 2
const TERM_PAYLOAD = 3
/** Ints per pending token (FlushDictionary.pending), and the most tokens pending before they are added. */
const PENDING_WORDS = 4
const MAX_PENDING = 256

/** The bytes of each extra value of a term whose positions exceed its entries by `excess` (postings.ts). */
function extraWidth(excess: number): number {
  return excess === 0 ? 0 : excess <= 0xff ? 1 : excess <= 0xffff ? 2 : 4
}

/** The UTF-8 length of UTF-16 code units, a lone surrogate counted as U+FFFD (3 bytes) as TextEncoder writes it. */
function utf8Length(chars: Uint16Array, start: number, length: number): number {
  let bytes = 0
  for (let i = start, end = start + length; i < end; i++) {
    const unit = chars[i]!
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < end && (chars[i + 1]! & 0xfc00) === 0xdc00) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/**
 * Where batches() is in the flush: the next document, field record, token, value, field name and term to write
 * (term: how many are written), and per field ordinal the next of its field term ordinals to write.
 */
interface BatchCursor {
  doc: number
  field: number
  token: number
  value: number
  fieldName: number
  term: number
  fieldTerms: number[]
  /** Scratch writers of a batch's new field names and new terms, reset for each batch. */
  names: ByteWriter
  terms: ByteWriter
}

/**
 * One flush: its fields and terms numbered in the order they first occur, each term's counts over the flush, and
 * its documents as flat lists. Invariant: the lists hold the documents in the order added, and a document's fields
 * and a field's tokens and values in their order.
 */
export class FlushDictionary {
  private readonly fieldOrdinals = new Map<string, number>()
  private readonly fieldNames: string[] = []
  /**
   * Per field ordinal: its terms, numbered within the field, each with its counts over the flush as its payload
   * (DOC_FREQ ... LAST_DOC).
   */
  private readonly fieldTerms: TermsHash[] = []
  /**
   * Per field ordinal, over the flush: terms, their UTF-8 bytes, documents (sum of docFreqs), positions, the largest,
   * doc values.
   */
  private readonly fieldTotals: number[][] = []
  /** Per field ordinal: the number (index in docIds plus one) of the last document with a record of it, 0: none. */
  private readonly fieldLastDoc: number[] = []
  /** Per field ordinal: the position of its last token in that document, -1 while it has none there. */
  private readonly fieldLastPosition: number[] = []
  private readonly docIds = new IntBlockPool(1)
  /** Per document: its field count and its token count. */
  private readonly docShapes = new IntBlockPool(2)
  private readonly fields = new IntBlockPool(FIELD_WORDS)
  /**
   * Per token: its term's ordinal within its field with FIRST_IN_DOC on its first token in the document, position.
   */
  private readonly tokens = new IntBlockPool(2, 512)
  private readonly values: number[] = []
  /** The open document's shape: the block of `docShapes` it is in and where it starts there. */
  private shape = new Int32Array(0)
  private shapeAt = 0
  /** The open field: name, norms, ordinal and record (its number in `fields`) once written, last position. */
  private fieldName: string | null = null
  private fieldNorms = true
  /** Whether the open field keeps a term's every token in a document (false: IndexOptions.DOCS, its first only). */
  private fieldFreqs = true
  private fieldOrdinal = -1
  private fieldRecord = -1
  /** The open field's record once written: the block of `fields` it is in and where it starts there. */
  private record = new Int32Array(0)
  private recordAt = 0
  /** The open field's totals (fieldTotals[fieldOrdinal]) and terms (fieldTerms[fieldOrdinal]) once it is written. */
  private openTotals: number[] = []
  private openTerms = new TermsHash(TERM_PAYLOAD)
  private previousPosition = 0
  private scratch = new Uint16Array(64)
  /**
   * The open field's tokens taken but not yet added (see drain): their code units one after another, and per token
   * its term's hash (TermsHash.hashOf), where its code units start, their length and its position.
   */
  private pendingChars = new Uint16Array(1024)
  private pendingCharsUsed = 0
  private readonly pending = new Int32Array(PENDING_WORDS * MAX_PENDING)
  private pendingCount = 0
  /** What drain's early reads of the slots add up to (kept so that the reads are not left out). */
  private touched = 0

  /** `lastDocId`: the index's last docId; every document added must come after it. */
  constructor(private lastDocId = -1) {}

  get docCount(): number {
    return this.docIds.length
  }

  /** The first docId added (-1 while none is). */
  get firstDocId(): number {
    return this.docIds.length === 0 ? -1 : this.docIds.first(0)
  }

  /** The last docId added (the one given to the constructor while none is). */
  get lastAdded(): number {
    return this.lastDocId
  }

  /** Starts the next document; its fields follow. */
  beginDocument(docId: number): void {
    this.drain()
    if (!Number.isInteger(docId) || docId <= this.lastDocId || docId > MAX_INT) {
      throw new RangeError(`docId ${docId} must be an integer above ${this.lastDocId} and below 2^31`)
    }
    this.lastDocId = docId
    const docAt = this.docIds.append()
    this.docIds.tail[docAt] = docId
    this.shapeAt = this.docShapes.append()
    this.shape = this.docShapes.tail
    this.fieldName = null
    this.fieldRecord = -1
  }

  /**
   * Starts a field of the open document; its terms and values follow. The field is written once its first term or
   * value comes, so a field that gets none is left out. `freqs` false: the field is indexed with IndexOptions.DOCS,
   * each term once per document (freq 1, its first position), though every token still counts in the norm.
   */
  beginField(name: string, norms: boolean, freqs = true): void {
    if (this.docIds.length === 0) throw new RangeError(`field [${name}] outside a document`)
    this.drain()
    this.fieldName = name
    this.fieldNorms = norms
    this.fieldFreqs = freqs
    this.fieldRecord = -1
    this.previousPosition = 0
  }

  /**
   * A token of the open field: the term `chars[0, length)` at `position`. Checked now; added to the field's terms
   * with the field's other tokens (drain).
   */
  term(chars: Uint16Array, length: number, position: number): void {
    // An integer in [previousPosition, 2^31): `| 0` changes a fraction, NaN and anything outside the int range.
    if ((position | 0) !== position || position < this.previousPosition) {
      throw new RangeError(
        `field [${this.fieldName}] of doc ${this.lastDocId}: position ${position} after ${this.previousPosition}`,
      )
    }
    if (this.fieldRecord < 0) this.writeField()
    this.previousPosition = position
    const start = this.pendingCharsUsed
    if (start + length > this.pendingChars.length) {
      const grown = new Uint16Array(2 * (start + length))
      grown.set(this.pendingChars.subarray(0, start))
      this.pendingChars = grown
    }
    const pendingChars = this.pendingChars
    for (let i = 0; i < length; i++) pendingChars[start + i] = chars[i]!
    this.pendingCharsUsed = start + length
    const at = PENDING_WORDS * this.pendingCount++
    this.pending[at] = TermsHash.hashOf(pendingChars, start, length)
    this.pending[at + 1] = start
    this.pending[at + 2] = length
    this.pending[at + 3] = position
    if (this.pendingCount === MAX_PENDING) this.drain()
  }

  /**
   * Adds the open field's pending tokens, in order, to its terms and the flush's lists. Each token's slot is read
   * first, all of them before any is added: the reads do not depend on one another, so the cache misses of a
   * field's rarer terms overlap instead of coming one after another between two tokens' analysis.
   */
  private drain(): void {
    const count = this.pendingCount
    if (count === 0) return
    const pending = this.pending
    const terms = this.openTerms
    let touched = this.touched
    for (let p = 0; p < PENDING_WORDS * count; p += PENDING_WORDS) touched ^= terms.touchSlot(pending[p]!)
    this.touched = touched
    for (let p = 0; p < PENDING_WORDS * count; p += PENDING_WORDS)
      this.addToken(pending[p]!, pending[p + 1]!, pending[p + 2]!, pending[p + 3]!)
    this.record[this.recordAt + TERMS_AFTER] = terms.size
    this.pendingCount = 0
    this.pendingCharsUsed = 0
  }

  /** Adds a pending token: its term's hash, where its code units are in pendingChars and their length, its position. */
  private addToken(hash: number, start: number, length: number, position: number): void {
    const terms = this.openTerms
    const before = terms.size
    const chars = this.pendingChars
    const at = terms.addHashed(chars, start, length, hash)
    const totals = this.openTotals
    const stats = terms.block
    if (terms.size > before) {
      totals[0]!++
      totals[1]! += utf8Length(chars, start, length)
    }
    const docs = this.docIds.length
    const record = this.record
    const recordAt = this.recordAt
    const lastPositions = this.fieldLastPosition
    // the norm's length counts every token, whatever the field keeps of it (Lucene's FieldInvertState.length)
    if (lastPositions[this.fieldOrdinal] !== position) {
      lastPositions[this.fieldOrdinal] = position
      record[recordAt + NUM_TERMS]!++
    }
    // IndexOptions.DOCS: a term's later tokens in the document add nothing, so its freq is 1
    if (!this.fieldFreqs && stats[at + LAST_DOC] === docs) return
    stats[at + TOTAL_TERM_FREQ]!++
    totals[3]!++
    if (position > totals[4]!) totals[4] = position
    let term = terms.ordinal
    if (stats[at + LAST_DOC] !== docs) {
      stats[at + LAST_DOC] = docs
      stats[at + DOC_FREQ]!++
      totals[2]!++
      term |= FIRST_IN_DOC
    }
    const tokens = this.tokens
    const tokenAt = tokens.append()
    tokens.tail[tokenAt] = term
    tokens.tail[tokenAt + 1] = position
    record[recordAt + TOKEN_COUNT]!++
    this.shape[this.shapeAt + 1]!++
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
    this.openTotals[5]!++
    this.record[this.recordAt + VALUE_COUNT]!++
  }

  /** A whole analysed document. */
  add(doc: AnalyzedDocument): void {
    this.beginDocument(doc.docId)
    for (const field of doc.fields) {
      this.beginField(field.field, field.norms !== false, field.freqs !== false)
      this.writeField()
      for (const { term, position } of field.tokens) this.termText(term, position)
      for (const value of field.values ?? []) this.value(value)
    }
  }

  /**
   * The flush's batches, in order: the first starts a segment, the others continue it. Each is written into the
   * bytes `allocate` answers for its exact size, at a multiple of 4 from its buffer's start (a fresh array by
   * default; InvertedIndex gives a view of WASM memory, so a batch is written once, where the index reads it).
   */
  *batches(
    maxTokens: number,
    allocate: (size: number) => Uint8Array = (size) => new Uint8Array(size),
  ): Generator<Uint8Array> {
    this.drain()
    const cursor: BatchCursor = {
      doc: 0,
      field: 0,
      token: 0,
      value: 0,
      fieldName: 0,
      term: 0,
      fieldTerms: [],
      names: new ByteWriter(),
      terms: new ByteWriter(),
    }
    const docCount = this.docIds.length
    for (let batch = 0; cursor.doc < docCount; batch++) {
      let end = cursor.doc
      let tokens = 0
      while (end < docCount) {
        const docTokens = this.docShapes.blockOf(end)[this.docShapes.offsetOf(end) + 1]!
        if (end > cursor.doc && tokens + docTokens > maxTokens) break
        tokens += docTokens
        end++
      }
      yield this.encode(cursor, end, batch > 0, allocate)
    }
  }

  /** Documents [cursor.doc, end) as one batch, in the bytes `allocate` gives; moves the cursor past them. */
  private encode(
    cursor: BatchCursor,
    end: number,
    continues: boolean,
    allocate: (size: number) => Uint8Array,
  ): Uint8Array {
    const { fields, docShapes } = this
    // The new field names and terms first (few: each once per flush), then the documents' size and tokens.
    const { names, terms } = cursor
    names.reset()
    terms.reset()
    const firstField = cursor.fieldName
    const firstTerm = cursor.term
    let docsSize = 4
    let tokenCount = 0
    let tokenRecords = 0
    for (let doc = cursor.doc, field = cursor.field; doc < end; doc++) {
      docsSize += 8
      for (let f = docShapes.first(doc); f > 0; f--, field++) {
        const record = fields.blockOf(field)
        const recordAt = fields.offsetOf(field)
        const fieldOrdinal = record[recordAt]!
        if (fieldOrdinal === cursor.fieldName) {
          names.string(this.fieldNames[cursor.fieldName]!)
          for (const total of this.fieldTotals[cursor.fieldName]!) names.u32(total)
          names.u32(this.extrasBytes(cursor.fieldName))
          names.u32(this.docIds.first(this.fieldLastDoc[cursor.fieldName++]! - 1))
        }
        docsSize += 16 + 8 * record[recordAt + VALUE_COUNT]!
        const tokens = record[recordAt + TOKEN_COUNT]!
        tokenCount += tokens
        if (tokens > 0) tokenRecords++
        // The field's terms that first occur in this record's tokens.
        const fieldTerms = this.fieldTerms[fieldOrdinal]!
        let next = cursor.fieldTerms[fieldOrdinal] ?? 0
        for (const after = record[recordAt + TERMS_AFTER]!; next < after; next++) {
          cursor.term++
          terms.u32(fieldOrdinal)
          fieldTerms.writeTerm(next, terms)
          const stats = fieldTerms.blockOf(next)
          const at = fieldTerms.payloadAt(next)
          terms.u32(stats[at + DOC_FREQ]!)
          terms.u32(stats[at + TOTAL_TERM_FREQ]!)
        }
        cursor.fieldTerms[fieldOrdinal] = next
      }
    }
    const nameBytes = names.finish()
    const termBytes = terms.finish()
    let at = 12 + nameBytes.length + termBytes.length
    // The records with tokens start at a multiple of 4 (segment.ts), as the batch does; then their tokens, then room
    // for the sorted runs.
    const recordsAt = (at + docsSize + 3) & ~3
    const tokensAt = recordsAt + 4 + 12 * tokenRecords
    const out = allocate(tokensAt + 16 * tokenCount)
    if ((out.byteOffset & 3) !== 0) throw new RangeError('a document batch must start at a multiple of 4')
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
    view.setUint32(0, continues ? 1 : 0, true)
    view.setUint32(4, cursor.fieldName - firstField, true)
    out.set(nameBytes, 8)
    at = 8 + nameBytes.length
    view.setUint32(at, cursor.term - firstTerm, true)
    out.set(termBytes, at + 4)
    at += 4 + termBytes.length
    view.setUint32(at, end - cursor.doc, true)
    at += 4
    view.setUint32(recordsAt, tokenRecords, true)
    let recordOut = recordsAt + 4
    for (; cursor.doc < end; cursor.doc++) {
      const docId = this.docIds.first(cursor.doc)
      const fieldCount = docShapes.first(cursor.doc)
      view.setInt32(at, docId, true)
      view.setUint32(at + 4, fieldCount, true)
      at += 8
      for (let f = 0; f < fieldCount; f++, cursor.field++) {
        const record = fields.blockOf(cursor.field)
        const recordAt = fields.offsetOf(cursor.field)
        const valueCount = record[recordAt + VALUE_COUNT]!
        const tokens = record[recordAt + TOKEN_COUNT]!
        view.setUint32(at, record[recordAt]!, true)
        view.setUint32(at + 4, record[recordAt + FLAGS]!, true)
        view.setUint32(at + 8, record[recordAt + NUM_TERMS]!, true)
        view.setUint32(at + 12, valueCount, true)
        at += 16
        for (let v = 0; v < valueCount; v++, at += 8) view.setFloat64(at, this.values[cursor.value++]!, true)
        if (tokens === 0) continue
        view.setUint32(recordOut, record[recordAt]!, true)
        view.setInt32(recordOut + 4, docId, true)
        view.setUint32(recordOut + 8, tokens, true)
        recordOut += 12
      }
    }
    out.fill(0, at, recordsAt)
    this.copyTokens(cursor, new Int32Array(out.buffer, out.byteOffset + tokensAt, 2 * tokenCount))
    return out
  }

  /** Copies the tokens from the cursor's on into `into` until it is full, block by block; moves the cursor past them. */
  private copyTokens(cursor: BatchCursor, into: Int32Array): void {
    const tokens = this.tokens
    for (let copied = 0; copied < into.length;) {
      const block = tokens.blockOf(cursor.token)
      const offset = tokens.offsetOf(cursor.token)
      const ints = Math.min(block.length - offset, into.length - copied)
      into.set(block.subarray(offset, offset + ints), copied)
      copied += ints
      cursor.token += ints / 2
    }
  }

  /** The bytes of a field's terms' extras over the flush (segment.ts): per term extraWidth(ttf - df) * (df + 1). */
  private extrasBytes(fieldOrdinal: number): number {
    const terms = this.fieldTerms[fieldOrdinal]!
    let bytes = 0
    for (let t = 0; t < terms.size; t++) {
      const stats = terms.blockOf(t)
      const at = terms.payloadAt(t)
      const docFreq = stats[at + DOC_FREQ]!
      bytes += extraWidth(stats[at + TOTAL_TERM_FREQ]! - docFreq) * (docFreq + 1)
    }
    return bytes
  }

  /** Writes the open field's record. */
  private writeField(): void {
    if (this.fieldName === null) throw new RangeError('a term or value outside a field')
    this.fieldOrdinal = this.ordinalOf(this.fieldName)
    this.openTotals = this.fieldTotals[this.fieldOrdinal]!
    this.openTerms = this.fieldTerms[this.fieldOrdinal]!
    this.fieldRecord = this.fields.length
    const doc = this.docIds.length
    // A field named again in the document continues its positions (numTerms counts across both records).
    if (this.fieldLastDoc[this.fieldOrdinal] !== doc) this.fieldLastPosition[this.fieldOrdinal] = -1
    this.fieldLastDoc[this.fieldOrdinal] = doc
    this.recordAt = this.fields.append()
    this.record = this.fields.tail
    this.record[this.recordAt] = this.fieldOrdinal
    this.record[this.recordAt + FLAGS] = this.fieldNorms ? 0 : NO_NORMS
    this.shape[this.shapeAt]!++
  }

  /** The ordinal of a field name, numbering a new one next. */
  private ordinalOf(name: string): number {
    let ordinal = this.fieldOrdinals.get(name)
    if (ordinal === undefined) {
      ordinal = this.fieldNames.length
      this.fieldOrdinals.set(name, ordinal)
      this.fieldNames.push(name)
      this.fieldTotals.push([0, 0, 0, 0, 0, 0])
      this.fieldLastDoc.push(0)
      this.fieldLastPosition.push(-1)
      this.fieldTerms.push(new TermsHash(TERM_PAYLOAD))
    }
    return ordinal
  }
}
