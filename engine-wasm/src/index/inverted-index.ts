/**
 * InvertedIndex: the TypeScript face of one index inside index.wasm (one Elasticsearch shard: a list of Lucene
 * segments; every addDocuments call is flushed as a new segment, in bounded batches, merge and dropFullyDeletedSegments
 * rewrite them).
 * Each call serialises its whole input (a batch of documents, a query program, a list of docIds) into one buffer
 * in WASM memory, makes one call, copies the result out and releases both buffers; a query program of at most
 * PROGRAM_BUFFER_MAX bytes goes into a buffer the index keeps from one query to the next (freed with it), so a
 * search crosses into WASM for the search itself, its score error and the result's release only. No view of
 * `memory.buffer` outlives the method that made it: any call may grow the memory and detach older views.
 * Doc ids are global (segment docBase + local id) and follow a rewrite through the doc map it answers.
 * Documents come in as a flush (newFlush, filled document by document, then addFlush; addDocuments does both),
 * which checks them as they stream in (document-batch.ts): docIds are integers in [0, 2^31), strictly ascending and
 * at or above maxDoc; token positions are non-negative integers, non-decreasing within a field (Lucene rejects
 * negative increments).
 * A search during which a function_score raised one of Elasticsearch's scoring errors throws it as a
 * FunctionScoreError (score-error.ts), after releasing its buffers.
 */
import { ByteWriter } from './byte-writer.ts'
import { readDfsStatistics, writeDfsStatistics } from './dfs-statistics.ts'
import { FlushDictionary } from './document-batch.ts'
import { readExplainTrace, type ExplainedQuery } from './explained-query.ts'
import type { IndexExports } from './index-exports.ts'
import { encodeQuery, writeQuery } from './query-program.ts'
import { rewriteQuery } from './query-rewrite.ts'
import { expandSpanMultiTerms } from './span-multi-rewrite.ts'
import type { StoredFieldsCompressor } from './stored-fields-compressor.ts'
import { FunctionScoreError, readScoreError, type FunctionScoreFailure } from './score-error.ts'
import type {
  AnalyzedDocument,
  DfsStatistics,
  FieldStatistics,
  FuzzyTerm,
  IndexQuery,
  ScoreDoc,
  SegmentInfo,
  TopDocs,
} from './types.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder()
/**
 * Tokens per addDocuments buffer (16 bytes each, the token and room for its sorted run, plus the batch's records,
 * terms and documents): bounds WASM memory's peak. A flush's first batch grows the memory once by what the whole
 * flush reserves (segment.ts), so the memory it leaves is that plus the first batch's buffer: 1 << 15 leaves the
 * 100,000-document bench flush at 29.2 MiB (28.8 MiB with 1 << 16 batches of 4 to 8 bytes a token, when the batch
 * came sorted; 32 MiB with 15 << 14 batches and no reservation).
 */
const TOKENS_PER_BATCH = 1 << 15
/** The largest query program copied into the index's kept program buffer; a larger one gets a buffer of its own. */
const PROGRAM_BUFFER_MAX = 4 << 10

/**
 * A query program followed by its statistics table, in one buffer (a view of `writer`, emptied first, valid until
 * its next write); statsAt -1 without statistics.
 */
function programWithStatistics(
  writer: ByteWriter,
  query: IndexQuery,
  stats: DfsStatistics | null,
): { bytes: Uint8Array; statsAt: number } {
  writer.reset()
  writeQuery(writer, query)
  if (stats === null) return { bytes: writer.finish(), statsAt: -1 }
  const statsAt = writer.finish().length
  writeDfsStatistics(writer, stats)
  return { bytes: writer.finish(), statsAt }
}

export class InvertedIndex {
  private lastDocId = -1
  private freed = false
  /** Scratch for query programs: each is copied into WASM memory at once, so one writer serves every call. */
  private readonly program = new ByteWriter()
  /** The kept WASM buffer small query programs are copied into (0: none yet) and its size. */
  private programBuffer = 0
  private programCapacity = 0

  /**
   * `storedFieldsCompressor`: the engine's (IndexEngine), which the shard holding this index compresses its stored
   * fields with.
   */
  constructor(
    private readonly wasm: IndexExports,
    private readonly handle: number,
    readonly storedFieldsCompressor: StoredFieldsCompressor,
  ) {}

  addDocuments(docs: readonly AnalyzedDocument[]): void {
    const flush = this.newFlush()
    for (const doc of docs) flush.add(doc)
    this.addFlush(flush)
  }

  /** An empty flush for the documents after this index's last one; addFlush indexes it. */
  newFlush(): FlushDictionary {
    return new FlushDictionary(this.lastDocId)
  }

  /** Flushes `flush` (made by newFlush, with no addFlush since) into one new segment; nothing when it is empty. */
  addFlush(flush: FlushDictionary): void {
    if (flush.docCount === 0) return
    if (flush.firstDocId <= this.lastDocId) {
      throw new RangeError(
        `docId ${flush.firstDocId} must be an integer above ${this.lastDocId} and below 2^31`,
      )
    }
    if (this.freed) throw new Error('InvertedIndex used after free()')
    // Each batch is written straight into a WASM buffer of its exact size (allocated first: the allocation may
    // grow the memory; nothing runs in WASM while the batch is written), then indexed and released. The pointer
    // is read before the call: indexing may grow the memory, which detaches the batch's view (offset 0).
    const allocate = (size: number): Uint8Array => {
      const pointer = this.wasm.alloc(size)
      return new Uint8Array(this.wasm.memory.buffer, pointer >>> 0, size)
    }
    for (const batch of flush.batches(TOKENS_PER_BATCH, allocate)) {
      const pointer = batch.byteOffset
      try {
        this.wasm.addDocuments(this.handle, pointer)
      } finally {
        this.wasm.release(pointer)
      }
    }
    this.lastDocId = flush.lastAdded
  }

  deleteDocuments(docIds: readonly number[]): void {
    const ids = Int32Array.from(docIds)
    const bytes = new Uint8Array(ids.buffer)
    this.call(bytes, (pointer) => this.wasm.deleteDocuments(this.handle, pointer, ids.length))
  }

  /**
   * The top k documents. With `stats` (dfs_query_then_fetch's aggregated statistics) every term and field found
   * there scores with those numbers instead of this index's own. totalHits is exact when at most
   * totalHitsThreshold (track_total_hits) documents match; above it, it may stop short of the exact count but stays
   * above the threshold (Lucene's TopScoreDocCollector then skips documents that cannot enter the top k).
   */
  search(
    query: IndexQuery,
    k: number,
    stats: DfsStatistics | null = null,
    totalHitsThreshold = Infinity,
  ): TopDocs {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`)
    const threshold = Math.min(Math.max(totalHitsThreshold, 0), 0x7fffffff)
    const input = programWithStatistics(this.program, this.rewrite(query), stats)
    const result = this.query(input.bytes, (pointer) =>
      this.wasm.search(this.handle, pointer, k, input.statsAt < 0 ? 0 : pointer + input.statsAt, threshold),
    )
    try {
      this.throwScoreFailure()
      const view = new DataView(this.wasm.memory.buffer, result >>> 0)
      const totalHits = view.getUint32(0, true)
      const scoreDocs: ScoreDoc[] = []
      for (let i = 0, count = view.getUint32(4, true); i < count; i++) {
        scoreDocs.push({ docId: view.getInt32(8 + 8 * i, true), score: view.getFloat32(12 + 8 * i, true) })
      }
      return { totalHits, maxScore: scoreDocs[0]?.score ?? null, scoreDocs }
    } finally {
      this.wasm.release(result)
    }
  }

  /**
   * How document docId scores against the query, node by node of the rewritten query (Lucene's Weight.explain
   * numbers), with `stats` as in `search`. A document that is deleted or out of range matches nothing.
   */
  explain(query: IndexQuery, docId: number, stats: DfsStatistics | null = null): ExplainedQuery {
    if (!Number.isInteger(docId) || docId < 0 || docId > 0x7fffffff) {
      throw new RangeError(`docId must be an integer in [0, 2^31), got ${docId}`)
    }
    const rewritten = this.rewrite(query)
    const input = programWithStatistics(this.program, rewritten, stats)
    const result = this.query(input.bytes, (pointer) =>
      this.wasm.explain(this.handle, pointer, docId, input.statsAt < 0 ? 0 : pointer + input.statsAt),
    )
    return readExplainTrace(new DataView(this.resultBytes(result).buffer), rewritten)
  }

  /**
   * The DFS phase on this index: the term and collection statistics the query's scoring weights ask for, as
   * Elasticsearch's DfsPhase records them (terms a weight finds here, the fields of those weights).
   */
  dfs(query: IndexQuery): DfsStatistics {
    const program = encodeQuery(this.rewrite(query))
    const result = this.query(program, (pointer) => this.wasm.dfs(this.handle, pointer))
    return readDfsStatistics(new DataView(this.resultBytes(result).buffer))
  }

  /**
   * The documents the query matches. `raising` false drops the function_score error the count recorded: a part of a
   * query counted on its own (a profiled clause) meets documents its parent would never have asked it about.
   */
  count(query: IndexQuery, raising = true): number {
    const program = encodeQuery(this.rewrite(query))
    const count = this.query(program, (pointer) => this.wasm.count(this.handle, pointer))
    if (raising) this.throwScoreFailure()
    return count
  }

  fieldStatistics(field: string): FieldStatistics | null {
    const name = encoder.encode(field)
    return this.call(name, (pointer) => {
      const docCount = this.wasm.fieldDocCount(this.handle, pointer, name.length)
      if (docCount < 0) return null
      return {
        docCount,
        sumTotalTermFreq: this.wasm.fieldSumTotalTermFreq(this.handle, pointer, name.length),
        sumDocFreq: this.wasm.fieldSumDocFreq(this.handle, pointer, name.length),
      }
    })
  }

  docFreq(field: string, term: string): number {
    const name = encoder.encode(field)
    const termBytes = encoder.encode(term)
    const bytes = new Uint8Array(name.length + termBytes.length)
    bytes.set(name)
    bytes.set(termBytes, name.length)
    return this.call(bytes, (pointer) =>
      this.wasm.docFreq(this.handle, pointer, name.length, pointer + name.length, termBytes.length),
    )
  }

  /**
   * The field's distinct terms within maxEdits of `term` (restricted Damerau-Levenshtein distance when
   * `transpositions`, else Levenshtein, the first prefixLength code points equal), in code point order, each with
   * its distance and docFreq (as a FuzzyTermsEnum walk over the index's terms sees them).
   */
  fuzzyTerms(
    field: string,
    term: string,
    maxEdits: number,
    prefixLength: number,
    transpositions = true,
  ): FuzzyTerm[] {
    const name = encoder.encode(field)
    const termBytes = encoder.encode(term)
    const bytes = new Uint8Array(name.length + termBytes.length)
    bytes.set(name)
    bytes.set(termBytes, name.length)
    const result = this.call(bytes, (pointer) =>
      this.wasm.fuzzyTerms(
        this.handle,
        pointer,
        name.length,
        pointer + name.length,
        termBytes.length,
        maxEdits,
        prefixLength,
        transpositions ? 1 : 0,
      ),
    )
    return this.termList(result)
  }

  /** Every distinct term of the field over the segments, in code point order, with its docFreq (edits 0). */
  fieldTerms(field: string): FuzzyTerm[] {
    const name = encoder.encode(field)
    const result = this.call(name, (pointer) => this.wasm.fieldTerms(this.handle, pointer, name.length))
    return this.termList(result)
  }

  /** The segments in index order (Lucene's SegmentInfos, as a searcher sees them). */
  segments(): SegmentInfo[] {
    const result = this.call(new Uint8Array(0), () => this.wasm.segmentInfos(this.handle))
    try {
      const view = new DataView(this.wasm.memory.buffer, result >>> 0)
      const segments: SegmentInfo[] = []
      for (let i = 0, count = view.getUint32(0, true); i < count; i++) {
        const at = 4 + 16 * i
        const generation = view.getInt32(at, true)
        segments.push({
          name: `_${generation.toString(36)}`,
          generation,
          docBase: view.getInt32(at + 4, true),
          maxDoc: view.getInt32(at + 8, true),
          delCount: view.getInt32(at + 12, true),
        })
      }
      return segments
    } finally {
      this.wasm.release(result)
    }
  }

  /**
   * Merges the segments at these indexes (in segments()) into one new segment holding their live documents in
   * this order, placed where the first of them was. Answers the doc map: old global id → new one, -1 if dropped.
   */
  merge(ordinals: readonly number[]): Int32Array {
    const ids = Int32Array.from(ordinals)
    return this.docMap(
      this.call(new Uint8Array(ids.buffer), (pointer) => this.wasm.merge(this.handle, pointer, ids.length)),
    )
  }

  /** Drops the segments whose documents are all deleted (IndexWriter does at a flush); answers the doc map. */
  dropFullyDeletedSegments(): Int32Array {
    return this.docMap(this.call(new Uint8Array(0), () => this.wasm.dropFullyDeleted(this.handle)))
  }

  /**
   * The byte image of the segment at this index in segments() (a Lucene commit writes it once; format in
   * engine-wasm/assembly/index/segment-codec.ts). Deletions are not in it: segments() and the caller's live docs
   * carry them.
   */
  segmentImage(ordinal: number): Uint8Array {
    const count = this.segments().length
    if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= count) {
      throw new RangeError(`segment ${ordinal} out of range [0, ${count})`)
    }
    return this.resultBytes(this.call(new Uint8Array(0), () => this.wasm.segmentImage(this.handle, ordinal)))
  }

  /** The generation the next new segment gets (Lucene's SegmentInfos.counter). */
  get segmentCounter(): number {
    return this.wasm.segmentCounter(this.handle)
  }

  /** New segments are numbered from `counter` on, or higher (a restored commit's SegmentInfos.counter). */
  advanceSegmentCounter(counter: number): void {
    this.wasm.advanceSegmentCounter(this.handle, counter)
  }

  /**
   * Appends the segment an image holds after this index's segments, without deletions; answers false, adding
   * nothing, when the image is not of a format version this build reads (an older codec's). The image may come in
   * parts (in order, e.g. the chunks it was stored in): each is copied into the WASM buffer in place, with no joined
   * copy first.
   */
  loadSegment(image: Uint8Array | readonly Uint8Array[]): boolean {
    if (this.freed) throw new Error('InvertedIndex used after free()')
    const parts = image instanceof Uint8Array ? [image] : image
    const length = parts.reduce((sum, part) => sum + part.length, 0)
    // allocated first (the allocation may grow the memory), then every part written through one view
    const pointer = this.wasm.alloc(Math.max(length, 1))
    const target = new Uint8Array(this.wasm.memory.buffer, pointer >>> 0, length)
    let at = 0
    for (const part of parts) {
      target.set(part, at)
      at += part.length
    }
    try {
      if (this.wasm.loadSegment(this.handle, pointer) === 0) return false
    } finally {
      this.wasm.release(pointer)
    }
    this.followSegments()
    return true
  }

  /**
   * An independent copy of this index as it is now (a point-in-time reader: Lucene keeps a reader's segments, here
   * they are copied): every segment's image loaded into a new index of the same module, in order (so every doc id
   * stays the same), these global doc ids deleted, the segment counter kept. One WASM call per segment.
   */
  copy(deleted: readonly number[]): InvertedIndex {
    const copy = new InvertedIndex(this.wasm, this.wasm.newIndex(), this.storedFieldsCompressor)
    const count = this.segments().length
    for (let ordinal = 0; ordinal < count; ordinal++) copy.loadSegment(this.segmentImage(ordinal))
    copy.advanceSegmentCounter(this.segmentCounter)
    if (deleted.length > 0) copy.deleteDocuments(deleted)
    return copy
  }

  /**
   * A new empty index in the same module that scores with Lucene's own BM25Similarity, not Elasticsearch's
   * LegacyBM25Similarity (no (1 + k1) factor): a percolate query's in-memory index of its documents, as Lucene's
   * MemoryIndex and a plain IndexSearcher score.
   */
  luceneBm25Sibling(): InvertedIndex {
    const handle = this.wasm.newIndex()
    this.wasm.useLuceneBm25(handle)
    return new InvertedIndex(this.wasm, handle, this.storedFieldsCompressor)
  }

  free(): void {
    if (this.freed) return
    this.freed = true
    if (this.programBuffer !== 0) this.wasm.release(this.programBuffer)
    this.wasm.freeIndex(this.handle)
  }

  /** Copies out a doc map (u32 count, count x i32) and releases it; new documents then start at its maxDoc. */
  /** Reads (and releases) a term list buffer (format in engine-wasm/assembly/index/fuzzy-terms.ts). */
  private termList(result: number): FuzzyTerm[] {
    try {
      const view = new DataView(this.wasm.memory.buffer, result >>> 0)
      const out: FuzzyTerm[] = []
      let at = 4
      for (let i = view.getUint32(0, true); i > 0; i--) {
        const length = view.getUint32(at + 8, true)
        const text = decoder.decode(new Uint8Array(this.wasm.memory.buffer, (result >>> 0) + at + 12, length))
        out.push({ term: text, edits: view.getInt32(at, true), docFreq: view.getInt32(at + 4, true) })
        at += 12 + length
      }
      return out
    } finally {
      this.wasm.release(result)
    }
  }

  /** Lucene's rewrite of the query against this index: span_multi expanded to its terms, then rewriteQuery. */
  private rewrite(query: IndexQuery): IndexQuery {
    return rewriteQuery(expandSpanMultiTerms(query, this))
  }

  private docMap(result: number): Int32Array {
    try {
      const count = new DataView(this.wasm.memory.buffer, result >>> 0, 4).getUint32(0, true)
      const map = new Int32Array(
        this.wasm.memory.buffer.slice((result >>> 0) + 4, (result >>> 0) + 4 + 4 * count),
      )
      this.followSegments()
      return map
    } finally {
      this.wasm.release(result)
    }
  }

  /** After the segments changed (a rewrite or a load): new documents start at the new maxDoc. */
  private followSegments(): void {
    const last = this.segments().at(-1)
    this.lastDocId = last ? last.docBase + last.maxDoc - 1 : -1
  }

  /** Throws the function_score error the last search or count recorded (FunctionScoreError), if any. */
  private throwScoreFailure(): void {
    const record = this.wasm.scoreError()
    if (record === 0) return
    let failure: FunctionScoreFailure
    try {
      failure = readScoreError(new DataView(this.wasm.memory.buffer, record >>> 0))
    } finally {
      this.wasm.release(record)
    }
    throw new FunctionScoreError(failure)
  }

  /** Copies out a result buffer that starts with its u32 byte length, and releases it. */
  private resultBytes(result: number): Uint8Array {
    try {
      const length = new DataView(this.wasm.memory.buffer, result >>> 0, 4).getUint32(0, true)
      return new Uint8Array(this.wasm.memory.buffer, (result >>> 0) + 4, length).slice()
    } finally {
      this.wasm.release(result)
    }
  }

  /** Runs fn on the address of a query program copied into WASM memory: the kept program buffer when it fits. */
  private query<T>(program: Uint8Array, fn: (pointer: number) => T): T {
    if (program.length > PROGRAM_BUFFER_MAX) return this.call(program, fn)
    if (this.freed) throw new Error('InvertedIndex used after free()')
    if (program.length > this.programCapacity) {
      const capacity = Math.min(Math.max(program.length, 2 * this.programCapacity, 256), PROGRAM_BUFFER_MAX)
      if (this.programBuffer !== 0) this.wasm.release(this.programBuffer)
      this.programBuffer = 0
      this.programCapacity = 0
      this.programBuffer = this.wasm.alloc(capacity)
      this.programCapacity = capacity
    }
    new Uint8Array(this.wasm.memory.buffer, this.programBuffer >>> 0, program.length).set(program)
    return fn(this.programBuffer)
  }

  /** Copies input into a fresh WASM buffer, runs fn on its address, then releases the buffer. */
  private call<T>(input: Uint8Array, fn: (pointer: number) => T): T {
    if (this.freed) throw new Error('InvertedIndex used after free()')
    const pointer = this.wasm.alloc(Math.max(input.length, 1))
    new Uint8Array(this.wasm.memory.buffer, pointer >>> 0, input.length).set(input)
    try {
      return fn(pointer)
    } finally {
      this.wasm.release(pointer)
    }
  }
}
