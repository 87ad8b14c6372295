// The range field types over REST, as ES 8.17's RangeFieldMapper, RangeFieldType and RangeType answer (YAML tests
// range/10_basic, the range field docs): mapping, document failures, the range query's relations, term, exists,
// query_string, the `fields` option, and the refusals of sorting and docvalue_fields (aggregations:
// range-aggregations.test.ts).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

/** The parts of a response body these tests read. */
interface Body {
  error: {
    type: string
    reason: string
    root_cause: Array<{ type: string; reason: string }>
    caused_by: unknown
    failed_shards: Array<{ reason: { index_uuid: string } }>
  }
  hits: { total: { value: number }; hits: Array<{ _id: string; fields: object }> }
  count: number
}

function parsed(response: { body: string }): Body {
  return JSON.parse(response.body) as Body
}

const TYPES = ['integer_range', 'long_range', 'float_range', 'double_range', 'date_range', 'ip_range']

/** The YAML setup: one field of each range type, named after it. */
async function rangeIndex(): Promise<TestNode> {
  const node = await startNode()
  const properties = Object.fromEntries(TYPES.map((type) => [type, { type }]))
  const created = await node.send('PUT', '/test', { mappings: { properties } })
  expect(created.status).toBe(200)
  return node
}

async function index(node: TestNode, docs: readonly object[]): Promise<void> {
  for (const [i, doc] of docs.entries()) {
    const response = await node.send('PUT', `/test/_doc/${i + 1}`, doc)
    expect(response.status).toBe(201)
  }
  await node.send('POST', '/test/_refresh')
}

async function ids(node: TestNode, query: object): Promise<string[]> {
  const response = await node.send('POST', '/test/_search', { query, sort: ['_doc'], _source: false })
  expect(response.status).toBe(200)
  return parsed(response).hits.hits.map((h) => h._id)
}

/** The YAML test's three documents and five queries for one type, as [bounds of docs, query bounds]. */
const BASIC: ReadonlyArray<readonly [string, readonly [unknown, unknown][], readonly [unknown, unknown]]> = [
  [
    'integer_range',
    [
      [1, 5],
      [1, 3],
      [4, 5],
    ],
    [3, 4],
  ],
  [
    'long_range',
    [
      [1, 5],
      [1, 3],
      [4, 5],
    ],
    [3, 4],
  ],
  [
    'float_range',
    [
      [1, 5],
      [1, 3],
      [4, 5],
    ],
    [3, 4],
  ],
  [
    'double_range',
    [
      [1, 5],
      [1, 3],
      [4, 5],
    ],
    [3, 4],
  ],
  [
    'ip_range',
    [
      ['192.168.0.1', '192.168.0.5'],
      ['192.168.0.1', '192.168.0.3'],
      ['192.168.0.4', '192.168.0.5'],
    ],
    ['192.168.0.3', '192.168.0.4'],
  ],
  [
    'date_range',
    [
      ['2017-09-01', '2017-09-05'],
      ['2017-09-01', '2017-09-03'],
      ['2017-09-04', '2017-09-05'],
    ],
    ['2017-09-03', '2017-09-04'],
  ],
]

describe('range fields', () => {
  it('prints the parameters given, format and locale for a date_range only', async () => {
    const node = await startNode()
    const created = await node.send('PUT', '/r', {
      mappings: {
        properties: {
          a: { type: 'long_range', coerce: false, index: true, doc_values: false, store: true },
          b: { type: 'date_range', format: 'yyyy-MM-dd', locale: 'en' },
          c: { type: 'ip_range', locale: 'en' },
        },
      },
    })
    expect(created.status).toBe(200)
    const mapping = await node.send('GET', '/r/_mapping')
    expect(mapping.body).toBe(
      '{"r":{"mappings":{"properties":{"a":{"type":"long_range","doc_values":false,"store":true,"coerce":false},' +
        '"b":{"type":"date_range","format":"yyyy-MM-dd","locale":"en"},"c":{"type":"ip_range"}}}}}',
    )
  })

  it('refuses a format on a range type other than date_range, and unknown parameters', async () => {
    const node = await startNode()
    const format = await node.send('PUT', '/r', {
      mappings: { properties: { a: { type: 'integer_range', format: 'yyyy' } } },
    })
    expect(format.status).toBe(400)
    expect(format.body).toBe(
      '{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"Failed to parse mapping: field [a] of ' +
        'type [range] should not define a dateTimeFormatter unless it is a DATE type"}],"type":' +
        '"mapper_parsing_exception","reason":"Failed to parse mapping: field [a] of type [range] should not define ' +
        'a dateTimeFormatter unless it is a DATE type","caused_by":{"type":"illegal_argument_exception","reason":' +
        '"field [a] of type [range] should not define a dateTimeFormatter unless it is a DATE type"}},"status":400}',
    )
    const unknown = await node.send('PUT', '/r', {
      mappings: { properties: { a: { type: 'ip_range', ignore_malformed: true } } },
    })
    expect(parsed(unknown).error.reason).toBe(
      'Failed to parse mapping: unknown parameter [ignore_malformed] on mapper [a] of type [ip_range]',
    )
  })

  it.each(BASIC)('%s: intersects, contains and within (YAML range/10_basic)', async (type, docs, query) => {
    const node = await rangeIndex()
    await index(
      node,
      docs.map(([gte, lte]) => ({ [type]: { gte, lte } })),
    )
    const [gte, lte] = query
    expect(await ids(node, { range: { [type]: { gte, lte } } })).toEqual(['1', '2', '3'])
    const text = `${type}:[${String(gte)} TO ${String(lte)}]`
    expect(await ids(node, { query_string: { query: text } })).toEqual(['1', '2', '3'])
    expect(await ids(node, { range: { [type]: { gte, lte, relation: 'intersects' } } })).toEqual([
      '1',
      '2',
      '3',
    ])
    expect(await ids(node, { range: { [type]: { gte, lte, relation: 'contains' } } })).toEqual(['1'])
    expect(await ids(node, { range: { [type]: { gte, lte, relation: 'WITHIN' } } })).toEqual([])
  })

  it('rounds date math at index and query time as DateFieldMapper does (YAML: rounding, edge cases)', async () => {
    const node = await rangeIndex()
    await index(node, [
      { date_range: { gte: '2019-12-14T12:00:00.000Z', lte: '2019-12-14T13:00:00.000Z' } },
      { date_range: { gte: '2019-12-15T12:00:00.000Z', lte: '2019-12-15T13:00:00.000Z' } },
      { date_range: { gte: '2019-12-16T12:00:00.000Z', lte: '2019-12-16T13:00:00.000Z' } },
    ])
    const within = (bound: object) => ids(node, { range: { date_range: { ...bound, relation: 'within' } } })
    expect(await within({ gt: '2019-12-15||/d' })).toEqual(['3'])
    expect(await within({ gte: '2019-12-15||/d' })).toEqual(['2', '3'])
    expect(await within({ lt: '2019-12-15||/d' })).toEqual(['1'])
    expect(await within({ lte: '2019-12-15||/d' })).toEqual(['1', '2'])

    await node.send('PUT', '/edges', {
      mappings: { properties: { d: { type: 'date_range', format: 'yyyy-MM-dd' } } },
    })
    const docs = [
      { gte: '1980-12-14', lte: '1980-12-17' },
      { gt: '1990-12-15', lt: '1990-12-18' },
      { gte: '1985-12-16||/M', lte: '1986-02-10||/M' },
      { gt: '1995-12-16||/M', lt: '1996-02-10||/M' },
    ]
    for (const [i, d] of docs.entries()) await node.send('PUT', `/edges/_doc/${i + 1}`, { d })
    await node.send('POST', '/edges/_refresh')
    for (const [i, d] of docs.entries()) {
      const response = await node.send('POST', '/edges/_search', {
        query: { range: { d: { ...d, relation: 'contains' } } },
        _source: false,
      })
      const hits = parsed(response).hits.hits
      expect(hits.map((h) => h._id)).toEqual([String(i + 1)])
    }
  })

  it('defaults missing and null bounds to the type limits, moved in when exclusive (YAML: null bounds)', async () => {
    const node = await rangeIndex()
    await index(node, [
      { integer_range: { gt: null, lte: 5 } },
      { integer_range: { gte: null, lte: 5 } },
      { integer_range: { lte: 5 } },
      { integer_range: { gte: 10, lt: null } },
      { integer_range: { gte: 10, lte: null } },
      { integer_range: { gte: 10 } },
    ])
    const term = (value: number) => ids(node, { term: { integer_range: { value } } })
    expect(await term(-2147483648)).toEqual(['2', '3'])
    expect(await term(-2147483647)).toEqual(['1', '2', '3'])
    expect(await term(2147483647)).toEqual(['5', '6'])
    expect(await term(2147483646)).toEqual(['4', '5', '6'])
    expect(await term(7)).toEqual([])
  })

  it('turns exclusive bounds inclusive: gt and lt of integers step by one, of floats by one ulp', async () => {
    const node = await rangeIndex()
    await index(node, [
      { integer_range: { gt: 1, lt: 3 }, float_range: { gt: 1, lt: 3 } },
      { integer_range: [{ gte: 10, lte: 20 }, null, { gte: 30, lte: 40 }] },
    ])
    expect(await ids(node, { term: { integer_range: 2 } })).toEqual(['1'])
    expect(await ids(node, { term: { integer_range: 1 } })).toEqual([])
    expect(await ids(node, { term: { integer_range: 3 } })).toEqual([])
    expect(await ids(node, { term: { integer_range: 35 } })).toEqual(['2'])
    expect(await ids(node, { term: { float_range: 1 } })).toEqual([])
    expect(await ids(node, { term: { float_range: 1.0000001 } })).toEqual(['1'])
    expect(await ids(node, { range: { float_range: { gt: 2.9999998 } } })).toEqual([])
    expect(await ids(node, { range: { float_range: { gte: 2.9999998 } } })).toEqual(['1'])
  })

  it('takes an ip_range as a CIDR block', async () => {
    const node = await rangeIndex()
    await index(node, [{ ip_range: '192.168.0.0/16' }, { ip_range: '2001:db8::/64' }])
    expect(await ids(node, { term: { ip_range: '192.168.255.255' } })).toEqual(['1'])
    expect(await ids(node, { term: { ip_range: '192.169.0.0' } })).toEqual([])
    expect(await ids(node, { term: { ip_range: '2001:db8::ffff:1' } })).toEqual(['2'])
    expect(
      await ids(node, {
        range: { ip_range: { gte: '192.168.1.0', lt: '192.168.2.0', relation: 'contains' } },
      }),
    ).toEqual(['1'])
  })

  it('exists matches the documents with a range; a null indexes nothing', async () => {
    const node = await rangeIndex()
    await index(node, [{ long_range: { gte: 1 } }, { long_range: null }, { ip_range: '10.0.0.0/8' }])
    expect(await ids(node, { exists: { field: 'long_range' } })).toEqual(['1'])
    expect(await ids(node, { exists: { field: 'ip_range' } })).toEqual(['3'])
    expect(await ids(node, { range: { long_range: {} } })).toEqual(['1'])
  })

  it('fails a document as RangeFieldMapper and Lucene refuse its range', async () => {
    const node = await rangeIndex()
    const put = async (doc: object) => (await node.send('PUT', '/test/_doc/1', doc)).body
    const failure = (at: string, type: string, preview: string, cause: string) =>
      `{"error":{"root_cause":[${cause.startsWith('{"type":"document_parsing') ? cause : `{"type":"document_parsing_exception","reason":"[${at}] failed to parse field [${type}] of type [${type}] in document with id '1'. Preview of field's value: '${preview}'"}`}],` +
      `"type":"document_parsing_exception","reason":"[${at}] failed to parse field [${type}] of type [${type}] in ` +
      `document with id '1'. Preview of field's value: '${preview}'","caused_by":${cause}},"status":400}`
    // Lucene's IntRange, at the object's closing brace, the parser past the value
    expect(await put({ integer_range: { gte: 5, lte: 1 } })).toBe(
      failure(
        '1:34',
        'integer_range',
        'null',
        '{"type":"illegal_argument_exception","reason":"min value (5) is greater than max value (1)"}',
      ),
    )
    expect(await put({ double_range: { gt: 2, lt: 2 } })).toBe(
      failure(
        '1:31',
        'double_range',
        'null',
        '{"type":"illegal_argument_exception","reason":"min value (2.0000000000000004) is greater than max value (1.9999999999999998)"}',
      ),
    )
    expect(await put({ ip_range: { gte: '10.0.0.9', lte: '10.0.0.1' } })).toBe(
      failure(
        '1:47',
        'ip_range',
        'null',
        '{"type":"illegal_argument_exception","reason":"min value cannot be greater than max value for InetAddressRange field"}',
      ),
    )
    expect(await put({ integer_range: { gte: 'x' } })).toBe(
      failure(
        '1:25',
        'integer_range',
        'x',
        '{"type":"number_format_exception","reason":"For input string: \\"x\\""}',
      ),
    )
    const unknown =
      '{"type":"document_parsing_exception","reason":"[1:34] error parsing field [integer_range], with unknown parameter [from]"}'
    expect(await put({ integer_range: { gte: 1, from: 1 } })).toBe(
      failure('1:34', 'integer_range', '1', unknown),
    )
    const scalar =
      '{"type":"document_parsing_exception","reason":"[1:18] error parsing field [integer_range], expected an object but got integer_range"}'
    expect(await put({ integer_range: 7 })).toBe(failure('1:18', 'integer_range', '7', scalar))
    // an array element has no name
    const element =
      '{"type":"document_parsing_exception","reason":"[1:29] error parsing field [integer_range], expected an object but got null"}'
    expect(await put({ integer_range: [{ gte: 1 }, 7] })).toBe(failure('1:29', 'integer_range', '7', element))
    expect(await put({ date_range: { gte: 'now-1d' } })).toBe(
      failure(
        '1:22',
        'date_range',
        'now-1d',
        '{"type":"illegal_argument_exception","reason":"now is not used at indexing time"}',
      ),
    )
    expect(await put({ ip_range: '10.0.0.0/33' })).toBe(
      failure(
        '1:13',
        'ip_range',
        '10.0.0.0/33',
        '{"type":"illegal_argument_exception","reason":"Illegal prefix length [33] in [10.0.0.0/33]. Must be 0-32 for IPv4 ranges, 0-128 for IPv6 ranges"}',
      ),
    )
    const count = await node.send('GET', '/test/_count')
    expect(parsed(count).count).toBe(0)
  })

  it('refuses a string bound without coerce, and takes an unchecked range when not indexed', async () => {
    const node = await startNode()
    await node.send('PUT', '/c', {
      mappings: {
        properties: { l: { type: 'long_range', coerce: false }, n: { type: 'double_range', index: false } },
      },
    })
    const refused = await node.send('PUT', '/c/_doc/1', { l: { gte: '1' } })
    expect(parsed(refused).error.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Long value passed as String',
    })
    expect((await node.send('PUT', '/c/_doc/1', { n: { gte: 5, lte: 1 } })).status).toBe(201)
    const search = await node.send('POST', '/c/_search', { query: { range: { n: { gte: 1 } } } })
    expect(parsed(search).error.root_cause[0]).toEqual({
      type: 'query_shard_exception',
      reason: 'failed to create query: Cannot search on field [n] since it is not indexed.',
      index_uuid: expect.any(String) as string,
      index: 'c',
    })
  })

  it('refuses reversed bounds and relations a range query does not take', async () => {
    const node = await rangeIndex()
    await index(node, [{ integer_range: { gte: 1, lte: 5 } }])
    const search = async (query: object) => parsed(await node.send('POST', '/test/_search', { query }))
    const reversed = await search({ range: { integer_range: { gte: 3, lt: 1 } } })
    expect(reversed.error.failed_shards[0]!.reason).toEqual({
      type: 'query_shard_exception',
      reason: 'failed to create query: Range query `from` value (3) is greater than `to` value (1)',
      index_uuid: reversed.error.failed_shards[0]!.reason.index_uuid,
      index: 'test',
      caused_by: {
        type: 'illegal_argument_exception',
        reason: 'Range query `from` value (3) is greater than `to` value (1)',
      },
    })
    // exclusive bounds that leave nothing match nothing
    expect(await ids(node, { range: { integer_range: { gt: 2, lt: 3 } } })).toEqual([])
    expect((await search({ range: { integer_range: { gte: 1, relation: 'disjoint' } } })).error).toEqual({
      root_cause: [
        { type: 'illegal_argument_exception', reason: '[range] query does not support relation [disjoint]' },
      ],
      type: 'illegal_argument_exception',
      reason: '[range] query does not support relation [disjoint]',
    })
    expect((await search({ range: { integer_range: { gte: 1, relation: 'near' } } })).error.reason).toBe(
      'near is not a valid relation',
    )
    const decimal = await search({ term: { integer_range: 1.5 } })
    expect(decimal.error.root_cause[0]!.reason).toBe('failed to create query: Value [1.5] has a decimal part')
  })

  it('queries a date_range with the query format, time_zone and the field format', async () => {
    const node = await startNode()
    await node.send('PUT', '/d', {
      mappings: { properties: { d: { type: 'date_range', format: 'yyyy-MM-dd' } } },
    })
    await node.send('PUT', '/d/_doc/1', { d: { gte: '2020-01-01', lt: '2020-01-03' } })
    await node.send('POST', '/d/_refresh')
    const hits = async (query: object) =>
      parsed(await node.send('POST', '/d/_search', { query })).hits.total.value
    // lt 2020-01-03 indexes up to 2020-01-02T23:59:59.999
    expect(await hits({ term: { d: '2020-01-02' } })).toBe(1)
    expect(await hits({ term: { d: '2020-01-03' } })).toBe(0)
    expect(await hits({ range: { d: { gte: '02/01/2020', lte: '02/01/2020', format: 'dd/MM/yyyy' } } })).toBe(
      1,
    )
    const late = { gte: '2020-01-02T23:00:00', format: "yyyy-MM-dd'T'HH:mm:ss" }
    expect(await hits({ range: { d: late } })).toBe(1)
    expect(await hits({ range: { d: { ...late, time_zone: '-02:00' } } })).toBe(0)
  })

  it('prints ranges in fields as their _source bounds, parsed and formatted', async () => {
    const node = await rangeIndex()
    await index(node, [
      {
        integer_range: { lte: 5, gte: 1.7 },
        float_range: { gt: 1 },
        double_range: [{ gte: '2', lt: 3 }, null],
        date_range: { gte: '2017-09-01', lte: 1504569600000 },
        ip_range: '2001:DB8:0:0::/64',
      },
      { ip_range: { lt: '::ffff:10.0.0.9', gte: '10.0.0.1' } },
    ])
    const response = await node.send('POST', '/test/_search', {
      fields: ['*_range', { field: 'date_range', format: 'yyyy/MM/dd' }],
      _source: false,
      sort: ['_doc'],
    })
    expect(parsed(response).hits.hits.map((h) => h.fields)).toEqual([
      {
        integer_range: [{ gte: 1, lte: 5 }],
        float_range: [{ gt: 1.0 }],
        double_range: [{ lt: 3.0, gte: 2.0 }],
        date_range: [{ gte: '2017/09/01', lte: '2017/09/05' }],
        ip_range: ['2001:db8::/64'],
      },
      { ip_range: [{ lt: '10.0.0.9', gte: '10.0.0.1' }] },
    ])
    // floats and doubles print as Java's
    expect(response.body).toContain('"float_range":[{"gt":1.0}]')
    expect(response.body).toContain('"double_range":[{"lt":3.0,"gte":2.0}]')
    const format = await node.send('POST', '/test/_search', {
      fields: [{ field: 'integer_range', format: 'x' }],
    })
    expect(parsed(format).error.root_cause[0]!.reason).toBe(
      "Field [integer_range] of type [integer_range] doesn't support formats.",
    )
  })

  it('refuses sorting and docvalue_fields over a range field as not available', async () => {
    const node = await rangeIndex()
    await index(node, [{ long_range: { gte: 1 } }])
    const reason =
      'sorting, docvalue_fields and scripts over the [long_range] field [long_range] are not ' +
      'available in the playground'
    for (const body of [{ sort: ['long_range'] }, { docvalue_fields: ['long_range'] }]) {
      const response = await node.send('POST', '/test/_search', body)
      expect(response.status).toBe(400)
      expect(parsed(response).error.root_cause[0]!.reason).toBe(reason)
    }
  })
})
