// The histogram field type over REST, as ES 8.17's HistogramFieldMapper (x-pack analytics) answers, with the YAML
// cases of analytics/histogram.yml: its mapping, the documents it refuses and their errors, the query refusals, the
// aggregations that read it (HistoBacked*Aggregator) and the ones refused, and the `fields` option.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { at, hitsOf } from '../response-paths.ts'

/** histogram.yml's setup: index `test` with its two documents (one shard). */
async function indexed(): Promise<TestNode> {
  const node = await startNode()
  const mappings = { properties: { latency: { type: 'histogram' } } }
  expect((await node.send('PUT', '/test', { settings: { number_of_shards: 1 }, mappings })).status).toBe(200)
  await node.send(
    'PUT',
    '/test/_doc/1',
    '{"latency": {"values" : [0.1, 0.2, 0.3, 0.4, 0.5], "counts" : [3, 7, 23, 12, 6]}}',
  )
  await node.send(
    'PUT',
    '/test/_doc/2?refresh',
    '{"latency": {"values" : [0, 0.1, 0.2, 0.3, 0.4, 0.5], "counts" : [3, 2, 5, 10, 1, 8]}}',
  )
  return node
}

async function aggregations(node: TestNode, aggs: object): Promise<string> {
  const response = await node.send('POST', '/test/_search', { size: 0, aggs })
  expect(response.status).toBe(200)
  // the body's own text: JSON.parse would drop the `.0` of ES's doubles
  return response.body.slice(response.body.indexOf('"aggregations":') + '"aggregations":'.length, -1)
}

/** A failed search's shard failure reason (its first). */
async function shardFailure(node: TestNode, body: object): Promise<{ status: number; reason: unknown }> {
  const response = await node.send('POST', '/test/_search', body)
  const error = (JSON.parse(response.body) as { error: { failed_shards: Array<{ reason: unknown }> } }).error
  return { status: response.status, reason: error.failed_shards[0]!.reason }
}

async function indexError(node: TestNode, source: string): Promise<string> {
  const response = await node.send('PUT', '/test/_doc/9', source)
  expect(response.status).toBe(400)
  return JSON.stringify((JSON.parse(response.body) as { error: unknown }).error)
}

describe('histogram mappings', () => {
  it('prints ignore_malformed and meta, and refuses other parameters and multi-fields', async () => {
    const node = await startNode()
    const body = {
      mappings: { properties: { h: { meta: { a: 'b' }, ignore_malformed: true, type: 'histogram' } } },
    }
    expect((await node.send('PUT', '/m', body)).status).toBe(200)
    expect((await node.send('GET', '/m/_mapping')).body).toBe(
      '{"m":{"mappings":{"properties":{"h":{"type":"histogram","ignore_malformed":true,"meta":{"a":"b"}}}}}}',
    )
    const index = await node.send('PUT', '/n', {
      mappings: { properties: { h: { type: 'histogram', index: false } } },
    })
    expect(at(index.body, 'error', 'reason')).toBe(
      'Failed to parse mapping: unknown parameter [index] on mapper [h] of type [histogram]',
    )
    const multi = {
      mappings: { properties: { k: { type: 'keyword', fields: { h: { type: 'histogram' } } } } },
    }
    expect(at((await node.send('PUT', '/n', multi)).body, 'error', 'reason')).toBe(
      "Failed to parse mapping: Field [h] of type [histogram] can't be used in multifields",
    )
    const caps = await node.send('GET', '/m/_field_caps?fields=h')
    expect(caps.body).toBe(
      '{"indices":["m"],"fields":{"h":{"histogram":{"type":"histogram","metadata_field":false,' +
        '"searchable":false,"aggregatable":true,"meta":{"a":["b"]}}}}}',
    )
  })
})

describe('histogram documents', () => {
  it('requires values in increasing order (histogram.yml), located at the value', async () => {
    const node = await indexed()
    expect(
      await indexError(
        node,
        '{"latency": {"values" : [1.0, 0.2, 0.3, 0.4, 0.5], "counts" : [3, 7, 23, 12, 6]}}',
      ),
    ).toBe(
      '{"root_cause":[{"type":"document_parsing_exception","reason":"[1:31] error parsing field [latency], [values] ' +
        'values must be in increasing order, got [0.2] but previous value was [1.0]"}],' +
        '"type":"document_parsing_exception","reason":"[1:31] failed to parse field [latency] of type [histogram]",' +
        '"caused_by":{"type":"document_parsing_exception","reason":"[1:31] error parsing field [latency], [values] ' +
        'values must be in increasing order, got [0.2] but previous value was [1.0]"}}',
    )
  })

  it('refuses unknown keys, missing or uneven arrays, negative counts and wrong tokens', async () => {
    const node = await indexed()
    const cause = async (source: string) => at(await indexError(node, source), 'caused_by', 'reason')
    expect(await cause('{"latency": {"values": [1], "counts": [3], "x": 1}}')).toBe(
      '[1:44] error parsing field [latency], with unknown parameter [x]',
    )
    expect(await cause('{"latency": {"counts": [3]}}')).toBe(
      '[1:27] error parsing field [latency], expected field called [values]',
    )
    expect(await cause('{"latency": {"values": [1]}}')).toBe(
      '[1:27] error parsing field [latency], expected field called [counts]',
    )
    expect(await cause('{"latency": {"values": [1], "counts": [3, 7]}}')).toBe(
      '[1:45] error parsing field [latency], expected same length from [values] and [counts] but got [1 != 2]',
    )
    expect(await cause('{"latency": {"values": [1, 2], "counts": [3, -7]}}')).toBe(
      '[1:49] error parsing field [latency], [counts] elements must be >= 0 but got -7',
    )
    const token = at(await indexError(node, '{"latency": {"values": ["a"], "counts": [3]}}'), 'caused_by')
    expect(token).toEqual({
      type: 'parsing_exception',
      reason: 'Failed to parse object: expecting token of type [VALUE_NUMBER] but found [VALUE_STRING]',
      line: 1,
      col: 25,
    })
    expect(at(await indexError(node, '{"latency": 1}'), 'caused_by', 'reason')).toBe(
      'Failed to parse object: expecting token of type [START_OBJECT] but found [VALUE_NUMBER]',
    )
    const two = '{"latency": [{"values": [1], "counts": [3]}, {"values": [2], "counts": [1]}]}'
    expect(at(await indexError(node, two))).toEqual({
      root_cause: [
        {
          type: 'document_parsing_exception',
          reason: '[1:75] failed to parse field [latency] of type [histogram]',
        },
      ],
      type: 'document_parsing_exception',
      reason: '[1:75] failed to parse field [latency] of type [histogram]',
      caused_by: {
        type: 'illegal_argument_exception',
        reason:
          "Field [latency] of type [histogram] doesn't not support indexing multiple values for the same field in the same document",
      },
    })
  })

  it('drops a malformed histogram under ignore_malformed and lists the field as ignored', async () => {
    const node = await startNode()
    const mappings = { properties: { h: { type: 'histogram', ignore_malformed: true } } }
    await node.send('PUT', '/m', { mappings })
    const put = await node.send('PUT', '/m/_doc/1?refresh', '{"h": {"values": [2, 1], "counts": [1, 1]}}')
    expect(put.status).toBe(201)
    const found = await node.send('POST', '/m/_search', {
      query: { exists: { field: '_ignored' } },
      _source: false,
    })
    expect(hitsOf(found.body)).toEqual([{ _index: 'm', _id: '1', _score: 1.0, _ignored: ['h'] }])
    const none = await node.send('POST', '/m/_search', {
      size: 0,
      aggs: { c: { value_count: { field: 'h' } } },
    })
    expect(at(none.body, 'aggregations')).toEqual({ c: { value: 0 } })
  })
})

describe('histogram searches', () => {
  it('refuses term, range and match queries, sorts and docvalue_fields; exists and fields read it', async () => {
    const node = await indexed()
    expect(await shardFailure(node, { query: { term: { latency: 1 } } })).toMatchObject({
      status: 400,
      reason: {
        reason:
          'failed to create query: [histogram] field do not support searching, use dedicated aggregations instead: [latency]',
      },
    })
    expect((await shardFailure(node, { query: { range: { latency: { gte: 1 } } } })).reason).toMatchObject({
      reason: 'failed to create query: Field [latency] of type [histogram] does not support range queries',
    })
    expect((await shardFailure(node, { query: { match: { latency: 1 } } })).reason).toMatchObject({
      reason: 'failed to create query: Field [latency] of type [histogram] does not support match queries',
    })
    expect(await shardFailure(node, { sort: ['latency'] })).toEqual({
      status: 500,
      reason: { type: 'unsupported_operation_exception', reason: "can't sort on the [histogram] field" },
    })
    const hits = await node.send('POST', '/test/_search', {
      query: { exists: { field: 'latency' } },
      fields: ['latency'],
      _source: false,
      sort: ['_doc'],
    })
    expect(hitsOf(hits.body).map((hit) => hit.fields)).toEqual([
      { latency: [{ values: [0.1, 0.2, 0.3, 0.4, 0.5], counts: [3, 7, 23, 12, 6] }] },
      { latency: [{ values: [0, 0.1, 0.2, 0.3, 0.4, 0.5], counts: [3, 2, 5, 10, 1, 8] }] },
    ])
  })
})

describe('histogram aggregations (histogram.yml)', () => {
  it('sum, value_count, avg, min and max read the values with their counts', async () => {
    const node = await indexed()
    const field = { field: 'latency' }
    expect(
      await aggregations(node, {
        histo_sum: { sum: field },
        histo_value_count: { value_count: field },
        histo_avg: { avg: field },
        histo_min: { min: field },
        histo_max: { max: field },
      }),
    ).toBe(
      '{"histo_sum":{"value":25.0},"histo_value_count":{"value":80},"histo_avg":{"value":0.3125},' +
        '"histo_min":{"value":0.0},"histo_max":{"value":0.5}}',
    )
  })

  it('histogram and range buckets count the counts', async () => {
    const node = await indexed()
    expect(await aggregations(node, { histo: { histogram: { field: 'latency', interval: 0.3 } } })).toBe(
      '{"histo":{"buckets":[{"key":0.0,"doc_count":20},{"key":0.3,"doc_count":60}]}}',
    )
    const ranges = [{ to: 0 }, { from: 0, to: 0.3 }, { from: 0.3, to: 0.5 }, { from: 0.5 }]
    expect(await aggregations(node, { ranges: { range: { field: 'latency', ranges } } })).toBe(
      '{"ranges":{"buckets":[{"key":"*-0.0","to":0.0,"doc_count":0},{"key":"0.0-0.3","from":0.0,"to":0.3,' +
        '"doc_count":20},{"key":"0.3-0.5","from":0.3,"to":0.5,"doc_count":46},{"key":"0.5-*","from":0.5,"doc_count":14}]}}',
    )
  })

  it('percentiles, percentile_ranks and boxplot take each value count times', async () => {
    const node = await indexed()
    expect(
      await aggregations(node, {
        p: { percentiles: { field: 'latency', percents: [50] } },
        r: { percentile_ranks: { field: 'latency', values: [0.3] } },
        b: { boxplot: { field: 'latency' } },
      }),
    ).toBe(
      '{"p":{"values":{"50.0":0.3}},"r":{"values":{"0.3":45.0}},' +
        '"b":{"min":0.0,"max":0.5,"q1":0.275,"q2":0.3,"q3":0.4,"lower":0.1,"upper":0.5}}',
    )
  })

  it('refuses other aggregations, missing values and sub-aggregations as ES does', async () => {
    const node = await indexed()
    expect((await shardFailure(node, { aggs: { t: { terms: { field: 'latency' } } } })).reason).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Field [latency] of type [histogram] is not supported for aggregation [terms]',
    })
    const mad = { aggs: { m: { median_absolute_deviation: { field: 'latency' } } } }
    expect((await shardFailure(node, mad)).reason).toMatchObject({
      reason:
        'Field [latency] of type [histogram] is not supported for aggregation [median_absolute_deviation]',
    })
    expect(
      (await shardFailure(node, { aggs: { s: { sum: { field: 'latency', missing: 1 } } } })).reason,
    ).toMatchObject({
      reason:
        "Can't apply missing values on a class org.elasticsearch.xpack.analytics.aggregations.support.HistogramValuesSource$Histogram$Fielddata",
    })
    const sub = {
      aggs: {
        h: { histogram: { field: 'latency', interval: 1 }, aggs: { m: { max: { field: 'latency' } } } },
      },
    }
    expect((await shardFailure(node, sub)).reason).toMatchObject({
      reason: 'Histogram aggregation on histogram fields does not support sub-aggregations',
    })
    const rangeSub = {
      aggs: {
        r: { range: { field: 'latency', ranges: [{ to: 1 }] }, aggs: { m: { max: { field: 'latency' } } } },
      },
    }
    expect((await shardFailure(node, rangeSub)).reason).toMatchObject({
      reason: 'Range aggregation on histogram fields does not support sub-aggregations',
    })
  })
})
