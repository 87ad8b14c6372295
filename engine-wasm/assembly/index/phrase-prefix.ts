// PHRASE_PREFIX: Elasticsearch's MultiPhrasePrefixQuery (match_phrase_prefix, multi_match type phrase_prefix), as its
// rewrite on the top-level reader builds the query that is then scored:
//   - the last position's prefixes expand to the index's terms that start with them: for each prefix, each segment's
//     terms in order from the prefix (getPrefixTerms), deduplicated, stopping once maxExpansions terms are held
//     (checked after every term visited, so every segment may add one more when maxExpansions is 0);
//   - no term: nothing matches (MatchNoDocsQuery, or with earlier positions a conjunction with one);
//   - one position: a BooleanQuery of SHOULD TermQuerys, one per expanded term, each scored with its own statistics,
//     summed (one term: that TermQuery); an explained document gets one weight per term, named;
//   - more positions: a MultiPhraseQuery. Its PhraseWeight's idf is the sum over every term of every position
//     present in the index; a segment missing all terms of a position has no scorer; a position of several terms
//     matches through their UnionPostings. An explained document's weight is named by the last position as
//     MultiPhraseQuery prints it (`brown`, or `(brown brownie)`).
// Expanded terms keep the order they were found in (ES holds them in a hash set, whose order varies by JVM).
// Operands after the op code (see query.ts): string field, i32 slop, i32 maxExpansions, i32 n, then n positions as
// i32 position (relative to the first), i32 count, count x string term (the last position's terms are the
// prefixes), then f32 boost.
import { ByteReader } from './byte-reader'
import { disjunction, DocScores } from './doc-scores'
import { WEIGHT_NO_TERMS } from './explain-trace'
import { scorePhrase, termClause, termWeight } from './query'
import { Postings } from './postings'
import { allocated } from './safe-points'
import { SearchContext } from './search-context'
import { UnionPostings } from './union-postings'

export function phrasePrefixQuery(ctx: SearchContext, reader: ByteReader, parentBoost: f32): DocScores {
  const name = reader.string()
  const slop = reader.i32()
  const maxExpansions = reader.i32()
  const n = reader.i32()
  const positions = new Array<i32>(n)
  const termArrays = new Array<Array<string>>(n)
  for (let i = 0; i < n; i++) {
    positions[i] = reader.i32()
    const terms = new Array<string>(reader.i32())
    for (let j = 0; j < terms.length; j++) terms[j] = reader.string()
    termArrays[i] = terms
  }
  const boost = reader.f32() * parentBoost
  const result = new DocScores()
  const expanded = prefixTerms(ctx, name, termArrays[n - 1], maxExpansions)
  if (expanded.length == 0) return result
  if (n == 1) return expandedTerms(ctx, name, expanded, boost)
  termArrays[n - 1] = expanded
  multiPhrase(ctx, name, positions, termArrays, slop, boost, result)
  return result
}

/** The terms the prefixes expand to, in the order found (MultiPhrasePrefixQuery.rewrite). */
function prefixTerms(
  ctx: SearchContext,
  name: string,
  prefixes: Array<string>,
  maxExpansions: i32,
): Array<string> {
  const terms = new Array<string>()
  const seen = new Set<string>()
  for (let p = 0; p < prefixes.length; p++) {
    collectPrefixTerms(ctx, name, prefixes[p], maxExpansions, terms, seen)
    if (terms.length > maxExpansions) break
  }
  allocated(64 * <usize>terms.length)
  return terms
}

function collectPrefixTerms(
  ctx: SearchContext,
  name: string,
  prefix: string,
  maxExpansions: i32,
  terms: Array<string>,
  seen: Set<string>,
): void {
  const bytes = String.UTF8.encode(prefix)
  const address = changetype<usize>(bytes)
  const length = bytes.byteLength
  for (let s = 0; s < ctx.segments.length; s++) {
    const field = ctx.segments[s].field(name)
    if (field == null) continue
    const dictionary = field.terms
    for (let rank = dictionary.ceilRank(address, length); rank < dictionary.size; rank++) {
      const t = dictionary.sortedOrdinal(rank)
      if (
        dictionary.termLength(t) < length ||
        memory.compare(dictionary.termAddress(t), address, length) != 0
      ) {
        break
      }
      const term = dictionary.term(t)
      if (!seen.has(term)) {
        seen.add(term)
        terms.push(term)
      }
      if (terms.length >= maxExpansions) return
    }
  }
}

/** MultiPhraseQuery.rewrite of one position: a SHOULD TermQuery per term, summed. */
function expandedTerms(ctx: SearchContext, name: string, terms: Array<string>, boost: f32): DocScores {
  const field = ctx.field(name)
  const clauses = new Array<DocScores>()
  for (let i = 0; i < terms.length; i++) {
    const weight = termWeight(ctx, name, terms[i], boost)!
    const postings = field != null ? field.terms.get(terms[i]) : null
    clauses.push(termClause(ctx, terms[i], field, postings, weight.scorer, weight.docFreq, weight.docCount))
  }
  return disjunction(clauses, 1)
}

/** MultiPhraseQuery's PhraseWeight in the current segment. */
function multiPhrase(
  ctx: SearchContext,
  name: string,
  positions: Array<i32>,
  termArrays: Array<Array<string>>,
  slop: i32,
  boost: f32,
  result: DocScores,
): void {
  const field = ctx.field(name)
  const n = termArrays.length
  const docFreqs = new Array<i64>()
  for (let i = 0; i < n; i++) {
    const terms = termArrays[i]
    for (let j = 0; j < terms.length; j++) {
      const states = ctx.indexTermStates(name, terms[j])
      if (states != null)
        docFreqs.push(ctx.termStatistics(name, terms[j], states.docFreq, states.totalTermFreq).docFreq)
    }
  }
  const last = termArrays[n - 1]
  const traceTerm = last.length == 1 ? last[0] : '(' + last.join(' ') + ')'
  const collection = docFreqs.length > 0 ? ctx.collectionStatistics(name) : null
  const unions = new Array<UnionPostings>(n)
  const firstTerms = new Array<string>(n)
  for (let i = 0; field != null && collection != null && i < n; i++) {
    const present = new Array<Postings>()
    const terms = termArrays[i]
    for (let j = 0; j < terms.length; j++) {
      const postings = field.terms.get(terms[j])
      if (postings != null) present.push(postings)
    }
    if (present.length == 0) break
    unions[i] = new UnionPostings(present)
    firstTerms[i] = terms[0]
    if (i == n - 1) {
      scorePhrase<UnionPostings>(
        ctx,
        field,
        unions,
        firstTerms,
        positions,
        slop,
        boost,
        docFreqs,
        collection,
        traceTerm,
        result,
      )
      return
    }
  }
  const trace = ctx.trace
  if (trace != null) trace.noMatch(traceTerm, WEIGHT_NO_TERMS)
}
