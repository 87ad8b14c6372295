// The inverted index module's exports: the pointer/length protocol engine-wasm/src/index/index-engine.ts speaks.
// Indexes are named by handles (slots in `indexes`); every doc id crossing here is global (segment docBase + local). Input buffers are allocated with `alloc` and released with
// `release` by the caller; so are result buffers returned by `search`, `explain`, `dfs` and `scoreError` (whose doc
// id alone is segment-local, as Elasticsearch's message prints Lucene's leaf doc id). Strings are UTF-8
// (pointer, byte length). No export keeps a pointer into a caller's buffer after it returns.
// Every export that allocates managed objects ends in a safe point (safe-points.ts), the only place the GC runs.
import { useLegacyBoost } from './bm25'
import { ByteReader } from './byte-reader'
import { DocScores } from './doc-scores'
import { DfsStatistics } from './dfs-statistics'
import { ExplainTrace } from './explain-trace'
import { InvertedIndex } from './inverted-index'
import { evaluate, phraseMatches } from './query'
import { clearScoreError, pendingScoreError } from './score-error'
import { SearchContext } from './search-context'
import { Segment } from './segment'
import { searchTermDisjunction } from './max-score'
import { decodeSegment, encodeSegment } from './segment-codec'
import { allocated, collectAtSafePoint, safePoint } from './safe-points'
import { TopScoreDocCollector } from './top-docs-collector'
import { writeFieldTerms, writeFuzzyTerms } from './fuzzy-terms'

export { byte4ToInt, intToByte4 } from './small-float'
export { storedFieldsLz4Begin, storedFieldsLz4, storedFieldsLz4End } from './stored-fields-lz4'
export { storedFieldsHuffman } from './stored-fields-huffman'

const PHRASE: u32 = 2
const indexes = new Array<InvertedIndex | null>()

function indexAt(handle: i32): InvertedIndex {
  return indexes[handle]!
}

function utf8(ptr: usize, length: usize): string {
  return String.UTF8.decodeUnsafe(ptr, length)
}

export function alloc(size: usize): usize {
  return heap.alloc(size)
}

export function release(ptr: usize): void {
  heap.free(ptr)
}

export function newIndex(): i32 {
  indexes.push(new InvertedIndex())
  safePoint()
  return indexes.length - 1
}

/** Scores the index with Lucene's BM25Similarity, not Elasticsearch's LegacyBM25Similarity (bm25.ts). */
export function useLuceneBm25(handle: i32): void {
  indexAt(handle).luceneBm25 = true
}

export function freeIndex(handle: i32): void {
  indexes[handle] = null
  collectAtSafePoint()
  safePoint()
}

export function addDocuments(handle: i32, batch: usize): void {
  const reader = new ByteReader(batch)
  indexAt(handle).addDocuments(reader)
  // A flush's batches fill buffers reserved at their exact final size (its first batch reserves the memory for all
  // of them, segment.ts), so memory's high-water mark is the flush's live bytes plus one batch and its garbage:
  // collected at once, never left to pile up over the next batches (few objects: a collection costs far less than
  // the batch).
  collectAtSafePoint()
  safePoint()
}

/** docIds: `count` little-endian i32 values. */
export function deleteDocuments(handle: i32, docIds: usize, count: i32): void {
  const index = indexAt(handle)
  for (let i = 0; i < count; i++) index.deleteDocument(load<i32>(docIds + 4 * <usize>i))
  safePoint()
}

/** A search context over the index's segments; with a `stats` buffer (dfs-statistics.ts) it scores with those. */
function searchContext(handle: i32, stats: usize): SearchContext {
  clearScoreError()
  const index = indexAt(handle)
  useLegacyBoost(!index.luceneBm25)
  const ctx = new SearchContext(index.segments, index.maxDoc)
  if (stats != 0) ctx.global = DfsStatistics.read(new ByteReader(stats))
  return ctx
}

/**
 * Evaluates the program on every segment in order (each with its docBase, as IndexSearcher searches its leaves)
 * and concatenates the matches as global doc ids, ascending.
 */
function evaluateAll(ctx: SearchContext, program: usize): DocScores {
  const all = new DocScores()
  for (let s = 0; s < ctx.segments.length; s++) {
    const segment = ctx.segments[s]
    ctx.segment = segment
    const matches = evaluate(ctx, new ByteReader(program), 1)
    for (let i = 0; i < matches.length; i++) all.push(segment.docBase + matches.docs[i], matches.scores[i])
  }
  return all
}

/**
 * The top k (format in top-docs-collector.ts). stats: 0 to score with the index's own statistics, else global ones
 * (dfs_query_then_fetch). Total hits are exact up to totalHitsThreshold, above it they may stop short of the exact
 * count (still above the threshold). A term or a disjunction of terms skips what cannot compete (max-score.ts); a
 * phrase's matches go straight to the collector; any other query is evaluated whole per segment. Those two count
 * exactly.
 */
export function search(handle: i32, program: usize, k: i32, stats: usize, totalHitsThreshold: i32): usize {
  const ctx = searchContext(handle, stats)
  // there are never more hits than documents: the collector's heap is no larger
  const size = min(k, indexAt(handle).maxDoc)
  const top = searchTermDisjunction(ctx, program, size, totalHitsThreshold)
  if (top != null) {
    const out = top.write()
    safePoint()
    return out
  }
  const collector = TopScoreDocCollector.start(size, i32.MAX_VALUE, -1)
  for (let s = 0; s < ctx.segments.length; s++) {
    const segment = ctx.segments[s]
    ctx.segment = segment
    collector.docBase = segment.docBase
    const reader = new ByteReader(program)
    if (reader.u32() == PHRASE) {
      phraseMatches(ctx, reader, 1, collector)
      continue
    }
    const matches = evaluate(ctx, new ByteReader(program), 1)
    for (let i = 0; i < matches.length; i++) collector.push(matches.docs[i], matches.scores[i])
  }
  const out = collector.write()
  safePoint()
  return out
}

/** The trace of one document's explanation (format in explain-trace.ts); released by the caller. */
export function explain(handle: i32, program: usize, docId: i32, stats: usize): usize {
  const ctx = searchContext(handle, stats)
  const index = indexAt(handle)
  const at = index.segmentOf(docId)
  // a document out of range is explained against an empty segment: it matches nothing
  if (at >= 0) ctx.segment = index.segments[at]
  else ctx.segment = new Segment(-1)
  const trace = new ExplainTrace(at >= 0 ? docId - ctx.segment.docBase : docId)
  ctx.trace = trace
  evaluate(ctx, new ByteReader(program), 1)
  const out = trace.finish()
  safePoint()
  return out
}

/**
 * The error a function_score raised during the last search (format in score-error.ts), or 0 when none;
 * released by the caller.
 */
export function scoreError(): usize {
  const error = pendingScoreError()
  // without an error nothing is allocated: no safe point (its estimate would make searches collect twice as often)
  if (error == null) return 0
  const out = error.write()
  safePoint()
  return out
}

/** The DFS phase: the statistics the query's scoring weights ask for here (dfs-statistics.ts); released by the caller. */
export function dfs(handle: i32, program: usize): usize {
  const ctx = searchContext(handle, 0)
  const collected = new DfsStatistics(indexAt(handle).maxDoc)
  ctx.dfs = collected
  evaluateAll(ctx, program)
  const out = collected.write()
  safePoint()
  return out
}

export function count(handle: i32, program: usize): i32 {
  // A count collects no scores (TotalHitCountCollector): only what must score to match (a min_score) scores.
  const ctx = searchContext(handle, 0)
  ctx.scoring = false
  const total = evaluateAll(ctx, program).length
  safePoint()
  return total
}

/** -1 when no document has a token in the field (Lucene has no Terms for it). */
export function fieldDocCount(handle: i32, name: usize, nameLength: usize): i32 {
  const stats = searchContext(handle, 0).collectionStatistics(utf8(name, nameLength))
  const docCount = stats == null || stats.docCount == 0 ? -1 : <i32>stats.docCount
  safePoint()
  return docCount
}

export function fieldSumTotalTermFreq(handle: i32, name: usize, nameLength: usize): f64 {
  const stats = searchContext(handle, 0).collectionStatistics(utf8(name, nameLength))
  const sum = stats == null ? 0 : <f64>stats.sumTotalTermFreq
  safePoint()
  return sum
}

export function fieldSumDocFreq(handle: i32, name: usize, nameLength: usize): f64 {
  const stats = searchContext(handle, 0).collectionStatistics(utf8(name, nameLength))
  const sum = stats == null ? 0 : <f64>stats.sumDocFreq
  safePoint()
  return sum
}

export function docFreq(handle: i32, name: usize, nameLength: usize, term: usize, termLength: usize): i32 {
  const states = searchContext(handle, 0).indexTermStates(utf8(name, nameLength), utf8(term, termLength))
  const docFreq = states == null ? 0 : <i32>states.docFreq
  safePoint()
  return docFreq
}

/** The field's terms within maxEdits of the term, with their docFreqs (fuzzy-terms.ts); released by the caller. */
export function fuzzyTerms(
  handle: i32,
  name: usize,
  nameLength: usize,
  term: usize,
  termLength: usize,
  maxEdits: i32,
  prefixLength: i32,
  transpositions: i32,
): usize {
  const ctx = searchContext(handle, 0)
  const word = utf8(term, termLength)
  const out = writeFuzzyTerms(ctx, utf8(name, nameLength), word, maxEdits, prefixLength, transpositions != 0)
  safePoint()
  return out
}

/** Every term of a field over the segments (same result format as fuzzyTerms, edits 0). */
export function fieldTerms(handle: i32, name: usize, nameLength: usize): usize {
  const out = writeFieldTerms(searchContext(handle, 0), utf8(name, nameLength))
  safePoint()
  return out
}

/**
 * The segments, in index order: u32 count, then count x (i32 generation, i32 docBase, i32 maxDoc, i32 delCount),
 * in a buffer the caller releases.
 */
export function segmentInfos(handle: i32): usize {
  const segments = indexAt(handle).segments
  const out = heap.alloc(4 + 16 * <usize>segments.length)
  store<u32>(out, segments.length)
  for (let i = 0; i < segments.length; i++) {
    const at = out + 4 + 16 * <usize>i
    store<i32>(at, segments[i].generation)
    store<i32>(at, segments[i].docBase, 4)
    store<i32>(at, segments[i].maxDoc, 8)
    store<i32>(at, segments[i].delCount, 12)
  }
  return out
}

/** Merges the segments at these `count` i32 indexes, in that order; answers the doc map (inverted-index.ts). */
export function merge(handle: i32, ordinals: usize, count: i32): usize {
  const list = new Array<i32>(count)
  for (let i = 0; i < count; i++) list[i] = load<i32>(ordinals + 4 * <usize>i)
  const docMap = indexAt(handle).merge(list)
  collectAtSafePoint()
  safePoint()
  return docMap
}

/** Drops the segments whose documents are all deleted; answers the doc map (inverted-index.ts). */
export function dropFullyDeleted(handle: i32): usize {
  const docMap = indexAt(handle).dropFullyDeleted()
  collectAtSafePoint()
  safePoint()
  return docMap
}

/** The image of the segment at this index (format in segment-codec.ts), u32 length first; released by the caller. */
export function segmentImage(handle: i32, ordinal: i32): usize {
  const image = encodeSegment(indexAt(handle).segments[ordinal])
  // the terms sorted for the image: about as many bytes as the image
  allocated(<usize>load<u32>(image))
  safePoint()
  return image
}

/** The generation the index's next new segment gets (SegmentInfos.counter). */
export function segmentCounter(handle: i32): i32 {
  return indexAt(handle).counter
}

/**
 * Appends the segment an image holds (segment-codec.ts) after the index's segments; answers 0 when the image is
 * not of this format version (nothing is appended).
 */
export function loadSegment(handle: i32, image: usize): i32 {
  const segment = decodeSegment(image)
  if (segment == null) return 0
  indexAt(handle).appendSegment(segment)
  // decoding leaves garbage in proportion to the image, whose length is not passed: collect now (loads are rare)
  collectAtSafePoint()
  safePoint()
  return 1
}

/** New segments of the index are numbered from `counter` on, or higher (a commit's SegmentInfos.counter). */
export function advanceSegmentCounter(handle: i32, counter: i32): void {
  indexAt(handle).advanceCounter(counter)
}
