// The highlighter's parts against known values: java.lang.String.hashCode and HashMap order, the JDK
// sentence breaks of elastic/elasticsearch#28462's text, ES's bounded sentence passages (PR #28132: whole
// sentences up to fragment_size), Lucene's PassageScorer formula, and a property over random matches.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BoundedSentenceBreaker,
  sentenceBreaks,
  separatorBreaks,
  SplittingBreaker,
  wordBreaks,
} from '../../../../workers/es/search/fetch/highlight/break-iterators.ts'
import {
  highlightPassages,
  scorePassage,
  type MatchSpan,
} from '../../../../workers/es/search/fetch/highlight/field-highlighter.ts'

const options = {
  maxPassages: 5,
  noMatchSize: 0,
  preTag: '<em>',
  postTag: '</em>',
  html: false,
  whole: false,
}
const span = (start: number, end: number, term: string): MatchSpan => ({ start, end, term, freq: 1 })
const bounded = (text: string, size: number) =>
  new SplittingBreaker(
    text,
    (v) => new BoundedSentenceBreaker(v.length, sentenceBreaks(v), wordBreaks(v), size),
  )

describe('break iterators', () => {
  it('sentence breaks after terminators and the spaces after them', () => {
    const text = 'Hello. This is a test.'
    expect([0, 1, 6, 7, 21].map((x) => sentenceBreaks(text).following(x))).toEqual([7, 7, 7, 22, 22])
    expect(sentenceBreaks('see e.g. this').following(0)).toBe(13)
    expect(sentenceBreaks('Why? yes').following(0)).toBe(5)
  })

  it('word breaks: words, space runs, punctuation alone', () => {
    expect(wordBreaks("can't stop,  now").following(0)).toBe(5)
    expect([5, 6, 10, 11].map((x) => wordBreaks("can't stop,  now").following(x))).toEqual([6, 10, 11, 13])
  })

  it('#28462 after #28132: sentences join up to fragment_size; without a bound one sentence', () => {
    const text = 'Hello. This is a test.'
    expect(
      highlightPassages(text, [span(0, 5, 'hello')], bounded(text, 1000), wordBreaks(text), options).map(
        (snippet) => snippet.text,
      ),
    ).toEqual(['<em>Hello</em>. This is a test.'])
    const plain = new SplittingBreaker(text, sentenceBreaks)
    expect(highlightPassages(text, [span(0, 5, 'hello')], plain, wordBreaks(text), options)[0]!.text).toBe(
      '<em>Hello</em>.',
    )
  })

  it('values never share a passage; number_of_fragments 0 keeps each value untrimmed', () => {
    const text = 'red fox\0 blue \0grey fox'
    const spans = [span(4, 7, 'fox'), span(20, 23, 'fox')]
    const texts = (breaker: SplittingBreaker, whole: boolean) =>
      highlightPassages(text, spans, breaker, wordBreaks(text), { ...options, whole }).map((s) => s.text)
    expect(texts(bounded(text, 100), false)).toEqual(['red <em>fox</em>', 'grey <em>fox</em>'])
    expect(texts(new SplittingBreaker(text, separatorBreaks), true)).toEqual([
      'red <em>fox</em>',
      'grey <em>fox</em>',
    ])
  })
})

describe('PassageScorer', () => {
  it('norm(start) * sum of tf * weight, k1 1.2, b 0.75, pivot 87', () => {
    const passage = { start: 10, end: 60, matches: [span(12, 15, 'a'), span(20, 23, 'a'), span(30, 33, 'b')] }
    const weight = (ttf: number) => 2.2 * Math.log(1 + (1 + 200 / 87 + 0.5) / (ttf + 0.5))
    const tf = (freq: number) => freq / (freq + 1.2 * (0.25 + (0.75 * 50) / 87))
    const expected = (tf(2) * weight(1) + tf(1) * weight(1)) * (1 + 1 / Math.log(97))
    expect(scorePassage(passage, 200)).toBeCloseTo(expected, 5)
  })
})

describe('highlightPassages (property)', () => {
  it('fragments without tags are trimmed slices of one value; at most maxPassages; every tag pair balanced', () => {
    const words = fc.constantFrom('fox', 'dog', 'The', 'a.', 'end!', 'cat,', 'x')
    const value = fc.array(words, { minLength: 1, maxLength: 30 }).map((w) => w.join(' '))
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 60 }),
        (values, max, size) => {
          const text = values.join('\0')
          const spans = [...text.matchAll(/fox|dog/g)].map((m) => span(m.index, m.index + 3, m[0]))
          const breaker = size === 0 ? new SplittingBreaker(text, sentenceBreaks) : bounded(text, size)
          const snippets = highlightPassages(text, spans, breaker, wordBreaks(text), {
            ...options,
            maxPassages: max,
          })
          expect(snippets.length).toBeLessThanOrEqual(spans.length === 0 ? 0 : max)
          for (const { text: fragment } of snippets) {
            const plain = fragment.replaceAll('<em>', '').replaceAll('</em>', '')
            expect(values.some((v) => v.includes(plain))).toBe(true)
            expect(fragment.split('<em>').length).toBe(fragment.split('</em>').length)
            expect(fragment).toMatch(/<em>(fox|dog)<\/em>/)
          }
        },
      ),
    )
  })
})
