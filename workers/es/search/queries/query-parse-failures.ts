/**
 * The failures of parsing a query clause, and where the parser stood when each was thrown (its
 * getTokenLocation), so that an enclosing parser can wrap them as ES's do: BoolQueryBuilder's ObjectParser as
 * `[bool] failed to parse field [<clause>]` (XContentParseException), RestActions.getQueryContent (_count,
 * _explain, _validate/query) anything but a ParsingException as a ParsingException `Failed to parse`, both at that
 * same location. A parse failure is a parsing_exception (its line and col), an x_content_parse_exception (its
 * `[line:col]` prefix) or parseInnerQueryBuilder's IllegalArgumentException for `{}` (recorded here when it is
 * made); an exception building a query (query_shard_exception and the like) is none of them and passes unwrapped.
 */
import {
  illegalArgumentException,
  parsingException,
  xContentParseException,
  EsException,
} from '../../errors/index.ts'
import { suggest } from '../../common/did-you-mean.ts'
import {
  endLocationOf,
  tokenLocation,
  type ContentLocation,
  type XContentObject,
} from '../../xcontent/index.ts'
import { tokenName } from '../aggregations/aggregation-params.ts'

const EMPTY_CLAUSES = new WeakMap<EsException, ContentLocation>()

/** parseInnerQueryBuilder's refusal of `{}`, at the clause's closing brace ([1:1] when it was not located). */
export function emptyClauseException(clause: XContentObject): EsException {
  const end = endLocationOf(clause) ?? { line: 1, col: 1 }
  const error = illegalArgumentException(`query malformed, empty clause found at [${end.line}:${end.col}]`)
  EMPTY_CLAUSES.set(error, end)
  return error
}

/** Where the parser stood when `error` was thrown parsing a query; null when `error` is no parse failure. */
export function parseFailureLocation(error: unknown): ContentLocation | null {
  if (!(error instanceof EsException)) return null
  const empty = EMPTY_CLAUSES.get(error)
  if (empty !== undefined) return empty
  if (error.type === 'parsing_exception') {
    const line = error.metadata.find(([key]) => key === 'line')?.[1]
    const col = error.metadata.find(([key]) => key === 'col')?.[1]
    return typeof line === 'number' && typeof col === 'number' ? { line, col } : null
  }
  const prefix = error.type === 'x_content_parse_exception' ? /^\[(\d+):(\d+)\] /.exec(error.reason) : null
  return prefix === null ? null : { line: Number(prefix[1]), col: Number(prefix[2]) }
}

/** ObjectParser.parseValue: a failure parsing `field`'s value, wrapped where the parser stood; others unchanged. */
export function fieldParseFailure(parser: string, field: string, error: unknown): unknown {
  const at = parseFailureLocation(error)
  if (at === null) return error
  return xContentParseException(
    at.line,
    at.col,
    `[${parser}] failed to parse field [${field}]`,
    error as EsException,
  )
}

/** RestActions.getQueryContent: a parse failure other than a ParsingException becomes `Failed to parse` there. */
export function queryContentFailure(error: unknown): unknown {
  const at = parseFailureLocation(error)
  if (at === null || (error as EsException).type === 'parsing_exception') return error
  return parsingException(at.line, at.col, 'Failed to parse', error as EsException)
}

/** ObjectParser's refusal of an undeclared key, at its name, with SuggestingErrorOnUnknown's hint over `declared`. */
export function unknownField(
  parser: string,
  object: XContentObject,
  key: string,
  declared: readonly string[],
): EsException {
  const [line, col] = tokenLocation(object, key, 'key')
  return xContentParseException(line, col, `[${parser}] unknown field [${key}]${suggest(key, declared)}`)
}

/** ObjectParser's refusal of a value whose token the field does not take, at the value. */
export function unsupportedValue(parser: string, object: XContentObject, key: string): EsException {
  const [line, col] = tokenLocation(object, key, 'value')
  const type = tokenName(object.get(key)!)
  return xContentParseException(line, col, `[${parser}] ${key} doesn't support values of type: ${type}`)
}
