// Interval iterators: Lucene 9's IntervalIterator implementations (org.apache.lucene.queries.intervals), one
// document at a time. An iterator belongs to one node of an intervals program (intervals-query.ts builds the tree)
// in the current segment. Protocol, per document, as for Spans (spans.ts): `candidates()` are the documents its
// approximation visits (sorted, computed once); `matchDoc(doc)` positions it on a candidate as nextDoc/advance do
// (and their reset), before its first interval (start and end -1); then `nextInterval()` walks its intervals
// (NO_MORE_INTERVALS at the end) with start / end / gaps of the current one. A child's matchDoc is called at most
// once per document, before its parent reads its intervals. Each class follows its Lucene counterpart step by step
// (TermIntervalsSource, DisjunctionIntervalIterator, OrderedIntervalIterator, UnorderedIntervalIterator,
// BlockIntervalIterator, IntervalFilter for MAXGAPS, the FilteringIntervalIterators of CONTAINING / CONTAINED_BY /
// OVERLAPPING, the RelativeIterators of NOT_CONTAINING / NOT_CONTAINED_BY / NON_OVERLAPPING, ExtendedIntervalIterator
// and OffsetIntervalsSource's iterators), so which intervals are found, and their widths, are Lucene's.
import { Postings } from './postings'
import { DocCandidates, intersect, postingsDocs, union } from './doc-id-sets'
import { TermPositions } from './term-positions'

export const NO_MORE_INTERVALS: i32 = i32.MAX_VALUE

export abstract class IntervalIterator extends DocCandidates {
  /** IntervalIterator.width: the positions the current interval covers. */
  width(): i32 {
    return this.end() - this.start() + 1
  }

  abstract matchDoc(doc: i32): void
  abstract nextInterval(): i32
  abstract start(): i32
  abstract end(): i32
  abstract gaps(): i32
}

/** TermIntervalsSource's iterator: each position of the term is an interval [p, p]. */
export class TermIntervals extends IntervalIterator {
  private position: i32 = -1
  private readonly positions: TermPositions

  constructor(postings: Postings) {
    super()
    this.positions = new TermPositions(postings)
  }

  protected approximation(): Array<i32> {
    return postingsDocs(this.positions.postings)
  }

  matchDoc(doc: i32): void {
    this.positions.reset(doc)
    this.position = -1
  }

  nextInterval(): i32 {
    const next = this.positions.next()
    return (this.position = next < 0 ? NO_MORE_INTERVALS : next)
  }

  start(): i32 {
    return this.position
  }

  end(): i32 {
    return this.position
  }

  gaps(): i32 {
    return 0
  }
}

/** Lucene's PriorityQueue (a 1-based binary heap) of iterators, by start (UNORDERED's) or by end (a disjunction's). */
export class IntervalQueue {
  private readonly heap: Array<IntervalIterator | null>
  size: i32 = 0

  constructor(
    capacity: i32,
    private readonly byEnd: bool,
  ) {
    this.heap = new Array<IntervalIterator | null>(capacity + 1)
  }

  private lessThan(a: IntervalIterator, b: IntervalIterator): bool {
    if (this.byEnd) return a.end() < b.end() || (a.end() == b.end() && a.start() >= b.start())
    return a.start() < b.start() || (a.start() == b.start() && a.end() >= b.end())
  }

  clear(): void {
    this.size = 0
  }

  top(): IntervalIterator {
    return this.heap[1]!
  }

  add(it: IntervalIterator): void {
    const heap = this.heap
    let i = ++this.size
    let j = i >>> 1
    while (j > 0 && this.lessThan(it, heap[j]!)) {
      heap[i] = heap[j]
      i = j
      j >>>= 1
    }
    heap[i] = it
  }

  pop(): IntervalIterator {
    const heap = this.heap
    const result = heap[1]!
    heap[1] = heap[this.size]
    heap[this.size] = null
    this.size--
    if (this.size > 0) this.downHeap()
    return result
  }

  private downHeap(): void {
    const heap = this.heap
    const size = this.size
    const node = heap[1]!
    let i = 1
    let j = 2
    if (j + 1 <= size && this.lessThan(heap[j + 1]!, heap[j]!)) j++
    while (j <= size && this.lessThan(heap[j]!, node)) {
      heap[i] = heap[j]
      i = j
      j = i << 1
      if (j + 1 <= size && this.lessThan(heap[j + 1]!, heap[j]!)) j++
    }
    heap[i] = node
  }
}

/** The DisjunctionIntervalIterator's EMPTY (before the first interval) and EXHAUSTED states. */
const EMPTY: i32 = -1

/** DisjunctionIntervalIterator: the minimal intervals of the subs on the document, by end (then widest start). */
export class OrIntervals extends IntervalIterator {
  private readonly queue: IntervalQueue
  private current: IntervalIterator | null = null
  private state: i32 = EMPTY

  constructor(private readonly subs: Array<IntervalIterator>) {
    super()
    this.queue = new IntervalQueue(subs.length, true)
  }

  protected approximation(): Array<i32> {
    let docs = this.subs[0].candidates()
    for (let i = 1; i < this.subs.length; i++) docs = union(docs, this.subs[i].candidates())
    return docs
  }

  matchDoc(doc: i32): void {
    this.queue.clear()
    for (let i = 0; i < this.subs.length; i++) {
      const sub = this.subs[i]
      if (!sub.isCandidate(doc)) continue
      sub.matchDoc(doc)
      sub.nextInterval()
      this.queue.add(sub)
    }
    this.current = null
    this.state = EMPTY
  }

  nextInterval(): i32 {
    const current = this.current
    if (current == null) {
      if (this.queue.size > 0) {
        this.current = this.queue.top()
        return this.current!.start()
      }
      return this.state
    }
    const start = current.start()
    const end = current.end()
    while (this.queue.size > 0 && contains(this.queue.top(), start, end)) {
      const it = this.queue.pop()
      if (it.nextInterval() != NO_MORE_INTERVALS) this.queue.add(it)
    }
    if (this.queue.size == 0) {
      this.current = null
      this.state = NO_MORE_INTERVALS
      return NO_MORE_INTERVALS
    }
    this.current = this.queue.top()
    return this.current!.start()
  }

  start(): i32 {
    const current = this.current
    return current != null ? current.start() : this.state
  }

  end(): i32 {
    const current = this.current
    return current != null ? current.end() : this.state
  }

  gaps(): i32 {
    const current = this.current
    return current != null ? current.gaps() : 0
  }
}

function contains(it: IntervalIterator, start: i32, end: i32): bool {
  return start >= it.start() && start <= it.end() && end >= it.start() && end <= it.end()
}

/** ConjunctionIntervalIterator: every sub on the document (the intersection of their approximations), then reset. */
export abstract class ConjunctionIntervals extends IntervalIterator {
  constructor(protected readonly subs: Array<IntervalIterator>) {
    super()
  }

  protected approximation(): Array<i32> {
    let docs = this.subs[0].candidates()
    for (let i = 1; i < this.subs.length; i++) docs = intersect(docs, this.subs[i].candidates())
    return docs
  }

  matchDoc(doc: i32): void {
    for (let i = 0; i < this.subs.length; i++) this.subs[i].matchDoc(doc)
    this.reset()
  }

  protected abstract reset(): void
}
