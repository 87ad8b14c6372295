// The Swedish analysis components: the Snowball swedish stemmer (Snowball 2.0.0 as Lucene 9 ships it)
// against a run of the sample vocabulary of https://snowballstem.org/algorithms/swedish/stemmer.html
// (snowball-data's swedish/voc.txt and output.txt, om to omnämndes, less the five -et words that Snowball 3.0
// began to stem), the `swedish` analyzer (SwedishAnalyzer, the cases of Lucene's TestSwedishAnalyzer), the
// `stemmer` and `snowball` filters' Swedish, and `_swedish_` (Lucene's snowball swedish_stop.txt).
import { describe, expect, it } from 'vitest'
import { SWEDISH_STOP_WORDS } from '../../../../../workers/es/analysis/filters/nordic-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { swedishAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { snowballSwedishStem } from '../../../../../workers/es/analysis/stemmers/snowball-swedish-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** snowballstem.org's Swedish sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['om', 'om'],
  ['omaka', 'omak'],
  ['omanligt', 'oman'],
  ['ombedd', 'ombed'],
  ['ombilda', 'ombild'],
  ['ombord', 'ombord'],
  ['ombre', 'ombr'],
  ['ombunden', 'ombund'],
  ['ombyta', 'ombyt'],
  ['ombyte', 'ombyt'],
  ['ombytes', 'ombyt'],
  ['ombytte', 'ombyt'],
  ['omdöme', 'omdöm'],
  ['omedelbar', 'omedelb'],
  ['omedelbart', 'omedelbart'],
  ['omedgörlig', 'omedgör'],
  ['omedgörligaste', 'omedgör'],
  ['omedveten', 'omedvet'],
  ['omedvetna', 'omedvetn'],
  ['omelett', 'omelet'],
  ['omen', 'omen'],
  ['omfamna', 'omfamn'],
  ['omfamnande', 'omfamn'],
  ['omfamningar', 'omfamning'],
  ['omfara', 'omfar'],
  ['omfatta', 'omfat'],
  ['omfattas', 'omfat'],
  ['omfång', 'omfång'],
  ['omfånget', 'omfånget'],
  ['omförmäla', 'omförmäl'],
  ['omgaf', 'omgaf'],
  ['omgav', 'omgav'],
  ['omgifning', 'omgifning'],
  ['omgifnings', 'omgifning'],
  ['omgift', 'omgift'],
  ['omgifven', 'omgifv'],
  ['omgivande', 'omgiv'],
  ['omgiven', 'omgiv'],
  ['omgivning', 'omgivning'],
  ['omgivningarna', 'omgivning'],
  ['omgjorda', 'omgjord'],
  ['omgjordad', 'omgjord'],
  ['omgjort', 'omgjort'],
  ['omgång', 'omgång'],
  ['omgåvo', 'omgåvo'],
  ['omhägnad', 'omhägn'],
  ['omhängen', 'omhäng'],
  ['omigen', 'omig'],
  ['omild', 'omild'],
  ['omildt', 'omild'],
  ['omisskänlig', 'omisskän'],
  ['omisskänliga', 'omisskän'],
  ['omisskänligaste', 'omisskän'],
  ['omisskänligt', 'omisskän'],
  ['omisskänneligt', 'omisskänne'],
  ['omisskännligt', 'omisskänn'],
  ['omisstänksamma', 'omisstänksamm'],
  ['omisstänksamme', 'omisstänksamm'],
  ['omklädd', 'omkläd'],
  ['omklädseln', 'omklädseln'],
  ['omklädt', 'omkläd'],
  ['omkomma', 'omkomm'],
  ['omkommit', 'omkommit'],
  ['omkrets', 'omkret'],
  ['omkrh', 'omkrh'],
  ['omkring', 'omkring'],
  ['omkringströdda', 'omkringströd'],
  ['omkriug', 'omkriug'],
  ['omkull', 'omkull'],
  ['omle', 'oml'],
  ['omlindat', 'omlind'],
  ['omlopp', 'omlopp'],
  ['omläggning', 'omläggning'],
  ['ommöblerad', 'ommöbler'],
  ['omnibus', 'omnibus'],
  ['omnibusarna', 'omnibus'],
  ['omnibusarnas', 'omnibus'],
  ['omnämda', 'omnämd'],
  ['omnämna', 'omnämn'],
  ['omnämnandet', 'omnämn'],
  ['omnämnda', 'omnämnd'],
  ['omnämnde', 'omnämnd'],
  ['omnämndes', 'omnämnd'],
]

describe('Snowball swedish stemmer (snowballstem.org sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballSwedishStem(word)).toBe(stem)
  })

  it.each([
    // Snowball 2.0 has no -et rule (3.0 stems these to omak, omedvet, omflut, omgiv, omknut)
    ['omaket', 'omaket'],
    ['omedvetet', 'omedvetet'],
    ['omflutet', 'omflutet'],
    ['omgivet', 'omgivet'],
    ['omknutet', 'omknutet'],
    // the among sees only R1: -arna reaches out of it, so -a is removed
    ['barna', 'barn'],
    ['skönheterna', 'skön'],
    // -s only after a letter of s_ending
    ['nervös', 'nervös'],
    // a consonant pair in R1, then -ig; löst -> lös and fullt -> full in R1
    ['kraftigt', 'kraft'],
    ['upplöst', 'upplös'],
    ['hjälpfullt', 'hjälpfull'],
    ['är', 'är'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballSwedishStem(word)).toBe(stem)
  })
})

describe('swedish analyzer (SwedishAnalyzer)', () => {
  const a = swedishAnalyzer()

  it('stems and drops stop words (TestSwedishAnalyzer.testBasics)', () => {
    expect(terms(a, 'jaktkarlarne jaktkarlens och')).toEqual(['jaktkarl', 'jaktkarl'])
  })

  it('lowercases first and keeps offsets and positions', () => {
    expect(a.analyze('Omgivningarna och OMBYTET')).toEqual([
      { token: 'omgivning', start_offset: 0, end_offset: 13, type: '<ALPHANUM>', position: 0 },
      { token: 'ombytet', start_offset: 18, end_offset: 25, type: '<ALPHANUM>', position: 2 },
    ])
  })

  it('stem_exclusion keeps a word unstemmed (TestSwedishAnalyzer.testExclude)', () => {
    const excluding = swedishAnalyzer({ stem_exclusion: ['jaktkarlarne'] })
    expect(terms(excluding, 'jaktkarlarne jaktkarlens')).toEqual(['jaktkarlarne', 'jaktkarl'])
  })

  it('takes a stopwords setting', () => {
    expect(terms(swedishAnalyzer({ stopwords: '_none_' }), 'och')).toEqual(['och'])
  })

  it('is the built-in analyzer `swedish`', () => {
    expect(getAnalyzer('swedish')?.name).toBe('swedish')
  })
})

describe('stemmer language swedish and snowball Swedish', () => {
  it.each([{ language: 'swedish' }, { language: 'Swedish' }, { name: 'swedish' }])(
    'stemmer %j',
    (settings) => {
      expect(terms(whitespace(filter('stemmer', settings)), 'omgivningarna omildt')).toEqual([
        'omgivning',
        'omild',
      ])
    },
  )

  it.each([{ language: 'Swedish' }, { language: 'swedish' }])('snowball %j', (settings) => {
    expect(terms(whitespace(filter('snowball', settings)), 'ombytes')).toEqual(['ombyt'])
  })
})

describe('_swedish_ stop words', () => {
  it('has the 114 words of swedish_stop.txt', () => {
    expect(SWEDISH_STOP_WORDS).toHaveLength(114)
    expect(new Set(SWEDISH_STOP_WORDS).size).toBe(114)
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_swedish_' })), 'jag och hunden')).toEqual([
      'hunden',
    ])
  })
})
