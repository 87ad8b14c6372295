/**
 * The exports of engine-wasm/build/index.wasm (source: engine-wasm/assembly/index/index.ts, which documents the
 * protocol) and the check that a loaded instance has them. Pointers, sizes, handles and counts are i32;
 * sumTotalTermFreq and sumDocFreq are f64 (exact below 2^53).
 */
export interface IndexExports {
  memory: WebAssembly.Memory
  alloc(size: number): number
  release(pointer: number): void
  newIndex(): number
  freeIndex(handle: number): void
  /** The index scores with Lucene's BM25Similarity, not Elasticsearch's LegacyBM25Similarity (bm25.ts). */
  useLuceneBm25(handle: number): void
  addDocuments(handle: number, batch: number): void
  deleteDocuments(handle: number, docIds: number, count: number): void
  /**
   * stats: 0, or the address of a statistics table (dfs-statistics.ts) to score with; total hits exact up to
   * totalHitsThreshold (2^31 - 1: always).
   */
  search(handle: number, program: number, k: number, stats: number, totalHitsThreshold: number): number
  count(handle: number, program: number): number
  explain(handle: number, program: number, docId: number, stats: number): number
  dfs(handle: number, program: number): number
  /** 0, or the address of the last search's or explain's function_score error (score-error.ts). */
  scoreError(): number
  fieldDocCount(handle: number, name: number, nameLength: number): number
  fieldSumTotalTermFreq(handle: number, name: number, nameLength: number): number
  fieldSumDocFreq(handle: number, name: number, nameLength: number): number
  docFreq(handle: number, name: number, nameLength: number, term: number, termLength: number): number
  /** Address of a result buffer (format in engine-wasm/assembly/index/fuzzy-terms.ts), released by the caller. */
  fuzzyTerms(
    handle: number,
    name: number,
    nameLength: number,
    term: number,
    termLength: number,
    maxEdits: number,
    prefixLength: number,
    transpositions: number,
  ): number
  /** Address of every term of a field (the fuzzyTerms format, edits 0), released by the caller. */
  fieldTerms(handle: number, name: number, nameLength: number): number
  /** Addresses of result buffers (format in engine-wasm/assembly/index/index.ts and inverted-index.ts). */
  segmentInfos(handle: number): number
  merge(handle: number, ordinals: number, count: number): number
  dropFullyDeleted(handle: number): number
  /** Segment images (format in engine-wasm/assembly/index/segment-codec.ts). */
  segmentImage(handle: number, ordinal: number): number
  segmentCounter(handle: number): number
  /** 1 when the image was appended, 0 when it is not of the supported format version. */
  loadSegment(handle: number, image: number): number
  advanceSegmentCounter(handle: number, counter: number): void
  intToByte4(value: number): number
  byte4ToInt(value: number): number
  /** Stored fields compression (engine-wasm/assembly/index/stored-fields-lz4.ts and stored-fields-huffman.ts). */
  storedFieldsLz4Begin(dictionary: number, length: number, maxRecord: number): void
  storedFieldsLz4(records: number, ends: number, count: number, out: number): number
  storedFieldsLz4End(): number
  storedFieldsHuffman(codes: number, lz4: number, ends: number, count: number, out: number): number
}

const FUNCTIONS = [
  'alloc',
  'release',
  'newIndex',
  'freeIndex',
  'useLuceneBm25',
  'addDocuments',
  'deleteDocuments',
  'search',
  'count',
  'explain',
  'dfs',
  'scoreError',
  'fieldDocCount',
  'fieldSumTotalTermFreq',
  'fieldSumDocFreq',
  'docFreq',
  'fuzzyTerms',
  'fieldTerms',
  'segmentInfos',
  'merge',
  'dropFullyDeleted',
  'segmentImage',
  'segmentCounter',
  'loadSegment',
  'advanceSegmentCounter',
  'intToByte4',
  'byte4ToInt',
  'storedFieldsLz4Begin',
  'storedFieldsLz4',
  'storedFieldsLz4End',
  'storedFieldsHuffman',
] as const satisfies readonly (keyof IndexExports)[]

/** Returns the instance's exports typed, or throws when index.wasm is not the module that was loaded. */
export function bindIndexExports(exports: WebAssembly.Exports): IndexExports {
  const missing: string[] = FUNCTIONS.filter((name) => typeof exports[name] !== 'function')
  if (exports['memory'] === undefined) missing.push('memory')
  if (missing.length > 0) throw new Error(`index.wasm is missing exports: ${missing.join(', ')}`)
  return exports as unknown as IndexExports
}
