/**
 * Whether java.net.InetAddress.getByName(host) would return an address: an empty host is the loopback, a
 * `[...]` host must be an IPv6 literal, an IPv4 dotted quad or an IPv6 literal (with an optional `%scope`) is
 * taken as is, and any other text is a host name to resolve. The playground has no name service: only
 * `localhost` resolves (docs/DEVIATIONS.md), every other name is unknown, as UnknownHostException reports it.
 */

function isIpv4(text: string): boolean {
  const parts = text.split('.')
  return parts.length === 4 && parts.every((part) => /^[0-9]{1,3}$/.test(part) && Number(part) <= 255)
}

function isIpv6(text: string): boolean {
  const address = text.replace(/%[0-9A-Za-z_.-]+$/, '')
  const halves = address.split('::')
  if (halves.length > 2) return false
  const groups = (half: string): string[] | null => {
    if (half === '') return []
    const words = half.split(':')
    const last = words[words.length - 1] ?? ''
    const ipv4Tail = last.includes('.') ? isIpv4(last) : null
    if (ipv4Tail === false) return null
    const hex = ipv4Tail === true ? words.slice(0, -1) : words
    if (!hex.every((word) => /^[0-9A-Fa-f]{1,4}$/.test(word))) return null
    return ipv4Tail === true ? [...hex, '', ''] : hex
  }
  const head = groups(halves[0] ?? '')
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : []
  if (head === null || tail === null) return false
  const count = head.length + tail.length
  return halves.length === 2 ? count <= 7 : count === 8
}

export function isResolvableHost(host: string): boolean {
  if (host === '') return true
  if (host.startsWith('[') && host.endsWith(']')) return isIpv6(host.slice(1, -1))
  return isIpv4(host) || isIpv6(host) || host.toLowerCase() === 'localhost'
}
