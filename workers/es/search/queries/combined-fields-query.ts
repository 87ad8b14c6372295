/**
 * ES's CombinedFieldsQueryBuilder (`combined_fields`): `query` analysed once with the fields' shared search
 * analyzer; each position's terms (one, or synonyms) become one Lucene CombinedFieldQuery over every field with its
 * `^boost` weight (BM25F, scored in engine-wasm's combined-field-query.ts); several positions a bool of them, SHOULD
 * (MUST with `operator: and`) with `minimum_should_match` applied; no tokens `zero_terms_query` (none / all).
 *
 * Parse errors are the ConstructingObjectParser's: an undeclared key `[combined_fields] unknown field [k]`, a query
 * that is no string `[combined_fields] query doesn't support values of type: T`, no query `Required [query]`, a
 * weight below 1 `[combined_fields] requires field boosts to be >= 1.0`, a bad operator or zero_terms_query
 * `[combined_fields] failed to parse field [k]` around the enum's refusal. doToQuery's refusals come as
 * `failed to create query: ...`: no fields, a mapped field that is not text ("Field [f] of type [t] does not support
 * [combined_fields] queries"), fields with different search analyzers, a field with its own similarity. A pattern
 * resolves to the fields that have text search (text and keyword families); unmapped names are left out, and all
 * of them unmapped match nothing. Fields whose norms differ fail as CombinedFieldQuery's createWeight does.
 * A parse-only context (no index) raises none of doToQuery's errors.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import type { EsException } from '../../errors/index.ts'
import { illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import { searchAnalyzer } from '../../index/mapper/field-indexer.ts'
import { compareUtf8 } from '../../index/mapper/doc-values.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { tokenLocation, type XContentObject } from '../../xcontent/index.ts'
import { tokenName } from '../aggregations/aggregation-params.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import {
  isPattern,
  parseFieldAndWeight,
  resolveField,
  type FieldWeights,
} from '../query-string/field-resolution.ts'
import { termsBool } from './full-text-queries.ts'
import { boostOf, checkDeclaredFields, scalarText, type QueryContext } from './query-parsing.ts'

const NAME = 'combined_fields'
const DECLARED = [
  'query',
  'fields',
  'operator',
  'minimum_should_match',
  'auto_generate_synonyms_phrase_query',
  'zero_terms_query',
]
/** The field types with text search (TextSearchInfo other than NONE), which a pattern resolves to. */
const TEXT_SEARCH_TYPES: ReadonlySet<string> = new Set([
  'text',
  'keyword',
  'search_as_you_type',
  'constant_keyword',
])

type CombinedField = Extract<IndexQuery, { type: 'combinedField' }>

/** ObjectParser's wrapping of a value's refusal, at the value. */
function failedToParseField(body: XContentObject, key: string, reason: string): EsException {
  const [line, col] = tokenLocation(body, key, 'value')
  return xContentParseException(
    line,
    col,
    `[${NAME}] failed to parse field [${key}]`,
    illegalArgumentException(reason),
  )
}

function parseEnumOption(
  body: XContentObject,
  key: string,
  values: readonly string[],
  refusal: (value: string) => string,
): string | null {
  const text = scalarText(body.get(key))
  if (text === null) return null
  if (!values.includes(text.toLowerCase())) throw failedToParseField(body, key, refusal(text))
  return text.toLowerCase()
}

/** QueryParserHelper.parseFieldsAndWeights, each weight checked (validateFieldBoost). */
function fieldWeights(body: XContentObject): FieldWeights {
  const specs = body.get('fields')
  const weights: FieldWeights = new Map()
  for (const spec of Array.isArray(specs) ? specs : specs === undefined ? [] : [specs]) {
    const [name, weight] = parseFieldAndWeight(scalarText(spec) ?? '')
    if (Math.fround(weight) < 1)
      throw failedToParseField(body, 'fields', `[${NAME}] requires field boosts to be >= 1.0`)
    weights.set(name, Math.fround(weight))
  }
  return weights
}

/** QueryParserHelper.resolveMappingFields: a pattern keeps the fields with text search only. */
function resolvedFields(weights: FieldWeights, context: QueryContext): FieldWeights {
  const out: FieldWeights = new Map()
  for (const [name, weight] of weights) {
    for (const [field, w] of resolveField(context.fields, name, weight, null, name !== '*')) {
      const mapping = context.fields.get(field)
      if (isPattern(name) && (mapping === undefined || !TEXT_SEARCH_TYPES.has(mapping.type))) continue
      out.set(field, Math.fround((out.get(field) ?? 1) * w))
    }
  }
  return out
}

function refused(context: QueryContext, reason: string): EsException {
  return failedToCreateQuery(context.index, 'illegal_argument_exception', reason)
}

/** doToQuery's checks of the mapped fields: text only, one search analyzer, no per-field similarity, norms alike. */
function checkFields(mapped: ReadonlyArray<[string, FieldMapping]>, context: QueryContext): void {
  if (mapped.some(([, mapping]) => mapping.similarity !== undefined))
    throw refused(context, `[${NAME}] queries cannot be used with per-field similarities`)
  let shared: string | null = null
  for (const [field, mapping] of mapped) {
    if (mapping.type !== 'text')
      throw refused(context, `Field [${field}] of type [${mapping.type}] does not support [${NAME}] queries`)
    const analyzer = searchAnalyzer(mapping)
    if (shared !== null && analyzer !== shared)
      throw refused(context, `All fields in [${NAME}] query must have the same search analyzer`)
    shared = analyzer
  }
  const norms = new Set(mapped.map(([, mapping]) => mapping.norms !== false))
  if (norms.size > 1) {
    throw illegalArgumentException(
      'CombinedFieldQuery requires norms to be consistent across fields: some fields cannot  have norms enabled, ' +
        'while others have norms disabled',
    )
  }
}

export function combinedFieldsQuery(body: XContentObject, context: QueryContext): IndexQuery {
  checkDeclaredFields(NAME, body, DECLARED)
  const query = body.get('query')
  if (query !== undefined && typeof query !== 'string') {
    const [line, col] = tokenLocation(body, 'query', 'value')
    throw xContentParseException(
      line,
      col,
      `[${NAME}] query doesn't support values of type: ${tokenName(query)}`,
    )
  }
  const weights = fieldWeights(body)
  const operator = parseEnumOption(body, 'operator', ['or', 'and'], (v) => {
    return `No enum constant org.elasticsearch.index.query.Operator.${v.toUpperCase()}`
  })
  const zeroTerms = parseEnumOption(body, 'zero_terms_query', ['none', 'all'], (v) => {
    return `Unsupported [zero_terms_query] value [${v}]`
  })
  if (query === undefined) throw illegalArgumentException('Required [query]')
  if (context.index === undefined) return { type: 'matchNone' }
  if (weights.size === 0) throw refused(context, `In [${NAME}] query, at least one field must be provided`)
  const fields = resolvedFields(weights, context)
  const mapped = [...fields.keys()].flatMap((field): Array<[string, FieldMapping]> => {
    const mapping = context.fields.get(field)
    return mapping === undefined ? [] : [[field, mapping]]
  })
  if (mapped.length === 0) return { type: 'matchNone' }
  checkFields(mapped, context)
  const boost = boostOf(body)
  const fieldList = mapped
    .map(([field]) => ({ field, weight: fields.get(field)! }))
    .sort((a, b) => compareUtf8(a.field, b.field))
  const norms = mapped[0]![1].norms !== false
  const tokens = context.analyze(searchAnalyzer(mapped[0]![1]), query)
  if (tokens.length === 0) return zeroTerms === 'all' ? { type: 'matchAll', boost } : { type: 'matchNone' }
  const positions = new Map<number, Set<string>>()
  for (const { term, position } of tokens)
    positions.set(position, (positions.get(position) ?? new Set()).add(term))
  const clauses = [...positions]
    .sort(([a], [b]) => a - b)
    .map(([, terms]): CombinedField => {
      const sorted = [...terms].sort(compareUtf8)
      return { type: 'combinedField', fields: fieldList, terms: sorted, norms, boost: 1 }
    })
  if (clauses.length === 1) return { ...clauses[0]!, boost }
  return termsBool(clauses, operator === null ? body : new Map(body).set('operator', operator), boost)
}
