// BOOL (op 5): a BooleanQuery's clauses evaluated and combined as Boolean2ScorerSupplier's scorers combine them
// (doc-scores.ts: conjunction, disjunction, exclusion, reqOpt). Operands (written by
// engine-wasm/src/index/query-program.ts): i32 must, i32 should, i32 mustNot, i32 filter, i32 minimumShouldMatch,
// f32 boost, then the filter, must, should and mustNot clauses, in that order.
// Scoring errors (score-error.ts): a scorer raises them only for the documents ctx.acceptDocs holds, and Lucene's
// scorers ask a clause only about documents the whole bool can reach: ConjunctionDISI leads the required clauses to
// a document all of them match before it asks for a score, ReqExclScorer asks nothing about a document a must_not
// clause matches, ReqOptSumScorer scores a should clause only where the required ones match, MinShouldMatchSumScorer
// only a document enough should clauses match. So a bool is evaluated in up to two passes:
//   1. the filters first, the other clauses asked only about what the filters (and the enclosing bools) accept,
//      with the errors deferred (only noted);
//   2. only when one was noted: the clauses read again, every clause asked only about the documents the bool
//      matched in pass 1, the must_not clauses about what the others matched; these raise.
// Every ordinary search (no error) takes one pass. Explaining raises nothing (one pass), and a bool inside another's
// first pass is left to that pass (its own two come with the other's second). Invariant: both passes read the same
// program bytes with the same statistics; the result is pass 1's (pass 2 only raises).
import { ByteReader } from './byte-reader'
import { conjunction, disjunction, DocScores, exclusion, reqOpt } from './doc-scores'
import { evaluate } from './query'
import { deferScoreErrors, endDeferredScoreErrors } from './score-error'
import { SearchContext } from './search-context'

/** The bool's matches, in one pass or two (see above). */
export function boolQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const clauses = new BoolClauses(reader, parentBoost)
  if (ctx.trace != null || !deferScoreErrors()) return clauses.evaluate(ctx, reader, null).result
  const start = reader.position
  const first = clauses.evaluate(ctx, reader, null)
  if (!endDeferredScoreErrors()) return first.result
  reader.seek(start)
  clauses.evaluate(ctx, reader, first)
  return first.result
}

/** What a bool matched: `main` before its must_not clauses exclude anything, `result` what it matches. */
class BoolMatches {
  constructor(
    readonly main: DocScores,
    readonly result: DocScores,
  ) {}
}

/** A bool's header; evaluate reads its clauses (program order: filter, must, should, must_not). */
class BoolClauses {
  readonly mustCount: i32
  readonly shouldCount: i32
  readonly mustNotCount: i32
  readonly filterCount: i32
  readonly minimumShouldMatch: i32
  readonly boost: f32

  constructor(reader: ByteReader, parentBoost: f32) {
    this.mustCount = reader.i32()
    this.shouldCount = reader.i32()
    this.mustNotCount = reader.i32()
    this.filterCount = reader.i32()
    this.minimumShouldMatch = reader.i32()
    this.boost = reader.f32() * parentBoost
  }

  /**
   * The clauses' matches combined. First pass (`asked` null): the filters are evaluated first and the others only
   * asked about what they accept. Second pass: every clause is asked about the documents `asked` (the first pass)
   * says its scorer reaches.
   */
  evaluate(ctx: SearchContext, reader: ByteReader, asked: BoolMatches | null): BoolMatches {
    const boost = this.boost
    const outer = ctx.acceptDocs
    if (asked != null) ctx.acceptDocs = acceptedBy([asked.result], outer)
    // filter and must_not clauses are weighed without scores: they ask for no statistics
    const scores = ctx.scoring
    ctx.scoring = false
    const filters = new Array<DocScores>()
    for (let i = 0; i < this.filterCount; i++) filters.push(evaluate(ctx, reader, boost))
    ctx.scoring = scores
    if (asked == null && filters.length > 0) ctx.acceptDocs = acceptedBy(filters, outer)
    const required = new Array<DocScores>()
    const scoring = new Array<bool>()
    for (let i = 0; i < this.mustCount; i++) {
      required.push(evaluate(ctx, reader, boost))
      scoring.push(true)
    }
    const should = new Array<DocScores>()
    for (let i = 0; i < this.shouldCount; i++) should.push(evaluate(ctx, reader, boost))
    if (asked != null) ctx.acceptDocs = acceptedBy([asked.main], outer)
    ctx.scoring = false
    const prohibited = new Array<DocScores>()
    for (let i = 0; i < this.mustNotCount; i++) prohibited.push(evaluate(ctx, reader, boost))
    ctx.scoring = scores
    ctx.acceptDocs = outer
    for (let i = 0; i < filters.length; i++) {
      required.push(filters[i])
      scoring.push(false)
    }
    const excluded = disjunction(prohibited, 1)
    const minimumShouldMatch = this.minimumShouldMatch
    if (required.length == 0) {
      const main = disjunction(should, max(1, minimumShouldMatch))
      return new BoolMatches(main, exclusion(main, excluded))
    }
    const main = conjunction(required, scoring)
    const req = exclusion(main, excluded)
    if (should.length == 0) return new BoolMatches(main, req)
    const result = reqOpt(req, disjunction(should, max(1, minimumShouldMatch)), minimumShouldMatch > 0)
    return new BoolMatches(main, result)
  }
}

/** The documents every list and the enclosing conjunctions (outer, when set) accept. */
function acceptedBy(lists: Array<DocScores>, outer: DocScores | null): DocScores {
  const clauses = outer != null ? lists.concat([outer]) : lists
  if (clauses.length == 1) return clauses[0]
  return conjunction(clauses, new Array<bool>(clauses.length).fill(false))
}
