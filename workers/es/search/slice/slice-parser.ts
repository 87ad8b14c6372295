/**
 * A `_search` body's `slice` as ES 8.17 reads and checks it:
 * - SliceBuilder.fromXContent, an ObjectParser named `slice`: `field` (declareString), `id` and `max` (declareInt: a
 *   number or a numeric string), set in the body's order; an unknown field is `[slice] unknown field [x]` (with
 *   SuggestingErrorOnUnknown's hint), a value of another kind `[slice] id doesn't support values of type: ...`.
 *   The setters' checks (id >= 0; max > 1; max > id once both are set) fail as `[slice] failed to parse field [f]`
 *   caused by their illegal_argument_exception. A left-out `id` or `max` stays -1: nothing checks it, and the slice
 *   then selects as SliceBuilder.toFilter's arithmetic does with it.
 * - SearchSourceBuilder.validate: a slice without `?scroll` or `pit` is refused (`slicesWithoutContext`).
 * - DefaultSearchContext.preProcess, on each shard of a scroll (not of a point in time: ES 8.17 has no
 *   max_slices_per_pit): a `max` above index.max_slices_per_scroll is an illegal_argument_exception.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import { suggest } from '../../common/did-you-mean.ts'
import { ParseFailure, PolicyParseContext } from '../../ilm/policy-parse-context.ts'
import { intField } from '../../rankeval/metric-parser.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import type { SliceBuilder } from './slice-builder.ts'

const PARSER = 'slice'
const FIELDS = ['field', 'id', 'max']

/** SliceBuilder.fromXContent of the body's `slice` object; `text` is the body. */
export function parseSlice(value: XContentObject, text: string): SliceBuilder {
  const ctx = new PolicyParseContext(text, [PARSER])
  const slice: SliceBuilder = { id: -1, max: -1 }
  try {
    for (const [key, entry] of value) {
      if (key === 'field') {
        if (typeof entry !== 'string') throw ctx.unsupportedValue(PARSER, key, entry)
        slice.field = entry
      } else if (key === 'id' || key === 'max') {
        const n = intField(ctx, PARSER, key, entry)
        const refusal = key === 'id' ? idRefusal(n, slice.max) : maxRefusal(n, slice.id)
        if (refusal !== null) throw ctx.valueFailure(PARSER, key, illegalArgumentException(refusal))
        slice[key] = n
      } else {
        const at = ctx.child(key).offset('name')
        throw new ParseFailure(ctx.error(at, `[${PARSER}] unknown field [${key}]${suggest(key, FIELDS)}`), at)
      }
    }
  } catch (failure) {
    throw failure instanceof ParseFailure ? failure.exception : failure
  }
  return slice
}

/** SliceBuilder.setId's checks. */
function idRefusal(id: number, max: number): string | null {
  if (id < 0) return 'id must be greater than or equal to 0'
  return max !== -1 && id >= max ? 'max must be greater than id' : null
}

/** SliceBuilder.setMax's checks. */
function maxRefusal(max: number, id: number): string | null {
  if (max <= 1) return 'max must be greater than 1'
  return id !== -1 && id >= max ? 'max must be greater than id' : null
}

/** SearchSourceBuilder.validate's slice check. */
export function slicesWithoutContext(slice: SliceBuilder | null, scroll: boolean, pit: boolean): string[] {
  return slice !== null && !scroll && !pit
    ? ['[slice] can only be used with [scroll] or [point-in-time] requests']
    : []
}

/** DefaultSearchContext.preProcess's check of a sliced scroll on one shard. */
export function checkSlicesPerScroll(slice: SliceBuilder, maxSlicesPerScroll: number): void {
  if (slice.max <= maxSlicesPerScroll) return
  throw illegalArgumentException(
    `The number of slices [${slice.max}] is too large. It must be less than [${maxSlicesPerScroll}]. This limit can ` +
      'be set by changing the [index.max_slices_per_scroll] index level setting.',
  )
}
