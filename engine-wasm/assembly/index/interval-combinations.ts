// The interval iterators that combine others (protocol in intervals.ts), each Lucene 9's step by step:
// OrderedIntervalIterator, UnorderedIntervalIterator and BlockIntervalIterator (minimal intervals over all subs);
// MaxGaps (FilteredIntervalsSource's IntervalFilter: the inner intervals with at most n gaps); the
// FilteringIntervalIterators of CONTAINING / CONTAINED_BY / OVERLAPPING (a conjunction whose reset moves the
// reference to its first interval, `bpos` false once it has none); the RelativeIterators of NOT_CONTAINING /
// NOT_CONTAINED_BY / NON_OVERLAPPING (the minuend's documents, the subtrahend positioned when it is on the same one);
// ExtendedIntervalIterator and OffsetIntervalsSource's PRECEDING / FOLLOWING pseudo-intervals (before / after).
import { ConjunctionIntervals, IntervalIterator, IntervalQueue, NO_MORE_INTERVALS } from './intervals'

/** OrderedIntervalIterator: the subs' intervals in order, not overlapping, minimized. */
export class OrderedIntervals extends ConjunctionIntervals {
  private from: i32 = -1
  private to: i32 = -1
  private slop: i32 = -1

  protected reset(): void {
    this.subs[0].nextInterval()
    this.from = this.to = this.slop = -1
  }

  nextInterval(): i32 {
    const subs = this.subs
    const n = subs.length
    this.from = this.to = this.slop = NO_MORE_INTERVALS
    let lastStart = i32.MAX_VALUE
    let minimizing = false
    let i = 1
    while (true) {
      while (true) {
        if (subs[i - 1].end() >= lastStart) return this.from
        if (i == n || (minimizing && subs[i].start() > subs[i - 1].end())) break
        do {
          if (subs[i].end() >= lastStart || subs[i].nextInterval() == NO_MORE_INTERVALS) return this.from
        } while (subs[i].start() <= subs[i - 1].end())
        i++
      }
      this.from = subs[0].start()
      if (this.from == NO_MORE_INTERVALS) return (this.to = NO_MORE_INTERVALS)
      this.to = subs[n - 1].end()
      let slop = this.to - this.from + 1
      for (let j = 0; j < n; j++) slop -= subs[j].width()
      this.slop = slop
      lastStart = subs[n - 1].start()
      i = 1
      if (subs[0].nextInterval() == NO_MORE_INTERVALS) return this.from
      minimizing = true
    }
  }

  start(): i32 {
    return this.from
  }

  end(): i32 {
    return this.to
  }

  gaps(): i32 {
    return this.slop
  }
}

/** UnorderedIntervalIterator: intervals holding an interval of every sub, in any order, minimized. */
export class UnorderedIntervals extends ConjunctionIntervals {
  private readonly queue: IntervalQueue
  private from: i32 = -1
  private to: i32 = -1
  private slop: i32 = 0
  private queueEnd: i32 = -1

  constructor(subs: Array<IntervalIterator>) {
    super(subs)
    this.queue = new IntervalQueue(subs.length, false)
  }

  protected reset(): void {
    this.queueEnd = this.from = this.to = -1
    this.queue.clear()
    for (let i = 0; i < this.subs.length; i++) {
      const it = this.subs[i]
      if (it.nextInterval() == NO_MORE_INTERVALS) break
      this.add(it)
    }
  }

  private add(it: IntervalIterator): void {
    this.queue.add(it)
    if (it.end() > this.queueEnd) this.queueEnd = it.end()
  }

  nextInterval(): i32 {
    const queue = this.queue
    const n = this.subs.length
    while (queue.size == n && queue.top().start() == this.from) {
      const it = queue.pop()
      if (it.nextInterval() != NO_MORE_INTERVALS) this.add(it)
    }
    if (queue.size < n) return (this.from = this.to = NO_MORE_INTERVALS)
    do {
      this.from = queue.top().start()
      this.to = this.queueEnd
      let slop = this.width()
      for (let i = 0; i < n; i++) slop -= this.subs[i].width()
      this.slop = slop
      if (queue.top().end() == this.to) return this.from
      const it = queue.pop()
      if (it.nextInterval() != NO_MORE_INTERVALS) this.add(it)
    } while (queue.size == n && this.to == this.queueEnd)
    return this.from
  }

  start(): i32 {
    return this.from
  }

  end(): i32 {
    return this.to
  }

  gaps(): i32 {
    return this.slop
  }
}

/** BlockIntervalIterator: the subs' intervals one right after the other (a phrase). */
export class BlockIntervals extends ConjunctionIntervals {
  private from: i32 = -1
  private to: i32 = -1

  protected reset(): void {
    this.from = this.to = -1
  }

  nextInterval(): i32 {
    const subs = this.subs
    if (subs[0].nextInterval() == NO_MORE_INTERVALS) return (this.from = this.to = NO_MORE_INTERVALS)
    let i = 1
    while (i < subs.length) {
      while (subs[i].start() <= subs[i - 1].end()) {
        if (subs[i].nextInterval() == NO_MORE_INTERVALS) return (this.from = this.to = NO_MORE_INTERVALS)
      }
      if (subs[i].start() == subs[i - 1].end() + 1) {
        i = i + 1
      } else {
        if (subs[0].nextInterval() == NO_MORE_INTERVALS) return (this.from = this.to = NO_MORE_INTERVALS)
        i = 1
      }
    }
    this.from = subs[0].start()
    this.to = subs[subs.length - 1].end()
    return this.from
  }

  start(): i32 {
    return this.from
  }

  end(): i32 {
    return this.to
  }

  gaps(): i32 {
    return 0
  }
}

/** An iterator passing another's intervals through (IntervalFilter, the extending and offsetting wrappers). */
abstract class WrappedIntervals extends IntervalIterator {
  constructor(protected readonly inner: IntervalIterator) {
    super()
  }

  protected approximation(): Array<i32> {
    return this.inner.candidates()
  }

  matchDoc(doc: i32): void {
    this.inner.matchDoc(doc)
  }

  start(): i32 {
    return this.inner.start()
  }

  end(): i32 {
    return this.inner.end()
  }

  gaps(): i32 {
    return this.inner.gaps()
  }
}

/** FilteredIntervalsSource.maxGaps: the inner intervals with at most `maxGaps` gaps. */
export class MaxGapsIntervals extends WrappedIntervals {
  constructor(
    inner: IntervalIterator,
    private readonly maxGaps: i32,
  ) {
    super(inner)
  }

  nextInterval(): i32 {
    let next: i32
    do {
      next = this.inner.nextInterval()
    } while (next != NO_MORE_INTERVALS && this.inner.gaps() > this.maxGaps)
    return next
  }
}

/** ExtendedIntervalIterator: each inner interval widened by `before` and `after` positions. */
export class ExtendedIntervals extends WrappedIntervals {
  private positioned: bool = false

  constructor(
    inner: IntervalIterator,
    private readonly before: i32,
    private readonly after: i32,
  ) {
    super(inner)
  }

  matchDoc(doc: i32): void {
    this.positioned = false
    this.inner.matchDoc(doc)
  }

  start(): i32 {
    if (!this.positioned) return -1
    const start = this.inner.start()
    if (start == NO_MORE_INTERVALS) return NO_MORE_INTERVALS
    const extended = start - this.before
    return extended > 0 ? extended : 0
  }

  end(): i32 {
    if (!this.positioned) return -1
    let end = this.inner.end()
    if (end == NO_MORE_INTERVALS) return NO_MORE_INTERVALS
    end += this.after
    if (end < 0 || end == NO_MORE_INTERVALS) end = NO_MORE_INTERVALS - 1
    return end
  }

  nextInterval(): i32 {
    this.positioned = true
    this.inner.nextInterval()
    return this.start()
  }
}

/** OffsetIntervalsSource: the position just before (PRECEDING) or just after (FOLLOWING) each inner interval. */
export class OffsetIntervals extends WrappedIntervals {
  constructor(
    inner: IntervalIterator,
    private readonly before: bool,
  ) {
    super(inner)
  }

  start(): i32 {
    if (this.before) {
      const pos = this.inner.start()
      if (pos == -1 || pos == NO_MORE_INTERVALS) return pos
      return pos - 1 > 0 ? pos - 1 : 0
    }
    const pos = this.inner.end() + 1
    if (pos == 0) return -1
    if (pos < 0) return i32.MAX_VALUE
    if (pos == i32.MAX_VALUE) return i32.MAX_VALUE - 1
    return pos
  }

  end(): i32 {
    return this.start()
  }

  gaps(): i32 {
    return 0
  }

  nextInterval(): i32 {
    this.inner.nextInterval()
    return this.start()
  }
}
