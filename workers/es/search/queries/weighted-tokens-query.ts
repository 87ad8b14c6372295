/**
 * ES 8.17's WeightedTokensQueryBuilder (`weighted_tokens`, deprecated for sparse_vector): `{"<field>": {"tokens":
 * {token: weight, ...}, "boost", "_name"}}` on a sparse_vector or rank_features field, built as the sparse_vector
 * query builds its vector (sparse-vector-query.ts), a rank_features field's tokens through its term query.
 *
 * Parsing is its fromXContent loop, which first logs the critical deprecation warning `weighted_tokens is deprecated
 * and will be removed. Use sparse_vector instead.`: a second field fails `[weighted_tokens] query doesn't support
 * multiple fields, found [a] and [b]` at its object; a top-level value that is no object fails `invalid query`
 * (IllegalArgumentException); inside the field's object an undeclared key fails `unknown field [k]` at its value,
 * a `pruning_config` that is no object `[pruning_config] should be an object`; `tokens` is read with
 * XContentParser.map (anything but an object reads as no token), each weight a number or a Float.parseFloat string
 * (NumberFormatException), any other value refused `Illegal weight for token: [t], expected floating point got
 * Boolean` (ElasticsearchParseException, also for null here: docs/DEVIATIONS.md). No field: `No fieldname specified
 * for query` after the closing brace; no token: `[weighted_tokens] requires at least one token`.
 * On the shard: an unmapped field matches nothing; another type fails `[t] is not an appropriate field type for this
 * query. Allowed field types are [rank_features, sparse_vector].` (ElasticsearchParseException; ES joins a Set.of,
 * whose order changes from one JVM to the next). A `pruning_config` is refused as not available.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { EsException, illegalArgumentException, parsingException } from '../../errors/index.ts'
import { javaKeyOrder } from '../../action/source-map.ts'
import { javaClassName } from '../../ingest/java-values.ts'
import { floatValue } from '../../index/mapper/number-field.ts'
import { tokenLocation, XNumber, type XContentObject } from '../../xcontent/index.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import { boostOf, parsingErrorAt, parsingErrorAtEnd, type QueryContext } from './query-parsing.ts'
import { pruningNotAvailable, weightedTokensQuery, type WeightedToken } from './sparse-vector-query.ts'

const NAME = 'weighted_tokens'
const DEPRECATION = `${NAME} is deprecated and will be removed. Use sparse_vector instead.`
const ALLOWED_FIELD_TYPES = ['rank_features', 'sparse_vector']

export function weightedTokensQueryBuilder(body: XContentObject, context: QueryContext): IndexQuery {
  context.deprecations?.add(DEPRECATION)
  let field: string | null = null
  let options: XContentObject | null = null
  let tokens: WeightedToken[] = []
  for (const [key, value] of body) {
    if (!(value instanceof Map)) throw illegalArgumentException('invalid query')
    if (field !== null) {
      const reason = `[${NAME}] query doesn't support multiple fields, found [${field}] and [${key}]`
      throw parsingException(...tokenLocation(body, key, 'value'), reason)
    }
    field = key
    options = value
    tokens = readOptions(value)
  }
  if (field === null || options === null) throw parsingErrorAtEnd(body, 'No fieldname specified for query')
  if (tokens.length === 0) throw illegalArgumentException(`[${NAME}] requires at least one token`)
  if (options.has('pruning_config')) throw pruningNotAvailable('pruning_config', NAME)
  const mapping = context.fields.get(field)
  if (mapping === undefined || context.index === undefined) return { type: 'matchNone' }
  if (!ALLOWED_FIELD_TYPES.includes(mapping.type)) {
    const reason = `[${mapping.type}] is not an appropriate field type for this query. Allowed field types are [${ALLOWED_FIELD_TYPES.join(', ')}].`
    throw failedToCreateQuery(context.index, 'parse_exception', reason)
  }
  const linearTerm = mapping.type === 'rank_features'
  return weightedTokensQuery(field, tokens, boostOf(options), context.index, linearTerm)
}

/** The field's object, key by key: its tokens (the last `tokens` given), the other keys checked. */
function readOptions(options: XContentObject): WeightedToken[] {
  let tokens: WeightedToken[] = []
  for (const [key, value] of options) {
    if (key === 'pruning_config') {
      if (!(value instanceof Map))
        throw parsingErrorAt(options, key, 'value', '[pruning_config] should be an object')
    } else if (key === 'tokens') {
      tokens = value instanceof Map ? javaKeyOrder(value).map((token) => weighted(token, value)) : []
    } else if (key !== 'boost' && key !== '_name') {
      throw parsingErrorAt(options, key, 'value', `unknown field [${key}]`)
    }
  }
  return tokens
}

/** parseWeight: a number as a float, a string through Float.parseFloat; anything else refused. */
function weighted(token: string, tokens: XContentObject): WeightedToken {
  const weight = tokens.get(token)!
  if (weight instanceof XNumber || typeof weight === 'string')
    return { token, weight: floatValue(weight, true) }
  const className = javaClassName(weight)
  const reason = `Illegal weight for token: [${token}], expected floating point got ${className.slice(className.lastIndexOf('.') + 1)}`
  throw new EsException({ type: 'parse_exception', reason, status: 400 })
}
