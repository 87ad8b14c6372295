/**
 * The `simple_query_string` query (SimpleQueryStringBuilder with ES's SimpleQueryStringQueryParser): the text
 * parsed by simple-query-parser.ts over `fields` (with `^boost`; default `*`, which makes it lenient), each
 * leaf built per field and combined as ES does: terms as a most_fields multi_match (a dis_max with
 * tie_breaker 1 over the per-field match queries, `default_operator` between a field's tokens), phrases as a
 * phrase multi_match (tie_breaker 0), fuzzy and prefix terms normalized (lower-cased for text fields) and
 * combined by a dis_max with tie_breaker 1. `minimum_should_match` applies to a top-level bool. Unknown
 * options fail with "[simple_query_string] unsupported field [x]".
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import {
  FieldQueryError,
  fieldQueryFailure,
  normalize,
  requireString,
  type MultiTermKind,
} from '../query-string/field-queries.ts'
import { parseFieldAndWeight, resolveFields } from '../query-string/field-resolution.ts'
import { fieldQuery } from './full-text-queries.ts'
import { NO_TERMS_REASON, unmappedFieldsReason } from './match-no-docs.ts'
import { isSpecialMetadataField, metadataMultiTermFieldQuery, queryFieldMapping } from './metadata-fields.ts'
import { parseMinimumShouldMatch } from './minimum-should-match.ts'
import {
  boosted,
  boostOf,
  numberOption,
  parsingErrorAt,
  parsingErrorAtEnd,
  scalarText,
  type QueryContext,
} from './query-parsing.ts'
import { SimpleQueryFlags, SimpleQueryParser, type SimpleQueryFactory } from './simple-query-parser.ts'

const OPTIONS = [
  'query',
  'fields',
  'default_operator',
  'analyzer',
  'flags',
  'analyze_wildcard',
  'lenient',
  'minimum_should_match',
  'quote_field_suffix',
  'auto_generate_synonyms_phrase_query',
  'fuzzy_prefix_length',
  'fuzzy_max_expansions',
  'fuzzy_transpositions',
  'boost',
  '_name',
]

/** SimpleQueryStringFlag.resolveFlags: names joined by `|`, case-insensitive. */
function resolveFlags(body: XContentObject): number {
  const value = body.get('flags')
  const text = scalarText(value)
  if (text === null) return SimpleQueryFlags.ALL
  if (/^-?\d+$/.test(text)) return Number(text)
  let flags = 0
  for (const name of text.split('|')) {
    if (name === '') continue
    const flag = (SimpleQueryFlags as Record<string, number>)[name.toUpperCase()]
    if (flag === undefined) throw illegalArgumentException(`Unknown simple_query_string flag [${name}]`)
    if (flag === SimpleQueryFlags.ALL) return flag
    flags |= flag
  }
  return flags
}

/**
 * The fields' queries of one piece of the text, combined as MultiMatchQueryParser and SimpleQueryStringQueryParser do:
 * a field whose analysis leaves no terms adds nothing (ZeroTermsQueryOption.NULL), every other MatchNoDocsQuery (a
 * lenient failure) stays a disjunct; none left adds no clause, one is itself.
 */
function disMax(queries: IndexQuery[], tieBreaker: number): IndexQuery | null {
  const kept = queries.filter((q) => q.type !== 'matchNone' || q.reason !== NO_TERMS_REASON)
  const [only, ...rest] = kept
  if (only === undefined) return null
  if (rest.length === 0) return only
  return { type: 'disMax', queries: kept, tieBreaker, boost: 1 }
}

export function simpleQueryStringQuery(body: XContentObject, context: QueryContext): IndexQuery {
  for (const key of body.keys()) {
    if (!OPTIONS.includes(key))
      throw parsingErrorAt(body, key, 'value', `[simple_query_string] unsupported field [${key}]`)
  }
  const text = scalarText(body.get('query'))
  if (text === null) throw parsingErrorAtEnd(body, '[simple_query_string] query text missing')
  if (body.get('analyze_wildcard') === true) {
    throw illegalArgumentException(
      '[simple_query_string] analyze_wildcard is not supported by the playground',
    )
  }
  const specs = body.get('fields')
  const list = Array.isArray(specs) && specs.length > 0 ? specs : ['*']
  const weights = new Map<string, number>()
  for (const spec of list) {
    const [name, weight] = parseFieldAndWeight(scalarText(spec) ?? '')
    weights.set(name, (weights.get(name) ?? 1) * weight)
  }
  const lenientOption = body.get('lenient')
  const lenient = lenientOption === undefined ? weights.has('*') : lenientOption === true
  const fields = resolveFields(context.fields, weights, null)
  const operator = scalarText(body.get('default_operator'))?.toLowerCase() === 'and' ? 'and' : 'or'
  const analyzer = scalarText(body.get('analyzer'))
  const leafOptions: XContentObject = new Map<string, XContentValue>([['operator', operator]])
  if (analyzer !== null) leafOptions.set('analyzer', analyzer)
  // the MatchQueryParser of the terms and phrases is as lenient as the parser (SimpleQueryStringQueryParser)
  if (lenient) leafOptions.set('lenient', true)
  const perField = (build: (field: string) => IndexQuery): IndexQuery[] =>
    [...fields].map(([field, weight]) => {
      try {
        return boosted(build(field), Math.fround(weight))
      } catch (e) {
        if (!(e instanceof FieldQueryError)) throw e
        // SimpleQueryStringQueryParser.rethrowUnlessLenient
        if (lenient) return { type: 'matchNone', reason: `failed query, caused by ${e.message}` }
        throw fieldQueryFailure(context.index, e)
      }
    })
  const normalized = (field: string, what: MultiTermKind, textIn: string): string => {
    const mapping = queryFieldMapping(context, field)!
    requireString(field, mapping, what)
    return normalize(mapping, textIn, analyzer)
  }
  // MultiMatchQueryParser.parse (most_fields for terms, phrase for phrases): no field is `unmapped fields []`
  const multiMatch = (build: (field: string) => IndexQuery, tieBreaker: number): IndexQuery | null =>
    fields.size === 0
      ? { type: 'matchNone', reason: unmappedFieldsReason([]) }
      : disMax(perField(build), tieBreaker)
  const factory: SimpleQueryFactory = {
    defaultQuery: (token) =>
      multiMatch((field) => fieldQuery(field, token, leafOptions, context, 'boolean', 1), 1),
    phraseQuery: (phrase, slop) => {
      const options = new Map(leafOptions).set('slop', new XNumber(String(slop)))
      return multiMatch((field) => fieldQuery(field, phrase, options, context, 'phrase', 1), 0)
    },
    fuzzyQuery: (token, maxEdits) =>
      disMax(
        perField((field) =>
          isSpecialMetadataField(field)
            ? metadataMultiTermFieldQuery(context, field, 'fuzzy', token, false)
            : {
                type: 'fuzzy',
                field,
                term: normalized(field, 'fuzzy', token),
                maxEdits,
                prefixLength: numberOption(body, 'fuzzy_prefix_length', 0),
                maxExpansions: numberOption(body, 'fuzzy_max_expansions', 50),
                transpositions: body.get('fuzzy_transpositions') !== false,
                boost: 1,
              },
        ),
        1,
      ),
    prefixQuery: (token) =>
      disMax(
        perField((field) =>
          isSpecialMetadataField(field)
            ? metadataMultiTermFieldQuery(context, field, 'prefix', token, false)
            : { type: 'prefix', field, prefix: normalized(field, 'prefix', token), boost: 1 },
        ),
        1,
      ),
  }
  const defaultOccur = operator === 'and' ? 'must' : 'should'
  const parsed = new SimpleQueryParser(text, resolveFlags(body), defaultOccur, factory).parse()
  // SimpleQueryParser.parse with no clause
  if (parsed === null) return { type: 'matchNone', reason: 'empty string passed to query parser' }
  const msm = scalarText(body.get('minimum_should_match'))
  const query =
    msm !== null && parsed.type === 'bool'
      ? { ...parsed, minimumShouldMatch: parseMinimumShouldMatch(msm, parsed.should.length) }
      : parsed
  return boosted(query, boostOf(body))
}
