// Aggregations reading a `script` instead of a `field` (ValuesSourceConfig.resolve with a script): terms, the
// numeric metrics, stats, cardinality, value_count, percentiles, histogram, date_histogram, range, date_range and
// missing, each with its default values source type or the `value_type` hint; and value scripts (a script beside a
// field, reading each value as `_value`) on all of them and on composite sources. Scripts on the geo aggregations
// stay refused.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { filterJson } from '../filter-json.ts'

async function orders(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/orders', {
    mappings: {
      properties: {
        price: { type: 'double' },
        qty: { type: 'integer' },
        tag: { type: 'keyword' },
        day: { type: 'date' },
        spot: { type: 'geo_point' },
      },
    },
  })
  await node.send('PUT', '/orders/_doc/1', { price: 10.5, qty: 2, tag: 'a', day: '2024-01-03' })
  await node.send('PUT', '/orders/_doc/2', { price: 4, qty: 5, tag: 'b', day: '2024-02-10' })
  await node.send('PUT', '/orders/_doc/3', { price: 7.25, qty: 1, tag: 'a', day: '2024-02-20' })
  await node.send('POST', '/orders/_refresh')
  return node
}

async function aggs(node: TestNode, body: object): Promise<{ status: number; body: string }> {
  const response = await node.send('POST', '/orders/_search?filter_path=aggregations,error.root_cause', {
    size: 0,
    aggs: body,
  })
  return { status: response.status, body: filterJson(response.body, 'aggregations,error.root_cause') }
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

  it('runs a value script over each of the field values as _value, as the field type reads them', async () => {
    const node = await orders()
    const response = await aggs(node, {
      doubled: { avg: { field: 'price', script: '_value * 2' } },
      qty: { stats: { field: 'qty', script: { source: '_value + params.d', params: { d: 1 } } } },
      tags: { terms: { field: 'tag', script: '_value.toUpperCase()' } },
      // Numeric.WithScript is floating point: an integer field's terms become doubles
      tens: { terms: { field: 'qty', script: '_value * 10' } },
      labels: { cardinality: { field: 'tag', script: "_value + 'x'" } },
      counted: { value_count: { field: 'qty', script: '_value' } },
      half: { percentiles: { field: 'price', script: '_value / 2', percents: [50] } },
      unmapped: { sum: { field: 'nope', script: '_value * 2' } },
    })
    expect(response.body).toBe(
      '{"aggregations":{"doubled":{"value":14.5},"qty":{"count":3,"min":2.0,"max":6.0,"avg":3.6666666666666665,' +
        '"sum":11.0},"tags":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":"A","doc_count":2},{"key":"B","doc_count":1}]},"tens":{"doc_count_error_upper_bound":0,' +
        '"sum_other_doc_count":0,"buckets":[{"key":10.0,"doc_count":1},{"key":20.0,"doc_count":1},' +
        '{"key":50.0,"doc_count":1}]},"labels":{"value":2},"counted":{"value":3},' +
        '"half":{"values":{"50.0":3.625}},"unmapped":{"value":0.0}}}',
    )
  })

  it('reads a value script as the value_type hint says, a numeric one only over a numeric field', async () => {
    const node = await orders()
    const text = await aggs(node, {
      x: { terms: { field: 'price', script: "_value + 'x'", value_type: 'string' } },
    })
    expect(text.body).toBe(
      '{"aggregations":{"x":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":"10.5x","doc_count":1},{"key":"4.0x","doc_count":1},{"key":"7.25x","doc_count":1}]}}}',
    )
    const numeric = await aggs(node, { x: { terms: { field: 'tag', script: '_value', value_type: 'long' } } })
    expect(numeric.status).toBe(400)
    expect(numeric.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception",' +
        '"reason":"Expected numeric type on field [tag], but got [keyword]"}]}}',
    )
    const keyword = await aggs(node, { x: { avg: { field: 'tag', script: '_value' } } })
    expect(keyword.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception",' +
        '"reason":"Field [tag] of type [keyword] is not supported for aggregation [avg]"}]}}',
    )
  })

  it('fails a numeric value script that gives no Number as AggregationScript.runAsDouble does', async () => {
    const node = await orders()
    const text = await aggs(node, { x: { sum: { field: 'price', script: "'x'" } } })
    expect(text.status).toBe(500)
    expect(text.body).toBe(
      '{"error":{"root_cause":[{"type":"class_cast_exception","reason":"class java.lang.String cannot be cast to ' +
        "class java.lang.Number (java.lang.String and java.lang.Number are in module java.base of loader 'bootstrap')" +
        '"}]}}',
    )
  })

  it('buckets histogram and range by a script or a value script', async () => {
    const node = await orders()
    const response = await aggs(node, {
      h: { histogram: { field: 'price', script: '_value * 2', interval: 10 } },
      h2: { histogram: { script: "doc['qty'].value", interval: 2 } },
      r: { range: { script: "doc['price'].value * doc['qty'].value", ranges: [{ to: 10 }, { from: 10 }] } },
      r2: { range: { field: 'qty', script: '_value * 3', ranges: [{ to: 5 }, { from: 5 }] } },
      m: { missing: { script: "doc['qty'].value > 1 ? 'x' : null" } },
    })
    expect(response.body).toBe(
      '{"aggregations":{"h":{"buckets":[{"key":0.0,"doc_count":1},{"key":10.0,"doc_count":1},' +
        '{"key":20.0,"doc_count":1}]},"h2":{"buckets":[{"key":0.0,"doc_count":1},{"key":2.0,"doc_count":1},' +
        '{"key":4.0,"doc_count":1}]},"r":{"buckets":[{"key":"*-10.0","to":10.0,"doc_count":1},' +
        '{"key":"10.0-*","from":10.0,"doc_count":2}]},"r2":{"buckets":[{"key":"*-5.0","to":5.0,"doc_count":1},' +
        '{"key":"5.0-*","from":5.0,"doc_count":2}]},"m":{"doc_count":1}}}',
    )
  })

  it('reads date_histogram and date_range scripts as dates, a value script with _value as epoch millis', async () => {
    const node = await orders()
    const month = 86400000
    const response = await aggs(node, {
      d: { date_histogram: { script: "doc['day'].value", calendar_interval: 'month' } },
      d2: { date_histogram: { field: 'day', script: `_value + ${month}L * 30`, calendar_interval: 'month' } },
      dr: { date_range: { field: 'day', script: `_value - ${month}L * 40`, ranges: [{ to: '2024-01-01' }] } },
      // a date read by a value script is a double: DoubleTerms keys in the field's format
      days: { terms: { field: 'day', script: '_value + 1', size: 1 } },
    })
    expect(response.body).toBe(
      '{"aggregations":{"d":{"buckets":[{"key_as_string":"2024-01-01T00:00:00.000Z","key":1704067200000,' +
        '"doc_count":1},{"key_as_string":"2024-02-01T00:00:00.000Z","key":1706745600000,"doc_count":2}]},' +
        '"d2":{"buckets":[{"key_as_string":"2024-02-01T00:00:00.000Z","key":1706745600000,"doc_count":1},' +
        '{"key_as_string":"2024-03-01T00:00:00.000Z","key":1709251200000,"doc_count":2}]},"dr":{"buckets":[' +
        '{"key":"*-2024-01-01T00:00:00.000Z","to":1.7040672E12,"to_as_string":"2024-01-01T00:00:00.000Z",' +
        '"doc_count":1}]},"days":{"doc_count_error_upper_bound":0,"sum_other_doc_count":2,"buckets":[' +
        '{"key":1.704240000001E12,"key_as_string":"2024-01-03T00:00:00.001Z","doc_count":1}]}}}',
    )
  })

  it('reads a composite source value script, a numeric one as doubles', async () => {
    const node = await orders()
    const response = await aggs(node, {
      x: {
        composite: {
          sources: [
            { tag: { terms: { field: 'tag', script: '_value.toUpperCase()' } } },
            { qty: { terms: { field: 'qty', script: '_value * 10' } } },
          ],
        },
      },
    })
    expect(response.body).toBe(
      '{"aggregations":{"x":{"after_key":{"tag":"B","qty":50.0},"buckets":[{"key":{"tag":"A","qty":10.0},' +
        '"doc_count":1},{"key":{"tag":"A","qty":20.0},"doc_count":1},{"key":{"tag":"B","qty":50.0},' +
        '"doc_count":1}]}}}',
    )
  })

  it('refuses a script where the playground reads only fields', async () => {
    const node = await orders()
    const centroid = await aggs(node, { x: { geo_centroid: { field: 'spot', script: 'x' } } })
    expect(centroid.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception",' +
        '"reason":"[geo_centroid] a [script] is not available in the playground"}]}}',
    )
  })
})
