// diversified_sampler as ES 8 samples, over search.aggregation/410_diversified_sampler.yml's documents with the
// scores its query gives them (the `javascript` document scores highest, the three `kibana` ones tie), and the
// builder's errors.
import { describe, expect, it } from 'vitest'
import { parseFailure, shard, type Doc, type Types } from './fixture.ts'
import { failure } from '../es-failure.ts'
import {
  aggregationsResponse,
  collectAggregations,
  parseAggregations,
  reduceShardAggregations,
  type ShardContext,
} from '../../../../workers/es/search/aggregations/index.ts'
import { parseJson, toJson } from '../../../../workers/es/xcontent/index.ts'

const docs: Doc[] = [
  { author: 'alice', number: 1, class: 1 },
  { author: 'bob', number: 2, class: 1 },
  { author: 'alice', number: 3, class: 2 },
  { author: 'alice', number: 4, class: 1 },
]
const types: Types = { author: 'keyword', number: 'long', class: 'long', tags: 'keyword' }
const scores = [1, 1, 1, 2]

/** The fixture's shard with the query's scores: best first, ties to the lower doc id. */
function scoredShard(all: readonly Doc[]): ShardContext {
  const base = shard(all, types)
  return {
    ...base,
    bucketedSort: (ids, sort, size) => {
      const top = [...ids]
        .sort((a, b) => scores[b]! - scores[a]! || a - b)
        .slice(0, size)
        .map((docId) => ({ docId, score: scores[docId]!, sortValues: [] }))
      return { field: base.bucketedSort([], sort, 0).field, top }
    },
  }
}

const run = (sampler: object, all: readonly Doc[] = docs): string => {
  const aggs = {
    diversified: {
      diversified_sampler: sampler,
      aggs: { min_number: { min: { field: 'number' } }, max_number: { max: { field: 'number' } } },
    },
  }
  const builders = parseAggregations(parseJson(JSON.stringify(aggs)))
  const perShard = [
    collectAggregations(
      builders,
      scoredShard(all),
      all.map((_, i) => i),
    ),
  ]
  return toJson(aggregationsResponse(reduceShardAggregations(perShard, undefined, builders)))
}
const result = (count: number, min: string, max: string) =>
  `{"diversified":{"doc_count":${count},"min_number":{"value":${min}},"max_number":{"value":${max}}}}`

describe('diversified_sampler', () => {
  it('keeps the best documents, one per author by default, as the yml tests expect', () => {
    expect(run({ field: 'author', shard_size: 1 })).toBe(result(1, '4.0', '4.0'))
    expect(run({ field: 'author' })).toBe(result(2, '2.0', '4.0'))
    expect(run({ field: 'author', max_docs_per_value: 3 })).toBe(result(4, '1.0', '4.0'))
    expect(run({ field: 'class' })).toBe(result(2, '3.0', '4.0'))
  })

  it('samples nothing on an unmapped field, and shares key 0 between no value and the first term', () => {
    expect(run({ field: 'nope' })).toBe(result(0, 'null', 'null'))
    // the document without an author takes alice's ordinal 0, so the better alice document pushes it out
    const withMissing: Doc[] = [
      { number: 1 },
      { author: 'bob', number: 2 },
      { author: 'bob', number: 3 },
      docs[3]!,
    ]
    expect(run({ field: 'author' }, withMissing)).toBe(result(2, '2.0', '4.0'))
  })

  it('fails on a multi-valued key, and refuses negative sizes', () => {
    const multi: Doc[] = [...docs.slice(0, 3), { author: ['alice', 'bob'], number: 4 }]
    expect(failure(() => run({ field: 'author' }, multi))).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Sample diversifying key must be a single valued-field',
    })
    const sampler = (body: object) =>
      JSON.stringify({ d: { diversified_sampler: { field: 'author', ...body } } })
    expect(parseFailure(sampler({ shard_size: -1 }))).toContain(
      '[shardSize] must be greater than or equal to 0. Found [-1] in [d]',
    )
    expect(parseFailure(sampler({ max_docs_per_value: -2 }))).toContain(
      '[maxDocsPerValue] must be greater than or equal to 0. Found [-2] in [d]',
    )
  })
})
