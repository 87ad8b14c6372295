/**
 * StoredFields: the stored fields of one segment's documents (Lucene's .fdt: `_id`, `_source`, `_routing`, and the
 * `_version`, `_seq_no` and `_primary_term` doc values ES keeps per document), kept as bytes in memory once a
 * refresh made them searchable, and stored as they are with the segment's image. A document is decoded only when
 * it is read (GET, fetch, update, recovery), as Lucene's StoredFieldsReader.document does; opening a segment's
 * stored fields reads nothing per document.
 *
 * Byte layout, version 2 (little-endian, no padding):
 *   u32 docCount
 *   docCount x f64 version, then docCount x f64 seqNo, then docCount x f64 primaryTerm (columns)
 *   docCount x u32 size: the UTF-8 bytes of `_id` + `_source` (what the segment size model counts)
 *   (docCount + 1) x u32 record offsets into the records, ascending from 0; the last is the records' length
 *   records, in doc order: u32 idBytes, i32 routingBytes (-1: no routing), then the UTF-8 of `_id`, `_routing` and
 *   `_source` (the rest of the record).
 * An empty record marks a document deleted before its segment's stored fields were written (its fields are gone,
 * its size stays). Invariant: docCount is the segment's maxDoc; document i is local doc id i.
 */
import type { StoredDocument } from './index-shard.ts'

const COUNT_BYTES = 4
/** version, seqNo and primaryTerm (f64), size and offset (u32) per document. */
const DOC_TABLE_BYTES = 3 * 8 + 4 + 4
const RECORD_HEADER_BYTES = 8

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export class StoredFieldsReader {
  readonly maxDoc: number
  private readonly view: DataView
  private readonly recordsAt: number

  /** Checks the structure (the tables fit, the records end where the bytes do); throws RangeError otherwise. */
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.maxDoc = bytes.length < COUNT_BYTES ? -1 : this.view.getUint32(0, true)
    this.recordsAt = COUNT_BYTES + DOC_TABLE_BYTES * this.maxDoc + 4
    if (
      this.maxDoc < 0 ||
      this.recordsAt > bytes.length ||
      this.offset(this.maxDoc) !== bytes.length - this.recordsAt
    )
      throw new RangeError(`stored fields: ${bytes.length} bytes do not hold the documents they list`)
  }

  version(local: number): number {
    return this.view.getFloat64(COUNT_BYTES + 8 * local, true)
  }

  seqNo(local: number): number {
    return this.view.getFloat64(COUNT_BYTES + 8 * (this.maxDoc + local), true)
  }

  primaryTerm(local: number): number {
    return this.view.getFloat64(COUNT_BYTES + 8 * (2 * this.maxDoc + local), true)
  }

  size(local: number): number {
    return this.view.getUint32(COUNT_BYTES + 24 * this.maxDoc + 4 * local, true)
  }

  /** The document's record bytes (empty once deleted before the segment was written). */
  record(local: number): Uint8Array {
    return this.bytes.subarray(this.recordsAt + this.offset(local), this.recordsAt + this.offset(local + 1))
  }

  isDeleted(local: number): boolean {
    return this.offset(local) === this.offset(local + 1)
  }

  id(local: number): string | null {
    if (this.isDeleted(local)) return null
    const at = this.recordsAt + this.offset(local)
    return decoder.decode(
      this.bytes.subarray(at + RECORD_HEADER_BYTES, at + RECORD_HEADER_BYTES + this.idBytes(at)),
    )
  }

  document(local: number): StoredDocument | null {
    if (this.isDeleted(local)) return null
    const at = this.recordsAt + this.offset(local)
    const end = this.recordsAt + this.offset(local + 1)
    const idEnd = at + RECORD_HEADER_BYTES + this.idBytes(at)
    const routingBytes = this.view.getInt32(at + 4, true)
    const routingEnd = idEnd + Math.max(0, routingBytes)
    return {
      id: decoder.decode(this.bytes.subarray(at + RECORD_HEADER_BYTES, idEnd)),
      source: decoder.decode(this.bytes.subarray(routingEnd, end)),
      routing: routingBytes < 0 ? null : decoder.decode(this.bytes.subarray(idEnd, routingEnd)),
      version: this.version(local),
      seqNo: this.seqNo(local),
      primaryTerm: this.primaryTerm(local),
    }
  }

  private idBytes(recordAt: number): number {
    return this.view.getUint32(recordAt, true)
  }

  private offset(local: number): number {
    return this.view.getUint32(COUNT_BYTES + 28 * this.maxDoc + 4 * local, true)
  }
}

/** Builds one segment's stored fields in doc order. */
export class StoredFieldsWriter {
  private readonly columns: number[] = []
  private records = new Uint8Array(1 << 12)
  private view = new DataView(this.records.buffer)
  private length = 0
  private readonly ends: number[] = []

  /** Adds a document; returns its size (the UTF-8 bytes of its `_id` and `_source`). */
  addDocument(doc: StoredDocument): number {
    const { id, routing, source } = doc
    const at = this.reserve(RECORD_HEADER_BYTES + 3 * (id.length + (routing?.length ?? 0) + source.length))
    let end = at + RECORD_HEADER_BYTES
    const idBytes = this.encode(id, end)
    end += idBytes
    const routingBytes = routing === null ? -1 : this.encode(routing, end)
    end += Math.max(0, routingBytes)
    const sourceBytes = this.encode(source, end)
    this.view.setUint32(at, idBytes, true)
    this.view.setInt32(at + 4, routingBytes, true)
    this.length = end + sourceBytes
    this.push(doc.version, doc.seqNo, doc.primaryTerm, idBytes + sourceBytes)
    return idBytes + sourceBytes
  }

  /** Adds a document of another segment's stored fields as it is stored there (a merge, a commit). */
  addCopy(reader: StoredFieldsReader, local: number, deleted: boolean): void {
    if (!deleted) {
      const record = reader.record(local)
      this.records.set(record, this.reserve(record.length))
      this.length += record.length
    }
    this.push(reader.version(local), reader.seqNo(local), reader.primaryTerm(local), reader.size(local))
  }

  /** A document deleted before the segment is written: its size only (the stored fields of version 1 had such). */
  addDeleted(size: number): void {
    this.push(0, 0, 0, size)
  }

  finish(): Uint8Array {
    const count = this.ends.length
    const recordsAt = COUNT_BYTES + DOC_TABLE_BYTES * count + 4
    const out = new Uint8Array(recordsAt + this.length)
    const view = new DataView(out.buffer)
    view.setUint32(0, count, true)
    for (let i = 0; i < count; i++) {
      for (let column = 0; column < 3; column++)
        view.setFloat64(COUNT_BYTES + 8 * (column * count + i), this.columns[4 * i + column]!, true)
      view.setUint32(COUNT_BYTES + 24 * count + 4 * i, this.columns[4 * i + 3]!, true)
      view.setUint32(COUNT_BYTES + 28 * count + 4 * (i + 1), this.ends[i]!, true)
    }
    out.set(this.records.subarray(0, this.length), recordsAt)
    return out
  }

  private push(version: number, seqNo: number, primaryTerm: number, size: number): void {
    this.columns.push(version, seqNo, primaryTerm, size)
    this.ends.push(this.length)
  }

  /** Room for `bytes` more bytes at the end of the records; returns where they start. */
  private reserve(bytes: number): number {
    if (this.length + bytes > this.records.length) {
      const grown = new Uint8Array(Math.max(this.records.length * 2, this.length + bytes))
      grown.set(this.records.subarray(0, this.length))
      this.records = grown
      this.view = new DataView(grown.buffer)
    }
    return this.length
  }

  private encode(text: string, at: number): number {
    return encoder.encodeInto(text, this.records.subarray(at)).written
  }
}
