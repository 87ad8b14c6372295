// The classic QueryParser's token manager (QueryParser.jj token definitions: longest match, first-declared
// kind on ties, the Boost and Range lexical states), the IndexQuery conversion and URI search parameters
// (RestSearchAction.parseSearchSource).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as K from '../../../../workers/es/search/query-string/query-parser-tokens.ts'
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { toIndexQuery, uriSearchQuery } from '../../../../workers/es/search/query-string/index.ts'
import { FIELDS, parse } from './helpers.ts'

function kinds(text: string): Array<[number, string, number]> {
  return K.tokenize(text).tokens.map((t) => [t.kind, t.image, t.begin])
}

describe('tokenize', () => {
  it.each<[string, Array<[number, string, number]>]>([
    [
      'AND ANDY && ||',
      [
        [K.AND, 'AND', 0],
        [K.TERM, 'ANDY', 4],
        [K.AND, '&&', 9],
        [K.OR, '||', 12],
        [K.EOF, '', 14],
      ],
    ],
    [
      '+a - b !c ! d',
      [
        [K.PLUS, '+', 0],
        [K.TERM, 'a', 1],
        [K.BAREOPER, '- ', 3],
        [K.TERM, 'b', 5],
        [K.NOT, '!', 7],
        [K.TERM, 'c', 8],
        [K.BAREOPER, '! ', 10],
        [K.TERM, 'd', 12],
        [K.EOF, '', 13],
      ],
    ],
    [
      '* a* *a a*b ?',
      [
        [K.STAR, '*', 0],
        [K.PREFIXTERM, 'a*', 2],
        [K.WILDTERM, '*a', 5],
        [K.WILDTERM, 'a*b', 8],
        [K.WILDTERM, '?', 12],
        [K.EOF, '', 13],
      ],
    ],
    [
      'a~2 "x y"~3^1.5',
      [
        [K.TERM, 'a', 0],
        [K.FUZZY_SLOP, '~2', 1],
        [K.QUOTED, '"x y"', 4],
        [K.FUZZY_SLOP, '~3', 9],
        [K.CARAT, '^', 11],
        [K.NUMBER, '1.5', 12],
        [K.EOF, '', 15],
      ],
    ],
    [
      'f:[1 TO "a]"} /a\\/b/',
      [
        [K.TERM, 'f', 0],
        [K.COLON, ':', 1],
        [K.RANGEIN_START, '[', 2],
        [K.RANGE_GOOP, '1', 3],
        [K.RANGE_TO, 'TO', 5],
        [K.RANGE_QUOTED, '"a]"', 8],
        [K.RANGEEX_END, '}', 12],
        [K.REGEXPTERM, '/a\\/b/', 14],
        [K.EOF, '', 20],
      ],
    ],
    [
      'a\\:b\\ c-d+e',
      [
        [K.TERM, 'a\\:b\\ c-d+e', 0],
        [K.EOF, '', 11],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(kinds(text)).toEqual(expected)
  })

  it('tokens are slices of the input in order, separated only by whitespace', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ a-cAND|&+\-!():^[\]"{}~*?\\/TO0-9.]{0,20}$/), (text) => {
        const { tokens, error } = K.tokenize(text)
        let at = 0
        for (const token of tokens) {
          expect(text.slice(at, token.begin).trim()).toBe('')
          expect(text.slice(token.begin, token.begin + token.image.length)).toBe(token.image)
          at = token.begin + token.image.length
        }
        if (error === null) expect(tokens[tokens.length - 1]!.kind).toBe(K.EOF)
        else expect(error.column).toBeGreaterThan(at)
      }),
      { numRuns: 300 },
    )
  })
})

const CONTEXT = { fields: FIELDS, nowMillis: 0 }

describe('toIndexQuery', () => {
  it('converts term, phrase, bool and match_all', () => {
    expect(toIndexQuery(parse('+a "b c"~1 -d^2'), CONTEXT)).toEqual({
      type: 'bool',
      must: [{ type: 'term', field: 'field', term: 'a', boost: 1 }],
      should: [
        {
          type: 'phrase',
          field: 'field',
          terms: [
            { term: 'b', position: 0 },
            { term: 'c', position: 1 },
          ],
          slop: 1,
          boost: 1,
        },
      ],
      mustNot: [{ type: 'term', field: 'field', term: 'd', boost: 2 }],
      filter: [],
      minimumShouldMatch: 0,
      boost: 1,
    })
    expect(toIndexQuery(parse('-a'), CONTEXT)).toMatchObject({ filter: [{ type: 'matchAll', boost: 1 }] })
    expect(toIndexQuery(parse('nosuch:x'), CONTEXT)).toEqual({
      type: 'matchNone',
      reason: 'unmapped fields [nosuch]',
    })
  })

  it("keeps a dis_max's match_none disjuncts with their reasons, as QueryStringQueryParser builds them", () => {
    expect(toIndexQuery(parse('fox^3', { fields: ['title^2', 'age'], lenient: true }), CONTEXT)).toEqual({
      type: 'disMax',
      queries: [
        { type: 'term', field: 'title', term: 'fox', boost: 2 },
        {
          type: 'matchNone',
          reason: 'failed [age] query, caused by number_format_exception:[For input string: "fox"]',
        },
      ],
      tieBreaker: 0,
      boost: 3,
    })
  })

  it.each<[string, IndexQuery]>([
    ['bro*', { type: 'prefix', field: 'field', prefix: 'bro', boost: 1 }],
    ['qu?ck', { type: 'wildcard', field: 'field', pattern: 'qu?ck', boost: 1 }],
    ['/ab+/', { type: 'regexp', field: 'field', pattern: 'ab+', maxDeterminizedStates: 10000, boost: 1 }],
    [
      'fox~',
      {
        type: 'fuzzy',
        field: 'field',
        term: 'fox',
        maxEdits: 1,
        prefixLength: 0,
        maxExpansions: 50,
        transpositions: true,
        boost: 1,
      },
    ],
    ['count:[1 TO 5}', { type: 'numericRange', field: 'count', lower: 1, upper: 4, boost: 1, point: 'int' }],
    [
      'status:{a TO *]',
      {
        type: 'termRange',
        field: 'status',
        lower: 'a',
        upper: null,
        includeLower: false,
        includeUpper: true,
        boost: 1,
      },
    ],
    [
      'date:[2020-01-01 TO 2020-01-02}',
      {
        type: 'numericRange',
        field: 'date',
        lower: 1577836800000,
        upper: 1577923199999,
        boost: 1,
        point: 'long',
      },
    ],
    ['_exists_:title', { type: 'exists', field: 'title', boost: 1 }],
  ])('%s converts to the engine query', (query, expected) => {
    expect(toIndexQuery(parse(query), CONTEXT)).toEqual(expected)
  })

  it('keeps a dis_max over several live fields, with the tie_breaker', () => {
    expect(toIndexQuery(parse('fox', { fields: ['title', 'content'], tieBreaker: 0.3 }), CONTEXT)).toEqual({
      type: 'disMax',
      queries: [
        { type: 'term', field: 'title', term: 'fox', boost: 1 },
        { type: 'term', field: 'content', term: 'fox', boost: 1 },
      ],
      tieBreaker: 0.3,
      boost: 1,
    })
  })
})

describe('uriSearchQuery', () => {
  it('maps q, df, analyzer, analyze_wildcard, lenient and default_operator', () => {
    const params = new Map([
      ['q', 'title:fox'],
      ['df', 'content'],
      ['analyzer', 'whitespace'],
      ['analyze_wildcard', 'true'],
      ['lenient', 'false'],
      ['default_operator', 'and'],
    ])
    expect(uriSearchQuery(params)).toEqual({
      query: 'title:fox',
      options: {
        defaultField: 'content',
        analyzer: 'whitespace',
        analyzeWildcard: true,
        lenient: false,
        defaultOperator: 'AND',
      },
    })
    expect(uriSearchQuery(new Map([['q', 'fox']]))).toEqual({
      query: 'fox',
      options: { analyzeWildcard: false },
    })
    expect(uriSearchQuery(new Map([['size', '1']]))).toBeNull()
  })

  it('rejects bad parameter values as ES does', () => {
    expect(() =>
      uriSearchQuery(
        new Map([
          ['q', 'a'],
          ['lenient', 'yes'],
        ]),
      ),
    ).toThrow('Failed to parse value [yes] as only [true] or [false] are allowed.')
    expect(() =>
      uriSearchQuery(
        new Map([
          ['q', 'a'],
          ['default_operator', 'xor'],
        ]),
      ),
    ).toThrow('No enum constant org.elasticsearch.index.query.Operator.XOR')
  })
})
