/**
 * A field sort's `nested` option, as ES 8's NestedSortBuilder.fromXContent reads it: `path`, `filter` (a query,
 * read as parseNestedFilter reads it), `max_children` (Integer.MAX_VALUE when absent) and a deeper `nested`.
 * Errors as ES gives them, before the field sort's ObjectParser wraps them (sort-builder.ts):
 * `malformed nested sort format, must start with an object` / `... unknown field name [x]`
 * (illegal_argument_exception), and a filter that does not parse as the parsing_exception
 * `Expected nested_filter element.` caused by the query's own error.
 * Invariant: the filter is kept as sent; the shard builds it inside the path's nested scope (nested-sort.ts).
 */
import {
  illegalArgumentException,
  numberFormatException,
  parsingException,
  type EsException,
} from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { valueToken } from '../../action/value-token.ts'

export interface NestedSortBuilder {
  path: string | null
  filter: XContentValue | null
  maxChildren: number
  nested: NestedSortBuilder | null
}

/** Integer.MAX_VALUE: every child counts. */
export const ALL_CHILDREN = 2 ** 31 - 1

/** Checks a filter's syntax as the request's other queries are checked before any index is known. */
export type QuerySyntaxCheck = (query: XContentValue) => void

export function parseNestedSort(value: XContentValue, checkQuery: QuerySyntaxCheck): NestedSortBuilder {
  if (!(value instanceof Map))
    throw illegalArgumentException('malformed nested sort format, must start with an object')
  const builder: NestedSortBuilder = { path: null, filter: null, maxChildren: ALL_CHILDREN, nested: null }
  for (const [key, option] of value) {
    if (key === 'path') builder.path = option === null ? null : scalarText(option)
    else if (key === 'filter') builder.filter = parseNestedFilter(option, checkQuery)
    else if (key === 'max_children') builder.maxChildren = intValue(option)
    else if (key === 'nested') builder.nested = parseNestedSort(option, checkQuery)
    else throw illegalArgumentException(`malformed nested sort format, unknown field name [${key}]`)
  }
  return builder
}

/** SortBuilder.parseNestedFilter: any failure of the query's parser becomes `Expected nested_filter element.`. */
function parseNestedFilter(filter: XContentValue, checkQuery: QuerySyntaxCheck): XContentValue {
  try {
    checkQuery(filter)
  } catch (error) {
    throw parsingException(1, 1, 'Expected nested_filter element.', error as EsException)
  }
  return filter
}

/** XContentParser.text() of a value token. */
function scalarText(value: XContentValue): string {
  if (value instanceof XNumber) return value.text
  if (typeof value === 'string' || typeof value === 'boolean') return String(value)
  throw illegalArgumentException('malformed nested sort format, only field names are allowed')
}

/** XContentParser.intValue(): a number (truncated) or a string holding one. */
function intValue(value: XContentValue): number {
  if (value instanceof XNumber) return Math.trunc(value.value)
  if (typeof value === 'string' && /^\s*[+-]?\d+(\.\d*)?\s*$/.test(value)) return Math.trunc(Number(value))
  if (typeof value === 'string') throw numberFormatException(value)
  throw illegalArgumentException(
    `Current token (${valueToken(value)}) not numeric, can not use numeric value accessors`,
  )
}
