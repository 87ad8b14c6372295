// ip_prefix over search.aggregation/450_ip_prefix.yml's index (ES 8's field names: prefix_length,
// append_prefix_length), through a node: keys, netmasks, the IPv4 mask over an IPv6 address's low bytes, keyed
// output, min_doc_count and the builder's refusals.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { parseFailure } from './fixture.ts'
import { InternalIpPrefix } from '../../../../workers/es/search/aggregations/bucket/ip-prefix.ts'
import {
  aggregationsResponse,
  readAggregations,
  writeAggregations,
} from '../../../../workers/es/search/aggregations/index.ts'
import { toJson } from '../../../../workers/es/xcontent/index.ts'

let node: TestNode

const DOCS: Array<[string, string, number, string]> = [
  ['192.168.1.10', '2001:db8:a4f8:112a:6001:0:12:7f10', 10, '192.168.1.10'],
  ['192.168.1.12', '2001:db8:a4f8:112a:6001:0:12:7f12', 20, '2001:db8:a4f8:112a:6001:0:12:7f12'],
  ['192.168.1.33', '2001:db8:a4f8:112a:6001:0:12:7f33', 40, '192.168.1.33'],
  ['192.168.1.10', '2001:db8:a4f8:112a:6001:0:12:7f10', 20, '2001:db8:a4f8:112a:6001:0:12:7f10'],
  ['192.168.1.33', '2001:db8:a4f8:112a:6001:0:12:7f33', 70, '192.168.1.33'],
  ['192.168.2.41', '2001:db8:a4f8:112c:6001:0:12:7f41', 20, '2001:db8:a4f8:112c:6001:0:12:7f41'],
  ['192.168.2.10', '2001:db8:a4f8:112c:6001:0:12:7f10', 30, '192.168.2.10'],
  ['192.168.2.23', '2001:db8:a4f8:112c:6001:0:12:7f23', 50, '2001:db8:a4f8:112c:6001:0:12:7f23'],
  ['192.168.2.41', '2001:db8:a4f8:112c:6001:0:12:7f41', 60, '192.168.2.41'],
  ['192.168.2.10', '2001:db8:a4f8:112c:6001:0:12:7f10', 10, '2001:db8:a4f8:112c:6001:0:12:7f10'],
]

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/test', {
    mappings: {
      properties: { ipv4: { type: 'ip' }, ipv6: { type: 'ip' }, ip: { type: 'ip' }, value: { type: 'long' } },
    },
  })
  for (const [i, [ipv4, ipv6, value, ip]] of DOCS.entries())
    await node.send('PUT', `/test/_doc/${i}`, { ipv4, ipv6, value, ip })
  await node.send('POST', '/test/_refresh')
})

async function aggs(body: object): Promise<string> {
  return (await node.send('POST', '/test/_search?filter_path=aggregations,error', { size: 0, aggs: body }))
    .body
}

describe('ip_prefix', () => {
  it('buckets IPv4 subnets with their netmask (450_ip_prefix.yml: IPv4 prefix)', async () => {
    expect(await aggs({ p: { ip_prefix: { field: 'ipv4', prefix_length: 24 } } })).toBe(
      '{"aggregations":{"p":{"buckets":[' +
        '{"key":"192.168.1.0","netmask":"255.255.255.0","doc_count":5,"is_ipv6":false,"prefix_length":24},' +
        '{"key":"192.168.2.0","netmask":"255.255.255.0","doc_count":5,"is_ipv6":false,"prefix_length":24}]}}}',
    )
  })

  it('prints short IPv4 prefixes and IPv6 subnets, with sub-aggregations (450_ip_prefix.yml)', async () => {
    expect(
      await aggs({
        first: { ip_prefix: { field: 'ipv4', prefix_length: 13 } },
        second: { ip_prefix: { field: 'ipv4', prefix_length: 6, append_prefix_length: true } },
      }),
    ).toBe(
      '{"aggregations":{' +
        '"first":{"buckets":[{"key":"192.168.0.0","netmask":"255.248.0.0","doc_count":10,"is_ipv6":false,"prefix_length":13}]},' +
        '"second":{"buckets":[{"key":"192.0.0.0/6","netmask":"252.0.0.0","doc_count":10,"is_ipv6":false,"prefix_length":6}]}}}',
    )
    expect(
      await aggs({
        p: {
          ip_prefix: { field: 'ipv6', is_ipv6: true, prefix_length: 64 },
          aggs: { sum: { sum: { field: 'value' } } },
        },
      }),
    ).toBe(
      '{"aggregations":{"p":{"buckets":[' +
        '{"key":"2001:db8:a4f8:112a::","doc_count":5,"is_ipv6":true,"prefix_length":64,"sum":{"value":160.0}},' +
        '{"key":"2001:db8:a4f8:112c::","doc_count":5,"is_ipv6":true,"prefix_length":64,"sum":{"value":170.0}}]}}}',
    )
  })

  it('masks the low 32 bits of any address with an IPv4 prefix, and IPv4 addresses as 16 bytes with an IPv6 one', async () => {
    expect(await aggs({ p: { ip_prefix: { field: 'ip', is_ipv6: false, prefix_length: 16 } } })).toBe(
      '{"aggregations":{"p":{"buckets":[' +
        '{"key":"0.18.0.0","netmask":"255.255.0.0","doc_count":5,"is_ipv6":false,"prefix_length":16},' +
        '{"key":"192.168.0.0","netmask":"255.255.0.0","doc_count":5,"is_ipv6":false,"prefix_length":16}]}}}',
    )
    expect(
      await aggs({ p: { ip_prefix: { field: 'ip', is_ipv6: true, prefix_length: 64, keyed: true } } }),
    ).toBe(
      '{"aggregations":{"p":{"buckets":{' +
        '"::":{"doc_count":5,"is_ipv6":true,"prefix_length":64},' +
        '"2001:db8:a4f8:112a::":{"doc_count":2,"is_ipv6":true,"prefix_length":64},' +
        '"2001:db8:a4f8:112c::":{"doc_count":3,"is_ipv6":true,"prefix_length":64}}}}}',
    )
  })

  it('drops buckets under min_doc_count', async () => {
    expect(
      await aggs({ p: { ip_prefix: { field: 'ip', is_ipv6: true, prefix_length: 64, min_doc_count: 3 } } }),
    ).toBe(
      '{"aggregations":{"p":{"buckets":[' +
        '{"key":"::","doc_count":5,"is_ipv6":true,"prefix_length":64},' +
        '{"key":"2001:db8:a4f8:112c::","doc_count":3,"is_ipv6":true,"prefix_length":64}]}}}',
    )
  })

  it('refuses prefix lengths out of range and other field types', async () => {
    expect(await aggs({ p: { ip_prefix: { field: 'ipv4', prefix_length: 44 } } })).toContain(
      '"root_cause":[{"type":"illegal_argument_exception","reason":"[prefix_length] must be in range [0, 32] while value is [44]"}]',
    )
    expect(await aggs({ p: { ip_prefix: { field: 'ipv6', is_ipv6: true, prefix_length: 170 } } })).toContain(
      '"reason":"[prefix_length] must be in range [0, 128] while value is [170]"',
    )
    expect(await aggs({ p: { ip_prefix: { field: 'value', prefix_length: 8 } } })).toContain(
      '"reason":"Field [value] of type [long] is not supported for aggregation [ip_prefix]"',
    )
    expect(
      parseFailure('{"p":{"ip_prefix":{"field":"ip","prefix_length":-1,"is_ipv6":true}}}', {
        locations: true,
      }),
    ).toContain(
      '"type":"x_content_parse_exception","reason":"[1:49] [ip_prefix] failed to parse field [prefix_length]","caused_by":{"type":"illegal_argument_exception","reason":"[prefix_length] must be in range [0, 32] while value is [-1]"}',
    )
    expect(parseFailure('{"p":{"ip_prefix":{"field":"ip","min_doc_count":0}}}')).toContain(
      '"reason":"[min_doc_count] must be in range [1, 2147483647] while value is [0]"',
    )
    expect(parseFailure('{"p":{"ip_prefix":{"prefix_length":8}}}')).toContain(
      '"reason":"Required one of fields [field], but none were specified. "',
    )
  })
})

describe('InternalIpPrefix over the wire', () => {
  it('reads back its settings and buckets', () => {
    const settings = {
      keyed: false,
      minDocCount: 1,
      isIpv6: false,
      prefixLength: 8,
      appendPrefixLength: true,
    }
    const result = new InternalIpPrefix('p', null, settings, [{ key: '0a000000', docCount: 2, aggs: [] }])
    const wire = structuredClone(writeAggregations([result]))
    expect(wire).toEqual([
      {
        type: 'ip_prefix',
        name: 'p',
        meta: null,
        settings,
        buckets: [{ key: '0a000000', docCount: 2, aggs: [] }],
      },
    ])
    expect(toJson(aggregationsResponse(readAggregations(wire)))).toBe(
      '{"p":{"buckets":[{"key":"10.0.0.0/8","netmask":"255.0.0.0","doc_count":2,"is_ipv6":false,"prefix_length":8}]}}',
    )
  })
})
