// BM25Similarity as Elasticsearch 8 configures it: Lucene 9's BM25 (k1 = 1.2, b = 0.75, discountOverlaps) behind
// Elasticsearch's LegacyBM25Similarity, which multiplies the query boost by (1 + k1) before Lucene sees it.
// Every step is float32 in Lucene's order of operations:
//   idf    = (float) ln(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5))         (double, then cast)
//   avgdl  = (float) (sumTotalTermFreq / (double) docCount)
//   cache  = 1f / (k1 * ((1 - b) + b * LENGTH_TABLE[norm] / avgdl))                 (float)
//   weight = (boost * (1 + k1)) * idf                                               (float)
//   score  = weight - weight / (1f + freq * cache[norm])                            (float)
import { LENGTH_TABLE } from './small-float'

export const K1: f32 = 1.2
export const B: f32 = 0.75

export function idf(docFreq: i64, docCount: i64): f32 {
  return <f32>Math.log(1.0 + (<f64>(docCount - docFreq) + 0.5) / (<f64>docFreq + 0.5))
}

export function avgFieldLength(sumTotalTermFreq: i64, docCount: i64): f32 {
  return <f32>(<f64>sumTotalTermFreq / <f64>docCount)
}

export class BM25Scorer {
  readonly weight: f32
  readonly cache: StaticArray<f32> = new StaticArray<f32>(256)

  constructor(boost: f32, idfValue: f32, avgdl: f32) {
    const legacyBoost: f32 = boost * (<f32>1 + K1)
    this.weight = legacyBoost * idfValue
    for (let i = 0; i < 256; i++) {
      this.cache[i] = <f32>1 / (K1 * (<f32>1 - B + (B * LENGTH_TABLE[i]) / avgdl))
    }
  }

  score(freq: f32, norm: u8): f32 {
    return this.weight - this.weight / (<f32>1 + freq * this.cache[<i32>norm])
  }
}
