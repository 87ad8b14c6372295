// Aggregations over the range field types, as ES 8.17 runs them over the RANGE values source: histogram
// (RangeHistogramAggregator) and date_histogram (DateRangeHistogramAggregator) count a document once in every bucket
// its ranges overlap (YAML search.aggregation/360_date_histogram "date_histogram on range with hard bounds");
// value_count, missing and cardinality read one value per document; the rest are refused by the registry.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

interface Body {
  error: { root_cause: Array<{ type: string; reason: string }> }
  aggregations: Record<string, unknown>
}

async function rangeIndex(
  properties: Record<string, object>,
  docs: readonly object[],
  shards = 1,
): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/test', {
    settings: { number_of_shards: shards },
    mappings: { properties },
  })
  expect(created.status).toBe(200)
  for (const [i, doc] of docs.entries()) {
    const response = await node.send('PUT', `/test/_doc/${i + 1}`, doc)
    expect(response.status).toBe(201)
  }
  await node.send('POST', '/test/_refresh')
  return node
}

async function aggregate(
  node: TestNode,
  aggs: object,
): Promise<{ status: number; body: Body; text: string }> {
  const response = await node.send('POST', '/test/_search', { size: 0, aggs })
  return { status: response.status, body: JSON.parse(response.body) as Body, text: response.body }
}

describe('aggregations over range fields', () => {
  it('date_histogram on a date_range with hard bounds (YAML 360_date_histogram)', async () => {
    const node = await rangeIndex(
      { range: { type: 'date_range' }, date: { type: 'date' } },
      [
        { range: { gte: '2016-01-01', lt: '2016-01-02' } },
        { range: { gte: '2016-01-02', lt: '2016-01-03' } },
        { range: { gte: '2016-02-01', lt: '2016-02-02' } },
        { range: { gte: '2016-03-01', lt: '2016-03-02' } },
        { range: { gte: '2016-04-01' } },
        { range: { lt: '2016-02-01' } },
        { date: ['2021-05-01', '2021-04-01', '2021-04-22'] },
      ],
      5,
    )
    const { status, body } = await aggregate(node, {
      histo: {
        date_histogram: {
          field: 'range',
          calendar_interval: 'month',
          hard_bounds: { min: '2015-06-01', max: '2016-06-01' },
        },
      },
    })
    expect(status).toBe(200)
    const months = [
      ...['06', '07', '08', '09', '10', '11', '12'].map((m) => [`2015-${m}`, 1] as const),
      ['2016-01', 3] as const,
      ...['02', '03', '04', '05', '06'].map((m) => [`2016-${m}`, 1] as const),
    ]
    expect(body.aggregations).toEqual({
      histo: {
        buckets: months.map(([month, count]) => ({
          key_as_string: `${month}-01T00:00:00.000Z`,
          key: Date.parse(`${month}-01T00:00:00Z`),
          doc_count: count,
        })),
      },
    })
  })

  it('histogram counts a document once per bucket its ranges overlap', async () => {
    const node = await rangeIndex({ r: { type: 'integer_range' } }, [
      { r: { gte: 1, lte: 5 } },
      {
        r: [
          { gte: 2, lte: 3 },
          { gte: 10, lte: 11 },
        ],
      },
      { r: { gte: 4, lt: 6 } },
      {
        r: [
          { gte: 1, lte: 20 },
          { gte: 5, lte: 6 },
        ],
      },
    ])
    const { status, text } = await aggregate(node, { h: { histogram: { field: 'r', interval: 3 } } })
    expect(status).toBe(200)
    const bucket = (key: string, count: number) => `{"key":${key},"doc_count":${count}}`
    expect(text).toContain(
      `"aggregations":{"h":{"buckets":[${[
        bucket('0.0', 3),
        bucket('3.0', 4),
        bucket('6.0', 1),
        bucket('9.0', 2),
        bucket('12.0', 1),
        bucket('15.0', 1),
        bucket('18.0', 1),
      ].join(',')}]}}`,
    )
    // each range is clamped to the hard bounds before rounding, so [10, 11] counts in the bucket of 9
    const bounded = await aggregate(node, {
      h: { histogram: { field: 'r', interval: 5, offset: 1, hard_bounds: { min: 4, max: 9 } } },
    })
    expect(bounded.text).toContain(
      `"aggregations":{"h":{"buckets":[${[bucket('1.0', 4), bucket('6.0', 2)].join(',')}]}}`,
    )
  })

  it('value_count, missing and cardinality read one value per document', async () => {
    const node = await rangeIndex({ r: { type: 'long_range' }, n: { type: 'long' } }, [
      { r: { gte: 1, lte: 5 } },
      {
        r: [
          { gte: 1, lte: 5 },
          { gte: 7, lte: 9 },
        ],
      },
      { r: { gt: 0, lt: 6 } },
      { n: 1 },
    ])
    const { status, body } = await aggregate(node, {
      count: { value_count: { field: 'r' } },
      none: { missing: { field: 'r' } },
      distinct: { cardinality: { field: 'r' } },
    })
    expect(status).toBe(200)
    expect(body.aggregations).toEqual({
      count: { value: 3 },
      none: { doc_count: 1 },
      distinct: { value: 2 },
    })
  })

  it('refuses the other aggregations, a missing value and a wrong range type as ES does', async () => {
    const node = await rangeIndex({ l: { type: 'long_range' }, ip: { type: 'ip_range' } }, [
      { l: { gte: 1, lte: 2 }, ip: '10.0.0.0/8' },
    ])
    const cases: ReadonlyArray<readonly [object, string]> = [
      [{ terms: { field: 'l' } }, 'Field [l] of type [long_range] is not supported for aggregation [terms]'],
      [{ avg: { field: 'l' } }, 'Field [l] of type [long_range] is not supported for aggregation [avg]'],
      [
        { terms: { field: 'l', missing: 1 } },
        "Can't apply missing values on a class org.elasticsearch.search.aggregations.support.ValuesSource$Range",
      ],
      [
        { date_histogram: { field: 'l', fixed_interval: '1d' } },
        'Expected date range type but found range type [long_range]',
      ],
      [
        { histogram: { field: 'ip', interval: 1 } },
        'Expected numeric range type but found non-numeric range [ip_range]',
      ],
    ]
    for (const [agg, reason] of cases) {
      const { status, body } = await aggregate(node, { a: agg })
      expect(status).toBe(400)
      expect(body.error.root_cause[0]).toMatchObject({ type: 'illegal_argument_exception', reason })
    }
  })

  it('fails a histogram over an open-ended range with too_many_buckets_exception', async () => {
    const node = await rangeIndex({ l: { type: 'long_range' } }, [{ l: { gte: 1 } }])
    const { status, text } = await aggregate(node, { a: { histogram: { field: 'l', interval: 2 } } })
    expect(status).toBe(400)
    expect(text).toContain('"type":"too_many_buckets_exception"')
  })
})
