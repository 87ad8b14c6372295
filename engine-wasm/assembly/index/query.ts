// Evaluates a query program (written by engine-wasm/src/index/query-program.ts) against one segment of an index
// (ctx.segment), to its matching live documents (local doc ids) and their scores, with the index's statistics. The program is the query tree in pre-order, little-endian 4-byte words
// and strings (u32 byte length + UTF-8 bytes):
//   TERM       u32 1, string field, string term, f32 boost
//   PHRASE     u32 2, string field, i32 slop, i32 n, n x (string term, i32 position), f32 boost
//   MATCH_ALL  u32 3, f32 boost
//   MATCH_NONE u32 4
//   BOOL 5                                                          operands in boolean-query.ts
//   AUTOMATON 6, TERM_RANGE 7, NUMERIC_RANGE 8, EXISTS 9, FUZZY 10   operands in multi-term-queries.ts
//   DIS_MAX 11, CONSTANT_SCORE 12, BOOSTING 13                      operands in compound-queries.ts
//   FUNCTION_SCORE 14                                               operands in function-score.ts
//   PHRASE_PREFIX 15                                                operands in phrase-prefix.ts
//   BLENDED_TERMS 16                                                operands in blended-term-query.ts
//   NON_NESTED 17, NESTED 18                                        operands in block-join.ts
//   GEO_DISTANCE 19, GEO_BOUNDING_BOX 20                            operands in geo-queries.ts
//   SPAN 21                                                         operands in span-query.ts
//   COVERING 22                                                     operands in covering-query.ts
//   COMBINED_FIELD 23                                               operands in combined-field-query.ts
//   INTERVALS 24                                                    operands in intervals-query.ts
//   RANK_FEATURE 26                                                 operands in rank-feature-query.ts
//   KNN_SCORE_DOC 25                                                operands in knn-score-doc.ts
//   DISTANCE_FEATURE 27                                             operands in distance-feature-query.ts
//   CAPPED_SCORE 28                                                 operands in capped-score-query.ts
// Boosts multiply from the root down in float, as nested BoostQuery.createWeight calls do. With an ExplainTrace in
// the context every node's result for the explained document is recorded (see explain-trace.ts). The tree arrives already
// rewritten the way BooleanQuery.rewrite would (see query-rewrite.ts), so each bool here is scored as
// Boolean2ScorerSupplier builds it.
import { avgFieldLength, BM25Scorer, idf } from './bm25'
import { blendedTermQuery } from './blended-term-query'
import { boolQuery } from './boolean-query'
import { nestedQuery, nonNestedQuery } from './block-join'
import { ByteReader } from './byte-reader'
import { boostingQuery, constantScoreQuery, disMaxQuery } from './compound-queries'
import { cappedScoreQuery } from './capped-score-query'
import { combinedFieldQuery } from './combined-field-query'
import { distanceFeatureQuery } from './distance-feature-query'
import { coveringQuery } from './covering-query'
import { CollectionStatistics, TermStatistics } from './dfs-statistics'
import { DocScores, Hits } from './doc-scores'
import { WEIGHT_NO_PHRASE, WEIGHT_NO_TERMS } from './explain-trace'
import { FieldIndex } from './field-index'
import { functionScoreQuery } from './function-score'
import { knnScoreDocQuery } from './knn-score-doc'
import { geoBoundingBoxQuery, geoDistanceQuery } from './geo-queries'
import { intervalsQuery } from './intervals-query'
import {
  automatonQuery,
  existsQuery,
  fuzzyQuery,
  numericRangeQuery,
  termRangeQuery,
} from './multi-term-queries'
import { exactPhraseFreq, PhrasePositions, SloppyPhraseMatcher } from './phrase-matcher'
import { phrasePrefixQuery } from './phrase-prefix'
import { Postings } from './postings'
import { allocated } from './safe-points'
import { SearchContext } from './search-context'
import { spanQuery } from './span-query'
import { rankFeatureQuery } from './rank-feature-query'

const TERM: u32 = 1
const PHRASE: u32 = 2
const MATCH_ALL: u32 = 3
const BOOL: u32 = 5
const AUTOMATON: u32 = 6
const TERM_RANGE: u32 = 7
const NUMERIC_RANGE: u32 = 8
const EXISTS: u32 = 9
const FUZZY: u32 = 10
const DIS_MAX: u32 = 11
const CONSTANT_SCORE: u32 = 12
const BOOSTING: u32 = 13
const FUNCTION_SCORE: u32 = 14
const PHRASE_PREFIX: u32 = 15
const BLENDED_TERMS: u32 = 16
const NON_NESTED: u32 = 17
const NESTED: u32 = 18
const GEO_DISTANCE: u32 = 19
const GEO_BOUNDING_BOX: u32 = 20
const SPAN: u32 = 21
const COVERING: u32 = 22
const COMBINED_FIELD: u32 = 23
const INTERVALS: u32 = 24
const RANK_FEATURE: u32 = 26
const KNN_SCORE_DOC: u32 = 25
const DISTANCE_FEATURE: u32 = 27
const CAPPED_SCORE: u32 = 28

/**
 * A node's matches in the current segment. What it allocated is reported to the safe points (safe-points.ts): its
 * result's two arrays with their growth (16 bytes an entry), a match bitset (a byte a doc) and its small objects.
 */
export function evaluate(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const trace = ctx.trace
  const at = trace != null ? trace.beginNode() : 0
  const result = evaluateNode(ctx, reader, parentBoost)
  if (trace != null) trace.endNode(at, result)
  allocated(256 + 16 * <usize>result.length + <usize>ctx.maxDoc)
  return result
}

function evaluateNode(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const op = reader.u32()
  if (op == TERM) return termQuery(ctx, reader, parentBoost)
  if (op == PHRASE) return phraseQuery(ctx, reader, parentBoost)
  if (op == MATCH_ALL) return matchAll(ctx, reader.f32() * parentBoost)
  if (op == BOOL) return boolQuery(ctx, reader, parentBoost)
  if (op == AUTOMATON) return automatonQuery(ctx, reader, parentBoost)
  if (op == TERM_RANGE) return termRangeQuery(ctx, reader, parentBoost)
  if (op == NUMERIC_RANGE) return numericRangeQuery(ctx, reader, parentBoost)
  if (op == EXISTS) return existsQuery(ctx, reader, parentBoost)
  if (op == FUZZY) return fuzzyQuery(ctx, reader, parentBoost)
  if (op == DIS_MAX) return disMaxQuery(ctx, reader, parentBoost)
  if (op == CONSTANT_SCORE) return constantScoreQuery(ctx, reader, parentBoost)
  if (op == BOOSTING) return boostingQuery(ctx, reader, parentBoost)
  if (op == FUNCTION_SCORE) return functionScoreQuery(ctx, reader, parentBoost)
  if (op == PHRASE_PREFIX) return phrasePrefixQuery(ctx, reader, parentBoost)
  if (op == BLENDED_TERMS) return blendedTermQuery(ctx, reader, parentBoost)
  if (op == NON_NESTED) return nonNestedQuery(ctx, reader, parentBoost)
  if (op == NESTED) return nestedQuery(ctx, reader, parentBoost)
  if (op == GEO_DISTANCE) return geoDistanceQuery(ctx, reader, parentBoost)
  if (op == GEO_BOUNDING_BOX) return geoBoundingBoxQuery(ctx, reader, parentBoost)
  if (op == SPAN) return spanQuery(ctx, reader, parentBoost)
  if (op == COVERING) return coveringQuery(ctx, reader, parentBoost)
  if (op == COMBINED_FIELD) return combinedFieldQuery(ctx, reader, parentBoost)
  if (op == INTERVALS) return intervalsQuery(ctx, reader, parentBoost)
  if (op == RANK_FEATURE) return rankFeatureQuery(ctx, reader, parentBoost)
  if (op == KNN_SCORE_DOC) return knnScoreDocQuery(ctx, reader, parentBoost)
  if (op == DISTANCE_FEATURE) return distanceFeatureQuery(ctx, reader, parentBoost)
  if (op == CAPPED_SCORE) return cappedScoreQuery(ctx, reader, parentBoost)
  return new DocScores()
}

function termQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const name = reader.string()
  const field = ctx.field(name)
  const term = reader.string()
  const weight = termWeight(ctx, name, term, reader.f32() * parentBoost)
  const result = new DocScores()
  const postings = field != null ? field.terms.get(term) : null
  if (weight == null || field == null || postings == null) {
    explainTermWeight(ctx, '', null, null, null, 0, 0)
    return result
  }
  const scorer = weight.scorer
  scoreTermDocs(ctx, field, postings, scorer, result)
  explainTermWeight(ctx, '', field, postings, scorer, weight.docFreq, weight.docCount)
  return result
}

/** Pushes each live document of a term's postings into `into`, scored by `scorer` (a TermQuery's scorer). */
export function scoreTermDocs(
  ctx: SearchContext,
  field: FieldIndex | null,
  postings: Postings | null,
  scorer: BM25Scorer,
  into: DocScores,
): void {
  if (field == null || postings == null) return
  for (let i = 0; i < postings.docs.length; i++) {
    const docId = postings.docs[i]
    if (ctx.liveDocs.isLive(docId))
      into.push(docId, scorer.score(<f32>postings.freqs[i], field.norms.get(docId)))
  }
}

/**
 * One SHOULD TermQuery clause of a rewritten query (expanded terms, blended terms): its scored documents, counted
 * as allocated (the node's own result is counted by evaluate), and its weight traced for explanations as `name`.
 */
export function termClause(
  ctx: SearchContext,
  name: string,
  field: FieldIndex | null,
  postings: Postings | null,
  scorer: BM25Scorer,
  docFreq: i64,
  docCount: i64,
): DocScores {
  const clause = new DocScores()
  scoreTermDocs(ctx, field, postings, scorer, clause)
  allocated(16 * <usize>clause.length)
  explainTermWeight(ctx, name, field, postings, scorer, docFreq, docCount)
  return clause
}

/** TermWeight: a term's scorer and the docFreq (n) and docCount (N) it was built with. */
export class TermWeight {
  constructor(
    readonly scorer: BM25Scorer,
    readonly docFreq: i64,
    readonly docCount: i64,
  ) {}
}

/**
 * TermQuery.createWeight: the field's statistics are asked for even when the term is absent, the term's only when
 * it is in the index; null (no scorer in any segment) when the field or the term is in none.
 */
export function termWeight(ctx: SearchContext, name: string, term: string, boost: f32): TermWeight | null {
  const collection = ctx.collectionStatistics(name)
  const states = ctx.indexTermStates(name, term)
  if (collection == null || states == null) return null
  // without DFS statistics to record or to score with, termStatistics answers the index's own: these
  const stats =
    ctx.dfs == null && ctx.global == null
      ? states
      : ctx.termStatistics(name, term, states.docFreq, states.totalTermFreq)
  return new TermWeight(termScorer(boost, stats, collection), stats.docFreq, collection.docCount)
}

/** BM25Similarity.scorer for one term: its idf and the field's average length, from the searcher's statistics. */
export function termScorer(boost: f32, stats: TermStatistics, collection: CollectionStatistics): BM25Scorer {
  return new BM25Scorer(
    boost,
    idf(stats.docFreq, collection.docCount),
    avgFieldLength(collection.sumTotalTermFreq, collection.docCount),
  )
}

/**
 * Records TermWeight.explain's numbers for the traced document (a no-op without a trace): the term's frequency in
 * it and its norm, or "no matching term". scoredDocFreq and docCount are the n and N the scorer used (a fuzzy
 * term's n is blended; under dfs_query_then_fetch both are the global statistics).
 */
export function explainTermWeight(
  ctx: SearchContext,
  term: string,
  field: FieldIndex | null,
  postings: Postings | null,
  scorer: BM25Scorer | null,
  scoredDocFreq: i64,
  docCount: i64,
): void {
  const trace = ctx.trace
  if (trace == null) return
  const entry = postings != null ? postings.docs.indexOf(trace.docId) : -1
  if (field == null || postings == null || scorer == null || entry < 0 || !ctx.liveDocs.isLive(trace.docId)) {
    trace.noMatch(term, WEIGHT_NO_TERMS)
    return
  }
  const freq = <f32>postings.freqs[entry]
  trace.match(term, scorer, freq, field.norms.get(trace.docId), [scoredDocFreq], [scorer.idf], docCount)
}

function phraseQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const result = new DocScores()
  phraseMatches(ctx, reader, parentBoost, result)
  return result
}

/** A PHRASE node's matches in the current segment (operands after the op code) into `result`. */
export function phraseMatches(ctx: SearchContext, reader: ByteReader, parentBoost: f32, result: Hits): void {
  const name = reader.string()
  const field = ctx.field(name)
  const slop = reader.i32()
  const n = reader.i32()
  const terms = new Array<string>(n)
  const offsets = new Array<i32>(n)
  for (let i = 0; i < n; i++) {
    terms[i] = reader.string()
    offsets[i] = reader.i32()
  }
  const boost = reader.f32() * parentBoost
  // PhraseWeight asks for the statistics of the terms present in the index, then, when there is one, for the
  // field's; a segment missing one of the terms has no scorer
  const postings = new Array<Postings>(n)
  const docFreqs = new Array<i64>()
  let found = 0
  let inSegment = 0
  for (let i = 0; i < n; i++) {
    const states = ctx.indexTermStates(name, terms[i])
    if (states == null) continue
    found++
    docFreqs.push(ctx.termStatistics(name, terms[i], states.docFreq, states.totalTermFreq).docFreq)
    const p = field != null ? field.terms.get(terms[i]) : null
    if (p == null) continue
    inSegment++
    postings[i] = p
  }
  const collection = found > 0 ? ctx.collectionStatistics(name) : null
  if (field == null || collection == null || inSegment < n) {
    const trace = ctx.trace
    if (trace != null) trace.noMatch('', WEIGHT_NO_TERMS)
    return
  }
  scorePhrase<Postings>(ctx, field, postings, terms, offsets, slop, boost, docFreqs, collection, '', result)
}

/**
 * PhraseWeight's scorer in the current segment, given a postings P per query position (a term's Postings, or a
 * MultiPhraseQuery position's UnionPostings), each position's first term and offset, and the docFreq of every scored
 * term (idf is their sum). With a trace, the explained document's weight is recorded under `traceTerm`.
 */
export function scorePhrase<P>(
  ctx: SearchContext,
  field: FieldIndex,
  postings: Array<P>,
  terms: Array<string>,
  offsets: Array<i32>,
  slop: i32,
  boost: f32,
  docFreqs: Array<i64>,
  collection: CollectionStatistics,
  traceTerm: string,
  result: Hits,
): void {
  const n = postings.length
  const idfs = new Array<f32>(docFreqs.length)
  let idfSum: f64 = 0
  for (let i = 0; i < docFreqs.length; i++) {
    idfs[i] = idf(docFreqs[i], collection.docCount)
    idfSum += <f64>idfs[i]
  }
  const pps = phrasePositions<P>(postings, terms, offsets, slop == 0)
  const avgdl = avgFieldLength(collection.sumTotalTermFreq, collection.docCount)
  const scorer = new BM25Scorer(boost, <f32>idfSum, avgdl)
  const sloppy = slop > 0 ? new SloppyPhraseMatcher<P>(pps, slop) : null
  // ConjunctionDISI: the rarest term leads, the others advance to its docs; positions only where all match
  let lead = 0
  for (let i = 1; i < n; i++) if (pps[i].postings.docFreq < pps[lead].postings.docFreq) lead = i
  const entries = new Array<i32>(n).fill(0)
  const leadDocs = pps[lead].postings.docs
  let at = 0
  while (at < leadDocs.length) {
    const docId = leadDocs[at]
    const next = alignAll<P>(pps, entries, lead, docId)
    if (next != docId) {
      at = next == NO_MORE_DOCS ? leadDocs.length : advanceEntry(leadDocs, at, next)
      continue
    }
    entries[lead] = at++
    if (!ctx.liveDocs.isLive(docId)) continue
    const freq = sloppy != null ? sloppy.freq(entries) : exactPhraseFreq<P>(pps, entries)
    if (freq > 0) result.push(docId, scorer.score(freq, field.norms.get(docId)))
  }
  const trace = ctx.trace
  if (trace == null) return
  // PhraseWeight.explain for the traced document: the same matcher over its positions
  const docId = trace.docId
  entries.fill(0)
  if (!ctx.liveDocs.isLive(docId) || alignAll<P>(pps, entries, -1, docId) != docId) {
    trace.noMatch(traceTerm, WEIGHT_NO_TERMS)
    return
  }
  const freq = sloppy != null ? sloppy.freq(entries) : exactPhraseFreq<P>(pps, entries)
  if (freq > 0)
    trace.match(traceTerm, scorer, freq, field.norms.get(docId), docFreqs, idfs, collection.docCount)
  else trace.noMatch(traceTerm, WEIGHT_NO_PHRASE)
}

/** PhraseQuery.PostingsAndFreq order: query position, then term. */
function phraseOrderLess<P>(a: PhrasePositions<P>, b: PhrasePositions<P>): bool {
  if (a.offset != b.offset) return a.offset < b.offset
  return a.term < b.term
}

/**
 * The phrase's terms as its matcher sees them: sorted for ExactPhraseMatcher (the first one leads), in query order
 * for SloppyPhraseMatcher (which does not sort), so that each one's ord is Lucene's.
 */
function phrasePositions<P>(
  postings: Array<P>,
  terms: Array<string>,
  offsets: Array<i32>,
  sorted: bool,
): Array<PhrasePositions<P>> {
  const pps = new Array<PhrasePositions<P>>(postings.length)
  for (let i = 0; i < pps.length; i++) {
    const pp = new PhrasePositions<P>(postings[i], terms[i], offsets[i])
    let j = i - 1
    while (sorted && j >= 0 && phraseOrderLess<P>(pp, pps[j])) {
      pps[j + 1] = pps[j]
      j--
    }
    pps[j + 1] = pp
  }
  for (let ord = 0; ord < pps.length; ord++) pps[ord].ord = ord
  return pps
}

const NO_MORE_DOCS: i32 = i32.MAX_VALUE

/**
 * The first entry at or after `from` whose doc is >= target (docs.length if none): galloping, then binary search.
 * D: a Postings' docs view or an i32 array.
 */
export function advanceEntry<D>(docs: D, from: i32, target: i32): i32 {
  const length = docs.length
  let lo = from
  let step = 1
  let hi = from
  while (hi < length && docs[hi] < target) {
    lo = hi + 1
    hi += step
    step <<= 1
  }
  hi = min(hi, length)
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (docs[mid] < target) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Advances entries[i] of every phrase term but `skip` to its first doc at or after docId: answers docId when all are
 * there, else the doc (above docId) the first one that passed it is at, NO_MORE_DOCS when one ran out.
 */
function alignAll<P>(pps: Array<PhrasePositions<P>>, entries: Array<i32>, skip: i32, docId: i32): i32 {
  for (let i = 0; i < pps.length; i++) {
    if (i == skip) continue
    const docs = pps[i].postings.docs
    const at = advanceEntry(docs, entries[i], docId)
    entries[i] = at
    if (at == docs.length) return NO_MORE_DOCS
    if (docs[at] != docId) return docs[at]
  }
  return docId
}

function matchAll(ctx: SearchContext, boost: f32): DocScores {
  const result = new DocScores()
  for (let docId = 0; docId < ctx.maxDoc; docId++) if (ctx.liveDocs.isLive(docId)) result.push(docId, boost)
  return result
}
