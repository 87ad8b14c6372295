/**
 * BaseRestHandler's check of a request's URL parameters: every parameter must be one the handler reads, one
 * of the parameters every request may carry (`format`, `filter_path`, `pretty` and `human`, read by the
 * response channel, and `error_trace`, read by the RestController), or a path parameter of the route.
 * Anything else is the 400 illegal_argument_exception "request [<path>] contains unrecognized parameter(s):
 * [a] -> did you mean [b]?, [c]", the unknown names sorted, each with the names ES would have consumed that are
 * close to it (Lucene LevenshteinDistance above 0.5, best first, then by name). A parameter ES reads only when
 * it is present (`?size` on `_search`) is accepted but never suggested, as it is not among ES's consumed ones.
 */
import { illegalArgumentException, type EsException } from '../errors/index.ts'
import { closestNames } from '../common/did-you-mean.ts'
import { REST_API_PARAMS, type RestApi } from './rest-api-params.ts'

/** AbstractRestChannel's and RestController's own parameters: accepted by every handler. */
const ALWAYS_CONSUMED: readonly string[] = ['format', 'filter_path', 'pretty', 'human', 'error_trace']

/** The error for the request's parameters that `api`'s handler does not read, or null when it reads them all. */
export function unrecognizedParams(
  path: string,
  params: ReadonlyMap<string, string>,
  api: RestApi,
): EsException | null {
  const consumed = new Set(ALWAYS_CONSUMED)
  const whenPresent = new Set<string>()
  for (const name of REST_API_PARAMS[api]) {
    if (name.endsWith('?')) whenPresent.add(name.slice(0, -1))
    else consumed.add(name)
  }
  const invalid = [...params.keys()]
    .filter((name) => !consumed.has(name) && !whenPresent.has(name))
    .sort(compareUtf16)
  if (invalid.length === 0) return null
  return illegalArgumentException(unrecognized(path, invalid, [...consumed], 'parameter'))
}

/** BaseRestHandler.unrecognized: each invalid name with the known ones close to it. */
export function unrecognized(
  path: string,
  invalid: readonly string[],
  candidates: readonly string[],
  detail: string,
): string {
  const names = invalid.map((name) => {
    const close = closestNames(name, candidates, 0.5)
    if (close.length === 0) return `[${name}]`
    const hint = close.length === 1 ? `[${close[0]}]` : `any of [${close.join(', ')}]`
    return `[${name}] -> did you mean ${hint}?`
  })
  return `request [${path}] contains unrecognized ${detail}${invalid.length > 1 ? 's' : ''}: ${names.join(', ')}`
}

/** A TreeSet<String>'s order: UTF-16 code units. */
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
