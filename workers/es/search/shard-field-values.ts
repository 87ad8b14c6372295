/**
 * A shard's documents' first field values as ES's bytes doc values give them (IndexFieldData.load(...)
 * .getBytesValues(), for random_score): keyword terms as they are; long, integer, short, byte and date
 * values by Long.toString, boolean ones as 1 / 0; double, float and half_float by Double.toString of the
 * (widened) double; `_id` the document's id; `_seq_no` its sequence number. The documents are the live ones
 * of the searcher's segments, by doc id; a field without doc values (text) has no values. Scripts read the same
 * doc values, the live documents and an inner query's matches with their scores; more_like_this reads the shard's
 * live document count and its terms' docFreq; knn searches read a dense_vector field's vectors, decoded from its packed
 * doc values into one Float32Array for the shard.
 */
import type { IndexQuery } from '../../../engine-wasm/src/index/index.ts'
import type { Mapping } from '../index/mapper/mapping.ts'
import type { StoredDocument } from '../index/shard/index-shard.ts'
import type { ShardSearcher } from '../index/shard/shard-searcher.ts'
import { javaDoubleToString } from '../xcontent/index.ts'
import type { DocValuesSource } from './aggregations/index.ts'
import { shardDocValues, type DocValuesIndex } from './doc-values-source.ts'
import type { ShardFieldValues, ShardScripting } from './queries/query-parsing.ts'
import { denseVectorElements } from '../index/mapper/dense-vector-values.ts'

function liveDocuments(shard: ShardSearcher): Array<[number, StoredDocument, number]> {
  const out: Array<[number, StoredDocument, number]> = []
  for (const { docBase, maxDoc } of shard.searcherIndex.segments()) {
    for (let docId = docBase; docId < docBase + maxDoc; docId++) {
      const stored = shard.searchedDocument(docId)
      if (stored !== undefined) out.push([docId, stored, docId - docBase])
    }
  }
  return out
}

function scripting(shard: ShardSearcher, docValues: DocValuesSource): ShardScripting {
  return {
    docValues,
    liveDocs: () =>
      liveDocuments(shard).map(([docId, stored, segmentDocId]) => ({ docId, id: stored.id, segmentDocId })),
    matches(query) {
      // Every match fits in the searcher's document count (deleted ones included); no walk over the documents.
      const maxDoc = shard.searcherIndex.segments().reduce((sum, segment) => sum + segment.maxDoc, 0)
      if (maxDoc === 0) return new Map()
      return new Map(shard.searcherIndex.search(query, maxDoc).scoreDocs.map((doc) => [doc.docId, doc.score]))
    },
  }
}

/**
 * Built for every shard search, so it costs nothing until random_score asks for values: one object, no closures,
 * its doc values source built when first asked (its per-field lookups are cached).
 */
class SearcherFieldValues implements ShardFieldValues {
  readonly id: number
  private docValues: DocValuesSource | null = null

  constructor(
    private readonly shard: ShardSearcher,
    private readonly mapping: Mapping,
    private readonly index: DocValuesIndex,
  ) {
    this.id = shard.shardId
  }

  bytesValues(field: string): ReadonlyMap<number, string> | null {
    const docValues = this.docValuesSource()
    const docs = liveDocuments(this.shard)
    if (field === '_id') return new Map(docs.map(([docId, stored]) => [docId, stored.id]))
    if (field === '_seq_no') return new Map(docs.map(([docId, stored]) => [docId, String(stored.seqNo)]))
    const info = docValues.field(field)
    if (info === null) return null
    const out = new Map<number, string>()
    for (const [docId] of docs) {
      const first = docValues.values(field, docId)[0]
      if (first === undefined) continue
      out.set(
        docId,
        typeof first === 'number' && info.type === 'double' ? javaDoubleToString(first) : String(first),
      )
    }
    return out
  }

  scripting(): ShardScripting {
    return scripting(this.shard, this.docValuesSource())
  }

  termStatistics(terms: ReadonlyArray<{ field: string; term: string }>): {
    numDocs: number
    docFreqs: number[]
  } {
    const searcher = this.shard.searcherIndex
    const numDocs = searcher.segments().reduce((sum, segment) => sum + segment.maxDoc - segment.delCount, 0)
    if (terms.length === 0) return { numDocs, docFreqs: [] }
    const found = new Map(
      searcher.dfs(termStatisticsQuery(terms)).terms.map((t) => [`${t.field}\u0000${t.term}`, t.docFreq]),
    )
    return { numDocs, docFreqs: terms.map(({ field, term }) => found.get(`${field}\u0000${term}`) ?? 0) }
  }

  denseVectors(field: string, dims: number): { docIds: Int32Array; vectors: Float32Array } {
    const docValues = this.docValuesSource()
    const docs = liveDocuments(this.shard)
    const docIds: number[] = []
    const vectors = new Float32Array(docs.length * dims)
    for (const [docId] of docs) {
      const words = docValues.values(field, docId) as readonly number[]
      if (words.length !== dims) continue
      vectors.set(denseVectorElements(words), docIds.length * dims)
      docIds.push(docId)
    }
    return { docIds: Int32Array.from(docIds), vectors: vectors.subarray(0, docIds.length * dims) }
  }

  private docValuesSource(): DocValuesSource {
    return (this.docValues ??= shardDocValues(this.shard, this.mapping, this.index))
  }
}

export function shardFieldValues(
  shard: ShardSearcher,
  mapping: Mapping,
  index: DocValuesIndex,
): ShardFieldValues {
  return new SearcherFieldValues(shard, mapping, index)
}

/** A query whose weights ask for every term's statistics, which the DFS phase records (InvertedIndex.dfs). */
export function termStatisticsQuery(terms: ReadonlyArray<{ field: string; term: string }>): IndexQuery {
  return {
    type: 'bool',
    must: [],
    should: terms.map(({ field, term }) => ({ type: 'term', field, term, boost: 1 })),
    mustNot: [],
    filter: [],
    minimumShouldMatch: 0,
    boost: 1,
  }
}
