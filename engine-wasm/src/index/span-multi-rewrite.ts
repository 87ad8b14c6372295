/**
 * SpanMultiTermQueryWrapper's rewrite against an index: every spanMulti of a query tree becomes the span query of
 * the index terms its multi-term query accepts (over all segments, as the rewrite walks the top-level reader):
 *   - topTerms null (ES's SpanBooleanQueryRewriteWithMaxClause, prefix / wildcard / regexp / range): every accepted
 *     term; none is SpanMatchNoDocsQuery "no expansion found for <query>", one its SpanTermQuery, more a SpanOrQuery
 *     in code point order (ES collects them in a HashSet: its order is the JVM's hashing, see docs/DEVIATIONS.md);
 *     more than MAX_CLAUSE_COUNT throws TooManySpanClausesError with ES's RuntimeException text;
 *   - topTerms n (TopTermsSpanBooleanQueryRewrite, fuzzy): the n terms of highest boost (FuzzyTermsEnum's
 *     1 - edits / min(code points of both), ties to the smaller term), as a SpanOrQuery in term order.
 * An intervals query's multi-term sources are expanded as well (intervals-program.ts). Queries without a spanMulti
 * or an intervals query come back as they are (the same object).
 */
import { candidates, compareCodePoints, MAX_CLAUSE_COUNT, type TermSource } from './multi-term-candidates.ts'
import { expandIntervalTerms } from './intervals-program.ts'
import type { IndexQuery, SpanQuery } from './types.ts'

/** ES's RuntimeException from SpanBooleanQueryRewriteWithMaxClause: more terms than the max clause count. */
export class TooManySpanClausesError extends Error {
  constructor(description: string) {
    super(`[${description} ] exceeds maxClauseCount [ Boolean maxClauseCount is set to ${MAX_CLAUSE_COUNT}]`)
    this.name = 'TooManySpanClausesError'
  }
}

type SpanMulti = Extract<SpanQuery, { type: 'spanMulti' }>

function expand(multi: SpanMulti, source: TermSource): SpanQuery {
  const field = multi.query.field
  const spanTerm = (term: string): SpanQuery => ({ type: 'spanTerm', field, term })
  const found = candidates(multi.query, source)
  if (multi.topTerms !== null) {
    // TopTermsRewrite's queue keeps the best by boost (ties to the smaller term), then builds in term order
    const best = [...found].sort((a, b) => b.boost - a.boost || compareCodePoints(a.term, b.term))
    const terms = best.slice(0, multi.topTerms).map(({ term }) => term)
    return { type: 'spanOr', field, clauses: terms.sort(compareCodePoints).map(spanTerm) }
  }
  if (found.length > MAX_CLAUSE_COUNT) throw new TooManySpanClausesError(multi.description)
  if (found.length === 0) {
    return { type: 'spanMatchNone', field, reason: `no expansion found for ${multi.description}` }
  }
  const [only] = found
  return only && found.length === 1
    ? spanTerm(only.term)
    : { type: 'spanOr', field, clauses: found.map(({ term }) => spanTerm(term)) }
}

function expandSpan(query: SpanQuery, source: TermSource): SpanQuery {
  const sub = (q: SpanQuery): SpanQuery => expandSpan(q, source)
  switch (query.type) {
    case 'spanMulti':
      return expand(query, source)
    case 'spanNear':
    case 'spanOr':
      return { ...query, clauses: query.clauses.map(sub) }
    case 'spanFirst':
      return { ...query, match: sub(query.match) }
    case 'spanNot':
      return { ...query, include: sub(query.include), exclude: sub(query.exclude) }
    case 'spanContaining':
    case 'spanWithin':
      return { ...query, big: sub(query.big), little: sub(query.little) }
    case 'fieldMaskingSpan':
      return { ...query, query: sub(query.query) }
    default:
      return query
  }
}

function hasMulti(query: SpanQuery): boolean {
  switch (query.type) {
    case 'spanMulti':
      return true
    case 'spanNear':
    case 'spanOr':
      return query.clauses.some(hasMulti)
    case 'spanFirst':
      return hasMulti(query.match)
    case 'spanNot':
      return hasMulti(query.include) || hasMulti(query.exclude)
    case 'spanContaining':
    case 'spanWithin':
      return hasMulti(query.big) || hasMulti(query.little)
    case 'fieldMaskingSpan':
      return hasMulti(query.query)
    default:
      return false
  }
}

function sameAll<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.every((item, i) => item === b[i])
}

/** The query with every spanMulti in it expanded against `source`'s terms (the same object when it has none). */
export function expandSpanMultiTerms(query: IndexQuery, source: TermSource): IndexQuery {
  const sub = (q: IndexQuery): IndexQuery => expandSpanMultiTerms(q, source)
  switch (query.type) {
    case 'span':
      return hasMulti(query.query) ? { ...query, query: expandSpan(query.query, source) } : query
    case 'intervals':
      return expandIntervalTerms(query, source)
    case 'bool': {
      const clauses = [query.must, query.should, query.mustNot, query.filter]
      const [must, should, mustNot, filter] = clauses.map((list) => list.map(sub)) as [
        IndexQuery[],
        IndexQuery[],
        IndexQuery[],
        IndexQuery[],
      ]
      const same = [must, should, mustNot, filter].every((list, i) => sameAll(list, clauses[i]!))
      return same ? query : { ...query, must, should, mustNot, filter }
    }
    case 'disMax': {
      const queries = query.queries.map(sub)
      return sameAll(queries, query.queries) ? query : { ...query, queries }
    }
    case 'constantScore': {
      const filter = sub(query.filter)
      return filter === query.filter ? query : { ...query, filter }
    }
    case 'boosting': {
      const positive = sub(query.positive)
      const negative = sub(query.negative)
      return positive === query.positive && negative === query.negative
        ? query
        : { ...query, positive, negative }
    }
    case 'nested':
    case 'cappedScore': {
      const inner = sub(query.query)
      return inner === query.query ? query : { ...query, query: inner }
    }
    case 'functionScore': {
      const inner = sub(query.query)
      const functions = query.functions.map((fn) => {
        const filter = fn.filter === null ? null : sub(fn.filter)
        return filter === fn.filter ? fn : { ...fn, filter }
      })
      return inner === query.query && sameAll(functions, query.functions)
        ? query
        : { ...query, query: inner, functions }
    }
    default:
      return query
  }
}
