/**
 * java.net.URI's parser (RFC 2396 with RFC 2732's IPv6 literals, as URI.Parser reads a string): the components
 * the uri_parts processor reads, or null where `new URI(s)` throws URISyntaxException.
 *
 * `scheme:` followed by anything but `/` is an opaque URI: only the scheme and fragment are defined. Otherwise
 * `[//authority][path][?query][#fragment]`; an authority whose characters all fit a server (`userinfo@host:port`,
 * host an IPv4 address, a hostname whose labels are letters, digits and inner dashes and whose last label starts
 * with a letter, or a bracketed IPv6 address) is parsed as one, and when that fails but its characters fit a
 * registry name it is a registry-based authority: no host, user info or port. A `%` must start two hex digits;
 * visible non-ASCII characters above U+0080 pass where escapes do. The getters decode: path, query, fragment and
 * user info have their `%XY` escapes decoded as UTF-8 (malformed bytes become U+FFFD); the host is kept as written.
 */

export interface JavaUriParts {
  scheme: string | null
  host: string | null
  /** -1 when there is none. */
  port: number
  userInfo: string | null
  path: string | null
  query: string | null
  fragment: string | null
}

class URISyntaxError extends Error {}

const DIGIT = '0123456789'
const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
const ALPHANUM = ALPHA + DIGIT
const HEX = DIGIT + 'abcdefABCDEF'
const UNRESERVED = ALPHANUM + "-_.!~*'()"
const RESERVED = ';/?:@&=+$,[]'
const URIC = RESERVED + UNRESERVED
const PCHAR = UNRESERVED + ':@&=+$,'
const PATH = PCHAR + ';/'
const USERINFO = UNRESERVED + ';:&=+$,'
const REG_NAME = UNRESERVED + '$,;:@&=+'
const SERVER = USERINFO + ALPHANUM + '-.:@[]'
const SCHEME = ALPHANUM + '+-.'
const SCOPE_ID = ALPHANUM + '_.'

/** A character class: its characters, and whether `%XY` escapes and visible non-ASCII characters belong. */
interface CharClass {
  chars: string
  escaped: boolean
}
const cls = (chars: string, escaped: boolean): CharClass => ({ chars, escaped })
const C_URIC = cls(URIC, true)
const C_PATH = cls(PATH, true)
const C_USERINFO = cls(USERINFO, true)
const C_REG_NAME = cls(REG_NAME, true)
const C_SERVER = cls(SERVER, true)
const C_SERVER_PERCENT = cls(SERVER + '%', true)
const C_SCHEME = cls(SCHEME, false)
const C_DIGIT = cls(DIGIT, false)
const C_SCOPE_ID = cls(SCOPE_ID, false)

/** Character.isSpaceChar or Character.isISOControl. */
function spaceOrControl(c: string): boolean {
  return /[\p{Zs}\p{Zl}\p{Zp}\u0000-\u001f\u007f-\u009f]/u.test(c)
}

class Parser {
  scheme: string | null = null
  host: string | null = null
  port = -1
  userInfo: string | null = null
  path: string | null = null
  query: string | null = null
  fragment: string | null = null

  constructor(private readonly input: string) {}

  private at(p: number, n: number, c: string): boolean {
    return p < n && this.input[p] === c
  }

  /** The index of the first character in `stop` (or n); -1 when a character in `err` comes first. */
  private scanUntil(start: number, n: number, err: string, stop: string): number {
    for (let p = start; p < n; p++) {
      const c = this.input[p]!
      if (err.includes(c)) return -1
      if (stop.includes(c)) return p
    }
    return n
  }

  /** The index of the first character not in `charClass`. */
  private scan(start: number, n: number, charClass: CharClass): number {
    let p = start
    while (p < n) {
      const c = this.input[p]!
      if (charClass.chars.includes(c)) p++
      else if (charClass.escaped && c === '%') {
        if (p + 3 <= n && HEX.includes(this.input[p + 1]!) && HEX.includes(this.input[p + 2]!)) p += 3
        else throw new URISyntaxError('Malformed escape pair')
      } else if (charClass.escaped && c.charCodeAt(0) > 128 && !spaceOrControl(c)) p++
      else break
    }
    return p
  }

  private check(start: number, end: number, charClass: CharClass): void {
    if (this.scan(start, end, charClass) < end) throw new URISyntaxError('Illegal character')
  }

  parse(): void {
    const input = this.input
    const n = input.length
    let p = this.scanUntil(0, n, '/?#', ':')
    if (p >= 0 && this.at(p, n, ':')) {
      if (p === 0 || !ALPHA.includes(input[0]!)) throw new URISyntaxError('Expected scheme name')
      this.check(1, p, C_SCHEME)
      this.scheme = input.slice(0, p)
      p++
      if (this.at(p, n, '/')) p = this.parseHierarchical(p, n)
      else {
        const q = this.scanUntil(p, n, '', '#')
        if (q <= p) throw new URISyntaxError('Expected scheme-specific part')
        this.check(p, q, C_URIC)
        p = q
      }
    } else p = this.parseHierarchical(0, n)
    if (this.at(p, n, '#')) {
      this.check(p + 1, n, C_URIC)
      this.fragment = input.slice(p + 1)
      p = n
    }
    if (p < n) throw new URISyntaxError('Expected end of URI')
  }

  private parseHierarchical(start: number, n: number): number {
    let p = start
    if (this.at(p, n, '/') && this.at(p + 1, n, '/')) {
      p += 2
      const q = this.scanUntil(p, n, '', '/?#')
      if (q > p) p = this.parseAuthority(p, q)
      else if (q >= n) throw new URISyntaxError('Expected authority')
    }
    let q = this.scanUntil(p, n, '', '?#')
    this.check(p, q, C_PATH)
    this.path = this.input.slice(p, q)
    p = q
    if (this.at(p, n, '?')) {
      p++
      q = this.scanUntil(p, n, '', '#')
      this.check(p, q, C_URIC)
      this.query = this.input.slice(p, q)
      p = q
    }
    return p
  }

  private parseAuthority(start: number, n: number): number {
    const bracketed = this.scanUntil(start, n, '', ']') > start
    const serverChars = this.scan(start, n, bracketed ? C_SERVER_PERCENT : C_SERVER) === n
    const regChars = this.scan(start, n, C_REG_NAME) === n
    if (regChars && !serverChars) return n
    let failure: URISyntaxError | null = null
    if (serverChars) {
      try {
        if (this.parseServer(start, n) < n) throw new URISyntaxError('Expected end of authority')
        return n
      } catch (error) {
        if (!(error instanceof URISyntaxError)) throw error
        this.userInfo = null
        this.host = null
        this.port = -1
        failure = error
      }
    }
    if (regChars) return n
    throw failure ?? new URISyntaxError('Illegal character in authority')
  }

  private parseServer(start: number, n: number): number {
    const input = this.input
    let p = start
    let q = this.scanUntil(p, n, '/?#', '@')
    if (q >= p && this.at(q, n, '@')) {
      this.check(p, q, C_USERINFO)
      this.userInfo = input.slice(p, q)
      p = q + 1
    }
    if (this.at(p, n, '[')) {
      p++
      q = this.scanUntil(p, n, '/?#', ']')
      if (!(q > p && this.at(q, n, ']')))
        throw new URISyntaxError('Expected closing bracket for IPv6 address')
      const r = this.scanUntil(p, q, '', '%')
      if (r < q) {
        if (r === p) throw new URISyntaxError('Expected IPv6 address')
        if (r + 1 === q) throw new URISyntaxError('scope id expected')
        this.check(r + 1, q, C_SCOPE_ID)
      }
      if (!isIpv6Reference(input.slice(p, r))) throw new URISyntaxError('Malformed IPv6 address')
      this.host = input.slice(p - 1, q + 1)
      p = q + 1
    } else {
      q = this.parseIPv4Address(p, n)
      if (q <= p) q = this.parseHostname(p, n)
      p = q
    }
    if (this.at(p, n, ':')) {
      p++
      q = this.scanUntil(p, n, '', '/')
      if (q > p) {
        this.check(p, q, C_DIGIT)
        const port = Number(input.slice(p, q))
        if (port > 2147483647) throw new URISyntaxError('Malformed port number')
        this.port = port
        p = q
      }
    }
    if (p < n) throw new URISyntaxError('Expected port number')
    return p
  }

  /** Four dotted bytes, followed by nothing or `:`; else -1 (the host is then read as a hostname). */
  private parseIPv4Address(start: number, n: number): number {
    const m = this.scan(start, n, cls(DIGIT + '.', false))
    const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(this.input.slice(start, m))
    if (match === null || match.slice(1).some((part) => Number(part) > 255)) return -1
    if (m < n && this.input[m] !== ':') return -1
    this.host = this.input.slice(start, m)
    return m
  }

  private parseHostname(start: number, n: number): number {
    const input = this.input
    let p = start
    let label = -1
    do {
      let q = this.scan(p, n, cls(ALPHANUM, false))
      if (q <= p) break
      label = p
      p = q
      q = this.scan(p, n, cls(ALPHANUM + '-', false))
      if (q > p) {
        if (input[q - 1] === '-') throw new URISyntaxError('Illegal character in hostname')
        p = q
      }
      if (!this.at(p, n, '.')) break
      p++
    } while (p < n)
    if (p < n && !this.at(p, n, ':')) throw new URISyntaxError('Illegal character in hostname')
    if (label < 0) throw new URISyntaxError('Expected hostname')
    if (label > start && !ALPHA.includes(input[label]!))
      throw new URISyntaxError('Illegal character in hostname')
    this.host = input.slice(start, p)
    return p
  }
}

/** RFC 2373 IPv6 text: hex groups of up to 4 digits, at most one `::`, optionally ending in an IPv4 address. */
export function isIpv6Reference(text: string): boolean {
  let groups = text
  let pieces = 8
  const ipv4 = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text)
  if (ipv4 !== null) {
    if (ipv4[1]!.split('.').some((part) => Number(part) > 255)) return false
    groups = text.slice(0, text.length - ipv4[1]!.length)
    if (groups.endsWith(':') && !groups.endsWith('::')) groups = groups.slice(0, -1)
    pieces = 6
  }
  const halves = groups.split('::')
  if (halves.length > 2) return false
  const hex = (part: string) => (part === '' ? [] : part.split(':'))
  const parts = halves.flatMap(hex)
  if (!parts.every((part) => /^[0-9a-fA-F]{1,4}$/.test(part))) return false
  return halves.length === 2 ? parts.length < pieces : parts.length === pieces
}

/** URI.decode: `%XY` escapes as UTF-8 bytes, malformed sequences as U+FFFD. */
function decode(text: string | null): string | null {
  if (text === null || !text.includes('%')) return text
  const decoder = new TextDecoder('utf-8')
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) =>
    decoder.decode(Uint8Array.from(run.slice(1).split('%'), (byte) => parseInt(byte, 16))),
  )
}

/** `new URI(text)` and its getters, or null when it throws URISyntaxException. */
export function parseJavaUri(text: string): JavaUriParts | null {
  const parser = new Parser(text)
  try {
    parser.parse()
  } catch (error) {
    if (error instanceof URISyntaxError) return null
    throw error
  }
  return {
    scheme: parser.scheme,
    host: parser.host,
    port: parser.port,
    userInfo: decode(parser.userInfo),
    path: decode(parser.path),
    query: decode(parser.query),
    fragment: decode(parser.fragment),
  }
}
