/**
 * The stored fields layout of version 2 (written before the compressed layout of stored-fields.ts), still read (never
 * written) so that a store written then opens as it is: opening reads nothing per document.
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
import type { StoredFieldsReader } from './stored-fields.ts'

const COUNT_BYTES = 4
/** version, seqNo and primaryTerm (f64), size and offset (u32) per document. */
const DOC_TABLE_BYTES = 3 * 8 + 4 + 4
const RECORD_HEADER_BYTES = 8

const decoder = new TextDecoder()

export class StoredFieldsReaderV2 implements StoredFieldsReader {
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
