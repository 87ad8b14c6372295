/**
 * Turns the Query DSL into the inverted index's query tree, as ES's QueryBuilders build Lucene queries:
 * `match` analyses its text with the field's analyzer into a bool of term clauses (SHOULD, or MUST with
 * operator AND; a single term stays a term query), `match_phrase` into a phrase with slop, `term` into
 * an exact term, `bool` into a boolean query; `match_all`/`match_none` as such. Errors are ES's
 * parsing_exception texts.
 */
import type { AnalyzedToken, IndexQuery } from '../../../engine-wasm/src/index/index.ts'
import { EsException, parsingException } from '../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import type { FieldMapping } from '../index/mapper/mapping.ts'
import { indexedTerm, type TextAnalyzer } from '../index/mapper/field-indexer.ts'
import { DEFAULT_ANALYZER } from '../analysis/index.ts'

export interface QueryContext {
  fields: Map<string, FieldMapping>
  analyze: TextAnalyzer
}

export function buildQuery(query: XContentValue, context: QueryContext): IndexQuery {
  if (!(query instanceof Map)) throw parsingError('[_na] query malformed, must start with start_object')
  const entries = [...query]
  if (entries.length === 0) return { type: 'matchAll', boost: 1 }
  if (entries.length > 1) {
    throw parsingError(`[${entries[0]![0]}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]`)
  }
  const [name, body] = entries[0]!
  switch (name) {
    case 'match_all':
      return { type: 'matchAll', boost: boostOf(body) }
    case 'match_none':
      return { type: 'matchNone' }
    case 'match':
      return matchQuery(body, context, false)
    case 'match_phrase':
      return matchQuery(body, context, true)
    case 'term':
      return termQuery(body, context)
    case 'bool':
      return boolQuery(body, context)
    default:
      throw parsingError(
        `unknown query [${name}]`,
        new EsException({
          type: 'named_object_not_found_exception',
          reason: `[1:1] unknown field [${name}]`,
          status: 400,
          // An XContentParseException, not an ElasticsearchException: never a root cause.
          rootCause: false,
        }),
      )
  }
}

function fieldAndOptions(name: string, body: XContentValue): { field: string; options: XContentObject } {
  if (!(body instanceof Map) || body.size !== 1) {
    throw parsingError(
      `[${name}] query doesn't support multiple fields, found [${body instanceof Map ? [...body.keys()].join('] and [') : ''}]`,
    )
  }
  const [field, value] = [...body][0]!
  if (value instanceof Map) return { field, options: value }
  return { field, options: new Map([['query', value]]) }
}

function scalarText(value: XContentValue | undefined): string | null {
  if (value === undefined || value === null) return null
  if (value instanceof XNumber) return value.text
  if (typeof value === 'string' || typeof value === 'boolean') return String(value)
  return null
}

function boostOf(body: XContentValue): number {
  const boost = body instanceof Map ? body.get('boost') : undefined
  return boost instanceof XNumber ? boost.value : 1
}

function analyzeForField(field: string, text: string, context: QueryContext): AnalyzedToken[] {
  const mapping = context.fields.get(field)
  if (!mapping || mapping.type !== 'text') return [{ term: text, position: 0 }]
  return context.analyze(mapping.search_analyzer ?? mapping.analyzer ?? DEFAULT_ANALYZER, text)
}

function matchQuery(body: XContentValue, context: QueryContext, phrase: boolean): IndexQuery {
  const kind = phrase ? 'match_phrase' : 'match'
  const { field, options } = fieldAndOptions(kind, body)
  const text = scalarText(options.get('query'))
  if (text === null) throw parsingError(`[${kind}] requires query value`)
  const boost = boostOf(options)
  if (!context.fields.has(field)) return { type: 'matchNone' }
  const tokens = analyzeForField(field, text, context)
  if (tokens.length === 0) return { type: 'matchNone' }
  if (phrase && tokens.length > 1) {
    const slop = options.get('slop')
    return { type: 'phrase', field, terms: tokens, slop: slop instanceof XNumber ? slop.value : 0, boost }
  }
  if (tokens.length === 1) return { type: 'term', field, term: tokens[0]!.term, boost }
  const clauses = tokens.map((t): IndexQuery => ({ type: 'term', field, term: t.term, boost: 1 }))
  const and = scalarText(options.get('operator'))?.toLowerCase() === 'and'
  const minimumShouldMatch = and
    ? 0
    : parseMinimumShouldMatch(scalarText(options.get('minimum_should_match')), clauses.length)
  return {
    type: 'bool',
    must: and ? clauses : [],
    should: and ? [] : clauses,
    mustNot: [],
    filter: [],
    minimumShouldMatch,
    boost,
  }
}

function termQuery(body: XContentValue, context: QueryContext): IndexQuery {
  const { field, options } = fieldAndOptions('term', body)
  const value = options.get('value') ?? options.get('query')
  const text = scalarText(value)
  if (text === null) throw parsingError('[term] query does not support [value]')
  if (!context.fields.has(field)) return { type: 'matchNone' }
  const term = typeof value === 'boolean' ? indexedTerm(value) : text
  return { type: 'term', field, term, boost: boostOf(options) }
}

function clauses(value: XContentValue | undefined, context: QueryContext): IndexQuery[] {
  if (value === undefined || value === null) return []
  const list = Array.isArray(value) ? value : [value]
  return list.map((q) => buildQuery(q, context))
}

function boolQuery(body: XContentValue, context: QueryContext): IndexQuery {
  if (!(body instanceof Map)) throw parsingError('[bool] query malformed, no start_object after query name')
  for (const key of body.keys()) {
    if (!['must', 'should', 'must_not', 'filter', 'minimum_should_match', 'boost', '_name'].includes(key)) {
      throw parsingError(`[bool] query does not support [${key}]`)
    }
  }
  const should = clauses(body.get('should'), context)
  const must = clauses(body.get('must'), context)
  const filter = clauses(body.get('filter'), context)
  return {
    type: 'bool',
    must,
    should,
    mustNot: clauses(body.get('must_not'), context),
    filter,
    minimumShouldMatch: parseMinimumShouldMatch(scalarText(body.get('minimum_should_match')), should.length),
    boost: boostOf(body),
  }
}

/** ES's Queries.calculateMinShouldMatch for integers and percentages (negative values count from the top). */
export function parseMinimumShouldMatch(spec: string | null, optionalClauses: number): number {
  if (spec === null) return 0
  const trimmed = spec.trim()
  let result: number
  if (trimmed.endsWith('%')) {
    const percent = Number(trimmed.slice(0, -1))
    const computed = Math.trunc((optionalClauses * percent) / 100)
    result = percent < 0 ? optionalClauses + computed : computed
  } else {
    const n = Number(trimmed)
    result = n < 0 ? optionalClauses + n : n
  }
  return Math.max(0, Math.min(result, optionalClauses))
}

/** ES's ParsingException; its line and column are the query's start (value locations are not tracked yet). */
function parsingError(reason: string, causedBy?: EsException): EsException {
  return parsingException(1, 1, reason, causedBy)
}
