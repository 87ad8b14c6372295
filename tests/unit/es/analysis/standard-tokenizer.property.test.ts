// Property test: on a small ASCII alphabet the standard tokenizer (NFA -> lazy DFA, longest match, rule
// priority, buffer limit) must equal a brute-force oracle: at each position try every end, longest
// first, and take the first rule whose anchored JS regex (a separate transcription of the ASCII part of
// the grammar: no emoji, Katakana, Hebrew or Han) matches the whole slice.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { StandardTokenizer } from '../../../../workers/es/analysis/tokenizers/standard-tokenizer.ts'

// ASCII Word_Break values: ALetter [A-Za-z], Numeric [0-9], MidLetter ':', MidNumLet '.', MidNum ',;',
// Single_Quote "'", ExtendNumLet '_'.
const ML = "[:.']"
const MN = "[,;.']"
const NUM = `[0-9](?:(?:_*|${MN})[0-9])*`
const LETTERS = `[A-Za-z](?:(?:_*|${ML})[A-Za-z])*`
const CORE = `(?:${NUM}|${LETTERS})+`
const RULES: [string, RegExp][] = [
  ['<NUM>', new RegExp(`^_*${NUM}_*$`)],
  ['<ALPHANUM>', new RegExp(`^_*${CORE}(?:_+${CORE})*_*$`)],
]

function oracle(text: string, maxTokenLength: number): [string, string][] {
  const tokens: [string, string][] = []
  let start = 0
  while (start < text.length) {
    let matched = false
    for (let end = Math.min(text.length, start + maxTokenLength); end > start && !matched; end--) {
      const slice = text.slice(start, end)
      const rule = RULES.find(([, pattern]) => pattern.test(slice))
      if (rule) {
        tokens.push([slice, rule[0]])
        start = end
        matched = true
      }
    }
    if (!matched) start += 1
  }
  return tokens
}

describe('StandardTokenizer vs brute-force oracle', () => {
  it('matches on random ASCII text', () => {
    const alphabet = fc.constantFrom(..."aZb19_:.,;' -!".split(''))
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (chars, max) => {
        const text = chars.join('')
        const tokens = new StandardTokenizer(max).tokenize(text)
        expect(tokens.terms.map((term, i) => [term, tokens.types[i]])).toEqual(oracle(text, max))
        tokens.terms.forEach((term, i) => {
          expect(text.slice(tokens.startOffsets[i], tokens.endOffsets[i])).toBe(term)
        })
      }),
      { numRuns: 2000 },
    )
  })
})
