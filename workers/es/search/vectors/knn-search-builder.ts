/**
 * The `knn` section of a search body (SearchSourceBuilder: one object, or an array of them), each read as
 * KnnSearchBuilder's ConstructingObjectParser `knn` reads it (ES 8.17): `field` (a string), `query_vector` (an array
 * of numbers, read as Java floats), `k` and `num_candidates` (ints), `similarity` (a float threshold), `filter` (one
 * query or an array of them, kept as given and built per index), `boost` (a float), `_name`. Its errors:
 * - a key it does not know: x_content_parse_exception `[line:col] [knn] unknown field [x]` at the key (with
 *   SuggestingErrorOnUnknown's ` did you mean [y]?`);
 * - a value of the wrong token: `[knn] k doesn't support values of type: VALUE_BOOLEAN` at the key;
 * - an array element that is no object: `malformed knn format, within the knn search array only objects are allowed;
 *   found VALUE_NUMBER` at the element;
 * - Builder.build's checks, after the whole body was read, as illegal_argument_exception: `[k] must be greater than
 *   0`, `[num_candidates] cannot be less than [k]`, `[num_candidates] cannot exceed [10000]`, `either
 *   [query_vector_builder] or [query_vector] must be provided`; a missing field is `Required [field]`.
 * k defaults to the body's `size` (10 without one: the URI's `size` is read after the body); num_candidates to
 * round(min(10000, 1.5 · k)). `query_vector_builder`, `inner_hits`, `rescore_vector` and a hex-encoded
 * `query_vector` are refused as not available in the playground. The `knn` query (knn-query-builder.ts) reads the same
 * keys (`readKnnOptions`).
 */
import { illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import { tokenLocation, XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { valueToken } from '../../action/value-token.ts'
import { parseJavaDouble } from '../../../net/java-double.ts'
import { suggest } from '../../common/did-you-mean.ts'

/** KnnSearchBuilder.NUM_CANDS_LIMIT. */
export const NUM_CANDIDATES_LIMIT = 10_000
/** SearchService.DEFAULT_SIZE. */
const DEFAULT_SIZE = 10

export interface KnnSearchBuilder {
  field: string
  /** The query vector's elements as Java floats. */
  queryVector: readonly number[]
  k: number
  numCandidates: number
  /** The `similarity` threshold (a Java float), or null. */
  similarity: number | null
  /** The `filter` queries as given (built for each index, ANDed). */
  filter: readonly XContentValue[]
  boost: number
  queryName: string | null
}

/** The options of a knn search or query as read, k and num_candidates null when not given. */
export interface KnnOptions extends Omit<KnnSearchBuilder, 'k' | 'numCandidates' | 'queryVector'> {
  queryVector: number[] | null
  k: number | null
  numCandidates: number | null
}

/** KnnSearchBuilder's and KnnVectorQueryBuilder's declared fields (8.17). */
const DECLARED = [
  'field',
  'k',
  'num_candidates',
  'query_vector',
  'query_vector_builder',
  'similarity',
  'filter',
  '_name',
  'boost',
  'inner_hits',
]
const UNAVAILABLE = new Set(['query_vector_builder', 'inner_hits'])

/** The `knn` section's searches; `size` is the body's `size` (undefined: none). */
export function parseKnnSection(
  body: XContentObject,
  value: XContentValue,
  size: number | undefined,
): KnnSearchBuilder[] {
  if (Array.isArray(value)) {
    return value.map((element) => {
      if (element instanceof Map) return knnSearch(element, size)
      // located at the array (docs/DEVIATIONS.md: ES names the element's own token)
      const [line, col] = tokenLocation(body, 'knn', 'value')
      throw xContentParseException(
        line,
        col,
        `malformed knn format, within the knn search array only objects are allowed; found ${valueToken(element)}`,
      )
    })
  }
  if (value instanceof Map) return [knnSearch(value, size)]
  const [line, col] = tokenLocation(body, 'knn', 'value')
  throw xContentParseException(line, col, `Unknown key for a ${valueToken(value)} in [knn].`)
}

/** Builder.build(size), then the KnnSearchBuilder constructor's checks. */
function knnSearch(section: XContentObject, size: number | undefined): KnnSearchBuilder {
  const options = readKnnOptions(section)
  const k = options.k ?? size ?? DEFAULT_SIZE
  const numCandidates = options.numCandidates ?? defaultNumCandidates(k)
  if (k < 1) throw illegalArgumentException('[k] must be greater than 0')
  if (numCandidates < k) throw illegalArgumentException('[num_candidates] cannot be less than [k]')
  if (numCandidates > NUM_CANDIDATES_LIMIT)
    throw illegalArgumentException(`[num_candidates] cannot exceed [${NUM_CANDIDATES_LIMIT}]`)
  if (options.queryVector === null)
    throw illegalArgumentException('either [query_vector_builder] or [query_vector] must be provided')
  return { ...options, queryVector: options.queryVector, k, numCandidates }
}

/** round(min(10000, 1.5 · k)), in float as the builders compute it. */
export function defaultNumCandidates(k: number): number {
  return Math.round(Math.min(NUM_CANDIDATES_LIMIT, Math.fround(1.5 * k)))
}

/** The keys of a knn section or query, each checked for its token; `Required [field]` without a field. */
export function readKnnOptions(section: XContentObject): KnnOptions {
  const fail = (key: string, reason: string): never => {
    const [line, col] = tokenLocation(section, key, 'key')
    throw xContentParseException(line, col, `[knn] ${reason}`)
  }
  const wrongToken = (key: string, value: XContentValue): never =>
    fail(key, `${key} doesn't support values of type: ${valueToken(value)}`)
  let field: string | null = null
  const options: Omit<KnnOptions, 'field'> = {
    queryVector: null,
    k: null,
    numCandidates: null,
    similarity: null,
    filter: [],
    boost: 1,
    queryName: null,
  }
  for (const [key, value] of section) {
    if (!DECLARED.includes(key)) fail(key, `unknown field [${key}]${suggest(key, DECLARED)}`)
    if (UNAVAILABLE.has(key))
      throw illegalArgumentException(`[${key}] of a knn search is not available in the playground`)
    if (key === 'field') field = typeof value === 'string' ? value : wrongToken(key, value)
    else if (key === '_name') options.queryName = typeof value === 'string' ? value : wrongToken(key, value)
    else if (key === 'query_vector') options.queryVector = vectorOf(key, value, fail, wrongToken)
    else if (key === 'k') options.k = Math.trunc(numberOf(key, value, wrongToken))
    else if (key === 'num_candidates') options.numCandidates = Math.trunc(numberOf(key, value, wrongToken))
    else if (key === 'similarity') options.similarity = Math.fround(numberOf(key, value, wrongToken))
    else if (key === 'boost') options.boost = Math.fround(numberOf(key, value, wrongToken))
    else if (Array.isArray(value)) options.filter = value
    else if (value instanceof Map) options.filter = [value]
    else wrongToken(key, value)
  }
  if (field === null) throw illegalArgumentException('Required [field]')
  return { field, ...options }
}

/** parser.intValue() / floatValue(): a number, or a string holding one. */
function numberOf(
  key: string,
  value: XContentValue,
  wrongToken: (key: string, value: XContentValue) => never,
) {
  if (value instanceof XNumber) return value.value
  const parsed = typeof value === 'string' ? parseJavaDouble(value) : null
  return parsed ?? wrongToken(key, value)
}

/** VectorData.parseXContent: an array of numbers (each parser.floatValue()). */
function vectorOf(
  key: string,
  value: XContentValue,
  fail: (key: string, reason: string) => never,
  wrongToken: (key: string, value: XContentValue) => never,
): number[] {
  if (typeof value === 'string')
    throw illegalArgumentException('a hex-encoded [query_vector] is not available in the playground')
  if (!Array.isArray(value)) return wrongToken(key, value)
  return value.map((element) =>
    element instanceof XNumber ? Math.fround(element.value) : fail(key, `failed to parse field [${key}]`),
  )
}
