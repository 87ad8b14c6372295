// Segment: one Lucene segment of a shard's index: a FieldIndex per field name, its live-docs bitset, maxDoc (one more
// than the largest local doc id), delCount (documents marked deleted) and its generation (the number in its name,
// `_` + base 36). Local doc ids start at 0 in every segment; the index gives each segment a docBase so that a
// document's global id is docBase + local id (Lucene's LeafReaderContext.docBase).
// Document batch format (written by engine-wasm/src/index/document-batch.ts), little-endian words, strings as a
// u32 byte length + UTF-8 bytes; each field name and each (field, term) is written once per flush (the first batch
// that has it), numbered on from the flush's earlier batches, and tokens refer to them by ordinal:
//   u32 newFieldCount, newFieldCount x (string name, u32 termCount, u32 termBytes, u32 entries, u32 positions, u32
//   maxPosition, u32 valueCount (doc values), u32 extrasBytes (its terms' extras, term-dictionary.ts), i32 lastDocId:
//   what the field holds over the whole flush, which sizes its dictionary, doc values and norms exactly);
//   u32 newTermCount, newTermCount x (u32
//   field ordinal, string term, u32 docFreq, u32 totalTermFreq: the term's counts over the whole flush, which size
//   its postings exactly); u32 docCount, then per document: i32 docId, u32 fieldCount, then per field record:
//     u32 field ordinal, u32 flags (bit 0: the field has no norms), u32 numTerms (its tokens at a position after the
//     field's token before in the document: the norm's length; 0 when it has no token), u32 valueCount, valueCount x
//     f64;
//   zero to three zero bytes, so that what follows starts at an address that is a multiple of 4; then u32
//   recordCount and, per field record with tokens, in order, i32 field ordinal, i32 docId, u32 tokenCount; then
//   those records' tokens, record after record, each in the order analysed: i32 term ordinal within the field (its
//   terms are numbered 0, 1, ... in the order they are listed) with bit 31 set on the term's first token in the
//   document, i32 position (never negative); then room for as many words as the tokens take (token-sorter.ts writes
//   the sorted runs there).
// Fields are numbered in the order they first occur in the documents, so a segment's fields keep that order; every
// term listed occurs in at least one token.
// The tokens are sorted by (field, term) here (token-sorter.ts), and a term's ranges in every buffer follow the term
// before's (term-dictionary.ts), so a batch's postings are written in one forward sweep of each buffer, as Lucene's
// flush writes a field's postings term by term.
// Invariants: docIds arrive strictly ascending and at or above the segment's docBase (the wrapper checks), so
// postings stay sorted; a segment is written once (a flush or a merge) and afterwards only gains deletions.
// A field named twice in one document is indexed as one field holding both token lists, in position order.
import { ByteReader } from './byte-reader'
import { FieldIndex } from './field-index'
import { LiveDocs } from './live-docs'
import { reservedBytes } from './term-dictionary'
import { TokenSorter } from './token-sorter'

/** A field record's flag (format above). */
const NO_NORMS = 1

/**
 * At a flush's first batch, whose header lists `count` fields (read ahead from `reader`): makes the memory hold, at
 * once, what their dictionaries, doc values, norms and token sort counts will reserve, when that is more than the memory has. The allocator grows the memory
 * by exactly a request bigger than all of it (by doubling for a smaller one), so the flush then fills the free block
 * this leaves instead of doubling the memory as the dictionaries grow.
 */
function reserveFlush(reader: ByteReader, count: i32, docBase: i32): void {
  let bytes: usize = 0
  for (let f = 0; f < count; f++) {
    reader.skip(<usize>reader.i32())
    const header = FieldHeader.read(reader)
    bytes += reservedBytes(
      header.terms,
      header.termBytes,
      header.entries,
      header.positions,
      header.maxPosition,
      header.extras,
    )
    bytes += FieldIndex.reservedBytes(header.maxDoc(docBase), header.values)
    bytes += TokenSorter.reservedBytes(header.terms)
  }
  if (bytes > (<usize>memory.size()) << 16) heap.free(heap.alloc(bytes))
}

/** A field record's counts (format above), read after its name; both the flush's reservation and each batch read them. */
class FieldHeader {
  terms: i32 = 0
  termBytes: i32 = 0
  entries: i32 = 0
  positions: i32 = 0
  maxPosition: i32 = 0
  values: i32 = 0
  extras: i32 = 0
  lastDoc: i32 = 0

  static read(reader: ByteReader): FieldHeader {
    const header = new FieldHeader()
    header.terms = reader.i32()
    header.termBytes = reader.i32()
    header.entries = reader.i32()
    header.positions = reader.i32()
    header.maxPosition = reader.i32()
    header.values = reader.i32()
    header.extras = reader.i32()
    header.lastDoc = reader.i32()
    return header
  }

  /** How many local documents its norms cover in a segment whose first global doc id is docBase (none without postings). */
  maxDoc(docBase: i32): i32 {
    return this.entries > 0 ? this.lastDoc - docBase + 1 : 0
  }
}

export class Segment {
  readonly fields: Map<string, FieldIndex> = new Map<string, FieldIndex>()
  readonly liveDocs: LiveDocs = new LiveDocs()
  maxDoc: i32 = 0
  delCount: i32 = 0
  docBase: i32 = 0

  constructor(readonly generation: i32) {}

  /**
   * Flushes a batch (format above) into this segment, a new one or the one the previous batch of the same flush
   * filled; global docId d becomes local d - docBase. fields are the flush's by ordinal (empty for its first batch);
   * the batch's new ones are appended, and added to the flush's `sorter`.
   */
  addDocuments(reader: ByteReader, fields: Array<FieldIndex>, sorter: TokenSorter): void {
    const fieldCount = reader.i32()
    if (fields.length == 0) reserveFlush(new ByteReader(reader.skip(0)), fieldCount, this.docBase)
    for (let f = 0; f < fieldCount; f++) {
      const field = this.fieldOrAdd(reader.string())
      const header = FieldHeader.read(reader)
      field.terms.reserve(
        header.terms,
        header.termBytes,
        header.entries,
        header.positions,
        header.maxPosition,
      )
      field.terms.reserveExtras(header.extras)
      field.reserve(header.maxDoc(this.docBase), header.values)
      fields.push(field)
      sorter.addField(header.terms)
    }
    const termCount = reader.i32()
    for (let t = 0; t < termCount; t++) {
      const field = unchecked(fields[reader.i32()])
      const length = reader.i32()
      const bytes = reader.skip(<usize>length)
      const docFreq = reader.i32()
      field.terms.add(bytes, length, docFreq, reader.i32())
    }
    const started = new Array<FieldIndex>()
    const docCount = reader.i32()
    for (let d = 0; d < docCount; d++) {
      const local = reader.i32() - this.docBase
      const docFields = reader.i32()
      for (let f = 0; f < docFields; f++) {
        const field = unchecked(fields[reader.i32()])
        if (field.beginDocument(local, (reader.i32() & NO_NORMS) != 0)) started.push(field)
        field.addNumTerms(reader.i32())
        const valueCount = reader.i32()
        for (let v = 0; v < valueCount; v++) field.addValue(reader.f64())
      }
      for (let f = 0; f < started.length; f++) started[f].finishDocument()
      started.length = 0
      this.maxDoc = local + 1
    }
    reader.align4()
    const records = reader.i32()
    sorter.sort(reader.position, records, fields, this.docBase)
    for (let f = 0; f < fields.length; f++) unchecked(fields[f]).countPostings()
  }

  /** Marks a local document deleted; false when it already was. */
  delete(local: i32): bool {
    if (local < 0 || local >= this.maxDoc || !this.liveDocs.isLive(local)) return false
    this.liveDocs.delete(local)
    this.delCount++
    return true
  }

  field(name: string): FieldIndex | null {
    return this.fields.has(name) ? this.fields.get(name) : null
  }

  /**
   * Fills this segment being merged (SegmentMerger) with the live documents of `sources`, in that order: source i's
   * live local doc l becomes docMaps[i][l] here (-1 for a deleted one); its postings, norms and doc values follow,
   * deleted ones do not. Fields keep the order in which they first occur in the sources.
   */
  mergeFrom(sources: Array<Segment>, docMaps: Array<Int32Array>): void {
    for (let i = 0; i < sources.length; i++) {
      const names = sources[i].fields.keys()
      for (let f = 0; f < names.length; f++) this.fieldOrAdd(names[f])
    }
    const names = this.fields.keys()
    for (let f = 0; f < names.length; f++) {
      const fields = new Array<FieldIndex | null>(sources.length)
      for (let i = 0; i < sources.length; i++) fields[i] = sources[i].field(names[f])
      this.fields.get(names[f]).mergeFrom(fields, docMaps)
    }
  }

  private fieldOrAdd(name: string): FieldIndex {
    if (!this.fields.has(name)) this.fields.set(name, new FieldIndex())
    return this.fields.get(name)
  }
}
