/**
 * The URL of a Dev Tools request line, cut the way Kibana's console cuts it (`parseLine` and
 * `removeTrailingWhitespaces`): the text after the method, trimmed; then cut at the first blank that is
 * outside double quotes and either before the query string or, inside the query string, followed by a
 * `#` or `//` comment. So `GET _search // all` asks for `_search`, while `GET _search?q=foo AND bar` keeps
 * its spaces in the query. A `?` inside double quotes does not start the query string.
 */

/** The URL in `afterMethod`, the rest of a request line after its method; '' when there is none. */
export function requestLineUrl(afterMethod: string): string {
  const url = afterMethod.trim()
  const query = queryStart(url)
  let quoted = false
  for (let at = 0; at < url.length; at++) {
    const c = url.charAt(at)
    if (c === '"') quoted = !quoted
    if (quoted || !isSpaceOrTab(c)) continue
    let next = at + 1
    while (isSpaceOrTab(url.charAt(next))) next++
    if (query < 0 || at < query || url.charAt(next) === '#' || url.startsWith('//', next))
      return url.slice(0, at)
    at = next - 1
  }
  return url
}

function isSpaceOrTab(c: string): boolean {
  return c === ' ' || c === '\t'
}

function queryStart(url: string): number {
  let quoted = false
  for (let at = 0; at < url.length; at++) {
    const c = url.charAt(at)
    if (c === '"') quoted = !quoted
    else if (c === '?' && !quoted) return at
  }
  return -1
}
