// KStemFilter (Lucene KStemmer) as the `kstem` filter and the `stemmer` languages light_english and kstem:
// the Elasticsearch 8 reference example, and words whose stems follow from KStemmer's steps and dictionary
// (the comments in KStemmer.java name several: calories -> calorie, immunity -> immune, microcoding ->
// microcode, fingerspelling -> fingerspell, Italians -> Italy, optimal -> optimum, amplification -> amplify).
import { describe, expect, it } from 'vitest'
import { kstem } from '../../../../../workers/es/analysis/stemmers/kstemmer.ts'
import { chain, rows, terms as chainTerms } from '../analysis-chain.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

describe('kstem', () => {
  it('reference example: "the foxes jumping quickly" -> [the, fox, jump, quick], offsets kept', () => {
    expect(rows(chain('whitespace', ['kstem']), 'the foxes jumping quickly')).toEqual([
      ['the', 0, 3, 0],
      ['fox', 4, 9, 1],
      ['jump', 10, 17, 2],
      ['quick', 18, 25, 3],
    ])
  })

  it('stemmer light_english, lightEnglish and kstem are KStemFilter', () => {
    for (const language of ['light_english', 'lightEnglish', 'KSTEM']) {
      expect(terms(whitespace(filter('stemmer', { language })), 'ponies hopping drivers')).toEqual([
        'pony',
        'hop',
        'driver',
      ])
    }
  })

  it.each([
    ['calories', 'calorie'],
    ['ponies', 'pony'],
    ['crosses', 'cross'],
    ['aided', 'aid'],
    ['aides', 'aide'],
    ['immunity', 'immune'],
    ['microcoding', 'microcode'],
    ['fingerspelling', 'fingerspell'],
    ['italians', 'italy'],
    ['optimal', 'optimum'],
    ['amplification', 'amplify'],
    ['optimization', 'optimize'],
    ['elimination', 'eliminate'],
    ['organizer', 'organize'],
    ['easier', 'easy'],
    ['militarily', 'military'],
    ['approximately', 'approximate'],
    ['heuristically', 'heuristic'],
    ['bibliographical', 'bibliography'],
    ['injunctive', 'injunction'],
    ['determinative', 'determine'],
    ['relevancy', 'relevant'],
    ['compensable', 'compensate'],
    ['going', 'go'],
    ['dying', 'die'],
    ['doing', 'do'],
  ])('%s -> %s', (word, stem) => {
    expect(kstem(word)).toBe(stem)
  })

  it('leaves dictionary words, short and long terms, and terms with other chars alone', () => {
    for (const word of [
      'books',
      'running',
      'flies',
      'complication',
      'is',
      'Foxes',
      'foxes1',
      'x'.repeat(50),
    ]) {
      expect(kstem(word)).toBe(word)
    }
    expect(kstem('x'.repeat(48) + 's')).toBe('x'.repeat(48))
  })

  it('keyword-marked terms are not stemmed', () => {
    const marker = { type: 'keyword_marker', keywords: ['jumping'] }
    expect(chainTerms(chain('whitespace', [marker, 'kstem']), 'jumping foxes')).toEqual(['jumping', 'fox'])
  })
})
