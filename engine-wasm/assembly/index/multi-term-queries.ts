// The queries that match a set of documents rather than score terms, all constant score (every match scores the
// query's boost), as Elasticsearch 8 runs them by default:
//   AUTOMATON (PrefixQuery, WildcardQuery, RegexpQuery: MultiTermQuery CONSTANT_SCORE_BLENDED_REWRITE)
//   TERM_RANGE (TermRangeQuery on keyword / text terms, code point order)
//   NUMERIC_RANGE (IndexOrDocValuesQuery(PointRangeQuery, SortedNumericDocValuesRangeQuery): inclusive float64 bounds)
//   EXISTS (FieldExistsQuery: a norm or a numeric value in the field)
// and FUZZY, which rewrites with TOP_TERMS_BLENDED_FREQS: the maxExpansions terms of highest similarity boost
// (1 - edits / min(codePoints(term), codePoints(query)), ties to the smaller term) become SHOULD TermQuerys boosted
// by their similarity, all scored with the largest docFreq among them (BlendedTermQuery), summed in double.
// Program operands follow the op code (see query.ts): AUTOMATON string field, automaton (automaton.ts), f32 boost;
// TERM_RANGE string field, u32 flags (1 has lower, 2 has upper, 4 include lower, 8 include upper), string lower,
// string upper, f32 boost; NUMERIC_RANGE string field, f64 lower, f64 upper, f32 boost; EXISTS string field,
// f32 boost; FUZZY string field, string term, i32 maxEdits, i32 prefixLength, i32 maxExpansions,
// u32 transpositions, f32 boost. An explained FUZZY records one weight per expanded term, named, in queue order.
import { RunAutomaton } from './automaton'
import { ByteReader } from './byte-reader'
import { disjunction, DocScores } from './doc-scores'
import { FieldIndex } from './field-index'
import { codePoints, LevenshteinMatcher } from './levenshtein'
import { allocated } from './safe-points'
import { SearchContext } from './search-context'
import { compareBytes, compareTerms, TermDictionary } from './term-dictionary'
import { termClause, termScorer } from './query'

/** The live documents of a bitset, in order, each scored boost. */
function constantScore(ctx: SearchContext, matched: StaticArray<bool>, boost: f32): DocScores {
  const result = new DocScores()
  for (let docId = 0; docId < matched.length; docId++) {
    if (matched[docId] && ctx.liveDocs.isLive(docId)) result.push(docId, boost)
  }
  return result
}

/** Marks the documents of term t of a dictionary. */
function markTerm(matched: StaticArray<bool>, terms: TermDictionary, t: i32): void {
  const buffers = terms.buffers
  for (let e = unchecked(terms.entryStarts[t]); e < unchecked(terms.entryStarts[t + 1]); e++) {
    matched[buffers.doc(e)] = true
  }
}

/** A walk that decodes every term of a dictionary to a string: the garbage it leaves, about. */
function termStrings(terms: TermDictionary): usize {
  return 2 * <usize>terms.termBytes.length + 24 * <usize>terms.size
}

export function automatonQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const field = ctx.field(reader.string())
  const automaton = new RunAutomaton(reader)
  const boost = reader.f32() * parentBoost
  const matched = new StaticArray<bool>(ctx.maxDoc)
  if (field != null) {
    const terms = field.terms
    allocated(termStrings(terms))
    for (let rank = 0; rank < terms.size; rank++) {
      const t = terms.sortedOrdinal(rank)
      if (automaton.run(terms.term(t))) markTerm(matched, terms, t)
    }
  }
  return constantScore(ctx, matched, boost)
}

export function termRangeQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const field = ctx.field(reader.string())
  const flags = reader.u32()
  const lower = String.UTF8.encode(reader.string())
  const upper = String.UTF8.encode(reader.string())
  const boost = reader.f32() * parentBoost
  const matched = new StaticArray<bool>(ctx.maxDoc)
  if (field != null) {
    const terms = field.terms
    for (let rank = 0; rank < terms.size; rank++) {
      const t = terms.sortedOrdinal(rank)
      const address = terms.termAddress(t)
      const length = terms.termLength(t)
      if (flags & 1) {
        const c = compareBytes(address, length, changetype<usize>(lower), lower.byteLength)
        if (c < 0 || (c == 0 && (flags & 4) == 0)) continue
      }
      if (flags & 2) {
        const c = compareBytes(address, length, changetype<usize>(upper), upper.byteLength)
        if (c > 0 || (c == 0 && (flags & 8) == 0)) break
      }
      markTerm(matched, terms, t)
    }
  }
  return constantScore(ctx, matched, boost)
}

export function numericRangeQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const field = ctx.field(reader.string())
  const lower = reader.f64()
  const upper = reader.f64()
  const boost = reader.f32() * parentBoost
  const matched = new StaticArray<bool>(ctx.maxDoc)
  if (field != null) {
    const values = field.docValues
    for (let i = 0; i < values.size; i++) {
      if (values.anyBetween(i, lower, upper)) matched[values.doc(i)] = true
    }
  }
  return constantScore(ctx, matched, boost)
}

export function existsQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const field = ctx.field(reader.string())
  const boost = reader.f32() * parentBoost
  const matched = new StaticArray<bool>(ctx.maxDoc)
  if (field != null) {
    for (let docId = 0; docId < ctx.maxDoc; docId++) matched[docId] = field.norms.get(docId) != 0
    const values = field.docValues
    for (let i = 0; i < values.size; i++) matched[values.doc(i)] = true
  }
  return constantScore(ctx, matched, boost)
}

/** TopTermsRewrite's queue order: true when term a (boost ba) ranks below term b (boost bb). */
function lessCompetitive(ba: f32, a: string, bb: f32, b: string): bool {
  return ba != bb ? ba < bb : compareTerms(a, b) > 0
}

export function fuzzyQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const name = reader.string()
  const field = ctx.field(name)
  const text = reader.string()
  const maxEdits = reader.i32()
  const prefixLength = reader.i32()
  const maxExpansions = reader.i32()
  const transpositions = reader.u32() != 0
  const boost = reader.f32() * parentBoost
  const terms = indexTerms(ctx, name)
  if (terms.length == 0) return new DocScores()
  const matcher = new LevenshteinMatcher(text, maxEdits, prefixLength, transpositions)
  const kept = new Array<string>()
  const boosts = new Array<f32>()
  for (let i = 0; i < terms.length; i++) {
    const cand = codePoints(terms[i])
    const edits = matcher.edits(cand)
    if (edits < 0) continue
    const similarity: f32 = edits == 0 ? 1 : <f32>1 - <f32>edits / <f32>min(cand.length, matcher.termLength)
    // insert in queue order (best first), then drop the worst beyond maxExpansions
    let at = kept.length
    while (at > 0 && lessCompetitive(boosts[at - 1], kept[at - 1], similarity, terms[i])) at--
    if (at >= maxExpansions) continue
    kept.push(terms[i])
    boosts.push(similarity)
    for (let j = kept.length - 1; j > at; j--) {
      kept[j] = kept[j - 1]
      boosts[j] = boosts[j - 1]
    }
    kept[at] = terms[i]
    boosts[at] = similarity
    if (kept.length > maxExpansions) {
      kept.pop()
      boosts.pop()
    }
  }
  return blendedTerms(ctx, name, field, kept, boosts, boost)
}

/** The field's terms over every segment, each once (the rewrite walks the top-level reader's terms). */
export function indexTerms(ctx: SearchContext, name: string): Array<string> {
  const seen = new Set<string>()
  const terms = new Array<string>()
  for (let s = 0; s < ctx.segments.length; s++) {
    const field = ctx.segments[s].field(name)
    if (field == null) continue
    const dictionary = field.terms
    allocated(termStrings(dictionary))
    for (let rank = 0; rank < dictionary.size; rank++) {
      const term = dictionary.term(dictionary.sortedOrdinal(rank))
      if (seen.has(term)) continue
      seen.add(term)
      terms.push(term)
    }
  }
  return terms
}

/**
 * BlendedTermQuery with BOOLEAN_REWRITE: SHOULD term clauses whose TermStates all carry the largest docFreq and the
 * sum of the totalTermFreqs; each TermWeight then asks the searcher for its term's statistics with those numbers
 * (under dfs_query_then_fetch it gets the term's global statistics, which the DFS phase recorded blended).
 */
function blendedTerms(
  ctx: SearchContext,
  name: string,
  field: FieldIndex | null,
  terms: Array<string>,
  boosts: Array<f32>,
  boost: f32,
): DocScores {
  const clauses = new Array<DocScores>()
  if (terms.length == 0) return disjunction(clauses, 1)
  let maxDocFreq: i64 = 0
  let sumTotalTermFreq: i64 = 0
  for (let i = 0; i < terms.length; i++) {
    const states = ctx.indexTermStates(name, terms[i])!
    maxDocFreq = max(maxDocFreq, states.docFreq)
    sumTotalTermFreq += states.totalTermFreq
  }
  const collection = ctx.collectionStatistics(name)!
  for (let i = 0; i < terms.length; i++) {
    const postings = field != null ? field.terms.get(terms[i]) : null
    const stats = ctx.termStatistics(name, terms[i], maxDocFreq, sumTotalTermFreq)
    const scorer = termScorer(max(<f32>0, boosts[i]) * boost, stats, collection)
    clauses.push(termClause(ctx, terms[i], field, postings, scorer, stats.docFreq, collection.docCount))
  }
  return disjunction(clauses, 1)
}
