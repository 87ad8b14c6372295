// The version 2 segment image, as stores written before version 3 hold it (segment-codec.ts reads its header and each
// field's statistics and norms, which both versions share, and this file the rest of each field). Never written.
// Per field, after the norms, little-endian, no padding:
//   u32 n, n x i32 doc-values docs (ascending), (n + 1) x i32 starts, u32 valueCount, valueCount x f64 values,
//   u32 termCount, u32 termBytes, u32 entryCount, u32 positionCount, u32 positionShift (1: u16 positions, 2: i32),
//   termBytes x u8 the terms' UTF-8 bytes, (termCount + 1) x i32 termStarts, (termCount + 1) x i32 entryStarts,
//   (termCount + 1) x i32 positionStarts, termCount x i32 the ordinals in term order, entryCount x i32 docs,
//   (entryCount + 1) x i32 posStarts (where each entry's positions start, then positionCount), positionCount x
//   (u16 or i32) positions.
// Loading narrows to the memory layout (postings.ts): 3-byte doc ids while they fit, u8 positions when all fit in a
// byte, the posStarts turned into each term's extras (work per posting), dense doc values when every document
// has exactly one value (as NumericDocValues would hold them), so the segment encodes as version 3 exactly as if
// it had been built in memory.
import { ByteReader } from './byte-reader'
import { NumericDocValues } from './doc-values'
import { TermDictionary } from './term-dictionary'

/** A field's doc values in the version 2 layout (above). */
export function decodeDocValuesV2(reader: ByteReader, docValues: NumericDocValues): void {
  const size = reader.i32()
  const docs = reader.skip(4 * <usize>size)
  const starts = reader.skip(4 * (<usize>size + 1))
  const valueCount = reader.i32()
  const values = reader.skip(8 * <usize>valueCount)
  let dense = size == valueCount
  for (let i = 0; dense && i < size; i++) dense = load<i32>(docs + 4 * <usize>i) == i
  docValues.restore(size, values, valueCount, dense ? 0 : docs, starts)
}

/**
 * The term index both versions share after their counts: the term bytes, then the term, entry and position
 * starts (size + 1 words each), set on `terms`; returns the sorted order (size words) that follows.
 */
export function decodeTermIndex(
  reader: ByteReader,
  terms: TermDictionary,
  size: i32,
  byteCount: i32,
): StaticArray<i32> {
  const termBytes = new StaticArray<u8>(byteCount)
  memory.copy(changetype<usize>(termBytes), reader.skip(<usize>byteCount), <usize>byteCount)
  terms.size = size
  terms.termBytes = termBytes
  terms.termStarts = reader.words(size + 1)
  terms.entryStarts = reader.words(size + 1)
  terms.positionStarts = reader.words(size + 1)
  return reader.words(size)
}

/** A field's terms and postings in the version 2 layout (above). */
export function decodeTermsV2(reader: ByteReader, terms: TermDictionary): void {
  const size = reader.i32()
  const byteCount = reader.i32()
  const entryCount = reader.i32()
  const positionCount = reader.i32()
  const positionShift = <usize>reader.u32()
  const sorted = decodeTermIndex(reader, terms, size, byteCount)
  const buffers = terms.buffers
  buffers.copyDocsFrom(reader.skip((<usize>entryCount) << 2), entryCount)
  const posStarts = reader.skip(4 * (<usize>entryCount + 1))
  buffers.copyPositionsFrom(
    reader.skip((<usize>positionCount) << positionShift),
    positionCount,
    positionShift,
  )
  terms.restoredFromPosStarts(sorted, posStarts)
}
