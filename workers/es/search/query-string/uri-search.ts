/**
 * URI search (`GET index/_search?q=...`): RestSearchAction.parseSearchSource turns `q` into a query_string
 * query with `df` (default_field), `analyzer`, `analyze_wildcard` (default false), `lenient` (unset unless
 * given) and `default_operator` (Operator.fromString: case-insensitive OR / AND). Booleans follow the two
 * RestRequest.paramAsBoolean overloads: `analyze_wildcard` reads with a primitive default, so a bare flag
 * (`?analyze_wildcard`, `?analyze_wildcard=`) is true; `lenient` reads with a boxed null default
 * (Booleans.parseBoolean(String, Boolean)), so a value without text leaves it unset. Other text than `true` /
 * `false` is an illegal_argument_exception.
 */
import { parseBoolean } from '../../common/booleans.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { QueryStringOptions } from './query-string-query-parser.ts'

export interface UriQueryString {
  query: string
  options: QueryStringOptions
}

/** Booleans.hasText: some character that is not Java whitespace (Character.isWhitespace). */
function hasText(value: string): boolean {
  return /[^\t\n\v\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]/.test(value)
}

/** RestRequest.paramAsBoolean(key, Boolean): absent or without text is undefined (the boxed null default). */
export function optionalBooleanParam(params: ReadonlyMap<string, string>, name: string): boolean | undefined {
  const value = params.get(name)
  return value === undefined || !hasText(value) ? undefined : parseBoolean(value)
}

/** RestRequest.paramAsBoolean(key, boolean): present and empty is true (a bare flag turns it on). */
function flagParam(params: ReadonlyMap<string, string>, name: string, fallback: boolean): boolean {
  return params.get(name) === '' ? true : (optionalBooleanParam(params, name) ?? fallback)
}

/** The query_string a URI search runs, or null when the request has no `q`. */
export function uriSearchQuery(params: ReadonlyMap<string, string>): UriQueryString | null {
  const query = params.get('q')
  if (query === undefined) return null
  const options: QueryStringOptions = { analyzeWildcard: flagParam(params, 'analyze_wildcard', false) }
  const df = params.get('df')
  if (df !== undefined) options.defaultField = df
  const analyzer = params.get('analyzer')
  if (analyzer !== undefined) options.analyzer = analyzer
  const lenient = optionalBooleanParam(params, 'lenient')
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
