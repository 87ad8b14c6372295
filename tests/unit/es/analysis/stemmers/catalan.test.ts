// The Catalan analysis components: the Snowball catalan stemmer (Snowball 2.0.0 as Lucene 9 ships it) against
// word/stem pairs of Snowball's Catalan sample (as wamania/php-stemmer's test/files/ca.txt carries it; the
// snowball-data copy could not be read), the `catalan` analyzer against Lucene's TestCatalanAnalyzer, the
// `stemmer` filter's catalan and the `snowball` filter's Catalan, and `_catalan_` (Lucene's ca/stopwords.txt).
import { describe, expect, it } from 'vitest'
import { CATALAN_STOP_WORDS } from '../../../../../workers/es/analysis/filters/romanian-catalan-hungarian-turkish-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { catalanAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { snowballCatalanStem } from '../../../../../workers/es/analysis/stemmers/snowball-catalan-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** Snowball's Catalan sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['anunciats', 'anunc'],
  ['anunciaven', 'anunc'],
  ['anuncià', 'anunc'],
  ['anunciés', 'anunc'],
  ['anus', 'an'],
  ['anxoves', 'anxov'],
  ['anyals', 'any'],
  ['anàleg', 'analeg'],
  ['anàlisi', 'analis'],
  ['anàlisis', 'anal'],
  ['anàlogament', 'analog'],
  ['anàlogues', 'analogu'],
  ['anàrquica', 'anarquic'],
  ['anècdotes', 'anecd'],
  ['anèmia', 'anem'],
  ['anímic', 'animic'],
  ['anònima', 'anon'],
  ['anònimament', 'anonim'],
  ['apagada', 'apag'],
  ['apaguen', 'apagu'],
  ['apaivagament', 'apaivag'],
  ['apallissat', 'apallis'],
  ['apar', 'ap'],
  ['aparador', 'apar'],
  ['aparcament', 'aparc'],
  ['aparegueren', 'aparegu'],
  ['apareguessin', 'aparegu'],
  ['aparegué', 'aparegu'],
  ['apareixent', 'apareix'],
  ['apareixeran', 'apareixer'],
  ['apareixeria', 'apareix'],
  ['apareixerà', 'apareixer'],
  ['aparellada', 'aparell'],
  ['aparellament', 'aparell'],
  ['aparença', 'apar'],
  ['aparicions', 'apar'],
  ['apartheid', 'aparth'],
  ['aparèixer', 'apareix'],
  ['aparéixer', 'apareix'],
  ['apassionadament', 'apassionad'],
  ['apaïsada', 'apa'],
  ['apendicitis', 'apendicit'],
  ['aperitius', 'aperit'],
  ['apiàcia', 'apiac'],
  ['aplicabilitat', 'aplic'],
  ['aplicable', 'aplicab'],
  ['aplicacions', 'aplic'],
  ['aplicació', 'aplic'],
  ['apliquem', 'aplic'],
  ['apliqui', 'apliqu'],
  ['aploquèilids', 'aploqueil'],
  ['apocalíptica', 'apocaliptic'],
  ['apodera', 'apod'],
  ['apologètica', 'apologetic'],
  ['apostasia', 'aposta'],
  ['apostòliques', 'apostolic'],
  ['aprendre', 'apren'],
  ['aprendrà', 'aprendr'],
  ['aprenentatge', 'aprenent'],
  ['aprofità', 'aprofit'],
  ['aprofundí', 'aprofund'],
  ['apropiadament', 'apropiad'],
  ['aproximacions', 'aproxim'],
  ['aprèn', 'apren'],
  ['après', 'apr'],
  ['apèndixs', 'apendix'],
  ['apòcrifes', 'apocrif'],
  ['aquariofília', 'aquariofil'],
  ['aqueixos', 'aqueix'],
  ['aquella', 'aquel'],
  ['aquemènides', 'aquemen'],
  ['aqüeducte', 'aqueduct'],
  ['aqüífers', 'aquif'],
  ['arabització', 'arab'],
  ['araboisraeliana', 'araboisrael'],
  ['arbitrarietat', 'arbitrariet'],
  ['arbitràriament', 'arbitrar'],
  ['arborícola', 'arboric'],
  ['arbëreshë', 'arbëreshë'],
  ['arcaïtzant', 'arcaitz'],
  ['arcuacions', 'arcuacion'],
  ['argumentació', 'argument'],
  ['aristocràcia', 'aristocrac'],
  ['armamentística', 'armamentistic'],
  ['arqueològicament', 'arqueologic'],
  ['arranjament', 'arranj'],
  ['arrasà', 'arras'],
]

describe('Snowball catalan stemmer (Snowball sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballCatalanStem(word)).toBe(stem)
  })

  // Derived from the algorithm's description (not in the sample)
  it.each([
    // an attached pronoun in R1 goes first; the middle dot is cleaned to a full stop
    ["porta'l", 'port'],
    ['col·lecció', 'col.lec'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballCatalanStem(word)).toBe(stem)
  })
})

describe('catalan analyzer (TestCatalanAnalyzer)', () => {
  it('stems and drops stop words (testBasics)', () => {
    expect(terms(catalanAnalyzer(), 'llengües llengua un')).toEqual(['llengu', 'llengu'])
  })

  it('removes elided articles (testContractions)', () => {
    expect(terms(catalanAnalyzer(), "Diccionari de l'Institut d'Estudis Catalans")).toEqual([
      'diccion',
      'inst',
      'estud',
      'catalan',
    ])
  })

  it('stem_exclusion keeps a word unstemmed (testExclude)', () => {
    expect(terms(catalanAnalyzer({ stem_exclusion: ['llengües'] }), 'llengües llengua')).toEqual([
      'llengües',
      'llengu',
    ])
  })

  it('is the built-in analyzer `catalan`', () => {
    expect(getAnalyzer('catalan')?.name).toBe('catalan')
  })
})

describe('stemmer language catalan and snowball Catalan', () => {
  it.each([{ language: 'catalan' }, { language: 'Catalan' }, { name: 'catalan' }])(
    'stemmer %j',
    (settings) => {
      expect(terms(whitespace(filter('stemmer', settings)), 'aplicacions aparèixer')).toEqual([
        'aplic',
        'apareix',
      ])
    },
  )

  it('snowball Catalan', () => {
    expect(terms(whitespace(filter('snowball', { language: 'Catalan' })), 'anàleg')).toEqual(['analeg'])
  })
})

describe('_catalan_ stop words', () => {
  it('has the 218 words of ca/stopwords.txt, each once, trimmed', () => {
    expect(CATALAN_STOP_WORDS).toHaveLength(218)
    expect(CATALAN_STOP_WORDS).toEqual(expect.arrayContaining(['hi', 'poc', 'seu', "d'un", 'vostres']))
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_catalan_' })), 'un llibre per tu')).toEqual([
      'llibre',
      'tu',
    ])
  })
})
