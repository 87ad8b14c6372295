// The `ip` field type over REST, as ES 8.17's IpFieldMapper, IpFieldType and ip_range answer (YAML tests
// search.aggregation/42_ip_range, the ip field docs): mapping, document failures, queries, sort, aggregations, fields.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function weblogs(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/weblogs', {
    mappings: {
      properties: {
        ip: { type: 'ip' },
        proxy: { type: 'ip', null_value: '0.0.0.0', ignore_malformed: true, index: true, store: false },
      },
    },
  })
  const docs = [
    { ip: '::1' },
    { ip: '192.168.0.1', proxy: null },
    { ip: '192.168.0.7', proxy: 'x' },
    { ip: '::ffff:10.0.0.1' },
  ]
  for (const [i, doc] of docs.entries()) await node.send('PUT', `/weblogs/_doc/${i + 1}`, doc)
  await node.send('POST', '/weblogs/_refresh')
  return node
}

async function search(node: TestNode, body: object): Promise<unknown> {
  const response = await node.send('POST', '/weblogs/_search', body)
  expect(response.status).toBe(200)
  return JSON.parse(response.body) as unknown
}

async function ids(node: TestNode, query: object): Promise<string[]> {
  const result = (await search(node, { query, sort: ['_doc'], _source: false })) as {
    hits: { hits: Array<{ _id: string }> }
  }
  return result.hits.hits.map((h) => h._id)
}

describe('ip fields', () => {
  it('prints only the parameters given with other than their default', async () => {
    const node = await weblogs()
    const response = await node.send('GET', '/weblogs/_mapping')
    expect(response.body).toBe(
      '{"weblogs":{"mappings":{"properties":{"ip":{"type":"ip"},' +
        '"proxy":{"type":"ip","ignore_malformed":true,"null_value":"0.0.0.0"}}}}}',
    )
  })

  it('refuses bad mappings with ES errors', async () => {
    const node = await startNode()
    const nullValue = await node.send('PUT', '/a', {
      mappings: { properties: { f: { type: 'ip', null_value: 'x' } } },
    })
    expect(nullValue.status).toBe(400)
    expect(nullValue.body).toBe(
      '{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"Error parsing [null_value] on field [f]: ' +
        '\'x\' is not an IP string literal."}],"type":"mapper_parsing_exception","reason":"Failed to parse ' +
        'mapping: Error parsing [null_value] on field [f]: \'x\' is not an IP string literal.","caused_by":{"type":' +
        '"mapper_parsing_exception","reason":"Error parsing [null_value] on field [f]: \'x\' is not an IP string ' +
        'literal.","caused_by":{"type":"illegal_argument_exception","reason":"\'x\' is not an IP string literal."}}},' +
        '"status":400}',
    )
    const unknown = await node.send('PUT', '/a', {
      mappings: { properties: { f: { type: 'ip', boost: 2 } } },
    })
    expect(unknown.body).toBe(
      '{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"unknown parameter [boost] on mapper [f] ' +
        'of type [ip]"}],"type":"mapper_parsing_exception","reason":"Failed to parse mapping: unknown parameter ' +
        '[boost] on mapper [f] of type [ip]","caused_by":{"type":"mapper_parsing_exception","reason":"unknown ' +
        'parameter [boost] on mapper [f] of type [ip]"}},"status":400}',
    )
  })

  it('fails a malformed address, drops it with ignore_malformed, and indexes null_value for null', async () => {
    const node = await weblogs()
    const bad = await node.send('PUT', '/weblogs/_doc/9', { ip: '1.2.3' })
    expect(bad.status).toBe(400)
    expect(bad.body).toBe(
      '{"error":{"root_cause":[{"type":"document_parsing_exception","reason":"[1:7] failed to parse field [ip] of ' +
        "type [ip] in document with id '9'. Preview of field's value: '1.2.3'\"}],\"type\":" +
        '"document_parsing_exception","reason":"[1:7] failed to parse field [ip] of type [ip] in document with id ' +
        '\'9\'. Preview of field\'s value: \'1.2.3\'","caused_by":{"type":"illegal_argument_exception","reason":' +
        '"\'1.2.3\' is not an IP string literal."}},"status":400}',
    )
    expect(await ids(node, { exists: { field: 'proxy' } })).toEqual(['2'])
    const ignored = await node.send('POST', '/weblogs/_search', {
      query: { ids: { values: ['3'] } },
      _source: false,
    })
    expect(ignored.body).toContain('"_id":"3","_score":1.0,"_ignored":["proxy"]}')
    const fields = await node.send('POST', '/weblogs/_search', {
      query: { ids: { values: ['3'] } },
      _source: false,
      fields: ['proxy'],
    })
    expect(fields.body).toContain('"_ignored":["proxy"],"ignored_field_values":{"proxy":["x"]}}')
    expect(await ids(node, { term: { proxy: '0.0.0.0' } })).toEqual(['2'])
  })

  it('term takes an address or a CIDR block; range compares addresses', async () => {
    const node = await weblogs()
    expect(await ids(node, { term: { ip: '192.168.0.1' } })).toEqual(['2'])
    expect(await ids(node, { term: { ip: '10.0.0.1' } })).toEqual(['4'])
    expect(await ids(node, { term: { ip: '192.168.0.0/16' } })).toEqual(['2', '3'])
    expect(await ids(node, { terms: { ip: ['::1', '10.0.0.0/8'] } })).toEqual(['1', '4'])
    expect(await ids(node, { range: { ip: { gt: '10.0.0.1', lte: '192.168.0.7' } } })).toEqual(['2', '3'])
    expect(await ids(node, { range: { ip: { lt: '::1' } } })).toEqual([])
    expect(await ids(node, { query_string: { query: 'ip:192.168.0.0\\/24' } })).toEqual(['2', '3'])
    expect(await ids(node, { query_string: { query: 'ip:"::1"' } })).toEqual(['1'])
    const bad = await node.send('POST', '/weblogs/_search', { query: { term: { ip: '10.0.0.0/40' } } })
    expect(bad.status).toBe(400)
    expect(bad.body).toContain(
      '"reason":{"type":"query_shard_exception","reason":"failed to create query: Illegal prefix length [40] in ' +
        '[10.0.0.0/40]. Must be 0-32 for IPv4 ranges, 0-128 for IPv6 ranges","index_uuid":',
    )
    const prefix = await node.send('POST', '/weblogs/_search', { query: { prefix: { ip: '192' } } })
    expect(prefix.status).toBe(400)
  })

  it('sorts by address and prints addresses in sort values, fields and docvalue_fields', async () => {
    const node = await weblogs()
    const result = await search(node, {
      sort: [{ ip: 'desc' }],
      _source: false,
      fields: ['ip'],
      docvalue_fields: ['proxy'],
      size: 2,
    })
    expect(result).toMatchObject({
      hits: {
        hits: [
          { _id: '3', sort: ['192.168.0.7'], fields: { ip: ['192.168.0.7'] } },
          { _id: '2', sort: ['192.168.0.1'], fields: { ip: ['192.168.0.1'], proxy: ['0.0.0.0'] } },
        ],
      },
    })
    const after = (await search(node, { sort: [{ ip: 'asc' }], search_after: ['::1'], _source: false })) as {
      hits: { hits: Array<{ _id: string }> }
    }
    expect(after.hits.hits.map((h) => h._id)).toEqual(['4', '2', '3'])
  })

  it('terms, ip_range, cardinality and missing aggregations', async () => {
    const node = await weblogs()
    const result = (await search(node, {
      size: 0,
      aggs: {
        ips: { terms: { field: 'ip' } },
        ranges: {
          ip_range: {
            field: 'ip',
            ranges: [
              { from: '192.169.0.0' },
              { to: '192.168.0.0' },
              { from: '192.168.0.0', to: '192.169.0.0' },
            ],
          },
        },
        masks: {
          ip_range: {
            field: 'ip',
            keyed: true,
            ranges: [{ mask: '::/24' }, { mask: '192.168.0.0/16', key: 'lan' }],
          },
        },
        distinct: { cardinality: { field: 'ip' } },
        no_proxy: { missing: { field: 'proxy' } },
      },
    })) as { aggregations: unknown }
    expect(result.aggregations).toEqual({
      ips: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [
          { key: '::1', doc_count: 1 },
          { key: '10.0.0.1', doc_count: 1 },
          { key: '192.168.0.1', doc_count: 1 },
          { key: '192.168.0.7', doc_count: 1 },
        ],
      },
      ranges: {
        buckets: [
          { key: '*-192.168.0.0', to: '192.168.0.0', doc_count: 2 },
          { key: '192.168.0.0-192.169.0.0', from: '192.168.0.0', to: '192.169.0.0', doc_count: 2 },
          { key: '192.169.0.0-*', from: '192.169.0.0', doc_count: 0 },
        ],
      },
      masks: {
        buckets: {
          '::/24': { to: '0:100::', doc_count: 4 },
          lan: { from: '192.168.0.0', to: '192.169.0.0', doc_count: 2 },
        },
      },
      distinct: { value: 4 },
      no_proxy: { doc_count: 3 },
    })
    const min = await node.send('POST', '/weblogs/_search', {
      size: 0,
      aggs: { m: { min: { field: 'ip' } } },
    })
    expect(min.body).toContain('"reason":"Field [ip] of type [ip] is not supported for aggregation [min]"')
  })

  it('keeps dynamic strings as text and keyword, and lets a dynamic template map an ip', async () => {
    const node = await startNode()
    await node.send('PUT', '/d', {
      mappings: { dynamic_templates: [{ ips: { match: '*_ip', mapping: { type: 'ip' } } }] },
    })
    await node.send('PUT', '/d/_doc/1?refresh=true', { client_ip: '::ffff:1.2.3.4', host: '1.2.3.4' })
    const mapping = await node.send('GET', '/d/_mapping')
    expect(mapping.body).toContain('"client_ip":{"type":"ip"}')
    expect(mapping.body).toContain(
      '"host":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}}',
    )
  })
})

describe('ip fields in scripts and value_count', () => {
  it("doc['ip'].value is the address's text; value_count counts addresses", async () => {
    const node = await weblogs()
    const result = await search(node, {
      query: { term: { ip: '10.0.0.1' } },
      _source: false,
      script_fields: { client: { script: { source: "doc['ip'].value" } } },
      aggs: { n: { value_count: { field: 'ip' } } },
    })
    expect(result).toMatchObject({
      hits: { hits: [{ _id: '4', fields: { client: ['10.0.0.1'] } }] },
      aggregations: { n: { value: 1 } },
    })
  })
})

describe('ip fields: include lists and mapping updates', () => {
  it('a terms include list names addresses', async () => {
    const node = await weblogs()
    const result = await search(node, {
      size: 0,
      aggs: { ips: { terms: { field: 'ip', include: ['10.0.0.1', '::1'] } } },
    })
    expect(result).toMatchObject({
      aggregations: {
        ips: {
          buckets: [
            { key: '::1', doc_count: 1 },
            { key: '10.0.0.1', doc_count: 1 },
          ],
        },
      },
    })
  })

  it('terms counts the buckets dropped by shard_min_doc_count in sum_other_doc_count', async () => {
    const node = await weblogs()
    await node.send('PUT', '/weblogs/_doc/5?refresh=true', { ip: '::1' })
    const response = await node.send('POST', '/weblogs/_search?filter_path=aggregations', {
      size: 0,
      aggs: { ips: { terms: { field: 'ip', min_doc_count: 2, shard_min_doc_count: 2 } } },
    })
    expect(response.body).toBe(
      '{"aggregations":{"ips":{"doc_count_error_upper_bound":0,"sum_other_doc_count":3,' +
        '"buckets":[{"key":"::1","doc_count":2}]}}}',
    )
  })

  it('ignore_malformed may change, null_value may not', async () => {
    const node = await weblogs()
    const nullValue = await node.send('PUT', '/weblogs/_mapping', {
      properties: { ip: { type: 'ip', null_value: '1.1.1.1' } },
    })
    expect(nullValue.status).toBe(400)
    expect(nullValue.body).toContain(
      '"reason":"Mapper for [ip] conflicts with existing mapper:\\n\\tCannot update parameter [null_value] from ' +
        '[null] to [1.1.1.1]"',
    )
    const malformed = await node.send('PUT', '/weblogs/_mapping', {
      properties: { ip: { type: 'ip', ignore_malformed: true } },
    })
    expect(malformed.status).toBe(200)
    expect((await node.send('GET', '/weblogs/_mapping/field/ip')).body).toContain(
      '"mapping":{"ip":{"type":"ip","ignore_malformed":true}}',
    )
  })
})
