// INTERVALS: Lucene 9's IntervalQuery (IntervalWeight, IntervalScorer) over the current segment.
// Program operands after the op code (see query.ts): f32 boost, i32 minExtent (the source's minExtent), then the
// source tree in pre-order, each leaf naming its field (a FixedFieldIntervalsSource's or the query's):
//   TERM 1            string field, string term                 TermIntervalsSource
//   TERMS 2           string field, i32 n, n x string term      MultiTermIntervalsSource, expanded (a disjunction)
//   OR 3              i32 n, n nodes                            DisjunctionIntervalsSource
//   ORDERED 4, UNORDERED 5, BLOCK 6   i32 n, n nodes            OrderedIntervalsSource, Unordered..., Block...
//   MAXGAPS 7         i32 gaps, node                            FilteredIntervalsSource.maxGaps
//   RELATION 8        u32 relation (interval-relations.ts), node a, node b
//   EXTEND 9          i32 before, i32 after, node               ExtendedIntervalsSource
//   OFFSET 10         u32 before, node                          OffsetIntervalsSource (PRECEDING / FOLLOWING)
//   NONE 11                                                     ES's IntervalBuilder.NO_INTERVALS
// A node without intervals in the segment (a term it lacks) is null, as IntervalsSource.intervals answers null: a
// conjunction or filter with a null sub is null, a disjunction drops it, a difference without a subtrahend is its
// minuend. Scoring (IntervalScorer): per document, freq = sum over its intervals of 1 / max(width - minExtent + 1, 1)
// in float; score = boost * (1 - pivot / (pivot + freq)) with pivot 1 (IntervalScoreFunction's saturation).
import { ByteReader } from './byte-reader'
import { DocScores } from './doc-scores'
import { WEIGHT_NO_TERMS } from './explain-trace'
import {
  BlockIntervals,
  ExtendedIntervals,
  MaxGapsIntervals,
  OffsetIntervals,
  OrderedIntervals,
  UnorderedIntervals,
} from './interval-combinations'
import {
  CONTAINED_BY,
  CONTAINING,
  FilteringIntervals,
  OVERLAPPING,
  RelativeIntervals,
} from './interval-relations'
import { IntervalIterator, NO_MORE_INTERVALS, OrIntervals, TermIntervals } from './intervals'
import { allocated } from './safe-points'
import { SearchContext } from './search-context'

const TERM: u32 = 1
const TERMS: u32 = 2
const OR: u32 = 3
const ORDERED: u32 = 4
const UNORDERED: u32 = 5
const BLOCK: u32 = 6
const MAXGAPS: u32 = 7
const RELATION: u32 = 8
const EXTEND: u32 = 9
const OFFSET: u32 = 10

function termIntervals(ctx: SearchContext, name: string, term: string): IntervalIterator | null {
  const field = ctx.field(name)
  const postings = field != null ? field.terms.get(term) : null
  return postings != null ? new TermIntervals(postings) : null
}

function readChildren(ctx: SearchContext, reader: ByteReader): Array<IntervalIterator | null> {
  const n = reader.i32()
  const subs = new Array<IntervalIterator | null>()
  for (let i = 0; i < n; i++) subs.push(readIntervals(ctx, reader))
  return subs
}

/** The sub-iterators that exist, or null when `all` are needed and one is missing (or there are none). */
function present(subs: Array<IntervalIterator | null>, all: bool): Array<IntervalIterator> | null {
  const out = new Array<IntervalIterator>()
  for (let i = 0; i < subs.length; i++) {
    const sub = subs[i]
    if (sub != null) out.push(sub)
    else if (all) return null
  }
  return out.length > 0 ? out : null
}

/** Reads one node (and its subtree): its iterator in the segment, or null. */
function readIntervals(ctx: SearchContext, reader: ByteReader): IntervalIterator | null {
  const op = reader.u32()
  allocated(64)
  if (op == TERM) {
    const field = reader.string()
    return termIntervals(ctx, field, reader.string())
  }
  if (op == TERMS) {
    const field = reader.string()
    const n = reader.i32()
    const subs = new Array<IntervalIterator | null>()
    for (let i = 0; i < n; i++) subs.push(termIntervals(ctx, field, reader.string()))
    const found = present(subs, false)
    return found != null ? new OrIntervals(found) : null
  }
  if (op == OR) {
    const found = present(readChildren(ctx, reader), false)
    return found != null ? new OrIntervals(found) : null
  }
  if (op == ORDERED || op == UNORDERED || op == BLOCK) {
    const found = present(readChildren(ctx, reader), true)
    if (found == null) return null
    if (op == ORDERED) return new OrderedIntervals(found)
    return op == UNORDERED ? new UnorderedIntervals(found) : new BlockIntervals(found)
  }
  if (op == MAXGAPS) {
    const gaps = reader.i32()
    const inner = readIntervals(ctx, reader)
    return inner != null ? new MaxGapsIntervals(inner, gaps) : null
  }
  if (op == RELATION) {
    const relation = reader.u32()
    const a = readIntervals(ctx, reader)
    const b = readIntervals(ctx, reader)
    if (relation == CONTAINING || relation == CONTAINED_BY || relation == OVERLAPPING) {
      return a != null && b != null ? new FilteringIntervals(a, b, relation) : null
    }
    if (a == null || b == null) return a
    return new RelativeIntervals(a, b, relation)
  }
  if (op == EXTEND) {
    const before = reader.i32()
    const after = reader.i32()
    const inner = readIntervals(ctx, reader)
    return inner != null ? new ExtendedIntervals(inner, before, after) : null
  }
  if (op == OFFSET) {
    const before = reader.u32() != 0
    const inner = readIntervals(ctx, reader)
    return inner != null ? new OffsetIntervals(inner, before) : null
  }
  return null
}

/** TwoPhaseIterator.matches, then IntervalScorer.freq: the document's sloppy frequency, or -1 without an interval. */
function intervalFreq(intervals: IntervalIterator, doc: i32, minExtent: i32): f32 {
  intervals.matchDoc(doc)
  if (intervals.nextInterval() == NO_MORE_INTERVALS) return -1
  let freq: f32 = 0
  do {
    const length = intervals.end() - intervals.start() + 1
    const divisor = length - minExtent + 1
    freq += <f32>1 / <f32>(divisor > 1 ? divisor : <i32>1)
  } while (intervals.nextInterval() != NO_MORE_INTERVALS)
  return freq
}

export function intervalsQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const boost = reader.f32() * parentBoost
  const minExtent = reader.i32()
  const intervals = readIntervals(ctx, reader)
  const result = new DocScores()
  const trace = ctx.trace
  let traced: f32 = -1
  if (intervals != null) {
    const docs = intervals.candidates()
    allocated(8 * <usize>docs.length)
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]
      if (!ctx.liveDocs.isLive(doc)) continue
      const freq = intervalFreq(intervals, doc, minExtent)
      if (freq < 0) continue
      if (trace != null && doc == trace.docId) traced = freq
      result.push(doc, ctx.scoring ? boost * (<f32>1 - <f32>1 / (<f32>1 + freq)) : 0)
    }
  }
  // IntervalWeight.explain: the sloppy frequency of the explained document, else "no matching intervals"
  if (trace != null) {
    if (traced < 0) trace.noMatch('', WEIGHT_NO_TERMS)
    else trace.intervals(boost, traced)
  }
  return result
}
