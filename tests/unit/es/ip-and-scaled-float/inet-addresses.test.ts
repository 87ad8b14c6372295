// InetAddresses as ES 8.17 reads and prints addresses (its Guava copy and Lucene's InetAddressPoint): which texts
// are addresses, their canonical text (RFC 5952, IPv4-mapped addresses as IPv4), the index term order and CIDR ranges.
import { describe, expect, it } from 'vitest'
import {
  addressTerm,
  canonicalAddress,
  forString,
  formatAddress,
  formatTerm,
  nextAddress,
  parseCidr,
} from '../../../../workers/es/common/network/inet-addresses.ts'
import { failure } from '../es-failure.ts'

describe('InetAddresses', () => {
  it('prints addresses canonically', () => {
    expect(canonicalAddress('192.168.1.1')).toBe('192.168.1.1')
    expect(canonicalAddress('::1')).toBe('::1')
    expect(canonicalAddress('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1')
    // IPv4-mapped addresses are Inet4Addresses; IPv4-compatible ones stay IPv6
    expect(canonicalAddress('::ffff:10.0.0.1')).toBe('10.0.0.1')
    expect(canonicalAddress('::10.0.0.1')).toBe('::a00:1')
    // a single zero hextet is not compressed; the leftmost of two equal runs is
    expect(canonicalAddress('1:0:2:3:4:5:6:7')).toBe('1:0:2:3:4:5:6:7')
    expect(canonicalAddress('1:0:0:2:0:0:3:4')).toBe('1::2:0:0:3:4')
    expect(canonicalAddress('1:0:0:2:0:0:0:4')).toBe('1:0:0:2::4')
    expect(canonicalAddress('::')).toBe('::')
    expect(canonicalAddress('1::')).toBe('1::')
  })

  it('refuses what is not an IP string literal', () => {
    for (const text of [
      '300.1.1.1',
      '192.168.1',
      '01.2.3.4',
      '1.2.3.4.',
      'a.b.c.d',
      'localhost',
      '',
      '1::2::3',
      '1:2',
      '12345::1',
      ':1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '1.2.3.4:1::',
    ]) {
      expect(failure(() => forString(text))).toEqual({
        type: 'illegal_argument_exception',
        reason: `'${text}' is not an IP string literal.`,
      })
    }
  })

  it('keeps addresses as terms in byte order, and reads them back', () => {
    const terms = ['::1', '10.0.0.1', '9.255.255.255', '2001:db8::1'].map((a) => addressTerm(forString(a)))
    expect(terms[1]).toBe('00000000000000000000ffff0a000001')
    expect([...terms].sort().map(formatTerm)).toEqual(['::1', '9.255.255.255', '10.0.0.1', '2001:db8::1'])
    expect(formatAddress(nextAddress(forString('10.0.0.255'), 1))).toBe('10.0.1.0')
    expect(formatAddress(nextAddress(forString('::ffff:0.0.0.0'), -1))).toBe('::fffe:ffff:ffff')
  })

  it('parses CIDR blocks as parseCidr does, with its errors', () => {
    const range = (text: string): string[] => {
      const { lower, upper } = parseCidr(text)
      return [formatAddress(lower), formatAddress(upper)]
    }
    expect(range('192.168.7.9/16')).toEqual(['192.168.0.0', '192.168.255.255'])
    expect(range('2001:db8::/32')).toEqual(['2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'])
    expect(range('0.0.0.0/0')).toEqual(['0.0.0.0', '255.255.255.255'])
    expect(failure(() => parseCidr('10.0.0.0/33'))).toEqual({
      type: 'illegal_argument_exception',
      reason:
        'Illegal prefix length [33] in [10.0.0.0/33]. Must be 0-32 for IPv4 ranges, 0-128 for IPv6 ranges',
    })
    expect(failure(() => parseCidr('10.0.0.0/'))).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Expected [ip/prefix] but was [10.0.0.0/]',
    })
    expect(failure(() => parseCidr('10.0.0.0/x'))).toEqual({
      type: 'number_format_exception',
      reason: 'For input string: "x"',
    })
    expect(failure(() => parseCidr('::ffff:10.0.0.0/104'))).toEqual({
      type: 'illegal_argument_exception',
      reason:
        'CIDR notation is not allowed with IPv6-mapped IPv4 address [::ffff:10.0.0.0 as it introduces ambiguity as ' +
        'to whether the prefix length should be interpreted as a v4 prefix length or a v6 prefix length',
    })
  })
})
