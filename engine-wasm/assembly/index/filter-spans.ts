// FilterSpans: the matches of an inner spans that an accept check lets through, as Lucene's FilterSpans, with
// SpanFirstQuery's check (FirstSpans) and SpanNotQuery's (NotSpans). Protocol in spans.ts.
import { NO_MORE_POSITIONS, Spans } from './spans'

const YES: i32 = 0
const NO: i32 = 1
const NO_MORE_IN_CURRENT_DOC: i32 = 2

/** FilterSpans: the matches of `inner` that `accept` lets through (YES, NO, NO_MORE_IN_CURRENT_DOC). */
abstract class FilterSpans extends Spans {
  private atFirstInCurrentDoc: bool = false
  private startPos: i32 = -1

  constructor(protected readonly inner: Spans) {
    super()
  }

  protected approximation(): Array<i32> {
    return this.inner.candidates()
  }

  protected abstract accept(): i32

  /** Called when the inner spans matched a new document, before its first accept. */
  protected startDoc(doc: i32): void {}

  matchDoc(doc: i32): bool {
    if (!this.inner.matchDoc(doc)) return false
    this.startDoc(doc)
    this.atFirstInCurrentDoc = false
    this.startPos = this.inner.nextStartPosition()
    while (true) {
      const status = this.accept()
      if (status == YES) return (this.atFirstInCurrentDoc = true)
      if (status == NO) {
        this.startPos = this.inner.nextStartPosition()
        if (this.startPos != NO_MORE_POSITIONS) continue
      }
      this.startPos = -1
      return false
    }
  }

  nextStartPosition(): i32 {
    if (this.atFirstInCurrentDoc) {
      this.atFirstInCurrentDoc = false
      return this.startPos
    }
    while (true) {
      this.startPos = this.inner.nextStartPosition()
      if (this.startPos == NO_MORE_POSITIONS) return NO_MORE_POSITIONS
      const status = this.accept()
      if (status == YES) return this.startPos
      if (status == NO_MORE_IN_CURRENT_DOC) return (this.startPos = NO_MORE_POSITIONS)
    }
  }

  startPosition(): i32 {
    return this.atFirstInCurrentDoc ? -1 : this.startPos
  }

  endPosition(): i32 {
    if (this.atFirstInCurrentDoc) return -1
    return this.startPos != NO_MORE_POSITIONS ? this.inner.endPosition() : NO_MORE_POSITIONS
  }

  width(): i32 {
    return this.inner.width()
  }
}

/** SpanFirstQuery: matches ending at or before `end`; none after one starting at or after it. */
export class FirstSpans extends FilterSpans {
  constructor(
    inner: Spans,
    private readonly end: i32,
  ) {
    super(inner)
  }

  protected accept(): i32 {
    if (this.inner.startPosition() >= this.end) return NO_MORE_IN_CURRENT_DOC
    return this.inner.endPosition() <= this.end ? YES : NO
  }
}

/**
 * SpanNotQuery: matches of `include` no match of `exclude` overlaps, the include widened by `pre` positions before
 * and `post` after. Within a document the exclude moves on from where the previous include match left it.
 */
export class NotSpans extends FilterSpans {
  private excludeMatches: bool = false

  constructor(
    inner: Spans,
    private readonly exclude: Spans,
    private readonly pre: i32,
    private readonly post: i32,
  ) {
    super(inner)
  }

  protected startDoc(doc: i32): void {
    this.excludeMatches = this.exclude.isCandidate(doc) && this.exclude.matchDoc(doc)
  }

  protected accept(): i32 {
    if (!this.excludeMatches) return YES
    const exclude = this.exclude
    if (exclude.startPosition() == -1) exclude.nextStartPosition()
    const start = this.inner.startPosition()
    while (exclude.endPosition() <= start - this.pre) {
      if (exclude.nextStartPosition() == NO_MORE_POSITIONS) return YES
    }
    return exclude.startPosition() - this.post >= this.inner.endPosition() ? YES : NO
  }
}
