/**
 * java.net.URLDecoder.decode(s, UTF_8) (JDK 17+), which the `urldecode` processor applies: `+` is a space; a run of
 * `%xy` escapes is read as bytes (Integer.parseInt(s, i+1, i+3, 16): a sign is allowed, so `%-1` is a negative
 * value) and decoded as UTF-8, malformed sequences becoming U+FFFD; anything else is kept. Errors are
 * IllegalArgumentExceptions with URLDecoder's texts: `URLDecoder: Illegal hex characters in escape (%) pattern -
 * Error at index 0 in: "zz"`, `... - negative value` and `URLDecoder: Incomplete trailing escape (%) pattern`.
 */
import { illegalArgumentException } from '../ingest-exceptions.ts'

const HEX_PREFIX = 'URLDecoder: Illegal hex characters in escape (%) pattern - '

/** Integer.parseInt(s, begin, begin + 2, 16), or the NumberFormatException message. */
function parseHexPair(s: string, begin: number): number | string {
  const pair = s.slice(begin, begin + 2)
  const error = (index: number) => `Error at index ${index} in: "${pair}"`
  let i = 0
  let sign = 1
  const first = pair.charAt(0)
  if (first < '0') {
    if (first === '-') sign = -1
    else if (first !== '+') return error(0)
    i = 1
  }
  let value = 0
  for (; i < 2; i++) {
    const digit = parseInt(pair.charAt(i), 16)
    if (Number.isNaN(digit)) return error(i)
    value = value * 16 + digit
  }
  return sign * value
}

export function urlDecode(s: string): string {
  let out = ''
  let i = 0
  while (i < s.length) {
    const c = s.charAt(i)
    if (c === '+') {
      out += ' '
      i++
    } else if (c === '%') {
      const bytes: number[] = []
      while (i + 2 < s.length && s.charAt(i) === '%') {
        const value = parseHexPair(s, i + 1)
        if (typeof value === 'string') throw illegalArgumentException(HEX_PREFIX + value)
        if (value < 0) throw illegalArgumentException(HEX_PREFIX + 'negative value')
        bytes.push(value)
        i += 3
      }
      if (i < s.length && s.charAt(i) === '%') {
        throw illegalArgumentException('URLDecoder: Incomplete trailing escape (%) pattern')
      }
      out += new TextDecoder('utf-8').decode(Uint8Array.from(bytes))
    } else {
      out += c
      i++
    }
  }
  return out
}
