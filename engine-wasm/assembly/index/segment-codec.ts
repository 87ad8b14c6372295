// SegmentCodec: the byte image of one Segment as a Lucene commit stores it (Lucene writes a segment's files once, at
// its flush or merge, and never rewrites them; here one image holds what its .tim/.doc/.pos/.nvd/.dvd files would).
// Live docs are not part of the image: they change after the segment is written, so the commit point carries them
// (Lucene's .liv, written per commit) and the loader deletes those documents again after decoding.
// The image is the memory layout: a field's dictionary, postings and doc values are its buffers (term-dictionary.ts,
// postings.ts, doc-values.ts) one after another at the widths memory holds them, so a load is bulk copies into
// buffers of exactly the right size, with work per term (the extras' addresses) but none per posting or document.
// Byte layout, little-endian, no padding; a string is a u32 UTF-8 byte length followed by the bytes:
//   u32 magic 0x4745534c ("LSEG"), u32 format version (3), i32 generation, i32 maxDoc, u32 fieldCount, then per field
//   in the segment's field order:
//     string name, i32 docCount, i64 sumTotalTermFreq, i64 sumDocFreq (Lucene's field statistics, deleted documents
//     included as Lucene counts them), maxDoc x u8 norms (0: no token in the field),
//     u32 n (documents with values), u32 valueCount, u32 dense (1: entry i is document i with value i, and no docs or
//     starts follow), valueCount x f64 values, then unless dense n x i32 docs (ascending), (n + 1) x i32 starts,
//     u32 termCount, u32 termBytes, u32 entryCount, u32 positionCount, u32 docWidth (3 or 4), u32 positionShift (0: u8
//     positions, 1: u16, 2: i32), u32 extrasBytes,
//     termBytes x u8 the terms' UTF-8 bytes, (termCount + 1) x i32 termStarts, (termCount + 1) x i32 entryStarts,
//     (termCount + 1) x i32 positionStarts, termCount x i32 the ordinals in term order, entryCount x docWidth bytes
//     docs, extrasBytes bytes every term's extras in ordinal order, positionCount << positionShift bytes positions
//     (each as term-dictionary.ts and postings.ts define it, without the slack bytes memory keeps after a buffer).
// Version 2 images (i32 docs and posStarts, u16 or i32 positions; segment-codec-v2.ts) are still read, and narrowed
// to the memory layout as they load. Version 1 images (terms in order with vint-coded postings) are not: decodeSegment
// answers null for them, as for any unknown version.
// Invariants: decode(encode(s)) answers the same searches and statistics as s before its deletions, and encodes to
// the same bytes again (fields in segment order, terms in the order the segment numbered them; nothing depends on
// hash order); a version 2 image of s decodes to a segment that encodes as s does.
import { ByteReader } from './byte-reader'
import { NumericDocValues } from './doc-values'
import { FieldIndex } from './field-index'
import { extrasBytes, TermDictionary } from './term-dictionary'
import { Segment } from './segment'
import { decodeDocValuesV2, decodeTermIndex, decodeTermsV2 } from './segment-codec-v2'

const MAGIC: u32 = 0x4745534c
const FORMAT_VERSION: u32 = 3
const FORMAT_VERSION_2: u32 = 2

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

/** The bytes of every term's extras. */
function extrasLength(terms: TermDictionary): usize {
  let bytes: usize = 0
  for (let t = 0; t < terms.size; t++) bytes += <usize>extrasBytes(terms.docFreq(t), terms.totalTermFreq(t))
  return bytes
}

/** The bytes a field takes in the image. */
function fieldLength(name: string, field: FieldIndex, maxDoc: i32): usize {
  const docValues = field.docValues
  const terms = field.terms
  const buffers = terms.buffers
  const valueWords = docValues.dense ? 0 : 2 * docValues.size + 1
  return (
    4 +
    <usize>String.UTF8.byteLength(name) +
    20 +
    <usize>maxDoc +
    12 +
    8 * <usize>docValues.values.length +
    4 * <usize>valueWords +
    28 +
    <usize>terms.termBytes.length +
    4 * (4 * <usize>terms.size + 3) +
    <usize>terms.entryCount * buffers.docWidth +
    extrasLength(terms) +
    ((<usize>terms.positionCount) << buffers.positionShift)
  )
}

function encodeField(out: ImageWriter, field: FieldIndex, maxDoc: i32): void {
  out.i32(field.docCount)
  out.i64(field.sumTotalTermFreq)
  out.i64(field.sumDocFreq)
  for (let d = 0; d < maxDoc; d++) out.u8(field.norms.get(d))
  encodeDocValues(out, field.docValues)
  const terms = field.terms
  const size = terms.size
  const buffers = terms.buffers
  out.u32(size)
  out.u32(terms.termBytes.length)
  out.u32(terms.entryCount)
  out.u32(terms.positionCount)
  out.u32(<u32>buffers.docWidth)
  out.u32(<u32>buffers.positionShift)
  out.u32(<u32>extrasLength(terms))
  out.copy(changetype<usize>(terms.termBytes), <usize>terms.termBytes.length)
  out.words(terms.termStarts, size + 1)
  out.words(terms.entryStarts, size + 1)
  out.words(terms.positionStarts, size + 1)
  out.words(terms.sorted(), size)
  out.copy(changetype<usize>(buffers.docs), <usize>terms.entryCount * buffers.docWidth)
  for (let t = 0; t < size; t++)
    out.copy(terms.extrasAddress(t), <usize>extrasBytes(terms.docFreq(t), terms.totalTermFreq(t)))
  out.copy(changetype<usize>(buffers.positions), (<usize>terms.positionCount) << buffers.positionShift)
}

function encodeDocValues(out: ImageWriter, docValues: NumericDocValues): void {
  const size = docValues.size
  const values = docValues.values
  out.u32(size)
  out.u32(values.length)
  out.u32(docValues.dense ? 1 : 0)
  out.copy(values.dataStart, (<usize>values.length) << 3)
  if (docValues.dense) return
  for (let i = 0; i < size; i++) out.i32(docValues.doc(i))
  for (let i = 0; i <= size; i++) out.i32(docValues.start(i))
}

/**
 * The segment an image holds (version 3, or 2), without deletions; null when the bytes are not an image of a format
 * version this build reads.
 */
export function decodeSegment(image: usize): Segment | null {
  const reader = new ByteReader(image)
  if (reader.u32() != MAGIC) return null
  const version = reader.u32()
  if (version != FORMAT_VERSION && version != FORMAT_VERSION_2) return null
  const segment = new Segment(reader.i32())
  segment.maxDoc = reader.i32()
  const fieldCount = reader.i32()
  for (let f = 0; f < fieldCount; f++) {
    const name = reader.string()
    const field = new FieldIndex()
    field.docCount = reader.i32()
    field.sumTotalTermFreq = reader.i64()
    field.sumDocFreq = reader.i64()
    field.norms.copyFrom(reader.skip(<usize>segment.maxDoc), segment.maxDoc)
    if (version == FORMAT_VERSION) {
      decodeDocValues(reader, field.docValues)
      decodeTerms(reader, field.terms)
    } else {
      decodeDocValuesV2(reader, field.docValues)
      decodeTermsV2(reader, field.terms)
    }
    segment.fields.set(name, field)
  }
  return segment
}

function decodeDocValues(reader: ByteReader, docValues: NumericDocValues): void {
  const size = reader.i32()
  const valueCount = reader.i32()
  const dense = reader.u32() != 0
  const values = reader.skip((<usize>valueCount) << 3)
  if (dense) {
    docValues.restore(size, values, valueCount, 0, 0)
  } else {
    const docs = reader.skip((<usize>size) << 2)
    docValues.restore(size, values, valueCount, docs, reader.skip((<usize>size + 1) << 2))
  }
}

function decodeTerms(reader: ByteReader, terms: TermDictionary): void {
  const size = reader.i32()
  const byteCount = reader.i32()
  const entryCount = reader.i32()
  const positionCount = reader.i32()
  const docWidth = <usize>reader.u32()
  const positionShift = <usize>reader.u32()
  const extrasByteCount = reader.i32()
  const sorted = decodeTermIndex(reader, terms, size, byteCount)
  const docs = reader.skip(<usize>entryCount * docWidth)
  const extras = reader.skip(<usize>extrasByteCount)
  const positions = reader.skip((<usize>positionCount) << positionShift)
  terms.buffers.restore(docs, entryCount, docWidth, positions, positionCount, positionShift)
  terms.restoredFromExtras(sorted, extras, extrasByteCount)
}
