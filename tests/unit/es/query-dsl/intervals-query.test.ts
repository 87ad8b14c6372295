// The intervals query's builder (ES 8.17's IntervalQueryBuilder and IntervalsSourceProvider): the IntervalsSource
// trees it builds as Lucene prints them (with Lucene's rewrites: disjunctions pulled up under MAXGAPS, before /
// after as CONTAINED_BY an extended offset), and its failures with ES's texts at the token ES's parser stands on
// ([line:col] located here by the token's text in the one-line request).
import { describe, expect, it } from 'vitest'
import type { FieldMapping } from '../../../../workers/es/index/mapper/mapping.ts'
import { describeQuery } from '../../../../workers/es/search/explain/query-description.ts'
import { queryBuilderFixture } from './query-builder-fixture.ts'

const FIELDS = new Map<string, FieldMapping>([
  ['body', { type: 'text' }],
  ['title', { type: 'text' }],
  ['plain', { type: 'text', index_options: 'freqs' }],
  ['tag', { type: 'keyword' }],
])

const { build, error } = queryBuilderFixture(FIELDS)

/** The 1-based column of the `nth` occurrence of `token` in the one-line query. */
function col(query: string, token: string, nth = 1): number {
  let at = -1
  for (let i = 0; i < nth; i++) at = query.indexOf(token, at + 1)
  return at + 1
}

const text = (query: string): string => describeQuery(build(query))
const rule = (field: string, body: string): string => `{"intervals":{"${field}":${body}}}`

describe('intervals query trees', () => {
  it('match: one token a term, several unordered, ordered, a phrase with max_gaps 0, MAXGAPS otherwise', () => {
    expect(text(rule('body', '{"match":{"query":"Fox"}}'))).toBe('body:fox')
    expect(text(rule('body', '{"match":{"query":"quick fox"}}'))).toBe('body:UNORDERED(quick,fox)')
    expect(text(rule('body', '{"match":{"query":"quick fox","ordered":true}}'))).toBe(
      'body:ORDERED(quick,fox)',
    )
    expect(text(rule('body', '{"match":{"query":"quick fox","ordered":true,"max_gaps":0}}'))).toBe(
      'body:BLOCK(quick,fox)',
    )
    expect(text(rule('body', '{"match":{"query":"quick fox","max_gaps":2},"boost":2}'))).toBe(
      '(body:MAXGAPS/2(UNORDERED(quick,fox)))^2.0',
    )
    expect(text(rule('body', '{"match":{"query":"..."}}'))).toBe('body:no_match')
  })

  it('match: a position the analyzer left empty extends the next term', () => {
    expect(text(rule('body', '{"match":{"query":"quick the fox","analyzer":"stop","ordered":true}}'))).toBe(
      'body:ORDERED(quick,EXTEND(fox,1,0))',
    )
  })

  it('all_of pulls the disjunctions of its rules up under MAXGAPS; any_of is or()', () => {
    const body =
      '{"all_of":{"ordered":true,"max_gaps":1,"intervals":[{"match":{"query":"a"}},' +
      '{"any_of":{"intervals":[{"match":{"query":"b"}},{"match":{"query":"c d"}}]}}]}}'
    expect(text(rule('body', body))).toBe(
      'body:or(MAXGAPS/1(ORDERED(a,UNORDERED(c,d))),MAXGAPS/1(ORDERED(a,b)))',
    )
    const any = '{"any_of":{"intervals":[{"match":{"query":"b"}},{"match":{"query":"a"}}]}}'
    expect(text(rule('body', any))).toBe('body:or(a,b)')
  })

  it('the multi-term rules, normalized by the analyzer', () => {
    expect(text(rule('body', '{"prefix":{"prefix":"Qu"}}'))).toBe('body:MultiTerm(qu*)')
    expect(text(rule('body', '{"wildcard":{"pattern":"Q?ick"}}'))).toBe('body:MultiTerm(q?ick)')
    expect(text(rule('body', '{"regexp":{"pattern":"qu.*"}}'))).toBe('body:MultiTerm(qu.*)')
    expect(text(rule('body', '{"fuzzy":{"term":"Quick"}}'))).toBe('body:MultiTerm(quick)')
    expect(text(rule('body', '{"range":{"gte":"a","lt":"c"}}'))).toBe('body:MultiTerm({a,c})')
    expect(text(rule('body', '{"prefix":{"prefix":"Qu","analyzer":"keyword"}}'))).toBe('body:MultiTerm(Qu*)')
  })

  it('use_field reads another field; filters relate two rules', () => {
    expect(text(rule('body', '{"match":{"query":"fox","use_field":"title"}}'))).toBe('body:FIELD(title,fox)')
    const filtered = (type: string): string =>
      text(rule('body', `{"match":{"query":"fox","filter":{"${type}":{"match":{"query":"dog"}}}}}`))
    expect(filtered('containing')).toBe('body:CONTAINING(fox,dog)')
    expect(filtered('contained_by')).toBe('body:CONTAINED_BY(fox,dog)')
    expect(filtered('not_containing')).toBe('body:NOT_CONTAINING(fox,dog)')
    expect(filtered('not_contained_by')).toBe('body:NOT_CONTAINED_BY(fox,dog)')
    expect(filtered('overlapping')).toBe('body:OVERLAPPING(fox,dog)')
    expect(filtered('not_overlapping')).toBe('body:NON_OVERLAPPING(fox,dog)')
    expect(filtered('before')).toBe('body:CONTAINED_BY(fox,EXTEND(PRECEDING(dog),2147483647,0))')
    expect(filtered('after')).toBe('body:CONTAINED_BY(fox,EXTEND(FOLLOWING(dog),0,2147483647))')
  })

  it('an unmapped field, or an unmapped use_field, matches nothing', () => {
    expect(build(rule('nope', '{"match":{"query":"fox"}}'))).toEqual({ type: 'matchNone' })
    expect(build(rule('body', '{"match":{"query":"fox","use_field":"nope"}}'))).toEqual({ type: 'matchNone' })
  })
})

describe('intervals query failures', () => {
  it('the query body: no field, a field without an object, a second field, no rule, two rules', () => {
    expect(error('{"intervals":{}}')).toBe(
      'parsing_exception: Expected [FIELD_NAME] but got [END_OBJECT] @1:15',
    )
    const value = rule('body', '"fox"')
    expect(error(value)).toBe(
      `parsing_exception: Expected [START_OBJECT] but got [VALUE_STRING] @1:${col(value, '"fox"')}`,
    )
    const second = '{"intervals":{"body":{"match":{"query":"a"}},"title":{}}}'
    expect(error(second)).toBe(
      `parsing_exception: Expected [END_OBJECT] but got [FIELD_NAME] @1:${col(second, '"title"')}`,
    )
    const none = rule('body', '{"boost":2}')
    expect(error(none)).toBe(
      `parsing_exception: Missing intervals from interval query definition @1:${none.length - 1}`,
    )
    const two = rule('body', '{"match":{"query":"a"},"all_of":{"intervals":[]}}')
    expect(error(two)).toBe(
      'parsing_exception: Only one interval rule can be specified, found [match] and [all_of]' +
        ` @1:${col(two, '"all_of"')}`,
    )
  })

  it('a rule: unknown, not an object, an undeclared field, a value of the wrong kind, a required field missing', () => {
    const unknown = rule('body', '{"near":{}}')
    expect(error(unknown)).toBe(
      'parsing_exception: Unknown interval type [near], expecting one of [match, any_of, all_of, prefix, wildcard,' +
        ` regexp, range] @1:${col(unknown, '"near"')}`,
    )
    const bare = rule('body', '{"match":"fox"}')
    expect(error(bare)).toBe(
      `x_content_parse_exception: [1:${col(bare, '"fox"')}] [match] Expected START_OBJECT but was: VALUE_STRING`,
    )
    const slop = rule('body', '{"match":{"query":"a","max_gap":1}}')
    expect(error(slop)).toBe(
      `x_content_parse_exception: [1:${col(slop, '"max_gap"')}] [match] unknown field [max_gap] did you mean [max_gaps]?`,
    )
    const object = rule('body', '{"match":{"query":{}}}')
    expect(error(object)).toBe(
      `x_content_parse_exception: [1:${col(object, '{}')}] [match] query doesn't support values of type: START_OBJECT`,
    )
    const gaps = rule('body', '{"match":{"query":"a","max_gaps":"x"}}')
    expect(error(gaps)).toBe(
      `x_content_parse_exception: [1:${col(gaps, '"x"')}] [match] failed to parse field [max_gaps]` +
        ' <- number_format_exception: For input string: "x"',
    )
    const ordered = rule('body', '{"match":{"query":"a","ordered":"yes"}}')
    expect(error(ordered)).toBe(
      `x_content_parse_exception: [1:${col(ordered, '"yes"')}] [match] failed to parse field [ordered]` +
        ' <- illegal_argument_exception: Failed to parse value [yes] as only [true] or [false] are allowed.',
    )
    expect(error(rule('body', '{"match":{}}'))).toBe('illegal_argument_exception: Required [query]')
    expect(error(rule('body', '{"all_of":{}}'))).toBe('illegal_argument_exception: Required [intervals]')
    expect(error(rule('body', '{"wildcard":{}}'))).toBe('illegal_argument_exception: Required [pattern]')
    expect(error(rule('body', '{"range":{"lt":"c"}}'))).toBe(
      'illegal_argument_exception: Either [gte] or [gt], one of them must be provided',
    )
    expect(error(rule('body', '{"range":{"gt":"a","lt":"c","lte":"d"}}'))).toBe(
      'illegal_argument_exception: Either [lte] or [lt], one of them must be provided',
    )
  })

  it('a failure inside a field of a rule is wrapped by the rule s parser', () => {
    const empty = rule('body', '{"all_of":{"intervals":[{}]}}')
    expect(error(empty)).toBe(
      `x_content_parse_exception: [1:${col(empty, '}]')}] [all_of] failed to parse field [intervals]` +
        ' <- parsing_exception: Expected [FIELD_NAME] but got [END_OBJECT]',
    )
    const required = rule('body', '{"any_of":{"intervals":[{"match":{}}]}}')
    expect(error(required)).toBe(
      `x_content_parse_exception: [1:${col(required, '}}]')}] [any_of] failed to parse field [intervals]` +
        ' <- illegal_argument_exception: Required [query]',
    )
    const filter = rule(
      'body',
      '{"match":{"query":"a","filter":{"before":{"match":{"query":"b"},"prefix":{}}}}}',
    )
    expect(error(filter)).toBe(
      `x_content_parse_exception: [1:${col(filter, '"prefix"')}] [match] failed to parse field [filter]` +
        ' <- parsing_exception: Expected [END_OBJECT] but got [FIELD_NAME]',
    )
    const fuzziness = rule('body', '{"fuzzy":{"term":"a","fuzziness":"3"}}')
    expect(error(fuzziness)).toBe(
      `x_content_parse_exception: [1:${col(fuzziness, '"3"')}] [fuzzy] failed to parse field [fuzziness]` +
        ' <- illegal_argument_exception: Valid edit distances are [0, 1, 2] but was [3]',
    )
  })

  it('building: a field that is not text, one without positions, an unknown filter type, a script filter', () => {
    expect(error(rule('tag', '{"match":{"query":"a"}}'))).toBe(
      'query_shard_exception: failed to create query: Can only use interval queries on text fields - not on [tag]' +
        ' which is of type [keyword] <- illegal_argument_exception: Can only use interval queries on text fields -' +
        ' not on [tag] which is of type [keyword]',
    )
    expect(error(rule('body', '{"prefix":{"prefix":"a","use_field":"plain"}}'))).toBe(
      'query_shard_exception: failed to create query: Cannot create intervals over field [plain] with no positions' +
        ' indexed <- illegal_argument_exception: Cannot create intervals over field [plain] with no positions indexed',
    )
    // a text analyzed to nothing builds no leaf, so checks no field type
    expect(text(rule('tag', '{"match":{"query":"","analyzer":"standard"}}'))).toBe('tag:no_match')
    expect(error(rule('body', '{"match":{"query":"a","filter":{"inside":{"match":{"query":"b"}}}}}'))).toBe(
      'query_shard_exception: failed to create query: Unknown filter type [inside]' +
        ' <- illegal_argument_exception: Unknown filter type [inside]',
    )
    expect(
      error(rule('body', '{"match":{"query":"a","filter":{"script":{"source":"interval.start > 3"}}}}')),
    ).toMatch(/^query_shard_exception: failed to create query: interval filter scripts are not supported/)
  })
})
