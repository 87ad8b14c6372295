/**
 * span_gap (SpanNearQueryBuilder.SpanGapQueryBuilder): `{"span_gap": {"<field>": width}}`, a gap of `width`
 * positions between two clauses of an ordered span_near (SpanNearQuery.Builder.addGap). Its fromXContent fails with
 * ParsingException "[span_gap] query doesn't support multiple fields, found [a] and [b]" at the second name, the
 * constructor with IllegalArgumentException "[span_gap] field name is null or empty", a width that is no number with
 * NumberFormatException. Anywhere but in span_near's clauses its toQuery throws UnsupportedOperationException (no
 * message), which the shard reports as "failed to create query: null". span_near's own checks of a gap (same field,
 * ordered) are in span-queries.ts.
 */
import type { SpanQuery } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException, numberFormatException, parsingException } from '../../errors/index.ts'
import { tokenLocation, XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { failedToCreateQuery } from '../query-string/field-queries.ts'
import { scalarText, type QueryContext } from './query-parsing.ts'

type SpanGap = Extract<SpanQuery, { type: 'spanGap' }>

function multipleFields(object: XContentObject, first: string, second: string): never {
  const reason = `[span_gap] query doesn't support multiple fields, found [${first}] and [${second}]`
  throw parsingException(...tokenLocation(object, second, 'key'), reason)
}

/** parser.intValue() of a width: a number (truncated) or a numeric string. */
function widthOf(value: XContentValue): number {
  if (value instanceof XNumber) return Math.trunc(value.value)
  const text = scalarText(value) ?? ''
  const width = Number(text)
  if (text.trim() === '' || !Number.isFinite(width)) throw numberFormatException(text)
  return Math.trunc(width)
}

/** SpanGapQueryBuilder.fromXContent: the gap's field and width (its field as given, width 0 without a value). */
export function parseSpanGap(body: XContentObject): SpanGap {
  let field: string | null = null
  let width = 0
  for (const [key, value] of body) {
    if (field !== null) multipleFields(body, field, key)
    field = key
    // an object's first name is the next FIELD_NAME the loop reads
    if (value instanceof Map) {
      const inner = [...value.keys()][0]
      if (inner !== undefined) multipleFields(value, key, inner)
    } else if (Array.isArray(value)) {
      for (const element of value) width = widthOf(element)
    } else {
      width = widthOf(value)
    }
  }
  if (field === null || field === '') throw illegalArgumentException('[span_gap] field name is null or empty')
  return { type: 'spanGap', field, width }
}

/** A span_gap where a query is built: its toQuery's UnsupportedOperationException, once it parsed. */
export function spanGapQuery(body: XContentObject, context: QueryContext): never {
  parseSpanGap(body)
  throw failedToCreateQuery(context.index, 'unsupported_operation_exception', 'null')
}

/** A span_near clause that is a span_gap (`{"span_gap": {...}}`), else null. */
export function spanGapClause(clause: XContentValue): SpanGap | null {
  if (!(clause instanceof Map) || clause.size !== 1) return null
  const body = clause.get('span_gap')
  return body instanceof Map ? parseSpanGap(body) : null
}
