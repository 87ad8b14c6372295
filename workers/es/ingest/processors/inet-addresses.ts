/**
 * InetAddresses.isInetAddress (ES's copy of Guava's): an IPv4 dotted quad (four decimal parts of at most
 * three digits, each at most 255) or an IPv6 address (eight groups of 1–4 hex digits, at most one `::`
 * standing for one or more zero groups, optionally ending in an IPv4 quad worth two groups, optionally
 * followed by a `%` scope id).
 */

function isIpv4(text: string): boolean {
  const parts = text.split('.')
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)
}

function isIpv6(text: string): boolean {
  let address = text
  const scope = address.indexOf('%')
  if (scope >= 0) {
    if (scope === address.length - 1) return false
    address = address.slice(0, scope)
  }
  const lastColon = address.lastIndexOf(':')
  if (address.slice(lastColon + 1).includes('.')) {
    if (!isIpv4(address.slice(lastColon + 1))) return false
    address = address.slice(0, lastColon + 1) + '0:0'
  }
  const halves = address.split('::')
  if (halves.length > 2) return false
  const groups = (half: string) => (half === '' ? [] : half.split(':'))
  const head = groups(halves[0] ?? '')
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : []
  if (![...head, ...tail].every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false
  const count = head.length + tail.length
  return halves.length === 2 ? count < 8 : count === 8
}

export function isInetAddress(text: string): boolean {
  return text.includes(':') ? isIpv6(text) : isIpv4(text)
}
