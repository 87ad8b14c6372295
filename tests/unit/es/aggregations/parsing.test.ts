// AggregatorFactories.parseAggregators' errors as ES 8 words them (AggregatorFactoriesTests, the
// SuggestingErrorOnUnknown suggestion "Unknown aggregation type [term] did you mean [terms]?").
import { describe, expect, it } from 'vitest'
import { parseAggregations } from '../../../../workers/es/search/aggregations/index.ts'
import { similarity, suggest } from '../../../../workers/es/common/did-you-mean.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'

function parseError(aggs: string): unknown {
  try {
    parseAggregations(parseJson(aggs))
  } catch (e) {
    return e
  }
  throw new Error('parsed')
}

describe('parseAggregations', () => {
  it('parses names, types, meta and sub-aggregations in request order', () => {
    const [top] = parseAggregations(
      parseJson(
        '{"t":{"meta":{"a":1},"terms":{"field":"x"},"aggs":{"m":{"max":{"field":"y"}},"s":{"sum":{"field":"y"}}}}}',
      ),
    )
    expect(top).toMatchObject({
      name: 't',
      type: 'terms',
      subs: [
        { name: 'm', type: 'max' },
        { name: 's', type: 'sum' },
      ],
    })
    expect(top?.meta?.get('a')).toBeDefined()
  })

  it.each([
    [
      '{"a>b":{"avg":{"field":"x"}}}',
      "Invalid aggregation name [a>b]. Aggregation names can contain any character except '[', ']', and '>'",
    ],
    ['{"a":"x"}', 'Aggregation definition for [a starts with a [VALUE_STRING], expected a [START_OBJECT].'],
    ['{"a":{"avg":1}}', 'Expected [START_OBJECT] under [avg], but got a [VALUE_NUMBER] in [a]'],
    [
      '{"a":{"terms":{"field":"x"},"avg":{"field":"x"}}}',
      'Found two aggregation type definitions in [a]: [terms] and [avg]',
    ],
    ['{"a":{"meta":{}}}', 'Missing definition for aggregation [a]'],
    ['{"a":{"term":{"field":"x"}}}', 'Unknown aggregation type [term] did you mean [terms]?'],
    [
      '{"a":{"avg":{"field":"x"},"aggs":{},"aggregations":{}}}',
      'Found two sub aggregation definitions under [a]',
    ],
  ])('%s → parsing_exception %s', (aggs, reason) => {
    expect(parseError(aggs)).toMatchObject({ type: 'parsing_exception', reason, status: 400 })
  })

  it('an unknown type is caused by named_object_not_found_exception', () => {
    expect(parseError('{"a":{"nothing_like_it":{}}}')).toMatchObject({
      reason: 'Unknown aggregation type [nothing_like_it]',
      causedBy: { type: 'named_object_not_found_exception', reason: '[1:1] unknown field [nothing_like_it]' },
    })
  })

  it('rejects unknown parameters, a missing field, and sub-aggregations under a metric', () => {
    expect(parseError('{"a":{"avg":{"field":"x","size":3}}}')).toMatchObject({
      type: 'x_content_parse_exception',
      reason: '[1:1] [avg] unknown field [size]',
    })
    expect(parseError('{"a":{"avg":{}}}')).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'Required one of fields [field, script], but none were specified. ',
    })
    expect(parseError('{"a":{"avg":{"field":"x"},"aggs":{"b":{"max":{"field":"x"}}}}}')).toMatchObject({
      type: 'aggregation_initialization_exception',
      reason: 'Aggregator [a] of type [avg] cannot accept sub-aggregations',
    })
  })
})

describe('suggestions (Lucene LevenshteinDistance > 0.5)', () => {
  it('scores as 1 - edits / max length', () => {
    expect(similarity('term', 'terms')).toBe(Math.fround(0.8))
    expect(similarity('abc', 'xyz')).toBe(0)
  })

  it('lists several candidates best first', () => {
    expect(suggest('mim', ['min', 'max', 'sum'])).toBe(' did you mean [min]?')
    expect(suggest('sun', ['sum', 'min', 'sun_x'])).toBe(' did you mean any of [sum, sun_x]?')
    expect(suggest('zzzz', ['terms'])).toBe('')
  })
})
