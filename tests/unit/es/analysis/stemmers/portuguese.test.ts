// The Portuguese analysis components: the light stemmer against Lucene's TestPortugueseLightStemFilter
// (the paper example through a lower-casing letter tokenizer, and the C implementation's examples),
// the `portuguese` analyzer as PortugueseAnalyzer chains it, and the `_portuguese_` stop set (Lucene's
// snowball portuguese_stop.txt).
import { describe, expect, it } from 'vitest'
import { Analyzer } from '../../../../../workers/es/analysis/analyzer.ts'
import { PORTUGUESE_STOP_WORDS } from '../../../../../workers/es/analysis/filters/language-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { portugueseAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { portugueseLightStem } from '../../../../../workers/es/analysis/stemmers/portuguese-light-stemmer.ts'
import { StemFilter } from '../../../../../workers/es/analysis/stemmers/stem-filter.ts'
import { lowercaseTokenizer } from '../../../../../workers/es/analysis/tokenizers/char-tokenizer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

describe('PortugueseLightStemmer (TestPortugueseLightStemFilter)', () => {
  it('stems the paper example', () => {
    const a = new Analyzer('custom', lowercaseTokenizer(), [new StemFilter('stemmer', portugueseLightStem)])
    const text =
      'O debate político, pelo menos o que vem a público, parece, de modo nada ' +
      'surpreendente, restrito a temas menores. Mas há, evidentemente, ' +
      'grandes questões em jogo nas eleições que se aproximam.'
    expect(terms(a, text)).toEqual(
      (
        'o debat politic pelo meno o que vem a public parec de modo nada surpreendent restrit a tema ' +
        'menor mas há evident grand questa em jogo nas eleica que se aproximam'
      ).split(' '),
    )
  })

  it.each([
    ['doutores', 'doutor'],
    ['doutor', 'doutor'],
    ['homens', 'homem'],
    ['homem', 'homem'],
    ['papéis', 'papel'],
    ['papel', 'papel'],
    ['normais', 'normal'],
    ['normal', 'normal'],
    ['lencóis', 'lencol'],
    ['lencol', 'lencol'],
    ['barris', 'barril'],
    ['barril', 'barril'],
    ['botões', 'bota'],
    ['botão', 'bota'],
    ['', ''],
  ])('%s -> %s', (term, stem) => {
    expect(portugueseLightStem(term)).toBe(stem)
  })

  it.each(['light_portuguese', 'lightPortuguese'])('is `stemmer` language %s', (language) => {
    expect(terms(whitespace(filter('stemmer', { language })), 'doutores homens')).toEqual(['doutor', 'homem'])
  })

  it('keyword_marker protects a term (testKeyword)', () => {
    const chain = whitespace(
      filter('keyword_marker', { keywords: ['quilométricas'] }),
      filter('stemmer', { language: 'light_portuguese' }),
    )
    expect(terms(chain, 'quilométricas')).toEqual(['quilométricas'])
  })
})

describe('portuguese analyzer', () => {
  it('lower-cases, drops _portuguese_ stop words and light-stems', () => {
    expect(terms(portugueseAnalyzer(), 'Os Doutores e as questões')).toEqual(['doutor', 'questa'])
  })

  it('stem_exclusion keeps a word unstemmed', () => {
    expect(terms(portugueseAnalyzer({ stem_exclusion: ['doutores'] }), 'doutores homens')).toEqual([
      'doutores',
      'homem',
    ])
  })

  it('is the built-in analyzer `portuguese`', () => {
    expect(getAnalyzer('portuguese')?.name).toBe('portuguese')
  })
})

describe('_portuguese_ stop words', () => {
  it('has the 203 words of portuguese_stop.txt; é stays out', () => {
    expect(PORTUGUESE_STOP_WORDS).toHaveLength(203)
    expect(new Set(PORTUGUESE_STOP_WORDS).size).toBe(203)
    expect(PORTUGUESE_STOP_WORDS).not.toContain('é')
    expect(PORTUGUESE_STOP_WORDS).toContain('tém')
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_portuguese_' })), 'o gato e a casa')).toEqual([
      'gato',
      'casa',
    ])
  })
})
