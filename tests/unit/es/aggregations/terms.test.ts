// terms against the Elasticsearch 8 reference docs (search-aggregations-bucket-terms-aggregation: the
// genres example and the "shard size / doc count error" worked example) and YAML 20_terms.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc } from './fixture.ts'

const genres: Doc[] = [
  ...Array.from({ length: 6 }, () => ({ genre: 'electronic' })),
  ...Array.from({ length: 3 }, () => ({ genre: 'rock' })),
  ...Array.from({ length: 2 }, () => ({ genre: 'jazz' })),
]

function docsOf(counts: Record<string, number>): Doc[] {
  return Object.entries(counts).flatMap(([product, n]) => Array.from({ length: n }, () => ({ product })))
}

describe('terms', () => {
  it('matches the genres reference example', () => {
    const json = aggregate(
      [{ docs: genres.slice(0, 5) }, { docs: genres.slice(5) }],
      { genre: 'keyword' },
      '{"genres":{"terms":{"field":"genre"}}}',
    )
    expect(json).toBe(
      '{"genres":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"electronic","doc_count":6},' +
        '{"key":"rock","doc_count":3},{"key":"jazz","doc_count":2}]}}',
    )
  })

  it('computes doc_count_error_upper_bound as the reference worked example (2 + 15 + 29 = 46)', () => {
    const shards = [
      { docs: docsOf({ 'Product A': 25, 'Product B': 18, 'Product C': 6, 'Product D': 3, 'Product E': 2 }) },
      {
        docs: docsOf({ 'Product A': 30, 'Product B': 25, 'Product F': 17, 'Product Z': 16, 'Product G': 15 }),
      },
      {
        docs: docsOf({ 'Product A': 45, 'Product C': 44, 'Product Z': 36, 'Product G': 30, 'Product E': 29 }),
      },
    ]
    const json = aggregate(
      shards,
      { product: 'keyword' },
      '{"products":{"terms":{"field":"product","size":5,"shard_size":5,"show_term_doc_count_error":true}}}',
    )
    expect(json).toBe(
      '{"products":{"doc_count_error_upper_bound":46,"sum_other_doc_count":51,"buckets":[' +
        '{"key":"Product A","doc_count":100,"doc_count_error_upper_bound":0},' +
        '{"key":"Product Z","doc_count":52,"doc_count_error_upper_bound":2},' +
        '{"key":"Product C","doc_count":50,"doc_count_error_upper_bound":15},' +
        '{"key":"Product G","doc_count":45,"doc_count_error_upper_bound":2},' +
        '{"key":"Product B","doc_count":43,"doc_count_error_upper_bound":29}]}}',
    )
  })

  it('numeric keys are longs, floating-point keys doubles, booleans longs with key_as_string', () => {
    const docs: Doc[] = [
      { n: 3, d: 1.5, b: true },
      { n: 3, d: 2, b: false },
      { n: 1, d: 1.5, b: true },
    ]
    const json = aggregate(
      [{ docs }],
      { n: 'long', d: 'double', b: 'boolean' },
      '{"n":{"terms":{"field":"n"}},"d":{"terms":{"field":"d"}},"b":{"terms":{"field":"b"}}}',
    )
    expect(json).toBe(
      '{"n":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":3,"doc_count":2},{"key":1,"doc_count":1}]},' +
        '"d":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":1.5,"doc_count":2},{"key":2.0,"doc_count":1}]},' +
        '"b":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":1,"key_as_string":"true","doc_count":2},{"key":0,"key_as_string":"false","doc_count":1}]}}',
    )
  })

  it('orders by _key, by _count asc (ties by key) and by a metric sub-aggregation', () => {
    const docs: Doc[] = [
      { t: 'b', p: 10 },
      { t: 'a', p: 1 },
      { t: 'c', p: 5 },
      { t: 'c', p: 7 },
    ]
    const run = (order: string) =>
      aggregate(
        [{ docs }],
        { t: 'keyword', p: 'long' },
        `{"t":{"terms":{"field":"t","order":${order}},"aggs":{"avg_p":{"avg":{"field":"p"}}}}}`,
      )
    const keys = (json: string) => [...json.matchAll(/"key":"(\w)"/g)].map((m) => m[1])
    expect(keys(run('{"_key":"desc"}'))).toEqual(['c', 'b', 'a'])
    expect(keys(run('{"_count":"asc"}'))).toEqual(['a', 'b', 'c'])
    expect(keys(run('{"avg_p":"desc"}'))).toEqual(['b', 'c', 'a'])
    expect(() => run('{"nope":"desc"}')).toThrow('Invalid aggregation order path [nope]')
  })

  it('size, min_doc_count, missing, include and exclude', () => {
    const json = aggregate(
      [{ docs: [...genres, {}] }],
      { genre: 'keyword' },
      '{"g":{"terms":{"field":"genre","size":1,"missing":"N/A","exclude":["rock"]}}}',
    )
    expect(json).toBe(
      '{"g":{"doc_count_error_upper_bound":0,"sum_other_doc_count":3,"buckets":[{"key":"electronic","doc_count":6}]}}',
    )
    const min = aggregate(
      [{ docs: genres }],
      { genre: 'keyword' },
      '{"g":{"terms":{"field":"genre","min_doc_count":3,"include":"r.*|e.*"}}}',
    )
    expect(min).toBe(
      '{"g":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"electronic","doc_count":6},{"key":"rock","doc_count":3}]}}',
    )
  })

  it('counts the buckets a shard drops under shard_min_doc_count in sum_other_doc_count', () => {
    // MapStringTermsAggregator, GlobalOrdinalsStringTermsAggregator and NumericTermsAggregator add every
    // bucket's doc count to otherDocCount before the shard_min_doc_count check and take the returned ones off
    const shards = [
      {
        docs: [
          ...Array.from({ length: 3 }, () => ({ tag: 'a', n: 1, d: 0.5 })),
          { tag: 'b', n: 2, d: 1.5 },
          { tag: 'c', n: 3, d: 2.5 },
        ],
      },
      {
        docs: [
          { tag: 'a', n: 1, d: 0.5 },
          ...Array.from({ length: 2 }, () => ({ tag: 'b', n: 2, d: 1.5 })),
          { tag: 'd', n: 4, d: 3.5 },
        ],
      },
    ]
    const json = aggregate(
      shards,
      { tag: 'keyword', n: 'long', d: 'double' },
      '{"tag":{"terms":{"field":"tag","min_doc_count":2,"shard_min_doc_count":2}},' +
        '"n":{"terms":{"field":"n","min_doc_count":2,"shard_min_doc_count":2}},' +
        '"d":{"terms":{"field":"d","min_doc_count":2,"shard_min_doc_count":2}}}',
    )
    expect(json).toBe(
      '{"tag":{"doc_count_error_upper_bound":0,"sum_other_doc_count":4,"buckets":[{"key":"a","doc_count":3},{"key":"b","doc_count":2}]},' +
        '"n":{"doc_count_error_upper_bound":0,"sum_other_doc_count":4,"buckets":[{"key":1,"doc_count":3},{"key":2,"doc_count":2}]},' +
        '"d":{"doc_count_error_upper_bound":0,"sum_other_doc_count":4,"buckets":[{"key":0.5,"doc_count":3},{"key":1.5,"doc_count":2}]}}',
    )
    // without shard_min_doc_count the shards return every bucket and the reduce drops those under min_doc_count
    // without counting them (a: 4, b: 3 pass; c and d do not)
    expect(aggregate(shards, { tag: 'keyword' }, '{"tag":{"terms":{"field":"tag","min_doc_count":2}}}')).toBe(
      '{"tag":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"a","doc_count":4},{"key":"b","doc_count":3}]}}',
    )
  })

  it('an unmapped field gives no buckets; a text field is refused as ES refuses it', () => {
    expect(aggregate([{ docs: genres }], {}, '{"g":{"terms":{"field":"genre"}}}')).toBe(
      '{"g":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]}}',
    )
    expect(() =>
      aggregate([{ docs: genres }], { genre: 'text' }, '{"g":{"terms":{"field":"genre"}}}'),
    ).toThrow(
      'Text fields are not optimised for operations that require per-document field data like aggregations and sorting',
    )
  })

  it('validates size', () => {
    let error: unknown
    try {
      aggregate([{ docs: genres }], { genre: 'keyword' }, '{"g":{"terms":{"field":"genre","size":0}}}')
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({
      type: 'x_content_parse_exception',
      reason: '[1:1] [terms] failed to parse field [size]',
      causedBy: {
        type: 'illegal_argument_exception',
        reason: '[size] must be greater than 0. Found [0] in [g]',
      },
    })
  })
})
