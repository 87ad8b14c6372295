/**
 * The span queries (ES's Span*QueryBuilder and FieldMaskingSpanQueryBuilder): span_term, span_near, span_or,
 * span_first, span_not, span_containing, span_within, field_masking_span (span_multi in span-multi-query.ts), each
 * built into a `span` node of the index's query tree, as their doToQuery build Lucene's SpanQuerys. Their
 * fromXContent loops fail with ParsingException texts at the token the parser stands on: an unknown key, or a key
 * with a value of the wrong kind, at its value ("[span_near] query does not support [x]"); a missing clause after
 * the loop, at the body's closing brace ("span_near must include [clauses]"); a clause that is no span query, or a
 * span clause with a boost, at the clause's closing brace ("span_or [clauses] must be of type span query",
 * "span_not [include] as a nested span clause can't have non-default boost value [2.0]"). Constructors' checks
 * are IllegalArgumentExceptions ("inner clause [big] cannot be null.", "parameter [end] needs to be positive.");
 * clauses on different fields fail when the query is built ("failed to create query: ..."). span_near's clauses may
 * be span_gaps (span-gap-query.ts), each a gap of its width in an ordered near.
 */
import type { IndexQuery, SpanQuery } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { XNumber, javaFloatToString, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { isAnalyzedText } from '../../index/mapper/mapping.ts'
import { parseInnerQuery } from '../query-builder.ts'
import { describeSpan } from '../explain/span-description.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import {
  boostOf,
  fieldAndOptions,
  parsingErrorAt,
  parsingErrorAtEnd,
  scalarText,
  type QueryContext,
} from './query-parsing.ts'
import { queryFieldMapping } from './metadata-fields.ts'
import { spanField } from '../../../../engine-wasm/src/index/span-program.ts'
import { concreteFieldName } from '../search-fields.ts'
import { spanGapClause } from './span-gap-query.ts'

type SpanNode = Extract<IndexQuery, { type: 'span' }>

/** What a key of a span query's body holds: a clause object, an array of clauses, or a value. */
type KeyKind = 'object' | 'array' | 'value'

function kindOf(value: XContentValue): KeyKind {
  if (value instanceof Map) return 'object'
  if (Array.isArray(value)) return 'array'
  return 'value'
}

/**
 * The body's keys as a fromXContent loop reads them: each must be one of `keys` (besides boost and _name, values)
 * with a value of its kind, else "[name] query does not support [key]" at its value.
 */
function readKeys(name: string, body: XContentObject, keys: Readonly<Record<string, KeyKind>>): void {
  for (const [key, value] of body) {
    const kind = key === 'boost' || key === '_name' ? 'value' : keys[key]
    if (kind !== kindOf(value)) {
      throw parsingErrorAt(body, key, 'value', `[${name}] query does not support [${key}]`)
    }
  }
}

/** parser.intValue(): a number or numeric string, truncated. */
function intValue(value: XContentValue | undefined, fallback: number): number {
  if (value instanceof XNumber) return Math.trunc(value.value)
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Math.trunc(Number(value))
  return fallback
}

function span(query: SpanQuery, body: XContentObject): SpanNode {
  return { type: 'span', query, boost: boostOf(body) }
}

/**
 * A span clause of `owner`'s `key` (parseInnerQueryBuilder, then the span type and checkNoBoost checks at the
 * clause's closing brace): its span query.
 */
export function spanClause(
  owner: string,
  key: string,
  clause: XContentValue,
  context: QueryContext,
  notSpan = `${owner} [${key}] must be of type span query`,
): SpanQuery {
  const built = parseInnerQuery(clause, context)
  const at = clause as XContentObject
  if (built.type !== 'span') throw parsingErrorAtEnd(at, notSpan)
  if (Math.fround(built.boost) !== 1) {
    const reason = `${owner} [${key}] as a nested span clause can't have non-default boost value [${javaFloatToString(built.boost)}]`
    throw parsingErrorAtEnd(at, reason)
  }
  return built.query
}

/** Lucene's check that every clause is on the query's field (SpanNearQuery, SpanOrQuery, SpanNotQuery, SpanContainQuery). */
function sameField(
  context: QueryContext,
  clauses: readonly SpanQuery[],
  message: (clause: SpanQuery) => string,
): void {
  const field = spanField(clauses[0]!)
  const other = clauses.find((clause) => spanField(clause) !== field)
  if (other !== undefined)
    throw failedToCreateQuery(context.index, 'illegal_argument_exception', message(other))
}

export function spanTermQuery(body: XContentObject, context: QueryContext): IndexQuery {
  if (body.size === 0) throw illegalArgumentException('field name is null or empty')
  const { field, options } = fieldAndOptions('span_term', body, 'value')
  for (const key of options.keys()) {
    if (!['term', 'value', 'boost', '_name'].includes(key))
      throw parsingErrorAt(options, key, 'value', `[span_term] query does not support [${key}]`)
  }
  const text = scalarText(options.get('value') ?? options.get('term'))
  if (field === '') throw illegalArgumentException('field name is null or empty')
  if (text === null) throw illegalArgumentException('value cannot be null')
  const boost = boostOf(options)
  const mapping = queryFieldMapping(context, field)
  if (mapping === undefined) {
    return {
      type: 'span',
      query: { type: 'spanMatchNone', field, reason: `unmapped field: ${field}` },
      boost,
    }
  }
  const indexOptions = typeof mapping.index_options === 'string' ? mapping.index_options : 'positions'
  // match_only_text indexes IndexOptions.DOCS (its TextSearchInfo has no positions)
  const positions =
    isAnalyzedText(mapping) && mapping.type !== 'match_only_text' && !['docs', 'freqs'].includes(indexOptions)
  if (!positions) {
    const message = `Span term query requires position data, but field ${field} was indexed without position data`
    throw failedToCreateQuery(context.index, 'illegal_argument_exception', message)
  }
  return { type: 'span', query: { type: 'spanTerm', field, term: text }, boost }
}

/** span_or and span_near's `clauses` (span_near's may be span_gaps, `gap` reads them). */
function clausesOf(
  name: string,
  body: XContentObject,
  context: QueryContext,
  gap: (clause: XContentValue) => SpanQuery | null = () => null,
): SpanQuery[] {
  const clauses = body.get('clauses')
  const list = Array.isArray(clauses) ? clauses : []
  const built = list.map((clause) => gap(clause) ?? spanClause(name, 'clauses', clause, context))
  if (built.length === 0) throw parsingErrorAtEnd(body, `${name} must include [clauses]`)
  return built
}

/**
 * SpanNearQueryBuilder.doToQuery's SpanNearQuery.Builder, clause by clause: the field is the first clause's (a
 * gap's mapped field name); a gap on another field fails, one in an unordered near too (addGap), and a clause on
 * another field (addClause). A gap takes the near's field.
 */
function nearClauses(clauses: readonly SpanQuery[], inOrder: boolean, context: QueryContext): SpanQuery[] {
  const first = clauses[0]!
  const concrete = (name: string): string => concreteFieldName(context.fields, name)
  const field = first.type === 'spanGap' ? concrete(first.field) : spanField(first)
  const refuse = (message: string): never => {
    throw failedToCreateQuery(context.index, 'illegal_argument_exception', message)
  }
  return clauses.map((clause, i) => {
    if (clause.type === 'spanGap') {
      if (i > 0 && concrete(clause.field) !== field) refuse('[span_near] clauses must have same field')
      if (!inOrder) refuse('Gaps can only be added to ordered near queries')
      return { ...clause, field }
    }
    if (spanField(clause) !== field) {
      refuse(`Cannot add clause ${describeSpan(clause)} to SpanNearQuery for field ${field}`)
    }
    return clause
  })
}

export function spanNearQuery(body: XContentObject, context: QueryContext): IndexQuery {
  readKeys('span_near', body, { clauses: 'array', slop: 'value', in_order: 'value' })
  const clauses = clausesOf('span_near', body, context, spanGapClause)
  const inOrder = body.get('in_order') !== false && body.get('in_order') !== 'false'
  const [first] = clauses
  // SpanNearQueryBuilder: one clause is that clause's query (a lone gap none: nothing is left to match)
  if (first !== undefined && clauses.length === 1) {
    return first.type === 'spanGap' ? { type: 'matchNone' } : span(first, body)
  }
  const near = nearClauses(clauses, inOrder, context)
  const slop = intValue(body.get('slop'), 0)
  return span({ type: 'spanNear', field: spanField(near[0]!), clauses: near, slop, inOrder }, body)
}

export function spanOrQuery(body: XContentObject, context: QueryContext): IndexQuery {
  readKeys('span_or', body, { clauses: 'array' })
  const clauses = clausesOf('span_or', body, context)
  sameField(context, clauses, () => 'Clauses must have same field.')
  return span({ type: 'spanOr', field: spanField(clauses[0]!), clauses }, body)
}

export function spanFirstQuery(body: XContentObject, context: QueryContext): IndexQuery {
  readKeys('span_first', body, { match: 'object', end: 'value' })
  const match = body.has('match') ? spanClause('span_first', 'match', body.get('match')!, context) : null
  if (match === null) throw parsingErrorAtEnd(body, 'span_first must have [match] span query clause')
  if (!body.has('end')) throw parsingErrorAtEnd(body, 'span_first must have [end] set for it')
  const end = intValue(body.get('end'), 0)
  if (end < 0) throw illegalArgumentException('parameter [end] needs to be positive.')
  return span({ type: 'spanFirst', match, end }, body)
}

export function spanNotQuery(body: XContentObject, context: QueryContext): IndexQuery {
  readKeys('span_not', body, {
    include: 'object',
    exclude: 'object',
    dist: 'value',
    pre: 'value',
    post: 'value',
  })
  const clause = (key: string): SpanQuery | null =>
    body.has(key) ? spanClause('span_not', key, body.get(key)!, context) : null
  const include = clause('include')
  const exclude = clause('exclude')
  if (include === null) throw parsingErrorAtEnd(body, 'span_not must have [include] span query clause')
  if (exclude === null) throw parsingErrorAtEnd(body, 'span_not must have [exclude] span query clause')
  if (body.has('dist') && (body.has('pre') || body.has('post'))) {
    throw parsingErrorAtEnd(body, 'span_not can either use [dist] or [pre] & [post] (or none)')
  }
  // SpanNotQueryBuilder.pre / post: a negative value is taken as 0
  const dist = Math.max(0, intValue(body.get('dist'), 0))
  const pre = Math.max(0, intValue(body.get('pre'), dist))
  const post = Math.max(0, intValue(body.get('post'), dist))
  sameField(context, [include, exclude], () => 'Clauses must have same field.')
  return span({ type: 'spanNot', include, exclude, pre, post }, body)
}

function containQuery(name: 'span_containing' | 'span_within', body: XContentObject, context: QueryContext) {
  readKeys(name, body, { big: 'object', little: 'object' })
  const big = body.has('big') ? spanClause(name, 'big', body.get('big')!, context) : null
  const little = body.has('little') ? spanClause(name, 'little', body.get('little')!, context) : null
  if (big === null) throw illegalArgumentException('inner clause [big] cannot be null.')
  if (little === null) throw illegalArgumentException('inner clause [little] cannot be null.')
  sameField(context, [big, little], () => 'big and little not same field')
  return { big, little }
}

export function spanContainingQuery(body: XContentObject, context: QueryContext): IndexQuery {
  return span({ type: 'spanContaining', ...containQuery('span_containing', body, context) }, body)
}

export function spanWithinQuery(body: XContentObject, context: QueryContext): IndexQuery {
  return span({ type: 'spanWithin', ...containQuery('span_within', body, context) }, body)
}

export function fieldMaskingSpanQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const name = 'field_masking_span'
  readKeys(name, body, { query: 'object', field: 'value' })
  const inner = body.get('query')
  const notSpan = `[${name}] query must be of type span query`
  const query = inner !== undefined ? spanClause(name, 'query', inner, context, notSpan) : null
  if (query === null) throw parsingErrorAtEnd(body, `${name} must have [query] span query clause`)
  const field = scalarText(body.get('field'))
  if (field === null) throw parsingErrorAtEnd(body, `${name} must have [field] set for it`)
  if (field === '') throw illegalArgumentException('field name is null or empty')
  return span({ type: 'fieldMaskingSpan', query, field }, body)
}
