/**
 * StoredFields: the stored fields of one segment's documents (Lucene's .fdt: `_id`, `_source`, `_routing`, and the
 * `_version`, `_seq_no` and `_primary_term` doc values ES keeps per document), kept as bytes in memory once a
 * refresh made them searchable, and stored as they are with the segment's image. A document is decoded only when
 * it is read (GET, fetch, update, recovery), as Lucene's StoredFieldsReader.document does; opening a segment's
 * stored fields reads nothing per document.
 *
 * Byte layout, version 3 (little-endian, no padding), compressed as Lucene 9's BEST_SPEED mode does, with LZ4 after
 * a preset dictionary (stored-fields-lz4.ts), here each document on its own so that a fetch decompresses only its
 * hits (the writer compresses in index.wasm, through the engine's StoredFieldsCompressor; reading decompresses here):
 *   u32 MAGIC (no version-2 bytes start so: 2^32 - 253 documents do not fit in memory)
 *   u32 docCount, u32 dictLength
 *   six columns of docCount values (stored-fields-columns.ts): version, seqNo, primaryTerm, size (the UTF-8 bytes
 *   of `_id` + `_source`, what the segment size model counts), id ends, record ends (each an offset from 0,
 *   ascending: document i's `_id` or record runs from the previous end, 0 for the first, to its own)
 *   the dictionary (dictLength bytes: parts of the segment's records)
 *   the `_id`s, UTF-8, concatenated in doc order (uncompressed: an `_id` lookup reads one without decompressing)
 *   the records, each LZ4 against the dictionary; a record decompresses to: a LEB128 varint (0: no routing, else
 *   the routing's UTF-8 bytes + 1), the UTF-8 of `_routing`, then of `_source` (the rest).
 * An empty record marks a document deleted before its segment's stored fields were written (its fields are gone,
 * its size stays); every other record takes at least one byte.
 * Version 4 is version 3 with MAGIC_V4, the segment's Huffman code lengths (stored-fields-huffman.ts: CODES_BYTES
 * bytes) between the columns and the dictionary, and every record's LZ4 sequences Huffman-coded with them: an
 * entropy stage after LZ4 (as zstd's, which Elasticsearch's best_compression codec uses), here for any segment whose
 * records take HUFFMAN_MIN_BYTES or more, where it saves about a quarter of their bytes; a smaller one is written as
 * version 3 (the codes would cost about what they save).
 * Versions 5 and 6 are versions 3 and 4 (MAGIC_V5, MAGIC_V6) for a segment where some document has fields mapped with
 * `store: true`: each record has, right after its routing, a LEB128 varint (the UTF-8 bytes of the document's stored
 * fields JSON, shard-operation.ts `storedFields`; 0: none) and that JSON, then the source. A segment without such a
 * document is written as version 3 or 4, byte for byte as before, so a mapping without `store` costs nothing.
 * Invariant: docCount is the segment's maxDoc; document i is local doc id i. Bytes of versions 2 (stored-fields-v2.ts)
 * and 3 to 6 are read as they are.
 */
import type { StoredFieldsCompressor } from '../../../../engine-wasm/src/index/index.ts'
import type { StoredDocument } from './index-shard.ts'
import { ColumnReader, columnBytes, writeColumn } from './stored-fields-columns.ts'
import { CODES_BYTES, HuffmanCodes, HuffmanDecoder } from './stored-fields-huffman.ts'
import { RecordDecompressor } from './stored-fields-lz4.ts'
import { StoredFieldsReaderV2 } from './stored-fields-v2.ts'

const MAGIC_V3 = 0xffffff03
const MAGIC_V4 = 0xffffff04
const MAGIC_V5 = 0xffffff05
const MAGIC_V6 = 0xffffff06
/** Records (LZ4) of at least this many bytes are Huffman-coded (version 4). */
const HUFFMAN_MIN_BYTES = 16 << 10
const HEADER_BYTES = 12
/** The dictionary takes up to this many bytes, and at most 1/DICT_FRACTION of the records. */
const DICT_MAX_BYTES = 60 << 10
const DICT_FRACTION = 16
/** Below this the dictionary costs about what it saves. */
const DICT_MIN_BYTES = 256

const encoder = new TextEncoder()
const decoder = new TextDecoder()
/** The varint of an absent routing or stored fields. */
const NO_VALUE: readonly number[] = [0]
/** Where records are decompressed (one at a time: nothing is read while one is decoded). */
const decompressor = new RecordDecompressor()

/** One segment's stored fields, read in place. */
export interface StoredFieldsReader {
  /** The bytes as stored. */
  readonly bytes: Uint8Array
  readonly maxDoc: number
  version(local: number): number
  seqNo(local: number): number
  primaryTerm(local: number): number
  size(local: number): number
  isDeleted(local: number): boolean
  /** The `_id`, null once deleted. */
  id(local: number): string | null
  document(local: number): StoredDocument | null
}

/** Reads stored fields of either layout; throws RangeError when the bytes do not hold the documents they list. */
export function openStoredFields(bytes: Uint8Array): StoredFieldsReader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const magic = bytes.length >= HEADER_BYTES ? view.getUint32(0, true) : 0
  const compressed = magic >= MAGIC_V3 && magic <= MAGIC_V6
  return compressed
    ? new CompressedStoredFieldsReader(
        bytes,
        view,
        magic === MAGIC_V4 || magic === MAGIC_V6,
        magic === MAGIC_V5 || magic === MAGIC_V6,
      )
    : new StoredFieldsReaderV2(bytes)
}

class CompressedStoredFieldsReader implements StoredFieldsReader {
  readonly maxDoc: number
  private readonly columns: {
    version: ColumnReader
    seqNo: ColumnReader
    primaryTerm: ColumnReader
    size: ColumnReader
    idEnd: ColumnReader
    recordEnd: ColumnReader
  }
  private readonly dictionary: Uint8Array
  private readonly ids: Uint8Array
  private readonly records: Uint8Array
  /** Version 4: the Huffman code lengths, made a decoder when a record is first read. */
  private readonly codes: Uint8Array | null
  private decoder: HuffmanDecoder | null = null

  constructor(
    readonly bytes: Uint8Array,
    view: DataView,
    coded: boolean,
    /** Versions 5 and 6: every record carries its stored fields after its routing. */
    private readonly withStoredFields: boolean,
  ) {
    const maxDoc = view.getUint32(4, true)
    this.maxDoc = maxDoc
    const column = (at: number): ColumnReader => new ColumnReader(view, at, maxDoc)
    const version = column(HEADER_BYTES)
    const seqNo = column(version.end)
    const primaryTerm = column(seqNo.end)
    const size = column(primaryTerm.end)
    const idEnd = column(size.end)
    const recordEnd = column(idEnd.end)
    this.columns = { version, seqNo, primaryTerm, size, idEnd, recordEnd }
    const dictAt = recordEnd.end + (coded ? CODES_BYTES : 0)
    const idsAt = dictAt + view.getUint32(8, true)
    const recordsAt = idsAt + this.end(idEnd, maxDoc)
    if (recordsAt > bytes.length || recordsAt + this.end(recordEnd, maxDoc) !== bytes.length)
      throw new RangeError(`stored fields: ${bytes.length} bytes do not hold the documents they list`)
    this.codes = coded ? bytes.subarray(recordEnd.end, dictAt) : null
    this.dictionary = bytes.subarray(dictAt, idsAt)
    this.ids = bytes.subarray(idsAt, recordsAt)
    this.records = bytes.subarray(recordsAt)
  }

  version(local: number): number {
    return this.columns.version.get(local)
  }

  seqNo(local: number): number {
    return this.columns.seqNo.get(local)
  }

  primaryTerm(local: number): number {
    return this.columns.primaryTerm.get(local)
  }

  size(local: number): number {
    return this.columns.size.get(local)
  }

  isDeleted(local: number): boolean {
    const { recordEnd } = this.columns
    return this.end(recordEnd, local) === recordEnd.get(local)
  }

  id(local: number): string | null {
    if (this.isDeleted(local)) return null
    const { idEnd } = this.columns
    return decoder.decode(this.ids.subarray(this.end(idEnd, local), idEnd.get(local)))
  }

  document(local: number): StoredDocument | null {
    const id = this.id(local)
    if (id === null) return null
    const { recordEnd } = this.columns
    const record = this.records.subarray(this.end(recordEnd, local), recordEnd.get(local))
    if (this.codes) this.decoder ??= new HuffmanDecoder(this.codes)
    const length = this.decoder
      ? this.decoder.decode(this.dictionary, record, decompressor)
      : decompressor.decompress(this.dictionary, record)
    const out = decompressor.out
    const routing = readVarint(out, 0, length, 'routing')
    const routingEnd = routing.end + Math.max(0, routing.value - 1)
    if (routingEnd > length) throw new RangeError('stored fields: a record ends inside its routing')
    let sourceStart = routingEnd
    let storedFields: string | undefined
    if (this.withStoredFields) {
      const stored = readVarint(out, routingEnd, length, 'stored fields')
      sourceStart = stored.end + stored.value
      if (sourceStart > length) throw new RangeError('stored fields: a record ends inside its stored fields')
      if (stored.value > 0) storedFields = decoder.decode(out.subarray(stored.end, sourceStart))
    }
    const doc: StoredDocument = {
      id,
      source: decoder.decode(out.subarray(sourceStart, length)),
      routing: routing.value === 0 ? null : decoder.decode(out.subarray(routing.end, routingEnd)),
      version: this.version(local),
      seqNo: this.seqNo(local),
      primaryTerm: this.primaryTerm(local),
    }
    if (storedFields !== undefined) doc.storedFields = storedFields
    return doc
  }

  /** Where entry `local` of an ends column starts: the previous entry's end, 0 for the first. */
  private end(column: ColumnReader, local: number): number {
    return local === 0 ? 0 : column.get(local - 1)
  }
}

/** The LEB128 varint at `at` of a record of `length` bytes, and where it ends. */
function readVarint(
  bytes: Uint8Array,
  at: number,
  length: number,
  what: string,
): { value: number; end: number } {
  let value = 0
  for (let shift = 0; ; shift += 7) {
    if (at >= length) throw new RangeError(`stored fields: a record ends inside its ${what} length`)
    const byte = bytes[at++]!
    value += (byte & 0x7f) * 2 ** shift
    if (byte < 0x80) return { value, end: at }
  }
}

/** The LEB128 varint of `value`. */
function varint(value: number): number[] {
  const out: number[] = []
  for (let rest = value; ; rest = Math.floor(rest / 128)) {
    out.push((rest & 0x7f) | (rest >= 128 ? 0x80 : 0))
    if (rest < 128) return out
  }
}

/** A growable byte buffer. */
class Bytes {
  data: Uint8Array
  length = 0

  constructor(capacity = 1 << 12) {
    this.data = new Uint8Array(capacity)
  }

  /** Room for `bytes` more bytes at the end. */
  reserve(bytes: number): void {
    if (this.length + bytes <= this.data.length) return
    const grown = new Uint8Array(Math.max(this.data.length * 2, this.length + bytes))
    grown.set(this.data.subarray(0, this.length))
    this.data = grown
  }

  /**
   * Appends the UTF-8 of `text`; answers its byte length. Room is made for one byte a code unit first (ASCII), and
   * for the worst case of the rest only when that did not fit, so a buffer sized for ASCII text is never regrown.
   */
  encode(text: string): number {
    this.reserve(text.length)
    const { read, written: ascii } = encoder.encodeInto(text, this.data.subarray(this.length))
    let written = ascii
    this.length += written
    if (read < text.length) {
      // encodeInto stops before a code point that does not fit, never inside a surrogate pair
      const rest = text.slice(read)
      this.reserve(3 * rest.length)
      const more = encoder.encodeInto(rest, this.data.subarray(this.length)).written
      this.length += more
      written += more
    }
    return written
  }

  /** Appends `bytes`. */
  append(bytes: ArrayLike<number>): void {
    this.reserve(bytes.length)
    this.data.set(bytes, this.length)
    this.length += bytes.length
  }

  view(from: number, to: number): Uint8Array {
    return this.data.subarray(from, to)
  }
}

/** Builds one segment's stored fields in doc order (compressed in finish, once every record is known). */
export class StoredFieldsWriter {
  private readonly version: number[] = []
  private readonly seqNo: number[] = []
  private readonly primaryTerm: number[] = []
  private readonly sizes: number[] = []
  private readonly ids: Bytes
  private readonly idEnds: number[] = []
  /** The records uncompressed; -1 in recordEnds: deleted. */
  private records: Bytes
  private readonly recordEnds: number[] = []
  /** Whether the records carry stored fields (versions 5 and 6): from the first document that has any on. */
  private withStoredFields = false

  /**
   * `expected`: the code units of the documents' `_id`s and sources, when the caller knows them, so that ASCII
   * documents are written without regrowing the buffers.
   */
  constructor(
    private readonly compressor: StoredFieldsCompressor,
    expected: { idChars: number; sourceChars: number } = { idChars: 0, sourceChars: 0 },
  ) {
    this.ids = new Bytes(Math.max(1 << 12, expected.idChars))
    this.records = new Bytes(Math.max(1 << 12, expected.sourceChars))
  }

  /** Adds a document; returns its size (the UTF-8 bytes of its `_id` and `_source`). */
  addDocument(doc: StoredDocument): number {
    const idBytes = this.ids.encode(doc.id)
    const sourceBytes = this.addRecord(doc.routing, doc.storedFields, doc.source)
    this.push(doc.version, doc.seqNo, doc.primaryTerm, idBytes + sourceBytes, true)
    return idBytes + sourceBytes
  }

  /** Adds a document of another segment's stored fields (a merge, a commit); deleted ones keep their size only. */
  addCopy(reader: StoredFieldsReader, local: number, deleted: boolean): void {
    const doc = deleted ? null : reader.document(local)
    if (doc) {
      this.ids.encode(doc.id)
      this.addRecord(doc.routing, doc.storedFields, doc.source)
    }
    this.push(
      reader.version(local),
      reader.seqNo(local),
      reader.primaryTerm(local),
      reader.size(local),
      !!doc,
    )
  }

  /** A document deleted before the segment is written: its size only (the stored fields of version 1 had such). */
  addDeleted(size: number): void {
    this.push(0, 0, 0, size, false)
  }

  /** The segment's stored fields bytes; the writer takes no more documents (its buffers are reused). */
  finish(): Uint8Array {
    const count = this.sizes.length
    const dictionary = this.dictionary()
    const liveEnds = Int32Array.from(this.recordEnds.filter((end) => end >= 0))
    // The LZ4 records are written over the uncompressed ones as they are read (StoredFieldsCompressor copies out any it
    // would reach before reading them), then the Huffman-coded ones over the LZ4 ones: the segment's records take no
    // buffer but their own.
    const records = this.records
    const uncompressed = records.view(0, records.length)
    records.length = 0
    const counts = this.compressor.lz4(dictionary, uncompressed, liveEnds, records)
    // each document's record end, a deleted one's the previous end
    const recordEnds = new Int32Array(count)
    for (let i = 0, live = 0, end = 0; i < count; i++) {
      if (this.recordEnds[i]! >= 0) end = liveEnds[live++]!
      recordEnds[i] = end
    }
    const huffman = records.length >= HUFFMAN_MIN_BYTES ? new HuffmanCodes(counts) : null
    if (huffman) {
      const lz4 = records.view(0, records.length)
      records.length = 0
      this.compressor.huffman(huffman.partCodes, lz4, recordEnds, records)
    }
    const codes = huffman?.codeLengths() ?? new Uint8Array(0)
    const columns = [this.version, this.seqNo, this.primaryTerm, this.sizes, this.idEnds, recordEnds]
    let columnsLength = 0
    for (const values of columns) columnsLength += columnBytes(values)
    const dictAt = HEADER_BYTES + columnsLength + codes.length
    const out = new Uint8Array(dictAt + dictionary.length + this.ids.length + records.length)
    const view = new DataView(out.buffer)
    const magic = this.withStoredFields ? (huffman ? MAGIC_V6 : MAGIC_V5) : huffman ? MAGIC_V4 : MAGIC_V3
    view.setUint32(0, magic, true)
    view.setUint32(4, count, true)
    view.setUint32(8, dictionary.length, true)
    let at = HEADER_BYTES
    for (const values of columns) at = writeColumn(view, at, values)
    out.set(codes, at)
    out.set(dictionary, dictAt)
    out.set(this.ids.view(0, this.ids.length), dictAt + dictionary.length)
    out.set(records.view(0, records.length), dictAt + dictionary.length + this.ids.length)
    return out
  }

  /** Appends a record (uncompressed); answers the UTF-8 bytes of its source. */
  private addRecord(routing: string | null, storedFields: string | undefined, source: string): number {
    if (storedFields !== undefined && !this.withStoredFields) this.addStoredFieldsToRecords()
    const records = this.records
    if (routing !== null) this.addLengthPrefixed(routing, 1)
    else records.append(NO_VALUE)
    if (this.withStoredFields) {
      if (storedFields === undefined) records.append(NO_VALUE)
      else this.addLengthPrefixed(storedFields, 0)
    }
    const sourceBytes = records.encode(source)
    this.recordEnds.push(records.length)
    return sourceBytes
  }

  /**
   * Appends the varint of `text`'s UTF-8 bytes + `bias`, then those bytes. The varint is written once the length is
   * known: 1 byte, moved when it needs more.
   */
  private addLengthPrefixed(text: string, bias: number): void {
    const records = this.records
    const start = records.length
    records.reserve(1)
    records.length++
    const prefix = varint(records.encode(text) + bias)
    records.reserve(prefix.length - 1)
    records.data.copyWithin(start + prefix.length, start + 1, records.length)
    records.data.set(prefix, start)
    records.length += prefix.length - 1
  }

  /** Rewrites the records written so far into the layout with stored fields (none of them has any). */
  private addStoredFieldsToRecords(): void {
    const old = this.records
    const upgraded = new Bytes(old.data.length + this.recordEnds.length)
    let from = 0
    for (let i = 0; i < this.recordEnds.length; i++) {
      const end = this.recordEnds[i]!
      if (end < 0) continue
      const routing = readVarint(old.data, from, end, 'routing')
      const routingEnd = routing.end + Math.max(0, routing.value - 1)
      upgraded.append(old.view(from, routingEnd))
      upgraded.append(NO_VALUE)
      upgraded.append(old.view(routingEnd, end))
      this.recordEnds[i] = upgraded.length
      from = end
    }
    this.records = upgraded
    this.withStoredFields = true
  }

  private push(version: number, seqNo: number, primaryTerm: number, size: number, live: boolean): void {
    this.version.push(version)
    this.seqNo.push(seqNo)
    this.primaryTerm.push(primaryTerm)
    this.sizes.push(size)
    this.idEnds.push(this.ids.length)
    if (!live) this.recordEnds.push(-1)
  }

  /**
   * The preset dictionary: whole records taken at an even stride through the segment (so that it holds what is
   * common to all of them) up to its size, none for a small segment.
   */
  private dictionary(): Uint8Array {
    const total = this.records.length
    const size = Math.min(DICT_MAX_BYTES, Math.floor(total / DICT_FRACTION))
    if (size < DICT_MIN_BYTES) return new Uint8Array(0)
    const ends = this.recordEnds.filter((end) => end >= 0)
    const stride = Math.max(1, Math.floor(total / size))
    const dictionary = new Uint8Array(size)
    let length = 0
    for (let i = 0; i < ends.length && length < size; i += stride) {
      const from = i === 0 ? 0 : ends[i - 1]!
      const part = this.records.view(from, Math.min(ends[i]!, from + size - length))
      dictionary.set(part, length)
      length += part.length
    }
    return dictionary.subarray(0, length)
  }
}
