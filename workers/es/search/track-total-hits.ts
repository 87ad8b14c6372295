/**
 * `track_total_hits`, as SearchSourceBuilder and RestSearchAction read it: the body's value (a boolean, the
 * strings `true`/`false`, or a number, parser.intValue), then the URL parameter, which replaces it (`true`/`false`,
 * else RestRequest.paramAsInt). true is 2147483647 (accurate), false is -1 (disabled: the response has no
 * `hits.total`); below -1 is the illegal_argument_exception "[track_total_hits] parameter must be positive or
 * equals to -1, got N". RestSearchAction.checkRestTotalHits then runs for `rest_total_hits_as_int`: unset becomes
 * accurate, and a limit other than accurate or disabled is refused.
 */
import { illegalArgumentException, numberFormatException } from '../errors/index.ts'
import { XNumber } from '../xcontent/index.ts'
import { urlFlag } from '../common/booleans.ts'
import { paramAsInt } from '../rest/actions/rest-params.ts'
import { parseJavaDouble } from '../../net/java-double.ts'

/** SearchContext.TRACK_TOTAL_HITS_ACCURATE: Integer.MAX_VALUE. */
export const TRACK_TOTAL_HITS_ACCURATE = 2147483647
/** SearchContext.TRACK_TOTAL_HITS_DISABLED. */
export const TRACK_TOTAL_HITS_DISABLED = -1
/** SearchContext.DEFAULT_TRACK_TOTAL_HITS_UP_TO: what an unset track_total_hits counts to. */
export const DEFAULT_TRACK_TOTAL_HITS_UP_TO = 10_000

/** The body's `track_total_hits` value token (SearchSourceBuilder.parseXContent). */
export function bodyTrackTotalHits(value: string | boolean | XNumber): number {
  if (typeof value === 'boolean' || value === 'true' || value === 'false') {
    return value === true || value === 'true' ? TRACK_TOTAL_HITS_ACCURATE : TRACK_TOTAL_HITS_DISABLED
  }
  return checkedUpTo(Math.trunc(intValue(value)))
}

/** The URL's `track_total_hits` over the body's (`upTo`, null when unset), as RestSearchAction.parseSearchSource reads it. */
export function urlTrackTotalHits(params: ReadonlyMap<string, string>, upTo: number | null): number | null {
  const value = params.get('track_total_hits')
  if (value === undefined) return upTo
  if (value === 'true' || value === 'false') {
    return value === 'true' ? TRACK_TOTAL_HITS_ACCURATE : TRACK_TOTAL_HITS_DISABLED
  }
  return checkedUpTo(paramAsInt(params, 'track_total_hits', DEFAULT_TRACK_TOTAL_HITS_UP_TO))
}

/**
 * RestSearchAction.checkRestTotalHits, run by _search and by each search of an _msearch: whether
 * `rest_total_hits_as_int` is set; with it, an unset `upTo` is accurate (totalHitsLimit), and a limit other
 * than accurate or disabled is refused.
 */
export function restTotalHitsAsInt(params: ReadonlyMap<string, string>, upTo: number | null): boolean {
  if (urlFlag(params, 'rest_total_hits_as_int') !== true) return false
  if (upTo !== null && upTo !== TRACK_TOTAL_HITS_ACCURATE && upTo !== TRACK_TOTAL_HITS_DISABLED) {
    throw illegalArgumentException(
      `[rest_total_hits_as_int] cannot be used if the tracking of total hits is not accurate, got ${upTo}`,
    )
  }
  return true
}

/** The count hits.total is exact up to, from the request's `upTo`; null when totals are disabled. */
export function totalHitsLimit(upTo: number | null, totalHitsAsInt: boolean): number | null {
  if (upTo === TRACK_TOTAL_HITS_DISABLED) return null
  if (upTo === TRACK_TOTAL_HITS_ACCURATE || (upTo === null && totalHitsAsInt)) return Infinity
  return upTo ?? DEFAULT_TRACK_TOTAL_HITS_UP_TO
}

/** SearchSourceBuilder.trackTotalHitsUpTo's check. */
function checkedUpTo(upTo: number): number {
  if (upTo < TRACK_TOTAL_HITS_DISABLED) {
    throw illegalArgumentException(
      `[track_total_hits] parameter must be positive or equals to -1, got ${upTo}`,
    )
  }
  return upTo
}

/** parser.intValue(): a number, or a string holding one (Java's NumberFormatException otherwise). */
function intValue(value: string | XNumber): number {
  if (value instanceof XNumber) return value.value
  const n = parseJavaDouble(value)
  if (n === null) throw numberFormatException(value)
  return n
}
