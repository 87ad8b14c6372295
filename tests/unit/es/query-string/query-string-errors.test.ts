// Syntax errors as Elasticsearch 8 reports them for `query_string` and `q=`: a query_shard_exception
// "Failed to parse query [q]" caused by Lucene's ParseException "Cannot parse 'q': <JavaCC message>".
// Message formats: JavaCC 7's ParseException.initialise and TokenMgrError.LexicalErr as generated into
// lucene/queryparser/classic (columns are FastCharStream's 0-based offsets; every expected line ends in
// "\n    "). Anchors from real systems: "a AND" (the brief, and the same list in a graylog/ES report with
// `<TERM> ...` and `"*" ...` repeated at the end), "Cannot parse '(': Encountered \"<EOF>\" at line 1,
// column 1." (an OpenSearch 2.19 capture), and ES's QueryStringIT: "/" → "Lexical error at line 1, column 2.
// Encountered: <EOF> (in lexical state 2)".
import { describe, expect, it } from 'vitest'
import { errorResponseBody, type EsException } from '../../../../workers/es/errors/index.ts'
import { analyzeForIndexing } from '../../../../workers/es/analysis/index.ts'
import { parseQueryString } from '../../../../workers/es/search/query-string/index.ts'
import { FIELDS, INDEX, parse } from './helpers.ts'

const QUERY_START = [
  '<NOT>',
  '"+"',
  '"-"',
  '<BAREOPER>',
  '"("',
  '"*"',
  '<QUOTED>',
  '<TERM>',
  '<PREFIXTERM>',
  '<WILDTERM>',
  '<REGEXPTERM>',
  '"["',
  '"{"',
  '<NUMBER>',
]
const CLAUSE_START = [
  '<BAREOPER>',
  '"("',
  '"*"',
  '<QUOTED>',
  '<TERM>',
  '<PREFIXTERM>',
  '<WILDTERM>',
  '<REGEXPTERM>',
  '"["',
  '"{"',
  '<NUMBER>',
]

function expecting(...kinds: string[]): string {
  const lines = kinds.map((k) => (k === '<EOF>' ? '<EOF> ' : `${k} ...`))
  return `Was expecting${kinds.length === 1 ? ':' : ' one of:'}\n    ${lines.join('\n    ')}\n    `
}

function failure(
  query: string,
  options = { defaultField: 'field', allowLeadingWildcard: false },
): EsException {
  try {
    parse(query, options)
  } catch (e) {
    return e as EsException
  }
  throw new Error(`no error for ${query}`)
}

function cannotParse(query: string): string {
  const error = failure(query)
  expect(error.type).toBe('query_shard_exception')
  expect(error.reason).toBe(`Failed to parse query [${query}]`)
  expect(error.causedBy?.type).toBe('parse_exception')
  return error.causedBy?.reason ?? ''
}

describe('ParseException messages', () => {
  const cases: Array<[string, string]> = [
    ['a AND', `Encountered "<EOF>" at line 1, column 5.\n${expecting(...QUERY_START, '<TERM>', '"*"')}`],
    ['a OR', `Encountered "<EOF>" at line 1, column 4.\n${expecting(...QUERY_START, '<TERM>', '"*"')}`],
    ['a +', `Encountered "<EOF>" at line 1, column 3.\n${expecting(...CLAUSE_START, '<TERM>', '"*"')}`],
    ['(', `Encountered "<EOF>" at line 1, column 1.\n${expecting(...QUERY_START, '<TERM>')}`],
    ['a:', `Encountered "<EOF>" at line 1, column 2.\n${expecting(...CLAUSE_START)}`],
    [
      '(a',
      `Encountered "<EOF>" at line 1, column 2.\n${expecting('<AND>', '<OR>', '<NOT>', '"+"', '"-"', '<BAREOPER>', '"("', '")"', '"*"', '"^"', '<QUOTED>', '<TERM>', '<FUZZY_SLOP>', '<PREFIXTERM>', '<WILDTERM>', '<REGEXPTERM>', '"["', '"{"', '<NUMBER>')}`,
    ],
    [
      'title:foo)',
      `Encountered " ")" ") "" at line 1, column 9.\n${expecting('<EOF>', '<AND>', '<OR>', '<NOT>', '"+"', '"-"', '<BAREOPER>', '"("', '"*"', '"^"', '<QUOTED>', '<TERM>', '<FUZZY_SLOP>', '<PREFIXTERM>', '<WILDTERM>', '<REGEXPTERM>', '"["', '"{"', '<NUMBER>')}`,
    ],
    [
      '[a TO',
      `Encountered "<EOF>" at line 1, column 5.\n${expecting('"TO"', '<RANGE_QUOTED>', '<RANGE_GOOP>')}`,
    ],
    ['[a TO b', `Encountered "<EOF>" at line 1, column 7.\n${expecting('"]"', '"}"')}`],
    ['"a b"^', `Encountered "<EOF>" at line 1, column 6.\n${expecting('<NUMBER>')}`],
  ]
  it.each(cases)('%s', (query, message) => {
    expect(cannotParse(query)).toBe(`Cannot parse '${query}': ${message}`)
    expect(failure(query).causedBy?.causedBy).toMatchObject({ type: 'parse_exception', reason: message })
  })
})

describe('lexical errors (TokenMgrError)', () => {
  const cases: Array<[string, string]> = [
    [
      '"abc',
      'Lexical error at line 1, column 5.  Encountered: <EOF> after prefix "\\"abc" (in lexical state 2)',
    ],
    [
      'a "b c',
      'Lexical error at line 1, column 7.  Encountered: <EOF> after prefix "\\"b c" (in lexical state 2)',
    ],
    ['/', 'Lexical error at line 1, column 2.  Encountered: <EOF> (in lexical state 2)'],
    [
      'CI/CD',
      'Lexical error at line 1, column 6.  Encountered: <EOF> after prefix "/CD" (in lexical state 2)',
    ],
    ['x]', 'Lexical error at line 1, column 3.  Encountered: <EOF> (in lexical state 2)'],
    ['x] y', "Lexical error at line 1, column 2.  Encountered: ']' (93), (in lexical state 2)"],
    ['a\\', 'Lexical error at line 1, column 3.  Encountered: <EOF> (in lexical state 2)'],
    ['a^b', 'Lexical error at line 1, column 4.  Encountered: <EOF>'],
    ['a^ 2', "Lexical error at line 1, column 3.  Encountered: ' ' (32),"],
  ]
  it.each(cases)('%s', (query, message) => {
    expect(cannotParse(query)).toBe(`Cannot parse '${query}': ${message}`)
    expect(failure(query).causedBy?.causedBy).toMatchObject({ type: 'token_mgr_error', reason: message })
  })
})

describe('errors raised while building the query', () => {
  it('a leading wildcard when allow_leading_wildcard is false', () => {
    expect(cannotParse('?abc')).toBe(
      "Cannot parse '?abc': '*' or '?' not allowed as first character in WildcardQuery",
    )
    expect(parse('*abc', { defaultField: 'field' })).toEqual({
      kind: 'wildcard',
      field: 'field',
      pattern: '*abc',
      boost: 1,
    })
  })

  it('escape errors of discardEscapeChar', () => {
    expect(cannotParse('a\\u00')).toBe("Cannot parse 'a\\u00': Truncated unicode escape sequence.")
    expect(cannotParse('a\\u00zz')).toBe(
      "Cannot parse 'a\\u00zz': Non-hex character in Unicode escape sequence: z",
    )
    expect(cannotParse('title:[a TO c\\]d]')).toBe(
      "Cannot parse 'title:[a TO c\\]d]': Term can not end with escape character.",
    )
    expect(parse('caf\\u00e9')).toEqual({ kind: 'term', field: 'field', term: 'café', boost: 1 })
  })

  it('field type errors are "failed to create query" unless lenient', () => {
    const error = failure('age:abc')
    expect(error.reason).toBe('failed to create query: For input string: "abc"')
    expect(error.causedBy).toMatchObject({
      type: 'number_format_exception',
      reason: 'For input string: "abc"',
    })
    expect(failure('field:abc~x').reason).toBe('failed to create query: fuzziness cannot be [x].')
    expect(failure('field:abc~3').reason).toBe(
      'failed to create query: Valid edit distances are [0, 1, 2] but was [3]',
    )
  })

  it('an unknown analyzer', () => {
    const context = { fields: FIELDS, analyze: analyzeForIndexing, index: INDEX, hasAnalyzer: () => false }
    expect(() => parseQueryString('a', { quoteAnalyzer: 'nope' }, context)).toThrow(
      '[query_string] quote_analyzer [nope] not found',
    )
  })

  it('renders the REST error body with the index metadata', () => {
    const message = `Cannot parse 'a AND': Encountered "<EOF>" at line 1, column 5.\n${expecting(...QUERY_START, '<TERM>', '"*"')}`
    expect(JSON.parse(errorResponseBody(failure('a AND')))).toEqual({
      error: {
        root_cause: [
          {
            type: 'query_shard_exception',
            reason: 'Failed to parse query [a AND]',
            index_uuid: 'aBcD',
            index: 'my-index',
          },
        ],
        type: 'query_shard_exception',
        reason: 'Failed to parse query [a AND]',
        index_uuid: 'aBcD',
        index: 'my-index',
        caused_by: {
          type: 'parse_exception',
          reason: message,
          caused_by: { type: 'parse_exception', reason: message.slice("Cannot parse 'a AND': ".length) },
        },
      },
      status: 400,
    })
  })
})
