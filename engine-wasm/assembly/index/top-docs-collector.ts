// TopScoreDocCollector: the k best hits, as Lucene's orders them (score descending, then doc id ascending), in a
// binary min-heap whose root is the worst hit kept; hits arrive in doc id order, segment after segment.
// Total hits as Lucene's collector with a totalHitsThreshold (Elasticsearch's track_total_hits, 10,000 by default)
// counts them: every collected hit counts until more than the threshold were collected; from then on, once the heap is
// full, minCompetitiveScore is the next float above the root's score (a later doc that ties the root loses), scorers
// may skip documents scoring below it, and the count stops being exact (it stays above the threshold, so the
// response reports `gte`). When the count is known up front (Elasticsearch's shortcutTotalHitCount: a term query on
// an index without deletions answers docFreq) the threshold is 1 and the known count is the total.
// A scorer may also count hits without collecting them (`count`) when each scores below heapMinScore, the score a
// hit needs to enter the full heap: the count is the same as if they had been collected.
// Result buffer (heap.alloc, freed by the caller through `release`):
//   u32 totalHits, u32 count, then count x (i32 docId, f32 score), little-endian, best first.
import { Hits } from './doc-scores'

/** Math.nextUp for a float that is not NaN: the least float above x. */
export function nextUp(x: f32): f32 {
  if (x == Infinity) return x
  if (x == 0) return reinterpret<f32>(1)
  const bits = reinterpret<i32>(x)
  return reinterpret<f32>(x > 0 ? bits + 1 : bits - 1)
}

/** Collectors for up to this many hits are reused by the next search (searches never overlap). */
const REUSED_CAPACITY: i32 = 1024
let reused: TopScoreDocCollector | null = null

export class TopScoreDocCollector extends Hits {
  private readonly docs: StaticArray<i32>
  private readonly scores: StaticArray<f32>
  private k: i32 = 0
  private size: i32 = 0
  private collected: i64 = 0
  private threshold: i64 = 0
  private knownTotalHits: i64 = -1
  /** The doc base of the segment whose local doc ids `push` receives. */
  docBase: i32 = 0
  /** The score a hit needs to enter now; -Infinity while every hit must still be counted. */
  minCompetitiveScore: f32 = -Infinity

  constructor(capacity: i32) {
    super()
    this.docs = new StaticArray<i32>(capacity)
    this.scores = new StaticArray<f32>(capacity)
  }

  /**
   * An empty collector for one search of the k best (a search allocates none when k is small): knownTotalHits is
   * the exact total when known up front, else -1.
   */
  static start(k: i32, totalHitsThreshold: i32, knownTotalHits: i64): TopScoreDocCollector {
    let collector = reused
    if (k > REUSED_CAPACITY) collector = new TopScoreDocCollector(k)
    else if (collector == null) reused = collector = new TopScoreDocCollector(REUSED_CAPACITY)
    collector.k = k
    collector.size = 0
    collector.collected = 0
    collector.threshold = knownTotalHits >= 0 ? 1 : <i64>totalHitsThreshold
    collector.knownTotalHits = knownTotalHits
    collector.docBase = 0
    collector.minCompetitiveScore = -Infinity
    return collector
  }

  get totalHits(): i64 {
    return this.knownTotalHits >= 0 ? this.knownTotalHits : this.collected
  }

  /** Collects local doc docId of the current segment (docBase). */
  push(docId: i32, score: f32): void {
    this.collect(this.docBase + docId, score)
  }

  /**
   * The score a hit needs to enter the heap now, whatever the threshold: -Infinity while it is not full, Infinity
   * when k is 0. A hit below it changes nothing but the count (`count`).
   */
  get heapMinScore(): f32 {
    if (this.size < this.k) return -Infinity
    return this.k == 0 ? Infinity : nextUp(unchecked(this.scores[0]))
  }

  /** Counts n hits that each score below heapMinScore, as collecting them one by one would. */
  count(n: i32): void {
    this.collected += n
    this.followThreshold()
  }

  collect(docId: i32, score: f32): void {
    this.collected++
    const k = this.k
    const size = this.size
    if (size < k) {
      // the first k hits fill the heap unordered, then it is built at once
      unchecked((this.docs[size] = docId))
      unchecked((this.scores[size] = score))
      this.size = size + 1
      if (size + 1 == k) this.heapify()
    } else if (k > 0 && this.worse(unchecked(this.scores[0]), unchecked(this.docs[0]), score, docId)) {
      this.siftDown(0, k, docId, score)
    }
    this.followThreshold()
  }

  /** Once more hits than the threshold were counted and the heap is full, skipping may start. */
  @inline private followThreshold(): void {
    if (this.collected <= this.threshold || this.size < this.k) return
    this.minCompetitiveScore = this.k == 0 ? Infinity : nextUp(unchecked(this.scores[0]))
  }

  /** Writes the result buffer (format above), emptying the heap. */
  write(): usize {
    const size = this.size
    if (size < this.k) this.heapify()
    const out = heap.alloc(8 + 8 * <usize>size)
    store<u32>(out, <u32>this.totalHits)
    store<u32>(out, size, 4)
    // Pop the worst into the last free slot until the heap is empty: best first.
    for (let n = size; n > 0; n--) {
      const at = out + 8 + 8 * <usize>(n - 1)
      store<i32>(at, unchecked(this.docs[0]))
      store<f32>(at, unchecked(this.scores[0]), 4)
      this.siftDown(0, n - 1, unchecked(this.docs[n - 1]), unchecked(this.scores[n - 1]))
    }
    this.size = 0
    return out
  }

  /** True when hit (sa, da) ranks below hit (sb, db). */
  @inline private worse(sa: f32, da: i32, sb: f32, db: i32): bool {
    return sa != sb ? sa < sb : da > db
  }

  private heapify(): void {
    for (let i = (this.size >> 1) - 1; i >= 0; i--)
      this.siftDown(i, this.size, unchecked(this.docs[i]), unchecked(this.scores[i]))
  }

  /** Places hit (docId, score) at slot `from` of a heap of `size` and sifts it down. */
  private siftDown(from: i32, size: i32, docId: i32, score: f32): void {
    let i = from
    while (true) {
      let child = 2 * i + 1
      if (child >= size) break
      const right = child + 1
      if (
        right < size &&
        this.worse(
          unchecked(this.scores[right]),
          unchecked(this.docs[right]),
          unchecked(this.scores[child]),
          unchecked(this.docs[child]),
        )
      )
        child = right
      if (!this.worse(unchecked(this.scores[child]), unchecked(this.docs[child]), score, docId)) break
      unchecked((this.docs[i] = this.docs[child]))
      unchecked((this.scores[i] = this.scores[child]))
      i = child
    }
    unchecked((this.docs[i] = docId))
    unchecked((this.scores[i] = score))
  }
}
