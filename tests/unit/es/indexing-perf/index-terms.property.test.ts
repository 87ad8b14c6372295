// Indexing's analysis without per-token strings (Analyzer.indexTerms, lowerCaseInto) against the string path it
// replaces (Analyzer.terms, lowerCaseTerm) on random text: the same terms at the same positions, for the
// standard analyzer's scanning fast path and for the chains that go through the token stream.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IndexAnalyzers } from '../../../../workers/es/analysis/custom/index-analyzers.ts'
import type { Analyzer, TermSink } from '../../../../workers/es/analysis/index.ts'
import { getAnalyzer } from '../../../../workers/es/analysis/registry.ts'
import { lowerCaseInto, lowerCaseTerm } from '../../../../workers/es/analysis/unicode/character.ts'

/** A TermSink that keeps what it is given as strings. */
function collect(): TermSink & { got: Array<[string, number]> } {
  const got: Array<[string, number]> = []
  return {
    got,
    term: (chars, length, position) =>
      got.push([String.fromCharCode(...chars.subarray(0, length)), position]),
  }
}

/** Text with words, digits, punctuation, capitals, accents, CJK, emoji and surrogates, lone ones included. */
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom('The', 'QUICK', 'brown', "fox's", 'İstanbul', 'ΣΟΦΊΑ', 'déjà', '3.14', 'x_y', 'U.S.A.'),
      fc.constantFrom(' ', '  ', ', ', '. ', '\n', '-', '<b>', '&amp;'),
      fc.constantFrom('東京', '😀', '𐐀𐐁', 'a\u0301', '\ud800', '\udc00x', 'ＡＢＣ'),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''))

const custom = new IndexAnalyzers({
  analyzer: {
    plain: { type: 'custom', tokenizer: 'standard', filter: ['lowercase'] },
    stripped: { type: 'custom', tokenizer: 'standard', char_filter: ['html_strip'], filter: ['lowercase'] },
    short: { type: 'standard', max_token_length: 3 },
    stopped: { type: 'standard', stopwords: '_english_' },
  },
})

function analyzer(name: string): Analyzer {
  const found = custom.analyzer(name) ?? getAnalyzer(name)
  if (!found) throw new Error(name)
  return found
}

const NAMES = [
  'standard',
  'plain',
  'stripped',
  'short',
  'stopped',
  'simple',
  'whitespace',
  'english',
  'keyword',
]

describe('Analyzer.indexTerms', () => {
  it('gives the terms and positions of Analyzer.terms, shifted by the base, and the next position', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...NAMES), fc.nat(300), (value, name, base) => {
        const chain = analyzer(name)
        const { terms, positions } = chain.terms(value)
        const sink = collect()
        const next = chain.indexTerms(value, sink, base)
        expect(sink.got).toEqual(terms.map((term, i) => [term, base + positions[i]!]))
        expect(next).toBe(terms.length === 0 ? base : base + positions[positions.length - 1]! + 1)
      }),
      { numRuns: 600 },
    )
  })

  it("indexes the ES reference's standard analyzer example, from the base on", () => {
    // The standard analyzer page: "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone."
    const sink = collect()
    const next = analyzer('standard').indexTerms(
      "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone.",
      sink,
      100,
    )
    expect(sink.got).toEqual(
      ['the', '2', 'quick', 'brown', 'foxes', 'jumped', 'over', 'the', 'lazy', "dog's", 'bone'].map(
        (term, i) => [term, 100 + i],
      ),
    )
    expect(next).toBe(111)
  })
})

describe('lowerCaseInto', () => {
  it('writes the code units of lowerCaseTerm of the range', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (value, a, b) => {
        const start = value.length === 0 ? 0 : a % (value.length + 1)
        const end = start + (value.length === 0 ? 0 : b % (value.length - start + 1))
        const out = new Uint16Array(end - start)
        const n = lowerCaseInto(value, start, end, out)
        expect(String.fromCharCode(...out.subarray(0, n))).toBe(lowerCaseTerm(value.slice(start, end)))
      }),
      { numRuns: 600 },
    )
  })
})
