/**
 * Where a query matches one field's text, as the unified highlighter finds it from the field's analyzed
 * tokens (offset source ANALYSIS: the text re-analyzed with the index analyzer, offsets into the joined
 * values).
 * - weightMatches (require_field_match true, ES 8.9+'s default Weight#matches mode): the query is evaluated
 *   against the document; only clauses that take part in the match give spans: bool must/filter all
 *   required, should counted against minimum_should_match, a matching must_not clause cancels the match;
 *   dis_max and terms_set's covering query the matching clauses; a phrase is one span from its first to its last term (a phrase prefix's
 *   last position takes any token with one of its prefixes, unexpanded). A clause on
 *   another field, or one without terms (exists, ranges over numbers, match_all), gives no span and matches
 *   as the document does in the index (`matchesElsewhere`). null means the query does not match.
 * - extractedTermMatches (require_field_match false): Lucene's term extraction, every field's terms: each
 *   occurrence of a term, phrase terms only where the phrase matches, multi-term queries on every token
 *   they accept; must_not and boosting's negative clauses give nothing.
 * A span's `term` and `freq` are what PassageScorer counts: in matches mode the term (phrases: their terms
 * joined by spaces) with frequency 1, in extraction mode the term with its frequency in the field.
 */
import {
  termsByPosition,
  type AnalyzedToken,
  type IndexQuery,
  type SpanQuery,
} from '../../../../../engine-wasm/src/index/index.ts'
import { termPredicate } from '../../queries/term-predicate.ts'
import { runtimeFieldLeaf } from '../../queries/runtime-field-queries.ts'
import type { MatchSpan } from './field-highlighter.ts'

/** An analyzed token with its offsets into the field's joined values. */
export interface FieldToken extends AnalyzedToken {
  start: number
  end: number
}

type Leaf = Extract<IndexQuery, { field: string }>
type Spans = MatchSpan[] | null

const present = (spans: Spans): spans is MatchSpan[] => spans !== null

type PhraseLeaf = Extract<IndexQuery, { type: 'phrase' | 'phrasePrefix' }>

/** A phrase's positions: each one's offset and the tokens it accepts (a phrase prefix's last: its prefixes). */
function phrasePositions(phrase: PhraseLeaf): Array<{ offset: number; accepts: (term: string) => boolean }> {
  if (phrase.type === 'phrase') {
    return phrase.terms.map((t) => ({ offset: t.position, accepts: (term: string) => term === t.term }))
  }
  const groups = termsByPosition(phrase.terms)
  return groups.map(([offset, group], i) => ({
    offset,
    accepts:
      i === groups.length - 1
        ? (term: string) => group.some((prefix) => term.startsWith(prefix))
        : (term: string) => group.includes(term),
  }))
}

function isPhrase(leaf: Leaf): leaf is PhraseLeaf {
  return leaf.type === 'phrase' || leaf.type === 'phrasePrefix'
}

/** Each occurrence of the phrase: the tokens at its positions (exact, or within `slop` moves). */
function phraseOccurrences(phrase: PhraseLeaf, tokens: readonly FieldToken[]): FieldToken[][] {
  const positions = phrasePositions(phrase)
  const lists = positions.map(({ accepts }) => tokens.filter((token) => accepts(token.term)))
  if (lists.some((list) => list.length === 0)) return []
  const offsets = positions.map(({ offset }) => offset)
  const found: FieldToken[][] = []
  const at = lists.map(() => 0)
  for (;;) {
    const chosen = lists.map((list, i) => list[at[i]!]!)
    const relative = chosen.map((token, i) => token.position - offsets[i]!)
    const low = Math.min(...relative)
    const spread = Math.max(...relative) - low
    const distinct = new Set(chosen.map((token) => token.position)).size === chosen.length
    if (spread <= phrase.slop && distinct) found.push(chosen)
    const lowest = relative.indexOf(low)
    at[lowest]!++
    if (at[lowest]! >= lists[lowest]!.length) return found
  }
}

/**
 * A span query's leaves as term-level queries: its span terms and wrapped multi-term queries, an exclude's left out
 * (the terms SpanWeight.extractTermStates collects).
 */
function spanLeaves(query: SpanQuery): IndexQuery[] {
  switch (query.type) {
    case 'spanTerm':
      return [{ type: 'term', field: query.field, term: query.term, boost: 1 }]
    case 'spanMulti':
      return [query.query]
    case 'spanNear':
    case 'spanOr':
      return query.clauses.flatMap(spanLeaves)
    case 'spanFirst':
      return spanLeaves(query.match)
    case 'spanNot':
      return spanLeaves(query.include)
    case 'spanContaining':
    case 'spanWithin':
      return [...spanLeaves(query.big), ...spanLeaves(query.little)]
    case 'fieldMaskingSpan':
      return spanLeaves(query.query)
    case 'spanMatchNone':
    case 'spanGap':
      return []
  }
}

function termFreqs(tokens: readonly FieldToken[]): Map<string, number> {
  const freqs = new Map<string, number>()
  for (const token of tokens) freqs.set(token.term, (freqs.get(token.term) ?? 0) + 1)
  return freqs
}

function leafSpans(leaf: Leaf, tokens: readonly FieldToken[]): MatchSpan[] {
  if (isPhrase(leaf)) {
    return phraseOccurrences(leaf, tokens).map((chosen) => ({
      start: Math.min(...chosen.map((t) => t.start)),
      end: Math.max(...chosen.map((t) => t.end)),
      term: chosen.map((t) => t.term).join(' '),
      freq: 1,
    }))
  }
  const accepts = termPredicate(leaf)
  if (accepts === null) return []
  return tokens
    .filter((t) => accepts(t.term))
    .map((t) => ({ start: t.start, end: t.end, term: t.term, freq: 1 }))
}

export function weightMatches(
  query: IndexQuery,
  field: string,
  tokens: readonly FieldToken[],
  matchesElsewhere: (query: IndexQuery) => boolean,
): Spans {
  const visit = (q: IndexQuery): Spans => {
    const runtimeLeaf = runtimeFieldLeaf(q)
    if (runtimeLeaf !== undefined) {
      // the documents a runtime field's leaf matched: its terms where it is on this field
      if (runtimeLeaf.field !== field || termPredicate(runtimeLeaf) === null)
        return matchesElsewhere(q) ? [] : null
      const spans = leafSpans(runtimeLeaf, tokens)
      return spans.length > 0 ? spans : null
    }
    switch (q.type) {
      case 'matchAll':
      case 'nonNested':
      case 'nested':
      case 'moreLikeThis':
        // a block join hands on none of its child query's terms (ToParentBlockJoinQuery.visit), an unrewritten
        // MoreLikeThisQuery none of its own (visitLeaf)
        return []
      case 'matchNone':
        return null
      case 'rankFeature':
      case 'distanceFeature':
      // its field holds no text: the document matched it elsewhere
      case 'knnScoreDoc':
      case 'knnVector':
        // a knn search's documents carry no terms (KnnScoreDocQuery.visit: visitLeaf)
        return matchesElsewhere(q) ? [] : null
      case 'constantScore':
        return visit(q.filter)
      case 'boosting':
        return visit(q.positive)
      case 'functionScore':
      case 'cappedScore':
        return visit(q.query)
      case 'span': {
        // a matching span query marks its terms on this field (not only those inside its matching spans)
        if (!matchesElsewhere(q)) return null
        const leaves = spanLeaves(q.query).filter(
          (leaf): leaf is Leaf => 'field' in leaf && leaf.field === field,
        )
        return leaves.flatMap((leaf) => leafSpans(leaf, tokens))
      }
      case 'disMax':
      case 'covering': {
        // a covering query only ever highlights documents that met their minimum: its matching clauses
        const all = q.queries.map(visit).filter(present)
        return all.length > 0 ? all.flat() : null
      }
      case 'blendedTerms':
        return visit(blendedDisMax(q))
      case 'combinedField':
      case 'synonym':
        return visit(combinedDisjunction(q))
      case 'bool': {
        const required = [...q.must, ...q.filter].map(visit)
        if (!required.every(present)) return null
        if (q.mustNot.some((clause) => visit(clause) !== null)) return null
        const should = q.should.map(visit).filter(present)
        const needed = q.minimumShouldMatch > 0 ? q.minimumShouldMatch : required.length === 0 ? 1 : 0
        if (should.length < needed || required.length + q.should.length === 0) return null
        return [...required, ...should].flat()
      }
      default: {
        if (q.field !== field || (!isPhrase(q) && termPredicate(q) === null)) {
          return matchesElsewhere(q) ? [] : null
        }
        const spans = leafSpans(q, tokens)
        return spans.length > 0 ? spans : null
      }
    }
  }
  const spans = visit(query)
  return spans === null ? null : sortSpans(spans)
}

export function extractedTermMatches(query: IndexQuery, tokens: readonly FieldToken[]): MatchSpan[] {
  const freqs = termFreqs(tokens)
  const spans = new Map<string, MatchSpan>()
  const visit = (query: IndexQuery): void => {
    const q = runtimeFieldLeaf(query) ?? query
    switch (q.type) {
      case 'matchAll':
      case 'matchNone':
      case 'nonNested':
      case 'nested':
      case 'moreLikeThis':
      case 'rankFeature':
      case 'distanceFeature':
      case 'knnScoreDoc':
      case 'knnVector':
        return
      case 'constantScore':
        return visit(q.filter)
      case 'boosting':
        return visit(q.positive)
      case 'functionScore':
      case 'cappedScore':
        return visit(q.query)
      case 'span':
        return spanLeaves(q.query).forEach(visit)
      case 'disMax':
      case 'covering':
        return q.queries.forEach(visit)
      case 'blendedTerms':
        return visit(blendedDisMax(q))
      case 'combinedField':
      case 'synonym':
        return visit(combinedDisjunction(q))
      case 'bool':
        return [...q.must, ...q.should, ...q.filter].forEach(visit)
      default: {
        if (q.field === '_id') return
        const accepts = isPhrase(q) ? null : termPredicate(q)
        const hits = isPhrase(q)
          ? phraseOccurrences(q, tokens).flat()
          : tokens.filter((t) => accepts?.(t.term) === true)
        for (const { start, end, term } of hits) {
          spans.set(`${start}:${end}`, { start, end, term, freq: freqs.get(term) ?? 1 })
        }
      }
    }
  }
  visit(query)
  return sortSpans([...spans.values()])
}

/**
 * CombinedFieldQuery's and SynonymQuery's matches (CombinedFieldWeight.matches, SynonymWeight.matches): a disjunction
 * of a TermQuery per field and term.
 */
function combinedDisjunction(query: Extract<IndexQuery, { type: 'combinedField' | 'synonym' }>): IndexQuery {
  const fields = query.type === 'synonym' ? [{ field: query.field }] : query.fields
  const should = fields.flatMap(({ field }) =>
    query.terms.map((term): IndexQuery => ({ type: 'term', field, term, boost: 1 })),
  )
  return { type: 'bool', must: [], should, mustNot: [], filter: [], minimumShouldMatch: 0, boost: 1 }
}

/** A blended term query as its rewrite: a dis_max of its TermQuerys. */
function blendedDisMax(query: Extract<IndexQuery, { type: 'blendedTerms' }>): IndexQuery {
  const queries = query.terms.map(({ field, term, boost }): IndexQuery => ({
    type: 'term',
    field,
    term,
    boost,
  }))
  return { type: 'disMax', queries, tieBreaker: query.tieBreaker, boost: query.boost }
}

/** OffsetsEnum order: start offset, then end offset, then term. */
function sortSpans(spans: MatchSpan[]): MatchSpan[] {
  return spans.sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0),
  )
}
