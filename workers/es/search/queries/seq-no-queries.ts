/**
 * Queries on `_seq_no`, built as ES 8.17's SeqNoFieldType builds them over its LongPoint:
 * - a value is parsed as SeqNoFieldType.parse does: a JSON number must be whole (`Value [1.5] has a decimal part`)
 *   and within a long (`Value [x] is out of range for a long`), anything else is Long.parseLong of its text
 *   (number_format_exception `For input string: "x"`); either fails the shard with "failed to create query: ...";
 * - `term` (and `match`, whose keyword analyzer leaves the text whole) is LongPoint.newExactQuery, `_seq_no:[5 TO 5]`;
 * - `terms` is LongPoint.newSetQuery, `_seq_no:{1 5}` (sorted, without duplicates);
 * - `range` is LongPoint.newRangeQuery with an exclusive bound moved by one (`gt: 5` is `[6 TO ...]`) and open
 *   ends at Long.MIN_VALUE / MAX_VALUE; an exclusive bound at the end of the long range is MatchNoDocsQuery.
 * Each is a point query: it scores its boost. The playground keeps the sequence numbers beside the stored
 * documents, not as points: a query is built as `_seq_no` numericRange leaves under a constant_score carrying the
 * point query's description, and on the shard each leaf becomes the live documents whose sequence number it
 * accepts, by their `_id`s (script-queries.ts documentsQuery) when the query is built on the shard (a search's, and
 * `_explain`'s and the by-query APIs' through buildQueryOnShard); built without one the leaves are left as they are.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { javaDoubleToString, XNumber, type XContentValue } from '../../xcontent/index.ts'
import { FieldQueryError, fieldQueryFailure } from '../query-string/field-queries.ts'
import { SEQ_NO_FIELD } from './metadata-field-types.ts'
import type { QueryContext, ShardFieldValues } from './query-parsing.ts'
import { documentsQuery } from './script-queries.ts'
import { rewriteLeaves } from './query-leaves.ts'

const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

/** A query value: the parsed JSON value (absent for a query string's text) and its text. */
export interface SeqNoValue {
  value: XContentValue | undefined
  text: string
}

/** SeqNoFieldType.parse. */
function parse({ value, text }: SeqNoValue): bigint {
  if (value instanceof XNumber) {
    const number = value.value
    // Number.toString: a Double (a fraction or an exponent) prints as Double.toString, an integer as its digits
    const shown = value.isInteger ? text : javaDoubleToString(number)
    if (number < -(2 ** 63) || number > 2 ** 63) {
      throw new FieldQueryError('illegal_argument_exception', `Value [${shown}] is out of range for a long`)
    }
    if (number % 1 !== 0) {
      throw new FieldQueryError('illegal_argument_exception', `Value [${shown}] has a decimal part`)
    }
    // an integer's longValue() keeps its low 64 bits; a Double's saturates at the ends of the long range
    if (value.isInteger) return BigInt.asIntN(64, BigInt(text))
    const whole = BigInt(number)
    return whole > LONG_MAX ? LONG_MAX : whole < LONG_MIN ? LONG_MIN : whole
  }
  const parsed = /^[+-]?\d+$/.test(text) ? BigInt(text) : null
  if (parsed === null || parsed < LONG_MIN || parsed > LONG_MAX) {
    throw new FieldQueryError('number_format_exception', `For input string: "${text}"`)
  }
  return parsed
}

function parsed<T>(context: QueryContext, build: () => T): T {
  try {
    return build()
  } catch (e) {
    if (e instanceof FieldQueryError) throw fieldQueryFailure(context.index, e)
    throw e
  }
}

type SeqNoRange = Extract<IndexQuery, { type: 'numericRange' }>

function isSeqNoRange(query: IndexQuery): query is SeqNoRange {
  return query.type === 'numericRange' && query.field === SEQ_NO_FIELD
}

/** The documents a `_seq_no` range leaf matches on this shard, by `_id`. */
function matchingDocuments(range: SeqNoRange, shard: ShardFieldValues): IndexQuery {
  const scripting = shard.scripting()
  const selected: string[] = []
  const others: string[] = []
  for (const { docId, id } of scripting.liveDocs()) {
    const [seqNo] = scripting.docValues.values(SEQ_NO_FIELD, docId)
    const matches = typeof seqNo === 'number' && seqNo >= range.lower && seqNo <= range.upper
    ;(matches ? selected : others).push(id)
  }
  return documentsQuery(selected, others, 1)
}

/** The query with its `_seq_no` range leaves replaced by the documents they match on the shard. */
function resolveSeqNoQueries(query: IndexQuery, shard: ShardFieldValues): IndexQuery {
  let found = false
  rewriteLeaves(query, (leaf) => {
    found ||= isSeqNoRange(leaf)
    return leaf
  })
  if (!found) return query
  return rewriteLeaves(query, (leaf) => (isSeqNoRange(leaf) ? matchingDocuments(leaf, shard) : leaf))
}

/**
 * A point query over the sequence numbers in `[lower, upper]` ranges, scoring `boost`, described as Lucene prints it:
 * resolved at once on a shard, else left as its range leaves (only checked there).
 */
function pointQuery(
  context: QueryContext,
  ranges: ReadonlyArray<readonly [bigint, bigint]>,
  description: string,
  boost: number,
): IndexQuery {
  const leaves = ranges.map(([lower, upper]): IndexQuery => ({
    type: 'numericRange',
    field: SEQ_NO_FIELD,
    lower: Number(lower),
    upper: Number(upper),
    boost: 1,
    point: 'long',
  }))
  const filter: IndexQuery =
    leaves.length === 1
      ? leaves[0]!
      : { type: 'bool', must: [], should: leaves, mustNot: [], filter: [], minimumShouldMatch: 0, boost: 1 }
  const query: IndexQuery = { type: 'constantScore', filter, boost, description }
  return context.shard === undefined ? query : resolveSeqNoQueries(query, context.shard)
}

/** `term` / `match` on `_seq_no`: LongPoint.newExactQuery. */
export function seqNoTermQuery(context: QueryContext, value: SeqNoValue, boost: number): IndexQuery {
  const v = parsed(context, () => parse(value))
  return pointQuery(context, [[v, v]], `${SEQ_NO_FIELD}:[${v} TO ${v}]`, boost)
}

/** `terms` on `_seq_no`: LongPoint.newSetQuery. */
export function seqNoTermsQuery(
  context: QueryContext,
  values: readonly SeqNoValue[],
  boost: number,
): IndexQuery {
  const parsedValues = parsed(context, () => values.map(parse))
  const set = [...new Set(parsedValues)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const ranges = set.map((v) => [v, v] as const)
  return pointQuery(context, ranges, `${SEQ_NO_FIELD}:{${set.join(' ')}}`, boost)
}

/** `range` on `_seq_no`: LongPoint.newRangeQuery of the bounds made inclusive. */
export function seqNoRangeQuery(
  context: QueryContext,
  lower: SeqNoValue | null,
  upper: SeqNoValue | null,
  includeLower: boolean,
  includeUpper: boolean,
  boost: number,
): IndexQuery {
  const [from, to] = parsed(context, () => [
    lower === null ? null : parse(lower),
    upper === null ? null : parse(upper),
  ])
  let l = from ?? LONG_MIN
  let u = to ?? LONG_MAX
  if (from !== null && !includeLower) {
    if (l === LONG_MAX) return { type: 'matchNone' }
    l++
  }
  if (to !== null && !includeUpper) {
    if (u === LONG_MIN) return { type: 'matchNone' }
    u--
  }
  return pointQuery(context, [[l, u]], `${SEQ_NO_FIELD}:[${l} TO ${u}]`, boost)
}
