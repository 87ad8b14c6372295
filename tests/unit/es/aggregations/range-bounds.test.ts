// `range` ends as ES 8.17's RangeAggregationBuilder.innerBuild resolves them (search.aggregation/40_range): a text
// end is parsed by the values source's format (DocValueFormat.parseDouble: a date field's dates), and each end is
// reduced to the field's stored precision for matching (NumberFieldType.reduceToStoredPrecision: float, half_float)
// while the response keeps the ends as sent (Range.originalFrom/originalTo). Also the strict_date_time format a
// date field may be mapped with (DateFormatters.STRICT_DATE_TIME).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function index(properties: object, docs: readonly object[]): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/test', { mappings: { properties } })
  expect(created.status).toBe(200)
  for (const [i, doc] of docs.entries()) await node.send('PUT', `/test/_doc/${i + 1}`, doc)
  await node.send('POST', '/test/_refresh')
  return node
}

async function aggs(node: TestNode, body: object): Promise<string> {
  const response = await node.send('POST', '/test/_search?filter_path=aggregations', { size: 0, aggs: body })
  return response.body
}

describe('range ends', () => {
  it('match a float field at float precision, the response keeping the ends as sent', async () => {
    const node = await index(
      { f: { type: 'float' } },
      [0.01, 0.03, 0.04].map((f) => ({ f })),
    )
    // 0.04 indexes as 0.03999999910593033: below the double 0.04, but not below the float end
    expect(
      await aggs(node, { r: { range: { field: 'f', ranges: [{ from: 0, to: 0.04 }, { from: 0.04 }] } } }),
    ).toBe(
      '{"aggregations":{"r":{"buckets":[' +
        '{"key":"0.0-0.04","from":0.0,"to":0.04,"doc_count":2},{"key":"0.04-*","from":0.04,"doc_count":1}]}}}',
    )
  })

  it('match a half_float field at half precision', async () => {
    const node = await index(
      { h: { type: 'half_float' } },
      [0.01, 0.0152, 0.04].map((h) => ({ h })),
    )
    expect(
      await aggs(node, { r: { range: { field: 'h', ranges: [{ to: 0.0152 }, { from: 0.0152, to: 1 }] } } }),
    ).toBe(
      '{"aggregations":{"r":{"buckets":[' +
        '{"key":"*-0.0152","to":0.0152,"doc_count":1},{"key":"0.0152-1.0","from":0.0152,"to":1.0,"doc_count":2}]}}}',
    )
  })

  it('parse text ends on a date field mapped strict_date_time||strict_date', async () => {
    const node = await index({ d: { type: 'date', format: 'strict_date_time||strict_date' } }, [
      { d: '2021-05-01T07:10:00Z' },
      { d: '2021-05-04T09:05:00.5+0200' },
      { d: '2021-05-06' },
    ])
    expect(
      await aggs(node, {
        r: { range: { field: 'd', ranges: [{ from: '2021-05-01T00:00:00Z', to: '2021-05-05' }] } },
      }),
    ).toBe(
      '{"aggregations":{"r":{"buckets":[{"key":"2021-05-01T00:00:00.000Z-2021-05-05T00:00:00.000Z",' +
        '"from":1.6198272E12,"from_as_string":"2021-05-01T00:00:00.000Z",' +
        '"to":1.6201728E12,"to_as_string":"2021-05-05T00:00:00.000Z","doc_count":2}]}}}',
    )
  })
})
