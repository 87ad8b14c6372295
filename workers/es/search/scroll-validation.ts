/**
 * What a search with `?scroll` may not ask for, as ES 8.17 validates it before resolving any index:
 * SearchSourceBuilder.validate with isScroll (a disabled `track_total_hits`, `from`, `size` 0, `rescore`,
 * `search_after`, `collapse`, in that order, before the source's other checks) and SearchRequest.validate's
 * `request_cache` check (after them). The `scroll` keep alive is parsed first (RestSearchAction reads it while
 * building the request), so a bad time value fails before any of these. `_count` reads no `scroll`.
 */
import { urlFlag } from '../common/booleans.ts'
import { parseTimeValue, timeValueMillis } from '../common/time/index.ts'

/** The parts of a search source the scroll checks read. */
export interface ScrollCheckedSource {
  trackTotalHitsLimited: boolean
  from: number
  size: number
  rescores: number
  searchAfter: boolean
  collapse: boolean
}

/** The `scroll` parameter's keep alive in ms, or null without one. */
export function scrollKeepAlive(params: ReadonlyMap<string, string>): number | null {
  const scroll = params.get('scroll')
  return scroll === undefined ? null : timeValueMillis(parseTimeValue(scroll, 'scroll'))
}

/** SearchSourceBuilder.validate's isScroll block. */
export function scrollSourceErrors(source: ScrollCheckedSource): string[] {
  const errors: string[] = []
  if (source.trackTotalHitsLimited)
    errors.push('disabling [track_total_hits] is not allowed in a scroll context')
  if (source.from > 0) errors.push('using [from] is not allowed in a scroll context')
  if (source.size === 0) errors.push('[size] cannot be [0] in a scroll context')
  if (source.rescores > 0) errors.push('using [rescore] is not allowed in a scroll context')
  if (source.searchAfter) errors.push('[search_after] cannot be used in a scroll context')
  if (source.collapse) errors.push('cannot use `collapse` in a scroll context')
  return errors
}

/** SearchRequest.validate's scroll check of the request itself. */
export function scrollRequestErrors(params: ReadonlyMap<string, string>): string[] {
  return urlFlag(params, 'request_cache') === true
    ? ['[request_cache] cannot be used in a scroll context']
    : []
}
