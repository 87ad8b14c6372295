// The completion queries' matching over analyzed forms (completion-automaton.ts): separators and holes in the
// form, prefix matches, fuzzy prefixes within the edits (transpositions, the exact first letters, min_length) and
// the fuzzy boost, checked against a brute-force edit distance over every prefix of the input.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzedForm, completionMatch } from '../../../../workers/es/search/suggest/completion-automaton.ts'

const SEP = '\u001f'
const keep = { preserveSeparators: true, preservePositionIncrements: true }

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
  return d[a.length]![b.length]!
}

describe('analyzedForm', () => {
  it('joins tokens with separators and marks holes', () => {
    expect(analyzedForm({ terms: ['nights', 'in'], positions: [0, 1] }, keep)).toBe(`nights${SEP}in`)
    expect(analyzedForm({ terms: ['a', 'b'], positions: [0, 2] }, keep)).toBe(`a\u001e${SEP}${SEP}b`)
    expect(
      analyzedForm(
        { terms: ['a', 'b'], positions: [0, 2] },
        { preserveSeparators: false, preservePositionIncrements: false },
      ),
    ).toBe('ab')
  })
})

describe('completionMatch', () => {
  it('matches a prefix exactly without fuzzy', () => {
    expect(completionMatch('nirvana', 'nir', null)).toBe(0)
    expect(completionMatch('nirvana', 'nar', null)).toBeNull()
  })

  const fuzzy = { maxEdits: 1, transpositions: true, prefixLength: 1, minLength: 3 }
  it('matches within the edits, keeps the first letters exact, and boosts by the shared start', () => {
    expect(completionMatch('nirvana', 'nrv', fuzzy)).toBe(1)
    expect(completionMatch('nirvana', 'nivr', fuzzy)).toBe(2)
    expect(completionMatch('nirvana', 'nirv', fuzzy)).toBe(3)
    expect(completionMatch('nirvana', 'mirv', fuzzy)).toBeNull()
    // shorter than min_length: exact only
    expect(completionMatch('nirvana', 'nx', fuzzy)).toBeNull()
  })

  it('without transpositions agrees with a brute-force Levenshtein over the input prefixes', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 0, maxLength: 7 })
    fc.assert(
      fc.property(word, word, fc.integer({ min: 1, max: 2 }), (input, query, maxEdits) => {
        const options = { maxEdits, transpositions: false, prefixLength: 0, minLength: 0 }
        let best = Infinity
        for (let k = 0; k <= input.length; k++) best = Math.min(best, levenshtein(input.slice(0, k), query))
        expect(completionMatch(input, query, options) !== null).toBe(best <= maxEdits)
      }),
    )
  })
})
