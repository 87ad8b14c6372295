// histogram, range, filter(s), missing and global against the Elasticsearch 8 reference docs' example
// responses (search-aggregations-bucket-*-aggregation) and the YAML REST tests (10_histogram, 40_range,
// 50_filter, 220_filters_bucket, 380_global).
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc } from './fixture.ts'

// Prices giving the reference examples' counts: [0,50): 1, [50,100): 1, [150,200): 2, [200,250): 3.
const sales: Doc[] = [10, 60, 160, 175, 200, 200, 240].map((price, i) => ({
  price,
  type: i % 2 ? 'hat' : 't-shirt',
}))
const types = { price: 'double', type: 'keyword' } as const

describe('histogram', () => {
  it('matches the reference example: interval 50, empty buckets in between', () => {
    const json = aggregate(
      [{ docs: sales }],
      types,
      '{"prices":{"histogram":{"field":"price","interval":50}}}',
    )
    expect(json).toBe(
      '{"prices":{"buckets":[{"key":0.0,"doc_count":1},{"key":50.0,"doc_count":1},{"key":100.0,"doc_count":0},' +
        '{"key":150.0,"doc_count":2},{"key":200.0,"doc_count":3}]}}',
    )
  })

  it('min_doc_count 1 drops empty buckets; keyed renders an object by Double.toString of the key', () => {
    const json = aggregate(
      [{ docs: sales }],
      types,
      '{"prices":{"histogram":{"field":"price","interval":50,"min_doc_count":1,"keyed":true}}}',
    )
    expect(json).toBe(
      '{"prices":{"buckets":{"0.0":{"key":0.0,"doc_count":1},"50.0":{"key":50.0,"doc_count":1},' +
        '"150.0":{"key":150.0,"doc_count":2},"200.0":{"key":200.0,"doc_count":3}}}}',
    )
  })

  it('extended_bounds widen the empty buckets, hard_bounds cut values; sub-aggregations in empty buckets', () => {
    const json = aggregate(
      [{ docs: [{ price: 12 }] }, { docs: [{ price: 27 }] }],
      types,
      '{"h":{"histogram":{"field":"price","interval":10,"offset":5,"extended_bounds":{"min":0,"max":30}},"aggs":{"m":{"max":{"field":"price"}}}}}',
    )
    expect(json).toBe(
      '{"h":{"buckets":[{"key":-5.0,"doc_count":0,"m":{"value":null}},{"key":5.0,"doc_count":1,"m":{"value":12.0}},' +
        '{"key":15.0,"doc_count":0,"m":{"value":null}},{"key":25.0,"doc_count":1,"m":{"value":27.0}}]}}',
    )
    const hard = aggregate(
      [{ docs: sales }],
      types,
      '{"h":{"histogram":{"field":"price","interval":100,"hard_bounds":{"min":100,"max":199}}}}',
    )
    expect(hard).toBe('{"h":{"buckets":[{"key":100.0,"doc_count":2}]}}')
  })

  it('orders by _count desc when asked, and counts a multi-valued document once per bucket', () => {
    const json = aggregate(
      [{ docs: [{ price: [1, 2, 15] }, { price: 11 }, { price: 12 }] }],
      types,
      '{"h":{"histogram":{"field":"price","interval":10,"order":{"_count":"desc"}}}}',
    )
    expect(json).toBe('{"h":{"buckets":[{"key":10.0,"doc_count":3},{"key":0.0,"doc_count":1}]}}')
  })

  it('rejects a non-positive interval', () => {
    expect(() =>
      aggregate([{ docs: sales }], types, '{"h":{"histogram":{"field":"price","interval":0}}}'),
    ).toThrow('[histogram] failed to parse field [interval]')
  })
})

describe('range', () => {
  it('matches the reference example keys "*-100.0", "100.0-200.0", "200.0-*"', () => {
    const json = aggregate(
      [{ docs: sales }],
      types,
      '{"price_ranges":{"range":{"field":"price","ranges":[{"to":100.0},{"from":100.0,"to":200.0},{"from":200.0}]}}}',
    )
    expect(json).toBe(
      '{"price_ranges":{"buckets":[{"key":"*-100.0","to":100.0,"doc_count":2},' +
        '{"key":"100.0-200.0","from":100.0,"to":200.0,"doc_count":2},{"key":"200.0-*","from":200.0,"doc_count":3}]}}',
    )
  })

  it('keyed with custom keys, sorted by from then to, sub-aggregations per bucket', () => {
    const json = aggregate(
      [{ docs: sales.slice(0, 4) }, { docs: sales.slice(4) }],
      types,
      '{"r":{"range":{"field":"price","keyed":true,"ranges":[{"key":"expensive","from":200},{"key":"cheap","to":100}]},"aggs":{"n":{"value_count":{"field":"price"}}}}}',
    )
    expect(json).toBe(
      '{"r":{"buckets":{"cheap":{"to":100.0,"doc_count":2,"n":{"value":2}},"expensive":{"from":200.0,"doc_count":3,"n":{"value":3}}}}}',
    )
  })

  it('needs ranges', () => {
    expect(() =>
      aggregate([{ docs: sales }], types, '{"r":{"range":{"field":"price","ranges":[]}}}'),
    ).toThrow('No [ranges] specified for the [r] aggregation')
  })
})

describe('filter, filters, missing, global', () => {
  const logs: Doc[] = [
    { body: 'error', level: 'error' },
    { body: 'warning', level: 'warn' },
    { body: 'warning', level: 'warn' },
    { body: 'info', level: 'info' },
  ]
  const logTypes = { level: 'keyword', body: 'keyword' } as const

  it('named filters are keyed and sorted by name; other_bucket_key adds the rest', () => {
    const json = aggregate(
      [{ docs: logs }],
      logTypes,
      '{"messages":{"filters":{"other_bucket_key":"other_messages","filters":{"warnings":{"term":{"level":"warn"}},"errors":{"term":{"level":"error"}}}}}}',
    )
    expect(json).toBe(
      '{"messages":{"buckets":{"errors":{"doc_count":1},"warnings":{"doc_count":2},"other_messages":{"doc_count":1}}}}',
    )
  })

  it('anonymous filters render a list; other_bucket comes last', () => {
    const json = aggregate(
      [{ docs: logs.slice(0, 2) }, { docs: logs.slice(2) }],
      logTypes,
      '{"messages":{"filters":{"other_bucket":true,"filters":[{"term":{"level":"error"}},{"term":{"level":"warn"}}]}}}',
    )
    expect(json).toBe('{"messages":{"buckets":[{"doc_count":1},{"doc_count":2},{"doc_count":1}]}}')
  })

  it('keyed:false lists named buckets with their keys', () => {
    const json = aggregate(
      [{ docs: logs }],
      logTypes,
      '{"m":{"filters":{"keyed":false,"filters":{"errors":{"term":{"level":"error"}}}}}}',
    )
    expect(json).toBe('{"m":{"buckets":[{"key":"errors","doc_count":1}]}}')
  })

  it('filter narrows the query, global ignores it, missing counts documents without a value', () => {
    const json = aggregate(
      [{ docs: [...logs, { body: 'x' }], query: (d) => d['level'] !== 'info' }],
      logTypes,
      '{"f":{"filter":{"term":{"level":"warn"}},"aggs":{"c":{"value_count":{"field":"level"}}}},"g":{"global":{}},"m":{"missing":{"field":"level"}}}',
    )
    expect(json).toBe('{"f":{"doc_count":2,"c":{"value":2}},"g":{"doc_count":5},"m":{"doc_count":1}}')
  })
})

describe('search.max_buckets', () => {
  it('fails the search with too_many_buckets_exception once the reduced buckets exceed the limit', () => {
    const docs: Doc[] = Array.from({ length: 20 }, (_, i) => ({ price: i }))
    expect(aggregate([{ docs }], types, '{"h":{"histogram":{"field":"price","interval":1}}}', 20)).toContain(
      '"key":19.0',
    )
    let error: unknown
    try {
      aggregate([{ docs }], types, '{"h":{"histogram":{"field":"price","interval":1}}}', 19)
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({
      type: 'search_phase_execution_exception',
      reason: '',
      status: 400,
      causedBy: {
        type: 'too_many_buckets_exception',
        reason:
          'Trying to create too many buckets. Must be less than or equal to: [19] but this number of buckets was exceeded. ' +
          'This limit can be set by changing the [search.max_buckets] cluster level setting.',
        metadata: [['max_buckets', 19]],
      },
    })
  })

  it('counts nested buckets and the empty buckets min_doc_count 0 adds', () => {
    const docs: Doc[] = [
      { price: 0, type: 'a' },
      { price: 100, type: 'b' },
    ]
    const aggs = '{"t":{"terms":{"field":"type"},"aggs":{"h":{"histogram":{"field":"price","interval":10}}}}}'
    const tooMany: Record<string, unknown> = {
      type: 'search_phase_execution_exception',
      causedBy: expect.objectContaining({ type: 'too_many_buckets_exception' }) as unknown,
    }
    expect(() => aggregate([{ docs }], types, aggs, 3)).toThrow(expect.objectContaining(tooMany))
    expect(aggregate([{ docs }], types, aggs, 4)).toContain('"doc_count":1')
    const histogram = '{"h":{"histogram":{"field":"price","interval":10}}}'
    expect(() => aggregate([{ docs }], types, histogram, 10)).toThrow(expect.objectContaining(tooMany))
    expect(aggregate([{ docs }], types, histogram, 11)).toContain('"key":100.0')
  })
})
