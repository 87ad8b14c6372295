/**
 * EsqlQueryRequest's body, read as RequestXContent's ObjectParser does: an unknown field is
 * x_content_parse_exception `[esql/query] unknown field [x]` at the field; `query` must have text
 * (`[query] is required`, an action_request_validation_exception); `params` are positional values (`[1, "x"]`)
 * or one-entry objects naming them (`[{"n": 1}]`), a whole number an integer (a long past 32 bits), a decimal
 * a double, a string a keyword; `columnar` and `locale` as given; `filter` a Query DSL query applied before the
 * query runs.
 */
import { fieldParseError } from '../cluster/metadata/field-parse-error.ts'
import { actionRequestValidationException } from '../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import type { EsqlParam } from './esql-expression-parser.ts'

export interface EsqlRequest {
  readonly query: string
  readonly params: readonly EsqlParam[]
  readonly columnar: boolean
  readonly filter: XContentValue | null
}

const KNOWN = new Set([
  'query',
  'columnar',
  'filter',
  'locale',
  'params',
  'profile',
  'pragma',
  'tables',
  'include_ccs_metadata',
  'wait_for_completion_timeout',
  'keep_alive',
  'keep_on_completion',
])

export function parseEsqlRequest(text: string, body: XContentObject): EsqlRequest {
  for (const key of body.keys()) {
    if (!KNOWN.has(key)) throw fieldParseError(text, key, `[esql/query] unknown field [${key}]`)
  }
  const query = body.get('query')
  if (typeof query !== 'string' || query.trim() === '') {
    throw actionRequestValidationException(['[query] is required'])
  }
  const params = body.get('params')
  return {
    query,
    params: Array.isArray(params) ? params.map(param) : [],
    columnar: body.get('columnar') === true,
    filter: body.get('filter') ?? null,
  }
}

function param(value: XContentValue): EsqlParam {
  if (value instanceof Map && value.size === 1) {
    const [name, inner] = [...value.entries()][0]!
    return { ...plain(inner), name }
  }
  return plain(value)
}

function plain(value: XContentValue): EsqlParam {
  if (value instanceof XNumber) {
    const n = value.value
    if (!/^-?\d+$/.test(value.text)) return { name: null, value: n, type: 'double' }
    return { name: null, value: n, type: Math.abs(n) <= 2147483647 ? 'integer' : 'long' }
  }
  if (typeof value === 'string') return { name: null, value, type: 'keyword' }
  if (typeof value === 'boolean') return { name: null, value, type: 'boolean' }
  return { name: null, value: null, type: 'null' }
}
