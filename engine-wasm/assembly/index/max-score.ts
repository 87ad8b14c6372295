// Top-k scoring of a term or a pure disjunction of terms (what a `match` query builds: a TermQuery, or a BooleanQuery of
// SHOULD TermQuery clauses with minimumShouldMatch <= 1 and nothing else), as Lucene 9 scores them for
// TopScoreDocCollector: block-max skipping (ImpactsDISI, impacts-disi.ts) for a segment's lone term, MaxScore
// (MaxScoreBulkScorer) for several.
// Per segment, windows of doc ids end where the first of the clauses' current postings blocks (impacts.ts) ends, so
// every clause's docs in a window lie in one block whose max score bounds them. Clauses are sorted by that bound;
// the longest prefix whose summed bounds cannot reach the score a doc needs to enter the full heap (heapMinScore) is
// non-essential: only the other (essential) clauses lead to candidate docs, non-essential ones are advanced to a
// candidate, best bound first, while its partial sum plus the remaining bounds may still compete. A window without
// essential clause is skipped. While hits are still counted (the collector's minCompetitiveScore not yet set, below
// track_total_hits) every doc of the window is counted all the same: the non-essential clauses' docs are marked in a
// second bitset, and the live docs of the union that were not collected are counted (countWindow, unionCount).
// A window is scored in inner windows of at most WINDOW docs, as MaxScoreBulkScorer's scoreInnerWindow does: each
// essential clause in turn adds its docs' scores into the window's buffers (a bitset of candidates, each one's
// partial sum in the same clause order as one doc at a time, each clause's score by its query position), then the
// candidates are taken in doc id order for the non-essential clauses and the collector: the same decisions, in the
// same order, as scoring doc by doc.
// Scores stay exact: a collected doc's score is (float) of its clause scores summed in double in clause order, as
// DocScores.disjunction sums them. Bounds are compared after MathUtil.sumUpperBound's relative margin (more than two
// addends summed in another order may round differently), so a skip never drops a doc that would enter the top k.
import { BM25Scorer } from './bm25'
import { ByteReader } from './byte-reader'
import { FieldNorms } from './field-norms'
import { BLOCK_SIZE, Impacts } from './impacts'
import { scoreTerm } from './impacts-disi'
import { LiveDocs } from './live-docs'
import { Postings } from './postings'
import { advanceEntry, termWeight } from './query'
import { SearchContext } from './search-context'
import { TopScoreDocCollector } from './top-docs-collector'

const TERM: u32 = 1
const BOOL: u32 = 5
const NO_MORE_DOCS: i32 = i32.MAX_VALUE

/** Lucene's MathUtil.sumUpperBound: a bound of a sum of n non-negative values whatever their summation order. */
function sumUpperBound(sum: f64, n: i32): f64 {
  if (n <= 2) return sum
  return (1.0 + 2.0 * <f64>(n - 1) * 2.220446049250313e-16) * sum
}

/** One term clause's postings in one segment: a cursor over its entries, and its current block's max score. */
class TermClause {
  doc: i32 = NO_MORE_DOCS
  /** The clause's position in the query: scores are summed in this order. */
  ord: i32 = 0
  private cursor: i32 = 0
  private maxBlock: i32 = -1
  private blockMax: f32 = 0
  private impacts: Impacts

  constructor(
    ord: i32,
    private postings: Postings,
    private norms: FieldNorms,
    private scorer: BM25Scorer,
  ) {
    this.impacts = Impacts.of(postings, norms)
    this.reset(ord, postings, norms, scorer)
  }

  /** Points this clause at the first entry of another term's postings (clauses are reused from search to search). */
  reset(ord: i32, postings: Postings, norms: FieldNorms, scorer: BM25Scorer): void {
    this.ord = ord
    this.postings = postings
    this.norms = norms
    this.scorer = scorer
    this.impacts = Impacts.of(postings, norms)
    this.cursor = 0
    this.maxBlock = -1
    this.doc = postings.docs[0]
  }

  /** One past the last doc of the current block. */
  get blockEnd(): i32 {
    return unchecked(this.impacts.lastDocs[this.cursor / BLOCK_SIZE]) + 1
  }

  /** The max score of the current block. */
  blockMaxScore(): f32 {
    const block = this.cursor / BLOCK_SIZE
    if (block != this.maxBlock) {
      this.maxBlock = block
      this.blockMax = this.impacts.maxScore(block, this.scorer)
    }
    return this.blockMax
  }

  @inline score(): f32 {
    return this.scorer.score(<f32>this.postings.freqs[this.cursor], this.norms.get(this.doc))
  }

  /**
   * Adds this clause's docs below `to` (all at or after `from`, which is at most WINDOW below `to`) to the inner
   * window's buffers: candidate bits, partial sums and its own scores at offset `ord * WINDOW`; stops at `to`.
   */
  scoreInto(from: i32, to: i32): void {
    const postings = this.postings
    const docFreq = postings.docFreq
    const scoresAt = this.ord * WINDOW - from
    let cursor = this.cursor
    let doc = this.doc
    while (doc < to) {
      const score = this.scorer.score(<f32>postings.freqs[cursor], this.norms.get(doc))
      const at = doc - from
      unchecked((candidates[at >>> 5] |= 1 << (at & 31)))
      unchecked((partials[at] += <f64>score))
      unchecked((windowScores[scoresAt + doc] = score))
      cursor++
      doc = cursor < docFreq ? postings.docs[cursor] : NO_MORE_DOCS
    }
    this.cursor = cursor
    this.doc = doc
  }

  /**
   * Marks this clause's docs in [from, to) (all at or after `from`, which is at most WINDOW below `to`) in the inner
   * window's `others` bits, without moving; answers the entry after them.
   */
  markInto(from: i32, to: i32): i32 {
    const postings = this.postings
    const docFreq = postings.docFreq
    let cursor = this.cursor
    let doc = this.doc
    while (doc < to) {
      const at = doc - from
      unchecked((others[at >>> 5] |= 1 << (at & 31)))
      cursor++
      doc = cursor < docFreq ? postings.docs[cursor] : NO_MORE_DOCS
    }
    return cursor
  }

  /** Collects this clause's competitive docs alone (the segment's only clause): block-max skipping, no windows. */
  scoreAlone(liveDocs: LiveDocs | null, collector: TopScoreDocCollector): void {
    scoreTerm(this.postings, this.norms, this.scorer, liveDocs, collector)
  }

  /** Moves to the first entry whose doc is at or after target: galloping from the current one (targets are near). */
  advance(target: i32): void {
    if (this.doc < target) this.moveTo(advanceEntry(this.postings.docs, this.cursor, target))
  }

  /** Moves to entry `entry` (at or after the current one). */
  @inline moveTo(entry: i32): void {
    this.cursor = entry
    this.doc = entry < this.postings.docFreq ? this.postings.docs[entry] : NO_MORE_DOCS
  }
}

// Scratch reused by every search (searches never overlap), grown and never shrunk: the segment's clauses, and
// scoreSegment's arrays (sorted clauses, their bounds, the bounds' prefix sums); the inner window's buffers, all
// zero between two inner windows: candidate bits, partial sums, and WINDOW scores per query clause (by its ord).
const WINDOW: i32 = 4096
const clausePool = new Array<TermClause>()
const sorted = new Array<TermClause>()
let bounds = new StaticArray<f32>(0)
let upTo = new StaticArray<f64>(1)
const candidates = new StaticArray<u32>(WINDOW >>> 5)
/** While hits are counted: the inner window's docs of clauses that are not scored there (counted all the same). */
const others = new StaticArray<u32>(WINDOW >>> 5)
const partials = new StaticArray<f64>(WINDOW)
let windowScores = new StaticArray<f32>(0)

/** Clause i of the pool, pointed at this term. */
function pooledClause(i: i32, ord: i32, postings: Postings, norms: FieldNorms, scorer: BM25Scorer): void {
  if (i < clausePool.length) clausePool[i].reset(ord, postings, norms, scorer)
  else clausePool.push(new TermClause(ord, postings, norms, scorer))
}

/** A clause of the query: its field and term, and its weight (null when its term is in no segment). */
class ClauseWeight {
  constructor(
    readonly field: string,
    readonly term: string,
    readonly scorer: BM25Scorer | null,
  ) {}
}

/** Reads a TERM node's operands (after its op) with the boost of its parent. */
function readClause(ctx: SearchContext, reader: ByteReader, parentBoost: f32): ClauseWeight {
  const field = reader.string()
  const term = reader.string()
  const weight = termWeight(ctx, field, term, reader.f32() * parentBoost)
  return new ClauseWeight(field, term, weight != null ? weight.scorer : null)
}

/** The clauses of a term or a pure disjunction of terms, or null for any other query. */
function readDisjunction(ctx: SearchContext, reader: ByteReader): Array<ClauseWeight> | null {
  const op = reader.u32()
  if (op == TERM) return [readClause(ctx, reader, 1)]
  if (op != BOOL) return null
  const must = reader.i32()
  const should = reader.i32()
  const mustNot = reader.i32()
  const filter = reader.i32()
  const minimumShouldMatch = reader.i32()
  const boost = reader.f32()
  if (must + mustNot + filter > 0 || should == 0 || minimumShouldMatch > 1) return null
  const clauses = new Array<ClauseWeight>()
  for (let i = 0; i < should; i++) {
    if (reader.u32() != TERM) return null
    clauses.push(readClause(ctx, reader, boost))
  }
  return clauses
}

/** shortcutTotalHitCount: a lone term's docFreq summed over the segments when none has deletions, else -1. */
function knownTotalHits(ctx: SearchContext, clauses: Array<ClauseWeight>, single: bool): i64 {
  if (!single) return -1
  let count: i64 = 0
  for (let s = 0; s < ctx.segments.length; s++) {
    const segment = ctx.segments[s]
    if (segment.delCount > 0) return -1
    const field = segment.field(clauses[0].field)
    const postings = field != null ? field.terms.get(clauses[0].term) : null
    if (postings != null) count += postings.docFreq
  }
  return count
}

/**
 * The top k of the program when it is a term or a pure disjunction of terms, counting total hits up to
 * totalHitsThreshold; null for any other program.
 */
export function searchTermDisjunction(
  ctx: SearchContext,
  program: usize,
  k: i32,
  totalHitsThreshold: i32,
): TopScoreDocCollector | null {
  const reader = new ByteReader(program)
  const first = load<u32>(program)
  const clauses = readDisjunction(ctx, reader)
  if (clauses == null) return null
  const collector = TopScoreDocCollector.start(
    k,
    totalHitsThreshold,
    knownTotalHits(ctx, clauses, first == TERM),
  )
  if (windowScores.length < clauses.length * WINDOW)
    windowScores = new StaticArray<f32>(clauses.length * WINDOW)
  for (let s = 0; s < ctx.segments.length; s++) {
    const segment = ctx.segments[s]
    let n = 0
    for (let c = 0; c < clauses.length; c++) {
      const clause = clauses[c]
      const scorer = clause.scorer
      const field = segment.field(clause.field)
      const postings = field != null ? field.terms.get(clause.term) : null
      if (scorer != null && field != null && postings != null)
        pooledClause(n++, c, postings, field.norms, scorer)
    }
    collector.docBase = segment.docBase
    const liveDocs = segment.delCount > 0 ? segment.liveDocs : null
    if (n == 1) clausePool[0].scoreAlone(liveDocs, collector)
    else if (n > 1) scoreSegment(n, clauses.length, liveDocs, collector)
  }
  return collector
}

/**
 * Scores clausePool[0 .. n) over one segment; queryClauses is the query's clause count (scores' ords); liveDocs
 * null when the segment has no deletions.
 */
function scoreSegment(
  n: i32,
  queryClauses: i32,
  liveDocs: LiveDocs | null,
  collector: TopScoreDocCollector,
): void {
  if (bounds.length < n) {
    bounds = new StaticArray<f32>(n)
    upTo = new StaticArray<f64>(n + 1)
  }
  while (sorted.length < n) sorted.push(clausePool[0])
  while (collector.minCompetitiveScore < Infinity) {
    let windowMin = NO_MORE_DOCS
    for (let c = 0; c < n; c++) windowMin = min(windowMin, unchecked(clausePool[c]).doc)
    if (windowMin == NO_MORE_DOCS) return
    let windowMax = NO_MORE_DOCS
    for (let c = 0; c < n; c++) {
      const clause = unchecked(clausePool[c])
      if (clause.doc != NO_MORE_DOCS) windowMax = min(windowMax, clause.blockEnd)
    }
    // sorted[0 .. n): the clauses by their bound in this window, ascending
    for (let c = 0; c < n; c++) {
      const clause = unchecked(clausePool[c])
      const bound = clause.doc < windowMax ? clause.blockMaxScore() : 0
      let at = c
      while (at > 0 && unchecked(bounds[at - 1]) > bound) {
        unchecked((bounds[at] = bounds[at - 1]))
        unchecked((sorted[at] = sorted[at - 1]))
        at--
      }
      unchecked((bounds[at] = bound))
      unchecked((sorted[at] = clause))
    }
    for (let i = 0; i < n; i++) unchecked((upTo[i + 1] = upTo[i] + <f64>bounds[i]))
    // Docs below the heap's entry score are not scored; while hits are still counted, they are counted all the same.
    const counting = collector.minCompetitiveScore == -Infinity
    const minScore = collector.heapMinScore
    let essential = 0
    while (essential < n && <f32>sumUpperBound(unchecked(upTo[essential + 1]), n) < minScore) essential++
    if (essential < n) scoreWindow(n, essential, queryClauses, windowMax, liveDocs, collector, counting)
    else if (counting) countWindow(n, windowMax, liveDocs, collector)
    for (let c = 0; c < n; c++) unchecked(clausePool[c]).advance(windowMax)
  }
}

/** Counts the live docs of [.., windowMax) any of clausePool[0 .. n) holds, inner window by inner window. */
function countWindow(
  n: i32,
  windowMax: i32,
  liveDocs: LiveDocs | null,
  collector: TopScoreDocCollector,
): void {
  while (true) {
    let from = NO_MORE_DOCS
    for (let c = 0; c < n; c++) from = min(from, unchecked(clausePool[c]).doc)
    if (from >= windowMax) return
    const to = min(windowMax, from + WINDOW)
    for (let c = 0; c < n; c++) {
      const clause = unchecked(clausePool[c])
      clause.moveTo(clause.markInto(from, to))
    }
    collector.count(unionCount(from, to, liveDocs))
  }
}

/** The live docs of the inner window [from, to) among its candidates and `others`; empties `others`. */
function unionCount(from: i32, to: i32, liveDocs: LiveDocs | null): i32 {
  let live = 0
  for (let word = 0, words = (to - from + 31) >>> 5; word < words; word++) {
    let bits = unchecked(candidates[word]) | unchecked(others[word])
    unchecked((others[word] = 0))
    if (liveDocs == null) {
      live += <i32>popcnt(bits)
      continue
    }
    for (; bits != 0; bits &= bits - 1) if (liveDocs.isLive(from + ((word << 5) | ctz(bits)))) live++
  }
  return live
}

/**
 * Collects the competitive docs of [.., windowMax) the essential clauses sorted[essential .. n) lead to, inner window
 * by inner window; upTo[i] is the bound of sorted[0 .. i) summed. While `counting`, the docs of the other clauses
 * in the window are counted too (those not collected).
 */
function scoreWindow(
  n: i32,
  essential: i32,
  queryClauses: i32,
  windowMax: i32,
  liveDocs: LiveDocs | null,
  collector: TopScoreDocCollector,
  counting: bool,
): void {
  while (true) {
    let from = NO_MORE_DOCS
    for (let i = counting ? 0 : essential; i < n; i++) from = min(from, unchecked(sorted[i]).doc)
    if (from >= windowMax) return
    const to = min(windowMax, from + WINDOW)
    for (let i = essential; i < n; i++) unchecked(sorted[i]).scoreInto(from, to)
    if (!counting) {
      scoreCandidates(from, to, n, essential, queryClauses, liveDocs, collector)
      continue
    }
    for (let i = 0; i < essential; i++) unchecked(sorted[i]).markInto(from, to)
    const union = unionCount(from, to, liveDocs)
    const collected = scoreCandidates(from, to, n, essential, queryClauses, liveDocs, collector)
    for (let i = 0; i < essential; i++) unchecked(sorted[i]).advance(to)
    collector.count(union - collected)
  }
}

/**
 * Takes the candidates of the inner window [from, to) (doc = from + bit) in order to the non-essential clauses and
 * the collector (those that can enter its heap); answers how many it collected.
 */
function scoreCandidates(
  from: i32,
  to: i32,
  n: i32,
  essential: i32,
  queryClauses: i32,
  liveDocs: LiveDocs | null,
  collector: TopScoreDocCollector,
): i32 {
  let collected = 0
  const words = (to - from + 31) >>> 5
  for (let word = 0; word < words; word++) {
    let bits = unchecked(candidates[word])
    if (bits == 0) continue
    unchecked((candidates[word] = 0))
    while (bits != 0) {
      const at = (word << 5) | ctz(bits)
      bits &= bits - 1
      let partial = unchecked(partials[at])
      unchecked((partials[at] = 0))
      const doc = from + at
      // what a doc needs to enter the heap; one below it is counted (by the caller while counting), not collected
      const minScore = collector.heapMinScore
      let competitive = liveDocs == null || liveDocs.isLive(doc)
      for (let i = essential - 1; i >= 0 && competitive; i--) {
        if (<f32>sumUpperBound(partial + unchecked(upTo[i + 1]), n) < minScore) {
          competitive = false
          continue
        }
        const clause = unchecked(sorted[i])
        clause.advance(doc)
        if (clause.doc != doc) continue
        const score = clause.score()
        unchecked((windowScores[clause.ord * WINDOW + at] = score))
        partial += <f64>score
      }
      let sum: f64 = 0
      for (let c = 0; c < queryClauses; c++) {
        sum += <f64>unchecked(windowScores[c * WINDOW + at])
        unchecked((windowScores[c * WINDOW + at] = 0))
      }
      // collect, not push: a direct call in the hot loop, not a virtual one
      if (!competitive || <f32>sum < minScore) continue
      collector.collect(collector.docBase + doc, <f32>sum)
      collected++
    }
  }
  return collected
}
