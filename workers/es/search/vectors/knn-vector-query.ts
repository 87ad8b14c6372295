/**
 * A knn search on one shard (ES's KnnVectorQueryBuilder.doToQuery and DenseVectorFieldType.createKnnQuery, ES 8.17),
 * searched exactly: every live document with a vector that the filters accept is scored (vector-similarity.ts, one
 * batch over the shard's vectors), those under the `similarity` threshold's score dropped, and the best `k` kept,
 * by score and then doc id as Lucene's TopScoreDocCollector keeps them. ES searches an HNSW graph, which is
 * approximate; on the playground's small indices it finds the same documents (docs/DEVIATIONS.md).
 * The checks, in createKnnQuery's order, each an IllegalArgumentException that SearchExecutionContext.toQuery wraps
 * as query_shard_exception "failed to create query: ...": `field [f] does not exist in the mapping`, `[knn] queries
 * are only supported on [dense_vector] fields`, `to perform knn search on field [f], its mapping must have [index]
 * set to [true]`, `The query vector has a different number of dimensions [2] than the document vectors [3].`, and
 * the mapper's own vector checks (an infinite element; a dot_product vector not of unit length; a zero cosine one).
 */
import type { IndexQuery, ScoreDoc } from '../../../../engine-wasm/src/index/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { invalidVectorReason } from '../../index/mapper/dense-vector-values.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import type { QueryContext } from '../queries/query-parsing.ts'
import { concreteFieldName } from '../search-fields.ts'
import {
  normalizedForCosine,
  scoreVectors,
  squaredMagnitude,
  thresholdScore,
  type VectorSimilarityName,
} from './vector-similarity.ts'

/** One knn search as a shard runs it. */
export interface KnnVectorSearch {
  field: string
  queryVector: readonly number[]
  /** How many documents the shard keeps. */
  k: number
  /** The `similarity` threshold, or null. */
  similarity: number | null
  /** The filters ANDed (and the alias filter), or null for none. */
  filter: IndexQuery | null
}

/** The field's mapping, checked as createKnnQuery checks it against the query vector. */
export function checkKnnField(
  field: string,
  queryVector: readonly number[],
  context: QueryContext,
): FieldMapping {
  const fail = (message: string): never => {
    throw failedToCreateQuery(context.index, 'illegal_argument_exception', message)
  }
  const mapping = context.fields.get(field) ?? fail(`field [${field}] does not exist in the mapping`)
  if (mapping.type !== 'dense_vector') fail('[knn] queries are only supported on [dense_vector] fields')
  if (mapping.index === false)
    fail(`to perform knn search on field [${field}], its mapping must have [index] set to [true]`)
  if (mapping.dims !== undefined && mapping.dims !== queryVector.length)
    fail(
      `The query vector has a different number of dimensions [${queryVector.length}] than the document vectors [${mapping.dims}].`,
    )
  const problem = invalidVectorReason(mapping, queryVector, squaredMagnitude(queryVector))
  if (problem !== null) fail(problem)
  return mapping
}

/** The shard's best `k` documents for the search, best first (ties: lower doc id first). */
export function knnTopDocs(search: KnnVectorSearch, context: QueryContext): ScoreDoc[] {
  const mapping = checkKnnField(search.field, search.queryVector, context)
  const shard = context.shard
  const dims = mapping.dims
  if (shard === undefined || dims === undefined) return []
  const similarity = (mapping.similarity ?? 'cosine') as VectorSimilarityName
  const byte = mapping.element_type === 'byte'
  const read = shard.denseVectors(concreteFieldName(context.fields, search.field), dims)
  const count = read.docIds.length
  let query: Float32Array = Float32Array.from(search.queryVector)
  let vectors: Float32Array = read.vectors
  if (similarity === 'cosine' && !byte) {
    // the index holds cosine vectors normalized (NORMALIZE_COSINE), and the query is normalized alike
    query = normalizedForCosine(query, squaredMagnitude(query))
    vectors = new Float32Array(read.vectors)
    for (let offset = 0; offset < vectors.length; offset += dims) {
      const vector = vectors.subarray(offset, offset + dims)
      vectors.set(normalizedForCosine(vector, squaredMagnitude(vector)), offset)
    }
  }
  const scores = scoreVectors(similarity, byte, query, vectors, count)
  const accepted = search.filter === null ? null : shard.scripting().matches(search.filter)
  const threshold =
    search.similarity === null ? null : thresholdScore(similarity, byte, search.similarity, dims)
  const hits: ScoreDoc[] = []
  for (let i = 0; i < count; i++) {
    const docId = read.docIds[i]!
    if (accepted !== null && !accepted.has(docId)) continue
    if (threshold !== null && scores[i]! < threshold) continue
    hits.push({ docId, score: scores[i]! })
  }
  return hits.sort((a, b) => b.score - a.score || a.docId - b.docId).slice(0, search.k)
}

/** KnnScoreDocQuery: documents with their scores, in doc id order, scoring times `boost`. */
export function knnScoreDocQuery(docs: readonly ScoreDoc[], boost: number): IndexQuery {
  // KnnScoreDocQuery.rewrite: no documents, MatchNoDocsQuery
  if (docs.length === 0) return { type: 'matchNone' }
  const sorted = [...docs].sort((a, b) => a.docId - b.docId)
  return {
    type: 'knnScoreDoc',
    docs: sorted.map((doc) => doc.docId),
    scores: sorted.map((doc) => doc.score),
    boost,
  }
}

/** A knn search's pre-filter: its filter queries as one bool's filter clauses, null when there are none. */
export function knnPreFilter(filters: readonly IndexQuery[]): IndexQuery | null {
  if (filters.length === 0) return null
  return { type: 'bool', must: [], should: [], mustNot: [], filter: filters, minimumShouldMatch: 0, boost: 1 }
}
