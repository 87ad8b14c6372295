/**
 * SqlQueryRequest / SqlTranslateRequest / SqlClearCursorRequest bodies, read as their ObjectParsers do: an
 * unknown field is x_content_parse_exception `[sql/query] unknown field [x]` at the field. `query` (or
 * `cursor`) is required; `fetch_size` must be positive (default 1000); `params` are typed (`{"type":"long",
 * "value":5}`) or plain values; `time_zone` is read by java.time's ZoneId.of (`Z` by default; `UTC`, offsets,
 * region ids), whose failure the ObjectParser wraps: `[sql/query] failed to parse field [time_zone]` at the
 * value, caused by zone_rules_exception `Unknown time-zone ID: X` or date_time_exception; `filter` is a Query
 * DSL query the SELECT is filtered with.
 */
import { ZoneId } from '../common/time/zone-id.ts'
import { actionRequestValidationException, EsException, xContentParseException } from '../errors/index.ts'
import { fieldParseError } from '../cluster/metadata/field-parse-error.ts'
import { bodyLocation } from '../xcontent/body-location.ts'
import { XNumber, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import type { TypedParam } from './expression-parser.ts'

export interface SqlRequest {
  readonly query: string | null
  readonly cursor: string | null
  readonly fetchSize: number
  readonly params: readonly TypedParam[]
  readonly zone: ZoneId
  readonly columnar: boolean
  /** The `filter` query's JSON text, or null. */
  readonly filter: XContentValue | null
}

const KNOWN = new Set([
  'query',
  'cursor',
  'fetch_size',
  'params',
  'time_zone',
  'columnar',
  'filter',
  'request_timeout',
  'page_timeout',
  'mode',
  'client_id',
  'version',
  'field_multi_value_leniency',
  'index_using_frozen',
  'binary_format',
  'runtime_mappings',
  'catalog',
  'keep_alive',
  'keep_on_completion',
  'wait_for_completion_timeout',
  'allow_partial_search_results',
])

export function parseSqlRequest(
  text: string,
  body: XContentObject,
  parser: 'sql/query' | 'sql/translate',
): SqlRequest {
  for (const key of body.keys()) {
    if (!KNOWN.has(key) || (parser === 'sql/translate' && key === 'cursor')) {
      throw fieldParseError(text, key, `[${parser}] unknown field [${key}]`)
    }
  }
  const query = stringField(body, 'query')
  const cursor = stringField(body, 'cursor')
  const fetchSize = body.get('fetch_size')
  const size = fetchSize instanceof XNumber ? fetchSize.value : 1000
  const errors: string[] = []
  if (query === null && cursor === null) errors.push('one of [query] or [cursor] is required')
  if (size <= 0) errors.push('[fetch_size] must be greater than 0')
  if (errors.length > 0) throw actionRequestValidationException(errors)
  return {
    query,
    cursor,
    fetchSize: size,
    params: paramsOf(body.get('params')),
    zone: timeZone(text, parser, stringField(body, 'time_zone')),
    columnar: body.get('columnar') === true,
    filter: body.get('filter') ?? null,
  }
}

function stringField(body: XContentObject, key: string): string | null {
  const value = body.get(key)
  return typeof value === 'string' ? value : null
}

function paramsOf(value: XContentValue | undefined): TypedParam[] {
  if (!Array.isArray(value)) return []
  return value.map((param) => {
    if (param instanceof Map) {
      const type = param.get('type')
      return {
        ...plain(param.get('value') ?? null),
        ...(typeof type === 'string' ? { type: type.toLowerCase() } : {}),
      }
    }
    return plain(param)
  })
}

function plain(value: XContentValue): TypedParam {
  if (value instanceof XNumber) {
    const n = value.value
    const integral = /^-?\d+$/.test(value.text)
    return { value: n, type: integral ? (Math.abs(n) <= 2147483647 ? 'integer' : 'long') : 'double' }
  }
  if (typeof value === 'string') return { value, type: 'keyword' }
  if (typeof value === 'boolean') return { value, type: 'boolean' }
  return { value: null, type: 'null' }
}

/** The `time_zone` field: ZoneId.of(text), Protocol.TIME_ZONE (`Z`) when absent. */
function timeZone(text: string, parser: string, zone: string | null): ZoneId {
  if (zone === null) return ZoneId.UTC
  try {
    return ZoneId.ofUnnormalized(zone)
  } catch (e) {
    if (!(e instanceof EsException)) throw e
    const { line, col } = bodyLocation(text, 'time_zone', 'value')
    throw xContentParseException(line, col, `[${parser}] failed to parse field [time_zone]`, e)
  }
}
