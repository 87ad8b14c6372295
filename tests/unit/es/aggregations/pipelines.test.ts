// Pipeline aggregations over two shards: the sibling ones (avg_bucket...), the parent ones (derivative,
// cumulative_sum, bucket_script...) and their validation errors, against ES 8's pipeline aggregators
// (BucketHelpers, BucketMetricsPipelineAggregator, DerivativePipelineAggregator...) and the reference docs'
// example responses.
import { describe, expect, it } from 'vitest'
import { EsException } from '../../../../workers/es/errors/index.ts'
import { aggregate, type Doc } from './fixture.ts'

// month 1: 200 + 10 + 340 = 550; month 2: 60; month 3: nothing; month 4: 375 + 200 = 575
const sales: Doc[] = [
  { month: 1, price: 200, type: 'hat' },
  { month: 1, price: 10, type: 't-shirt' },
  { month: 1, price: 340, type: 'bag' },
  { month: 2, price: 60, type: 't-shirt' },
  { month: 4, price: 375, type: 'hat' },
  { month: 4, price: 200, type: 'bag' },
]
const types = { month: 'long', price: 'double', type: 'keyword' } as const
const shards = [{ docs: sales.slice(0, 3) }, { docs: sales.slice(3) }]

function run(pipelines: string, histogram = '"histogram":{"field":"month","interval":1}'): string {
  return aggregate(
    shards,
    types,
    `{"sales_per_month":{${histogram},"aggs":{"sales":{"sum":{"field":"price"}}}}${pipelines}}`,
  )
}

function inside(pipelines: string, histogram = '"histogram":{"field":"month","interval":1}'): string {
  return aggregate(
    shards,
    types,
    `{"sales_per_month":{${histogram},"aggs":{"sales":{"sum":{"field":"price"}},${pipelines}}}}`,
  )
}

function error(call: () => unknown): EsException {
  try {
    call()
  } catch (e) {
    if (e instanceof EsException) return e
    throw e
  }
  throw new Error('no error')
}

const BUCKETS =
  '{"key":1.0,"doc_count":3,"sales":{"value":550.0}},{"key":2.0,"doc_count":1,"sales":{"value":60.0}},' +
  '{"key":3.0,"doc_count":0,"sales":{"value":0.0}},{"key":4.0,"doc_count":2,"sales":{"value":575.0}}'

describe('sibling pipelines', () => {
  it('avg_bucket, sum_bucket, max_bucket and min_bucket skip the empty month', () => {
    const json = run(
      ',"avg":{"avg_bucket":{"buckets_path":"sales_per_month>sales"}}' +
        ',"total":{"sum_bucket":{"buckets_path":"sales_per_month>sales"}}' +
        ',"best":{"max_bucket":{"buckets_path":"sales_per_month>sales"}}' +
        ',"worst":{"min_bucket":{"buckets_path":"sales_per_month>sales"}}',
    )
    expect(json).toBe(
      `{"sales_per_month":{"buckets":[${BUCKETS}]},"avg":{"value":395.0},"total":{"value":1185.0},` +
        '"best":{"value":575.0,"keys":["4.0"]},"worst":{"value":60.0,"keys":["2.0"]}}',
    )
  })

  it('insert_zeros counts the empty month; _count reads doc counts', () => {
    const json = run(
      ',"avg":{"avg_bucket":{"buckets_path":"sales_per_month>sales","gap_policy":"insert_zeros"}}' +
        ',"docs":{"max_bucket":{"buckets_path":"sales_per_month>_count"}}',
    )
    expect(json).toContain('"avg":{"value":296.25},"docs":{"value":3.0,"keys":["1.0"]}}')
  })

  it('stats_bucket renders as stats; percentiles_bucket keyed by Double.toString', () => {
    const json = run(
      ',"s":{"stats_bucket":{"buckets_path":"sales_per_month>sales"}}' +
        ',"p":{"percentiles_bucket":{"buckets_path":"sales_per_month>sales","percents":[25,50,100]}}',
    )
    expect(json).toContain(
      '"s":{"count":3,"min":60.0,"max":575.0,"avg":395.0,"sum":1185.0},' +
        '"p":{"values":{"25.0":550.0,"50.0":550.0,"100.0":575.0}}}',
    )
  })

  it('over terms: the keys are the terms; price terms print as Double.toString', () => {
    const json = aggregate(
      shards,
      types,
      '{"t":{"terms":{"field":"type"},"aggs":{"s":{"sum":{"field":"price"}}}},"best":{"max_bucket":{"buckets_path":"t>s"}},' +
        '"p":{"terms":{"field":"price"}},"most":{"max_bucket":{"buckets_path":"p>_count"}}}',
    )
    expect(json).toContain('"best":{"value":575.0,"keys":["hat"]}')
    expect(json).toContain('"most":{"value":2.0,"keys":["200.0"]}')
  })

  it('a sibling over no buckets: avg null, max null with no keys', () => {
    const json = aggregate(
      [{ docs: [] }],
      types,
      '{"h":{"histogram":{"field":"month","interval":1},"aggs":{"s":{"sum":{"field":"price"}}}},' +
        '"a":{"avg_bucket":{"buckets_path":"h>s"}},"m":{"max_bucket":{"buckets_path":"h>s"}}}',
    )
    expect(json).toBe('{"h":{"buckets":[]},"a":{"value":null},"m":{"value":null,"keys":[]}}')
  })
})

describe('parent pipelines', () => {
  it('derivative: none on the first bucket, null across the skipped gap; cumulative_sum on every bucket', () => {
    const json = inside(
      '"d":{"derivative":{"buckets_path":"sales"}},"c":{"cumulative_sum":{"buckets_path":"sales"}}',
    )
    expect(json).toBe(
      '{"sales_per_month":{"buckets":[' +
        '{"key":1.0,"doc_count":3,"sales":{"value":550.0},"c":{"value":550.0}},' +
        '{"key":2.0,"doc_count":1,"sales":{"value":60.0},"d":{"value":-490.0},"c":{"value":610.0}},' +
        '{"key":3.0,"doc_count":0,"sales":{"value":0.0},"d":{"value":null},"c":{"value":610.0}},' +
        '{"key":4.0,"doc_count":2,"sales":{"value":575.0},"d":{"value":null},"c":{"value":1185.0}}]}}',
    )
  })

  it('bucket_script over named paths, then bucket_selector and bucket_sort', () => {
    const json = inside(
      '"avg_price":{"bucket_script":{"buckets_path":{"s":"sales","n":"_count"},"script":"params.s / params.n"}},' +
        '"big":{"bucket_selector":{"buckets_path":{"s":"sales"},"script":"params.s > 100"}},' +
        '"top":{"bucket_sort":{"sort":[{"sales":{"order":"desc"}}],"size":1}}',
    )
    expect(json).toBe(
      '{"sales_per_month":{"buckets":[{"key":4.0,"doc_count":2,"sales":{"value":575.0},"avg_price":{"value":287.5}}]}}',
    )
  })

  it('moving_fn: the window before each bucket with a value, the skipped month left out', () => {
    const json = inside(
      '"m":{"moving_fn":{"buckets_path":"sales","window":2,"script":"MovingFunctions.unweightedAvg(values)"}},' +
        '"mx":{"moving_fn":{"buckets_path":"sales","window":2,"shift":1,"script":"MovingFunctions.max(values)"}}',
    )
    expect(json).toBe(
      '{"sales_per_month":{"buckets":[' +
        '{"key":1.0,"doc_count":3,"sales":{"value":550.0},"m":{"value":null},"mx":{"value":550.0}},' +
        '{"key":2.0,"doc_count":1,"sales":{"value":60.0},"m":{"value":550.0},"mx":{"value":550.0}},' +
        '{"key":3.0,"doc_count":0,"sales":{"value":0.0}},' +
        '{"key":4.0,"doc_count":2,"sales":{"value":575.0},"m":{"value":305.0},"mx":{"value":575.0}}]}}',
    )
  })

  it("bucket_selector over a sub-terms' _bucket_count keeps the months with two or more types", () => {
    const json = aggregate(
      shards,
      types,
      '{"h":{"histogram":{"field":"month","interval":1,"min_doc_count":1},"aggs":{"t":{"terms":{"field":"type"}},' +
        '"many":{"bucket_selector":{"buckets_path":{"n":"t._bucket_count"},"script":"params.n >= 2"}}}}}',
    )
    expect(json.match(/"key":\d\.0,"doc_count"/g)).toEqual(['"key":1.0,"doc_count"', '"key":4.0,"doc_count"'])
  })

  it('serial_diff with lag 2', () => {
    const json = inside('"sd":{"serial_diff":{"buckets_path":"sales","lag":2}}')
    expect(json).toContain('{"key":4.0,"doc_count":2,"sales":{"value":575.0},"sd":{"value":515.0}}')
  })
})

describe('validation', () => {
  it('a path naming nothing', () => {
    const e = error(() => run(',"avg":{"avg_bucket":{"buckets_path":"nothing>sales"}}'))
    expect([e.type, e.status, e.reason]).toEqual([
      'action_request_validation_exception',
      400,
      'Validation Failed: 1: No aggregation found for path [nothing>sales];',
    ])
  })

  it('a sub-path naming nothing', () => {
    const e = error(() => run(',"avg":{"avg_bucket":{"buckets_path":"sales_per_month>x"}}'))
    expect(e.reason).toBe('Validation Failed: 1: No aggregation [x] found for path [sales_per_month>x];')
  })

  it('a derivative at the top level and under terms; min_doc_count 1', () => {
    expect(error(() => run(',"d":{"derivative":{"buckets_path":"sales_per_month>sales"}}')).reason).toBe(
      "Validation Failed: 1: derivative aggregation [d] must have a histogram, date_histogram or auto_date_histogram as parent but doesn't have a parent;",
    )
    expect(
      error(() =>
        aggregate(
          shards,
          types,
          '{"t":{"terms":{"field":"type"},"aggs":{"d":{"derivative":{"buckets_path":"_count"}}}}}',
        ),
      ).reason,
    ).toBe(
      'Validation Failed: 1: derivative aggregation [d] must have a histogram, date_histogram or auto_date_histogram as parent;',
    )
    expect(
      error(() =>
        inside(
          '"d":{"derivative":{"buckets_path":"sales"}}',
          '"histogram":{"field":"month","interval":1,"min_doc_count":1}',
        ),
      ).reason,
    ).toBe(
      'Validation Failed: 1: parent histogram of derivative aggregation [d] must have min_doc_count of 0;',
    )
  })

  it('a sibling pointing at a metric', () => {
    const e = error(() =>
      aggregate(shards, types, '{"s":{"sum":{"field":"price"}},"m":{"max_bucket":{"buckets_path":"s"}}}'),
    )
    expect(e.reason).toBe(
      'Validation Failed: 1: Unable to find unqualified multi-bucket aggregation in buckets_path. Path must include a multi-bucket aggregation for aggregation [m] found :org.elasticsearch.search.aggregations.metrics.SumAggregationBuilder for buckets path: s;',
    )
  })

  it('a path to a multi-value metric without a key fails at the reduce', () => {
    const e = error(() =>
      aggregate(
        shards,
        types,
        '{"h":{"histogram":{"field":"month","interval":1},"aggs":{"st":{"stats":{"field":"price"}}}},"m":{"max_bucket":{"buckets_path":"h>st"}}}',
      ),
    )
    expect([e.type, e.reason]).toEqual([
      'aggregation_execution_exception',
      'buckets_path must reference either a number value or a single value numeric metric aggregation, but [st] contains multiple values. Please specify which to use.',
    ])
  })

  // BucketHelpers.resolveBucketValue prints the value's getClass().getSimpleName(): a single-bucket aggregation
  // itself (InternalSingleBucketAggregation.getProperty with an empty path) is its own result class.
  it.each([
    ['filter', '{"term":{"type":"hat"}}', 'InternalFilter'],
    ['missing', '{"field":"type"}', 'InternalMissing'],
    ['sampler', '{}', 'InternalSampler'],
  ])('a path ending at a %s aggregation (%s) names %s', (type, body, className) => {
    const e = error(() =>
      aggregate(
        shards,
        types,
        `{"h":{"histogram":{"field":"month","interval":1},"aggs":{"one":{"${type}":${body}}}},"m":{"max_bucket":{"buckets_path":"h>one"}}}`,
      ),
    )
    expect([e.type, e.reason]).toEqual([
      'aggregation_execution_exception',
      `buckets_path must reference either a number value or a single value numeric metric aggregation, got: [${className}] at aggregation [one]`,
    ])
  })

  it('serial_diff allows a parent with min_doc_count 1 (since 7.17.4)', () => {
    const json = inside(
      '"sd":{"serial_diff":{"buckets_path":"sales"}}',
      '"histogram":{"field":"month","interval":1,"min_doc_count":1}',
    )
    expect(json).toContain('{"key":4.0,"doc_count":2,"sales":{"value":575.0},"sd":{"value":515.0}}')
  })

  it("the hand-written parsers' errors: an unknown key, a number where a string goes, no buckets_path", () => {
    expect(error(() => inside('"d":{"derivative":{"buckets_path":"sales","units":"1d"}}')).reason).toBe(
      'Unknown key for a VALUE_STRING in [d]: [units].',
    )
    expect(
      error(() => run(',"a":{"avg_bucket":{"buckets_path":"sales_per_month>sales","lag":1}}')).reason,
    ).toBe('Unexpected token VALUE_NUMBER in [a].')
    expect(error(() => inside('"d":{"derivative":{}}')).reason).toBe(
      'Missing required field [buckets_path] for derivative aggregation [d]',
    )
    expect(error(() => inside('"c":{"cumulative_sum":{"buckets_path":"sales","lag":1}}')).reason).toBe(
      '[1:1] [cumulative_sum] unknown field [lag]',
    )
  })

  it("moving_fn's window must be positive (250_moving_fn.yml)", () => {
    const e = error(() =>
      inside('"m":{"moving_fn":{"buckets_path":"sales","window":-1,"script":"MovingFunctions.max(values)"}}'),
    )
    expect([e.type, e.reason]).toEqual([
      'action_request_validation_exception',
      'Validation Failed: 1: [window] must be a positive, non-zero integer.;',
    ])
  })

  it('derivative with a unit adds normalized_value', () => {
    const json = inside('"d":{"derivative":{"buckets_path":"sales","unit":"1s"}}')
    expect(json).toContain('"d":{"value":-490.0,"normalized_value":-490000.0}')
  })

  it('bucket_sort doing nothing; an unknown gap policy', () => {
    expect(error(() => inside('"s":{"bucket_sort":{}}')).reason).toBe(
      'Validation Failed: 1: [s] is configured to perform nothing. Please set either of [sort, size, from] to use bucket_sort;',
    )
    expect(
      error(() => inside('"d":{"derivative":{"buckets_path":"sales","gap_policy":"zero"}}')).reason,
    ).toBe('Invalid gap policy: [zero], accepted values: [insert_zeros, skip, keep_values]')
  })
})
