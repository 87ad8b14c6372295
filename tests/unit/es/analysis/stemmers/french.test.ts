// The French analysis components: the `french` analyzer against Lucene's TestFrenchAnalyzer, the light
// and minimal stemmers against TestFrenchLightStemFilter / TestFrenchMinimalStemFilter (Savoy's paper
// examples), the `elision` filter against ES's "Elision token filter" reference page and
// ElisionFilterFactoryTests, and the `_french_` stop set (Lucene's snowball french_stop.txt).
import { beforeAll, describe, expect, it } from 'vitest'
import { Analyzer } from '../../../../../workers/es/analysis/analyzer.ts'
import { IndexAnalyzers } from '../../../../../workers/es/analysis/custom/index-analyzers.ts'
import { elisionTokenFilter } from '../../../../../workers/es/analysis/filters/elision-filter.ts'
import { FRENCH_STOP_WORDS } from '../../../../../workers/es/analysis/filters/language-stop-words.ts'
import { resolveStopWords } from '../../../../../workers/es/analysis/filters/stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { getTokenFilter } from '../../../../../workers/es/analysis/token-filter-registry.ts'
import { frenchLightStem } from '../../../../../workers/es/analysis/stemmers/french-light-stemmer.ts'
import { frenchMinimalStem } from '../../../../../workers/es/analysis/stemmers/french-minimal-stemmer.ts'
import { frenchAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { stemmerTokenFilter } from '../../../../../workers/es/analysis/stemmers/stemmer-token-filters.ts'
import { IllegalArgumentException, type TokenFilter } from '../../../../../workers/es/analysis/token-list.ts'
import { StandardTokenizer } from '../../../../../workers/es/analysis/tokenizers/standard-tokenizer.ts'

import { startNode, type TestNode } from '../../node/es-node-fixture.ts'
import { terms, whitespace } from './chain-fixture.ts'

const standard = (...filters: TokenFilter[]): Analyzer =>
  new Analyzer('custom', new StandardTokenizer(), filters)

describe('french analyzer (TestFrenchAnalyzer)', () => {
  const fa = frenchAnalyzer()
  it.each([
    ['', []],
    ['chien chat cheval', ['chien', 'chat', 'cheval']],
    ['chien CHAT CHEVAL', ['chien', 'chat', 'cheval']],
    ['  chien  ,? + = -  CHAT /: > CHEVAL', ['chien', 'chat', 'cheval']],
    ['chien++', ['chien']],
    ['mot "entreguillemet"', ['mot', 'entreguilemet']],
    ['Jean-François', ['jean', 'francoi']],
    ['le la chien les aux chat du des à cheval', ['chien', 'chat', 'cheval']],
    [
      'lances chismes habitable chiste éléments captifs',
      ['lanc', 'chism', 'habitabl', 'chist', 'element', 'captif'],
    ],
    ['finissions souffrirent rugissante', ['finision', 'soufrirent', 'rugisant']],
    [
      "C3PO aujourd'hui oeuf ïâöûàä anticonstitutionnellement Java++ ",
      ['c3po', "aujourd'hui", 'oeuf', 'ïaöuaä', 'anticonstitutionel', 'java'],
    ],
    ['33Bis 1940-1945 1940:1945 (---i+++)*', ['33bi', '1940', '1945', '1940', '1945', 'i']],
    ["voir l'embrouille", ['voir', 'embrouil']],
    ['Votre', []],
    ['sécuritaires securitaires', ['securitair', 'securitair']],
  ])('%j -> %j', (text, expected) => {
    expect(terms(fa, text)).toEqual(expected)
  })

  it('elides before lower-casing, ignoring the article case, and keeps offsets and positions', () => {
    expect(fa.analyze("L'avion d’Air")).toEqual([
      { token: 'avion', start_offset: 0, end_offset: 7, type: '<ALPHANUM>', position: 0 },
      { token: 'air', start_offset: 8, end_offset: 13, type: '<ALPHANUM>', position: 1 },
    ])
  })

  it('stem_exclusion keeps the listed words whole (testExclusionTableViaCtor)', () => {
    const a = frenchAnalyzer({ stopwords: '_none_', stem_exclusion: ['habitable'] })
    expect(terms(a, 'habitable chiste')).toEqual(['habitable', 'chist'])
  })

  it('stopwords replaces the default set; _none_ keeps every word', () => {
    expect(terms(frenchAnalyzer({ stopwords: ['chien'] }), 'le chien')).toEqual(['le'])
    expect(terms(frenchAnalyzer({ stopwords: '_none_' }), 'le chien')).toEqual(['le', 'chien'])
  })

  it('is the built-in analyzer `french`; stopwords_path is refused', () => {
    expect(getAnalyzer('french')?.name).toBe('french')
    expect(() => getAnalyzer('french', { stopwords_path: 'fr.txt' })).toThrow(IllegalArgumentException)
  })
})

describe('FrenchLightStemmer (TestFrenchLightStemFilter.testExamples)', () => {
  it.each([
    ['chevaux', 'cheval'],
    ['cheval', 'cheval'],
    ['hiboux', 'hibou'],
    ['chantés', 'chant'],
    ['chanter', 'chant'],
    ['chante', 'chant'],
    ['baronnes', 'baron'],
    ['barons', 'baron'],
    ['peaux', 'peau'],
    ['anneaux', 'aneau'],
    ['anneau', 'aneau'],
    ['neveux', 'neveu'],
    ['affreux', 'afreu'],
    ['affreuse', 'afreu'],
    ['investissement', 'investi'],
    ['investir', 'investi'],
    ['assourdissant', 'asourdi'],
    ['assourdir', 'asourdi'],
    ['pratiquement', 'pratiqu'],
    ['pratique', 'pratiqu'],
    ['administrativement', 'administratif'],
    ['justificatrice', 'justifi'],
    ['justificateur', 'justifi'],
    ['justifier', 'justifi'],
    ['educatrice', 'eduqu'],
    ['eduquer', 'eduqu'],
    ['communicateur', 'comuniqu'],
    ['communiquer', 'comuniqu'],
    ['accompagnatrice', 'acompagn'],
    ['accompagnateur', 'acompagn'],
    ['administrateur', 'administr'],
    ['administrer', 'administr'],
    ['productrice', 'product'],
    ['producteur', 'product'],
    ['acheteuse', 'achet'],
    ['acheteur', 'achet'],
    ['planteur', 'plant'],
    ['plante', 'plant'],
    ['poreuse', 'poreu'],
    ['poreux', 'poreu'],
    ['plieuse', 'plieu'],
    ['bijoutière', 'bijouti'],
    ['bijoutier', 'bijouti'],
    ['caissière', 'caisi'],
    ['caissier', 'caisi'],
    ['abrasive', 'abrasif'],
    ['abrasif', 'abrasif'],
    ['folle', 'fou'],
    ['fou', 'fou'],
    ['personnelle', 'person'],
    ['personne', 'person'],
    ['complète', 'complet'],
    ['complet', 'complet'],
    ['aromatique', 'aromat'],
    ['faiblesse', 'faibl'],
    ['faible', 'faibl'],
    ['patinage', 'patin'],
    ['patin', 'patin'],
    ['sonorisation', 'sono'],
    ['ritualisation', 'rituel'],
    ['rituel', 'rituel'],
    ['nomination', 'nomin'],
    ['disposition', 'dispos'],
    ['dispose', 'dispos'],
    ['1234555', '1234555'],
    ['12333345', '12333345'],
    ['1234', '1234'],
    ['abcdeff', 'abcdef'],
    ['abcccddeef', 'abcdef'],
    ['créées', 'cre'],
    ['22hh00', '22h00'],
    ['', ''],
  ])('%s -> %s', (term, stem) => {
    expect(frenchLightStem(term)).toBe(stem)
  })
})

describe('FrenchMinimalStemmer (TestFrenchMinimalStemFilter)', () => {
  it.each([
    ['chevaux', 'cheval'],
    ['hiboux', 'hibou'],
    ['chantés', 'chant'],
    ['chanter', 'chant'],
    ['chante', 'chant'],
    ['baronnes', 'baron'],
    ['barons', 'baron'],
    ['baron', 'baron'],
    ['1234555', '1234555'],
    ['12333345', '12333345'],
    ['1234', '1234'],
    ['abcdeff', 'abcdef'],
    ['abcccddeef', 'abcccddeef'],
    ['créées', 'cré'],
    ['22hh00', '22hh00'],
    ['', ''],
  ])('%s -> %s', (term, stem) => {
    expect(frenchMinimalStem(term)).toBe(stem)
  })
})

describe('stemmer languages light_french and minimal_french', () => {
  it.each(['light_french', 'lightFrench', 'LIGHT_FRENCH'])('%s is the light stemmer', (language) => {
    expect(terms(whitespace(stemmerTokenFilter({ language })), 'chevaux personnelle')).toEqual([
      'cheval',
      'person',
    ])
  })

  it.each(['minimal_french', 'minimalFrench'])('%s is the minimal stemmer', (language) => {
    expect(terms(whitespace(stemmerTokenFilter({ language })), 'chevaux personnelle')).toEqual([
      'cheval',
      'personnel',
    ])
  })

  it('keyword_marker protects a term from the light stemmer (testKeyword)', () => {
    const marker = getTokenFilter('keyword_marker', { keywords: ['chevaux'] })
    const stemmer = getTokenFilter('stemmer', { language: 'light_french' })
    if (!marker || !stemmer) throw new Error('missing filter')
    expect(terms(whitespace(marker, stemmer), 'chevaux')).toEqual(['chevaux'])
  })
})

describe('elision', () => {
  it('the pre-built filter strips the French articles ignoring case (reference page example)', () => {
    const elision = getTokenFilter('elision')
    if (!elision) throw new Error('missing filter')
    expect(terms(standard(elision), 'j’examine près du wharf')).toEqual(['examine', 'près', 'du', 'wharf'])
    expect(terms(whitespace(elision), "L'avion Jusqu'ici aujourd'hui qu’il")).toEqual([
      'avion',
      'ici',
      "aujourd'hui",
      'il',
    ])
  })

  it('only the part before the first apostrophe is looked up', () => {
    const elision = elisionTokenFilter({ type: 'elision', articles: ['l'] })
    expect(terms(whitespace(elision), "l'l'x x'l'y")).toEqual(["l'x", "x'l'y"])
  })

  it('a definition compares case-sensitively unless articles_case is true', () => {
    const sensitive = elisionTokenFilter({ type: 'elision', articles: ['l'] })
    const insensitive = elisionTokenFilter({ type: 'elision', articles: ['l'], articles_case: true })
    expect(terms(whitespace(sensitive), "L'avion l'avion")).toEqual(["L'avion", 'avion'])
    expect(terms(whitespace(insensitive), "L'avion l'avion")).toEqual(['avion', 'avion'])
  })

  it('a definition without articles fails as ElisionFilterFactoryTests expects', () => {
    expect(() => new IndexAnalyzers({ filter: { elision: { type: 'elision' } } })).toThrow(
      'elision filter requires [articles] or [articles_path] setting',
    )
    expect(() => elisionTokenFilter({ type: 'elision', articles_path: 'a.txt' })).toThrow(
      IllegalArgumentException,
    )
  })
})

describe('_french_ stop words', () => {
  it('has the 154 words of french_stop.txt without its commented-out entries', () => {
    expect(FRENCH_STOP_WORDS).toHaveLength(154)
    expect(new Set(FRENCH_STOP_WORDS).size).toBe(154)
    for (const word of ['au', 'à', 'étées', 'eussent', 'soi', 'celà'])
      expect(FRENCH_STOP_WORDS).toContain(word)
    for (const word of ['son', 'été', 'est', 'as', 'avions']) expect(FRENCH_STOP_WORDS).not.toContain(word)
  })

  it('is a named set of the stop filter', () => {
    expect(resolveStopWords(['_french_', 'extra'])).toEqual([...FRENCH_STOP_WORDS, 'extra'])
    const stop = getTokenFilter('stop', { stopwords: '_french_' })
    if (!stop) throw new Error('missing filter')
    expect(terms(whitespace(stop), 'le chien et la chatte')).toEqual(['chien', 'chatte'])
  })
})

describe('through _analyze', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startNode()
  })

  it('analyzer french', async () => {
    const response = await node.send('POST', '/_analyze', { analyzer: 'french', text: "L'avion des chevaux" })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({
      tokens: [
        { token: 'avion', start_offset: 0, end_offset: 7, type: '<ALPHANUM>', position: 0 },
        { token: 'cheval', start_offset: 12, end_offset: 19, type: '<ALPHANUM>', position: 2 },
      ],
    })
  })

  it('an anonymous elision without articles is refused with the factory message', async () => {
    const response = await node.send('POST', '/_analyze', {
      tokenizer: 'standard',
      filter: [{ type: 'elision' }],
      text: "l'avion",
    })
    expect(response.status).toBe(400)
    const reason = 'elision filter requires [articles] or [articles_path] setting'
    expect(JSON.parse(response.body)).toEqual({
      error: {
        root_cause: [{ type: 'illegal_argument_exception', reason }],
        type: 'illegal_argument_exception',
        reason,
      },
      status: 400,
    })
  })
})
