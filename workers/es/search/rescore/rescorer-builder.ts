/**
 * The `rescore` section of a search body: one rescorer object or an array of them, applied in order, as
 * RescorerBuilder.parseFromXContent reads each: `window_size` (10 by default) and the rescorer by name, `query`
 * being the only one (QueryRescorerBuilder's ObjectParser: `rescore_query` (required), `query_weight` and
 * `rescore_query_weight` (floats, 1 by default), `score_mode` total | multiply | avg | max | min). Errors are
 * ES's: ParsingException `rescore doesn't support [x]`, `missing rescore type`, `unexpected token [..] after [x]`,
 * NamedObjectNotFoundException for another rescorer name, x_content_parse_exception `[query] unknown field [x]`.
 */
import {
  EsException,
  illegalArgumentException,
  parsingException,
  xContentParseException,
} from '../../errors/index.ts'
import { bodyLocation } from '../../xcontent/body-location.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { valueToken } from '../../action/value-token.ts'
import { parseJavaDouble } from '../../../net/java-double.ts'

export type QueryRescoreMode = 'total' | 'multiply' | 'avg' | 'max' | 'min'

export interface QueryRescorerBuilder {
  windowSize: number
  /** The rescore query's body, built against each index's mapping on the shard. */
  query: XContentValue
  queryWeight: number
  rescoreQueryWeight: number
  scoreMode: QueryRescoreMode
}

const SCORE_MODES: readonly QueryRescoreMode[] = ['total', 'multiply', 'avg', 'max', 'min']

function at(body: string, key: string, where: 'key' | 'value' = 'key'): { line: number; col: number } {
  return bodyLocation(body, key, where)
}

function numberOf(value: XContentValue): number | null {
  if (value instanceof XNumber) return value.value
  return typeof value === 'string' ? parseJavaDouble(value) : null
}

export function parseRescore(value: XContentValue, body: string): QueryRescorerBuilder[] {
  if (Array.isArray(value)) return value.map((item) => parseRescorer(item, body))
  return [parseRescorer(value, body)]
}

function parseRescorer(value: XContentValue, body: string): QueryRescorerBuilder {
  if (!(value instanceof Map)) {
    const { line, col } = at(body, 'rescore', 'value')
    throw parsingException(line, col, 'missing rescore type')
  }
  let windowSize = 10
  let rescorer: Omit<QueryRescorerBuilder, 'windowSize'> | null = null
  for (const [key, item] of value) {
    if (item instanceof Map) {
      if (key !== 'query') {
        const { line, col } = at(body, key)
        throw new EsException({
          type: 'named_object_not_found_exception',
          reason: `[${line}:${col}] unknown field [${key}]`,
          status: 400,
        })
      }
      rescorer = parseQueryRescorer(item, body)
    } else if (Array.isArray(item)) {
      const { line, col } = at(body, key, 'value')
      throw parsingException(line, col, `unexpected token [START_ARRAY] after [${key}]`)
    } else if (key === 'window_size') {
      const n = numberOf(item)
      if (n === null)
        throw new EsException({
          type: 'number_format_exception',
          reason: `For input string: "${String(item)}"`,
          status: 400,
        })
      windowSize = Math.trunc(n)
    } else {
      const { line, col } = at(body, key)
      throw parsingException(line, col, `rescore doesn't support [${key}]`)
    }
  }
  if (rescorer === null) {
    const { line, col } = at(body, 'rescore', 'value')
    throw parsingException(line, col, 'missing rescore type')
  }
  return { windowSize, ...rescorer }
}

function parseQueryRescorer(section: XContentObject, body: string): Omit<QueryRescorerBuilder, 'windowSize'> {
  const fail = (key: string, message: string, cause?: EsException): never => {
    const { line, col } = at(body, key, cause ? 'value' : 'key')
    throw xContentParseException(line, col, `[query] ${message}`, cause)
  }
  let query: XContentValue | null = null
  let queryWeight = 1
  let rescoreQueryWeight = 1
  let scoreMode: QueryRescoreMode = 'total'
  for (const [key, value] of section) {
    if (key === 'rescore_query') {
      if (!(value instanceof Map))
        fail(key, `rescore_query doesn't support values of type: ${valueToken(value)}`)
      query = value
    } else if (key === 'query_weight' || key === 'rescore_query_weight') {
      const n = numberOf(value)
      if (n === null) fail(key, `failed to parse field [${key}]`)
      if (key === 'query_weight') queryWeight = Math.fround(n!)
      else rescoreQueryWeight = Math.fround(n!)
    } else if (key === 'score_mode') {
      if (value instanceof Map || Array.isArray(value))
        return fail(key, `score_mode doesn't support values of type: ${valueToken(value)}`)
      const mode = value instanceof XNumber ? value.text : String(value)
      if (!(SCORE_MODES as readonly string[]).includes(mode))
        fail(key, `failed to parse field [${key}]`, illegalArgumentException(`illegal score_mode [${mode}]`))
      scoreMode = mode as QueryRescoreMode
    } else fail(key, `unknown field [${key}]`)
  }
  // QueryRescorerBuilder's constructor
  if (query === null) throw illegalArgumentException('rescore_query cannot be null')
  return { query, queryWeight, rescoreQueryWeight, scoreMode }
}
