// significant_text over the documents of search.aggregation/90_significant_text.yml: `text` re-analyzed from the
// documents' source with the standard analyzer, JLH scores as significant_terms gives them.
import { describe, expect, it } from 'vitest'
import { aggregate, parseFailure, type Doc } from './fixture.ts'
import { failure, failureBody } from '../es-failure.ts'
import {
  DuplicateByteSequenceSpotter,
  deDuplicate,
} from '../../../../workers/es/search/aggregations/bucket/duplicate-sequence-spotter.ts'

const goodbad: Doc[] = [
  { text: 'good', class: 'good' },
  { text: 'good', class: 'good' },
  { text: 'bad', class: 'bad' },
  { text: 'bad', class: 'bad' },
  { text: 'good bad', class: 'good' },
  { text: 'good bad', class: 'bad' },
  { text: 'bad', class: 'bad' },
]
const noisy: Doc[] = [
  { text: 'good noisewords1 g1 g2 g3 g4 g5 g6', class: 'good' },
  { text: 'good  noisewords2 g1 g2 g3 g4 g5 g6', class: 'good' },
  { text: 'bad noisewords3 b1 b2 b3 b4 b5 b6', class: 'bad' },
  { text: 'bad noisewords4 b1 b2 b3 b4 b5 b6', class: 'bad' },
  { text: 'good bad noisewords5 gb1 gb2 gb3 gb4 gb5 gb6', class: 'good' },
  { text: 'good bad noisewords6 gb1 gb2 gb3 gb4 gb5 gb6', class: 'bad' },
  { text: 'bad noisewords7 b1 b2 b3 b4 b5 b6', class: 'bad' },
]
const types = { text: 'text', class: 'keyword', n: 'long', b: 'boolean', other: 'text' } as const

const byClass = (sig: string, docs: Doc[] = goodbad): string =>
  aggregate([{ docs }], types, `{"class":{"terms":{"field":"class"},"aggs":{"sig_text":${sig}}}}`)

/** Each class bucket's significant keys, as the YAML tests check them. */
const keys = (response: string): Record<string, string[]> => {
  const parsed = JSON.parse(response) as {
    class: { buckets: Array<{ key: string; sig_text: { buckets: Array<{ key: string }> } }> }
  }
  return Object.fromEntries(parsed.class.buckets.map((b) => [b.key, b.sig_text.buckets.map((s) => s.key)]))
}

describe('significant_text', () => {
  it('finds each class`s own word in the analyzed text (90_significant_text.yml: simple)', () => {
    expect(byClass('{"significant_text":{"field":"text"}}')).toBe(
      '{"class":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":"bad","doc_count":4,"sig_text":{"doc_count":4,"bg_count":7,"buckets":[{"key":"bad","doc_count":4,"score":0.39999999999999997,"bg_count":5}]}},' +
        '{"key":"good","doc_count":3,"sig_text":{"doc_count":3,"bg_count":7,"buckets":[{"key":"good","doc_count":3,"score":0.75,"bg_count":4}]}}]}}',
    )
  })

  it('applies include, exclude and min_doc_count (90_significant_text.yml)', () => {
    expect(keys(byClass('{"significant_text":{"field":"text","include":"bad"}}'))).toEqual({
      bad: ['bad'],
      good: [],
    })
    expect(keys(byClass('{"significant_text":{"field":"text","exclude":"good"}}'))).toEqual({
      bad: ['bad'],
      good: [],
    })
    expect(keys(byClass('{"significant_text":{"field":"text","min_doc_count":4}}'))).toEqual({
      bad: ['bad'],
      good: [],
    })
  })

  it('drops repeated 6-token sequences with filter_duplicate_text (90_significant_text.yml: Dedup noise)', () => {
    expect(
      keys(byClass('{"significant_text":{"field":"text","filter_duplicate_text":true}}', noisy)),
    ).toEqual({ bad: ['bad'], good: ['good'] })
    // without it the pasted b1..b6 run is in three of the four bad documents and scores
    expect(keys(byClass('{"significant_text":{"field":"text"}}', noisy))['bad']).toHaveLength(7)
  })

  it('ranks by score and keeps size (90_significant_text.yml: size)', () => {
    const more: Doc[] = [
      ...goodbad,
      { text: 'caterpillar eat snacks', class: 'good' },
      { text: 'caterpillar sick', class: 'good' },
      { text: 'caterpillar eat leaf', class: 'good' },
      { text: 'caterpillar build cocoon', class: 'good' },
      { text: 'caterpillar fly away', class: 'good' },
    ]
    expect(keys(byClass('{"significant_text":{"field":"text"}}', more))).toEqual({
      good: ['caterpillar', 'good'],
      bad: ['bad'],
    })
    expect(keys(byClass('{"significant_text":{"field":"text","size":1}}', more))).toEqual({
      good: ['caterpillar'],
      bad: ['bad'],
    })
  })

  it('takes its background from background_filter (90_significant_text.yml: background_filter)', () => {
    const ugly = goodbad.map((doc, i) => (i < 2 ? { ...doc, ugly: 'yes' } : doc))
    expect(
      keys(
        aggregate(
          [{ docs: ugly }],
          { ...types, ugly: 'keyword' },
          '{"class":{"terms":{"field":"class"},"aggs":{"sig_text":{"significant_text":{"field":"text","background_filter":{"term":{"ugly":"yes"}}}}}}}',
        ),
      ),
    ).toEqual({ bad: ['bad'], good: [] })
  })

  it('reads source_fields with the field`s analyzer, and answers UnmappedSignificantTerms for an unmapped field', () => {
    // the background frequency is the indexed field's (here empty, counted as 1 by JLH); "Cat cat" counts once
    const docs: Doc[] = [{ other: 'Cat cat' }, { other: 'cat' }, { other: 'cat' }, { other: 'dog' }]
    expect(
      aggregate(
        [{ docs, query: (doc) => doc['other'] !== 'dog' }],
        types,
        '{"s":{"significant_text":{"field":"text","source_fields":"other"}}}',
      ),
    ).toBe(
      '{"s":{"doc_count":3,"bg_count":4,"buckets":[{"key":"cat","doc_count":3,"score":3.0,"bg_count":0}]}}',
    )
    expect(aggregate([{ docs }], types, '{"s":{"significant_text":{"field":"missing"}}}')).toBe(
      '{"s":{"buckets":[]}}',
    )
  })

  it('refuses fields without an analyzer as SignificantTextAggregatorFactory does', () => {
    expect(
      failure(() => aggregate([{ docs: [{ n: 1 }] }], types, '{"s":{"significant_text":{"field":"n"}}}')),
    ).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Field [n] has no analyzer, but SignificantText requires an analyzed field',
    })
    expect(
      failure(() => aggregate([{ docs: [{ b: true }] }], types, '{"s":{"significant_text":{"field":"b"}}}')),
    ).toEqual({
      type: 'illegal_argument_exception',
      reason: 'No analyzer configured for field b',
    })
  })

  it('refuses sub-aggregations, unknown fields and bad sizes with the builder`s texts', () => {
    expect(
      failureBody(() =>
        aggregate(
          [{ docs: goodbad }],
          types,
          '{"s":{"significant_text":{"field":"text"},"aggs":{"m":{"max":{"field":"n"}}}}}',
        ),
      ),
    ).toBe(
      '{"error":{"root_cause":[{"type":"aggregation_initialization_exception","reason":"Aggregator [s] of type [significant_text] cannot accept sub-aggregations"}],"type":"aggregation_initialization_exception","reason":"Aggregator [s] of type [significant_text] cannot accept sub-aggregations"},"status":500}',
    )
    expect(
      parseFailure('{"s":{"significant_text":{"field":"text","fild":1}}}', { locations: true }),
    ).toContain('"reason":"[1:42] [significant_text] unknown field [fild] did you mean [field]?"')
    expect(parseFailure('{"s":{"significant_text":{"field":"text","shard_size":0}}}')).toContain(
      '"reason":"[shardSize] must be greater than  0. Found [0] in [s]"',
    )
  })
})

describe('DeDuplicatingTokenFilter', () => {
  it('passes a first sighting, drops a repeated run of six, and keeps counting across documents', () => {
    const spotter = new DuplicateByteSequenceSpotter()
    const run = ['a', 'b', 'c', 'd', 'e', 'f']
    expect(deDuplicate(['x', ...run], spotter)).toEqual(['x', ...run])
    spotter.startNewSequence()
    expect(deDuplicate(['y', ...run, 'z'], spotter)).toEqual(['y', 'z'])
    spotter.startNewSequence()
    expect(deDuplicate(run.slice(0, 5), spotter)).toEqual(run.slice(0, 5))
  })
})
