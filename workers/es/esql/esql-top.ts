/**
 * TOP(field, limit, order) (x-pack esql Top): the group's `limit` first values (every value of a multi-value counts,
 * repeats kept) in `order`, as a multi-value of the field's type (one value as itself, none as null). Top.resolveType
 * checks, stopping at the first failure: the field is boolean, date, ip, a string or numeric but unsigned_long; the
 * limit a constant (`second argument of [c] must be a constant, received [x]`), not null (`… cannot be null, received
 * [x]`) and an integer; the order a constant, not null and a string; then `Limit must be greater than 0 in [c], found
 * [n]` and `Invalid order value in [c], expected [ASC, DESC] but got [x]` (the order in any case). Values order as the
 * TopXxxAggregator's BucketedSort does: numbers and dates numerically, false before true, an ip by its 16 bytes
 * (InetAddressPoint order), strings by code unit (BytesRef order for text without surrogate pairs).
 */
import type { AggregateFunction } from './esql-aggregates.ts'
import { typeName, type FunctionArg } from './esql-function-support.ts'
import { STRING_TYPES, cellOf, orderKey } from './esql-values.ts'

const FIELD_TYPES = new Set(['boolean', 'date', 'ip', 'keyword', 'text', 'integer', 'long', 'double'])
const FIELD_EXPECTED = 'boolean, date, ip, string or numeric except unsigned_long or counter types'

/** TypeResolutions.isNotNullAndFoldable then isType, for the limit and the order. */
function constantArg(
  arg: FunctionArg,
  ordinal: string,
  callText: string,
  accepts: (type: string) => boolean,
  expected: string,
): string | null {
  if (arg.constant === undefined)
    return `${ordinal} argument of [${callText}] must be a constant, received [${arg.text}]`
  if (arg.type === 'null' || arg.constant === null)
    return `${ordinal} argument of [${callText}] cannot be null, received [${arg.text}]`
  if (!accepts(arg.type)) {
    return `${ordinal} argument of [${callText}] must be [${expected}], found value [${arg.text}] type [${typeName(arg.type)}]`
  }
  return null
}

function resolve(args: readonly FunctionArg[], callText: string): string | { error: string } {
  const [field, limit, order] = args as [FunctionArg, FunctionArg, FunctionArg]
  if (field.type !== 'null' && !FIELD_TYPES.has(field.type)) {
    return {
      error: `first argument of [${callText}] must be [${FIELD_EXPECTED}], found value [${field.text}] type [${typeName(field.type)}]`,
    }
  }
  const failure =
    constantArg(limit, 'second', callText, (t) => t === 'integer', 'integer') ??
    constantArg(order, 'third', callText, (t) => STRING_TYPES.has(t), 'string')
  if (failure !== null) return { error: failure }
  if ((limit.constant as number) <= 0) {
    return { error: `Limit must be greater than 0 in [${callText}], found [${String(limit.constant)}]` }
  }
  const direction = String(order.constant)
  if (!['asc', 'desc'].includes(direction.toLowerCase())) {
    return { error: `Invalid order value in [${callText}], expected [ASC, DESC] but got [${direction}]` }
  }
  return field.type
}

export const TOP: AggregateFunction = {
  arity: [3, 3],
  foldsOnce: true,
  resolve,
  apply: (values, _rows, type, [limit, order]) => {
    const key = orderKey(type)
    const sign = String(order).toLowerCase() === 'asc' ? 1 : -1
    const keyed = values.map((v) => ({ v, k: key(v) }))
    keyed.sort((a, b) => (a.k < b.k ? -sign : a.k > b.k ? sign : 0))
    return cellOf(keyed.slice(0, limit as number).map(({ v }) => v))
  },
}
