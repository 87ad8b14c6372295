// buildQuery: the Query DSL to the engine's IndexQuery for each query family, and ES 8's parsing_exception /
// query_shard_exception texts (RangeQueryBuilder, TermsQueryBuilder, ExistsQueryBuilder, DisMaxQueryBuilder,
// BoostingQueryBuilder, ConstantScoreQueryBuilder fromXContent; SearchExecutionContext's "failed to create
// query" wrapping; RegexpQueryBuilder's index.max_regex_length message).
import { describe, expect, it } from 'vitest'
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { analyzeForIndexing } from '../../../../workers/es/analysis/index.ts'
import { EsException } from '../../../../workers/es/errors/index.ts'
import type { FieldMapping } from '../../../../workers/es/index/mapper/mapping.ts'
import { buildQuery } from '../../../../workers/es/search/query-builder.ts'
import { parseJson } from '../../../../workers/es/xcontent/index.ts'

const FIELDS = new Map<string, FieldMapping>([
  ['title', { type: 'text' }],
  ['body', { type: 'text' }],
  ['tag', { type: 'keyword' }],
  ['age', { type: 'long' }],
  ['price', { type: 'double' }],
  ['ratio', { type: 'float' }],
  ['born', { type: 'date' }],
  ['day', { type: 'date', format: 'dd/MM/yyyy||yyyy' }],
  ['ok', { type: 'boolean' }],
])
const INDEX = { name: 'idx', uuid: 'uuid1' }
// 2020-01-15T10:30:00Z
const NOW = 1579084200000

function build(query: object): IndexQuery {
  return buildQuery(parseJson(JSON.stringify(query)), {
    fields: FIELDS,
    analyze: analyzeForIndexing,
    nowMillis: NOW,
    index: INDEX,
  })
}

function error(query: object): { type: string; reason: string; causedBy?: string } {
  try {
    build(query)
  } catch (e) {
    if (!(e instanceof EsException)) throw e
    return e.causedBy
      ? { type: e.type, reason: e.reason, causedBy: `${e.causedBy.type}: ${e.causedBy.reason}` }
      : { type: e.type, reason: e.reason }
  }
  throw new Error('no error')
}

const term = (field: string, text: string, boost = 1): IndexQuery => ({
  type: 'term',
  field,
  term: text,
  boost,
})
const should = (queries: IndexQuery[], minimumShouldMatch = 0): IndexQuery => ({
  type: 'bool',
  must: [],
  should: queries,
  mustNot: [],
  filter: [],
  minimumShouldMatch,
  boost: 1,
})

describe('range', () => {
  it('long bounds are integral: decimals round inwards, exclusive bounds step by one', () => {
    expect(build({ range: { age: { gte: 10, lte: 20 } } })).toEqual({
      type: 'numericRange',
      field: 'age',
      lower: 10,
      upper: 20,
      boost: 1,
      point: 'long',
    })
    expect(build({ range: { age: { gt: 10, lt: 20, boost: 2 } } })).toMatchObject({
      lower: 11,
      upper: 19,
      boost: 2,
    })
    expect(build({ range: { age: { gte: 1.5, lte: '-1.5' } } })).toEqual({ type: 'matchNone' })
    expect(build({ range: { age: { gt: -1.5, lt: 2.5 } } })).toMatchObject({ lower: -1, upper: 2 })
    expect(build({ range: { age: { gte: 10 } } })).toMatchObject({ lower: 10, upper: Infinity })
  })

  it('double bounds exclude by the next representable value; float ones in float32', () => {
    expect(build({ range: { price: { gt: 1, lt: 2 } } })).toMatchObject({
      lower: 1 + Number.EPSILON,
      upper: 2 - Number.EPSILON,
    })
    expect(build({ range: { ratio: { gt: 1 } } })).toMatchObject({ lower: 1 + 2 ** -23 })
    expect(build({ range: { ratio: { gte: 0.1 } } })).toMatchObject({ lower: Math.fround(0.1) })
  })

  it('dates: the field format, the query format, date math with rounding, time_zone', () => {
    expect(build({ range: { born: { gte: '2020-01-01', lt: '2020-01-02' } } })).toMatchObject({
      type: 'numericRange',
      lower: Date.UTC(2020, 0, 1),
      upper: Date.UTC(2020, 0, 2) - 1,
    })
    expect(build({ range: { born: { gte: 'now-1d/d', lte: 'now/d' } } })).toMatchObject({
      lower: Date.UTC(2020, 0, 14),
      upper: Date.UTC(2020, 0, 16) - 1,
    })
    expect(
      build({ range: { born: { gte: '01/01/2020', lte: '2021', format: 'dd/MM/yyyy||yyyy' } } }),
    ).toMatchObject({
      lower: Date.UTC(2020, 0, 1),
      // the round-up parser defaults a missing month and day to 1 (JavaDateFormatter ROUND_UP_BASE_FIELDS)
      upper: Date.UTC(2021, 0, 1, 23, 59, 59, 999),
    })
    expect(build({ range: { day: { gt: '31/12/2019' } } })).toMatchObject({ lower: Date.UTC(2020, 0, 1) })
    expect(build({ range: { born: { gte: '2020-01-01', time_zone: '+01:00' } } })).toMatchObject({
      lower: Date.UTC(2020, 0, 1) - 3_600_000,
    })
  })

  it('keyword and text ranges are term ranges; booleans range over F and T; no bounds is exists', () => {
    expect(build({ range: { tag: { gt: 'a', lte: 'm' } } })).toEqual({
      type: 'termRange',
      field: 'tag',
      lower: 'a',
      upper: 'm',
      includeLower: false,
      includeUpper: true,
      boost: 1,
    })
    expect(build({ range: { ok: { gte: 'true' } } })).toMatchObject({ lower: 'T', upper: null })
    expect(build({ range: { tag: {} } })).toEqual({ type: 'exists', field: 'tag', boost: 1 })
    expect(build({ range: { nosuch: { gte: 1 } } })).toEqual({ type: 'matchNone' })
  })

  it('errors', () => {
    expect(error({ range: { age: { gte: 1, foo: 2 } } })).toEqual({
      type: 'parsing_exception',
      reason: '[range] query does not support [foo]',
    })
    expect(error({ range: { age: 5 } })).toEqual({
      type: 'parsing_exception',
      reason: '[range] query does not support [age]',
    })
    expect(error({ range: { age: { gte: 1 }, price: { gte: 1 } } })).toEqual({
      type: 'parsing_exception',
      reason: "[range] query doesn't support multiple fields, found [age] and [price]",
    })
    expect(error({ range: { age: { gte: 'abc' } } })).toEqual({
      type: 'query_shard_exception',
      reason: 'failed to create query: For input string: "abc"',
      causedBy: 'number_format_exception: For input string: "abc"',
    })
    expect(error({ range: { born: { gte: 'yesterday' } } })).toMatchObject({
      type: 'query_shard_exception',
      reason:
        'failed to create query: failed to parse date field [yesterday] with format ' +
        '[strict_date_optional_time||epoch_millis]: [failed to parse date field [yesterday] with format ' +
        '[strict_date_optional_time||epoch_millis]]',
    })
  })
})

describe('term-level queries', () => {
  it('terms is a constant-score disjunction of terms', () => {
    expect(build({ terms: { tag: ['a', 'b'], boost: 2 } })).toEqual({
      type: 'constantScore',
      filter: should([term('tag', 'a'), term('tag', 'b')]),
      boost: 2,
    })
    expect(build({ terms: { tag: [] } })).toEqual({ type: 'matchNone' })
    expect(error({ terms: { tag: ['a'], title: ['b'] } }).reason).toBe(
      '[terms] query does not support multiple fields',
    )
    expect(error({ terms: { boost: 2 } }).reason).toBe(
      '[terms] query requires a field name, followed by array of terms or a document lookup specification',
    )
  })

  it('prefix, wildcard, regexp and fuzzy take the value as typed (no analysis)', () => {
    expect(build({ prefix: { title: 'Qui' } })).toEqual({
      type: 'prefix',
      field: 'title',
      prefix: 'Qui',
      caseInsensitive: false,
      boost: 1,
    })
    expect(build({ wildcard: { tag: { value: 'a*b?', boost: 3 } } })).toEqual({
      type: 'wildcard',
      field: 'tag',
      pattern: 'a*b?',
      caseInsensitive: false,
      boost: 3,
    })
    expect(build({ regexp: { tag: { value: 'k.*y', max_determinized_states: 500 } } })).toEqual({
      type: 'regexp',
      field: 'tag',
      pattern: 'k.*y',
      maxDeterminizedStates: 500,
      flags: 0xff,
      caseInsensitive: false,
      boost: 1,
    })
    expect(build({ fuzzy: { title: 'ki' } })).toMatchObject({ maxEdits: 0 })
    expect(build({ fuzzy: { title: 'kim' } })).toMatchObject({ maxEdits: 1 })
    expect(build({ fuzzy: { title: 'kimchy' } })).toEqual({
      type: 'fuzzy',
      field: 'title',
      term: 'kimchy',
      maxEdits: 2,
      prefixLength: 0,
      maxExpansions: 50,
      transpositions: true,
      boost: 1,
    })
    expect(
      build({
        fuzzy: {
          title: {
            value: 'kimchy',
            fuzziness: 1,
            prefix_length: 2,
            max_expansions: 10,
            transpositions: false,
          },
        },
      }),
    ).toMatchObject({ maxEdits: 1, prefixLength: 2, maxExpansions: 10, transpositions: false })
  })

  it('case_insensitive and regexp flags (RegexpFlag.resolveValue)', () => {
    expect(build({ term: { tag: { value: 'a*B', case_insensitive: true } } })).toEqual({
      type: 'wildcard',
      field: 'tag',
      pattern: 'a\\*B',
      caseInsensitive: true,
      boost: 1,
    })
    expect(build({ regexp: { tag: { value: 'a', flags: 'intersection|EMPTY' } } })).toMatchObject({
      flags: 0x05,
    })
    expect(build({ regexp: { tag: { value: 'a', flags: 'NONE|ALL|EMPTY' } } })).toMatchObject({ flags: 0xff })
    expect(build({ regexp: { tag: { value: 'a', flags: '' } } })).toMatchObject({ flags: 0xff })
    expect(error({ regexp: { tag: { value: 'a', flags: 'EMPTY|NOPE' } } })).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Unknown regexp flag [NOPE]',
    })
  })

  it('multi-term queries on numeric fields and bad regexps fail as ES does', () => {
    // MappedFieldType.prefixQuery throws a QueryShardException of its own (no "failed to create query" wrapping)
    expect(error({ prefix: { age: '1' } })).toEqual({
      type: 'query_shard_exception',
      reason:
        'Can only use prefix queries on keyword, text and wildcard fields - not on [age] which is of type [long]',
    })
    expect(error({ fuzzy: { age: '1' } })).toEqual({
      type: 'query_shard_exception',
      reason:
        'failed to create query: Can only use fuzzy queries on keyword and text fields - not on [age] which is of type [long]',
      causedBy:
        'illegal_argument_exception: Can only use fuzzy queries on keyword and text fields - not on [age] which is of type [long]',
    })
    expect(error({ regexp: { tag: 'a(b' } })).toMatchObject({
      reason: "failed to create query: expected ')' at position 3",
      causedBy: "illegal_argument_exception: expected ')' at position 3",
    })
    expect(error({ regexp: { tag: 'x'.repeat(1001) } }).reason).toBe(
      'failed to create query: The length of regex [1001] used in the Regexp Query request has exceeded the ' +
        'allowed maximum of [1000]. This maximum can be set by changing the [index.max_regex_length] index level setting.',
    )
    expect(error({ regexp: { tag: { value: '[ab]*a[ab]{20}' } } }).causedBy).toMatch(
      /^too_complex_to_determinize_exception: Determinizing automaton with \d+ states and \d+ transitions would result in more than 10000 states\.$/,
    )
    expect(error({ prefix: { tag: { value: 'a', foo: 1 } } }).reason).toBe(
      '[prefix] query does not support [foo]',
    )
  })

  it('exists resolves field patterns; ids are _id terms; both constant score', () => {
    expect(build({ exists: { field: 'tag' } })).toEqual({
      type: 'constantScore',
      filter: { type: 'exists', field: 'tag', boost: 1 },
      boost: 1,
    })
    expect(build({ exists: { field: 'ti*' } })).toMatchObject({ filter: { field: 'title' } })
    expect(build({ exists: { field: 'nosuch' } })).toEqual({ type: 'matchNone' })
    expect(error({ exists: {} }).reason).toBe('[exists] must be provided with a [field]')
    expect(build({ ids: { values: ['1', '4'] } })).toEqual({
      type: 'constantScore',
      filter: should([term('_id', '1'), term('_id', '4')]),
      boost: 1,
      description: '_id:([fe 1f] [fe 4f])',
    })
  })
})

describe('compound queries', () => {
  it('dis_max, constant_score and boosting', () => {
    expect(
      build({ dis_max: { queries: [{ term: { tag: 'a' } }, { term: { tag: 'b' } }], tie_breaker: 0.7 } }),
    ).toEqual({
      type: 'disMax',
      queries: [term('tag', 'a'), term('tag', 'b')],
      tieBreaker: Math.fround(0.7),
      boost: 1,
    })
    expect(build({ constant_score: { filter: { term: { tag: 'a' } }, boost: 1.2 } })).toEqual({
      type: 'constantScore',
      filter: term('tag', 'a'),
      boost: Math.fround(1.2),
    })
    expect(
      build({
        boosting: { positive: { term: { tag: 'a' } }, negative: { term: { tag: 'b' } }, negative_boost: 0.5 },
      }),
    ).toEqual({
      type: 'boosting',
      positive: term('tag', 'a'),
      negative: term('tag', 'b'),
      negativeBoost: 0.5,
      boost: 1,
    })
  })

  it('errors', () => {
    expect(error({ dis_max: { queries: [] } }).reason).toBe(
      "[dis_max] requires 'queries' field with at least one clause",
    )
    expect(error({ constant_score: {} }).reason).toBe("[constant_score] requires a 'filter' element")
    expect(error({ constant_score: { filter: { match_all: {} }, foo: 1 } }).reason).toBe(
      '[constant_score] query does not support [foo]',
    )
    expect(error({ boosting: { negative: { match_all: {} }, negative_boost: 1 } }).reason).toBe(
      "[boosting] query requires 'positive' query to be set'",
    )
    expect(error({ boosting: { positive: { match_all: {} }, negative_boost: 1 } }).reason).toBe(
      "[boosting] query requires 'negative' query to be set'",
    )
    expect(error({ boosting: { positive: { match_all: {} }, negative: { match_all: {} } } }).reason).toBe(
      "[boosting] query requires 'negative_boost' to be set to be a positive value'",
    )
  })
})

describe('full-text queries', () => {
  it('match: fuzziness makes fuzzy leaves; minimum_should_match steps; unknown options fail', () => {
    expect(
      build({ match: { title: { query: 'quick foxes', fuzziness: 'AUTO', prefix_length: 1 } } }),
    ).toEqual(
      should([
        {
          type: 'fuzzy',
          field: 'title',
          term: 'quick',
          maxEdits: 1,
          prefixLength: 1,
          maxExpansions: 50,
          transpositions: true,
          boost: 1,
        },
        {
          type: 'fuzzy',
          field: 'title',
          term: 'foxes',
          maxEdits: 1,
          prefixLength: 1,
          maxExpansions: 50,
          transpositions: true,
          boost: 1,
        },
      ]),
    )
    expect(build({ match: { title: { query: 'a b c d e', minimum_should_match: '3<90%' } } })).toMatchObject({
      minimumShouldMatch: 4,
    })
    expect(error({ match: { title: { query: 'x', slop: 1 } } }).reason).toBe(
      '[match] query does not support [slop]',
    )
    expect(build({ match: { title: { query: 'the', analyzer: 'stop' } } })).toEqual({
      type: 'matchNone',
      reason: 'Matching no documents because no terms present',
    })
    expect(build({ match: { title: { query: 'the', analyzer: 'stop', zero_terms_query: 'all' } } })).toEqual({
      type: 'matchAll',
      boost: 1,
    })
  })

  it('multi_match: best_fields is a dis_max (tie_breaker 0), most_fields sums, field boosts', () => {
    expect(build({ multi_match: { query: 'fox', fields: ['title^2', 'body'] } })).toEqual({
      type: 'disMax',
      queries: [term('title', 'fox', 2), term('body', 'fox')],
      tieBreaker: 0,
      boost: 1,
    })
    expect(build({ multi_match: { query: 'fox', fields: ['ti*'], type: 'most_fields' } })).toEqual(
      term('title', 'fox'),
    )
    expect(
      build({ multi_match: { query: 'fox', fields: ['title', 'body'], type: 'most_fields' } }),
    ).toMatchObject({
      tieBreaker: 1,
    })
    expect(
      build({
        multi_match: { query: 'lazy dog', fields: ['title', 'body'], type: 'phrase', tie_breaker: 0.3 },
      }),
    ).toMatchObject({
      type: 'disMax',
      tieBreaker: Math.fround(0.3),
      queries: [{ type: 'phrase' }, { type: 'phrase' }],
    })
    expect(error({ multi_match: { fields: ['title'] } }).reason).toBe(
      'No text specified for multi_match query',
    )
  })

  it('query_string: a dis_max over the fields, multi-term queries, ranges', () => {
    expect(build({ query_string: { query: 'fox', fields: ['title', 'body'], tie_breaker: 0.5 } })).toEqual({
      type: 'disMax',
      queries: [term('title', 'fox'), term('body', 'fox')],
      tieBreaker: 0.5,
      boost: 1,
    })
    expect(build({ query_string: { query: 'age:[10 TO 20} AND qu*', default_field: 'title' } })).toEqual({
      type: 'bool',
      must: [
        { type: 'numericRange', field: 'age', lower: 10, upper: 19, boost: 1, point: 'long' },
        { type: 'prefix', field: 'title', prefix: 'qu', boost: 1 },
      ],
      should: [],
      mustNot: [],
      filter: [],
      minimumShouldMatch: 0,
      boost: 1,
    })
    expect(error({ query_string: { default_field: 'title' } }).reason).toBe(
      '[query_string] must be provided with a [query]',
    )
  })
})
