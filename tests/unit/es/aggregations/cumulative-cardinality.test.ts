// cumulative_cardinality as ES 8's CumulativeCardinalityPipelineAggregator computes it, over the documents of
// x-pack's analytics/cumulative_cardinality.yml ("basic", "format"), and its path and parse errors.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc, type Types } from './fixture.ts'
import { parseAggregations } from '../../../../workers/es/search/aggregations/index.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import { failureBody } from '../es-failure.ts'

const at = (day: number, hour: number, user: number): Doc => ({ ts: Date.UTC(2022, 0, day, hour), user })
const docs = [
  at(1, 0, 1),
  at(1, 1, 2),
  at(1, 2, 1),
  at(2, 0, 1),
  at(2, 1, 2),
  at(2, 2, 3),
  at(3, 0, 1),
  at(3, 1, 2),
  at(3, 3, 4),
  at(4, 0, 1),
  at(4, 1, 5),
]
const types: Types = { ts: 'date', user: 'long' }
const request = (pipeline: string) =>
  `{"h":{"date_histogram":{"field":"ts","calendar_interval":"day"},"aggs":{"distinct_users":{"cardinality":{"field":"user"}},"sum_users":{"sum":{"field":"user"}},"total_users":{"cumulative_cardinality":${pipeline}}}}}`
const run = (pipeline: string) =>
  aggregate([{ docs: docs.slice(0, 5) }, { docs: docs.slice(5) }], types, request(pipeline))

describe('cumulative_cardinality', () => {
  it('counts the distinct values seen up to each bucket as a long (basic)', () => {
    const out = JSON.parse(run('{"buckets_path":"distinct_users"}')) as {
      h: { buckets: Array<{ distinct_users: { value: number }; total_users: { value: number } }> }
    }
    expect(out.h.buckets.map((b) => b.distinct_users.value)).toEqual([2, 3, 3, 2])
    expect(out.h.buckets.map((b) => b.total_users.value)).toEqual([2, 3, 4, 5])
    expect(run('{"buckets_path":"distinct_users"}')).toContain('"total_users":{"value":2}')
  })

  it('prints value_as_string in its format', () => {
    expect(run('{"buckets_path":"distinct_users","format":"00"}')).toContain(
      '"total_users":{"value":5,"value_as_string":"05"}',
    )
  })

  it('refuses a path to anything but a cardinality, and a missing path', () => {
    expect(failureBody(() => run('{"buckets_path":"_count"}'))).toContain(
      '"reason":"buckets_path must reference a cardinality aggregation, got: [Long] at aggregation [_count]"',
    )
    expect(failureBody(() => run('{"buckets_path":"distinct_users.value"}'))).toContain(
      '"reason":"buckets_path must reference a cardinality aggregation, got: [Double] at aggregation [distinct_users]"',
    )
    expect(failureBody(() => parseAggregations(parseJson('{"c":{"cumulative_cardinality":{}}}')))).toContain(
      '"type":"illegal_argument_exception","reason":"Required [buckets_path]"',
    )
  })
})
