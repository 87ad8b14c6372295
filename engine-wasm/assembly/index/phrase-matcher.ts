// Phrase frequency of one document, as Lucene's PhraseQuery computes it.
//   slop 0 (ExactPhraseMatcher): freq = number of positions p where every term i occurs at p + offset_i.
//   slop > 0 (SloppyPhraseMatcher): the same greedy walk as Lucene: phrase positions (term position - offset) in a
//   queue ordered by (position, offset, ord); each match whose length (end - min position) is <= slop adds
//   1f / (1f + matchLength) in float. Terms repeated in the phrase form repeat groups that may not share a position.
// PhrasePositions come in the order Lucene's matcher gets them (see query.ts), which fixes each one's ord. They are
// generic over their postings P: a term's Postings, or the UnionPostings of a MultiPhraseQuery position (P has docs,
// freqs, posStarts and positions indexable with [], and docFreq).
export class PhrasePositions<P> {
  position: i32 = 0
  /** Index in the matcher's array, fixed after sorting. */
  ord: i32 = 0
  rptGroup: i32 = -1
  rptInd: i32 = 0
  private cursor: i32 = 0
  private remaining: i32 = 0

  constructor(
    readonly postings: P,
    readonly term: string,
    readonly offset: i32,
  ) {}

  /** Positions the iterator before the first position of postings entry `entry` and reads the first one. */
  first(entry: i32): void {
    this.cursor = this.postings.posStarts[entry]
    this.remaining = this.postings.freqs[entry]
    this.nextPosition()
  }

  nextPosition(): bool {
    if (this.remaining == 0) return false
    this.remaining--
    this.position = this.postings.positions[this.cursor++] - this.offset
    return true
  }
}

export function exactPhraseFreq<P>(pps: Array<PhrasePositions<P>>, entries: Array<i32>): f32 {
  const lead = pps[0]
  const postings = lead.postings
  const leadStart = postings.posStarts[entries[0]]
  const leadEnd = leadStart + postings.freqs[entries[0]]
  for (let i = 1; i < pps.length; i++) pps[i].first(entries[i])
  let freq = 0
  for (let at = leadStart; at < leadEnd; at++) {
    const target = postings.positions[at] - lead.offset
    let all = true
    for (let i = 1; i < pps.length && all; i++) {
      const pp = pps[i]
      while (pp.position < target && pp.nextPosition()) {}
      if (pp.position != target) all = false
    }
    if (all) freq++
  }
  return <f32>freq
}

export class SloppyPhraseMatcher<P> {
  private readonly groups: Array<Array<PhrasePositions<P>>> = new Array<Array<PhrasePositions<P>>>()
  private readonly inQueue: Array<bool>
  private end: i32 = 0
  private matchLength: i32 = 0
  private positioned: bool = false

  constructor(
    private readonly pps: Array<PhrasePositions<P>>,
    private readonly slop: i32,
  ) {
    this.inQueue = new Array<bool>(pps.length).fill(false)
    this.gatherRepeatGroups()
  }

  freq(entries: Array<i32>): f32 {
    this.positioned = this.init(entries)
    let freq: f32 = 0
    while (this.nextMatch()) freq += <f32>1 / (<f32>1 + <f32>this.matchLength)
    return freq
  }

  /** Groups of phrase positions with the same term at different offsets, each sorted by offset. */
  private gatherRepeatGroups(): void {
    const pps = this.pps
    for (let i = 0; i < pps.length; i++) {
      const pp = pps[i]
      if (pp.rptGroup >= 0) continue
      for (let j = i + 1; j < pps.length; j++) {
        const pp2 = pps[j]
        if (pp2.rptGroup >= 0 || pp2.offset == pp.offset || pp2.term != pp.term) continue
        if (pp.rptGroup < 0) {
          pp.rptGroup = this.groups.length
          this.groups.push([pp])
        }
        pp2.rptGroup = pp.rptGroup
        this.groups[pp.rptGroup].push(pp2)
      }
    }
    for (let g = 0; g < this.groups.length; g++) {
      const group = this.groups[g]
      // insertion sort: stable, by offset
      for (let i = 1; i < group.length; i++) {
        const pp = group[i]
        let j = i - 1
        while (j >= 0 && group[j].offset > pp.offset) {
          group[j + 1] = group[j]
          j--
        }
        group[j + 1] = pp
      }
      for (let i = 0; i < group.length; i++) group[i].rptInd = i
    }
  }

  private init(entries: Array<i32>): bool {
    const pps = this.pps
    for (let i = 0; i < pps.length; i++) pps[i].first(entries[i])
    for (let g = 0; g < this.groups.length; g++) {
      const group = this.groups[g]
      for (let j = 1; j < group.length; j++) {
        for (let k = 0; k < j; k++) if (!group[j].nextPosition()) return false
      }
    }
    this.end = i32.MIN_VALUE
    for (let i = 0; i < pps.length; i++) {
      this.end = max(this.end, pps[i].position)
      this.inQueue[i] = true
    }
    return true
  }

  private lessThan(a: PhrasePositions<P>, b: PhrasePositions<P>): bool {
    if (a.position != b.position) return a.position < b.position
    if (a.offset != b.offset) return a.offset < b.offset
    return a.ord < b.ord
  }

  private top(): PhrasePositions<P> {
    let best: PhrasePositions<P> | null = null
    for (let i = 0; i < this.pps.length; i++) {
      const pp = this.pps[i]
      if (this.inQueue[i] && (best == null || this.lessThan(pp, best))) best = pp
    }
    return best!
  }

  private pop(): PhrasePositions<P> {
    const pp = this.top()
    this.inQueue[pp.ord] = false
    return pp
  }

  private advance(pp: PhrasePositions<P>): bool {
    if (!pp.nextPosition()) return false
    if (pp.position > this.end) this.end = pp.position
    return true
  }

  /** After pp moved: while it shares a document position with a repeat of its term, move the lesser one on. */
  private advanceRepeats(moved: PhrasePositions<P>): bool {
    if (moved.rptGroup < 0) return true
    const group = this.groups[moved.rptGroup]
    let pp = moved
    for (let k = this.collide(pp, group); k >= 0; k = this.collide(pp, group)) {
      const other = group[k]
      if (other.position < pp.position || (other.position == pp.position && other.offset < pp.offset))
        pp = other
      if (!this.advance(pp)) return false
    }
    return true
  }

  private collide(pp: PhrasePositions<P>, group: Array<PhrasePositions<P>>): i32 {
    const tpPos = pp.position + pp.offset
    for (let i = 0; i < group.length; i++) {
      const other = group[i]
      if (other != pp && other.position + other.offset == tpPos) return other.rptInd
    }
    return -1
  }

  private nextMatch(): bool {
    if (!this.positioned) return false
    let pp = this.pop()
    this.matchLength = this.end - pp.position
    let next = this.top().position
    while (this.advance(pp)) {
      if (!this.advanceRepeats(pp)) break
      if (pp.position > next) {
        this.inQueue[pp.ord] = true
        if (this.matchLength <= this.slop) return true
        pp = this.pop()
        next = this.top().position
        this.matchLength = this.end - pp.position
      } else {
        this.matchLength = min(this.matchLength, this.end - pp.position)
      }
    }
    this.positioned = false
    return this.matchLength <= this.slop
  }
}
