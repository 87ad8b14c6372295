/**
 * Compound queries (ES's BoolQueryBuilder, ConstantScoreQueryBuilder, DisMaxQueryBuilder,
 * BoostingQueryBuilder) with their fromXContent parsing_exception texts. Inner queries are read with
 * parseInnerQuery; bool's ObjectParser wraps a clause's parse failure as `[bool] failed to parse field [must]`;
 * `minimum_should_match` follows minimum-should-match.ts.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import { parseInnerQuery } from '../query-builder.ts'
import { fieldParseFailure } from './query-parse-failures.ts'
import { parseMinimumShouldMatch } from './minimum-should-match.ts'
import {
  boostOf,
  checkDeclaredFields,
  checkOptions,
  numberOption,
  parsingErrorAtEnd,
  scalarText,
  type QueryContext,
} from './query-parsing.ts'

function clauses(value: XContentValue | undefined, context: QueryContext): IndexQuery[] {
  if (value === undefined || value === null) return []
  const list = Array.isArray(value) ? value : [value]
  return list.map((q) => parseInnerQuery(q, context))
}

/** One of bool's clause lists: its ObjectParser wraps a clause's parse failure naming the field. */
function boolClauses(options: XContentObject, field: string, context: QueryContext): IndexQuery[] {
  try {
    return clauses(options.get(field), context)
  } catch (error) {
    throw fieldParseFailure('bool', field, error)
  }
}

export function boolQuery(options: XContentObject, context: QueryContext): IndexQuery {
  // BoolQueryBuilder parses with an ObjectParser
  checkDeclaredFields('bool', options, [
    'must',
    'should',
    'must_not',
    'filter',
    'minimum_should_match',
    'adjust_pure_negative',
  ])
  const should = boolClauses(options, 'should', context)
  const must = boolClauses(options, 'must', context)
  const filter = boolClauses(options, 'filter', context)
  const mustNot = boolClauses(options, 'must_not', context)
  // BoolQueryBuilder.doToQuery: no clause at all matches every document; only must_not clauses
  // (Queries.fixNegativeQueryIfNeeded, unless adjust_pure_negative is false) filter on all documents, scoring 0.
  if (must.length + should.length + filter.length + mustNot.length === 0) {
    return { type: 'matchAll', boost: boostOf(options) }
  }
  const pureNegative = must.length + should.length + filter.length === 0
  if (pureNegative && options.get('adjust_pure_negative') !== false)
    filter.push({ type: 'matchAll', boost: 1 })
  return {
    type: 'bool',
    must,
    should,
    mustNot,
    filter,
    minimumShouldMatch: parseMinimumShouldMatch(
      scalarText(options.get('minimum_should_match')),
      should.length,
    ),
    boost: boostOf(options),
  }
}

export function constantScoreQuery(options: XContentObject, context: QueryContext): IndexQuery {
  checkOptions('constant_score', options, ['filter'])
  const filter = options.get('filter')
  if (filter === undefined) throw parsingErrorAtEnd(options, "[constant_score] requires a 'filter' element")
  return { type: 'constantScore', filter: parseInnerQuery(filter, context), boost: boostOf(options) }
}

export function disMaxQuery(options: XContentObject, context: QueryContext): IndexQuery {
  checkOptions('dis_max', options, ['queries', 'tie_breaker'])
  const queries = clauses(options.get('queries'), context)
  if (queries.length === 0)
    throw parsingErrorAtEnd(options, "[dis_max] requires 'queries' field with at least one clause")
  const tieBreaker = Math.fround(numberOption(options, 'tie_breaker', 0))
  return { type: 'disMax', queries, tieBreaker, boost: boostOf(options) }
}

export function boostingQuery(options: XContentObject, context: QueryContext): IndexQuery {
  checkOptions('boosting', options, ['positive', 'negative', 'negative_boost'])
  const positive = options.get('positive')
  const negative = options.get('negative')
  // BoostingQueryBuilder.fromXContent's checks after its loop, at the closing brace (their stray quotes are ES's)
  if (positive === undefined)
    throw parsingErrorAtEnd(options, "[boosting] query requires 'positive' query to be set'")
  if (negative === undefined)
    throw parsingErrorAtEnd(options, "[boosting] query requires 'negative' query to be set'")
  const negativeBoost = numberOption(options, 'negative_boost', -1)
  if (negativeBoost < 0) {
    throw parsingErrorAtEnd(
      options,
      "[boosting] query requires 'negative_boost' to be set to be a positive value'",
    )
  }
  return {
    type: 'boosting',
    positive: parseInnerQuery(positive, context),
    negative: parseInnerQuery(negative, context),
    negativeBoost: Math.fround(negativeBoost),
    boost: boostOf(options),
  }
}
