// BM25Similarity as Elasticsearch 8 configures it: Lucene 9's BM25 (k1 = 1.2, b = 0.75, discountOverlaps) behind
// Elasticsearch's LegacyBM25Similarity, which multiplies the query boost by (1 + k1) before Lucene sees it.
// Every step is float32 in Lucene's order of operations:
//   idf    = (float) ln(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5))         (double, then cast)
//   avgdl  = (float) (sumTotalTermFreq / (double) docCount)
//   cache  = 1f / (k1 * ((1 - b) + b * LENGTH_TABLE[norm] / avgdl))                 (float)
//   weight = (boost * (1 + k1)) * idf                                               (float)
//   score  = weight - weight / (1f + freq * cache[norm])                            (float)
//   tf     = 1f - 1f / (1f + freq * cache[norm])      (BM25Scorer.explainTF's value, explain only)
// Both share the saturation term (1f + freq * cache[norm]), so an explanation's numbers are the scorer's own.
// An index can score with Lucene's own BM25Similarity instead (no (1 + k1) factor: the in-memory index a percolate
// query runs its stored queries against, whose searcher keeps Lucene's default similarity); the index being searched
// sets which (useLegacyBoost) before its scorers are built.
// The 256-entry cache depends on avgdl alone; the caches of the last avgdl values seen are shared by every scorer built
// with them (at most CACHES of them, then the memo starts over): a query allocates no new 1 KiB table per term.
import { LENGTH_TABLE } from './small-float'

const CACHES = 64
const caches = new Map<u32, StaticArray<f32>>()

/** The norm cache of avgdl: cache[norm] = 1f / (k1 * ((1 - b) + b * LENGTH_TABLE[norm] / avgdl)). */
function normCache(avgdl: f32): StaticArray<f32> {
  const key = reinterpret<u32>(avgdl)
  if (caches.has(key)) return caches.get(key)
  if (caches.size >= CACHES) caches.clear()
  const cache = new StaticArray<f32>(256)
  for (let i = 0; i < 256; i++) {
    cache[i] = <f32>1 / (K1 * (<f32>1 - B + (B * LENGTH_TABLE[i]) / avgdl))
  }
  caches.set(key, cache)
  return cache
}

export const K1: f32 = 1.2
export const B: f32 = 0.75

/** The factor a scorer's boost is multiplied by: (1 + k1) for LegacyBM25Similarity, 1 for Lucene's BM25Similarity. */
let boostFactor: f32 = <f32>1 + K1

/** Whether the scorers built from now on apply LegacyBM25Similarity's (1 + k1) factor. */
export function useLegacyBoost(legacy: bool): void {
  boostFactor = legacy ? <f32>1 + K1 : <f32>1
}

export function idf(docFreq: i64, docCount: i64): f32 {
  return <f32>Math.log(1.0 + (<f64>(docCount - docFreq) + 0.5) / (<f64>docFreq + 0.5))
}

export function avgFieldLength(sumTotalTermFreq: i64, docCount: i64): f32 {
  return <f32>(<f64>sumTotalTermFreq / <f64>docCount)
}

export class BM25Scorer {
  /** The boost Lucene's scorer sees: the query boost times (1 + k1), or the query boost alone (useLegacyBoost). */
  readonly boost: f32
  readonly weight: f32
  readonly cache: StaticArray<f32>

  constructor(
    boost: f32,
    readonly idf: f32,
    readonly avgdl: f32,
  ) {
    this.cache = normCache(avgdl)
    this.boost = boost * boostFactor
    this.weight = this.boost * idf
  }

  @inline score(freq: f32, norm: u8): f32 {
    return this.weight - this.weight / this.saturation(freq, norm)
  }

  tf(freq: f32, norm: u8): f32 {
    return <f32>1 - <f32>1 / this.saturation(freq, norm)
  }

  private saturation(freq: f32, norm: u8): f32 {
    return <f32>1 + freq * unchecked(this.cache[<i32>norm])
  }
}
