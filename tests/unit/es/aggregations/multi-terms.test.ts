// multi_terms as x-pack analytics collects, reduces and prints it (analytics/multi_terms.yml's products-1 and
// products-2, one shard each): keys as lists of terms, key_as_string joined with '|', ES's sum_other_doc_count and
// doc_count_error_upper_bound, orders, min_doc_count, and the builder's errors.
import { describe, expect, it } from 'vitest'
import { aggregate, shard, type Doc, type Types } from './fixture.ts'
import {
  aggregationsResponse,
  collectAggregations,
  parseAggregations,
  reduceShardAggregations,
} from '../../../../workers/es/search/aggregations/index.ts'
import { parseJson, toJson } from '../../../../workers/es/xcontent/index.ts'
import { failureBody } from '../es-failure.ts'

const types = {
  genre: 'keyword',
  product: 'keyword',
  quantity: 'long',
  ts: 'date',
  b: 'boolean',
  d: 'double',
} as const

const p = (genre: string, product?: string, quantity?: number): Doc =>
  product === undefined ? { genre } : { genre, product, quantity: quantity! }

const PRODUCTS = [
  {
    docs: [
      p('rock', 'Product A', 4),
      p('rock', 'Product A', 5),
      p('rock', 'Product B', 1),
      p('jazz', 'Product B', 10),
      p('electronic', 'Product B', 3),
      p('electronic'),
      p('pop', 'Product C', 12),
      p('pop', 'Product C', 100),
    ],
  },
  {
    docs: [
      p('soul', 'Product E', 133),
      p('soul', 'Product E', 104),
      p('dance', 'Product D', 21),
      p('dance', 'Product D', 110),
      p('trance', 'Product G', 19),
      p('trance', 'Product G', 213),
      p('rock', 'Product A', 34),
    ],
  },
]

const TERMS = '"terms":[{"field":"genre"},{"field":"product"}]'
const run = (body: string, aggs = '') => aggregate(PRODUCTS, types, `{"m":{"multi_terms":{${body}}${aggs}}}`)
/** The buckets' key_as_string and doc_count, and the two totals. */
function summary(json: string): string {
  const m = (
    JSON.parse(json) as {
      m: {
        doc_count_error_upper_bound: number
        sum_other_doc_count: number
        buckets: Array<{ key_as_string: string; doc_count: number }>
      }
    }
  ).m
  const buckets = m.buckets.map((b) => `${b.key_as_string}:${b.doc_count}`).join(' ')
  return `error=${m.doc_count_error_upper_bound} other=${m.sum_other_doc_count} ${buckets}`
}

describe('multi_terms', () => {
  it('buckets each combination of the terms by doc count, then key (size parameter)', () => {
    expect(run(`${TERMS},"size":2`)).toBe(
      '{"m":{"doc_count_error_upper_bound":0,"sum_other_doc_count":9,"buckets":[' +
        '{"key":["rock","Product A"],"key_as_string":"rock|Product A","doc_count":3},' +
        '{"key":["dance","Product D"],"key_as_string":"dance|Product D","doc_count":2}]}}',
    )
    expect(summary(run(TERMS))).toBe(
      'error=0 other=0 rock|Product A:3 dance|Product D:2 pop|Product C:2 soul|Product E:2 trance|Product G:2 ' +
        'electronic|Product B:1 jazz|Product B:1 rock|Product B:1',
    )
    expect(summary(run(`${TERMS},"size":1`))).toBe('error=0 other=11 rock|Product A:3')
  })

  it('shard_size, show_term_doc_count_error and collect_mode', () => {
    expect(summary(run(`${TERMS},"size":1,"shard_size":1`))).toBe('error=0 other=12 dance|Product D:2')
    expect(run(`${TERMS},"size":1,"show_term_doc_count_error":true`)).toBe(
      '{"m":{"doc_count_error_upper_bound":0,"sum_other_doc_count":11,"buckets":[{"key":["rock","Product A"],' +
        '"key_as_string":"rock|Product A","doc_count":3,"doc_count_error_upper_bound":0}]}}',
    )
    expect(summary(run(`${TERMS},"size":1,"collect_mode":"depth_first"`))).toBe(
      'error=0 other=11 rock|Product A:3',
    )
  })

  it('orders by key, count and a sub-aggregation; an unbounded error for a count asc order cut by shard_size', () => {
    expect(summary(run(`${TERMS},"order":{"_key":"asc"},"size":2`))).toBe(
      'error=0 other=11 dance|Product D:2 electronic|Product B:1',
    )
    expect(summary(run(`${TERMS},"order":{"_key":"desc"},"size":1`))).toBe(
      'error=0 other=12 trance|Product G:2',
    )
    expect(summary(run(`${TERMS},"order":{"_count":"asc"},"size":1`))).toBe(
      'error=0 other=13 electronic|Product B:1',
    )
    expect(summary(run(`${TERMS},"order":{"_count":"asc"},"size":1,"shard_size":1`))).toBe(
      'error=-1 other=13 electronic|Product B:1',
    )
    const byQuantity = ',"aggs":{"total_quantity":{"sum":{"field":"quantity"}}}'
    expect(summary(run(`${TERMS},"order":{"total_quantity":"desc"},"size":1`, byQuantity))).toBe(
      'error=0 other=12 soul|Product E:2',
    )
    expect(summary(run(`${TERMS},"order":{"total_quantity":"asc"},"size":1`, byQuantity))).toBe(
      'error=0 other=13 rock|Product B:1',
    )
  })

  it('min_doc_count drops buckets without adding them to sum_other_doc_count; shard_min_doc_count', () => {
    expect(summary(run(`${TERMS},"min_doc_count":2`))).toBe(
      'error=0 other=0 rock|Product A:3 dance|Product D:2 pop|Product C:2 soul|Product E:2 trance|Product G:2',
    )
    expect(summary(run(`${TERMS},"min_doc_count":3,"shard_min_doc_count":1`))).toBe(
      'error=0 other=0 rock|Product A:3',
    )
    // a shard's buckets under shard_min_doc_count count in its sum_other_doc_count; products-2's one rock|Product A
    // is one of them, so rock|Product A reaches the reduce with 2 documents and loses the tie-break to dance
    expect(summary(run(`${TERMS},"shard_min_doc_count":2,"min_doc_count":2,"size":1`))).toBe(
      'error=0 other=12 dance|Product D:2',
    )
  })

  it('prints each term as its KeyConverter does: dates formatted, booleans, doubles, missing values', () => {
    const docs: Doc[] = [
      { genre: 'rock', ts: Date.UTC(2024, 0, 2, 3), b: true, d: 2 },
      { genre: 'rock', ts: Date.UTC(2024, 0, 2, 3), b: false, d: 2.5 },
      { ts: Date.UTC(2024, 0, 2, 3), b: false },
    ]
    expect(
      aggregate(
        [{ docs }],
        types,
        '{"m":{"multi_terms":{"terms":[{"field":"genre","missing":"none"},{"field":"ts","format":"yyyy-MM-dd HH:mm","time_zone":"+01:00"},{"field":"b"},{"field":"d","missing":0}]}}}',
      ),
    ).toBe(
      '{"m":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":["none","2024-01-02 04:00",false,0.0],"key_as_string":"none|2024-01-02 04:00|false|0.0","doc_count":1},' +
        '{"key":["rock","2024-01-02 04:00",false,2.5],"key_as_string":"rock|2024-01-02 04:00|false|2.5","doc_count":1},' +
        '{"key":["rock","2024-01-02 04:00",true,2.0],"key_as_string":"rock|2024-01-02 04:00|true|2.0","doc_count":1}]}}',
    )
    expect(
      aggregate(
        [{ docs }],
        types,
        '{"m":{"multi_terms":{"terms":[{"field":"genre"},{"field":"d","format":"0.00"}]}}}',
      ),
    ).toBe(
      '{"m":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":["rock","2.00"],"key_as_string":"rock|2.00","doc_count":1},' +
        '{"key":["rock","2.50"],"key_as_string":"rock|2.50","doc_count":1}]}}',
    )
  })

  it('parses a date term`s missing in its format; pipelines see the key as a list', () => {
    const docs: Doc[] = [{ genre: 'rock', ts: Date.UTC(2024, 0, 2) }, { genre: 'rock' }]
    expect(
      aggregate(
        [{ docs }],
        types,
        '{"m":{"multi_terms":{"terms":[{"field":"genre"},{"field":"ts","missing":"2024-01-01","format":"yyyy-MM-dd"}]}}}',
      ),
    ).toBe(
      '{"m":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":["rock","2024-01-01"],"key_as_string":"rock|2024-01-01","doc_count":1},' +
        '{"key":["rock","2024-01-02"],"key_as_string":"rock|2024-01-02","doc_count":1}]}}',
    )
    expect(
      failureBody(() =>
        run(
          TERMS,
          ',"aggs":{"s":{"bucket_selector":{"buckets_path":{"k":"_key"},"script":"params.k != null"}}}',
        ),
      ),
    ).toContain(
      '"reason":"buckets_path must reference either a number value or a single value numeric metric aggregation, got: [ArrayList] at aggregation [_key]"',
    )
  })

  it('promotes a term that is a long in one index and a double in another to doubles (needsPromotionToDouble)', () => {
    const builders = parseAggregations(
      parseJson('{"m":{"multi_terms":{"terms":[{"field":"genre"},{"field":"n"}]}}}'),
    )
    const perShard = [
      { docs: [{ genre: 'rock', n: 4 }], types: { genre: 'keyword', n: 'long' } },
      {
        docs: [
          { genre: 'rock', n: 4 },
          { genre: 'pop', n: 2.5 },
        ],
        types: { genre: 'keyword', n: 'double' },
      },
    ].map(({ docs, types: t }) =>
      collectAggregations(
        builders,
        shard(docs, t as Types),
        docs.map((_, i) => i),
      ),
    )
    expect(toJson(aggregationsResponse(reduceShardAggregations(perShard)))).toBe(
      '{"m":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":["rock",4.0],"key_as_string":"rock|4.0","doc_count":2},' +
        '{"key":["pop",2.5],"key_as_string":"pop|2.5","doc_count":1}]}}',
    )
  })

  it('refuses fewer than 2 terms, bad sizes and an unknown collect_mode as the builder does', () => {
    const parse = (body: string) => () => parseAggregations(parseJson(`{"m":{"multi_terms":${body}}}`))
    expect(failureBody(parse('{"terms":[{"field":"genre"}]}'))).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"[1:1] [multi_terms] failed to parse field [terms]"}],' +
        '"type":"x_content_parse_exception","reason":"[1:1] [multi_terms] failed to parse field [terms]",' +
        '"caused_by":{"type":"illegal_argument_exception","reason":"The [terms] parameter in the aggregation [m] must be present and have at least 2 fields or scripts. For a single field user terms aggregation."}},"status":400}',
    )
    expect(failureBody(parse('{"terms":[]}'))).toContain(
      '"reason":"The [terms] parameter in the aggregation [m] must be present and have at least 2 fields or scripts."}',
    )
    expect(failureBody(parse(`{${TERMS},"min_doc_count":0}`))).toContain(
      '"reason":"[minDocCount] must be greater than or equal to 1. Found [0] in [m]"',
    )
    expect(failureBody(parse(`{${TERMS},"size":0}`))).toContain(
      '"reason":"[size] must be greater than 0. Found [0] in [m]"',
    )
    expect(failureBody(parse(`{${TERMS},"collect_mode":"sideways"}`))).toContain(
      '"caused_by":{"type":"parse_exception","reason":"no [collect_mode] found for value [sideways]"}',
    )
    expect(failureBody(parse('{"terms":[{"field":"genre"},{"field":"product","include":"a"}]}'))).toContain(
      '"caused_by":{"type":"x_content_parse_exception","reason":"[1:1] [field_config] unknown field [include]"}',
    )
  })

  it('refuses a custom format or time zone on a keyword term at collection', () => {
    expect(
      failureBody(() =>
        aggregate(
          PRODUCTS,
          types,
          '{"m":{"multi_terms":{"terms":[{"field":"genre","format":"x"},{"field":"product"}]}}}',
        ),
      ),
    ).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Field [genre] of type [keyword] does not support custom formats"}],' +
        '"type":"illegal_argument_exception","reason":"Field [genre] of type [keyword] does not support custom formats"},"status":400}',
    )
  })
})
