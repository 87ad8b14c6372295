// hard_bounds of histogram and date_histogram as ES 8.17 applies them: NumericHistogramAggregator keeps a value
// when DoubleBounds.contain(floor((v − offset) / interval) · interval) (both ends inclusive, the offset left out);
// DateHistogramAggregator keeps it when LongBounds.contain(rounded key), the bounds rounded by the rounding
// without its offset (LongBounds.round) and max exclusive. extended_bounds outside hard_bounds fail each shard
// with HistogramAggregationBuilder's / DateHistogramAggregationBuilder's "Extended bounds have to be inside hard
// bounds" (DateHistogramAggregatorTests.testIllegalInterval's neighbour testExtendedBoundsOutsideHardBounds).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function index(properties: object, docs: readonly object[]): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/test', { mappings: { properties } })
  for (const [i, doc] of docs.entries()) await node.send('PUT', `/test/_doc/${i + 1}`, doc)
  await node.send('POST', '/test/_refresh')
  return node
}

async function buckets(node: TestNode, aggs: object): Promise<string> {
  const response = await node.send('POST', '/test/_search?filter_path=aggregations', { size: 0, aggs })
  return response.body
}

describe('hard_bounds', () => {
  it('histogram: the bound holds floor((v - offset) / interval) * interval, both ends inclusive', async () => {
    const node = await index(
      { n: { type: 'double' } },
      [12, 17, 27, 33, 41].map((n) => ({ n })),
    )
    expect(
      await buckets(node, {
        h: { histogram: { field: 'n', interval: 10, hard_bounds: { min: 15, max: 30 } } },
      }),
    ).toBe('{"aggregations":{"h":{"buckets":[{"key":20.0,"doc_count":1},{"key":30.0,"doc_count":1}]}}}')
    // with offset 5: 17 is in bucket 15 whose index * interval is 10, below min; 27 and 33 in bucket 25 (20)
    expect(
      await buckets(node, {
        h: { histogram: { field: 'n', interval: 10, offset: 5, hard_bounds: { min: 15, max: 30 } } },
      }),
    ).toBe('{"aggregations":{"h":{"buckets":[{"key":25.0,"doc_count":2},{"key":35.0,"doc_count":1}]}}}')
  })

  it('date_histogram: the rounded key in [round(min), round(max)), the bounds rounded without the offset', async () => {
    const node = await index({ d: { type: 'date' } }, [
      { d: '2015-01-01T05:00:00Z' },
      { d: '2015-01-01T23:30:00Z' },
      { d: '2015-01-03T00:00:00Z' },
      { d: '2015-01-03T12:00:00Z' },
    ])
    const day = (hard: object, offset?: string) =>
      buckets(node, {
        d: {
          date_histogram: {
            field: 'd',
            calendar_interval: 'day',
            format: 'yyyy-MM-dd HH:mm',
            hard_bounds: hard,
            ...(offset ? { offset } : {}),
          },
        },
      })
    // min 12:00 rounds to the day: the 05:00 document stays; max 2015-01-03 is exclusive
    expect(await day({ min: '2015-01-01 12:00', max: '2015-01-03 00:00' })).toBe(
      '{"aggregations":{"d":{"buckets":[' +
        '{"key_as_string":"2015-01-01 00:00","key":1420070400000,"doc_count":2}]}}}',
    )
    // offset +6h: the 05:00 document's bucket 2014-12-31 06:00 is below min 2015-01-01 00:00
    expect(await day({ min: '2015-01-01 00:00', max: '2015-01-04 00:00' }, '+6h')).toBe(
      '{"aggregations":{"d":{"buckets":[' +
        '{"key_as_string":"2015-01-01 06:00","key":1420092000000,"doc_count":1},' +
        '{"key_as_string":"2015-01-02 06:00","key":1420178400000,"doc_count":1},' +
        '{"key_as_string":"2015-01-03 06:00","key":1420264800000,"doc_count":1}]}}}',
    )
  })

  it('extended_bounds outside hard_bounds fail the shards', async () => {
    const node = await index({ d: { type: 'date' }, n: { type: 'long' } }, [{ d: '2015-01-01', n: 1 }])
    const failure = (reason: string) =>
      `{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"${reason}"}],` +
      `"type":"search_phase_execution_exception","reason":"all shards failed","phase":"query","grouped":true,` +
      `"failed_shards":[{"shard":0,"index":"test","node":"`
    const date = await node.send('POST', '/test/_search', {
      size: 0,
      aggs: {
        d: {
          date_histogram: {
            field: 'd',
            calendar_interval: 'day',
            hard_bounds: { min: '2010-01-01', max: '2020-01-01' },
            extended_bounds: { min: '2009-01-01', max: 1577836800000 },
          },
        },
      },
    })
    expect(date.status).toBe(400)
    expect(date.body).toContain(
      failure(
        'Extended bounds have to be inside hard bounds, hard bounds: [2010-01-01--2020-01-01], extended bounds: [2009-01-01--1577836800000]',
      ),
    )
    const numeric = await node.send('POST', '/test/_search', {
      size: 0,
      aggs: {
        h: {
          histogram: {
            field: 'n',
            interval: 1,
            hard_bounds: { min: 0, max: 10 },
            extended_bounds: { min: 3, max: 20 },
          },
        },
      },
    })
    expect(numeric.status).toBe(400)
    expect(numeric.body).toContain(
      failure(
        'Extended bounds have to be inside hard bounds, hard bounds: [0.0--10.0], extended bounds: [3.0--20.0]',
      ),
    )
  })
})
