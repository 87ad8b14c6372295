/**
 * IP addresses as Elasticsearch 8.17 reads and prints them (its InetAddresses, a copy of Guava's, and Lucene's
 * InetAddressPoint encoding):
 * - forString: an IPv4 dotted quad (four decimal octets, no leading zeros) or an IPv6 text (one to four hex digits per
 *   hextet, at most one `::`, an optional trailing dotted quad); anything else is IllegalArgumentException
 *   "'x' is not an IP string literal.". No host names and no scope ids (`%eth0`).
 * - An address is its 16 bytes as InetAddressPoint encodes it: an IPv4 address as the IPv4-mapped IPv6 address
 *   `::ffff:a.b.c.d`. Java's InetAddress.getByAddress turns such 16 bytes back into an Inet4Address, so an IPv6 text
 *   of a mapped address (`::ffff:1.2.3.4`) is the IPv4 address 1.2.3.4 everywhere, while `::1.2.3.4` stays IPv6.
 * - formatAddress is InetAddresses.toAddrString (NetworkAddress.format, DocValueFormat.IP): dotted quad for IPv4, RFC
 *   5952 for IPv6 (lower-case hex, no leading zeros, the longest run of two or more zero hextets, leftmost on a tie,
 *   as `::`).
 * - The index keeps an address as its term: the 16 bytes as 32 lower-case hex digits, so terms in UTF-8 order are
 *   addresses in InetAddressPoint's unsigned byte order.
 */
import { illegalArgumentException, numberFormatException } from '../../errors/index.ts'

export type AddressBytes = Uint8Array

const V4_MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]

/** InetAddresses.forString: the address's 16 bytes; throws ES's IllegalArgumentException for anything else. */
export function forString(text: string): AddressBytes {
  const bytes = ipStringToBytes(text)
  if (bytes === null) throw illegalArgumentException(`'${text}' is not an IP string literal.`)
  return bytes
}

/** Whether the 16 bytes are an IPv4 address (IPv4-mapped, which Java reads back as an Inet4Address). */
export function isIpv4(bytes: AddressBytes): boolean {
  return V4_MAPPED_PREFIX.every((b, i) => bytes[i] === b)
}

function ipStringToBytes(text: string): AddressBytes | null {
  let hasColon = false
  let hasDot = false
  for (const c of text) {
    if (c === '.') hasDot = true
    else if (c === ':') {
      if (hasDot) return null
      hasColon = true
    } else if (!/^[0-9a-fA-F]$/.test(c)) return null
  }
  if (hasColon) {
    const v6 = hasDot ? convertDottedQuadToHex(text) : text
    return v6 === null ? null : textToNumericFormatV6(v6)
  }
  if (!hasDot) return null
  const quad = textToNumericFormatV4(text)
  return quad === null ? null : Uint8Array.from([...V4_MAPPED_PREFIX, ...quad])
}

function textToNumericFormatV4(text: string): number[] | null {
  const parts = text.split('.')
  if (parts.length !== 4) return null
  const out: number[] = []
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part.startsWith('0'))) return null
    const octet = Number(part)
    if (octet > 255) return null
    out.push(octet)
  }
  return out
}

/** `a:b::1.2.3.4` as `a:b::102:304`. */
function convertDottedQuadToHex(text: string): string | null {
  const lastColon = text.lastIndexOf(':')
  const quad = textToNumericFormatV4(text.slice(lastColon + 1))
  if (quad === null) return null
  const hextet = (hi: number, lo: number): string => ((hi << 8) | lo).toString(16)
  return `${text.slice(0, lastColon + 1)}${hextet(quad[0]!, quad[1]!)}:${hextet(quad[2]!, quad[3]!)}`
}

function textToNumericFormatV6(text: string): AddressBytes | null {
  const parts = text.split(':')
  if (parts.length < 3 || parts.length > 9) return null
  let skipIndex = -1
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] !== '') continue
    if (skipIndex >= 0) return null
    skipIndex = i
  }
  let partsHi = parts.length
  let partsLo = 0
  if (skipIndex >= 0) {
    partsHi = skipIndex
    partsLo = parts.length - skipIndex - 1
    if (parts[0] === '' && --partsHi !== 0) return null
    if (parts[parts.length - 1] === '' && --partsLo !== 0) return null
  }
  const skipped = 8 - (partsHi + partsLo)
  if (skipIndex >= 0 ? skipped < 1 : skipped !== 0) return null
  const hextets = [
    ...parts.slice(0, partsHi),
    ...new Array<string>(skipped).fill('0'),
    ...parts.slice(parts.length - partsLo),
  ]
  const out = new Uint8Array(16)
  for (let i = 0; i < 8; i++) {
    const part = hextets[i]!
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return null
    const value = parseInt(part, 16)
    out[2 * i] = value >> 8
    out[2 * i + 1] = value & 0xff
  }
  return out
}

/** InetAddresses.toAddrString of the address the 16 bytes decode to (see the header). */
export function formatAddress(bytes: AddressBytes): string {
  if (isIpv4(bytes)) return Array.from(bytes.subarray(12)).join('.')
  const hextets: number[] = []
  for (let i = 0; i < 8; i++) hextets.push((bytes[2 * i]! << 8) | bytes[2 * i + 1]!)
  let bestStart = -1
  let bestLength = 1
  for (let i = 0; i < 8;) {
    if (hextets[i] !== 0) {
      i++
      continue
    }
    let end = i
    while (end < 8 && hextets[end] === 0) end++
    if (end - i > bestLength) {
      bestStart = i
      bestLength = end - i
    }
    i = end
  }
  if (bestStart < 0) return hextets.map((h) => h.toString(16)).join(':')
  const head = hextets.slice(0, bestStart).map((h) => h.toString(16))
  const tail = hextets.slice(bestStart + bestLength).map((h) => h.toString(16))
  return `${head.join(':')}::${tail.join(':')}`
}

/** The address's index term (see the header). */
export function addressTerm(bytes: AddressBytes): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}

/** The address of an index term. */
export function termAddress(term: string): AddressBytes {
  const out = new Uint8Array(16)
  for (let i = 0; i < 16; i++) out[i] = parseInt(term.slice(2 * i, 2 * i + 2), 16)
  return out
}

/** DocValueFormat.IP.format of a term: the address's text. */
export function formatTerm(term: string): string {
  return formatAddress(termAddress(term))
}

/** InetAddresses.toAddrString(InetAddresses.forString(text)): the canonical text of an address. */
export function canonicalAddress(text: string): string {
  return formatAddress(forString(text))
}

/** InetAddressPoint.nextUp / nextDown: the next address up or down (the caller checks the ends). */
export function nextAddress(bytes: AddressBytes, direction: 1 | -1): AddressBytes {
  const out = Uint8Array.from(bytes)
  for (let i = 15; i >= 0; i--) {
    const value = out[i]! + direction
    out[i] = value & 0xff
    if (value >= 0 && value <= 0xff) break
  }
  return out
}

/** InetAddressPoint.MIN_VALUE (`::`) and MAX_VALUE (all ones). */
export const MIN_ADDRESS: AddressBytes = new Uint8Array(16)
export const MAX_ADDRESS: AddressBytes = new Uint8Array(16).fill(0xff)

export function sameAddress(a: AddressBytes, b: AddressBytes): boolean {
  return a.every((byte, i) => byte === b[i])
}

/** IpFieldType.termQuery's addresses: a CIDR block's range (text with a `/`), or the address alone (both ends). */
export function termAddresses(text: string): { lower: AddressBytes; upper: AddressBytes } {
  if (text.includes('/')) return parseCidr(text)
  const address = forString(text)
  return { lower: address, upper: address }
}

/**
 * InetAddresses.parseCidr then the range it covers (parseIpRangeFromCidr): the first and last address with the
 * prefix's bits. The prefix length counts an IPv4 address's 32 bits; an IPv4-mapped IPv6 text is refused.
 */
export function parseCidr(text: string): { lower: AddressBytes; upper: AddressBytes } {
  // String.split drops trailing empty strings
  const fields = text.split('/')
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop()
  if (fields.length !== 2) throw illegalArgumentException(`Expected [ip/prefix] but was [${text}]`)
  const [addressText, prefixText] = fields as [string, string]
  const address = forString(addressText)
  const v4 = isIpv4(address)
  if (addressText.includes(':') && v4) {
    throw illegalArgumentException(
      `CIDR notation is not allowed with IPv6-mapped IPv4 address [${addressText} as it introduces ambiguity as to ` +
        'whether the prefix length should be interpreted as a v4 prefix length or a v6 prefix length',
    )
  }
  if (!/^[+-]?\d+$/.test(prefixText)) throw numberFormatException(prefixText)
  const prefixLength = Number(prefixText)
  if (prefixLength < 0 || prefixLength > (v4 ? 32 : 128)) {
    throw illegalArgumentException(
      `Illegal prefix length [${prefixLength}] in [${text}]. Must be 0-32 for IPv4 ranges, 0-128 for IPv6 ranges`,
    )
  }
  const bits = prefixLength + (v4 ? 96 : 0)
  const lower = Uint8Array.from(address)
  const upper = Uint8Array.from(address)
  for (let i = bits; i < 128; i++) {
    const mask = 1 << (7 - (i & 7))
    lower[i >> 3] = lower[i >> 3]! & ~mask
    upper[i >> 3] = upper[i >> 3]! | mask
  }
  return { lower, upper }
}
