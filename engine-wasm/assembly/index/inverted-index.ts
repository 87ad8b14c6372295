// InvertedIndex: one Elasticsearch shard's Lucene index: its segments in index order (Lucene's SegmentInfos), each
// with its docBase (the sum of the maxDocs before it), and the counter that names new segments.
//   - addDocuments flushes one batch into a new segment at the end (a refresh's flush), or into the last segment
//     when the batch continues the flush before it (a large flush comes in bounded batches): u32 continues (0 or
//     1), then the segment.ts format, whose field and term ordinals run over the whole flush;
//   - deleteDocument marks a global doc id deleted in the segment that holds it;
//   - merge rewrites some segments into one holding only their live documents, in the order given (the merge
//     policy's order), placed where the first of them was (SegmentInfos.applyMergeChanges), or dropped when it
//     holds no document; dropFullyDeleted drops segments whose documents are all deleted, as IndexWriter does.
// Both rewrites renumber global doc ids and answer the doc map: u32 oldMaxDoc, then oldMaxDoc x i32 (the new
// global id, -1 for a dropped document), in a buffer the caller releases.
// Invariant: segments[i].docBase = sum of maxDoc of segments[0 .. i); a generation is never reused.
import { ByteReader } from './byte-reader'
import { FieldIndex } from './field-index'
import { Segment } from './segment'
import { TokenSorter } from './token-sorter'

export class InvertedIndex {
  segments: Array<Segment> = new Array<Segment>()
  /** Whether it scores with Lucene's BM25Similarity rather than Elasticsearch's LegacyBM25Similarity (bm25.ts). */
  luceneBm25: bool = false
  private nextGeneration: i32 = 0
  // The current flush's fields by the ordinals its batches give them, and its batches' token sort.
  private flushFields: Array<FieldIndex> = new Array<FieldIndex>()
  private flushSorter: TokenSorter = new TokenSorter()

  get maxDoc(): i32 {
    const n = this.segments.length
    return n == 0 ? 0 : this.segments[n - 1].docBase + this.segments[n - 1].maxDoc
  }

  /** The generation the next new segment gets (Lucene's SegmentInfos.counter). */
  get counter(): i32 {
    return this.nextGeneration
  }

  addDocuments(reader: ByteReader): void {
    const n = this.segments.length
    if (reader.u32() != 0 && n > 0) {
      this.segments[n - 1].addDocuments(reader, this.flushFields, this.flushSorter)
      return
    }
    this.endFlush()
    const segment = new Segment(this.nextGeneration++)
    segment.docBase = this.maxDoc
    segment.addDocuments(reader, this.flushFields, this.flushSorter)
    this.segments.push(segment)
  }

  /** Appends a segment decoded from a commit (segment-codec.ts) after the others. */
  appendSegment(segment: Segment): void {
    segment.docBase = this.maxDoc
    this.segments.push(segment)
    this.advanceCounter(segment.generation + 1)
    this.endFlush()
  }

  /** New segments are numbered from `counter` on (a commit's SegmentInfos.counter), or higher. */
  advanceCounter(counter: i32): void {
    this.nextGeneration = max(this.nextGeneration, counter)
  }

  deleteDocument(docId: i32): void {
    const at = this.segmentOf(docId)
    if (at >= 0) this.segments[at].delete(docId - this.segments[at].docBase)
  }

  /** The index of the segment holding global doc docId, -1 when out of range. */
  segmentOf(docId: i32): i32 {
    let lo = 0
    let hi = this.segments.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const segment = this.segments[mid]
      if (docId < segment.docBase) hi = mid - 1
      else if (docId >= segment.docBase + segment.maxDoc) lo = mid + 1
      else return mid
    }
    return -1
  }

  /** Merges segments[ordinals[0]], segments[ordinals[1]], ... in that order; answers the doc map. */
  merge(ordinals: Array<i32>): usize {
    const merged = new Segment(this.nextGeneration++)
    const docMaps = new Map<i32, Int32Array>()
    const sources = new Array<Segment>()
    const maps = new Array<Int32Array>()
    for (let i = 0; i < ordinals.length; i++) {
      const source = this.segments[ordinals[i]]
      const docMap = new Int32Array(source.maxDoc)
      for (let local = 0; local < source.maxDoc; local++) {
        docMap[local] = source.liveDocs.isLive(local) ? merged.maxDoc++ : -1
      }
      sources.push(source)
      maps.push(docMap)
      docMaps.set(ordinals[i], docMap)
    }
    merged.mergeFrom(sources, maps)
    let first = i32.MAX_VALUE
    for (let i = 0; i < ordinals.length; i++) first = min(first, ordinals[i])
    return this.rewrite(docMaps, merged.maxDoc > 0 ? merged : null, first)
  }

  dropFullyDeleted(): usize {
    const docMaps = new Map<i32, Int32Array>()
    for (let i = 0; i < this.segments.length; i++) {
      const segment = this.segments[i]
      if (segment.maxDoc > 0 && segment.delCount == segment.maxDoc) {
        docMaps.set(i, new Int32Array(segment.maxDoc).fill(-1))
      }
    }
    return this.rewrite(docMaps, null, -1)
  }

  /**
   * Replaces the segments in docMaps (by index) with `merged` at index `at` (or with nothing) and answers the
   * global doc map; docMaps hold each replaced segment's local → merged local ids.
   */
  private rewrite(docMaps: Map<i32, Int32Array>, merged: Segment | null, at: i32): usize {
    const oldMaxDoc = this.maxDoc
    const out = heap.alloc(4 + 4 * <usize>oldMaxDoc)
    store<u32>(out, oldMaxDoc)
    const kept = new Array<Segment>()
    let docBase = 0
    let mergedBase = 0
    for (let i = 0; i < this.segments.length; i++) {
      const segment = this.segments[i]
      if (i == at && merged != null) {
        merged.docBase = docBase
        mergedBase = docBase
        docBase += merged.maxDoc
        kept.push(merged)
      }
      if (docMaps.has(i)) continue
      for (let local = 0; local < segment.maxDoc; local++) {
        store<i32>(out + 4 + 4 * <usize>(segment.docBase + local), docBase + local)
      }
      segment.docBase = docBase
      docBase += segment.maxDoc
      kept.push(segment)
    }
    const replaced = docMaps.keys()
    for (let r = 0; r < replaced.length; r++) {
      const segment = this.segments[replaced[r]]
      const docMap = docMaps.get(replaced[r])
      for (let local = 0; local < segment.maxDoc; local++) {
        const to = docMap[local]
        store<i32>(out + 4 + 4 * <usize>(segment.docBase + local), to < 0 ? -1 : mergedBase + to)
      }
    }
    this.segments = kept
    // A rewrite ends the flush: its ordinals no longer hold postings of dropped segments alive.
    this.endFlush()
    return out
  }

  /** Forgets the current flush's ordinals: the next batch that does not continue a flush starts one. */
  private endFlush(): void {
    this.flushFields = new Array<FieldIndex>()
    this.flushSorter = new TokenSorter()
  }
}
