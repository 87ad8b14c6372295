// SPAN: a span query (Lucene 9's SpanQuery family under SpanWeight and SpanScorer) over the current segment.
// Program operands after the op code (see query.ts): string field (the query's getField: norms and collection
// statistics), f32 boost, then the span tree in pre-order:
//   TERM 1        string field, string term                           SpanTermQuery
//   NEAR 2        string field, i32 slop, u32 inOrder, i32 n, n nodes   SpanNearQuery (n >= 2)
//   OR 3          i32 n, n nodes                                      SpanOrQuery
//   FIRST 4       i32 end, node                                       SpanFirstQuery
//   NOT 5         i32 pre, i32 post, include node, exclude node       SpanNotQuery
//   CONTAINING 6  big node, little node                               SpanContainingQuery
//   WITHIN 7      big node, little node                               SpanWithinQuery
//   MASK 8        node                                                FieldMaskingSpanQuery (its weight is the inner's)
//   NONE 9                                                            SpanMatchNoDocsQuery
//   GAP 10        i32 width                                           SpanNearQuery's SpanGapQuery (GapSpans)
// Scoring (SpanWeight.buildSimWeight): the terms of the tree (an exclude's left out, as extractTermStates does),
// each once, in Term order (field, then term bytes), those in the index contributing their idf to one BM25 scorer;
// per document, freq = sum over its matches of 1 / (1 + width), added in double and kept in float (SpanScorer).
// A node whose spans are null in the segment (a term it lacks) makes a near, containing, within, first or the
// include of a not null too; a span_or drops it, and a not without exclude spans is its include.
import { avgFieldLength, BM25Scorer, idf } from './bm25'
import { ByteReader } from './byte-reader'
import { DocScores } from './doc-scores'
import { WEIGHT_NO_TERMS } from './explain-trace'
import { allocated } from './safe-points'
import { SearchContext } from './search-context'
import { ContainSpans, NearSpansOrdered, NearSpansUnordered } from './conjunction-spans'
import { FirstSpans, NotSpans } from './filter-spans'
import { GapSpans, NO_MORE_POSITIONS, OrSpans, Spans, TermSpans } from './spans'
import { compareTerms } from './term-dictionary'

const TERM: u32 = 1
const NEAR: u32 = 2
const OR: u32 = 3
const FIRST: u32 = 4
const NOT: u32 = 5
const CONTAINING: u32 = 6
const WITHIN: u32 = 7
const MASK: u32 = 8
const GAP: u32 = 10

class SpanTerm {
  constructor(
    readonly field: string,
    readonly term: string,
  ) {}
}

function termLess(a: SpanTerm, b: SpanTerm): bool {
  if (a.field != b.field) return a.field < b.field
  return compareTerms(a.term, b.term) < 0
}

/** Reads one node (and its subtree), recording its terms in `terms` when `collect`; its spans in the segment or null. */
function readSpans(
  ctx: SearchContext,
  reader: ByteReader,
  terms: Array<SpanTerm>,
  collect: bool,
): Spans | null {
  const op = reader.u32()
  allocated(64)
  if (op == TERM) {
    const name = reader.string()
    const term = reader.string()
    if (collect) terms.push(new SpanTerm(name, term))
    const field = ctx.field(name)
    const postings = field != null ? field.terms.get(term) : null
    return postings != null ? new TermSpans(postings) : null
  }
  if (op == NEAR) {
    const field = reader.string()
    const slop = reader.i32()
    const inOrder = reader.u32() != 0
    const n = reader.i32()
    const subSpans = new Array<Spans>()
    let all = true
    for (let i = 0; i < n; i++) {
      const spans = readSpans(ctx, reader, terms, collect)
      if (spans != null) subSpans.push(spans)
      else all = false
    }
    if (!all || ctx.field(field) == null) return null
    return inOrder ? new NearSpansOrdered(slop, subSpans) : new NearSpansUnordered(slop, subSpans)
  }
  if (op == OR) {
    const n = reader.i32()
    const subSpans = new Array<Spans>()
    for (let i = 0; i < n; i++) {
      const spans = readSpans(ctx, reader, terms, collect)
      if (spans != null) subSpans.push(spans)
    }
    if (subSpans.length == 0) return null
    return subSpans.length == 1 ? subSpans[0] : new OrSpans(subSpans)
  }
  if (op == FIRST) {
    const end = reader.i32()
    const spans = readSpans(ctx, reader, terms, collect)
    return spans != null ? new FirstSpans(spans, end) : null
  }
  if (op == NOT) {
    const pre = reader.i32()
    const post = reader.i32()
    const include = readSpans(ctx, reader, terms, collect)
    const exclude = readSpans(ctx, reader, terms, false)
    if (include == null || exclude == null) return include
    return new NotSpans(include, exclude, pre, post)
  }
  if (op == CONTAINING || op == WITHIN) {
    const big = readSpans(ctx, reader, terms, collect)
    const little = readSpans(ctx, reader, terms, collect)
    return big != null && little != null ? new ContainSpans(big, little, op == CONTAINING) : null
  }
  if (op == MASK) return readSpans(ctx, reader, terms, collect)
  if (op == GAP) return new GapSpans(reader.i32(), ctx.maxDoc)
  return null
}

/** SpanScorer.setFreqCurrentDoc: the sloppy frequency of the document the spans just matched. */
function spanFreq(spans: Spans): f32 {
  let freq: f32 = 0
  let start = spans.nextStartPosition()
  while (start != NO_MORE_POSITIONS) {
    freq = <f32>(<f64>freq + 1.0 / (1.0 + <f64>spans.width()))
    start = spans.nextStartPosition()
  }
  return freq
}

export function spanQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const name = reader.string()
  const boost = reader.f32() * parentBoost
  const terms = new Array<SpanTerm>()
  const spans = readSpans(ctx, reader, terms, true)
  // buildSimWeight: the terms' statistics in Term order, each term once, those with a docFreq
  terms.sort((a, b) => (termLess(a, b) ? -1 : termLess(b, a) ? 1 : 0))
  const docFreqs = new Array<i64>()
  const idfs = new Array<f32>()
  let scorer: BM25Scorer | null = null
  let docCount: i64 = 0
  if (ctx.scoring) {
    for (let i = 0; i < terms.length; i++) {
      const field = terms[i].field
      const term = terms[i].term
      if (i > 0 && terms[i - 1].field == field && terms[i - 1].term == term) continue
      const states = ctx.indexTermStates(field, term)
      if (states == null) continue
      docFreqs.push(ctx.termStatistics(field, term, states.docFreq, states.totalTermFreq).docFreq)
    }
    // the field's statistics are asked for once the tree has a term, in the index or not
    const collection = terms.length > 0 ? ctx.collectionStatistics(name) : null
    if (collection != null && docFreqs.length > 0) {
      docCount = collection.docCount
      let idfSum: f64 = 0
      for (let i = 0; i < docFreqs.length; i++) {
        idfs.push(idf(docFreqs[i], docCount))
        idfSum += <f64>idfs[i]
      }
      const avgdl = avgFieldLength(collection.sumTotalTermFreq, collection.docCount)
      scorer = new BM25Scorer(boost, <f32>idfSum, avgdl)
    }
  }
  const field = ctx.field(name)
  const result = new DocScores()
  if (spans != null) {
    const docs = spans.candidates()
    allocated(8 * <usize>docs.length)
    for (let i = 0; i < docs.length; i++) {
      const docId = docs[i]
      if (!ctx.liveDocs.isLive(docId) || !spans.matchDoc(docId)) continue
      const norm: u8 = field != null ? field.norms.get(docId) : 1
      result.push(docId, scorer != null ? scorer.score(spanFreq(spans), norm) : 0)
    }
  }
  const trace = ctx.trace
  if (trace == null) return result
  // SpanWeight.explain: the same spans over the explained document
  const docId = trace.docId
  if (spans == null || scorer == null || !ctx.liveDocs.isLive(docId) || !spans.isCandidate(docId)) {
    trace.noMatch('', WEIGHT_NO_TERMS)
  } else if (!spans.matchDoc(docId)) {
    trace.noMatch('', WEIGHT_NO_TERMS)
  } else {
    const norm: u8 = field != null ? field.norms.get(docId) : 1
    trace.match('', scorer, spanFreq(spans), norm, docFreqs, idfs, docCount)
  }
  return result
}
