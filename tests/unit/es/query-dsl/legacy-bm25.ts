// The expected score of a (pseudo) term in a (combined) field, as the tests of the query DSL compute it by hand.
const f = Math.fround

/** LegacyBM25Similarity's score (k1 1.2, b 0.75) in Lucene 9's float32 steps. */
export function legacyBm25(
  docFreq: number,
  docCount: number,
  avgdl: number,
  freq: number,
  length: number,
): number {
  return legacyBm25OfIdf(bm25Idf(docFreq, docCount), avgdl, freq, length)
}

/** BM25Similarity's idf of one term, a float. */
export function bm25Idf(docFreq: number, docCount: number): number {
  return f(Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5)))
}

/** The score with an idf already worked out (a span or phrase query's: the sum of its terms' idfs). */
export function legacyBm25OfIdf(idf: number, avgdl: number, freq: number, length: number): number {
  // k1 and b are floats (BM25Similarity keeps them so): 1.2 is not the double 1.2
  const normInverse = f(1 / f(f(1.2) * f(f(1 - 0.75) + f(f(0.75 * length) / f(avgdl)))))
  const weight = f(f(2.2) * idf)
  return f(weight - f(weight / f(1 + f(freq * normInverse))))
}
