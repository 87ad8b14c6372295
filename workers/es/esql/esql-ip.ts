/**
 * The ip functions of EsqlFunctionRegistry, over an address's 16 bytes (inet-addresses.ts; an IPv4 address is its
 * IPv4-mapped form), single-valued:
 * - CIDR_MATCH(ip, block1, ...): true when the address is in one of the CIDR blocks (CIDRUtils.isInRange over
 *   InetAddresses.parseCidr). CIDRMatch's evaluator lets a malformed block's IllegalArgumentException through, so it
 *   fails the query rather than warn.
 * - IP_PREFIX(ip, v4Length, v6Length): the address with all but its first v4Length (IPv4) or v6Length (IPv6) bits
 *   cleared; a length out of [0, 32] / [0, 128] is null with IpPrefix's IllegalArgumentException warning.
 */
import { addressTerm, forString, formatAddress, isIpv4, parseCidr } from '../common/network/inet-addresses.ts'
import { INTEGER, IP, STRING, fixed, single, type ScalarFunction } from './esql-function-support.ts'
import { EvaluationFailure } from './esql-warnings.ts'

function cidrMatch(ip: string, blocks: readonly string[]): boolean {
  const address = addressTerm(forString(ip))
  return blocks.some((block) => {
    const { lower, upper } = parseCidr(block)
    return addressTerm(lower) <= address && address <= addressTerm(upper)
  })
}

function checkLength(version: 'v4' | 'v6', length: number, max: number): void {
  if (length < 0 || length > max) {
    throw new EvaluationFailure(
      `java.lang.IllegalArgumentException: Prefix length ${version} must be in range [0, ${max}], found ${length}`,
    )
  }
}

function ipPrefix(ip: string, v4Length: number, v6Length: number): string {
  checkLength('v4', v4Length, 32)
  checkLength('v6', v6Length, 128)
  const bytes = forString(ip)
  const keep = isIpv4(bytes) ? 96 + v4Length : v6Length
  for (let bit = keep; bit < 128; bit++) bytes[bit >> 3] = bytes[bit >> 3]! & ~(1 << (7 - (bit & 7)))
  return formatAddress(bytes)
}

export const IP_FUNCTIONS: readonly (readonly [string, ScalarFunction])[] = [
  [
    'cidr_match',
    single([2, Infinity], [IP, STRING], fixed('boolean'), ([ip, ...blocks]) =>
      cidrMatch(String(ip), blocks.map(String)),
    ),
  ],
  [
    'ip_prefix',
    single([3, 3], [IP, INTEGER, INTEGER], fixed('ip'), ([ip, v4, v6]) =>
      ipPrefix(String(ip), v4 as number, v6 as number),
    ),
  ],
]
