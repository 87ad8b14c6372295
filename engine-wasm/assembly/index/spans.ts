// Spans: Lucene 9's span iterators (org.apache.lucene.queries.spans), one document at a time. A Spans belongs to
// one node of a span query program (span-query.ts reads the program and builds the tree) in the current segment.
// Protocol, per document: `candidates()` are the documents its approximation visits (sorted, computed once);
// `matchDoc(doc)` is the two-phase check (TwoPhaseIterator.matches after the approximation moved to doc): true
// leaves the spans before its first match, start and end -1; then `nextStartPosition()` walks the matches in
// order of start position (NO_MORE_POSITIONS at the end), with startPosition / endPosition / width of the current
// one. A child's matchDoc is called at most once per document, before its parent reads its positions.
// Each class follows its Lucene counterpart step by step, so that which matches are found, and their widths, are
// Lucene's: here TermSpans, the span_or disjunction and SpanNearQuery's GapSpans; NearSpansOrdered, NearSpansUnordered and ContainSpans in
// conjunction-spans.ts; FilterSpans with SpanFirstQuery's and SpanNotQuery's accept in filter-spans.ts.
import { Postings } from './postings'
import { DocCandidates, postingsDocs, union } from './doc-id-sets'
import { TermPositions } from './term-positions'

export const NO_MORE_POSITIONS: i32 = i32.MAX_VALUE

export abstract class Spans extends DocCandidates {
  abstract matchDoc(doc: i32): bool
  abstract nextStartPosition(): i32
  abstract startPosition(): i32
  abstract endPosition(): i32
  abstract width(): i32
}

/** TermSpans: a term's positions in the document, each a span [p, p + 1) of width 0. */
export class TermSpans extends Spans {
  private position: i32 = -1
  private readonly positions: TermPositions

  constructor(postings: Postings) {
    super()
    this.positions = new TermPositions(postings)
  }

  protected approximation(): Array<i32> {
    return postingsDocs(this.positions.postings)
  }

  matchDoc(doc: i32): bool {
    this.position = -1
    return this.positions.reset(doc)
  }

  nextStartPosition(): i32 {
    const next = this.positions.next()
    return (this.position = next < 0 ? NO_MORE_POSITIONS : next)
  }

  startPosition(): i32 {
    return this.position
  }

  endPosition(): i32 {
    const p = this.position
    return p == -1 ? -1 : p != NO_MORE_POSITIONS ? p + 1 : NO_MORE_POSITIONS
  }

  width(): i32 {
    return 0
  }
}

/**
 * SpanNearQuery.GapSpans: a gap of `width` positions, in every document (its approximation is all of them). An
 * ordered near moves it right to the end of the previous clause's span (skipToPosition), so the next clause must
 * start `width` positions after that.
 */
export class GapSpans extends Spans {
  private position: i32 = -1

  constructor(
    private readonly gapWidth: i32,
    private readonly maxDoc: i32,
  ) {
    super()
  }

  protected approximation(): Array<i32> {
    const docs = new Array<i32>(this.maxDoc)
    for (let i = 0; i < this.maxDoc; i++) docs[i] = i
    return docs
  }

  matchDoc(doc: i32): bool {
    this.position = -1
    return true
  }

  nextStartPosition(): i32 {
    return ++this.position
  }

  skipToPosition(position: i32): i32 {
    return (this.position = position)
  }

  startPosition(): i32 {
    return this.position
  }

  endPosition(): i32 {
    return this.position + this.gapWidth
  }

  width(): i32 {
    return this.gapWidth
  }
}

/** Lucene's PriorityQueue (a 1-based binary heap) of spans, ordered by start position, then end position. */
export class SpanQueue {
  private readonly heap: Array<Spans>
  size: i32 = 0

  constructor(capacity: i32) {
    this.heap = new Array<Spans>(capacity + 1)
  }

  private lessThan(a: Spans, b: Spans): bool {
    const startA = a.startPosition()
    const startB = b.startPosition()
    return startA < startB || (startA == startB && a.endPosition() < b.endPosition())
  }

  clear(): void {
    this.size = 0
  }

  top(): Spans {
    return this.heap[1]
  }

  add(spans: Spans): void {
    const heap = this.heap
    let i = ++this.size
    let j = i >>> 1
    while (j > 0 && this.lessThan(spans, heap[j])) {
      heap[i] = heap[j]
      i = j
      j >>>= 1
    }
    heap[i] = spans
  }

  updateTop(): Spans {
    const heap = this.heap
    const size = this.size
    const node = heap[1]
    let i = 1
    let j = 2
    if (j + 1 <= size && this.lessThan(heap[j + 1], heap[j])) j++
    while (j <= size && this.lessThan(heap[j], node)) {
      heap[i] = heap[j]
      i = j
      j = i << 1
      if (j + 1 <= size && this.lessThan(heap[j + 1], heap[j])) j++
    }
    heap[i] = node
    return heap[1]
  }
}

/** SpanOrQuery's spans (two or more sub-spans): the matches of every sub-spans matching the document, merged. */
export class OrSpans extends Spans {
  private readonly queue: SpanQueue
  private readonly matching: Array<bool>
  private topPositionSpans: Spans | null = null

  constructor(private readonly subSpans: Array<Spans>) {
    super()
    this.queue = new SpanQueue(subSpans.length)
    this.matching = new Array<bool>(subSpans.length).fill(false)
  }

  protected approximation(): Array<i32> {
    let docs = this.subSpans[0].candidates()
    for (let i = 1; i < this.subSpans.length; i++) docs = union(docs, this.subSpans[i].candidates())
    return docs
  }

  matchDoc(doc: i32): bool {
    let any = false
    for (let i = 0; i < this.subSpans.length; i++) {
      const spans = this.subSpans[i]
      this.matching[i] = spans.isCandidate(doc) && spans.matchDoc(doc)
      any = any || this.matching[i]
    }
    this.topPositionSpans = null
    return any
  }

  nextStartPosition(): i32 {
    let top = this.topPositionSpans
    if (top == null) {
      this.queue.clear()
      for (let i = 0; i < this.subSpans.length; i++) {
        if (!this.matching[i]) continue
        this.subSpans[i].nextStartPosition()
        this.queue.add(this.subSpans[i])
      }
      top = this.queue.top()
    } else {
      top.nextStartPosition()
      top = this.queue.updateTop()
    }
    this.topPositionSpans = top
    return top.startPosition()
  }

  startPosition(): i32 {
    const top = this.topPositionSpans
    return top == null ? -1 : top.startPosition()
  }

  endPosition(): i32 {
    const top = this.topPositionSpans
    return top == null ? -1 : top.endPosition()
  }

  width(): i32 {
    return this.topPositionSpans!.width()
  }
}
