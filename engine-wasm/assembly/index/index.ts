// The inverted index module's exports: the pointer/length protocol engine-wasm/src/index/index-engine.ts speaks.
// Indexes are named by handles (slots in `indexes`). Input buffers are allocated with `alloc` and released with
// `release` by the caller; so are result buffers returned by `search`, `explain` and `dfs`. Strings are UTF-8
// (pointer, byte length). No export keeps a pointer into a caller's buffer after it returns.
import { ByteReader } from './byte-reader'
import { DfsStatistics } from './dfs-statistics'
import { ExplainTrace } from './explain-trace'
import { InvertedIndex } from './inverted-index'
import { evaluate } from './query'
import { SearchContext } from './search-context'
import { collectTopDocs } from './top-docs-collector'

export { byte4ToInt, intToByte4 } from './small-float'

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
  return indexes.length - 1
}

export function freeIndex(handle: i32): void {
  indexes[handle] = null
}

export function addDocuments(handle: i32, batch: usize): void {
  indexAt(handle).addDocuments(new ByteReader(batch))
}

/** docIds: `count` little-endian i32 values. */
export function deleteDocuments(handle: i32, docIds: usize, count: i32): void {
  const index = indexAt(handle)
  for (let i = 0; i < count; i++) index.deleteDocument(load<i32>(docIds + 4 * <usize>i))
}

/** The index's search context; with a `stats` buffer (dfs-statistics.ts format) it scores with those statistics. */
function searchContext(handle: i32, stats: usize): SearchContext {
  const ctx = indexAt(handle).searchContext()
  if (stats != 0) ctx.global = DfsStatistics.read(new ByteReader(stats))
  return ctx
}

/** stats: 0 to score with the index's own statistics, else global ones (dfs_query_then_fetch). */
export function search(handle: i32, program: usize, k: i32, stats: usize): usize {
  return collectTopDocs(evaluate(searchContext(handle, stats), new ByteReader(program), 1), k)
}

/** The trace of one document's explanation (format in explain-trace.ts); released by the caller. */
export function explain(handle: i32, program: usize, docId: i32, stats: usize): usize {
  const ctx = searchContext(handle, stats)
  const trace = new ExplainTrace(docId)
  ctx.trace = trace
  evaluate(ctx, new ByteReader(program), 1)
  return trace.finish()
}

/** The DFS phase: the statistics the query's scoring weights ask for here (dfs-statistics.ts); released by the caller. */
export function dfs(handle: i32, program: usize): usize {
  const index = indexAt(handle)
  const ctx = index.searchContext()
  const collected = new DfsStatistics(index.maxDoc)
  ctx.dfs = collected
  evaluate(ctx, new ByteReader(program), 1)
  return collected.write()
}

export function count(handle: i32, program: usize): i32 {
  return evaluate(searchContext(handle, 0), new ByteReader(program), 1).length
}

/** -1 when no document has a token in the field (Lucene has no Terms for it). */
export function fieldDocCount(handle: i32, name: usize, nameLength: usize): i32 {
  const field = indexAt(handle).field(utf8(name, nameLength))
  return field == null || field.docCount == 0 ? -1 : field.docCount
}

export function fieldSumTotalTermFreq(handle: i32, name: usize, nameLength: usize): f64 {
  const field = indexAt(handle).field(utf8(name, nameLength))
  return field == null ? 0 : <f64>field.sumTotalTermFreq
}

export function fieldSumDocFreq(handle: i32, name: usize, nameLength: usize): f64 {
  const field = indexAt(handle).field(utf8(name, nameLength))
  return field == null ? 0 : <f64>field.sumDocFreq
}

export function docFreq(handle: i32, name: usize, nameLength: usize, term: usize, termLength: usize): i32 {
  const field = indexAt(handle).field(utf8(name, nameLength))
  if (field == null) return 0
  const postings = field.terms.get(utf8(term, termLength))
  return postings == null ? 0 : postings.docFreq
}
