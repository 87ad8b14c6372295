// Aggregations reading a `script` instead of a `field` (ValuesSourceConfig.resolve with a script): terms, the
// numeric metrics, stats, cardinality, value_count and percentiles, each with its default values source type or
// the `value_type` hint; a value script (a script beside a field) and scripts on the other aggregations are refused.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function orders(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/orders', {
    mappings: {
      properties: { price: { type: 'double' }, qty: { type: 'integer' }, tag: { type: 'keyword' } },
    },
  })
  await node.send('PUT', '/orders/_doc/1', { price: 10.5, qty: 2, tag: 'a' })
  await node.send('PUT', '/orders/_doc/2', { price: 4, qty: 5, tag: 'b' })
  await node.send('PUT', '/orders/_doc/3', { price: 7.25, qty: 1, tag: 'a' })
  await node.send('POST', '/orders/_refresh')
  return node
}

async function aggs(node: TestNode, body: object): Promise<{ status: number; body: string }> {
  const response = await node.send('POST', '/orders/_search?filter_path=aggregations,error.root_cause', {
    size: 0,
    aggs: body,
  })
  return { status: response.status, body: response.body }
}

describe('aggregation scripts', () => {
  it('sums, averages and describes a script value per document', async () => {
    const node = await orders()
    const total = "doc['price'].value * doc['qty'].value"
    const response = await aggs(node, {
      revenue: { sum: { script: { source: total } } },
      mean: { avg: { script: total } },
      qty: { stats: { script: "doc['qty'].value" } },
      median: { percentiles: { script: "doc['price'].value", percents: [50] } },
    })
    expect(response.body).toBe(
      '{"aggregations":{"revenue":{"value":48.25},"mean":{"value":16.083333333333332},"qty":{"count":3,' +
        '"min":1.0,"max":5.0,"avg":2.6666666666666665,"sum":8.0},"median":{"values":{"50.0":7.25}}}}',
    )
  })

  it('reads terms, cardinality and value_count scripts as keywords unless value_type says otherwise', async () => {
    const node = await orders()
    const response = await aggs(node, {
      size: { terms: { script: "doc['qty'].value > 1 ? 'bulk' : 'single'" } },
      qty: { terms: { script: "doc['qty'].value", value_type: 'long' } },
      tags: { cardinality: { script: "doc['tag'].value" } },
      counted: { value_count: { script: "doc['tag'].value" } },
    })
    expect(response.body).toBe(
      '{"aggregations":{"size":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":"bulk","doc_count":2},{"key":"single","doc_count":1}]},"qty":{"doc_count_error_upper_bound":0,' +
        '"sum_other_doc_count":0,"buckets":[{"key":1,"doc_count":1},{"key":2,"doc_count":1},' +
        '{"key":5,"doc_count":1}]},"tags":{"value":2},"counted":{"value":3}}}',
    )
  })

  it('fails a numeric metric whose script gives text, as ScriptDoubleValues does', async () => {
    const node = await orders()
    const response = await aggs(node, { x: { avg: { script: "doc['tag'].value" } } })
    expect(response.status).toBe(500)
    expect(response.body).toBe(
      '{"error":{"root_cause":[{"type":"aggregation_execution_exception",' +
        '"reason":"Unsupported script value [a], expected a number, date, or boolean"}]}}',
    )
  })

  it("refuses a metric whose script's value_type it has no aggregator for, as ValuesSourceRegistry does", async () => {
    const node = await orders()
    const response = await aggs(node, { x: { avg: { script: "doc['tag'].value", value_type: 'string' } } })
    expect(response.status).toBe(400)
    expect(response.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception",' +
        '"reason":"Script yielding [string] is not supported for aggregation [avg]"}]}}',
    )
  })

  it('refuses a value script and a script where the playground reads only fields', async () => {
    const node = await orders()
    const valueScript = await aggs(node, { x: { avg: { field: 'price', script: '_value * 2' } } })
    expect(valueScript.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception",' +
        '"reason":"[avg] a [script] with a [field] is not available in the playground"}]}}',
    )
    const histogram = await aggs(node, { x: { histogram: { field: 'price', script: 'x', interval: 5 } } })
    expect(histogram.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception",' +
        '"reason":"[histogram] a [script] is not available in the playground"}]}}',
    )
  })
})
