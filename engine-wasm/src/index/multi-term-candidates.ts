/**
 * The index terms a multi-term query accepts, as Lucene's rewrites collect them from the terms enum (over the whole
 * index here): prefix, wildcard and regexp through their automaton, a term range by code point order, a fuzzy term
 * with its FuzzyTermsEnum similarity. Shared by the span_multi rewrite (span-multi-rewrite.ts) and the intervals
 * query's multi-term sources (intervals-program.ts).
 */
import { compilePrefix, compileWildcard } from './automaton/wildcard.ts'
import { compileRegexp } from './automaton/regexp.ts'
import { runDfa, type Dfa } from './automaton/determinize.ts'
import type { FuzzyTerm, IndexQuery } from './types.ts'

type MultiTermQuery = Extract<IndexQuery, { type: 'prefix' | 'wildcard' | 'regexp' | 'fuzzy' | 'termRange' }>

/**
 * Lucene's max clause count as ES 8 sizes it (SearchUtils.calculateMaxClauseValue: heap MB × 64 over the search
 * pool's size, at least 1024); the playground's nodes have no heap, so it is the floor.
 */
export const MAX_CLAUSE_COUNT = 1024

/** The index terms a rewrite walks. */
export interface TermSource {
  fieldTerms(field: string): FuzzyTerm[]
  fuzzyTerms(
    field: string,
    term: string,
    maxEdits: number,
    prefixLength: number,
    transpositions: boolean,
  ): FuzzyTerm[]
}

function codePoints(text: string): number[] {
  return Array.from(text, (c) => c.codePointAt(0)!)
}

export function compareCodePoints(a: string, b: string): number {
  const x = codePoints(a)
  const y = codePoints(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
  return x.length - y.length
}

function inRange(query: Extract<IndexQuery, { type: 'termRange' }>, term: string): boolean {
  if (query.lower !== null) {
    const c = compareCodePoints(term, query.lower)
    if (c < 0 || (c === 0 && !query.includeLower)) return false
  }
  if (query.upper !== null) {
    const c = compareCodePoints(term, query.upper)
    if (c > 0 || (c === 0 && !query.includeUpper)) return false
  }
  return true
}

function automatonOf(query: MultiTermQuery): Dfa | null {
  switch (query.type) {
    case 'prefix':
      return compilePrefix(query.prefix, query.caseInsensitive)
    case 'wildcard':
      return compileWildcard(query.pattern, query.caseInsensitive)
    case 'regexp':
      return compileRegexp(query.pattern, query.maxDeterminizedStates, query.flags, query.caseInsensitive)
    default:
      return null
  }
}

export interface Candidate {
  term: string
  boost: number
}

/**
 * The index terms the wrapped query accepts, in code point order, with the boost a TopTermsRewrite ranks them by:
 * a fuzzy term's FuzzyTermsEnum similarity (1 - edits / min(code points of both)), 1 for any other.
 */
export function candidates(query: MultiTermQuery, source: TermSource): Candidate[] {
  if (query.type === 'fuzzy') {
    const { field, term, maxEdits, prefixLength, transpositions } = query
    const length = codePoints(term).length
    return source.fuzzyTerms(field, term, maxEdits, prefixLength, transpositions).map((found) => {
      const shorter = Math.min(codePoints(found.term).length, length)
      const boost = found.edits === 0 ? 1 : Math.fround(1 - Math.fround(found.edits / shorter))
      return { term: found.term, boost }
    })
  }
  const dfa = automatonOf(query)
  const accepted = (term: string): boolean =>
    dfa !== null ? runDfa(dfa, term) : query.type === 'termRange' && inRange(query, term)
  return source
    .fieldTerms(query.field)
    .filter(({ term }) => accepted(term))
    .map(({ term }) => ({ term, boost: 1 }))
}
