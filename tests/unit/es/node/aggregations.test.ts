// Aggregations in _search through EsNode, with the response bodies of the Elasticsearch 8 reference's
// examples: the `sales` data set of the aggregation docs (terms, histogram, range, avg, stats,
// cardinality, date_histogram by calendar month, date_range with `now-10M/M`), the date_histogram
// time_zone (-01:00) and offset (+6h) examples, terms → avg sub-aggregations, size 0, and the error
// bodies (a text field: search_phase_execution_exception "all shards failed"; an unknown type).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from './es-node-fixture.ts'

const SALES: Array<[string, string, number, string]> = [
  ['2015/01/01 00:00:00', 'hat', 200, '0'],
  ['2015/01/01 00:00:00', 't-shirt', 200, '1'],
  ['2015/01/01 00:00:00', 'bag', 150, '2'],
  ['2015/02/01 00:00:00', 'hat', 50, '3'],
  ['2015/02/01 00:00:00', 't-shirt', 10, '4'],
  ['2015/03/01 00:00:00', 'hat', 200, '5'],
  ['2015/03/01 00:00:00', 't-shirt', 175, '6'],
]

async function sales(shards = 1, startTime?: number): Promise<TestNode> {
  const node = await startNode(startTime === undefined ? {} : { startTime })
  await node.send('PUT', '/sales', {
    settings: { number_of_shards: shards },
    mappings: {
      properties: {
        date: { type: 'date', format: 'yyyy/MM/dd HH:mm:ss' },
        type: { type: 'keyword' },
        price: { type: 'long' },
        note: { type: 'text' },
      },
    },
  })
  for (const [date, type, price, id] of SALES) {
    await node.send('PUT', `/sales/_doc/${id}`, { date, type, price, note: `a ${type}` })
  }
  await node.send('POST', '/sales/_refresh')
  return node
}

async function aggs(node: TestNode, index: string, body: object): Promise<string> {
  const response = await node.send('POST', `/${index}/_search?size=0`, body)
  expect(response.status).toBe(200)
  const text = response.body
  return text.slice(text.indexOf('"aggregations":') + '"aggregations":'.length, -1)
}

describe('aggregations over the sales data set', () => {
  it('size 0: hits.total counts, no hits, aggregations after hits', async () => {
    const node = await sales()
    const response = await node.send('POST', '/sales/_search', {
      size: 0,
      aggs: { avg_price: { avg: { field: 'price' } } },
    })
    expect(response.body).toBe(
      '{"took":0,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},' +
        '"hits":{"total":{"value":7,"relation":"eq"},"max_score":null,"hits":[]},' +
        '"aggregations":{"avg_price":{"value":140.71428571428572}}}',
    )
  })

  it('terms, with an avg sub-aggregation, over one and over three shards', async () => {
    for (const shards of [1, 3]) {
      const node = await sales(shards)
      expect(
        await aggs(node, 'sales', {
          aggs: { types: { terms: { field: 'type' }, aggs: { avg_price: { avg: { field: 'price' } } } } },
        }),
      ).toBe(
        '{"types":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
          '{"key":"hat","doc_count":3,"avg_price":{"value":150.0}},' +
          '{"key":"t-shirt","doc_count":3,"avg_price":{"value":128.33333333333334}},' +
          '{"key":"bag","doc_count":1,"avg_price":{"value":150.0}}]}}',
      )
    }
  })

  it('the query restricts the documents aggregated', async () => {
    const node = await sales(2)
    const response = await node.send('POST', '/sales/_search?size=0', {
      query: { term: { type: 'hat' } },
      aggs: { prices: { stats: { field: 'price' } } },
    })
    expect(response.body).toContain(
      '"aggregations":{"prices":{"count":3,"min":50.0,"max":200.0,"avg":150.0,"sum":450.0}}',
    )
  })

  it('histogram (interval 50) fills the empty bucket', async () => {
    const node = await sales()
    expect(
      await aggs(node, 'sales', { aggs: { prices: { histogram: { field: 'price', interval: 50 } } } }),
    ).toBe(
      '{"prices":{"buckets":[{"key":0.0,"doc_count":1},{"key":50.0,"doc_count":1},{"key":100.0,"doc_count":0},' +
        '{"key":150.0,"doc_count":2},{"key":200.0,"doc_count":3}]}}',
    )
  })

  it('range names its buckets from Double.toString of the ends', async () => {
    const node = await sales()
    expect(
      await aggs(node, 'sales', {
        aggs: {
          price_ranges: {
            range: { field: 'price', ranges: [{ to: 100.0 }, { from: 100.0, to: 200.0 }, { from: 200.0 }] },
          },
        },
      }),
    ).toBe(
      '{"price_ranges":{"buckets":[{"key":"*-100.0","to":100.0,"doc_count":2},' +
        '{"key":"100.0-200.0","from":100.0,"to":200.0,"doc_count":2},{"key":"200.0-*","from":200.0,"doc_count":3}]}}',
    )
  })

  it('cardinality and stats', async () => {
    const node = await sales()
    expect(await aggs(node, 'sales', { aggs: { type_count: { cardinality: { field: 'type' } } } })).toBe(
      '{"type_count":{"value":3}}',
    )
    expect(await aggs(node, 'sales', { aggs: { s: { stats: { field: 'price' } } } })).toBe(
      '{"s":{"count":7,"min":10.0,"max":200.0,"avg":140.71428571428572,"sum":985.0}}',
    )
  })

  it('date_histogram by calendar month prints keys in the field format, or in the request format', async () => {
    const node = await sales(2)
    expect(
      await aggs(node, 'sales', {
        aggs: { sales_over_time: { date_histogram: { field: 'date', calendar_interval: 'month' } } },
      }),
    ).toBe(
      '{"sales_over_time":{"buckets":[{"key_as_string":"2015/01/01 00:00:00","key":1420070400000,"doc_count":3},' +
        '{"key_as_string":"2015/02/01 00:00:00","key":1422748800000,"doc_count":2},' +
        '{"key_as_string":"2015/03/01 00:00:00","key":1425168000000,"doc_count":2}]}}',
    )
    expect(
      await aggs(node, 'sales', {
        aggs: {
          sales_over_time: {
            date_histogram: { field: 'date', calendar_interval: '1M', format: 'yyyy-MM-dd', keyed: true },
          },
        },
      }),
    ).toBe(
      '{"sales_over_time":{"buckets":{"2015-01-01":{"key_as_string":"2015-01-01","key":1420070400000,"doc_count":3},' +
        '"2015-02-01":{"key_as_string":"2015-02-01","key":1422748800000,"doc_count":2},' +
        '"2015-03-01":{"key_as_string":"2015-03-01","key":1425168000000,"doc_count":2}}}}',
    )
  })

  it('date_range with date math at the request time (the docs ran it in August 2016)', async () => {
    const node = await sales(1, Date.UTC(2016, 7, 15))
    expect(
      await aggs(node, 'sales', {
        aggs: {
          range: {
            date_range: {
              field: 'date',
              format: 'MM-yyyy',
              ranges: [{ to: 'now-10M/M' }, { from: 'now-10M/M' }],
            },
          },
        },
      }),
    ).toBe(
      '{"range":{"buckets":[{"key":"*-10-2015","to":1.4436576E12,"to_as_string":"10-2015","doc_count":7},' +
        '{"key":"10-2015-*","from":1.4436576E12,"from_as_string":"10-2015","doc_count":0}]}}',
    )
  })
})

describe('date_histogram time_zone and offset (the reference examples)', () => {
  async function twoDocs(first: string, second: string): Promise<TestNode> {
    const node = await startNode()
    await node.send('PUT', '/my-index-000001/_doc/1?refresh=true', { date: first })
    await node.send('PUT', '/my-index-000001/_doc/2?refresh=true', { date: second })
    return node
  }
  const byDay = (extra: object) => ({
    aggs: { by_day: { date_histogram: { field: 'date', calendar_interval: 'day', ...extra } } },
  })

  it('UTC puts both documents in one day; -01:00 splits them', async () => {
    const node = await twoDocs('2015-10-01T00:30:00Z', '2015-10-01T01:30:00Z')
    expect(await aggs(node, 'my-index-000001', byDay({}))).toBe(
      '{"by_day":{"buckets":[{"key_as_string":"2015-10-01T00:00:00.000Z","key":1443657600000,"doc_count":2}]}}',
    )
    expect(await aggs(node, 'my-index-000001', byDay({ time_zone: '-01:00' }))).toBe(
      '{"by_day":{"buckets":[{"key_as_string":"2015-09-30T00:00:00.000-01:00","key":1443574800000,"doc_count":1},' +
        '{"key_as_string":"2015-10-01T00:00:00.000-01:00","key":1443661200000,"doc_count":1}]}}',
    )
  })

  it('offset +6h starts the days at 06:00', async () => {
    const node = await twoDocs('2015-10-01T05:30:00Z', '2015-10-01T06:30:00Z')
    expect(await aggs(node, 'my-index-000001', byDay({ offset: '+6h' }))).toBe(
      '{"by_day":{"buckets":[{"key_as_string":"2015-09-30T06:00:00.000Z","key":1443592800000,"doc_count":1},' +
        '{"key_as_string":"2015-10-01T06:00:00.000Z","key":1443679200000,"doc_count":1}]}}',
    )
  })

  it('fixed_interval, extended_bounds as dates, min_doc_count and the removed `interval`', async () => {
    const node = await twoDocs('2015-10-01T05:30:00Z', '2015-10-01T06:30:00Z')
    expect(
      await aggs(node, 'my-index-000001', {
        aggs: {
          h: {
            date_histogram: {
              field: 'date',
              fixed_interval: '3h',
              // Bounds parse with the aggregation's `format`, as LongBounds does.
              extended_bounds: { min: '2015-10-01 00:00', max: 1443690000000 },
              format: 'yyyy-MM-dd HH:mm',
            },
          },
        },
      }),
    ).toBe(
      '{"h":{"buckets":[{"key_as_string":"2015-10-01 00:00","key":1443657600000,"doc_count":0},' +
        '{"key_as_string":"2015-10-01 03:00","key":1443668400000,"doc_count":1},' +
        '{"key_as_string":"2015-10-01 06:00","key":1443679200000,"doc_count":1},' +
        '{"key_as_string":"2015-10-01 09:00","key":1443690000000,"doc_count":0}]}}',
    )
    const removed = await node.send('POST', '/my-index-000001/_search', {
      aggs: { h: { date_histogram: { field: 'date', interval: 'day' } } },
    })
    expect(removed.status).toBe(400)
    expect(removed.body).toContain(
      '"reason":"[1:48] [date_histogram] unknown field [interval] did you mean [fixed_interval]?"',
    )
    const both = await node.send('POST', '/my-index-000001/_search', {
      aggs: { h: { date_histogram: { field: 'date', calendar_interval: 'day', fixed_interval: '1d' } } },
    })
    expect(both.body).toContain(
      '"caused_by":{"type":"illegal_argument_exception","reason":"Cannot use [fixed_interval] with [calendar_interval] configuration option."}',
    )
  })
})

describe('errors', () => {
  it('a text field fails every shard: search_phase_execution_exception, all shards failed', async () => {
    const node = await sales()
    const response = await node.send('POST', '/sales/_search', { aggs: { t: { terms: { field: 'note' } } } })
    const reason =
      'Fielddata is disabled on [note] in [sales]. Text fields are not optimised for operations that require ' +
      'per-document field data like aggregations and sorting, so these operations are disabled by default. Please ' +
      'use a keyword field instead. Alternatively, set fielddata=true on [note] in order to load field data by ' +
      'uninverting the inverted index. Note that this can use significant memory.'
    const cause = `{"type":"illegal_argument_exception","reason":"${reason}"}`
    expect(response.status).toBe(400)
    expect(response.body).toMatch(
      new RegExp(
        '^' +
          escape(
            `{"error":{"root_cause":[${cause}],"type":"search_phase_execution_exception","reason":"all shards failed",` +
              '"phase":"query","grouped":true,"failed_shards":[{"shard":0,"index":"sales","node":"',
          ) +
          '[^"]+' +
          escape(
            `","reason":${cause}}],"caused_by":{"type":"illegal_argument_exception","reason":"${reason}",` +
              `"caused_by":${cause}}},"status":400}`,
          ) +
          '$',
      ),
    )
  })

  it('an unknown aggregation type is a parsing_exception, even before the index is resolved', async () => {
    const node = await startNode()
    const response = await node.send('POST', '/missing/_search', { aggs: { a: { term: { field: 'x' } } } })
    expect(response.status).toBe(400)
    expect(response.body).toContain(
      '"type":"parsing_exception","reason":"Unknown aggregation type [term] did you mean [terms]?"',
    )
  })

  it('_count refuses aggregations', async () => {
    const node = await sales()
    const response = await node.send('POST', '/sales/_count', { aggs: { a: { avg: { field: 'price' } } } })
    expect(response.status).toBe(400)
    expect(response.body).toContain('"type":"parsing_exception","reason":"request does not support [aggs]"')
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
