/**
 * A dense_vector field's similarity, scored as Lucene's VectorSimilarityFunction scores it and as ES 8.17's
 * DenseVectorFieldMapper.VectorSimilarity chooses it (an index created on 8.17):
 * - l2_norm: EUCLIDEAN, 1 / (1 + squareDistance);
 * - dot_product: DOT_PRODUCT, max((1 + dot) / 2, 0) for float vectors; 0.5 + dot / (dims · 2^15) for bytes;
 * - cosine: float vectors are normalized at index time and scored with DOT_PRODUCT (NORMALIZE_COSINE), the query
 *   vector normalized too when it is not of unit length; byte vectors score (1 + cosine) / 2;
 * - max_inner_product: MAXIMUM_INNER_PRODUCT, dot < 0 ? 1 / (1 + -dot) : dot + 1.
 * Every step is a Java float operation (Math.fround); the sums are VectorUtil's scalar loop, one fused
 * multiply-add per element (docs/DEVIATIONS.md: the SIMD lanes of a JVM with the Panama vector API sum long
 * vectors in another order). Byte vectors sum in integers, as VectorUtil does.
 * `thresholdScore` converts a `similarity` threshold into the score a match must reach (VectorSimilarity.score).
 * Scoring runs over a batch: all the vectors of a shard in one Float32Array, `dims` elements each.
 */

export type VectorSimilarityName = 'l2_norm' | 'dot_product' | 'cosine' | 'max_inner_product'

const f = Math.fround

/** Math.fma(a, b, c) of Java floats: a·b is exact in a double, the sum rounded once more to float. */
function fma(a: number, b: number, c: number): number {
  return f(a * b + c)
}

/** VectorUtil.dotProduct of float vectors: `query` against the vector at `offset` of `vectors`. */
export function dotProduct(query: Float32Array, vectors: Float32Array, offset = 0): number {
  let sum = 0
  for (let i = 0; i < query.length; i++) sum = fma(query[i]!, vectors[offset + i]!, sum)
  return sum
}

/** VectorUtil.squareDistance of float vectors. */
export function squareDistance(query: Float32Array, vectors: Float32Array, offset = 0): number {
  let sum = 0
  for (let i = 0; i < query.length; i++) {
    const diff = f(query[i]! - vectors[offset + i]!)
    sum = fma(diff, diff, sum)
  }
  return sum
}

/** VectorUtil.dotProduct, squareDistance and cosine of byte vectors: integer sums. */
function byteSums(query: Float32Array, vectors: Float32Array, offset: number) {
  let dot = 0
  let distance = 0
  let norm1 = 0
  let norm2 = 0
  for (let i = 0; i < query.length; i++) {
    const a = query[i]!
    const b = vectors[offset + i]!
    dot += a * b
    distance += (a - b) * (a - b)
    norm1 += a * a
    norm2 += b * b
  }
  return { dot, distance, cosine: f(dot / Math.sqrt(norm1 * norm2)) }
}

/** VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT's scaling of a dot product. */
function scaleMaxInnerProduct(dot: number): number {
  return dot < 0 ? f(1 / f(1 + f(-1 * dot))) : f(dot + 1)
}

/** The scores of `count` vectors (`dims` elements each, in `vectors`) against `query`, in order. */
export function scoreVectors(
  similarity: VectorSimilarityName,
  byte: boolean,
  query: Float32Array,
  vectors: Float32Array,
  count: number,
): Float32Array {
  const dims = query.length
  const scores = new Float32Array(count)
  for (let doc = 0, offset = 0; doc < count; doc++, offset += dims) {
    if (byte) {
      const { dot, distance, cosine } = byteSums(query, vectors, offset)
      if (similarity === 'l2_norm') scores[doc] = f(1 / f(1 + distance))
      else if (similarity === 'dot_product') scores[doc] = f(0.5 + f(f(dot) / f(dims * (1 << 15))))
      else if (similarity === 'cosine') scores[doc] = f(f(1 + cosine) / 2)
      else scores[doc] = scaleMaxInnerProduct(dot)
    } else if (similarity === 'l2_norm') {
      scores[doc] = f(1 / f(1 + squareDistance(query, vectors, offset)))
    } else if (similarity === 'max_inner_product') {
      scores[doc] = scaleMaxInnerProduct(dotProduct(query, vectors, offset))
    } else {
      scores[doc] = Math.max(f(f(1 + dotProduct(query, vectors, offset)) / 2), 0)
    }
  }
  return scores
}

/** The squared magnitude of a vector, summed in float as the mapper and createKnnQuery sum it. */
export function squaredMagnitude(vector: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < vector.length; i++) sum = f(sum + f(vector[i]! * vector[i]!))
  return sum
}

/** DenseVectorFieldMapper.isNotUnitVector: the squared magnitude further than 1e-3 from 1. */
function isNotUnitVector(squared: number): boolean {
  return Math.abs(f(squared - 1)) > f(1e-3)
}

/** A float cosine vector as the index holds it (and the query searches with it): divided by its length if not unit. */
export function normalizedForCosine(vector: Float32Array, squared: number): Float32Array {
  if (!isNotUnitVector(squared)) return vector
  const length = f(Math.sqrt(squared))
  return vector.map((x) => f(x / length))
}

/** VectorSimilarity.score: the score a `similarity` threshold stands for. */
export function thresholdScore(
  similarity: VectorSimilarityName,
  byte: boolean,
  threshold: number,
  dims: number,
): number {
  const t = f(threshold)
  if (similarity === 'l2_norm') return f(1 / f(1 + f(t * t)))
  if (similarity === 'max_inner_product') return scaleMaxInnerProduct(t)
  if (similarity === 'dot_product' && byte) return f(0.5 + f(t / f(dims * (1 << 15))))
  return f(f(1 + t) / 2)
}
