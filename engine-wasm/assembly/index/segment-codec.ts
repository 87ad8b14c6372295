// SegmentCodec: the byte image of one Segment as a Lucene commit stores it (Lucene writes a segment's files once, at
// its flush or merge, and never rewrites them; here one image holds what its .tim/.doc/.pos/.nvd/.dvd files would).
// Live docs are not part of the image: they change after the segment is written, so the commit point carries them
// (Lucene's .liv, written per commit) and the loader deletes those documents again after decoding.
// Byte layout, little-endian, no padding; a string is a u32 UTF-8 byte length followed by the bytes, a vint an
// unsigned LEB128 varint (Lucene's vInt):
//   u32 magic 0x4745534c ("LSEG"), u32 format version (1), i32 generation, i32 maxDoc, u32 fieldCount, then per field
//   in the segment's field order:
//     string name, i32 docCount, i64 sumTotalTermFreq, i64 sumDocFreq (Lucene's field statistics, deleted documents
//     included as Lucene counts them), maxDoc x u8 norms (0: no token in the field),
//     u32 n, n x i32 doc-values docs (ascending), (n + 1) x i32 starts, u32 valueCount, valueCount x f64 values,
//     u32 termCount, then per term in code point order: string term, vint docFreq, vint totalTermFreq, docFreq x
//     (vint docId delta from the entry before (from 0 for the first), vint freq), then totalTermFreq (= the sum of
//     the freqs) x vint position delta: each entry's positions in entry order, each from the one before it in the
//     same entry (from 0 for its first).
// Invariants: decode(encode(s)) answers the same searches and statistics as s before its deletions, and encodes to
// the same bytes again (terms in code point order, fields in segment order, nothing depends on hash order).
import { ByteReader } from './byte-reader'
import { FieldIndex } from './field-index'
import { Postings } from './postings'
import { Segment } from './segment'

const MAGIC: u32 = 0x4745534c
const FORMAT_VERSION: u32 = 1

/** A reused buffer outside the managed heap for one term's decoded entries or positions. */
class Scratch {
  private ptr: usize = 0
  private capacity: usize = 0

  /** The buffer, holding at least `bytes` bytes (its contents are lost when it grows). */
  reserve(bytes: usize): usize {
    if (bytes > this.capacity) {
      if (this.ptr != 0) heap.free(this.ptr)
      this.capacity = max(bytes, this.capacity << 1)
      this.ptr = heap.alloc(this.capacity)
    }
    return this.ptr
  }
}

const entryScratch = new Scratch()
const positionScratch = new Scratch()

/** A growable buffer outside the managed heap: u32 byte length, then the bytes (a result buffer the caller frees). */
class ImageWriter {
  private ptr: usize = heap.alloc(1 << 16)
  private capacity: usize = 1 << 16
  private length: usize = 4

  private reserve(extra: usize): usize {
    if (this.length + extra > this.capacity) {
      let size = this.capacity << 1
      while (size < this.length + extra) size <<= 1
      this.ptr = heap.realloc(this.ptr, size)
      this.capacity = size
    }
    const at = this.ptr + this.length
    this.length += extra
    return at
  }

  u32(value: u32): void {
    store<u32>(this.reserve(4), value)
  }

  i32(value: i32): void {
    store<i32>(this.reserve(4), value)
  }

  i64(value: i64): void {
    store<i64>(this.reserve(8), value)
  }

  f64(value: f64): void {
    store<f64>(this.reserve(8), value)
  }

  u8(value: u8): void {
    store<u8>(this.reserve(1), value)
  }

  vint(value: u32): void {
    while (value >= 0x80) {
      this.u8((<u8>(value & 0x7f)) | 0x80)
      value >>>= 7
    }
    this.u8(<u8>value)
  }

  string(value: string): void {
    const length = String.UTF8.byteLength(value)
    this.u32(<u32>length)
    String.UTF8.encodeUnsafe(changetype<usize>(value), value.length, this.reserve(<usize>length))
  }

  finish(): usize {
    store<u32>(this.ptr, <u32>(this.length - 4))
    return this.ptr
  }
}

/** The image of a segment (layout above), in a result buffer that starts with its u32 byte length. */
export function encodeSegment(segment: Segment): usize {
  const out = new ImageWriter()
  out.u32(MAGIC)
  out.u32(FORMAT_VERSION)
  out.i32(segment.generation)
  out.i32(segment.maxDoc)
  const names = segment.fields.keys()
  out.u32(names.length)
  for (let f = 0; f < names.length; f++) {
    out.string(names[f])
    encodeField(out, segment.fields.get(names[f]), segment.maxDoc)
  }
  return out.finish()
}

function encodeField(out: ImageWriter, field: FieldIndex, maxDoc: i32): void {
  out.i32(field.docCount)
  out.i64(field.sumTotalTermFreq)
  out.i64(field.sumDocFreq)
  for (let d = 0; d < maxDoc; d++) out.u8(field.norms.get(d))
  const docValues = field.docValues
  out.u32(docValues.docs.length)
  for (let i = 0; i < docValues.docs.length; i++) out.i32(docValues.docs[i])
  for (let i = 0; i < docValues.starts.length; i++) out.i32(docValues.starts[i])
  out.u32(docValues.values.length)
  for (let i = 0; i < docValues.values.length; i++) out.f64(docValues.values[i])
  const terms = field.terms.sortedTerms()
  out.u32(terms.length)
  for (let t = 0; t < terms.length; t++) {
    const postings = field.terms.get(terms[t])!
    out.string(terms[t])
    out.vint(postings.docFreq)
    out.vint(<u32>postings.totalTermFreq)
    let doc = 0
    for (let i = 0; i < postings.docFreq; i++) {
      out.vint(postings.docs[i] - doc)
      out.vint(postings.freqs[i])
      doc = postings.docs[i]
    }
    const positions = postings.positions
    for (let i = 0; i < postings.docFreq; i++) {
      const start = postings.posStarts[i]
      let position = 0
      for (let p = start; p < start + postings.freqs[i]; p++) {
        out.vint(positions[p] - position)
        position = positions[p]
      }
    }
  }
}

/** The segment an image holds, without deletions; null when the bytes are not an image of this format version. */
export function decodeSegment(image: usize): Segment | null {
  const reader = new ByteReader(image)
  if (reader.u32() != MAGIC || reader.u32() != FORMAT_VERSION) return null
  const segment = new Segment(reader.i32())
  segment.maxDoc = reader.i32()
  const fieldCount = reader.i32()
  for (let f = 0; f < fieldCount; f++) {
    const name = reader.string()
    segment.fields.set(name, decodeField(reader, segment.maxDoc))
  }
  return segment
}

function decodeField(reader: ByteReader, maxDoc: i32): FieldIndex {
  const field = new FieldIndex()
  field.docCount = reader.i32()
  field.sumTotalTermFreq = reader.i64()
  field.sumDocFreq = reader.i64()
  const norms = reader.skip(<usize>maxDoc)
  for (let d = 0; d < maxDoc; d++) {
    const norm = load<u8>(norms + <usize>d)
    if (norm != 0) field.norms.set(d, norm)
  }
  const docValues = field.docValues
  const valueDocs = reader.i32()
  for (let i = 0; i < valueDocs; i++) docValues.docs.push(reader.i32())
  reader.i32() // starts[0] is always 0: the array already holds it
  for (let i = 0; i < valueDocs; i++) docValues.starts.push(reader.i32())
  const valueCount = reader.i32()
  for (let i = 0; i < valueCount; i++) docValues.values.push(reader.f64())
  const termCount = reader.i32()
  for (let t = 0; t < termCount; t++) {
    const term = reader.string()
    field.terms.put(term, decodePostings(reader))
  }
  return field
}

function decodePostings(reader: ByteReader): Postings {
  const docFreq = <i32>reader.vint()
  const totalTermFreq = <i32>reader.vint()
  const entries = entryScratch.reserve(8 * <usize>docFreq)
  let doc: u32 = 0
  for (let i = 0; i < docFreq; i++) {
    doc += reader.vint()
    store<u32>(entries + 8 * <usize>i, doc)
    store<u32>(entries + 8 * <usize>i, reader.vint(), 4)
  }
  const positions = positionScratch.reserve(4 * <usize>totalTermFreq)
  let at: usize = positions
  for (let i = 0; i < docFreq; i++) {
    const freq = load<i32>(entries + 8 * <usize>i, 4)
    let position: u32 = 0
    for (let p = 0; p < freq; p++) {
      position += reader.vint()
      store<u32>(at, position)
      at += 4
    }
  }
  return Postings.decoded(docFreq, entries, totalTermFreq, positions)
}
