// The trees `query_string` builds, as Elasticsearch 8 builds them (QueryStringQueryParser over Lucene's
// classic QueryParser, splitOnWhitespace=false, the standard analyzer on text fields). Inputs are the
// examples of the ES reference page "Query string query" (query syntax section) and Lucene's classic
// QueryParserTestBase / TestQueryParser (testSimple, testBoost, the default-operator-AND cases); their
// Lucene toString expectations are written out here as trees.
import { describe, expect, it } from 'vitest'
import type { QueryStringNode } from '../../../../workers/es/search/query-string/index.ts'
import { withBoost } from '../../../../workers/es/search/query-string/query-string-node.ts'
import { MATCH_ALL, bool, parse, phrase, term } from './helpers.ts'

const f = (text: string, boost = 1): QueryStringNode => term('field', text, boost)

describe('Lucene classic QueryParser cases (default operator OR)', () => {
  const cases: Array<[string, QueryStringNode]> = [
    ['term term term', bool(['', f('term')], ['', f('term')], ['', f('term')])],
    ['+a', bool(['+', f('a')])],
    ['a AND b', bool(['+', f('a')], ['+', f('b')])],
    ['(a AND b)', bool(['+', f('a')], ['+', f('b')])],
    ['c OR (a AND b)', bool(['', f('c')], ['', bool(['+', f('a')], ['+', f('b')])])],
    ['a AND NOT b', bool(['+', f('a')], ['-', f('b')])],
    ['a AND -b', bool(['+', f('a')], ['-', f('b')])],
    ['a AND !b', bool(['+', f('a')], ['-', f('b')])],
    ['a && b', bool(['+', f('a')], ['+', f('b')])],
    ['a OR b', bool(['', f('a')], ['', f('b')])],
    ['a || b', bool(['', f('a')], ['', f('b')])],
    ['a OR !b', bool(['', f('a')], ['-', f('b')])],
    ['a OR -b', bool(['', f('a')], ['-', f('b')])],
    ['+term -term term', bool(['+', f('term')], ['-', f('term')], ['', f('term')])],
    ['title:term AND field:anotherTerm', bool(['+', term('title', 'term')], ['+', f('anotherterm')])],
    ['term AND "phrase phrase"', bool(['+', f('term')], ['+', phrase('field', ['phrase', 'phrase'])])],
    ['"hello there"', phrase('field', ['hello', 'there'])],
    ['"term germ"~2', phrase('field', ['term', 'germ'], 2)],
    ['germ term^2.0', bool(['', f('germ')], ['', f('term', 2)])],
    ['(term)^2.0', f('term', 2)],
    ['(germ term)^2.0', withBoost(bool(['', f('germ')], ['', f('term')]), 2)],
    ['term^2', f('term', 2)],
    ['"germ term"^2.0', phrase('field', ['germ', 'term'], 0, 2)],
    [
      '(foo OR bar) AND (baz OR boo)',
      bool(['+', bool(['', f('foo')], ['', f('bar')])], ['+', bool(['', f('baz')], ['', f('boo')])]),
    ],
    [
      '((a OR b) AND NOT c) OR d',
      bool(['', bool(['+', bool(['', f('a')], ['', f('b')])], ['-', f('c')])], ['', f('d')]),
    ],
    [
      '+(apple "steve jobs") -(foo bar baz)',
      bool(
        ['+', bool(['', f('apple')], ['', phrase('field', ['steve', 'jobs'])])],
        ['-', bool(['', f('foo')], ['', f('bar')], ['', f('baz')])],
      ),
    ],
    [
      '+title:(dog OR cat) -author:"bob dole"',
      bool(
        ['+', bool(['', term('title', 'dog')], ['', term('title', 'cat')])],
        ['-', phrase('author', ['bob', 'dole'])],
      ),
    ],
    // The classic (non-boolean-algebra) reading: AND makes its left neighbour required.
    ['a AND b OR c', bool(['+', f('a')], ['+', f('b')], ['', f('c')])],
    ['a OR b AND c', bool(['', f('a')], ['+', f('b')], ['+', f('c')])],
    // `! ` (with a space) is a bare operator, a term the analyzer drops (Lucene leaves "a && ! b" disabled).
    ['a && ! b', bool(['+', f('a')], ['', f('b')])],
    // A pure negative bool gets Queries.fixNegativeQueryIfNeeded's match_all filter.
    ['-a', bool(['-', f('a')], ['#', MATCH_ALL])],
    ['NOT a', bool(['-', f('a')], ['#', MATCH_ALL])],
  ]
  it.each(cases)('%s', (input, expected) => {
    expect(parse(input)).toEqual(expected)
  })
})

describe('default_operator AND (Lucene testSimpleDAO)', () => {
  const and = { defaultField: 'field', defaultOperator: 'AND' as const }
  const cases: Array<[string, QueryStringNode]> = [
    ['term term term', bool(['+', f('term')], ['+', f('term')], ['+', f('term')])],
    ['term +term term', bool(['+', f('term')], ['+', f('term')], ['+', f('term')])],
    ['term term +term', bool(['+', f('term')], ['+', f('term')], ['+', f('term')])],
    ['term +term +term', bool(['+', f('term')], ['+', f('term')], ['+', f('term')])],
    ['-term term term', bool(['-', f('term')], ['+', f('term')], ['+', f('term')])],
    ['a OR b', bool(['', f('a')], ['', f('b')])],
    ['a AND b OR c', bool(['+', f('a')], ['', f('b')], ['', f('c')])],
  ]
  it.each(cases)('%s', (input, expected) => {
    expect(parse(input, and)).toEqual(expected)
  })
})

describe('ES "Query string query" syntax examples', () => {
  const disMax = (...disjuncts: QueryStringNode[]): QueryStringNode => ({
    kind: 'disMax',
    disjuncts,
    tieBreaker: 0,
    boost: 1,
  })
  const range = (
    field: string,
    lower: string | null,
    upper: string | null,
    il: boolean,
    iu: boolean,
  ): QueryStringNode => ({
    kind: 'range',
    field,
    lower,
    upper,
    includeLower: il,
    includeUpper: iu,
    boost: 1,
  })
  const fuzzy = (text: string, maxEdits: number): QueryStringNode => ({
    kind: 'fuzzy',
    field: 'field',
    term: text,
    maxEdits,
    prefixLength: 0,
    transpositions: true,
    boost: 1,
  })
  const cases: Array<[string, QueryStringNode]> = [
    ['status:active', term('status', 'active')],
    ['title:(quick OR brown)', bool(['', term('title', 'quick')], ['', term('title', 'brown')])],
    ['author:"John Smith"', phrase('author', ['john', 'smith'])],
    ['first\\ name:Alice', term('first name', 'alice')],
    [
      'book.\\*:(quick OR brown)',
      bool(
        ['', disMax(term('book.title', 'quick'), term('book.author', 'quick'))],
        ['', disMax(term('book.title', 'brown'), term('book.author', 'brown'))],
      ),
    ],
    ['_exists_:title', { kind: 'exists', field: 'title', boost: 1 }],
    [
      'qu?ck bro*',
      bool(
        ['', { kind: 'wildcard', field: 'field', pattern: 'qu?ck', boost: 1 }],
        ['', { kind: 'prefix', field: 'field', prefix: 'bro', boost: 1 }],
      ),
    ],
    ['quikc~ brwn~ foks~', bool(['', fuzzy('quikc', 1)], ['', fuzzy('brwn', 1)], ['', fuzzy('foks', 1)])],
    ['quikc~1', fuzzy('quikc', 1)],
    ['ab~', fuzzy('ab', 0)],
    ['foxes~2', fuzzy('foxes', 2)],
    ['"fox quick"~5', phrase('field', ['fox', 'quick'], 5)],
    ['quick^2 fox', bool(['', f('quick', 2)], ['', f('fox')])],
    [
      '"john smith"^2   (foo bar)^4',
      bool(
        ['', phrase('field', ['john', 'smith'], 0, 2)],
        ['', withBoost(bool(['', f('foo')], ['', f('bar')]), 4)],
      ),
    ],
    ['quick brown +fox -news', bool(['', f('quick')], ['', f('brown')], ['+', f('fox')], ['-', f('news')])],
    [
      '((quick AND fox) OR (brown AND fox) OR fox) AND NOT news',
      bool(
        [
          '+',
          bool(
            ['', bool(['+', f('quick')], ['+', f('fox')])],
            ['', bool(['+', f('brown')], ['+', f('fox')])],
            ['', f('fox')],
          ),
        ],
        ['-', f('news')],
      ),
    ],
    ['date:[2012-01-01 TO 2012-12-31]', range('date', '2012-01-01', '2012-12-31', true, true)],
    ['count:[1 TO 5]', range('count', '1', '5', true, true)],
    ['tag:{alpha TO omega}', range('tag', 'alpha', 'omega', false, false)],
    ['count:[10 TO *]', range('count', '10', null, true, true)],
    ['date:{* TO 2012-01-01}', range('date', null, '2012-01-01', false, false)],
    ['count:[1 TO 5}', range('count', '1', '5', true, false)],
    ['age:>10', range('age', '10', null, false, true)],
    ['age:>=10', range('age', '10', null, true, true)],
    ['age:<10', range('age', null, '10', true, false)],
    ['age:<=10', range('age', null, '10', true, true)],
    [
      'age:(>=10 AND <20)',
      bool(['+', range('age', '10', null, true, true)], ['+', range('age', null, '20', true, false)]),
    ],
    [
      'age:(+>=10 +<20)',
      bool(['+', range('age', '10', null, true, true)], ['+', range('age', null, '20', true, false)]),
    ],
    ['name:/joh?n(ath[oa]n)/', { kind: 'regexp', field: 'name', pattern: 'joh?n(ath[oa]n)', boost: 1 }],
    // `\(1\+1\)\=2` is one term "(1+1)=2"; the standard analyzer keeps its digits.
    ['\\(1\\+1\\)\\=2', bool(['', f('1')], ['', f('1')], ['', f('2')])],
    ['title:["A B" TO "c]D"]', range('title', 'a b', 'c]d', true, true)],
    ['*:*', MATCH_ALL],
    ['title:*', { kind: 'exists', field: 'title', boost: 1 }],
    ['*', { kind: 'exists', field: 'field', boost: 1 }],
    ['nosuchfield:x', { kind: 'matchNone', reason: 'unmapped fields [nosuchfield]' }],
    ['', { kind: 'matchNone', reason: 'Matching no documents because no terms present' }],
    ['   ', { kind: 'matchNone', reason: 'Matching no documents because no terms present' }],
  ]
  it.each(cases)('%s', (input, expected) => {
    expect(parse(input)).toEqual(expected)
  })

  it('fields: "this AND that" is (content:this OR name:this) AND (content:that OR name:that)', () => {
    expect(parse('this AND that', { fields: ['content', 'name'] })).toEqual(
      bool(
        ['+', disMax(term('content', 'this'), term('name', 'this'))],
        ['+', disMax(term('content', 'that'), term('name', 'that'))],
      ),
    )
  })

  it('field weights become boosts and tie_breaker is kept', () => {
    expect(parse('fox', { fields: ['title^5', 'content'], tieBreaker: 0.3 })).toEqual({
      kind: 'disMax',
      disjuncts: [term('title', 'fox', 5), term('content', 'fox')],
      tieBreaker: 0.3,
      boost: 1,
    })
  })

  it('default_field * searches every field, leniently', () => {
    const q = parse('Quick', {})
    expect(q.kind).toBe('disMax')
    const disjuncts = q.kind === 'disMax' ? q.disjuncts : []
    expect(disjuncts).toContainEqual(term('title', 'quick'))
    expect(disjuncts).toContainEqual(term('status', 'Quick'))
    expect(disjuncts).toContainEqual({
      kind: 'matchNone',
      reason: 'failed [age] query, caused by number_format_exception:[For input string: "Quick"]',
    })
    expect(parse('*', {})).toEqual(MATCH_ALL)
  })
})

describe('options', () => {
  it('minimum_should_match applies to the top-level bool', () => {
    expect(parse('a b c', { defaultField: 'field', minimumShouldMatch: '2' })).toEqual({
      ...bool(['', f('a')], ['', f('b')], ['', f('c')]),
      minimumShouldMatch: 2,
    })
    expect(parse('a b c', { defaultField: 'field', minimumShouldMatch: '66%' })).toMatchObject({
      minimumShouldMatch: 1,
    })
  })

  it('phrase_slop is the default slop of quoted text', () => {
    expect(parse('"a b"', { defaultField: 'field', phraseSlop: 3 })).toEqual(phrase('field', ['a', 'b'], 3))
    expect(parse('"a b"~1', { defaultField: 'field', phraseSlop: 3 })).toEqual(phrase('field', ['a', 'b'], 1))
  })

  it('quote_field_suffix searches quoted text in field + suffix when it exists', () => {
    expect(parse('"Quick Fox" fox', { defaultField: 'status', quoteFieldSuffix: 'x' })).toEqual(
      bool(['', term('status', 'Quick Fox')], ['', term('status', 'fox')]),
    )
    expect(parse('"Quick Fox"', { defaultField: 'title', quoteFieldSuffix: '.none' })).toEqual(
      phrase('title', ['quick', 'fox']),
    )
  })

  it('analyzer forces the search analyzer', () => {
    expect(parse('Quick-Fox', { defaultField: 'title', analyzer: 'whitespace' })).toEqual(
      term('title', 'Quick-Fox'),
    )
  })

  it('analyze_wildcard analyses a prefix term', () => {
    expect(parse('quick-bro*', { defaultField: 'title' })).toEqual({
      kind: 'prefix',
      field: 'title',
      prefix: 'quick-bro',
      boost: 1,
    })
    expect(parse('quick-bro*', { defaultField: 'title', analyzeWildcard: true })).toEqual(
      bool(['', term('title', 'quick')], ['', { kind: 'prefix', field: 'title', prefix: 'bro', boost: 1 }]),
    )
  })

  it('fuzziness sets the distance of a bare ~', () => {
    expect(parse('quikc~', { defaultField: 'field', fuzziness: '2' })).toMatchObject({
      kind: 'fuzzy',
      maxEdits: 2,
    })
    expect(parse('quikc~', { defaultField: 'field', fuzziness: 'AUTO:6,9' })).toMatchObject({
      kind: 'fuzzy',
      maxEdits: 0,
    })
  })

  it('escape treats every reserved character literally', () => {
    expect(parse('a+b:(c)', { defaultField: 'status', escape: true })).toEqual(term('status', 'a+b:(c)'))
  })

  it('lenient turns a field type error into match_none', () => {
    expect(parse('age:abc', { defaultField: 'field', lenient: true })).toEqual({
      kind: 'matchNone',
      reason: 'failed [age] query, caused by number_format_exception:[For input string: "abc"]',
    })
  })
})
