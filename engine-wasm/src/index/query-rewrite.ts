/**
 * Rewrites a query tree the way Lucene 9's Query.rewrite does before scoring, limited to the steps that change
 * which documents match or the float32 rounding of their scores:
 *   - PhraseQuery: no terms → MatchNoDocsQuery; one term → TermQuery. (MultiPhrasePrefixQuery rewrites against the
 *     index's terms, so index.wasm does that step: phrase-prefix.ts.)
 *   - BooleanQuery: no clauses or only MUST_NOT clauses → no match; a MatchNoDocs MUST/FILTER clause → no match,
 *     a MatchNoDocs SHOULD/MUST_NOT clause is dropped; equal SHOULD clauses (when minimumShouldMatch <= 1) and
 *     equal MUST clauses merge into one whose boost is the sum of theirs; SHOULD clauses that are unboosted pure
 *     disjunctions are flattened into this query (when minimumShouldMatch <= 1); fewer SHOULD clauses than
 *     minimumShouldMatch → no match; exactly as many → they all become MUST clauses.
 *   - DisjunctionMaxQuery with one disjunct → that disjunct; CoveringQuery rewrites its clauses (keeping those that
 *     match nothing: they count among its clauses); compound queries (function_score's query and
 *     filters too, a nested query's child query) rewrite their inner queries.
 *   - CappedScoreQuery: its query's own boost is dropped (a bool with one scoring clause first becomes that clause,
 *     boosted, as BooleanQuery.rewrite makes it); one directly inside another is kept alone.
 * Steps apply in Lucene's order, one at a time, until the query no longer changes (IndexSearcher.rewrite).
 * Query equality is Lucene's: clauses compare as a multiset per occur, boosts included below the top.
 */
import type { IndexQuery } from './types.ts'

type BoolQuery = Extract<IndexQuery, { type: 'bool' }>

const MATCH_NONE: IndexQuery = { type: 'matchNone' }

function boostOf(query: IndexQuery): number {
  return query.type === 'matchNone' ? 1 : Math.fround(query.boost)
}

function withBoost(query: IndexQuery, boost: number): IndexQuery {
  return query.type === 'matchNone' ? query : { ...query, boost }
}

function isNone(clause: IndexQuery): boolean {
  return clause.type === 'matchNone'
}

function isSome(clause: IndexQuery): boolean {
  return clause.type !== 'matchNone'
}

/**
 * Lucene's equality of the query without its own boost. A term's key (the commonest) is built without JSON: a
 * control character no other key starts with, the field's length, the field and the term.
 */
function queryKey(query: IndexQuery): string {
  switch (query.type) {
    case 'term':
      return `\u0001${query.field.length}:${query.field}${query.term}`
    case 'phrase':
      return JSON.stringify(['phrase', query.field, query.slop, query.terms.map((t) => [t.term, t.position])])
    case 'matchAll':
    case 'matchNone':
      return query.type
    case 'disMax':
      return JSON.stringify(['disMax', query.tieBreaker, query.queries.map(fullKey).sort()])
    case 'constantScore':
      return JSON.stringify(['constantScore', fullKey(query.filter)])
    case 'cappedScore':
      return JSON.stringify(['cappedScore', query.maxScore, fullKey(query.query)])
    case 'covering':
      return JSON.stringify([
        'covering',
        query.minimumNumberMatch.description,
        query.queries.map(fullKey).sort(),
      ])
    case 'nested':
      return JSON.stringify(['nested', query.path, query.parentPath, query.scoreMode, fullKey(query.query)])
    case 'boosting':
      return JSON.stringify([
        'boosting',
        query.negativeBoost,
        fullKey(query.positive),
        fullKey(query.negative),
      ])
    case 'bool': {
      const clauses = (list: readonly IndexQuery[]): string[] => list.map(fullKey).sort()
      const { must, should, mustNot, filter, minimumShouldMatch } = query
      return JSON.stringify(['bool', minimumShouldMatch, ...[must, should, mustNot, filter].map(clauses)])
    }
    default:
      // leaf multi-term queries: every property but the boost (a date_nanos distance's bigints as their digits)
      return JSON.stringify({ ...query, boost: undefined }, (_key, value: unknown) =>
        typeof value === 'bigint' ? `${value}n` : value,
      )
  }
}

function fullKey(query: IndexQuery): string {
  return `${queryKey(query)}^${boostOf(query)}`
}

/** Merges equal clauses, summing their boosts in double as BooleanQuery.rewrite does; null when all differ. */
function deduplicate(clauses: readonly IndexQuery[]): IndexQuery[] | null {
  const merged = new Map<string, { query: IndexQuery; boost: number }>()
  for (const clause of clauses) {
    const key = queryKey(clause)
    const seen = merged.get(key)
    if (seen) seen.boost += boostOf(clause)
    else merged.set(key, { query: clause, boost: boostOf(clause) })
  }
  if (merged.size === clauses.length) return null
  return [...merged.values()].map(({ query, boost }) => withBoost(query, Math.fround(boost)))
}

function isPureDisjunction(query: IndexQuery): query is BoolQuery {
  return (
    query.type === 'bool' &&
    boostOf(query) === 1 &&
    query.must.length + query.mustNot.length + query.filter.length === 0 &&
    query.minimumShouldMatch <= 1
  )
}

/** One rewrite step, or the same query when none applies. */
function rewriteStep(query: BoolQuery): IndexQuery {
  const { must, should, mustNot, filter, minimumShouldMatch: msm } = query
  const positive = must.length + should.length + filter.length
  if (positive === 0) return MATCH_NONE
  if (must.some(isNone) || filter.some(isNone)) return MATCH_NONE
  if (should.some(isNone) || mustNot.some(isNone)) {
    return { ...query, should: should.filter(isSome), mustNot: mustNot.filter(isSome) }
  }
  const shouldMerged = msm <= 1 ? deduplicate(should) : null
  if (shouldMerged) return { ...query, should: shouldMerged }
  const mustMerged = deduplicate(must)
  if (mustMerged) return { ...query, must: mustMerged }
  if (msm <= 1 && should.some(isPureDisjunction)) {
    return { ...query, should: should.flatMap((c) => (isPureDisjunction(c) ? c.should : [c])) }
  }
  if (should.length < msm) return MATCH_NONE
  if (should.length > 0 && should.length === msm) {
    return { ...query, must: [...must, ...should], should: [], minimumShouldMatch: 0 }
  }
  return query
}

/**
 * BooleanQuery.rewrite of a bool with one scoring clause (a MUST, or a SHOULD with minimumShouldMatch at most 1):
 * that clause, boosted by the bool (BoostQuery); null for any other query.
 */
function soleClause(query: IndexQuery): IndexQuery | null {
  if (query.type !== 'bool' || query.mustNot.length + query.filter.length > 0) return null
  const { must, should, minimumShouldMatch } = query
  const [only] =
    must.length === 1 && should.length === 0 ? must : should.length === 1 && must.length === 0 ? should : []
  if (only === undefined || minimumShouldMatch > (must.length === 1 ? 0 : 1)) return null
  return withBoost(only, Math.fround(boostOf(only) * boostOf(query)))
}

/**
 * CappedScoreQuery.rewrite, repeated as IndexSearcher.rewrite repeats it: the wrapped query rewritten; a
 * CappedScoreQuery inside is kept alone (its own cap); a BoostQuery is unwrapped, so the query's own boost (a bool
 * with one scoring clause rewrites to that clause, boosted) never scores.
 */
function cappedScore(query: Extract<IndexQuery, { type: 'cappedScore' }>): IndexQuery {
  let inner = rewriteQuery(query.query)
  for (let sole = soleClause(inner); sole !== null; sole = soleClause(inner)) inner = sole
  if (inner.type === 'cappedScore') return withBoost(inner, query.boost)
  return { ...query, query: withBoost(inner, 1) }
}

export function rewriteQuery(query: IndexQuery): IndexQuery {
  switch (query.type) {
    case 'phrase': {
      const [first, ...rest] = query.terms
      if (!first) return MATCH_NONE
      if (rest.length === 0) return { type: 'term', field: query.field, term: first.term, boost: query.boost }
      return query
    }
    case 'bool': {
      let current: IndexQuery = {
        ...query,
        must: query.must.map(rewriteQuery),
        should: query.should.map(rewriteQuery),
        mustNot: query.mustNot.map(rewriteQuery),
        filter: query.filter.map(rewriteQuery),
      }
      while (current.type === 'bool') {
        const next = rewriteStep(current)
        if (next === current) break
        current = next
      }
      return current
    }
    case 'disMax': {
      const queries = query.queries.map(rewriteQuery).filter((q) => q.type !== 'matchNone')
      const [only, ...rest] = queries
      if (!only) return MATCH_NONE
      if (rest.length === 0) return withBoost(only, Math.fround(boostOf(only) * query.boost))
      return { ...query, queries }
    }
    case 'constantScore':
      return { ...query, filter: rewriteQuery(query.filter) }
    case 'cappedScore':
      return cappedScore(query)
    case 'covering':
      return { ...query, queries: query.queries.map(rewriteQuery) }
    case 'boosting':
      return { ...query, positive: rewriteQuery(query.positive), negative: rewriteQuery(query.negative) }
    case 'nested':
      return { ...query, query: rewriteQuery(query.query) }
    case 'functionScore':
      return {
        ...query,
        query: rewriteQuery(query.query),
        functions: query.functions.map((fn) =>
          fn.filter === null ? fn : { ...fn, filter: rewriteQuery(fn.filter) },
        ),
      }
    default:
      return query
  }
}
