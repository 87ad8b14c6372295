// The span queries' builders (ES 8's Span*QueryBuilder and FieldMaskingSpanQueryBuilder): the span trees they
// build, and their parse errors with ES's texts at the token ES's parser stands on ([line:col] of the request,
// counted by hand: a value's first character, an object's closing brace).
import { describe, expect, it } from 'vitest'
import type { FieldMapping } from '../../../../workers/es/index/mapper/mapping.ts'
import { describeQuery } from '../../../../workers/es/search/explain/query-description.ts'
import { queryBuilderFixture } from './query-builder-fixture.ts'

const FIELDS = new Map<string, FieldMapping>([
  ['body', { type: 'text' }],
  ['title', { type: 'text' }],
  ['tag', { type: 'keyword' }],
  ['age', { type: 'long' }],
])

const { build, error } = queryBuilderFixture(FIELDS)

const text = (query: string): string => describeQuery(build(query))

describe('span query trees', () => {
  it('builds each span query as Lucene prints it', () => {
    expect(text('{"span_term":{"body":"fox"}}')).toBe('body:fox')
    expect(text('{"span_term":{"body":{"value":"fox","boost":2}}}')).toBe('(body:fox)^2.0')
    expect(
      text(
        '{"span_near":{"clauses":[{"span_term":{"body":"quick"}},{"span_term":{"body":"fox"}}],"slop":1,"in_order":false}}',
      ),
    ).toBe('spanNear([body:quick, body:fox], 1, false)')
    expect(text('{"span_near":{"clauses":[{"span_term":{"body":"fox"}}]}}')).toBe('body:fox')
    expect(text('{"span_or":{"clauses":[{"span_term":{"body":"a"}},{"span_term":{"body":"b"}}]}}')).toBe(
      'spanOr([body:a, body:b])',
    )
    expect(text('{"span_first":{"match":{"span_term":{"body":"a"}},"end":3}}')).toBe('spanFirst(body:a, 3)')
    expect(
      text(
        '{"span_not":{"include":{"span_term":{"body":"a"}},"exclude":{"span_term":{"body":"b"}},"dist":2}}',
      ),
    ).toBe('spanNot(body:a, body:b, 2, 2)')
    expect(
      text(
        '{"span_not":{"include":{"span_term":{"body":"a"}},"exclude":{"span_term":{"body":"b"}},"pre":-1}}',
      ),
    ).toBe('spanNot(body:a, body:b, 0, 0)')
    expect(
      text('{"span_containing":{"big":{"span_term":{"body":"a"}},"little":{"span_term":{"body":"b"}}}}'),
    ).toBe('SpanContaining(body:a, body:b)')
    expect(
      text('{"span_within":{"big":{"span_term":{"body":"a"}},"little":{"span_term":{"body":"b"}}}}'),
    ).toBe('SpanWithin(body:a, body:b)')
    expect(text('{"field_masking_span":{"query":{"span_term":{"title":"a"}},"field":"body"}}')).toBe(
      'mask(title:a) as body',
    )
    expect(text('{"span_multi":{"match":{"prefix":{"body":"qu"}}}}')).toBe(
      'SpanMultiTermQueryWrapper(body:qu*)',
    )
    expect(text('{"span_multi":{"match":{"fuzzy":{"body":"fox"}}}}')).toBe(
      'SpanMultiTermQueryWrapper(body:fox~1)',
    )
    expect(text('{"span_term":{"nosuch":"a"}}')).toBe('SpanMatchNoDocsQuery("unmapped field: nosuch")')
    expect(text('{"span_multi":{"match":{"prefix":{"nosuch":"a"}}}}')).toBe(
      'SpanMatchNoDocsQuery("Inner query rewrote to match_none")',
    )
  })

  it("span_multi takes the wrapped query's top terms rewrite, fuzzy its max_expansions", () => {
    const multi = (query: string) => {
      const built = build(query)
      return built.type === 'span' && built.query.type === 'spanMulti' ? built.query.topTerms : undefined
    }
    expect(multi('{"span_multi":{"match":{"prefix":{"body":"qu"}}}}')).toBeNull()
    expect(multi('{"span_multi":{"match":{"prefix":{"body":{"value":"qu","rewrite":"top_terms_5"}}}}}')).toBe(
      5,
    )
    expect(multi('{"span_multi":{"match":{"fuzzy":{"body":{"value":"fox","max_expansions":7}}}}}')).toBe(7)
    expect(
      multi('{"span_multi":{"match":{"fuzzy":{"body":{"value":"fox","rewrite":"constant_score"}}}}}'),
    ).toBeNull()
  })
})

describe('span query errors', () => {
  it.each([
    ['{"span_near":{"slop":1}}', 'parsing_exception: span_near must include [clauses] @1:23'],
    [
      '{"span_near":{"clauses":[],"foo":1}}',
      'parsing_exception: [span_near] query does not support [foo] @1:34',
    ],
    ['{"span_near":{"clauses":{}}}', 'parsing_exception: [span_near] query does not support [clauses] @1:25'],
    [
      '{"span_near":{"clauses":[{"term":{"body":"a"}}]}}',
      'parsing_exception: span_near [clauses] must be of type span query @1:46',
    ],
    [
      '{"span_or":{"clauses":[{"span_term":{"body":{"value":"a","boost":2}}}]}}',
      "parsing_exception: span_or [clauses] as a nested span clause can't have non-default boost value [2.0] @1:69",
    ],
    ['{"span_or":{}}', 'parsing_exception: span_or must include [clauses] @1:13'],
    ['{"span_first":{"end":1}}', 'parsing_exception: span_first must have [match] span query clause @1:23'],
    [
      '{"span_first":{"match":{"span_term":{"body":"a"}}}}',
      'parsing_exception: span_first must have [end] set for it @1:50',
    ],
    [
      '{"span_first":{"match":{"span_term":{"body":"a"}},"end":-1}}',
      'illegal_argument_exception: parameter [end] needs to be positive.',
    ],
    [
      '{"span_not":{"exclude":{"span_term":{"body":"a"}}}}',
      'parsing_exception: span_not must have [include] span query clause @1:50',
    ],
    [
      '{"span_not":{"include":{"span_term":{"body":"a"}},"exclude":{"span_term":{"body":"b"}},"dist":1,"pre":1}}',
      'parsing_exception: span_not can either use [dist] or [pre] & [post] (or none) @1:104',
    ],
    [
      '{"span_not":{"include":{"match":{"body":"a"}},"exclude":{"span_term":{"body":"b"}}}}',
      'parsing_exception: span_not [include] must be of type span query @1:45',
    ],
    [
      '{"span_containing":{"little":{"span_term":{"body":"a"}}}}',
      'illegal_argument_exception: inner clause [big] cannot be null.',
    ],
    [
      '{"span_within":{"big":{"span_term":{"body":"a"}}}}',
      'illegal_argument_exception: inner clause [little] cannot be null.',
    ],
    ['{"span_within":{"foo":{}}}', 'parsing_exception: [span_within] query does not support [foo] @1:23'],
    [
      '{"field_masking_span":{"field":"body"}}',
      'parsing_exception: field_masking_span must have [query] span query clause @1:38',
    ],
    [
      '{"field_masking_span":{"query":{"span_term":{"body":"a"}}}}',
      'parsing_exception: field_masking_span must have [field] set for it @1:58',
    ],
    [
      '{"field_masking_span":{"query":{"term":{"body":"a"}},"field":"body"}}',
      'parsing_exception: [field_masking_span] query must be of type span query @1:52',
    ],
    ['{"span_multi":{}}', 'parsing_exception: [span_multi] must have [match] multi term query clause @1:16'],
    [
      '{"span_multi":{"match":{"term":{"body":"a"}}}}',
      'parsing_exception: [span_multi] [match] must be of type multi term query @1:44',
    ],
    [
      '{"span_term":{"body":{"values":"a"}}}',
      'parsing_exception: [span_term] query does not support [values] @1:32',
    ],
    [
      '{"span_term":{"body":"a","title":"b"}}',
      "parsing_exception: [span_term] query doesn't support multiple fields, found [body] and [title] @1:34",
    ],
    ['{"span_term":{}}', 'illegal_argument_exception: field name is null or empty'],
    [
      '{"span_term":{"tag":"a"}}',
      'query_shard_exception: failed to create query: Span term query requires position data, but field tag was ' +
        'indexed without position data <- illegal_argument_exception: Span term query requires position data, but ' +
        'field tag was indexed without position data',
    ],
    [
      '{"span_or":{"clauses":[{"span_term":{"body":"a"}},{"span_term":{"title":"b"}}]}}',
      'query_shard_exception: failed to create query: Clauses must have same field. <- illegal_argument_exception: ' +
        'Clauses must have same field.',
    ],
    [
      '{"span_near":{"clauses":[{"span_term":{"body":"a"}},{"span_term":{"title":"b"}}]}}',
      'query_shard_exception: failed to create query: Cannot add clause title:b to SpanNearQuery for field body <- ' +
        'illegal_argument_exception: Cannot add clause title:b to SpanNearQuery for field body',
    ],
    [
      '{"span_multi":{"match":{"range":{"age":{"gte":1}}}}}',
      'query_shard_exception: failed to create query: unsupported inner query, should be ' +
        'org.apache.lucene.search.MultiTermQuery but was org.apache.lucene.search.IndexOrDocValuesQuery <- ' +
        'unsupported_operation_exception: unsupported inner query, should be org.apache.lucene.search.MultiTermQuery ' +
        'but was org.apache.lucene.search.IndexOrDocValuesQuery',
    ],
  ])('%s', (query, expected) => {
    expect(error(query)).toBe(expected)
  })
})

describe('span_gap', () => {
  const near = (clauses: string, options = ''): string => `{"span_near":{"clauses":[${clauses}]${options}}}`
  const quick = '{"span_term":{"body":"quick"}}'
  const fox = '{"span_term":{"body":"fox"}}'

  it('is a SpanGapQuery of the near (on its field), printed with the field toString is given', () => {
    expect(text(near(`${quick},{"span_gap":{"body":2}},${fox}`))).toBe(
      'spanNear([body:quick, SpanGap(:2), body:fox], 0, true)',
    )
    expect(build(near(`{"span_gap":{"body":"1"}},${fox}`))).toMatchObject({
      query: { clauses: [{ type: 'spanGap', field: 'body', width: 1 }, { type: 'spanTerm' }] },
    })
    // a near of one gap is no query: nothing is left to match
    expect(build(near('{"span_gap":{"body":2}}'))).toEqual({ type: 'matchNone' })
  })

  it.each([
    [
      near(`${quick},{"span_gap":{"body":1}},${fox}`, ',"in_order":false'),
      'query_shard_exception: failed to create query: Gaps can only be added to ordered near queries <- ' +
        'illegal_argument_exception: Gaps can only be added to ordered near queries',
    ],
    [
      near(`${quick},{"span_gap":{"title":1}},${fox}`),
      'query_shard_exception: failed to create query: [span_near] clauses must have same field <- ' +
        'illegal_argument_exception: [span_near] clauses must have same field',
    ],
    [
      near(`{"span_gap":{"title":1}},${fox}`),
      'query_shard_exception: failed to create query: Cannot add clause body:fox to SpanNearQuery for field title <- ' +
        'illegal_argument_exception: Cannot add clause body:fox to SpanNearQuery for field title',
    ],
    [
      '{"span_gap":{"body":1}}',
      'query_shard_exception: failed to create query: null <- unsupported_operation_exception: null',
    ],
    [
      `{"span_or":{"clauses":[${quick},{"span_gap":{"body":1}}]}}`,
      'query_shard_exception: failed to create query: null <- unsupported_operation_exception: null',
    ],
    [
      near('{"span_gap":{"body":1,"title":2}}'),
      "parsing_exception: [span_gap] query doesn't support multiple fields, found [body] and [title] @1:48",
    ],
    [near('{"span_gap":{}}'), 'illegal_argument_exception: [span_gap] field name is null or empty'],
    [near('{"span_gap":{"body":"x"}}'), 'number_format_exception: For input string: "x"'],
  ])('%s', (query, expected) => {
    expect(error(query)).toBe(expected)
  })
})
