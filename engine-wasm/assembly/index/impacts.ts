// Impacts: the block-max data of one term's postings in one field, as Lucene's Lucene90 skip data keeps it per block
// of postings (Impacts, ImpactsDISI, MaxScoreCache): for every block of BLOCK_SIZE entries, its last doc id and the
// competitive (freq, norm) pairs of its documents: those no other document of the block beats on both counts (a higher
// or equal freq and a norm byte at or below). BM25's score never decreases with freq and never increases with the norm
// byte (LENGTH_TABLE is monotonic, every float step rounds monotonically), so the best score of a block is the best
// score of its pairs, exactly: a block's max score is the real score of one of its documents (deleted ones included),
// never a loose bound.
// Derived data: built lazily on a query's first use of a postings list once its segment is final, never persisted;
// `builtFor` (the docFreq it was built for) makes a stale one visible if the postings ever grew after.
// Layout: lastDocs[b] = doc id of block b's last entry; pairs[pairStarts[b] .. pairStarts[b + 1]) = block b's pairs,
// each freq << 8 | norm, freq descending (so norms strictly ascending).
import { BM25Scorer } from './bm25'
import { FieldNorms } from './field-norms'
import { Postings } from './postings'

export const BLOCK_SIZE: i32 = 128
const BLOCK_SHIFT: i32 = 7

export class Impacts {
  readonly lastDocs: StaticArray<i32>
  readonly pairStarts: StaticArray<i32>
  private readonly pairs: Array<i32> = new Array<i32>()

  constructor(
    postings: Postings,
    norms: FieldNorms,
    readonly builtFor: i32,
  ) {
    const blocks = (builtFor + BLOCK_SIZE - 1) >> BLOCK_SHIFT
    this.lastDocs = new StaticArray<i32>(blocks)
    this.pairStarts = new StaticArray<i32>(blocks + 1)
    const bestNorm = new StaticArray<i32>(256)
    for (let b = 0; b < blocks; b++) {
      const from = b << BLOCK_SHIFT
      const to = min(from + BLOCK_SIZE, builtFor)
      unchecked((this.pairStarts[b] = this.pairs.length))
      unchecked((this.lastDocs[b] = postings.docs[to - 1]))
      this.addBlockPairs(postings, norms, from, to, bestNorm)
    }
    unchecked((this.pairStarts[blocks] = this.pairs.length))
  }

  /** The postings' impacts, built now when they are missing or were built before the postings last grew. */
  static of(postings: Postings, norms: FieldNorms): Impacts {
    const cached = postings.impacts
    if (cached != null && cached.builtFor == postings.docFreq) return cached
    const impacts = new Impacts(postings, norms, postings.docFreq)
    postings.impacts = impacts
    return impacts
  }

  /** The best score any document of block b reaches with this scorer (exact: one of them scores it). */
  maxScore(block: i32, scorer: BM25Scorer): f32 {
    let best: f32 = 0
    const end = unchecked(this.pairStarts[block + 1])
    for (let at = unchecked(this.pairStarts[block]); at < end; at++) {
      const pair = unchecked(this.pairs[at])
      best = max(best, scorer.score(<f32>(pair >>> 8), <u8>(pair & 0xff)))
    }
    return best
  }

  /**
   * The pairs of entries [from, to): bestNorm[f] is the lowest norm byte among freq-f documents of the block
   * (freqs above 255 are kept apart, they are rare); then freqs from high to low keep a pair whose norm is below
   * every norm kept so far.
   */
  private addBlockPairs(
    postings: Postings,
    norms: FieldNorms,
    from: i32,
    to: i32,
    bestNorm: StaticArray<i32>,
  ): void {
    bestNorm.fill(256)
    const large = new Array<i32>()
    let maxFreq = 0
    for (let i = from; i < to; i++) {
      const freq = postings.freqs[i]
      const norm = <i32>norms.get(postings.docs[i])
      if (freq < 256) {
        if (norm < unchecked(bestNorm[freq])) unchecked((bestNorm[freq] = norm))
        maxFreq = max(maxFreq, freq)
      } else {
        large.push((freq << 8) | norm)
      }
    }
    let lowest = 256
    if (large.length > 0) {
      // freq descending, then norm ascending: the first of each freq is its best
      large.sort((a: i32, b: i32): i32 => (a >>> 8 != b >>> 8 ? <i32>(b >>> 8) - <i32>(a >>> 8) : a - b))
      for (let i = 0; i < large.length; i++) {
        const norm = unchecked(large[i]) & 0xff
        if (norm < lowest) {
          this.pairs.push(unchecked(large[i]))
          lowest = norm
        }
      }
    }
    for (let freq = maxFreq; freq > 0; freq--) {
      const norm = unchecked(bestNorm[freq])
      if (norm < lowest) {
        this.pairs.push((freq << 8) | norm)
        lowest = norm
      }
    }
  }
}
