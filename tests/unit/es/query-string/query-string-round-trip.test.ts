// Property: printing a query tree in the classic syntax and parsing it again gives the same tree, for every
// tree the syntax can express (keyword fields f and g take terms verbatim; the text field p holds phrases).
// Trees: terms with reserved characters (escaped by the printer), phrases with slop, prefix, wildcard,
// regexp, fuzzy, ranges with open ends, exists, match_all, boosts, and bools of MUST / SHOULD / MUST_NOT.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzeForIndexing } from '../../../../workers/es/analysis/index.ts'
import type { FieldMapping } from '../../../../workers/es/index/mapper/mapping.ts'
import {
  parseQueryString,
  toQueryString,
  type BoolClause,
  type QueryStringNode,
} from '../../../../workers/es/search/query-string/index.ts'

const FIELDS = new Map<string, FieldMapping>([
  ['f', { type: 'keyword' }],
  ['g', { type: 'keyword' }],
  ['p', { type: 'text' }],
])

function reparse(text: string): QueryStringNode {
  return parseQueryString(text, { defaultField: 'f' }, { fields: FIELDS, analyze: analyzeForIndexing })
}

const field = fc.constantFrom('f', 'g')
const boost = fc.constantFrom(1, 1, 1, 2, 0.5, 1.5, 10)
// `<`/`>` are left out: a field term starting with them is a one-sided range (ES's documented syntax).
const char = fc.constantFrom(...'abcXYZ019 +-!():^[]"{}~*?\\/&|.,@#=_'.split(''))
const text = fc.array(char, { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''))
// A range bound ending in `\` needs the bare form, which cannot hold a space, quote, `]` or `}`.
const bound = text.filter((t) => t !== '*' && !(t.endsWith('\\') && /[\s"\]}]/.test(t)))
const word = fc.stringMatching(/^[a-z]{1,6}$/)

const leaf: fc.Arbitrary<QueryStringNode> = fc.oneof(
  fc.record({ kind: fc.constant('term' as const), field, term: text, boost }),
  fc
    .record({ words: fc.array(word, { minLength: 2, maxLength: 4 }), slop: fc.nat(5), boost })
    .map(({ words, slop, boost }): QueryStringNode => ({
      kind: 'phrase',
      field: 'p',
      terms: words.map((term, position) => ({ term, position })),
      slop,
      boost,
    })),
  fc.record({ kind: fc.constant('prefix' as const), field, prefix: text, boost }),
  fc
    .record({
      head: word,
      wild: fc.constantFrom('?', '*?', '?*', '**'),
      tail: fc.stringMatching(/^[a-z0-9]{0,3}$/),
      field,
      boost,
    })
    .map(({ head, wild, tail, field, boost }): QueryStringNode => ({
      kind: 'wildcard',
      field,
      pattern: head + wild + tail,
      boost,
    })),
  fc
    .record({ pattern: fc.stringMatching(/^[a-z.*+?|()[\]]{1,8}$/), field, boost })
    .map(({ pattern, field, boost }): QueryStringNode => ({ kind: 'regexp', field, pattern, boost })),
  fc
    .record({ term: text, maxEdits: fc.constantFrom(0, 1, 2), field, boost })
    .map(({ term, maxEdits, field, boost }): QueryStringNode => ({
      kind: 'fuzzy',
      field,
      term,
      maxEdits,
      prefixLength: 0,
      transpositions: true,
      boost,
    })),
  fc
    .record({
      field,
      lower: fc.option(bound),
      upper: fc.option(bound),
      includeLower: fc.boolean(),
      includeUpper: fc.boolean(),
      boost,
    })
    .map((r): QueryStringNode => ({ kind: 'range', ...r })),
  fc.record({ kind: fc.constant('exists' as const), field, boost }),
  fc.record({ kind: fc.constant('matchAll' as const), boost }),
)

const occur = fc.constantFrom<BoolClause['occur']>('MUST', 'SHOULD', 'MUST_NOT')

const { tree } = fc.letrec<{ tree: QueryStringNode; bool: QueryStringNode }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('bool')),
  bool: fc
    .record({
      clauses: fc.array(fc.record({ occur, query: tie('tree') }), { minLength: 1, maxLength: 4 }),
      boost,
    })
    // Expressible bools: not a lone SHOULD clause (that parses as the clause itself), not only MUST_NOT (ES adds
    // a match_all FILTER to those).
    .filter(({ clauses }) => !(clauses.length === 1 && clauses[0]!.occur === 'SHOULD'))
    .filter(({ clauses }) => clauses.some((c) => c.occur !== 'MUST_NOT'))
    .map(({ clauses, boost }): QueryStringNode => ({ kind: 'bool', clauses, minimumShouldMatch: 0, boost })),
}))

describe('toQueryString', () => {
  it('prints in the classic syntax', () => {
    const node: QueryStringNode = {
      kind: 'bool',
      clauses: [
        { occur: 'MUST', query: { kind: 'term', field: 'f', term: 'a b', boost: 2 } },
        {
          occur: 'MUST_NOT',
          query: {
            kind: 'range',
            field: 'g',
            lower: null,
            upper: 'x"y',
            includeLower: true,
            includeUpper: false,
            boost: 1,
          },
        },
        {
          occur: 'SHOULD',
          query: {
            kind: 'phrase',
            field: 'p',
            terms: [
              { term: 'q', position: 0 },
              { term: 'r', position: 1 },
            ],
            slop: 2,
            boost: 1,
          },
        },
        { occur: 'SHOULD', query: { kind: 'term', field: 'f', term: 'AND', boost: 1 } },
      ],
      minimumShouldMatch: 0,
      boost: 1,
    }
    expect(toQueryString(node)).toBe('+f:a\\ b^2 -g:[* TO "x\\"y"} p:"q r"~2 f:\\AND')
  })

  it('parsing the printed tree gives the same tree', () => {
    fc.assert(
      fc.property(tree, (node) => {
        expect(reparse(toQueryString(node))).toEqual(node)
      }),
      { numRuns: 500 },
    )
  })
})
