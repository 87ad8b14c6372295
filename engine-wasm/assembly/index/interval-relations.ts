// The interval filters relating a source `a` to a reference `b` (protocol in intervals.ts), Lucene 9's step by step:
//   FilteringIntervalIterator (a conjunction: both on the document; reset moves b to its first interval, `bpos`
//   false when it has none): CONTAINING (a holds a b), CONTAINED_BY (a inside a b), OVERLAPPING (a meets a b);
//   RelativeIterator (a's documents; `bpos` whether b is on the same document): NOT_CONTAINING, NOT_CONTAINED_BY,
//   NON_OVERLAPPING, which pass every interval of a when b is not on the document.
import { ConjunctionIntervals, IntervalIterator, NO_MORE_INTERVALS } from './intervals'

export const CONTAINING: u32 = 0
export const CONTAINED_BY: u32 = 1
export const OVERLAPPING: u32 = 2
export const NOT_CONTAINING: u32 = 3
export const NOT_CONTAINED_BY: u32 = 4
export const NON_OVERLAPPING: u32 = 5

export class FilteringIntervals extends ConjunctionIntervals {
  private bpos: bool = false

  constructor(
    a: IntervalIterator,
    b: IntervalIterator,
    private readonly relation: u32,
  ) {
    super([a, b])
  }

  protected reset(): void {
    this.bpos = this.subs[1].nextInterval() != NO_MORE_INTERVALS
  }

  nextInterval(): i32 {
    if (!this.bpos) return NO_MORE_INTERVALS
    const a = this.subs[0]
    const b = this.subs[1]
    const relation = this.relation
    while (a.nextInterval() != NO_MORE_INTERVALS) {
      if (relation == CONTAINING) {
        while (b.start() < a.start() && b.end() < a.end()) {
          if (b.nextInterval() == NO_MORE_INTERVALS) return NO_MORE_INTERVALS
        }
        if (a.start() <= b.start() && a.end() >= b.end()) return a.start()
      } else if (relation == CONTAINED_BY) {
        while (b.end() < a.end()) {
          if (b.nextInterval() == NO_MORE_INTERVALS) return this.exhausted()
        }
        if (b.start() <= a.start()) return a.start()
      } else {
        while (b.end() < a.start()) {
          if (b.nextInterval() == NO_MORE_INTERVALS) return this.exhausted()
        }
        if (b.start() <= a.end()) return a.start()
      }
    }
    return relation == CONTAINING ? NO_MORE_INTERVALS : this.exhausted()
  }

  private exhausted(): i32 {
    this.bpos = false
    return NO_MORE_INTERVALS
  }

  start(): i32 {
    return this.bpos ? this.subs[0].start() : NO_MORE_INTERVALS
  }

  end(): i32 {
    return this.bpos ? this.subs[0].end() : NO_MORE_INTERVALS
  }

  gaps(): i32 {
    return this.subs[0].gaps()
  }
}

export class RelativeIntervals extends IntervalIterator {
  private bpos: bool = false

  constructor(
    private readonly a: IntervalIterator,
    private readonly b: IntervalIterator,
    private readonly relation: u32,
  ) {
    super()
  }

  protected approximation(): Array<i32> {
    return this.a.candidates()
  }

  matchDoc(doc: i32): void {
    this.a.matchDoc(doc)
    this.bpos = this.b.isCandidate(doc)
    if (this.bpos) this.b.matchDoc(doc)
  }

  nextInterval(): i32 {
    const a = this.a
    const b = this.b
    if (!this.bpos) return a.nextInterval()
    const relation = this.relation
    while (a.nextInterval() != NO_MORE_INTERVALS) {
      if (relation == NOT_CONTAINING) {
        while (b.start() < a.start() && b.end() < a.end()) {
          if (b.nextInterval() == NO_MORE_INTERVALS) {
            this.bpos = false
            return a.start()
          }
        }
        if (b.start() > a.end()) return a.start()
      } else if (relation == NOT_CONTAINED_BY) {
        while (b.end() < a.end()) {
          if (b.nextInterval() == NO_MORE_INTERVALS) return a.start()
        }
        if (a.start() < b.start()) return a.start()
      } else {
        while (b.end() < a.start()) {
          if (b.nextInterval() == NO_MORE_INTERVALS) {
            this.bpos = false
            return a.start()
          }
        }
        if (b.start() > a.end()) return a.start()
      }
    }
    return NO_MORE_INTERVALS
  }

  start(): i32 {
    return this.a.start()
  }

  end(): i32 {
    return this.a.end()
  }

  gaps(): i32 {
    return this.a.gaps()
  }
}
