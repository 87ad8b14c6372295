/**
 * ES 8.17's SparseVectorQueryBuilder (`sparse_vector`, x-pack ml): a sparse_vector field scored against weighted
 * tokens, `{"field": f, "query_vector": {token: weight, ...}}`, as WeightedTokensUtils.queryBuilderWithAllTokens
 * builds it: a bool of should clauses (at least one must match), one per token in the HashMap order
 * XContentParser.map gives them, each BoostQuery(FeatureField.newLinearQuery(f, token, 1), weight): a document
 * scores the sum over its tokens of weight × its stored weight (rank-feature-query.ts in assembly).
 *
 * Parsing is a ConstructingObjectParser's, and fromXContent turns any IllegalArgumentException it throws into a
 * parsing_exception at the token the parser stands on (its message as reason, the exception as cause): an
 * undeclared key (`[sparse_vector] unknown field [k]`) or a value of the wrong token
 * (`[sparse_vector] k doesn't support values of type: T`) where they are; after the closing brace `Required [field]`,
 * then the builder's refusals, each wrapped as `Failed to build [sparse_vector] after last required field arrived`:
 * a weight that is no number (`weight must be a number, was [v]`), not exactly one of `query_vector` and
 * `inference_id` (`[sparse_vector] requires one of [query_vector] or [inference_id]`), an inference_id without a
 * query (`[sparse_vector] requires [query] when [inference_id] is specified`).
 * `inference_id` names an inference endpoint or trained model, which the playground has none of: the coordinating
 * node's rewrite fails as TransportCoordinatedInferenceAction does for a missing one (status_exception, 404).
 * On the shard: an unmapped field matches nothing; another type fails `field [f] must be type [sparse_vector] but
 * is type [t]` (ElasticsearchParseException); a negative weight fails as BoostQuery refuses it.
 * Token pruning (`prune: true`, `pruning_config`) is refused as not available (docs/DEVIATIONS.md).
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import {
  EsException,
  illegalArgumentException,
  parsingException,
  xContentParseException,
} from '../../errors/index.ts'
import { javaToString } from '../../ingest/java-values.ts'
import { javaKeyOrder } from '../../action/source-map.ts'
import {
  endLocationOf,
  javaFloatToString,
  tokenLocation,
  XNumber,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import type { IndexRef } from '../query-string/query-parser-errors.ts'
import { boostOf, type QueryContext } from './query-parsing.ts'
import { parseFailureLocation, unknownField, unsupportedValue } from './query-parse-failures.ts'

const NAME = 'sparse_vector'
/** The declared fields and the value each takes. */
const FIELDS: ReadonlyMap<string, 'string' | 'object' | 'boolean' | 'number'> = new Map([
  ['field', 'string'],
  ['query_vector', 'object'],
  ['inference_id', 'string'],
  ['query', 'string'],
  ['prune', 'boolean'],
  ['pruning_config', 'object'],
  ['boost', 'number'],
  ['_name', 'string'],
])

/** A token and its weight (WeightedToken), the weight a float. */
export interface WeightedToken {
  readonly token: string
  readonly weight: number
}

export function sparseVectorQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const tokens = fromXContent(body, () => parse(body))
  for (const key of ['prune', 'pruning_config']) {
    const value = body.get(key)
    if (value !== undefined && value !== false && value !== 'false') throw pruningNotAvailable(key)
  }
  if (tokens === null) throw missingInferenceEndpoint(body.get('inference_id') as string)
  return shardQuery(body.get('field') as string, tokens, boostOf(body), context)
}

/** The query on the shard: an unmapped field matches nothing, another type than sparse_vector fails. */
function shardQuery(
  field: string,
  tokens: readonly WeightedToken[],
  boost: number,
  context: QueryContext,
): IndexQuery {
  const mapping = context.fields.get(field)
  if (mapping === undefined || context.index === undefined) return { type: 'matchNone' }
  if (mapping.type !== 'sparse_vector') {
    const reason = `field [${field}] must be type [${NAME}] but is type [${mapping.type}]`
    throw failedToCreateQuery(context.index, 'parse_exception', reason)
  }
  return weightedTokensQuery(field, tokens, boost, context.index, false)
}

/**
 * WeightedTokensUtils.queryBuilderWithAllTokens: a should clause per token (at least one to match), each the field
 * type's term query of the token (FeatureField's linear query; a rank_features field's LinearRankFeatureTermQuery,
 * `linearTerm`) boosted by the token's weight, which BoostQuery refuses when negative.
 */
export function weightedTokensQuery(
  field: string,
  tokens: readonly WeightedToken[],
  boost: number,
  index: IndexRef,
  linearTerm: boolean,
): IndexQuery {
  const should: IndexQuery[] = tokens.map(({ token, weight }) => {
    if (!Number.isFinite(weight) || weight < 0 || Object.is(weight, -0)) {
      const reason = `boost must be a positive float, got ${javaFloatToString(weight)}`
      throw failedToCreateQuery(index, 'illegal_argument_exception', reason)
    }
    const fn = { type: 'linear' } as const
    return linearTerm
      ? { type: 'rankFeature', luceneField: field, feature: token, fn, linearTerm, boost: weight }
      : { type: 'rankFeature', luceneField: field, feature: token, fn, boost: weight }
  })
  return { type: 'bool', must: [], should, mustNot: [], filter: [], minimumShouldMatch: 1, boost }
}

/** The parser's pass over the body: the query vector's tokens, or null when an inference endpoint is named. */
function parse(body: XContentObject): WeightedToken[] | null {
  for (const [key, value] of body) {
    const kind = FIELDS.get(key)
    if (kind === undefined) throw unknownField(NAME, body, key, [...FIELDS.keys()])
    if (!takes(kind, value)) throw unsupportedValue(NAME, body, key)
    if (kind === 'boolean' && value !== true && value !== false && value !== 'true' && value !== 'false') {
      // XContentParser.booleanValue's refusal of a string, wrapped by ObjectParser at the value
      const [line, col] = tokenLocation(body, key, 'value')
      const cause = illegalArgumentException(
        `Failed to parse value [${value as string}] as only [true] or [false] are allowed.`,
      )
      throw xContentParseException(line, col, `[${NAME}] failed to parse field [${key}]`, cause)
    }
  }
  if (!body.has('field')) throw illegalArgumentException('Required [field]')
  return build(body)
}

/** The builder: the query vector's weights read, then the constructor's checks. */
function build(body: XContentObject): WeightedToken[] | null {
  try {
    const vector = body.get('query_vector') as XContentObject | undefined
    const tokens = vector === undefined ? null : weightedTokens(vector)
    const inference = body.has('inference_id')
    if ((tokens === null) === !inference)
      throw illegalArgumentException(`[${NAME}] requires one of [query_vector] or [inference_id]`)
    if (inference && !body.has('query'))
      throw illegalArgumentException(`[${NAME}] requires [query] when [inference_id] is specified`)
    return tokens
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw new EsException({
      type: 'x_content_parse_exception',
      reason: `Failed to build [${NAME}] after last required field arrived`,
      status: 400,
      causedBy: error,
      rootCause: false,
    })
  }
}

/** parseWeightedTokens: each entry of the map, in HashMap order, its value a number read as a float. */
export function weightedTokens(vector: XContentObject): WeightedToken[] {
  return javaKeyOrder(vector).map((token) => {
    const weight = vector.get(token) as XContentValue
    if (!(weight instanceof XNumber))
      throw illegalArgumentException(`weight must be a number, was [${javaToString(weight)}]`)
    return { token, weight: Math.fround(weight.value) }
  })
}

/**
 * fromXContent's catch: an IllegalArgumentException (an XContentParseException is one) becomes a parsing_exception
 * where the parser stands: at the failure's own location, else after the query's closing brace.
 */
function fromXContent<T>(body: XContentObject, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    if (error.type !== 'illegal_argument_exception' && error.type !== 'x_content_parse_exception') throw error
    const at = parseFailureLocation(error) ?? endLocationOf(body) ?? { line: 1, col: 1 }
    throw parsingException(at.line, at.col, error.reason, error)
  }
}

/** Whether a declared field's parser takes this value's token (ObjectParser's ValueType). */
function takes(kind: 'string' | 'object' | 'boolean' | 'number', value: XContentValue): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string'
    case 'object':
      return value instanceof Map
    case 'boolean':
      return typeof value === 'boolean' || typeof value === 'string'
    case 'number':
      return value instanceof XNumber || typeof value === 'string'
  }
}

/** The playground's refusal of token pruning (docs/DEVIATIONS.md). */
export function pruningNotAvailable(key: string, query = NAME): EsException {
  return illegalArgumentException(`[${key}] of a [${query}] query is not available in the playground`)
}

/** TransportCoordinatedInferenceAction's answer for an id that is neither an inference endpoint nor a deployed model. */
export function missingInferenceEndpoint(id: string): EsException {
  return new EsException({
    type: 'status_exception',
    reason: `[${id}] is not an inference service model or a deployed ml model`,
    status: 404,
  })
}
