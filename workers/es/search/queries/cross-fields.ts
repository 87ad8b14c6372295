/**
 * multi_match `cross_fields`, as MultiMatchQueryParser.buildCrossFieldQuery builds it: term-centric. The fields
 * are grouped by the analyzer their search uses (text fields by name, every other field shares the keyword
 * analyzer); each group analyses the text once, with its first field:
 * - a group of one field is that field's `match` query, times the field's boost;
 * - a larger group is a bool (SHOULD, or MUST with `operator: and`, `minimum_should_match` applied) with one
 *   clause per token: the token blended over the group's fields (BlendedQueryBuilder.blendTerm): the text and
 *   keyword fields' terms in one BlendedTermQuery.dismaxBlendedQuery (each with its field boost), every other
 *   field's query of the token (a wildcard field's too: not a TermQuery) beside it (boosted) in a dis_max with the
 *   tie_breaker; one token is its clause.
 * No tokens: `zero_terms_query`. The groups come in the order their first field does (ES keeps them in a hash map).
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { searchAnalyzer } from '../../index/mapper/field-indexer.ts'
import { isAnalyzedText, isKeywordLike } from '../../index/mapper/mapping.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { analyze, fieldQuery, termsBool, valueQuery, zeroTermsQuery } from './full-text-queries.ts'
import { boosted, scalarText, type QueryContext } from './query-parsing.ts'

interface FieldAndBoost {
  field: string
  boost: number
}

/** The fields (resolved, with their boosts) grouped by search analyzer, in first-seen order. */
function analyzerGroups(
  fields: ReadonlyArray<[string, number]>,
  options: XContentObject,
  context: QueryContext,
): FieldAndBoost[][] {
  const groups = new Map<string, FieldAndBoost[]>()
  const analyzer = scalarText(options.get('analyzer'))
  for (const [field, boost] of fields) {
    const mapping = context.fields.get(field)
    if (mapping === undefined) continue
    const key =
      isAnalyzedText(mapping) || analyzer !== null ? searchAnalyzer(mapping, analyzer) : '\u0000keyword'
    const group = groups.get(key)
    if (group) group.push({ field, boost })
    else groups.set(key, [{ field, boost }])
  }
  return [...groups.values()]
}

/** BlendedQueryBuilder.blendTerm: one token over the group's fields. */
function blendTerm(
  term: string,
  group: readonly FieldAndBoost[],
  tieBreaker: number,
  options: XContentObject,
  context: QueryContext,
): IndexQuery {
  const queries: IndexQuery[] = []
  const terms: Array<{ field: string; term: string; boost: number }> = []
  for (const { field, boost } of group) {
    const mapping = context.fields.get(field)
    // a wildcard field's term query is no TermQuery (wildcard-queries.ts), so it is not blended
    if (
      mapping !== undefined &&
      (isAnalyzedText(mapping) || isKeywordLike(mapping)) &&
      mapping.type !== 'wildcard'
    )
      terms.push({ field, term, boost })
    else queries.push(boosted(valueQuery(field, term, options, context, 1), boost))
  }
  if (terms.length > 0) queries.push({ type: 'blendedTerms', terms, tieBreaker, boost: 1 })
  const [only] = queries
  return queries.length === 1 && only ? only : { type: 'disMax', queries, tieBreaker, boost: 1 }
}

function groupQuery(
  text: string,
  group: readonly FieldAndBoost[],
  tieBreaker: number,
  options: XContentObject,
  context: QueryContext,
): IndexQuery {
  const [first] = group
  if (!first) return { type: 'matchNone' }
  if (group.length === 1) {
    return boosted(fieldQuery(first.field, text, options, context, 'boolean', 1), first.boost)
  }
  const tokens = analyze(first.field, text, options, context)
  if (tokens.length === 0) return zeroTermsQuery(options)
  const clauses = tokens.map((t) => blendTerm(t.term, group, tieBreaker, options, context))
  const [only] = clauses
  if (clauses.length === 1 && only) return only
  return termsBool(clauses, options, 1)
}

/** One query per analyzer group, for multi_match to combine with its dis_max. */
export function crossFieldsQueries(
  text: string,
  fields: ReadonlyArray<[string, number]>,
  tieBreaker: number,
  options: XContentObject,
  context: QueryContext,
): IndexQuery[] {
  return analyzerGroups(fields, options, context).map((group) =>
    groupQuery(text, group, tieBreaker, options, context),
  )
}
