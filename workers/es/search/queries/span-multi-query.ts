/**
 * span_multi (SpanMultiTermQueryBuilder): a prefix, wildcard, regexp, fuzzy or range query wrapped as a span query
 * (SpanMultiTermQueryWrapper), its terms expanded when it runs (engine-wasm's span-multi-rewrite.ts). The wrapped
 * query's rewrite picks the expansion: a `top_terms_N` / `top_terms_boost_N` / `top_terms_blended_freqs_N`
 * rewrite (and fuzzy's default, its max_expansions) keeps the best N terms, any other every term up to the max
 * clause count. An inner query that rewrites to match_none (an unmapped field) is SpanMatchNoDocsQuery "Inner query
 * rewrote to match_none"; one that builds no MultiTermQuery (a range over numbers) fails with ES's
 * UnsupportedOperationException. A prefix goes through the field type's spanPrefixQuery: on a text field whose
 * `index_prefixes` (with positions) take its length, a span_term on `._index_prefix` masked as the field
 * (FieldMaskingSpanQuery); otherwise a prefix query on the field itself. Parse errors: "[span_multi] [match] must be of type multi term query" at the
 * clause's closing brace, "[span_multi] must have [match] multi term query clause" at the body's.
 */
import type { IndexQuery, SpanQuery } from '../../../../engine-wasm/src/index/index.ts'
import { PREFIX_FIELD_SUFFIX } from '../../index/mapper/text-subfields.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { describeUnboosted } from '../explain/query-description.ts'
import { parseInnerQuery } from '../query-builder.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import { boostOf, parsingErrorAt, parsingErrorAtEnd, scalarText, type QueryContext } from './query-parsing.ts'

const MULTI_TERM_QUERIES = new Set(['prefix', 'wildcard', 'regexp', 'fuzzy', 'range'])
const TOP_TERMS = /^top_terms_(?:boost_|blended_freqs_)?(\d+)$/

type MultiTermQuery = Extract<IndexQuery, { type: 'prefix' | 'wildcard' | 'regexp' | 'fuzzy' | 'termRange' }>

/** The Lucene class of a query that is no MultiTermQuery, as the UnsupportedOperationException names it. */
const LUCENE_CLASSES: Partial<Record<IndexQuery['type'], string>> = {
  numericRange: 'org.apache.lucene.search.IndexOrDocValuesQuery',
  term: 'org.apache.lucene.search.TermQuery',
  bool: 'org.apache.lucene.search.BooleanQuery',
  matchAll: 'org.apache.lucene.search.MatchAllDocsQuery',
}

function isMultiTerm(query: IndexQuery): query is MultiTermQuery {
  return ['prefix', 'wildcard', 'regexp', 'fuzzy', 'termRange'].includes(query.type)
}

/** The wrapped query's field and its options (`{"prefix": {"f": {...}}}`; a bare value has none). */
function innerField(match: XContentObject): { field: string; options: XContentObject | null } {
  const body = [...match.values()][0]
  if (!(body instanceof Map)) return { field: '', options: null }
  const entry = [...body].find(([key]) => key !== 'boost' && key !== '_name')
  if (entry === undefined) return { field: '', options: null }
  return { field: entry[0], options: entry[1] instanceof Map ? entry[1] : null }
}

/** SpanMultiTermQueryWrapper's rewrite method: the top N terms, or null for every term. */
function topTerms(query: MultiTermQuery, options: XContentObject | null): number | null {
  const rewrite = options !== null ? scalarText(options.get('rewrite')) : null
  const top = rewrite !== null ? TOP_TERMS.exec(rewrite) : null
  if (top !== null) return Number(top[1])
  return query.type === 'fuzzy' && rewrite === null ? query.maxExpansions : null
}

/**
 * TextFieldType.spanPrefixQuery: the prefix query built over `._index_prefix` (index_prefixes took the prefix) as
 * its span term masked as the field when the field indexes positions, else a prefix query on the field; any other
 * prefix query as built.
 */
function spanPrefixInner(
  field: string,
  built: IndexQuery,
  context: QueryContext,
): IndexQuery | Extract<SpanQuery, { type: 'fieldMaskingSpan' }> {
  const inner = built.type === 'constantScore' ? built.filter : built
  if (inner.type === 'prefix') return inner
  const prefixField = field + PREFIX_FIELD_SUFFIX
  const mapping = context.fields.get(field)
  const positions =
    mapping?.index_options === undefined ||
    mapping.index_options === 'positions' ||
    mapping.index_options === 'offsets'
  if (inner.type === 'term' && inner.field === prefixField && positions)
    return {
      type: 'fieldMaskingSpan',
      query: { type: 'spanTerm', field: prefixField, term: inner.term },
      field,
    }
  // the padded automaton (a prefix one short of min_chars) or a field without positions: the field's own prefix
  const padded = inner.type === 'bool' ? inner.should.find((clause) => clause.type === 'term') : inner
  if (padded?.type !== 'term') return inner
  return { type: 'prefix', field, prefix: padded.term, boost: 1 }
}

export function spanMultiQuery(body: XContentObject, context: QueryContext): IndexQuery {
  for (const [key, value] of body) {
    const ok =
      key === 'match' ? value instanceof Map : (key === 'boost' || key === '_name') && !(value instanceof Map)
    if (!ok) throw parsingErrorAt(body, key, 'value', `[span_multi] query does not support [${key}]`)
  }
  const match = body.get('match')
  if (!(match instanceof Map))
    throw parsingErrorAtEnd(body, '[span_multi] must have [match] multi term query clause')
  const built = parseInnerQuery(match, context)
  const name = [...match.keys()][0] ?? ''
  if (!MULTI_TERM_QUERIES.has(name)) {
    throw parsingErrorAtEnd(match, '[span_multi] [match] must be of type multi term query')
  }
  const boost = boostOf(body)
  const { field, options } = innerField(match)
  if (built.type === 'matchNone') {
    return {
      type: 'span',
      query: { type: 'spanMatchNone', field, reason: 'Inner query rewrote to match_none' },
      boost,
    }
  }
  const inner =
    name === 'prefix'
      ? spanPrefixInner(field, built, context)
      : built.type === 'constantScore'
        ? built.filter
        : built
  if (inner.type === 'fieldMaskingSpan') return { type: 'span', query: inner, boost }
  if (!isMultiTerm(inner)) {
    const javaClass = LUCENE_CLASSES[inner.type] ?? 'org.apache.lucene.search.Query'
    const message = `unsupported inner query, should be org.apache.lucene.search.MultiTermQuery but was ${javaClass}`
    throw failedToCreateQuery(context.index, 'unsupported_operation_exception', message)
  }
  const description = describeUnboosted(inner)
  return {
    type: 'span',
    query: { type: 'spanMulti', query: inner, topTerms: topTerms(inner, options), description },
    boost,
  }
}
