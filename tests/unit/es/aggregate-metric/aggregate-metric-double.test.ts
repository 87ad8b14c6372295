// The aggregate_metric_double field type over REST, as ES 8.17's AggregateDoubleMetricFieldMapper (x-pack
// mapper-aggregate-metric) answers, with the YAML cases of aggregate-metrics/10_basic.yml, 20_min_max_agg.yml and
// 40_avg_agg.yml: its mapping and errors, the documents it refuses, its default metric's queries and sort, the
// aggregations that read its stored metrics and the refusal of the others, and the `fields` option.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { at, hitsOf } from '../response-paths.ts'

async function withMapping(metric: object, docs: readonly object[]): Promise<TestNode> {
  const node = await startNode()
  const body = { settings: { number_of_shards: 1 }, mappings: { properties: { metric } } }
  expect((await node.send('PUT', '/test', body)).status).toBe(200)
  for (const [i, doc] of docs.entries()) {
    const refresh = i === docs.length - 1 ? '?refresh' : ''
    expect((await node.send('PUT', `/test/_doc/${i + 1}${refresh}`, doc)).status).toBe(201)
  }
  return node
}

/** 10_basic.yml's term and range setup. */
const MIN_MAX = { type: 'aggregate_metric_double', metrics: ['min', 'max'], default_metric: 'max' }

async function ids(node: TestNode, body: object): Promise<string[]> {
  const response = await node.send('POST', '/test/_search', { ...body, _source: false })
  expect(response.status).toBe(200)
  return hitsOf(response.body).map((h) => h._id)
}

async function aggregations(node: TestNode, aggs: object, query?: object): Promise<string> {
  const response = await node.send('POST', '/test/_search', { size: 0, aggs, ...(query ? { query } : {}) })
  expect(response.status).toBe(200)
  // the body's own text: JSON.parse would drop the `.0` of ES's doubles
  return response.body.slice(response.body.indexOf('"aggregations":') + '"aggregations":'.length, -1)
}

async function mappingError(metric: object): Promise<unknown> {
  const node = await startNode()
  const response = await node.send('PUT', '/m', { mappings: { properties: { a: metric } } })
  expect(response.status).toBe(400)
  return at(response.body, 'error')
}

describe('aggregate_metric_double mappings', () => {
  it('prints metrics as an EnumSet, a single metric as the default, and drops multi-fields', async () => {
    const node = await startNode()
    const a = {
      meta: { x: 'y' },
      fields: { k: { type: 'keyword' } },
      metrics: ['value_count', 'min', 'min'],
      default_metric: 'min',
      type: 'aggregate_metric_double',
    }
    const b = { type: 'aggregate_metric_double', metrics: ['sum'], ignore_malformed: true }
    expect((await node.send('PUT', '/m', { mappings: { properties: { a, b } } })).status).toBe(200)
    expect((await node.send('GET', '/m/_mapping')).body).toBe(
      '{"m":{"mappings":{"properties":{"a":{"type":"aggregate_metric_double","metrics":["min","value_count"],' +
        '"default_metric":"min","meta":{"x":"y"}},"b":{"type":"aggregate_metric_double","ignore_malformed":true,' +
        '"metrics":["sum"],"default_metric":"sum"}}}}}',
    )
  })

  it("refuses missing or unknown metrics and a default it cannot take, with ES's texts", async () => {
    expect(await mappingError({ type: 'aggregate_metric_double', metrics: ['max', 'avg'] })).toEqual({
      root_cause: [
        {
          type: 'mapper_parsing_exception',
          reason: 'Error parsing [metrics] on field [a]: Metric [avg] is not supported.',
        },
      ],
      type: 'mapper_parsing_exception',
      reason: 'Failed to parse mapping: Error parsing [metrics] on field [a]: Metric [avg] is not supported.',
      caused_by: {
        type: 'mapper_parsing_exception',
        reason: 'Error parsing [metrics] on field [a]: Metric [avg] is not supported.',
        caused_by: {
          type: 'illegal_argument_exception',
          reason: 'Metric [avg] is not supported.',
          caused_by: {
            type: 'illegal_argument_exception',
            reason:
              'No enum constant org.elasticsearch.xpack.aggregatemetric.mapper.AggregateDoubleMetricFieldMapper.Metric.avg',
          },
        },
      },
    })
    const reason = async (metric: object) => ((await mappingError(metric)) as { reason: string }).reason
    expect(await reason({ type: 'aggregate_metric_double' })).toBe(
      'Failed to parse mapping: Property [metrics] is required for field [a].',
    )
    expect(await reason({ type: 'aggregate_metric_double', metrics: ['min', 'max'] })).toBe(
      'Failed to parse mapping: Property [default_metric] is required for field [a].',
    )
    expect(await reason({ type: 'aggregate_metric_double', metrics: ['min'], default_metric: 'max' })).toBe(
      'Failed to parse mapping: Default metric [max] is not defined in the metrics of field [a].',
    )
    const multi = { type: 'keyword', fields: { a: { type: 'aggregate_metric_double', metrics: ['min'] } } }
    expect(await reason(multi)).toBe(
      "Failed to parse mapping: Field [a] of type [aggregate_metric_double] can't be used in multifields",
    )
  })
})

describe('aggregate_metric_double documents', () => {
  it('refuses what its mapper refuses, wrapped by FieldMapper.parse at the token it is on', async () => {
    const node = await withMapping(MIN_MAX, [])
    const error = async (source: string) => {
      const response = await node.send('PUT', '/test/_doc/9', source)
      expect(response.status).toBe(400)
      const { reason, caused_by } = at(response.body, 'error') as { reason: string; caused_by: unknown }
      return { reason, caused_by }
    }
    const wrapped = (at: string, preview: string) =>
      `[${at}] failed to parse field [metric] of type [aggregate_metric_double] in document with id '9'. ` +
      `Preview of field's value: '${preview}'`
    expect(await error('{"metric": 5}')).toEqual({
      reason: wrapped('1:12', '5'),
      caused_by: {
        type: 'parsing_exception',
        reason: 'Failed to parse object: expecting token of type [START_OBJECT] but found [VALUE_NUMBER]',
        line: 1,
        col: 12,
      },
    })
    expect(await error('{"metric": {"avg": 5}}')).toEqual({
      reason: wrapped('1:13', 'null'),
      caused_by: {
        type: 'illegal_argument_exception',
        reason:
          'No enum constant org.elasticsearch.xpack.aggregatemetric.mapper.AggregateDoubleMetricFieldMapper.Metric.avg',
      },
    })
    expect(await error('{"metric": {"min": 1, "sum": 5}}')).toEqual({
      reason: wrapped('1:23', 'null'),
      caused_by: {
        type: 'illegal_argument_exception',
        reason: 'Aggregate metric [sum] does not exist in the mapping of field [metric]',
      },
    })
    expect(await error('{"metric": {"min": 1, "max": 0}}')).toEqual({
      reason: wrapped('1:31', 'null'),
      caused_by: {
        type: 'illegal_argument_exception',
        reason: 'Aggregate metric field [metric] max value cannot be smaller than min value',
      },
    })
    expect(await error('{"metric": {"min": 1}}')).toEqual({
      reason: wrapped('1:21', 'null'),
      caused_by: {
        type: 'illegal_argument_exception',
        reason: 'Aggregate metric field [metric] must contain all metrics [min, max]',
      },
    })
    expect((await error('{"metric": [{"min": 1, "max": 2}, {"min": 1, "max": 2}]}')).caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason:
        'Field [metric] of type [aggregate_metric_double] does not support indexing multiple values for the same field in the same document',
    })
  })

  it('wraps a metric NumberFieldMapper refuses, and drops a malformed object under ignore_malformed', async () => {
    const counted = { type: 'aggregate_metric_double', metrics: ['value_count'], ignore_malformed: true }
    const node = await withMapping(counted, [
      { metric: { value_count: 1.5 } },
      { metric: { value_count: -1 } },
    ])
    const hits = await node.send('POST', '/test/_search', { _source: false, sort: ['_doc'] })
    expect(hitsOf(hits.body).map((h) => h._ignored)).toEqual([['metric'], ['metric']])
    const strict = await startNode()
    await strict.send('PUT', '/s', {
      mappings: { properties: { metric: { ...counted, ignore_malformed: false } } },
    })
    const response = await strict.send('PUT', '/s/_doc/1', '{"metric": {"value_count": 1.5}}')
    expect(at(response.body, 'error', 'caused_by')).toEqual({
      type: 'illegal_argument_exception',
      reason: 'failed to parse [value_count] sub field: 1.5 cannot be converted to Integer without data loss',
      caused_by: {
        type: 'illegal_argument_exception',
        reason: '1.5 cannot be converted to Integer without data loss',
      },
    })
  })
})

describe('aggregate_metric_double searches (10_basic.yml)', () => {
  const docs = [{ metric: { min: 18.2, max: 100 } }, { metric: { min: 50, max: 1000 } }]

  it('runs term, range and exists queries on the default metric; its sub-metrics are no fields', async () => {
    const node = await withMapping(MIN_MAX, docs)
    expect(await ids(node, { query: { term: { metric: { value: 1000 } } } })).toEqual(['2'])
    expect(await ids(node, { query: { term: { metric: { value: 100 } } } })).toEqual(['1'])
    expect(await ids(node, { query: { term: { 'metric.min': { value: 50 } } } })).toEqual([])
    expect(await ids(node, { query: { range: { metric: { gte: 900, lte: 1000 } } } })).toEqual(['2'])
    expect(await ids(node, { query: { range: { metric: { gte: 90, lte: 200 } } } })).toEqual(['1'])
    expect(await ids(node, { query: { range: { 'metric.min': { gte: 10, lte: 40 } } } })).toEqual([])
    expect(await ids(node, { query: { exists: { field: 'metric' } } })).toEqual(['1', '2'])
    expect(await ids(node, { query: { exists: { field: 'metric.min' } } })).toEqual([])
  })

  it('sorts on the default metric, as doubles; a sub-metric is unmapped', async () => {
    const node = await withMapping(MIN_MAX, [
      { metric: { min: 18.2, max: 3000 } },
      { metric: { min: 50, max: 1000 } },
      { metric: { min: 150, max: 5000 } },
    ])
    const sorted = await node.send('POST', '/test/_search', { _source: false, sort: [{ metric: 'asc' }] })
    expect(hitsOf(sorted.body).map((h) => h._id)).toEqual(['2', '1', '3'])
    expect(sorted.body).toContain('"sort":[1000.0]')
    expect(await ids(node, { sort: [{ metric: 'desc' }] })).toEqual(['3', '1', '2'])
    expect((await node.send('POST', '/test/_search', { sort: [{ 'metric.max': 'asc' }] })).status).toBe(400)
  })

  it('prints its `_source` object in `fields`', async () => {
    const all = {
      type: 'aggregate_metric_double',
      metrics: ['min', 'max', 'sum', 'value_count'],
      default_metric: 'sum',
    }
    const node = await withMapping(all, [
      { metric: { min: 10, max: 100, sum: 200, value_count: 5 } },
      { metric: { min: 50, max: 1000, sum: 5000, value_count: 10 } },
    ])
    const response = await node.send('POST', '/test/_search', {
      _source: false,
      fields: ['metric'],
      sort: ['_doc'],
    })
    expect(hitsOf(response.body).map((h) => h.fields)).toEqual([
      { metric: [{ min: 10, max: 100, sum: 200, value_count: 5 }] },
      { metric: [{ min: 50, max: 1000, sum: 5000, value_count: 10 }] },
    ])
  })
})

describe('aggregate_metric_double aggregations', () => {
  it('min and max read the stored min and max (20_min_max_agg.yml)', async () => {
    const node = await withMapping(MIN_MAX, [
      { metric: { min: 0, max: 100 } },
      { metric: { min: 60, max: 100 } },
      { metric: { min: -400.5, max: 1000 } },
      { metric: { min: 1, max: 99.3 } },
      { metric: { min: -100, max: -40 } },
    ])
    const aggs = { max_agg: { max: { field: 'metric' } }, min_agg: { min: { field: 'metric' } } }
    expect(await aggregations(node, aggs)).toBe('{"max_agg":{"value":1000.0},"min_agg":{"value":-400.5}}')
    expect(await aggregations(node, aggs, { term: { metric: { value: 100 } } })).toBe(
      '{"max_agg":{"value":100.0},"min_agg":{"value":0.0}}',
    )
  })

  it('avg is the sum of sum over the sum of value_count (40_avg_agg.yml); sum and value_count add up', async () => {
    const metric = {
      type: 'aggregate_metric_double',
      metrics: ['sum', 'value_count'],
      default_metric: 'value_count',
    }
    const node = await withMapping(metric, [
      { metric: { sum: 10000, value_count: 100 } },
      { metric: { sum: 60, value_count: 20 } },
      { metric: { sum: -400, value_count: 780 } },
      { metric: { sum: 40, value_count: 20 } },
      { metric: { sum: -100, value_count: 40 } },
    ])
    const aggs = {
      avg_agg: { avg: { field: 'metric' } },
      s: { sum: { field: 'metric' } },
      c: { value_count: { field: 'metric' } },
      m: { min: { field: 'metric' } },
    }
    expect(await aggregations(node, aggs)).toBe(
      '{"avg_agg":{"value":10.0},"s":{"value":9600.0},"c":{"value":960},"m":{"value":null}}',
    )
    expect(
      await aggregations(
        node,
        { avg_agg: { avg: { field: 'metric' } } },
        { term: { metric: { value: 20 } } },
      ),
    ).toBe('{"avg_agg":{"value":2.5}}')
  })

  it('refuses other aggregations and missing values as ES does', async () => {
    const node = await withMapping(MIN_MAX, [{ metric: { min: 1, max: 2 } }])
    const failure = async (aggs: object) => {
      const response = await node.send('POST', '/test/_search', { size: 0, aggs })
      expect(response.status).toBe(400)
      return at(response.body, 'error', 'failed_shards', 0, 'reason')
    }
    expect(await failure({ t: { terms: { field: 'metric' } } })).toEqual({
      type: 'unsupported_aggregation_on_downsampled_index',
      reason: 'Field [metric] of type [aggregate_metric_double] is not supported for aggregation [terms]',
    })
    expect(await failure({ m: { max: { field: 'metric', missing: 1 } } })).toEqual({
      type: 'illegal_argument_exception',
      reason:
        "Can't apply missing values on a class org.elasticsearch.xpack.aggregatemetric.aggregations.support.AggregateMetricsValuesSource$AggregateDoubleMetric$Fielddata",
    })
  })
})
