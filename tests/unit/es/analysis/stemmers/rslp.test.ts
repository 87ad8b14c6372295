// The RSLP stemmers (rslp-stemmers.ts over rslp-stemmer-base.ts) against Lucene's tests:
// TestPortugueseStemFilter and TestPortugueseMinimalStemFilter (the paper example through a lower-casing
// letter tokenizer), TestGalicianMinimalStemFilter, the filter factories' tests, TestGalicianAnalyzer;
// the `stemmer` names portuguese_rslp, minimal_portuguese, galician and minimal_galician, the `galician`
// analyzer and `_galician_`. The vocabulary files of TestPortugueseStemFilter, TestGalicianStemFilter and
// TestPortugueseMinimalStemFilter (ptrslptestdata.zip, gltestdata.zip, ptminimaltestdata.zip) are binary
// and could not be read, so they are not run here.
import { describe, expect, it } from 'vitest'
import { Analyzer } from '../../../../../workers/es/analysis/analyzer.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { GALICIAN_RSLP_STEPS } from '../../../../../workers/es/analysis/stemmers/rslp-galician-steps.ts'
import { PORTUGUESE_RSLP_STEPS } from '../../../../../workers/es/analysis/stemmers/rslp-portuguese-steps.ts'
import { compileRslpSteps } from '../../../../../workers/es/analysis/stemmers/rslp-stemmer-base.ts'
import {
  galicianMinimalStem,
  galicianStem,
  portugueseMinimalStem,
  portugueseRslpStem,
} from '../../../../../workers/es/analysis/stemmers/rslp-stemmers.ts'
import { StemFilter } from '../../../../../workers/es/analysis/stemmers/stem-filter.ts'
import { lowercaseTokenizer } from '../../../../../workers/es/analysis/tokenizers/char-tokenizer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

const PAPER =
  'O debate político, pelo menos o que vem a público, parece, de modo nada surpreendente, restrito a ' +
  'temas menores. Mas há, evidentemente, grandes questões em jogo nas eleições que se aproximam.'

const letters = (stem: (term: string) => string): Analyzer =>
  new Analyzer('custom', lowercaseTokenizer(), [new StemFilter('stemmer', stem)])

describe('RSLPStemmerBase', () => {
  it('compiles both rule sets (every exception ends with its suffix)', () => {
    expect([...compileRslpSteps(PORTUGUESE_RSLP_STEPS).keys()]).toEqual([
      'Plural',
      'Adverb',
      'Feminine',
      'Augmentative',
      'Noun',
      'Verb',
      'Vowel',
    ])
    expect([...compileRslpSteps(GALICIAN_RSLP_STEPS).keys()]).toEqual([
      'Plural',
      'Unification',
      'Adverb',
      'Augmentative',
      'Noun',
      'Verb',
      'Vowel',
    ])
  })

  it('refuses a useless exception as Lucene does', () => {
    const step = {
      name: 'X',
      minWordLength: 0,
      exceptions: 'word' as const,
      conditions: [],
      rules: [['s', 1, '', 'mas lápiz'] as const],
    }
    expect(() => compileRslpSteps([step])).toThrow("useless exception 'lápiz' does not end with 's'")
  })

  it('whole-word and suffix exceptions, minimum stem and step conditions', () => {
    const steps = compileRslpSteps([
      { name: 'W', minWordLength: 0, exceptions: 'word', conditions: ['s'], rules: [['es', 2, 'x', 'mes']] },
      { name: 'S', minWordLength: 0, exceptions: 'suffix', conditions: [], rules: [['es', 2, 'x', 'mes']] },
    ])
    const word = steps.get('W')!
    const suffix = steps.get('S')!
    expect([word('mes'), word('tomes'), word('tes'), word('tesa')]).toEqual(['mes', 'tomx', 'tes', 'tesa'])
    expect([suffix('mes'), suffix('tomes'), suffix('toes')]).toEqual(['mes', 'tomes', 'tox'])
  })
})

describe('portuguese_rslp (PortugueseStemmer)', () => {
  it('stems the paper example (TestPortugueseStemFilter.testExamples)', () => {
    expect(terms(letters(portugueseRslpStem), PAPER)).toEqual(
      'o debat politic pel menos o que vem a public parec de mod nad surpreend restrit a tem men mas ha evid grand quest em jog na eleic que se aproxim'.split(
        ' ',
      ),
    )
  })

  it.each([
    ['maluquice', 'maluc'], // TestPortugueseStemFilterFactory
    ['', ''], // testEmptyTerm
    ['cantaríamos', 'cant'], // Plural, then Verb
    ['felizmente', 'feliz'], // Adverb
    ['possibilidade', 'possibil'], // Noun: abilidade needs a stem of 5, idade (minimum stem 4) fires
    ['terrível', 'terr'], // Noun ível
    ['contábil', 'contavel'], // Noun bil -> vel keeps the length, so Verb and Vowel run; accents folded
  ])('%s -> %s', (word, stem) => {
    expect(portugueseRslpStem(word)).toBe(stem)
  })
})

describe('minimal_portuguese (PortugueseMinimalStemmer)', () => {
  it('only reduces plurals (TestPortugueseMinimalStemFilter.testExamples)', () => {
    expect(terms(letters(portugueseMinimalStem), PAPER)).toEqual(
      'o debate político pelo menos o que vem a público parece de modo nada surpreendente restrito a tema menor mas há evidentemente grande questão em jogo na eleição que se aproximam'.split(
        ' ',
      ),
    )
    expect(portugueseMinimalStem('questões')).toBe('questão') // the factory test
  })
})

describe('galician (GalicianStemmer) and minimal_galician (GalicianMinimalStemmer)', () => {
  it.each([
    ['cariñosa', 'cariñ'], // TestGalicianStemFilterFactory
    ['correspondente', 'correspond'], // TestGalicianAnalyzer
    ['corresponderá', 'correspond'],
    ['', ''],
    ['felizmente', 'feliz'],
    ['cansadísimo', 'cans'], // Augmentative dísimo, then Vowel a
    ['casetiña', 'cas'], // Augmentative again until nothing changes: iña -> a, then eta
  ])('galician %s -> %s', (word, stem) => {
    expect(galicianStem(word)).toBe(stem)
  })

  it.each([
    ['elefantes', 'elefante'], // testPlural
    ['elefante', 'elefante'],
    ['kalóres', 'kalór'],
    ['kalór', 'kalór'],
    ['mas', 'mas'], // testExceptions
    ['barcelonês', 'barcelonês'],
    ['luces', 'luz'],
    ['', ''],
  ])('minimal_galician %s -> %s', (word, stem) => {
    expect(galicianMinimalStem(word)).toBe(stem)
  })
})

describe('stemmer filter names and the galician analyzer', () => {
  it.each([
    ['portuguese_rslp', 'maluquice questões', ['maluc', 'quest']],
    ['PORTUGUESE_RSLP', 'maluquice', ['maluc']],
    ['minimal_portuguese', 'questões', ['questão']],
    ['minimalPortuguese', 'questões', ['questão']],
    ['galician', 'cariñosa', ['cariñ']],
    ['minimal_galician', 'elefantes', ['elefante']],
  ])('stemmer %s', (language, text, expected) => {
    expect(terms(whitespace(filter('stemmer', { language })), text)).toEqual(expected)
  })

  it('keyword_marker protects a term (testKeyword)', () => {
    const chain = whitespace(
      filter('keyword_marker', { keywords: ['quilométricas'] }),
      filter('stemmer', { language: 'portuguese_rslp' }),
    )
    expect(terms(chain, 'quilométricas')).toEqual(['quilométricas'])
  })

  it('galician: lowercase, _galician_ stop words, GalicianStemFilter (TestGalicianAnalyzer)', () => {
    const galician = getAnalyzer('galician')!
    expect(galician.name).toBe('galician')
    expect(terms(galician, 'E Correspondente e corresponderá')).toEqual(['correspond', 'correspond'])
  })

  it('galician takes stem_exclusion and stopwords (testExclude)', () => {
    expect(terms(getAnalyzer('galician', { stem_exclusion: ['correspondente'] })!, 'correspondente')).toEqual(
      ['correspondente'],
    )
    expect(terms(getAnalyzer('galician', { stopwords: ['cariñosa'] })!, 'cariñosa e')).toEqual(['e'])
  })

  it('_galician_ is the stop set', () => {
    const stop = (text: string) => terms(whitespace(filter('stop', { stopwords: '_galician_' })), text)
    expect(stop('aínda vós teñen casa')).toEqual(['casa'])
  })
})
