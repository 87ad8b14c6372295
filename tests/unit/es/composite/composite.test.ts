// composite against the YAML REST test search.aggregation/230_composite.yml (its setup documents of index
// `test`, spread over two shards) and CompositeAggregationBuilder's checks; a property test against a
// brute-force grouping of the documents.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { aggregate, shard, type Doc } from '../aggregations/fixture.ts'
import {
  checkAggregationLimits,
  collectAggregations,
  parseAggregations,
} from '../../../../workers/es/search/aggregations/index.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import { DEFAULT_INDEX_LIMITS } from '../../../../workers/es/index/index-limit-settings.ts'

const docs: Doc[] = [
  { keyword: 'foo', long: [10, 20] },
  { keyword: ['foo', 'bar'] },
  { keyword: 'bar', long: [100, 0] },
  { keyword: 'bar', long: [1000, 0] },
  { date: Date.parse('2017-10-20T03:08:45Z') },
  { date: Date.parse('2017-10-21T07:00:00Z') },
]
const types = { keyword: 'keyword', long: 'long', date: 'date' } as const
const shards = [{ docs: docs.slice(0, 3) }, { docs: docs.slice(3) }]

function run(composite: string, subs = ''): string {
  return aggregate(shards, types, `{"test":{"composite":${composite}${subs}}}`)
}

function error(composite: string, subs = ''): string {
  try {
    run(composite, subs)
  } catch (e) {
    if (e instanceof EsException)
      return JSON.stringify([e.type, e.reason, e.causedBy?.type, e.causedBy?.reason])
    throw e
  }
  return 'no error'
}

function rootReason(composite: string): string {
  try {
    run(composite)
  } catch (e) {
    if (e instanceof EsException) return e.causedBy?.causedBy?.reason ?? ''
    throw e
  }
  return 'no error'
}

const LONG_KW = '"sources":[{"long":{"terms":{"field":"long"}}},{"kw":{"terms":{"field":"keyword"}}}]'

describe('composite', () => {
  it('Simple Composite aggregation', () => {
    expect(run('{"sources":[{"kw":{"terms":{"field":"keyword"}}}]}')).toBe(
      '{"test":{"after_key":{"kw":"foo"},"buckets":[{"key":{"kw":"bar"},"doc_count":3},{"key":{"kw":"foo"},"doc_count":2}]}}',
    )
  })

  it('Nested Composite aggregation: one bucket per combination of values', () => {
    expect(run(`{${LONG_KW}}`)).toBe(
      '{"test":{"after_key":{"long":1000,"kw":"bar"},"buckets":[' +
        '{"key":{"long":0,"kw":"bar"},"doc_count":2},{"key":{"long":10,"kw":"foo"},"doc_count":1},' +
        '{"key":{"long":20,"kw":"foo"},"doc_count":1},{"key":{"long":100,"kw":"bar"},"doc_count":1},' +
        '{"key":{"long":1000,"kw":"bar"},"doc_count":1}]}}',
    )
  })

  it('Aggregate After, and after a key that is not there', () => {
    expect(run(`{${LONG_KW},"after":{"long":20,"kw":"foo"}}`)).toBe(
      '{"test":{"after_key":{"long":1000,"kw":"bar"},"buckets":[' +
        '{"key":{"long":100,"kw":"bar"},"doc_count":1},{"key":{"long":1000,"kw":"bar"},"doc_count":1}]}}',
    )
    expect(run('{"sources":[{"kw":{"terms":{"field":"keyword"}}}],"after":{"kw":"delta"}}')).toBe(
      '{"test":{"after_key":{"kw":"foo"},"buckets":[{"key":{"kw":"foo"},"doc_count":2}]}}',
    )
  })

  it('date_histogram with format, after, offset and time_zone', () => {
    const date = (extra: string): string =>
      `{"sources":[{"date":{"date_histogram":{"field":"date","calendar_interval":"1d"${extra}}}}]`
    expect(run(`${date(',"format":"yyyy-MM-dd"')}}`)).toBe(
      '{"test":{"after_key":{"date":"2017-10-21"},"buckets":[{"key":{"date":"2017-10-20"},"doc_count":1},{"key":{"date":"2017-10-21"},"doc_count":1}]}}',
    )
    expect(run(`${date(',"format":"yyyy-MM-dd"')},"after":{"date":"2017-10-20"}}`)).toBe(
      '{"test":{"after_key":{"date":"2017-10-21"},"buckets":[{"key":{"date":"2017-10-21"},"doc_count":1}]}}',
    )
    expect(run(`${date(',"offset":"4h","format":"strict_date_optional_time"')}}`)).toContain(
      '"buckets":[{"key":{"date":"2017-10-19T04:00:00.000Z"},"doc_count":1},{"key":{"date":"2017-10-21T04:00:00.000Z"},"doc_count":1}]',
    )
    expect(run(`${date(',"time_zone":"-02:00","format":"strict_date_optional_time"')}}`)).toContain(
      '{"key":{"date":"2017-10-20T00:00:00.000-02:00"},"doc_count":1},{"key":{"date":"2017-10-21T00:00:00.000-02:00"},"doc_count":1}',
    )
    expect(
      run(
        `${date(',"time_zone":"-02:00","format":"strict_date_optional_time"')},"after":{"date":"2017-10-20"}}`,
      ),
    ).toBe(
      '{"test":{"after_key":{"date":"2017-10-21T00:00:00.000-02:00"},"buckets":[{"key":{"date":"2017-10-21T00:00:00.000-02:00"},"doc_count":1}]}}',
    )
    // without a format the keys are epoch millis
    expect(run(`${date('')}}`)).toContain('{"key":{"date":1508457600000},"doc_count":1}')
  })

  it('missing_bucket, missing_order, order desc, histogram keys and size', () => {
    expect(
      run(
        '{"size":3,"sources":[{"h":{"histogram":{"field":"long","interval":50,"missing_bucket":true,"order":"desc"}}}]}',
      ),
    ).toBe(
      '{"test":{"after_key":{"h":0.0},"buckets":[{"key":{"h":1000.0},"doc_count":1},{"key":{"h":100.0},"doc_count":1},{"key":{"h":0.0},"doc_count":3}]}}',
    )
    expect(
      run(
        '{"size":2,"sources":[{"h":{"histogram":{"field":"long","interval":50,"missing_bucket":true,"missing_order":"first","order":"desc"}}}]}',
      ),
    ).toBe(
      '{"test":{"after_key":{"h":1000.0},"buckets":[{"key":{"h":null},"doc_count":3},{"key":{"h":1000.0},"doc_count":1}]}}',
    )
    expect(
      run('{"sources":[{"k":{"terms":{"field":"keyword","missing_bucket":true}}}],"after":{"k":null}}'),
    ).toBe(
      '{"test":{"after_key":{"k":"foo"},"buckets":[{"key":{"k":"bar"},"doc_count":3},{"key":{"k":"foo"},"doc_count":2}]}}',
    )
  })

  it('sub-aggregations and a bucket_selector', () => {
    expect(
      run(
        '{"sources":[{"kw":{"terms":{"field":"keyword"}}}]}',
        ',"aggs":{"top":{"max":{"field":"long"}},"big":{"bucket_selector":{"buckets_path":{"m":"top"},"script":"params.m > 100"}}}',
      ),
    ).toBe(
      '{"test":{"after_key":{"kw":"foo"},"buckets":[{"key":{"kw":"bar"},"doc_count":3,"top":{"value":1000.0}}]}}',
    )
  })

  it('bucket_sort inside keeps the after_key; a sibling pipeline does not see it as multi-bucket', () => {
    expect(
      run(`{${LONG_KW}}`, ',"aggs":{"sort":{"bucket_sort":{"sort":[{"_count":"desc"}],"size":2}}}'),
    ).toBe(
      '{"test":{"after_key":{"long":1000,"kw":"bar"},"buckets":[' +
        '{"key":{"long":0,"kw":"bar"},"doc_count":2},{"key":{"long":10,"kw":"foo"},"doc_count":1}]}}',
    )
    expect(() =>
      aggregate(
        shards,
        types,
        `{"test":{"composite":{${LONG_KW}},"aggs":{"top":{"max":{"field":"long"}}}},"avg":{"avg_bucket":{"buckets_path":"test>top"}}}`,
      ),
    ).toThrow(
      'Validation Failed: 1: Unable to find unqualified multi-bucket aggregation in buckets_path. Path must include a ' +
        'multi-bucket aggregation for aggregation [avg] found :org.elasticsearch.search.aggregations.bucket.composite.' +
        'CompositeAggregationBuilder for buckets path: test>top;',
    )
  })

  it("refuses bad requests with ES's errors", () => {
    expect(error('{"sources":[]}')).toBe(
      '["x_content_parse_exception","[1:1] [composite] failed to parse field [sources]","x_content_parse_exception","Failed to build [composite] after last required field arrived"]',
    )
    expect(rootReason('{"sources":[]}')).toBe('Composite [sources] cannot be null or empty')
    expect(error('{"size":1}')).toBe('["illegal_argument_exception","Required [sources]",null,null]')
    expect(
      error(
        '{"sources":[{"keyword":{"terms":{"field":"keyword"}}},{"keyword":{"terms":{"field":"keyword"}}}]}',
      ),
    ).toContain('Failed to build [composite]')
    expect(
      rootReason(
        '{"sources":[{"keyword":{"terms":{"field":"keyword"}}},{"keyword":{"terms":{"field":"keyword"}}}]}',
      ),
    ).toBe('Composite source names must be unique, found duplicates: [keyword]')
    expect(error('{"sources":[{"x":{"range":{"field":"long"}}}]}')).toBe(
      '["x_content_parse_exception","[1:1] [composite] failed to parse field [sources]","parsing_exception","invalid source type: range"]',
    )
    expect(error(`{${LONG_KW},"after":{"long":20}}`)).toBe(
      '["illegal_argument_exception","[after] has 1 value(s) but [sources] has 2",null,null]',
    )
    expect(error(`{${LONG_KW},"after":{"long":20,"kx":"foo"}}`)).toBe(
      '["illegal_argument_exception","Missing value for [after.kw]",null,null]',
    )
    expect(error(`{${LONG_KW},"after":{"long":null,"kw":"foo"}}`)).toBe(
      '["illegal_argument_exception","Invalid value for [after.long], expected comparable, got [null]",null,null]',
    )
    expect(error('{"size":1000000000,"sources":[{"k":{"terms":{"field":"keyword"}}}]}')).toContain(
      'Trying to create too many buckets. Must be less than or equal to: [65536] but was [1000000000].',
    )
    const nested = parseAggregations(
      parseJson(
        '{"test":{"terms":{"field":"long"},"aggs":{"invalid_child":{"composite":{"sources":[{"kw":{"terms":{"field":"keyword"}}}]}}}}}',
      ),
    )
    expect(() => checkAggregationLimits(nested, DEFAULT_INDEX_LIMITS)).toThrow(
      '[composite] aggregation cannot be used with a parent aggregation of type: [TermsAggregatorFactory]',
    )
  })

  it('pages through every key as a brute-force grouping does', () => {
    const doc = fc.record({
      a: fc.option(fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 2 }), { nil: undefined }),
      n: fc.option(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 2 }), { nil: undefined }),
    })
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (raw, size) => {
        const all: Doc[] = raw.map((d) => ({
          ...(d.a !== undefined ? { a: d.a } : {}),
          ...(d.n !== undefined ? { n: d.n } : {}),
        }))
        const expected = new Map<string, number>()
        for (const d of all) {
          const as = [...new Set(d['a'] === undefined ? [] : (d['a'] as string[]))]
          const ns = [...new Set(d['n'] === undefined ? [] : (d['n'] as number[]))]
          for (const a of as.length > 0 ? as : [null])
            for (const n of ns)
              expected.set(JSON.stringify([n, a]), (expected.get(JSON.stringify([n, a])) ?? 0) + 1)
        }
        const sorted = [...expected].sort(([x], [y]) => {
          const [n1, a1] = JSON.parse(x) as [number, string | null]
          const [n2, a2] = JSON.parse(y) as [number, string | null]
          return n2 - n1 || (a1 === a2 ? 0 : a1 === null ? -1 : a2 === null ? 1 : a1 < a2 ? -1 : 1)
        })
        const seen: Array<[string, number]> = []
        let after = ''
        for (;;) {
          const body = `{"size":${size},"sources":[{"n":{"terms":{"field":"n","order":"desc"}}},{"a":{"terms":{"field":"a","missing_bucket":true}}}]${after}}`
          const result = JSON.parse(
            aggregate(
              [{ docs: all.slice(0, 5) }, { docs: all.slice(5) }],
              { a: 'keyword', n: 'long' },
              `{"c":{"composite":${body}}}`,
            ),
          ) as {
            c: {
              after_key?: unknown
              buckets: Array<{ key: { n: number; a: string | null }; doc_count: number }>
            }
          }
          for (const b of result.c.buckets) seen.push([JSON.stringify([b.key.n, b.key.a]), b.doc_count])
          if (result.c.buckets.length < size) break
          after = `,"after":${JSON.stringify(result.c.after_key)}`
        }
        expect(seen).toEqual(sorted)
      }),
    )
  })

  it('crosses nodes in its wire form', () => {
    const builders = parseAggregations(parseJson(`{"test":{"composite":{${LONG_KW}}}}`))
    const [agg] = collectAggregations(builders, shard(docs, types), [0, 1, 2, 3])
    expect(JSON.stringify(agg!.writeTo())).toContain('"buckets":[{"docCount":2,"aggs":[],"key":[0,"bar"]}')
  })
})
