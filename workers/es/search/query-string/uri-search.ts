/**
 * URI search (`GET index/_search?q=...`): RestSearchAction.parseSearchSource turns `q` into a query_string
 * query with `df` (default_field), `analyzer`, `analyze_wildcard` (default false), `lenient` (unset unless
 * given) and `default_operator` (Operator.fromString: case-insensitive OR / AND). Boolean parameters accept
 * only `true` / `false` (an empty value means unset), as RestRequest.paramAsBoolean does.
 */
import { parseBoolean } from '../../common/booleans.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { QueryStringOptions } from './query-string-query-parser.ts'

export interface UriQueryString {
  query: string
  options: QueryStringOptions
}

function booleanParam(params: ReadonlyMap<string, string>, name: string): boolean | undefined {
  const value = params.get(name)
  return value === undefined || value === '' ? undefined : parseBoolean(value)
}

/** The query_string a URI search runs, or null when the request has no `q`. */
export function uriSearchQuery(params: ReadonlyMap<string, string>): UriQueryString | null {
  const query = params.get('q')
  if (query === undefined) return null
  const options: QueryStringOptions = { analyzeWildcard: booleanParam(params, 'analyze_wildcard') ?? false }
  const df = params.get('df')
  if (df !== undefined) options.defaultField = df
  const analyzer = params.get('analyzer')
  if (analyzer !== undefined) options.analyzer = analyzer
  const lenient = booleanParam(params, 'lenient')
  if (lenient !== undefined) options.lenient = lenient
  const operator = params.get('default_operator')
  if (operator !== undefined) {
    const upper = operator.toUpperCase()
    if (upper !== 'OR' && upper !== 'AND') {
      throw illegalArgumentException(`No enum constant org.elasticsearch.index.query.Operator.${upper}`)
    }
    options.defaultOperator = upper
  }
  return { query, options }
}
