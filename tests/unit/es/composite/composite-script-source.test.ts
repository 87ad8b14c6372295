// A composite source's `script` (ES 8.17: ValuesSourceConfig.resolve with a script and no field, read through
// ScriptBytesValues / ScriptLongValues / ScriptDoubleValues): terms keys are the values' String.valueOf unless a
// value_type makes them numbers or booleans, histogram keys are doubles, date_histogram keys epoch millis.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/sales', {
    mappings: {
      properties: {
        product: { type: 'keyword' },
        price: { type: 'double' },
        qty: { type: 'long' },
        sold: { type: 'date' },
        tags: { type: 'keyword' },
      },
    },
  })
  const docs = [
    { product: 'apple', price: 1.5, qty: 3, sold: '2024-01-01T10:00:00Z', tags: ['a', 'b'] },
    { product: 'pear', price: 2.25, qty: 1, sold: '2024-01-02T10:00:00Z', tags: ['b'] },
    { product: 'apple', price: 1.5, qty: 10, sold: '2024-01-03T10:00:00Z' },
  ]
  for (const [i, doc] of docs.entries()) await node.send('PUT', `/sales/_doc/${i + 1}`, doc)
  await node.send('POST', '/sales/_refresh')
})

async function composite(sources: object, extra: object = {}): Promise<{ status: number; body: string }> {
  return node.send('POST', '/sales/_search?filter_path=aggregations,error', {
    size: 0,
    aggs: { c: { composite: { sources, ...extra } } },
  })
}

describe('composite sources with a script', () => {
  it('terms: the values as terms, String.valueOf of numbers included', async () => {
    const upper = await composite([{ p: { terms: { script: "doc['product'].value.toUpperCase()" } } }])
    expect(upper.body).toBe(
      '{"aggregations":{"c":{"after_key":{"p":"PEAR"},"buckets":[{"key":{"p":"APPLE"},"doc_count":2},' +
        '{"key":{"p":"PEAR"},"doc_count":1}]}}}',
    )
    const prices = await composite([{ p: { terms: { script: "doc['price'].value" } } }])
    expect(prices.body).toBe(
      '{"aggregations":{"c":{"after_key":{"p":"2.25"},"buckets":[{"key":{"p":"1.5"},"doc_count":2},' +
        '{"key":{"p":"2.25"},"doc_count":1}]}}}',
    )
    const tags = await composite([{ t: { terms: { script: "doc['tags']" } } }])
    expect(tags.body).toBe(
      '{"aggregations":{"c":{"after_key":{"t":"b"},"buckets":[{"key":{"t":"a"},"doc_count":1},' +
        '{"key":{"t":"b"},"doc_count":2}]}}}',
    )
  })

  it('terms: value_type makes the keys longs, doubles or booleans; params and after work', async () => {
    const longs = await composite([
      {
        p: {
          terms: { script: { source: "doc['qty'].value * params.f", params: { f: 2 } }, value_type: 'long' },
        },
      },
    ])
    expect(longs.body).toBe(
      '{"aggregations":{"c":{"after_key":{"p":20},"buckets":[{"key":{"p":2},"doc_count":1},' +
        '{"key":{"p":6},"doc_count":1},{"key":{"p":20},"doc_count":1}]}}}',
    )
    const doubles = await composite([
      { p: { terms: { script: "doc['price'].value", value_type: 'double' } } },
    ])
    expect(doubles.body).toBe(
      '{"aggregations":{"c":{"after_key":{"p":2.25},"buckets":[{"key":{"p":1.5},"doc_count":2},' +
        '{"key":{"p":2.25},"doc_count":1}]}}}',
    )
    const booleans = await composite(
      [{ big: { terms: { script: "doc['qty'].value > 2", value_type: 'boolean' } } }],
      { size: 1, after: { big: false } },
    )
    expect(booleans.body).toBe(
      '{"aggregations":{"c":{"after_key":{"big":true},"buckets":[{"key":{"big":true},"doc_count":2}]}}}',
    )
  })

  it('histogram and date_histogram round the script values', async () => {
    const histogram = await composite([
      { revenue: { histogram: { script: "doc['price'].value * doc['qty'].value", interval: 5 } } },
    ])
    expect(histogram.body).toBe(
      '{"aggregations":{"c":{"after_key":{"revenue":15.0},"buckets":[{"key":{"revenue":0.0},"doc_count":2},' +
        '{"key":{"revenue":15.0},"doc_count":1}]}}}',
    )
    const days = await composite([
      {
        day: {
          date_histogram: { script: "doc['sold'].value", calendar_interval: 'day', format: 'yyyy-MM-dd' },
        },
      },
    ])
    expect(days.body).toBe(
      '{"aggregations":{"c":{"after_key":{"day":"2024-01-03"},"buckets":[{"key":{"day":"2024-01-01"},' +
        '"doc_count":1},{"key":{"day":"2024-01-02"},"doc_count":1},{"key":{"day":"2024-01-03"},"doc_count":1}]}}}',
    )
  })

  it('fails the shards on a value a numeric source cannot read and on a compile error', async () => {
    const text = await composite([{ p: { terms: { script: "doc['product'].value", value_type: 'long' } } }])
    expect(text.status).toBe(500)
    expect(text.body).toContain(
      '"root_cause":[{"type":"aggregation_execution_exception","reason":"Unsupported script value [apple], ' +
        'expected a number, date, or boolean"}],"type":"search_phase_execution_exception"',
    )
    const broken = await composite([{ p: { terms: { script: "doc['product'].value.foo(" } } }])
    expect(broken.status).toBe(400)
    expect(broken.body).toContain('"type":"script_exception","reason":"compile error"')
  })

  it('runs a script beside a field over its values as _value, and refuses a geotile_grid script', async () => {
    const value = await composite([{ p: { terms: { field: 'product', script: "_value + '!'" } } }])
    expect(value.body).toBe(
      '{"aggregations":{"c":{"after_key":{"p":"pear!"},"buckets":[{"key":{"p":"apple!"},"doc_count":2},' +
        '{"key":{"p":"pear!"},"doc_count":1}]}}}',
    )
    const tiles = await composite([{ g: { geotile_grid: { script: "doc['x'].value" } } }])
    expect(tiles.body).toContain('"reason":"[geotile_grid] [script] is not available in the playground"')
  })
})
