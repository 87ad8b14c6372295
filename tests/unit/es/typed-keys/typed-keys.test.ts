// `typed_keys` on _search, _msearch, scroll, _search/template and _msearch/template: every aggregation result under `<type>#<name>` with the type its
// InternalAggregation.getType gives in ES 8.17 (getWriteableName unless overridden: StringTerms `sterms`,
// LongTerms `lterms`, DoubleTerms `dterms`, UnmappedTerms `umterms`, the rare and significant terms' likewise,
// InternalTDigestPercentiles `tdigest_percentiles`, InternalSampler `sampler`, the pipelines' InternalSimpleValue
// `simple_value`, InternalBucketMetricValue `bucket_metric_value`, ...), in sub-aggregations too; suggestions under
// `term#` and `completion#` (Suggestion.toXContent).
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/shop', {
    mappings: {
      properties: {
        tag: { type: 'keyword' },
        n: { type: 'long' },
        d: { type: 'double' },
        ts: { type: 'date' },
        ip: { type: 'ip' },
        loc: { type: 'geo_point' },
        title: { type: 'text' },
        complete: { type: 'completion' },
        reviews: { type: 'nested', properties: { stars: { type: 'integer' } } },
      },
    },
  })
  const docs = [
    { tag: 'a', n: 1, d: 0.5, ts: '2024-01-01', ip: '10.0.0.1', loc: '52.37,4.89', title: 'kafka streams' },
    { tag: 'b', n: 2, d: 1.5, ts: '2024-02-01', ip: '10.0.0.2', loc: '48.86,2.35', title: 'search engine' },
    { tag: 'a', n: 3, d: 2.5, ts: '2024-03-01', ip: '10.0.0.3', loc: '51.51,-0.13', title: 'kafka connect' },
  ]
  for (const [i, doc] of docs.entries()) {
    await node.send('PUT', `/shop/_doc/${i + 1}`, {
      ...doc,
      complete: doc.title,
      reviews: [{ stars: i + 3 }],
    })
  }
  await node.send('POST', '/shop/_refresh')
})

/** [the request's aggregation, the key typed_keys prints for it] */
const TABLE: ReadonlyArray<[object, string]> = [
  [{ terms: { field: 'tag' } }, 'sterms'],
  [{ terms: { field: 'n' } }, 'lterms'],
  [{ terms: { field: 'd' } }, 'dterms'],
  [{ terms: { field: 'ts' } }, 'lterms'],
  [{ terms: { field: 'ip' } }, 'sterms'],
  [{ terms: { field: 'nope' } }, 'umterms'],
  [{ terms: { field: 'nope', missing: 'none' } }, 'sterms'],
  [{ multi_terms: { terms: [{ field: 'tag' }, { field: 'n' }] } }, 'multi_terms'],
  [{ rare_terms: { field: 'tag' } }, 'srareterms'],
  [{ rare_terms: { field: 'n' } }, 'lrareterms'],
  [{ rare_terms: { field: 'nope' } }, 'umrareterms'],
  [{ significant_terms: { field: 'tag' } }, 'sigsterms'],
  [{ significant_terms: { field: 'n' } }, 'siglterms'],
  [{ significant_terms: { field: 'nope' } }, 'umsigterms'],
  [{ histogram: { field: 'n', interval: 1 } }, 'histogram'],
  [{ date_histogram: { field: 'ts', calendar_interval: 'month' } }, 'date_histogram'],
  [{ auto_date_histogram: { field: 'ts' } }, 'auto_date_histogram'],
  [{ range: { field: 'n', ranges: [{ to: 2 }] } }, 'range'],
  [{ date_range: { field: 'ts', ranges: [{ to: '2024-02-01' }] } }, 'date_range'],
  [{ ip_range: { field: 'ip', ranges: [{ to: '10.0.0.2' }] } }, 'ip_range'],
  [{ geo_distance: { field: 'loc', origin: '52,4', ranges: [{ to: 100000 }] } }, 'geo_distance'],
  [{ filter: { term: { tag: 'a' } } }, 'filter'],
  [{ filters: { filters: { a: { term: { tag: 'a' } } } } }, 'filters'],
  [{ adjacency_matrix: { filters: { a: { term: { tag: 'a' } } } } }, 'adjacency_matrix'],
  [{ missing: { field: 'n' } }, 'missing'],
  [{ global: {} }, 'global'],
  [{ sampler: {} }, 'sampler'],
  [{ composite: { sources: [{ t: { terms: { field: 'tag' } } }] } }, 'composite'],
  [{ nested: { path: 'reviews' } }, 'nested'],
  [{ geohash_grid: { field: 'loc' } }, 'geohash_grid'],
  [{ geotile_grid: { field: 'loc' } }, 'geotile_grid'],
  [{ avg: { field: 'n' } }, 'avg'],
  [{ sum: { field: 'n' } }, 'sum'],
  [{ min: { field: 'n' } }, 'min'],
  [{ max: { field: 'n' } }, 'max'],
  [{ value_count: { field: 'n' } }, 'value_count'],
  [{ stats: { field: 'n' } }, 'stats'],
  [{ extended_stats: { field: 'n' } }, 'extended_stats'],
  [{ cardinality: { field: 'tag' } }, 'cardinality'],
  [{ percentiles: { field: 'n' } }, 'tdigest_percentiles'],
  [{ percentile_ranks: { field: 'n', values: [2] } }, 'tdigest_percentile_ranks'],
  [{ median_absolute_deviation: { field: 'n' } }, 'median_absolute_deviation'],
  [{ boxplot: { field: 'n' } }, 'boxplot'],
  [{ string_stats: { field: 'tag' } }, 'string_stats'],
  [{ top_hits: { size: 1 } }, 'top_hits'],
  [{ weighted_avg: { value: { field: 'n' }, weight: { field: 'd' } } }, 'weighted_avg'],
  [{ top_metrics: { metrics: { field: 'n' }, sort: { d: 'desc' } } }, 'top_metrics'],
  [{ geo_bounds: { field: 'loc' } }, 'geo_bounds'],
  [{ geo_centroid: { field: 'loc' } }, 'geo_centroid'],
  [{ avg_bucket: { buckets_path: 'h>_count' } }, 'simple_value'],
  [{ sum_bucket: { buckets_path: 'h>_count' } }, 'simple_value'],
  [{ min_bucket: { buckets_path: 'h>_count' } }, 'bucket_metric_value'],
  [{ max_bucket: { buckets_path: 'h>_count' } }, 'bucket_metric_value'],
  [{ stats_bucket: { buckets_path: 'h>_count' } }, 'stats_bucket'],
  [{ extended_stats_bucket: { buckets_path: 'h>_count' } }, 'extended_stats_bucket'],
  [{ percentiles_bucket: { buckets_path: 'h>_count' } }, 'percentiles_bucket'],
]

/** The parent pipelines, inside the histogram `h`: their key in its second bucket. */
const PARENT_PIPELINES: ReadonlyArray<[object, string]> = [
  [{ derivative: { buckets_path: '_count' } }, 'derivative'],
  [{ cumulative_sum: { buckets_path: '_count' } }, 'simple_value'],
  [{ serial_diff: { buckets_path: '_count', lag: 1 } }, 'simple_value'],
  [
    { moving_fn: { buckets_path: '_count', window: 2, script: 'MovingFunctions.max(values)' } },
    'simple_value',
  ],
  [{ bucket_script: { buckets_path: { c: '_count' }, script: 'params.c * 2' } }, 'simple_value'],
]

async function search(path: string, body: object): Promise<Record<string, unknown>> {
  const response = await node.send('POST', path, body)
  expect(response.status).toBe(200)
  return JSON.parse(response.body) as Record<string, unknown>
}

describe('typed_keys', () => {
  it('prints every aggregation under its type', async () => {
    const aggs = Object.fromEntries(TABLE.map(([agg], i) => [`a${i}`, agg]))
    const parents = Object.fromEntries(PARENT_PIPELINES.map(([agg], i) => [`p${i}`, agg]))
    const result = await search('/shop/_search?typed_keys&size=0', {
      aggs: { ...aggs, h: { histogram: { field: 'n', interval: 1 }, aggs: parents } },
    })
    const aggregations = result['aggregations'] as Record<string, { buckets: Array<Record<string, unknown>> }>
    // the sibling pipelines' results come after the other aggregations, as InternalAggregations.reduce adds them
    const typed = TABLE.map(([, type], i) => `${type}#a${i}`)
    const firstPipeline = TABLE.findIndex(([agg]) => JSON.stringify(agg).includes('buckets_path'))
    expect(Object.keys(aggregations)).toEqual([
      ...typed.slice(0, firstPipeline),
      'histogram#h',
      ...typed.slice(firstPipeline),
    ])
    const second = aggregations['histogram#h']!.buckets[1]!
    expect(Object.keys(second).filter((k) => k.includes('#'))).toEqual(
      PARENT_PIPELINES.map(([, type], i) => `${type}#p${i}`),
    )
  })

  it('types sub-aggregations at every depth, and reverse_nested inside nested', async () => {
    const response = await node.send('POST', '/shop/_search?typed_keys=true&filter_path=aggregations', {
      size: 0,
      aggs: {
        by_tag: {
          terms: { field: 'tag' },
          aggs: {
            per_month: { date_histogram: { field: 'ts', calendar_interval: 'month', min_doc_count: 1 } },
            avg_n: { avg: { field: 'n' } },
          },
        },
        reviews: {
          nested: { path: 'reviews' },
          aggs: { back: { reverse_nested: {}, aggs: { tags: { cardinality: { field: 'tag' } } } } },
        },
      },
    })
    expect(response.body).toBe(
      '{"aggregations":{"sterms#by_tag":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":"a","doc_count":2,"date_histogram#per_month":{"buckets":[' +
        '{"key_as_string":"2024-01-01T00:00:00.000Z","key":1704067200000,"doc_count":1},' +
        '{"key_as_string":"2024-03-01T00:00:00.000Z","key":1709251200000,"doc_count":1}]},' +
        '"avg#avg_n":{"value":2.0}},' +
        '{"key":"b","doc_count":1,"date_histogram#per_month":{"buckets":[' +
        '{"key_as_string":"2024-02-01T00:00:00.000Z","key":1706745600000,"doc_count":1}]},' +
        '"avg#avg_n":{"value":2.0}}]},' +
        '"nested#reviews":{"doc_count":3,"reverse_nested#back":{"doc_count":3,"cardinality#tags":{"value":2}}}}}',
    )
  })

  it('types the suggestions (listed by name); without the parameter or with false nothing changes', async () => {
    const body = {
      size: 0,
      aggs: { by_tag: { terms: { field: 'tag', size: 1 } } },
      suggest: {
        fix: { text: 'kafak', term: { field: 'title' } },
        start: { prefix: 'sea', completion: { field: 'complete' } },
      },
    }
    const typed = await search('/shop/_search?typed_keys&filter_path=aggregations,suggest.*.text', body)
    expect(JSON.stringify(typed)).toBe(
      '{"aggregations":{"sterms#by_tag":{"doc_count_error_upper_bound":0,"sum_other_doc_count":1,' +
        '"buckets":[{"key":"a","doc_count":2}]}},' +
        '"suggest":{"term#fix":[{"text":"kafak"}],"completion#start":[{"text":"sea"}]}}',
    )
    for (const flag of ['', '&typed_keys=false']) {
      const plain = await search(`/shop/_search?filter_path=aggregations,suggest.*.text${flag}`, body)
      expect(JSON.stringify(plain)).toBe(
        '{"aggregations":{"by_tag":{"doc_count_error_upper_bound":0,"sum_other_doc_count":1,' +
          '"buckets":[{"key":"a","doc_count":2}]}},' +
          '"suggest":{"fix":[{"text":"kafak"}],"start":[{"text":"sea"}]}}',
      )
    }
  })

  it('applies to every search of an _msearch, to a scroll and to search templates', async () => {
    const response = await node.send(
      'POST',
      '/shop/_msearch?typed_keys&filter_path=responses.aggregations',
      '{}\n{"size":0,"aggs":{"m":{"max":{"field":"n"}}}}\n{}\n{"size":0,"aggs":{"r":{"rare_terms":{"field":"tag"}}}}\n',
    )
    expect(response.body).toBe(
      '{"responses":[{"aggregations":{"max#m":{"value":3.0}}},' +
        '{"aggregations":{"srareterms#r":{"buckets":[{"key":"b","doc_count":1}]}}}]}',
    )
    const scroll = await search('/shop/_search?scroll=1m&typed_keys&filter_path=aggregations', {
      size: 1,
      aggs: { s: { sum: { field: 'n' } } },
    })
    expect(scroll).toEqual({ aggregations: { 'sum#s': { value: 6.0 } } })
    const template = await node.send('POST', '/shop/_search/template?typed_keys&filter_path=aggregations', {
      source: { size: 0, aggs: { m: { min: { field: '{{f}}' } } } },
      params: { f: 'n' },
    })
    expect(template.body).toBe('{"aggregations":{"min#m":{"value":1.0}}}')
    const templates = await node.send(
      'POST',
      '/shop/_msearch/template?typed_keys&filter_path=responses.aggregations',
      '{}\n{"source":{"size":0,"aggs":{"c":{"cardinality":{"field":"tag"}}}}}\n',
    )
    expect(templates.body).toBe('{"responses":[{"aggregations":{"cardinality#c":{"value":2}}}]}')
  })
})
