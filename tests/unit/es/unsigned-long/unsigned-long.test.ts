// unsigned_long over REST, as ES 8.17's UnsignedLongFieldMapper answers (x-pack mapper-unsigned-long, its YAML tests
// 10_basic.yml, 20_null_value.yml and 80_ignore_malformed.yml): its parameters, the values it accepts and the errors
// for the ones it refuses, term/terms/range queries, sorts, aggregations and the `fields` option.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const MAPPINGS = {
  settings: { number_of_shards: 1 },
  mappings: { properties: { ul: { type: 'unsigned_long', store: true } } },
}

/** The documents of 10_basic.yml but for the values a double cannot tell apart, plus 2^53. */
async function indexed(): Promise<TestNode> {
  const node = await startNode()
  expect((await node.send('PUT', '/t', MAPPINGS)).status).toBe(200)
  await node.send('PUT', '/t/_doc/1', '{"ul": 0}')
  await node.send('PUT', '/t/_doc/2', '{"ul": 9007199254740993}')
  await node.send('PUT', '/t/_doc/3', '{"ul": "42"}')
  await node.send('PUT', '/t/_doc/4?refresh', '{"ul": 18446744073709551615}')
  return node
}

interface Hit {
  _id: string
  sort?: unknown[]
  fields?: Record<string, unknown[]>
}

async function search(node: TestNode, body: object | string): Promise<{ raw: string; hits: Hit[] }> {
  const response = await node.send('POST', '/t/_search', body)
  expect(response.status).toBe(200)
  return { raw: response.body, hits: (JSON.parse(response.body) as { hits: { hits: Hit[] } }).hits.hits }
}

function errorOf(body: string): {
  type: string
  reason: string
  caused_by?: { type: string; reason: string }
} {
  return (JSON.parse(body) as { error: ReturnType<typeof errorOf> }).error
}

describe('unsigned_long mappings', () => {
  it('prints its parameters in the Builder order, null_value as the text it was given', async () => {
    const node = await startNode()
    const body =
      '{"mappings":{"properties":{"u":{"null_value":18446744073709551615,"meta":{"m":"x"},' +
      '"ignore_malformed":true,"store":"true","doc_values":false,"index":false,"type":"unsigned_long"}}}}'
    expect((await node.send('PUT', '/m', body)).status).toBe(200)
    const mapping = await node.send('GET', '/m/_mapping')
    expect(mapping.body).toBe(
      '{"m":{"mappings":{"properties":{"u":{"type":"unsigned_long","index":false,"doc_values":false,' +
        '"store":true,"ignore_malformed":true,"null_value":"18446744073709551615","meta":{"m":"x"}}}}}}',
    )
  })

  it('refuses a null_value that is not an unsigned long, and unknown or unmodelled parameters', async () => {
    const node = await startNode()
    const refused = async (field: object) =>
      errorOf((await node.send('PUT', '/m', { mappings: { properties: { u: field } } })).body)
    expect(await refused({ type: 'unsigned_long', null_value: -1 })).toMatchObject({
      type: 'mapper_parsing_exception',
      reason:
        'Failed to parse mapping: Error parsing [null_value] on field [u]: Value [-1] is out of range for unsigned long.',
    })
    expect((await refused({ type: 'unsigned_long', null_value: '1.5' })).reason).toBe(
      'Failed to parse mapping: Error parsing [null_value] on field [u]: Value "1.5" has a decimal part',
    )
    expect((await refused({ type: 'unsigned_long', coerce: true })).reason).toBe(
      'Failed to parse mapping: unknown parameter [coerce] on mapper [u] of type [unsigned_long]',
    )
    expect((await refused({ type: 'unsigned_long', time_series_metric: 'gauge' })).reason).toBe(
      '[time_series_metric] on a field of type [unsigned_long] is not available in the playground',
    )
  })
})

describe('unsigned_long documents', () => {
  it('refuses negative, too large, fractional and non-numeric values with their texts', async () => {
    const node = await startNode()
    expect((await node.send('PUT', '/t', MAPPINGS)).status).toBe(200)
    const cases: Array<[string, string, string]> = [
      ['-1', '-1', 'Value [-1] is out of range for unsigned long.'],
      [
        '18446744073709551616',
        '18446744073709551616',
        'Value [18446744073709551616] is out of range for unsigned long',
      ],
      ['1.5', '1.5', 'Value "1.5" has a decimal part'],
      ['"1.5"', '1.5', 'Value "1.5" has a decimal part'],
      ['"-3"', '-3', 'Value [-3] is out of range for unsigned long'],
      ['"abc"', 'abc', 'For input string: "abc"'],
      ['true', 'true', 'For input string: "true"'],
    ]
    for (const [value, preview, reason] of cases) {
      const response = await node.send('PUT', '/t/_doc/1', `{"ul": ${value}}`)
      expect(response.status).toBe(400)
      expect(errorOf(response.body)).toMatchObject({
        type: 'document_parsing_exception',
        reason:
          `[1:8] failed to parse field [ul] of type [unsigned_long] in document with id '1'. ` +
          `Preview of field's value: '${preview}'`,
        caused_by: { type: 'illegal_argument_exception', reason },
      })
    }
  })

  it('takes the null_value for null and "", and drops malformed values under ignore_malformed', async () => {
    const node = await startNode()
    const mappings = {
      properties: {
        ul: { type: 'unsigned_long', null_value: '+17' },
        lenient: { type: 'unsigned_long', ignore_malformed: true },
      },
    }
    expect((await node.send('PUT', '/n', { mappings })).status).toBe(200)
    await node.send('PUT', '/n/_doc/1', '{"ul": null, "lenient": -5}')
    await node.send('PUT', '/n/_doc/2?refresh', '{"ul": "", "lenient": "1e3"}')
    const response = await node.send('POST', '/n/_search', {
      query: { term: { ul: 17 } },
      fields: ['ul', 'lenient'],
      _source: false,
      sort: ['_doc'],
    })
    const hits = (JSON.parse(response.body) as { hits: { hits: Array<Record<string, unknown>> } }).hits.hits
    expect(hits.map((h) => [h._id, h._ignored, h.fields])).toEqual([
      ['1', ['lenient'], { ul: [17] }],
      ['2', undefined, { ul: [17], lenient: [1000] }],
    ])
  })
})

describe('unsigned_long searches', () => {
  it('matches term, terms and range queries (range bounds clipped to 0 and 2^64 - 1)', async () => {
    const node = await indexed()
    const ids = async (query: object | string) => {
      const body =
        typeof query === 'string' ? `{"query":${query},"sort":["_doc"]}` : { query, sort: ['_doc'] }
      return (await search(node, body)).hits.map((h) => h._id)
    }
    expect(await ids({ term: { ul: 0 } })).toEqual(['1'])
    expect(await ids('{"term":{"ul":18446744073709551615}}')).toEqual(['4'])
    expect(await ids({ term: { ul: -1 } })).toEqual([])
    expect(await ids({ term: { ul: 1.5 } })).toEqual([])
    expect(await ids({ terms: { ul: [0, '42'] } })).toEqual(['1', '3'])
    expect(await ids({ range: { ul: { gte: -10 } } })).toEqual(['1', '2', '3', '4'])
    expect(await ids({ range: { ul: { gte: 0.5, lt: 43 } } })).toEqual(['3'])
    expect(await ids({ range: { ul: { gt: 42 } } })).toEqual(['2', '4'])
    const refused = await node.send('POST', '/t/_search', { query: { term: { ul: 'abc' } } })
    expect(refused.status).toBe(400)
    const rootCause = (JSON.parse(refused.body) as { error: { root_cause: unknown[] } }).error.root_cause
    expect(rootCause[0]).toMatchObject({
      type: 'query_shard_exception',
      reason: 'failed to create query: For input string: "abc"',
    })
  })

  it('sorts printing values as numbers, 2^64 - 1 with all its digits, missing values as 0 and 2^64 - 1', async () => {
    const node = await indexed()
    await node.send('PUT', '/t/_doc/5?refresh', '{}')
    const asc = await search(node, { sort: [{ ul: 'asc' }], _source: false })
    expect(asc.hits.map((h) => h._id)).toEqual(['1', '3', '2', '4', '5'])
    expect(asc.raw).toContain('"sort":[18446744073709551615]}')
    expect(asc.hits.slice(0, 2).map((h) => h.sort)).toEqual([[0], [42]])
    const desc = await search(node, { sort: [{ ul: 'desc' }], _source: false })
    expect(desc.hits.map((h) => h._id)).toEqual(['4', '2', '3', '1', '5'])
    expect(desc.hits[4]!.sort).toEqual([0])
  })

  it('aggregates: terms keys as numbers, sum and avg as doubles', async () => {
    const node = await indexed()
    const response = await node.send('POST', '/t/_search', {
      size: 0,
      query: { range: { ul: { lte: 100 } } },
      aggs: {
        keys: { terms: { field: 'ul' } },
        total: { sum: { field: 'ul' } },
        mean: { avg: { field: 'ul' } },
      },
    })
    expect(response.body).toContain(
      '"aggregations":{"keys":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":' +
        '[{"key":0,"doc_count":1},{"key":42,"doc_count":1}]},"total":{"value":42.0},"mean":{"value":21.0}}',
    )
  })

  it('fetches the exact values with `fields`', async () => {
    const node = await indexed()
    const { raw } = await search(node, { fields: ['ul'], _source: false, sort: ['_doc'] })
    expect(raw).toContain('"fields":{"ul":[9007199254740993]}')
    expect(raw).toContain('"fields":{"ul":[18446744073709551615]}')
    expect(raw).toContain('"fields":{"ul":[42]}')
  })
})
