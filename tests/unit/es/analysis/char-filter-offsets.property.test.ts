// Property tests: char-filtered tokens' offsets always lie within the original text, in order; the
// offset map's binary search agrees with a linear scan (BaseCharFilter.correct's definition); and the
// ngram tokenizer and shingle filter agree with naive oracles built from their documented definitions.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OffsetCorrections } from '../../../../workers/es/analysis/custom/offset-corrections.ts'
import { chain } from './analysis-chain.ts'

const alphabet = fc.constantFrom('a', 'b', ' ', '<', '>', '/', 'p', '&', ';', 'x', ':', ')', 'é', '1', '-')
const text = fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join(''))
const charFilters = fc.subarray([
  'html_strip',
  { type: 'mapping', mappings: [':) => _happy_', 'ab => X', 'é => e'] },
  { type: 'pattern_replace', pattern: '(\\d)-', replacement: '$1$1__' },
  { type: 'pattern_replace', pattern: 'x+', replacement: '' },
])

describe('char filter offsets', () => {
  it('every token lies within the original text and starts never go backwards', () => {
    fc.assert(
      fc.property(
        text,
        charFilters,
        fc.constantFrom('standard', 'whitespace', 'keyword', 'letter'),
        (input, filters, tokenizer) => {
          const tokens = chain(tokenizer, [], filters).analyze(input)
          let previousStart = 0
          for (const token of tokens) {
            expect(token.start_offset).toBeGreaterThanOrEqual(previousStart)
            expect(token.start_offset).toBeLessThanOrEqual(token.end_offset)
            expect(token.end_offset).toBeLessThanOrEqual(input.length)
            previousStart = token.start_offset
          }
        },
      ),
    )
  })

  it('correct() equals the diff of the last entry at or before the offset', () => {
    const entries = fc.array(fc.tuple(fc.nat(50), fc.integer({ min: -20, max: 20 })), { maxLength: 20 })
    fc.assert(
      fc.property(entries, fc.nat(60), (raw, probe) => {
        const sorted = [...raw].sort((a, b) => a[0] - b[0])
        const corrections = new OffsetCorrections()
        for (const [offset, diff] of sorted) corrections.add(offset, diff)
        let expected = probe
        for (const [offset, diff] of sorted) if (offset <= probe) expected = probe + diff
        expect(corrections.correct(probe)).toBe(expected)
      }),
    )
  })
})

describe('n-gram oracles', () => {
  it('the ngram tokenizer emits every substring of min..max chars, by start then length', () => {
    const sizes = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1 }))
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', ' ', 'c'), { maxLength: 12 }),
        sizes,
        (chars, [min, extra]) => {
          const input = chars.join('')
          const expected: string[] = []
          for (const run of input.split(' ')) {
            for (let start = 0; start < run.length; start++) {
              for (let size = min; size <= min + extra && start + size <= run.length; size++) {
                expected.push(run.slice(start, start + size))
              }
            }
          }
          const tokenizer = { type: 'ngram', min_gram: min, max_gram: min + extra, token_chars: ['letter'] }
          expect(
            chain(tokenizer)
              .analyze(input)
              .map((t) => t.token),
          ).toEqual(expected)
        },
      ),
    )
  })

  it('shingles are every run of 2..3 consecutive tokens joined by a space, after each unigram', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'bb', 'c'), { maxLength: 8 }), (words) => {
        const expected: string[] = []
        words.forEach((word, i) => {
          expected.push(word)
          for (let size = 2; size <= 3 && i + size <= words.length; size++) {
            expected.push(words.slice(i, i + size).join(' '))
          }
        })
        const filter = { type: 'shingle', min_shingle_size: 2, max_shingle_size: 3 }
        expect(
          chain('whitespace', [filter])
            .analyze(words.join(' '))
            .map((t) => t.token),
        ).toEqual(expected)
      }),
    )
  })
})
