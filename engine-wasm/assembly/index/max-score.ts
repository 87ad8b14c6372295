// Top-k scoring of a term or a pure disjunction of terms (what a `match` query builds: a TermQuery, or a BooleanQuery of
// SHOULD TermQuery clauses with minimumShouldMatch <= 1 and nothing else), as Lucene 9 scores them for
// TopScoreDocCollector: block-max skipping (ImpactsDISI) for one term, MaxScore (MaxScoreBulkScorer) for several.
// Per segment, windows of doc ids end where the first of the clauses' current postings blocks (impacts.ts) ends, so
// every clause's docs in a window lie in one block whose max score bounds them. Clauses are sorted by that bound;
// the longest prefix whose summed bounds cannot reach the collector's minCompetitiveScore is non-essential: only the
// other (essential) clauses lead to candidate docs, non-essential ones are advanced to a candidate, best bound first,
// while its partial sum plus the remaining bounds may still compete. A window without essential clause is skipped.
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
import { LiveDocs } from './live-docs'
import { Postings } from './postings'
import { termWeight } from './query'
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

  @inline next(): void {
    this.moveTo(this.cursor + 1)
  }

  /** Moves to the first entry whose doc is at or after target: past whole blocks, then a binary search in one. */
  advance(target: i32): void {
    if (this.doc >= target) return
    const lastDocs = this.impacts.lastDocs
    let block = this.cursor / BLOCK_SIZE
    while (block < lastDocs.length && unchecked(lastDocs[block]) < target) block++
    if (block == lastDocs.length) {
      this.moveTo(this.postings.docFreq)
      return
    }
    const docs = this.postings.docs
    let lo = max(this.cursor, block * BLOCK_SIZE)
    let hi = min(this.postings.docFreq, (block + 1) * BLOCK_SIZE) - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (docs[mid] < target) lo = mid + 1
      else hi = mid
    }
    this.moveTo(lo)
  }

  @inline private moveTo(entry: i32): void {
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
    if (n > 0) scoreSegment(n, clauses.length, segment.delCount > 0 ? segment.liveDocs : null, collector)
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
    let essential = 0
    const minScore = collector.minCompetitiveScore
    while (essential < n && <f32>sumUpperBound(unchecked(upTo[essential + 1]), n) < minScore) essential++
    if (essential < n) scoreWindow(n, essential, queryClauses, windowMax, liveDocs, collector)
    for (let c = 0; c < n; c++) unchecked(clausePool[c]).advance(windowMax)
  }
}

/**
 * Collects the competitive docs of [.., windowMax) the essential clauses sorted[essential .. n) lead to, inner window
 * by inner window; upTo[i] is the bound of sorted[0 .. i) summed.
 */
function scoreWindow(
  n: i32,
  essential: i32,
  queryClauses: i32,
  windowMax: i32,
  liveDocs: LiveDocs | null,
  collector: TopScoreDocCollector,
): void {
  while (true) {
    let from = NO_MORE_DOCS
    for (let i = essential; i < n; i++) from = min(from, unchecked(sorted[i]).doc)
    if (from >= windowMax) return
    const to = min(windowMax, from + WINDOW)
    for (let i = essential; i < n; i++) unchecked(sorted[i]).scoreInto(from, to)
    scoreCandidates(from, to, n, essential, queryClauses, liveDocs, collector)
  }
}

/**
 * Takes the candidates of the inner window [from, to) (doc = from + bit) in order to the non-essential clauses and
 * the collector.
 */
function scoreCandidates(
  from: i32,
  to: i32,
  n: i32,
  essential: i32,
  queryClauses: i32,
  liveDocs: LiveDocs | null,
  collector: TopScoreDocCollector,
): void {
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
      let competitive = liveDocs == null || liveDocs.isLive(doc)
      for (let i = essential - 1; i >= 0 && competitive; i--) {
        if (<f32>sumUpperBound(partial + unchecked(upTo[i + 1]), n) < collector.minCompetitiveScore) {
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
      if (competitive) collector.collect(collector.docBase + doc, <f32>sum)
    }
  }
}
