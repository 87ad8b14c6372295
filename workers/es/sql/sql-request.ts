/**
 * SqlQueryRequest / SqlTranslateRequest / SqlClearCursorRequest bodies, read as their ObjectParsers do: an
 * unknown field is x_content_parse_exception `[sql/query] unknown field [x]` at the field. `query` (or
 * `cursor`) is required; `fetch_size` must be positive (default 1000); `params` are typed (`{"type":"long",
 * "value":5}`) or plain values; `time_zone` is `Z`, `UTC` or a `±hh:mm` offset; `filter` is a Query DSL
 * query the SELECT is filtered with.
 */
import { fieldParseError } from '../cluster/metadata/field-parse-error.ts'
import { actionRequestValidationException, type EsException } from '../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import type { TypedParam } from './expression-parser.ts'
import { sqlIllegalArgumentException } from './sql-exceptions.ts'

export interface SqlRequest {
  readonly query: string | null
  readonly cursor: string | null
  readonly fetchSize: number
  readonly params: readonly TypedParam[]
  readonly offsetMinutes: number
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
    offsetMinutes: timeZoneOffset(stringField(body, 'time_zone') ?? 'Z'),
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

/** ZoneId.of for the zones this playground reads: `Z`, `UTC`, `GMT`, `±hh[:mm]`. */
function timeZoneOffset(zone: string): number {
  if (['Z', 'UTC', 'GMT', 'Etc/UTC'].includes(zone)) return 0
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  if (m === null) throw invalidZone(zone)
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0')
  return m[1] === '-' ? -minutes : minutes
}

function invalidZone(zone: string): EsException {
  return sqlIllegalArgumentException(`Unknown time-zone ID: ${zone}`)
}
