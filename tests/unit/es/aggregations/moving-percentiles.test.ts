// moving_percentiles over a histogram's TDigest percentiles (x-pack analytics/moving_percentiles.yml's shape, with a
// numeric field for its histogram field): the window merge, shift, the first bucket left alone, and the builder's and
// the path's refusals.
import { describe, expect, it } from 'vitest'
import { aggregate, type Doc } from './fixture.ts'
import { failure } from '../es-failure.ts'

// day 1: 1, 2, 3; day 2: 10, 20; day 3: 100
const docs: Doc[] = [
  { day: 1, v: 1 },
  { day: 1, v: 2 },
  { day: 1, v: 3 },
  { day: 2, v: 10 },
  { day: 2, v: 20 },
  { day: 3, v: 100 },
]
const types = { day: 'long', v: 'double' } as const

function histo(
  pipeline: string,
  metric = '"percentiles":{"field":"v","percents":[50],"keyed":false}',
): string {
  return aggregate(
    [{ docs: docs.slice(0, 4) }, { docs: docs.slice(4) }],
    types,
    `{"histo":{"histogram":{"field":"day","interval":1},"aggs":{"p":{${metric}},"mp":{"moving_percentiles":${pipeline}}}}}`,
  )
}

const bucket = (day: number, count: number, p50: string, moving: string | null) =>
  `{"key":${day}.0,"doc_count":${count},"p":{"values":[{"key":50.0,"value":${p50}}]}` +
  (moving === null ? '}' : `,"mp":{"values":[{"key":50.0,"value":${moving}}]}}`)

describe('moving_percentiles', () => {
  it('merges the digests of the window before each bucket; the first bucket gets nothing (default chooses tdigest)', () => {
    expect(histo('{"buckets_path":"p","window":2}')).toBe(
      `{"histo":{"buckets":[${bucket(1, 3, '2.0', null)},${bucket(2, 2, '15.0', '2.0')},${bucket(3, 1, '100.0', '3.0')}]}}`,
    )
  })

  it('moves the window with shift (moving_percentiles.yml: shift)', () => {
    expect(histo('{"buckets_path":"p","window":2,"shift":1}')).toBe(
      `{"histo":{"buckets":[${bucket(1, 3, '2.0', '2.0')},${bucket(2, 2, '15.0', '3.0')},${bucket(3, 1, '100.0', '20.0')}]}}`,
    )
  })

  it('keeps the percentiles` keyed output and percents', () => {
    const json = histo(
      '{"buckets_path":"p","window":1,"shift":1}',
      '"percentiles":{"field":"v","percents":[0,100]}',
    )
    expect(json).toContain('"mp":{"values":{"0.0":10.0,"100.0":20.0}}')
  })

  it('refuses a bad window, missing arguments and a path to something else', () => {
    expect(failure(() => histo('{"buckets_path":"p","window":-1}'))).toEqual({
      type: 'x_content_parse_exception',
      reason: '[1:1] [moving_percentiles] failed to parse field [window]',
    })
    expect(failure(() => histo('{"window":2}'))).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Required [buckets_path]',
    })
    expect(failure(() => histo('{"buckets_path":"p","window":2}', '"max":{"field":"v"}'))).toEqual({
      type: 'illegal_argument_exception',
      reason:
        'buckets_path must reference a percentiles percentiles aggregation, got: [InternalNumericMetric] at aggregation [p]',
    })
    expect(
      failure(() =>
        aggregate(
          [{ docs }],
          types,
          '{"p":{"percentiles":{"field":"v"}},"mp":{"moving_percentiles":{"buckets_path":"p","window":2}}}',
        ),
      ).reason,
    ).toContain(
      "moving_percentiles aggregation [mp] must have a histogram, date_histogram or auto_date_histogram as parent but doesn't have a parent",
    )
  })
})
