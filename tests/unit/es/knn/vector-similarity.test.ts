// VectorSimilarityFunction's scores as Java floats (Lucene's scalar VectorUtil loop), the cosine normalization ES
// applies to float vectors, and VectorSimilarity.score's threshold conversion. The max_inner_product figures are those
// of ES's YAML test search.vectors/40_knn_search.yml ("Knn search with mip").
import { describe, expect, it } from 'vitest'
import {
  normalizedForCosine,
  scoreVectors,
  squaredMagnitude,
  thresholdScore,
} from '../../../../workers/es/search/vectors/vector-similarity.ts'

const QUERY = Float32Array.from([-0.5, 90.0, -10, 14.8, -156.0])
const DOCS = Float32Array.from([
  ...[230.0, 300.33, -34.8988, 15.555, -200.0],
  ...[-0.5, 100.0, -13, 14.8, -156.0],
  ...[0.5, 111.3, -13.0, 14.8, -156.0],
])

describe('scoreVectors', () => {
  it('l2_norm: 1 / (1 + squared distance), in float', () => {
    const scores = scoreVectors('l2_norm', false, QUERY, DOCS, 3)
    expect(scores[1]).toBe(Math.fround(1 / 110))
    expect(scores[2]).toBe(Math.fround(0.0021519717))
  })

  it('max_inner_product: dot + 1 for a positive dot product (40_knn_search.yml)', () => {
    expect([...scoreVectors('max_inner_product', false, QUERY, DOCS, 3)]).toEqual([
      Math.fround(58694.902),
      Math.fround(33686.29),
      Math.fround(34702.79),
    ])
    const negative = scoreVectors(
      'max_inner_product',
      false,
      Float32Array.from([-1]),
      Float32Array.from([3]),
      1,
    )
    expect(negative[0]).toBe(Math.fround(1 / 4))
  })

  it('dot_product and normalized cosine: (1 + dot) / 2, never below 0', () => {
    const query = normalizedForCosine(Float32Array.from([1, 1, 1]), squaredMagnitude([1, 1, 1]))
    const doc = Float32Array.from([1, 2, 3])
    const stored = normalizedForCosine(doc, squaredMagnitude(doc))
    expect(scoreVectors('cosine', false, query, stored, 1)[0]).toBe(Math.fround(0.96291006))
    expect(
      scoreVectors('dot_product', false, Float32Array.from([1, 0]), Float32Array.from([-1, 0]), 1)[0],
    ).toBe(0)
  })

  it('byte vectors sum in integers: dot_product is 0.5 + dot / (dims * 2^15)', () => {
    const scores = scoreVectors('dot_product', true, Float32Array.from([2, 3]), Float32Array.from([4, 5]), 1)
    expect(scores[0]).toBe(Math.fround(0.5 + Math.fround(23 / 65536)))
  })
})

describe('thresholdScore', () => {
  it('converts a similarity threshold as VectorSimilarity.score does', () => {
    expect(thresholdScore('l2_norm', false, 11, 5)).toBe(Math.fround(1 / 122))
    expect(thresholdScore('cosine', false, 0.5, 3)).toBe(0.75)
    expect(thresholdScore('max_inner_product', false, -3, 3)).toBe(0.25)
  })
})
