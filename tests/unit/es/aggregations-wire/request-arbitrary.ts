// Random documents and random aggregation requests (JSON text) over the wire fixture's fields, covering
// every aggregation type of aggregation-registry.ts with its value-format, keyed, order, bounds and `meta`
// options, and bucket aggregations nesting up to two levels of sub-aggregations.
import fc from 'fast-check'
import type { Doc } from '../aggregations/fixture.ts'

const DAY = 86_400_000
const BASE = Date.UTC(2024, 0, 1)

const keyword = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'é', 'Z')
const long = fc.integer({ min: -30, max: 30 })
const double = fc.integer({ min: -60, max: 60 }).map((n) => n / 4)
const date = fc.integer({ min: -40 * 24, max: 40 * 24 }).map((hours) => BASE + hours * 3_600_000)
const maybeMany = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.constant(undefined))

const docArb = fc.record({
  t: maybeMany(keyword),
  v: maybeMany(long),
  d: maybeMany(double),
  b: fc.option(fc.boolean(), { nil: undefined }),
  ts: maybeMany(date),
})

/** 1–4 shards of random documents, each with a distinct `rank` and `id` for top_hits. */
export const shardsArb: fc.Arbitrary<Doc[][]> = fc
  .array(fc.array(docArb, { maxLength: 12 }), { minLength: 1, maxLength: 4 })
  .map((shards) => {
    let rank = 0
    return shards.map((docs) =>
      docs.map((doc) => {
        rank++
        const out: Doc = { id: `d${rank}`, rank }
        for (const [k, v] of Object.entries(doc)) if (v !== undefined) out[k] = v
        return out
      }),
    )
  })

const json = (value: unknown): string => JSON.stringify(value)

/** Text members (`"key":value`) of which some may be absent. */
function object(...members: Array<[string, string | undefined]>): string {
  return `{${members.flatMap(([k, v]) => (v === undefined ? [] : [`${json(k)}:${v}`])).join(',')}}`
}

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })

/** `meta` as sent: number lexemes, nesting, escapes and a `__proto__` key must come back unchanged. */
const metaArb = opt(
  fc.constantFrom(
    '{"owner":"ops"}',
    '{"n":1.50,"big":1e3,"neg":-0,"list":[1,"two",null,true,{"x":[]}]}',
    '{"__proto__":{"k":"v"},"esc":"a\\"b\\\\c\\n\\u0001é"}',
    '{}',
  ),
)

const numericField = fc.constantFrom('v', 'd', 'ts')
const anyField = fc.constantFrom('t', 'v', 'd', 'b', 'ts')

const metricArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom('avg', 'sum', 'min', 'max'), fc.constantFrom('v', 'd', 'ts', 'b'), opt(long))
    .map(([type, field, missing]) =>
      object([type, object(['field', json(field)], ['missing', json(missing)])]),
    ),
  fc
    .tuple(anyField, opt(fc.constantFrom('"zz"', '7')))
    .map(([field, missing]) =>
      object([
        'value_count',
        object(['field', json(field)], ['missing', field === 't' ? missing : undefined]),
      ]),
    ),
  fc
    .tuple(fc.constantFrom('stats', 'extended_stats'), numericField, opt(fc.constantFrom(0, 1.5, 3)))
    .map(([type, field, sigma]) =>
      object([
        type,
        object(['field', json(field)], ['sigma', type === 'extended_stats' ? json(sigma) : undefined]),
      ]),
    ),
  fc
    // Thresholds of 1 and 2 (precision 4, at most 3 linear-counting hashes) put small shards in HLL mode.
    .tuple(anyField, opt(fc.constantFrom(1, 1, 2, 100)))
    .map(([field, threshold]) =>
      object(['cardinality', object(['field', json(field)], ['precision_threshold', json(threshold)])]),
    ),
  fc
    .tuple(numericField, opt(fc.subarray([0, 1, 25, 50, 62.5, 99, 100], { minLength: 1 })), opt(fc.boolean()))
    .map(([field, percents, keyed]) =>
      object([
        'percentiles',
        object(['field', json(field)], ['percents', json(percents)], ['keyed', json(keyed)]),
      ]),
    ),
  fc
    .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 3 }))
    .map(([from, size]) => object(['top_hits', object(['from', json(from)], ['size', json(size)])])),
  fc
    .tuple(numericField, fc.subarray([-5, 0, 2.5, 10, 1e6], { minLength: 1 }), opt(fc.boolean()))
    .map(([field, values, keyed]) =>
      object([
        'percentile_ranks',
        object(['field', json(field)], ['values', json(values)], ['keyed', json(keyed)]),
      ]),
    ),
  fc
    .tuple(fc.constantFrom('median_absolute_deviation', 'boxplot'), numericField)
    .map(([type, field]) => object([type, object(['field', json(field)])])),
  fc
    .tuple(fc.constantFrom('v', 'd'), opt(long))
    .map(([field, missing]) =>
      object([
        'weighted_avg',
        object(
          ['value', object(['field', json(field)])],
          ['weight', object(['field', '"b"'], ['missing', json(missing)])],
        ),
      ]),
    ),
  opt(fc.boolean()).map((show) =>
    object(['string_stats', object(['field', '"t"'], ['show_distribution', json(show)])]),
  ),
  fc
    .tuple(fc.constantFrom('rank', 'v', 'ts'), fc.constantFrom('asc', 'desc'), fc.integer({ min: 1, max: 3 }))
    .map(([sort, order, size]) =>
      object([
        'top_metrics',
        object(
          ['metrics', '[{"field":"v"},{"field":"t"},{"field":"ts"}]'],
          ['sort', object([sort, json(order)])],
          ['size', json(size)],
        ),
      ]),
    ),
)

const countOrKey = fc.constantFrom(
  '{"_count":"desc"}',
  '{"_count":"asc"}',
  '{"_key":"asc"}',
  '{"_key":"desc"}',
  '[{"_count":"asc"},{"_key":"desc"}]',
)

type BucketSpec = { body: string; subs: string[] }

/** The metric a terms `order` path (`m`) sorts by; its `missing` is one no random metric has. */
const ORDER_METRIC = '{"max":{"field":"v","missing":-1000}}'

function termsArb(subs: fc.Arbitrary<string[]>): fc.Arbitrary<BucketSpec> {
  return fc
    .record({
      field: anyField,
      size: fc.integer({ min: 1, max: 5 }),
      shardSize: opt(fc.integer({ min: 1, max: 6 })),
      minDocCount: opt(fc.integer({ min: 0, max: 2 })),
      showError: opt(fc.boolean()),
      order: fc.oneof(
        countOrKey,
        fc.constant('{"m":"desc"}'),
        fc.constant('[{"m":"asc"},{"_count":"desc"}]'),
      ),
      missing: fc.boolean(),
      subs,
    })
    .map((r) => {
      const byMetric = r.order.includes('"m"')
      return {
        body: object([
          'terms',
          object(
            ['field', json(r.field)],
            ['size', json(r.size)],
            ['shard_size', json(r.shardSize)],
            ['min_doc_count', json(r.minDocCount)],
            ['show_term_doc_count_error', json(r.showError)],
            ['order', r.order],
            ['missing', r.missing && r.field === 't' ? '"zz"' : undefined],
          ),
        ]),
        subs: byMetric ? [...r.subs, ORDER_METRIC].slice(-2) : r.subs,
      }
    })
}

function multiTermsArb(subs: fc.Arbitrary<string[]>): fc.Arbitrary<BucketSpec> {
  return fc
    .record({
      fields: fc.subarray(['t', 'v', 'd', 'b', 'ts'], { minLength: 2, maxLength: 3 }),
      missing: fc.boolean(),
      size: fc.integer({ min: 1, max: 5 }),
      shardSize: opt(fc.integer({ min: 1, max: 6 })),
      minDocCount: opt(fc.integer({ min: 1, max: 2 })),
      shardMinDocCount: opt(fc.integer({ min: 0, max: 2 })),
      showError: opt(fc.boolean()),
      order: fc.oneof(countOrKey, fc.constant('{"m":"desc"}')),
      subs,
    })
    .map((r) => ({
      body: object([
        'multi_terms',
        object(
          [
            'terms',
            json(
              r.fields.map((field) =>
                field === 't' && r.missing
                  ? { field, missing: 'zz' }
                  : field === 'ts'
                    ? { field, format: 'yyyy-MM-dd' }
                    : { field },
              ),
            ),
          ],
          ['size', json(r.size)],
          ['shard_size', json(r.shardSize)],
          ['min_doc_count', json(r.minDocCount)],
          ['shard_min_doc_count', json(r.shardMinDocCount)],
          ['show_term_doc_count_error', json(r.showError)],
          ['order', r.order],
        ),
      ]),
      subs: r.order.includes('"m"') ? [...r.subs, ORDER_METRIC].slice(-2) : r.subs,
    }))
}

function autoDateHistogramArb(subs: fc.Arbitrary<string[]>): fc.Arbitrary<BucketSpec> {
  return fc
    .record({
      buckets: opt(fc.integer({ min: 1, max: 12 })),
      minimum: opt(fc.constantFrom('minute', 'hour', 'day', 'month')),
      zone: opt(fc.constantFrom('+01:00', 'America/New_York', 'Asia/Kolkata')),
      format: opt(fc.constantFrom('yyyy-MM-dd', "yyyy-MM-dd'T'HH:mmXXX")),
      subs,
    })
    .map((r) => ({
      body: object([
        'auto_date_histogram',
        object(
          ['field', '"ts"'],
          ['buckets', json(r.buckets)],
          ['minimum_interval', json(r.minimum)],
          ['time_zone', json(r.zone)],
          ['format', json(r.format)],
        ),
      ]),
      subs: r.subs,
    }))
}

function histogramArb(subs: fc.Arbitrary<string[]>): fc.Arbitrary<BucketSpec> {
  return fc
    .record({
      field: fc.constantFrom('v', 'd'),
      interval: fc.constantFrom(1, 2.5, 5, 10),
      offset: opt(fc.constantFrom(1, 0.5)),
      minDocCount: opt(fc.integer({ min: 0, max: 1 })),
      bounds: opt(fc.constantFrom('{"min":-40,"max":40}', '{"min":0}', '{"max":5}')),
      hard: opt(fc.constantFrom('{"min":-40,"max":40}', '{"min":-45}')),
      keyed: opt(fc.boolean()),
      order: opt(countOrKey),
      subs,
    })
    .map((r) => ({
      body: object([
        'histogram',
        object(
          ['field', json(r.field)],
          ['interval', json(r.interval)],
          ['offset', json(r.offset)],
          ['min_doc_count', json(r.minDocCount)],
          ['extended_bounds', r.bounds],
          ['hard_bounds', r.hard],
          ['keyed', json(r.keyed)],
          ['order', r.order],
        ),
      ]),
      subs: r.subs,
    }))
}

function dateHistogramArb(subs: fc.Arbitrary<string[]>): fc.Arbitrary<BucketSpec> {
  return fc
    .record({
      interval: fc.constantFrom(
        ['calendar_interval', 'week'],
        ['calendar_interval', 'month'],
        ['calendar_interval', '1q'],
        ['calendar_interval', 'year'],
        ['fixed_interval', '7d'],
        ['fixed_interval', '5d'],
      ),
      zone: opt(fc.constantFrom('+01:00', 'America/New_York', 'Asia/Kolkata', 'EST', 'UTC')),
      format: opt(fc.constantFrom('yyyy-MM-dd', 'MM-yyyy', "yyyy-MM-dd'T'HH:mmXXX")),
      offset: opt(fc.constantFrom('+6h', '-1d')),
      minDocCount: opt(fc.integer({ min: 0, max: 1 })),
      bounds: opt(fc.constantFrom('{"min":"2023-11-01","max":"2024-03-01"}', `{"min":${BASE}}`)),
      keyed: opt(fc.boolean()),
      subs,
    })
    .map((r) => ({
      body: object([
        'date_histogram',
        object(
          ['field', '"ts"'],
          [r.interval[0], json(r.interval[1])],
          ['time_zone', json(r.zone)],
          ['format', json(r.format)],
          ['offset', json(r.offset)],
          ['min_doc_count', json(r.minDocCount)],
          // Bounds given as dates parse in the request's format, so they go only with the field's.
          ['extended_bounds', r.format === undefined ? r.bounds : undefined],
          ['keyed', json(r.keyed)],
        ),
      ]),
      subs: r.subs,
    }))
}

const rangeEntry = fc.record({
  from: opt(fc.integer({ min: -20, max: 10 })),
  to: opt(fc.integer({ min: 11, max: 30 })),
  key: opt(fc.constantFrom('low', 'high')),
})

function rangeArb(subs: fc.Arbitrary<string[]>): fc.Arbitrary<BucketSpec> {
  return fc
    .record({
      field: fc.constantFrom('v', 'd'),
      ranges: fc.array(rangeEntry, { minLength: 1, maxLength: 3 }),
      keyed: opt(fc.boolean()),
      subs,
    })
    .map((r) => ({
      body: object([
        'range',
        object(['field', json(r.field)], ['ranges', json(r.ranges)], ['keyed', json(r.keyed)]),
      ]),
      subs: r.subs,
    }))
}

const dateRangeEntry = fc.record({
  from: opt(fc.constantFrom('2023-12-15', BASE - 10 * DAY, 'now-55y')),
  to: opt(fc.constantFrom('2024-01-20', BASE + 30 * DAY, '2024-02-01||+1M/M')),
  key: opt(fc.constantFrom('early', 'late')),
})

function dateRangeArb(subs: fc.Arbitrary<string[]>): fc.Arbitrary<BucketSpec> {
  return fc
    .record({
      ranges: fc.array(dateRangeEntry, { minLength: 1, maxLength: 3 }),
      zone: opt(fc.constantFrom('Europe/Paris', '-03:30')),
      keyed: opt(fc.boolean()),
      subs,
    })
    .map((r) => ({
      body: object([
        'date_range',
        object(
          ['field', '"ts"'],
          ['ranges', json(r.ranges)],
          ['time_zone', json(r.zone)],
          ['keyed', json(r.keyed)],
        ),
      ]),
      subs: r.subs,
    }))
}

const query = fc.constantFrom('{"term":{"t":"a"}}', '{"range":{"v":{"gte":0,"lt":20}}}', '{"match_all":{}}')

function singleBucketArb(subs: fc.Arbitrary<string[]>): fc.Arbitrary<BucketSpec> {
  return fc
    .tuple(
      fc.oneof(
        query.map((q) => object(['filter', q])),
        fc.constantFrom('t', 'v').map((field) => object(['missing', object(['field', json(field)])])),
        fc.constant('{"global":{}}'),
        fc.integer({ min: 1, max: 4 }).map((size) => object(['sampler', object(['shard_size', json(size)])])),
      ),
      subs,
    )
    .map(([body, s]) => ({ body, subs: s }))
}

function filtersArb(subs: fc.Arbitrary<string[]>): fc.Arbitrary<BucketSpec> {
  return fc
    .record({
      queries: fc.array(query, { minLength: 1, maxLength: 3 }),
      named: fc.boolean(),
      other: opt(fc.constantFrom('"other_bucket":true', '"other_bucket_key":"rest"')),
      keyed: opt(fc.boolean()),
      subs,
    })
    .map((r) => {
      const filters = r.named
        ? `{${r.queries.map((q, i) => `"f${2 - i}":${q}`).join(',')}}`
        : `[${r.queries.join(',')}]`
      const members = [`"filters":${filters}`, ...(r.other === undefined ? [] : [r.other])]
      if (r.keyed !== undefined) members.push(`"keyed":${r.keyed}`)
      return { body: `{"filters":{${members.join(',')}}}`, subs: r.subs }
    })
}

/** A composite (only at the top level, where ES allows it) over one to three sources. */
function compositeArb(subs: fc.Arbitrary<string[]>): fc.Arbitrary<BucketSpec> {
  const source = fc.constantFrom(
    '{"terms":{"field":"t","missing_bucket":true}}',
    '{"terms":{"field":"v","order":"desc"}}',
    '{"terms":{"field":"b","missing_bucket":true,"missing_order":"last"}}',
    '{"histogram":{"field":"d","interval":2.5}}',
    '{"date_histogram":{"field":"ts","calendar_interval":"1w","format":"yyyy-MM-dd"}}',
    '{"date_histogram":{"field":"ts","fixed_interval":"2d","missing_bucket":true,"order":"desc"}}',
  )
  return fc
    .record({
      sources: fc.array(source, { minLength: 1, maxLength: 3 }),
      size: opt(fc.integer({ min: 1, max: 6 })),
      subs,
    })
    .map((r) => ({
      body: object([
        'composite',
        object(
          ['size', json(r.size)],
          ['sources', `[${r.sources.map((body, i) => `{"s${i}":${body}}`).join(',')}]`],
        ),
      ]),
      subs: r.subs,
    }))
}

/** One aggregation's definition (its body, `meta`, and `aggs` for bucket types), nesting `depth` levels. */
function aggregationArb(depth: number): fc.Arbitrary<string> {
  const subs: fc.Arbitrary<string[]> =
    depth === 0 ? fc.constant([]) : fc.array(aggregationArb(depth - 1), { maxLength: 2 })
  const bucket = fc.oneof(
    termsArb(subs),
    multiTermsArb(subs),
    histogramArb(subs),
    autoDateHistogramArb(subs),
    dateHistogramArb(subs),
    rangeArb(subs),
    dateRangeArb(subs),
    singleBucketArb(subs),
    filtersArb(subs),
    ...(depth === 2 ? [compositeArb(subs)] : []),
  )
  const spec = fc.oneof(
    metricArb.map((body): BucketSpec => ({ body, subs: [] })),
    bucket,
  )
  return fc.tuple(spec, metaArb).map(([{ body, subs: children }, meta]) => {
    const members = [body.slice(1, -1)]
    if (meta !== undefined) members.push(`"meta":${meta}`)
    if (children.length > 0) members.push(`"aggs":${siblings(children)}`)
    return `{${members.join(',')}}`
  })
}

/** Sibling definitions named by position (`m` for the metric a terms `order` path names). */
function siblings(definitions: readonly string[]): string {
  return `{${definitions.map((d, i) => `"${d === ORDER_METRIC ? 'm' : `a${i}`}":${d}`).join(',')}}`
}

export const requestArb: fc.Arbitrary<string> = fc
  .array(aggregationArb(2), { minLength: 1, maxLength: 3 })
  .map((definitions) => siblings(definitions))
