// random_sampler: RandomSamplingQuery's doc ids (checked against a Java run of the same skip: java.util.SplittableRandom
// and Java float arithmetic, JDK 17), the sub-aggregations' scaling by 1 / probability, and the builder's refusals;
// the documents of search.aggregation/450_random_sampler.yml.
import { describe, expect, it } from 'vitest'
import { aggregate, parseFailure, shard, type Doc } from './fixture.ts'
import { failure } from '../es-failure.ts'
import { randomSamplingDocs } from '../../../../workers/es/search/aggregations/bucket/random-sampling.ts'
import {
  checkAggregationLimits,
  parseAggregations,
} from '../../../../workers/es/search/aggregations/index.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'
import type { IndexLimits } from '../../../../workers/es/index/index-limit-settings.ts'

const data: Doc[] = [
  { product: 'server', value: 1 },
  { product: 'server', value: 1 },
  { product: 'server', value: 1 },
  { product: 'VCR', value: 4 },
  { product: 'VCR', value: 4 },
  { product: 'VCR', value: 4 },
]
const types = { product: 'keyword', value: 'long' } as const

const one = (maxDoc: number) => [{ docBase: 0, maxDoc }]

describe('RandomSamplingQuery', () => {
  it('skips as ES`s RandomSamplingIterator does, for 8-, 16- and 32-bit FastGeometric samples', () => {
    expect(randomSamplingDocs(0.1, 42, 7, one(200))).toEqual([
      12, 13, 37, 42, 75, 82, 85, 98, 99, 102, 141, 156, 167, 173, 189,
    ])
    expect(randomSamplingDocs(0.5, -5, 123456, one(50))).toEqual([
      3, 4, 8, 9, 13, 15, 18, 20, 21, 22, 23, 24, 25, 27, 29, 31, 33, 34, 37, 38, 39, 42, 45, 47, 48, 49,
    ])
    expect(randomSamplingDocs(0.3, 0, 0, one(30))).toEqual([4, 5, 10, 11, 12, 13, 16, 17, 23, 24, 26, 29])
    const sparse = randomSamplingDocs(0.001, 99, -77, one(100000))
    expect([sparse.length, sparse.slice(0, 4), sparse.at(-1)]).toEqual([122, [304, 1424, 2480, 3700], 99674])
  })

  it('restarts the stream in every segment, at its doc base', () => {
    expect(
      randomSamplingDocs(0.5, 1, 0, [
        { docBase: 0, maxDoc: 6 },
        { docBase: 6, maxDoc: 6 },
      ]),
    ).toEqual([2, 4, 8, 10])
  })
})

describe('random_sampler', () => {
  it('samples the matches and scales the sub-aggregations` counts up by 1 / p', () => {
    // seed 3 with the fixture's shard seed 0 samples docs 0, 2 and 5
    expect(
      aggregate(
        [{ docs: data }],
        types,
        '{"s":{"random_sampler":{"probability":0.5,"seed":3},"aggs":{"p":{"terms":{"field":"product"}},' +
          '"sum":{"sum":{"field":"value"}},"avg":{"avg":{"field":"value"}},"n":{"value_count":{"field":"value"}},' +
          '"st":{"stats":{"field":"value"}},"h":{"histogram":{"field":"value","interval":2}}}}}',
      ),
    ).toBe(
      '{"s":{"seed":3,"probability":0.5,"doc_count":3,' +
        '"p":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"server","doc_count":4},{"key":"VCR","doc_count":2}]},' +
        '"sum":{"value":12.0},"avg":{"value":2.0},"n":{"value":6},' +
        '"st":{"count":6,"min":1.0,"max":4.0,"avg":2.0,"sum":12.0},' +
        '"h":{"buckets":[{"key":0.0,"doc_count":4},{"key":2.0,"doc_count":0},{"key":4.0,"doc_count":2}]}}}',
    )
  })

  it('takes shard_seed as the query`s hash and prints it; probability 1.0 keeps every match unscaled', () => {
    expect(
      aggregate(
        [{ docs: data }],
        types,
        '{"s":{"random_sampler":{"probability":0.5,"seed":1,"shard_seed":0},"aggs":{"n":{"value_count":{"field":"value"}}}}}',
      ),
    ).toBe('{"s":{"seed":1,"shard_seed":0,"probability":0.5,"doc_count":2,"n":{"value":4}}}')
    expect(
      aggregate(
        [{ docs: data, query: (doc) => doc['product'] === 'VCR' }],
        types,
        '{"s":{"random_sampler":{"probability":1.0,"seed":1},"aggs":{"avg":{"avg":{"field":"value"}},"n":{"value_count":{"field":"value"}}}}}',
      ),
    ).toBe('{"s":{"seed":1,"probability":1.0,"doc_count":3,"avg":{"value":4.0},"n":{"value":3}}}')
  })

  it('refuses bad probabilities as it parses them', () => {
    expect(
      parseFailure('{"s":{"random_sampler":{"probability":1.5},"aggs":{"m":{"max":{"field":"value"}}}}}'),
    ).toContain(
      '"reason":"[1:1] [random_sampler] failed to parse field [probability]","caused_by":{"type":"illegal_argument_exception","reason":"[probability] must be between 0.0 and 0.5 or exactly 1.0, was [1.5]"}',
    )
    expect(parseFailure('{"s":{"random_sampler":{"probability":0}}}')).toContain(
      '"reason":"[probability] must be greater than 0.0, was [0.0]"',
    )
  })

  it('refuses, when built on a shard, a parent, no sub-aggregations, no probability and unsampled sub-aggregations', () => {
    const build = (aggs: string) => () =>
      checkAggregationLimits(parseAggregations(parseJson(aggs)), {} as IndexLimits)
    expect(
      failure(
        build(
          '{"t":{"terms":{"field":"product"},"aggs":{"s":{"random_sampler":{"probability":0.1},"aggs":{"m":{"max":{"field":"value"}}}}}}}',
        ),
      ),
    ).toEqual({
      type: 'illegal_argument_exception',
      reason: '[random_sampler] aggregation [s] cannot have a parent aggregation',
    })
    expect(failure(build('{"s":{"random_sampler":{"probability":0.2}}}')).reason).toBe(
      '[random_sampler] aggregation [s] must have sub-aggregations',
    )
    expect(failure(build('{"s":{"random_sampler":{},"aggs":{"m":{"max":{"field":"value"}}}}}')).reason).toBe(
      '[random_sampler] aggregation [s] must have [probability] set',
    )
    expect(
      failure(
        build(
          '{"s":{"random_sampler":{"probability":0.1},"aggs":{"unique":{"cardinality":{"field":"product"}}}}}',
        ),
      ).reason,
    ).toBe('[random_sampler] aggregation [s] does not support sampling [cardinality] aggregation [unique]')
    expect(shard(data, types).segments).toEqual(one(6))
  })
})
