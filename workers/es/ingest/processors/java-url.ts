/**
 * java.net.URL's parser, the uri_parts processor's fallback for text java.net.URI refuses (such as a path with
 * spaces): `new URL(text)` with URLStreamHandler.parseURL, the parsing the JDK's `http`, `https`, `ftp` and `file`
 * handlers share. Null where the constructor throws MalformedURLException.
 *
 * The text is trimmed of characters up to U+0020 and of a leading `url:`; the protocol is the text before the
 * first `:` that comes before any `/`, a letter then letters, digits, `.`, `+` or `-`, lower-cased, and must be one
 * of those four (other protocols, including the JDK's `jar`, `jrt` and `mailto` with their own parsing, are not
 * modelled and fail). Then: the ref after the first `#`; the query after the first `?`; after `//` the authority up
 * to the next `/` (or `?`), split at a single `@` into user info and host (two `@`s: neither), the host into a
 * bracketed IPv6 literal (which must be a valid address) or a name, and `:port` (digits, parsed as an int); the path as written (dot segments
 * are removed only from a path relative to a context URL, which the processor never has). Nothing is decoded.
 */
import { isIpv6Reference, type JavaUriParts } from './java-uri.ts'

const PROTOCOLS = new Set(['http', 'https', 'ftp', 'file'])

class MalformedUrl extends Error {}

/** Integer.parseInt of a port: digits with an optional sign, within an int. */
function parsePort(text: string): number {
  if (!/^[+-]?\d+$/.test(text) || Math.abs(Number(text)) > 2147483647) throw new MalformedUrl(text)
  return Number(text)
}

function parse(text: string): JavaUriParts {
  let start = 0
  let limit = text.length
  while (limit > 0 && text.charCodeAt(limit - 1) <= 0x20) limit--
  while (start < limit && text.charCodeAt(start) <= 0x20) start++
  if (text.slice(start, start + 4).toLowerCase() === 'url:') start += 4
  let protocol: string | null = null
  for (let i = start; i < limit && text[i] !== '/'; i++) {
    if (text[i] !== ':') continue
    const name = text.slice(start, i).toLowerCase()
    if (/^[a-z][a-z0-9.+-]*$/i.test(name)) {
      protocol = name
      start = i + 1
    }
    break
  }
  if (protocol === null || !PROTOCOLS.has(protocol)) throw new MalformedUrl(text)
  let ref: string | null = null
  const hash = text.indexOf('#', start)
  if (hash >= 0 && hash < limit) {
    ref = text.slice(hash + 1, limit)
    limit = hash
  }
  let spec = text
  let query: string | null = null
  const queryStart = spec.indexOf('?')
  if (start < limit && queryStart !== -1 && queryStart < limit) {
    query = spec.slice(queryStart + 1, limit)
    limit = queryStart
    spec = spec.slice(0, queryStart)
  }
  let host: string | null = null
  let port = -1
  let userInfo: string | null = null
  let path: string | null = null
  let authority: string | null = null
  const unc = spec.startsWith('////', start) && start <= limit - 4
  if (!unc && start <= limit - 2 && spec.startsWith('//', start)) {
    start += 2
    let i = spec.indexOf('/', start)
    if (i < 0 || i > limit) {
      i = spec.indexOf('?', start)
      if (i < 0 || i > limit) i = limit
    }
    authority = spec.slice(start, i)
    host = authority
    const at = authority.indexOf('@')
    if (at !== -1) {
      if (at !== authority.lastIndexOf('@')) host = null
      else {
        userInfo = authority.slice(0, at)
        host = authority.slice(at + 1)
      }
    }
    if (host === null) host = ''
    else if (host.startsWith('[')) {
      const close = host.indexOf(']')
      if (close <= 2) throw new MalformedUrl(text)
      const rest = host.slice(close + 1)
      if (!isIpv6Reference(host.slice(1, close))) throw new MalformedUrl(text)
      host = host.slice(0, close + 1)
      if (rest !== '') {
        if (!rest.startsWith(':')) throw new MalformedUrl(text)
        if (rest.length > 1) port = parsePort(rest.slice(1))
      }
    } else {
      const colon = host.indexOf(':')
      if (colon >= 0) {
        if (host.length > colon + 1) port = parsePort(host.slice(colon + 1))
        host = host.slice(0, colon)
      }
    }
    if (port < -1) throw new MalformedUrl(text)
    start = i
    if (authority !== '') path = ''
  }
  if (start < limit) {
    const rest = spec.slice(start, limit)
    path = rest.startsWith('/') || authority === null ? rest : '/' + rest
  }
  return {
    scheme: protocol,
    host: host ?? '',
    port,
    userInfo,
    path: path ?? '',
    query,
    fragment: ref,
  }
}

/** `new URL(text)` and its getters (getProtocol, getHost, ...), or null when it throws MalformedURLException. */
export function parseJavaUrl(text: string): JavaUriParts | null {
  try {
    return parse(text)
  } catch (error) {
    if (error instanceof MalformedUrl) return null
    throw error
  }
}
