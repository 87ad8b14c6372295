// SegmentCodec: the byte image of one Segment as a Lucene commit stores it (Lucene writes a segment's files once, at
// its flush or merge, and never rewrites them; here one image holds what its .tim/.doc/.pos/.nvd/.dvd files would).
// Live docs are not part of the image: they change after the segment is written, so the commit point carries them
// (Lucene's .liv, written per commit) and the loader deletes those documents again after decoding.
// The image is the memory layout: a field's dictionary and postings are its buffers (term-dictionary.ts) one after
// another, so a load is a few bulk copies into buffers of exactly the right size; only the posStarts take work per
// posting (memory keeps them as extras, postings.ts), written straight from the image into their buffer.
// Byte layout, little-endian, no padding; a string is a u32 UTF-8 byte length followed by the bytes:
//   u32 magic 0x4745534c ("LSEG"), u32 format version (2), i32 generation, i32 maxDoc, u32 fieldCount, then per field
//   in the segment's field order:
//     string name, i32 docCount, i64 sumTotalTermFreq, i64 sumDocFreq (Lucene's field statistics, deleted documents
//     included as Lucene counts them), maxDoc x u8 norms (0: no token in the field),
//     u32 n, n x i32 doc-values docs (ascending), (n + 1) x i32 starts, u32 valueCount, valueCount x f64 values,
//     u32 termCount, u32 termBytes, u32 entryCount, u32 positionCount, u32 positionShift (1: u16 positions, 2: i32;
//     memory's u8 positions are stored as u16, and a load narrows u16 positions that all fit in a byte),
//     termBytes x u8 the terms' UTF-8 bytes, (termCount + 1) x i32 termStarts, (termCount + 1) x i32 entryStarts,
//     (termCount + 1) x i32 positionStarts, termCount x i32 the ordinals in term order, entryCount x i32 docs,
//     (entryCount + 1) x i32 posStarts (where each entry's positions start, then positionCount), positionCount x
//     (u16 or i32) positions (each array as term-dictionary.ts and postings.ts define it; the posStarts are stored
//     in memory as each term's extras, converted at encode and decode).
// Version 1 images (terms in order with vint-coded postings) are not read: decodeSegment answers null for them, as
// for any unknown version.
// Invariants: decode(encode(s)) answers the same searches and statistics as s before its deletions, and encodes to
// the same bytes again (fields in segment order, terms in the order the segment numbered them; nothing depends on
// hash order).
import { ByteReader } from './byte-reader'
import { FieldIndex } from './field-index'
import { TermDictionary } from './term-dictionary'
import { Segment } from './segment'

const MAGIC: u32 = 0x4745534c
const FORMAT_VERSION: u32 = 2

/** A buffer outside the managed heap of an exact size: u32 byte length, then the bytes (freed by the caller). */
class ImageWriter {
  private readonly ptr: usize
  private at: usize

  constructor(private readonly length: usize) {
    this.ptr = heap.alloc(4 + length)
    store<u32>(this.ptr, <u32>length)
    this.at = this.ptr + 4
  }

  private advance(bytes: usize): usize {
    const at = this.at
    this.at += bytes
    return at
  }

  u32(value: u32): void {
    store<u32>(this.advance(4), value)
  }

  i32(value: i32): void {
    store<i32>(this.advance(4), value)
  }

  i64(value: i64): void {
    store<i64>(this.advance(8), value)
  }

  f64(value: f64): void {
    store<f64>(this.advance(8), value)
  }

  u16(value: u16): void {
    store<u16>(this.advance(2), value)
  }

  u8(value: u8): void {
    store<u8>(this.advance(1), value)
  }

  /** `length` bytes from `address`. */
  copy(address: usize, length: usize): void {
    memory.copy(this.advance(length), address, length)
  }

  /** The first `count` i32 of an array. */
  words(array: StaticArray<i32>, count: i32): void {
    this.copy(changetype<usize>(array), (<usize>count) << 2)
  }

  string(value: string): void {
    const length = String.UTF8.byteLength(value)
    this.u32(<u32>length)
    String.UTF8.encodeUnsafe(changetype<usize>(value), value.length, this.advance(<usize>length))
  }

  finish(): usize {
    return this.ptr
  }
}

/** The image of a segment (layout above), in a result buffer that starts with its u32 byte length. */
export function encodeSegment(segment: Segment): usize {
  const names = segment.fields.keys()
  let length: usize = 20
  for (let f = 0; f < names.length; f++) {
    length += fieldLength(names[f], segment.fields.get(names[f]), segment.maxDoc)
  }
  const out = new ImageWriter(length)
  out.u32(MAGIC)
  out.u32(FORMAT_VERSION)
  out.i32(segment.generation)
  out.i32(segment.maxDoc)
  out.u32(names.length)
  for (let f = 0; f < names.length; f++) {
    out.string(names[f])
    encodeField(out, segment.fields.get(names[f]), segment.maxDoc)
  }
  return out.finish()
}

/** The width of a field's positions in the image: u8 positions are written as u16 (the layout has no u8). */
function imageShift(terms: TermDictionary): usize {
  return max<usize>(terms.buffers.positionShift, 1)
}

/** The bytes a field takes in the image. */
function fieldLength(name: string, field: FieldIndex, maxDoc: i32): usize {
  const docValues = field.docValues
  const terms = field.terms
  const words = 2 * docValues.size + 1 + 4 * terms.size + 3 + 2 * terms.entryCount + 1
  return (
    4 +
    <usize>String.UTF8.byteLength(name) +
    20 +
    <usize>maxDoc +
    8 +
    8 * <usize>docValues.values.length +
    20 +
    <usize>terms.termBytes.length +
    ((<usize>terms.positionCount) << imageShift(terms)) +
    4 * <usize>words
  )
}

function encodeField(out: ImageWriter, field: FieldIndex, maxDoc: i32): void {
  out.i32(field.docCount)
  out.i64(field.sumTotalTermFreq)
  out.i64(field.sumDocFreq)
  for (let d = 0; d < maxDoc; d++) out.u8(field.norms.get(d))
  const docValues = field.docValues
  const valueDocs = docValues.size
  out.u32(valueDocs)
  for (let i = 0; i < valueDocs; i++) out.i32(docValues.doc(i))
  for (let i = 0; i <= valueDocs; i++) out.i32(docValues.start(i))
  out.u32(docValues.values.length)
  for (let i = 0; i < docValues.values.length; i++) out.f64(docValues.values[i])
  const terms = field.terms
  const size = terms.size
  const buffers = terms.buffers
  out.u32(size)
  out.u32(terms.termBytes.length)
  out.u32(terms.entryCount)
  out.u32(terms.positionCount)
  out.u32(<u32>imageShift(terms))
  out.copy(changetype<usize>(terms.termBytes), <usize>terms.termBytes.length)
  out.words(terms.termStarts, size + 1)
  out.words(terms.entryStarts, size + 1)
  out.words(terms.positionStarts, size + 1)
  out.words(terms.sorted(), size)
  for (let e = 0; e < terms.entryCount; e++) out.i32(buffers.doc(e))
  for (let t = 0; t < size; t++) {
    const end = unchecked(terms.entryStarts[t + 1])
    for (let e = unchecked(terms.entryStarts[t]); e < end; e++) out.i32(terms.posStart(t, e))
  }
  out.i32(terms.positionCount)
  if (buffers.positionShift == imageShift(terms)) {
    out.copy(changetype<usize>(buffers.positions), (<usize>terms.positionCount) << buffers.positionShift)
  } else {
    for (let at = 0; at < terms.positionCount; at++) out.u16(<u16>buffers.position(at))
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

/** `count` i32 read into a new array of exactly that size. */
function readWords(reader: ByteReader, count: i32): StaticArray<i32> {
  const array = new StaticArray<i32>(count)
  memory.copy(changetype<usize>(array), reader.skip((<usize>count) << 2), (<usize>count) << 2)
  return array
}

function decodeField(reader: ByteReader, maxDoc: i32): FieldIndex {
  const field = new FieldIndex()
  field.docCount = reader.i32()
  field.sumTotalTermFreq = reader.i64()
  field.sumDocFreq = reader.i64()
  field.norms.copyFrom(reader.skip(<usize>maxDoc), maxDoc)
  // u32 n, n x i32 docs, (n + 1) x i32 starts, u32 valueCount, valueCount x f64: read as the documents were added
  const valueDocs = reader.i32()
  const docs = reader.skip(4 * <usize>valueDocs)
  const starts = reader.skip(4 * (<usize>valueDocs + 1))
  const valueCount = reader.i32()
  const values = reader.skip(8 * <usize>valueCount)
  const docValues = new Array<f64>()
  for (let i = 0; i < valueDocs; i++) {
    docValues.length = 0
    const end = load<i32>(starts + 4 * <usize>(i + 1))
    for (let v = load<i32>(starts + 4 * <usize>i); v < end; v++)
      docValues.push(load<f64>(values + 8 * <usize>v))
    field.docValues.addDocument(load<i32>(docs + 4 * <usize>i), docValues)
  }
  decodeTerms(reader, field.terms)
  return field
}

function decodeTerms(reader: ByteReader, terms: TermDictionary): void {
  const size = reader.i32()
  const byteCount = reader.i32()
  const entryCount = reader.i32()
  const positionCount = reader.i32()
  const positionShift = <usize>reader.u32()
  const termBytes = new StaticArray<u8>(byteCount)
  memory.copy(changetype<usize>(termBytes), reader.skip(<usize>byteCount), <usize>byteCount)
  terms.size = size
  terms.termBytes = termBytes
  terms.termStarts = readWords(reader, size + 1)
  terms.entryStarts = readWords(reader, size + 1)
  terms.positionStarts = readWords(reader, size + 1)
  const sorted = readWords(reader, size)
  const buffers = terms.buffers
  buffers.copyDocsFrom(reader.skip((<usize>entryCount) << 2), entryCount)
  const posStarts = reader.skip(4 * (<usize>entryCount + 1))
  buffers.copyPositionsFrom(
    reader.skip((<usize>positionCount) << positionShift),
    positionCount,
    positionShift,
  )
  terms.restored(sorted, posStarts)
}
