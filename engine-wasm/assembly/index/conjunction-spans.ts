// The span iterators that need every sub-spans in the document (Lucene's ConjunctionSpans): NearSpansOrdered,
// NearSpansUnordered, and ContainSpans for SpanContainingQuery and SpanWithinQuery. Protocol in spans.ts.
import { intersect } from './doc-id-sets'
import { GapSpans, NO_MORE_POSITIONS, SpanQueue, Spans } from './spans'

/** ConjunctionSpans: every sub-spans must match in the document before the conjunction's own check runs. */
abstract class ConjunctionSpans extends Spans {
  atFirstInCurrentDoc: bool = true
  oneExhaustedInCurrentDoc: bool = false

  constructor(readonly subSpans: Array<Spans>) {
    super()
  }

  protected approximation(): Array<i32> {
    let docs = this.subSpans[0].candidates()
    for (let i = 1; i < this.subSpans.length; i++) docs = intersect(docs, this.subSpans[i].candidates())
    return docs
  }

  matchDoc(doc: i32): bool {
    for (let i = 0; i < this.subSpans.length; i++) if (!this.subSpans[i].matchDoc(doc)) return false
    this.oneExhaustedInCurrentDoc = false
    return this.twoPhaseCurrentDocMatches()
  }

  abstract twoPhaseCurrentDocMatches(): bool
}

/** NearSpansOrdered: sub-spans in order, not overlapping, their gaps (the width) at most the slop. */
export class NearSpansOrdered extends ConjunctionSpans {
  private matchStart: i32 = -1
  private matchEnd: i32 = -1
  private matchWidth: i32 = -1

  constructor(
    private readonly allowedSlop: i32,
    subSpans: Array<Spans>,
  ) {
    super(subSpans)
  }

  twoPhaseCurrentDocMatches(): bool {
    this.oneExhaustedInCurrentDoc = false
    while (this.subSpans[0].nextStartPosition() != NO_MORE_POSITIONS && !this.oneExhaustedInCurrentDoc) {
      if (this.stretchToOrder() && this.matchWidth <= this.allowedSlop)
        return (this.atFirstInCurrentDoc = true)
    }
    return false
  }

  nextStartPosition(): i32 {
    if (this.atFirstInCurrentDoc) {
      this.atFirstInCurrentDoc = false
      return this.matchStart
    }
    this.oneExhaustedInCurrentDoc = false
    while (this.subSpans[0].nextStartPosition() != NO_MORE_POSITIONS && !this.oneExhaustedInCurrentDoc) {
      if (this.stretchToOrder() && this.matchWidth <= this.allowedSlop) return this.matchStart
    }
    this.matchEnd = NO_MORE_POSITIONS
    return (this.matchStart = NO_MORE_POSITIONS)
  }

  private stretchToOrder(): bool {
    let prev = this.subSpans[0]
    this.matchStart = prev.startPosition()
    this.matchWidth = 0
    for (let i = 1; i < this.subSpans.length; i++) {
      const spans = this.subSpans[i]
      // advancePosition: a gap skips to the previous span's end, other spans move to their first start there
      if (spans instanceof GapSpans) (<GapSpans>spans).skipToPosition(prev.endPosition())
      else while (spans.startPosition() < prev.endPosition()) spans.nextStartPosition()
      if (spans.startPosition() == NO_MORE_POSITIONS) {
        this.oneExhaustedInCurrentDoc = true
        return false
      }
      this.matchWidth += spans.startPosition() - prev.endPosition()
      prev = spans
    }
    this.matchEnd = this.subSpans[this.subSpans.length - 1].endPosition()
    return true
  }

  startPosition(): i32 {
    return this.atFirstInCurrentDoc ? -1 : this.matchStart
  }

  endPosition(): i32 {
    return this.atFirstInCurrentDoc ? -1 : this.matchEnd
  }

  width(): i32 {
    return this.matchWidth
  }
}

/**
 * NearSpansUnordered: a window holding one span of every sub-spans; a match when the window's length minus the
 * lengths of its spans is at most the slop; the width is the window's length.
 */
export class NearSpansUnordered extends ConjunctionSpans {
  private readonly window: SpanQueue
  private totalSpanLength: i32 = 0
  private maxEndPosition: i32 = -1

  constructor(
    private readonly allowedSlop: i32,
    subSpans: Array<Spans>,
  ) {
    super(subSpans)
    this.window = new SpanQueue(subSpans.length)
  }

  private startDocument(): void {
    this.window.clear()
    this.totalSpanLength = 0
    this.maxEndPosition = -1
    for (let i = 0; i < this.subSpans.length; i++) {
      const spans = this.subSpans[i]
      spans.nextStartPosition()
      this.window.add(spans)
      if (spans.endPosition() > this.maxEndPosition) this.maxEndPosition = spans.endPosition()
      this.totalSpanLength += spans.endPosition() - spans.startPosition()
    }
  }

  private nextPosition(): bool {
    const top = this.window.top()
    let spanLength = top.endPosition() - top.startPosition()
    if (top.nextStartPosition() == NO_MORE_POSITIONS) return false
    this.totalSpanLength -= spanLength
    spanLength = top.endPosition() - top.startPosition()
    this.totalSpanLength += spanLength
    if (top.endPosition() > this.maxEndPosition) this.maxEndPosition = top.endPosition()
    this.window.updateTop()
    return true
  }

  private atMatch(): bool {
    return this.maxEndPosition - this.window.top().startPosition() - this.totalSpanLength <= this.allowedSlop
  }

  twoPhaseCurrentDocMatches(): bool {
    this.startDocument()
    while (true) {
      if (this.atMatch()) {
        this.atFirstInCurrentDoc = true
        this.oneExhaustedInCurrentDoc = false
        return true
      }
      if (!this.nextPosition()) return false
    }
  }

  nextStartPosition(): i32 {
    if (this.atFirstInCurrentDoc) {
      this.atFirstInCurrentDoc = false
      return this.window.top().startPosition()
    }
    while (true) {
      if (!this.nextPosition()) {
        this.oneExhaustedInCurrentDoc = true
        return NO_MORE_POSITIONS
      }
      if (this.atMatch()) return this.window.top().startPosition()
    }
  }

  startPosition(): i32 {
    if (this.atFirstInCurrentDoc) return -1
    return this.oneExhaustedInCurrentDoc ? NO_MORE_POSITIONS : this.window.top().startPosition()
  }

  endPosition(): i32 {
    if (this.atFirstInCurrentDoc) return -1
    return this.oneExhaustedInCurrentDoc ? NO_MORE_POSITIONS : this.maxEndPosition
  }

  width(): i32 {
    return this.maxEndPosition - this.window.top().startPosition()
  }
}

/** SpanContainingQuery (containing) and SpanWithinQuery (!containing): big's matches holding a little one, or little's inside a big one. */
export class ContainSpans extends ConjunctionSpans {
  constructor(
    private readonly big: Spans,
    private readonly little: Spans,
    private readonly containing: bool,
  ) {
    super([big, little])
  }

  private get source(): Spans {
    return this.containing ? this.big : this.little
  }

  /** The next match of the source in the document (false when one of the two ran out). */
  private advance(): bool {
    const big = this.big
    const little = this.little
    if (this.containing) {
      while (big.nextStartPosition() != NO_MORE_POSITIONS) {
        while (little.startPosition() < big.startPosition()) {
          if (little.nextStartPosition() == NO_MORE_POSITIONS) return false
        }
        if (big.endPosition() >= little.endPosition()) return true
      }
      return false
    }
    while (little.nextStartPosition() != NO_MORE_POSITIONS) {
      while (big.endPosition() < little.endPosition()) {
        if (big.nextStartPosition() == NO_MORE_POSITIONS) return false
      }
      if (big.startPosition() <= little.startPosition()) return true
    }
    return false
  }

  twoPhaseCurrentDocMatches(): bool {
    this.oneExhaustedInCurrentDoc = false
    if (this.advance()) return (this.atFirstInCurrentDoc = true)
    this.oneExhaustedInCurrentDoc = true
    return false
  }

  nextStartPosition(): i32 {
    if (this.atFirstInCurrentDoc) {
      this.atFirstInCurrentDoc = false
      return this.source.startPosition()
    }
    if (this.advance()) return this.source.startPosition()
    this.oneExhaustedInCurrentDoc = true
    return NO_MORE_POSITIONS
  }

  startPosition(): i32 {
    if (this.atFirstInCurrentDoc) return -1
    return this.oneExhaustedInCurrentDoc ? NO_MORE_POSITIONS : this.source.startPosition()
  }

  endPosition(): i32 {
    if (this.atFirstInCurrentDoc) return -1
    return this.oneExhaustedInCurrentDoc ? NO_MORE_POSITIONS : this.source.endPosition()
  }

  width(): i32 {
    return this.source.width()
  }
}
