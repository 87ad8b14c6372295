// top_metrics as x-pack's TopMetricsAggregator and InternalTopMetrics compute and print it, over the documents of
// x-pack analytics/top_metrics.yml (`v` a float field: its doc values are Java floats widened to doubles).
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc } from './fixture.ts'
import {
  checkAggregationLimits,
  parseAggregations,
} from '../../../../workers/es/search/aggregations/index.ts'
import { DEFAULT_INDEX_LIMITS } from '../../../../workers/es/index/index-limit-settings.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import { failureBody } from '../es-failure.ts'

const docs: Doc[] = [
  { s: 1, v: Math.fround(3.1415), animal: 'cat', k: 'x' },
  { s: 2, v: 1.0, animal: 'dog', k: 'x' },
  { s: 3, v: Math.fround(2.71828), animal: 'chicken', k: 'y' },
]
const types = { s: 'long', d: 'double', v: 'double', animal: 'keyword', k: 'keyword', n: 'long' } as const
const run = (aggs: string) => aggregate([{ docs: docs.slice(0, 1) }, { docs: docs.slice(1) }], types, aggs)

describe('top_metrics', () => {
  it('takes the metrics of the best document by the sort, merged across shards', () => {
    expect(run('{"tm":{"top_metrics":{"metrics":{"field":"v"},"sort":{"s":"desc"}}}}')).toBe(
      '{"tm":{"top":[{"sort":[3],"metrics":{"v":2.718280076980591}}]}}',
    )
    expect(run('{"tm":{"top_metrics":{"metrics":{"field":"v"},"sort":{"s":"asc"}}}}')).toBe(
      '{"tm":{"top":[{"sort":[1],"metrics":{"v":3.1414999961853027}}]}}',
    )
  })

  it('keeps `size` tops, prints keywords and several metrics, null for a missing one', () => {
    expect(
      run(
        '{"tm":{"top_metrics":{"metrics":[{"field":"animal"},{"field":"s"},{"field":"n"}],"sort":{"v":"asc"},"size":3}}}',
      ),
    ).toBe(
      '{"tm":{"top":[{"sort":[1.0],"metrics":{"animal":"dog","s":2,"n":null}},{"sort":[2.718280076980591],"metrics":{"animal":"chicken","s":3,"n":null}},{"sort":[3.1414999961853027],"metrics":{"animal":"cat","s":1,"n":null}}]}}',
    )
  })

  it('orders terms buckets by a metric and feeds buckets_path', () => {
    expect(
      run(
        '{"t":{"terms":{"field":"k","order":{"tm.v":"desc"}},"aggs":{"tm":{"top_metrics":{"metrics":{"field":"v"},"sort":{"s":"desc"}}}}},"sum":{"sum_bucket":{"buckets_path":"t>tm[v]"}}}',
      ),
    ).toBe(
      '{"t":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"y","doc_count":1,"tm":{"top":[{"sort":[3],"metrics":{"v":2.718280076980591}}]}},{"key":"x","doc_count":2,"tm":{"top":[{"sort":[2],"metrics":{"v":1.0}}]}}]},"sum":{"value":3.718280076980591}}',
    )
  })

  it('prints an empty list without documents', () => {
    expect(
      aggregate(
        [{ docs: [] }],
        types,
        '{"tm":{"top_metrics":{"metrics":{"field":"v"},"sort":{"s":"desc"}}}}',
      ),
    ).toBe('{"tm":{"top":[]}}')
  })

  it("refuses bad requests with ES's errors", () => {
    const parse = (aggs: string) => () => parseAggregations(parseJson(aggs, { locations: true }))
    expect(failureBody(parse('{"tm":{"top_metrics":{"metrics":{"field":"v"}}}}'))).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Required [sort]"}],"type":"illegal_argument_exception","reason":"Required [sort]"},"status":400}',
    )
    expect(failureBody(parse('{"tm":{"top_metrics":{"metrics":{"field":"v"},"sort":["s","n"]}}}'))).toBe(
      '{"error":{"root_cause":[{"type":"x_content_parse_exception","reason":"Failed to build [top_metrics] after last required field arrived"}],"type":"x_content_parse_exception","reason":"Failed to build [top_metrics] after last required field arrived","caused_by":{"type":"illegal_argument_exception","reason":"[sort] must contain exactly one sort"}},"status":400}',
    )
    expect(
      failureBody(parse('{"tm":{"top_metrics":{"size":0,"metrics":{"field":"v"},"sort":"s"}}}')),
    ).toContain(
      '"reason":"[1:63] [top_metrics] failed to parse field [sort]","caused_by":{"type":"x_content_parse_exception","reason":"Failed to build [top_metrics] after last required field arrived","caused_by":{"type":"illegal_argument_exception","reason":"[size] must be more than 0 but was [0]"}}',
    )
    // where the parser stands once the value that completed the arguments is read: a container's closing bracket
    expect(
      failureBody(
        parse('{"tm":{"top_metrics":{"size":0,\n  "sort":{"s":"desc"},\n  "metrics":[{"field":"v"}]}}}'),
      ),
    ).toContain('"reason":"[3:27] [top_metrics] failed to parse field [metrics]"')
    expect(
      failureBody(parse('{"tm":{"top_metrics":{"sort":"s","metrics":{"field":"v"},\n "size":0}}}')),
    ).toContain('"reason":"[2:9] [top_metrics] failed to parse field [size]"')
    expect(
      failureBody(parse('{"tm":{"top_metrics":{"sort":"s",\n "metrics":[{"field":"v"}, 7]}}}')),
    ).toContain('"reason":"[2:28] [top_metrics] metrics doesn\'t support values of type: VALUE_NUMBER"')
    expect(failureBody(parse('{"tm":{"top_metrics":{"metrics":{"field":"v"},"sort":["s", 1]}}}'))).toContain(
      '"reason":"[1:60] [top_metrics] failed to parse field [sort]","caused_by":{"type":"illegal_argument_exception","reason":"malformed sort format, within the sort array, an object, or an actual string are allowed"}',
    )
    expect(failureBody(parse('{"tm":{"top_metrics":{"metrics":{"field":"v"},"sort":7}}}'))).toContain(
      '"reason":"[1:54] [top_metrics] sort doesn\'t support values of type: VALUE_NUMBER"',
    )
    expect(
      failureBody(parse('{"tm":{"top_metrics":{"sort":"s","metrics":{"field":"v",\n "nope":1}}}}')),
    ).toContain(
      '"reason":"[2:2] [top_metrics] failed to parse field [metrics]","caused_by":{"type":"x_content_parse_exception","reason":"[2:2] [field_config] unknown field [nope]"',
    )
    expect(failureBody(parse('{"tm":{"top_metrics":{"sort":"s","metrics":{"missing":1}}}}'))).toContain(
      '"reason":"[1:56] [top_metrics] failed to parse field [metrics]","caused_by":{"type":"illegal_argument_exception","reason":"[field] and [script] cannot both be null.  Please specify one or the other."}',
    )
    expect(
      failureBody(() => run('{"tm":{"top_metrics":{"metrics":{"field":"v"},"sort":"animal"}}}')),
    ).toContain(
      '"reason":"error building sort for field [animal] of type [keyword] in index [test]: only supported on numeric fields"',
    )
    const builders = parseAggregations(
      parseJson('{"tm":{"top_metrics":{"size":100,"metrics":{"field":"v"},"sort":{"s":"desc"}}}}'),
    )
    expect(failureBody(() => checkAggregationLimits(builders, DEFAULT_INDEX_LIMITS))).toContain(
      '"reason":"[top_metrics.size] must not be more than [10] but was [100]. This limit can be set by changing the [index.top_metrics_max_size] index level setting."',
    )
  })
})
