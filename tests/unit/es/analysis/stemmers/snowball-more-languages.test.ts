// The Snowball armenian, basque and lithuanian stemmers (Snowball 2.0.0 as Lucene 9 ships them), their
// analyzers, the `stemmer` and `snowball` filters' names for them and their stop sets.
// Where expectations come from:
// - lithuanian: every checkOneTerm pair of Lucene 9's TestLithuanianStemming (noun and adjective paradigms,
//   high-frequency terms);
// - armenian and basque: Lucene's TestArmenianAnalyzer and TestBasqueAnalyzer, and stems traced by hand
//   through the Snowball programs (https://snowballstem.org/algorithms/armenian/stemmer.html,
//   .../basque/stemmer.html) and Lucene's ArmenianStemmer and BasqueStemmer: no sample vocabulary for these
//   two languages is published with Snowball's data.
import { describe, expect, it } from 'vitest'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { snowballArmenianStem } from '../../../../../workers/es/analysis/stemmers/snowball-armenian-stemmer.ts'
import { snowballBasqueStem } from '../../../../../workers/es/analysis/stemmers/snowball-basque-stemmer.ts'
import { snowballLithuanianStem } from '../../../../../workers/es/analysis/stemmers/snowball-lithuanian-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** "word:stem" pairs, space-separated. */
const pairs = (lines: readonly string[]): [string, string][] =>
  lines
    .join(' ')
    .split(' ')
    .map((pair) => pair.split(':') as [string, string])

const LITHUANIAN = pairs([
  'vaikas:vaik vaikai:vaik vaiko:vaik vaikų:vaik vaikui:vaik vaikams:vaik vaiką:vaik vaikus:vaik',
  'vaiku:vaik vaikais:vaik vaike:vaik vaikuose:vaik',
  'brolis:brol broliai:brol brolio:brol brolių:brol broliui:brol broliams:brol brolį:brol',
  'brolius:brol broliu:brol broliais:brol brolyje:brol broliuose:brol broli:brol',
  'arklys:arkl arkliai:arkliai arklio:arkl arklių:arkl arkliui:arkliui arkliams:arkliam arklį:arkl',
  'arklius:arklius arkliu:arkl arkliais:arkliais arklyje:arklyj arkliuose:arkliuos arkly:arkl',
  'motina:motin motinos:motin motinų:motin motinai:motin motinoms:motin motiną:motin motinas:motin',
  'motinomis:motin motinoje:motin motinose:motin',
  'katė:kat katės:kat kačių:kat katei:kat katėms:kat katę:kat kates:kat kate:kat katėmis:kat',
  'katėje:kat katėse:kat',
  'pati:pat pačios:pat pačių:pat pačiai:pat pačioms:pat pačią:pat pačias:pat pačia:pat pačiomis:pat',
  'pačioje:pat pačiose:pat',
  'vagis:vag vagys:vag vagies:vag vagių:vag vagiui:vag vagims:vag vagį:vag vagimi:vag vagimis:vag',
  'vagyje:vag vagyse:vag vagie:vag',
  'akis:ak akys:ak akies:ak akių:ak akiai:ak akims:ak akį:ak akimi:ak akimis:ak akyje:ak akyse:ak',
  'akie:ak',
  'sūnus:sūn sūnūs:sūn sūnaus:sūn sūnų:sūn sūnui:sūn sūnums:sūn sūnumi:sūn sūnumis:sūn sūnuje:sūn',
  'sūnuose:sūn sūnau:sūn',
  'profesorius:profesor profesoriai:profesor profesoriaus:profesor profesorių:profesor',
  'profesoriui:profesor profesoriams:profesor profesoriumi:profesor profesoriais:profesor',
  'profesoriuje:profesor profesoriuose:profesor profesoriau:profesor',
  'vanduo:vand vandenys:vand vandens:vand vandenų:vanden vandeniui:vand vandenims:vand vandenį:vand',
  'vandenis:vand vandeniu:vand vandenimis:vand vandenyje:vand vandenyse:vand vandenie:vand',
  'geras:ger geri:ger gero:ger gerų:ger geram:ger geriems:ger gerą:ger gerus:ger geru:ger',
  'gerais:ger gerame:ger geruose:ger gera:ger geros:ger gerai:ger geroms:ger geromis:ger geroje:ger',
  'gerose:ger',
  'gražus:graž gražūs:graž gražaus:graž gražių:graž gražiam:graž gražiems:graž gražų:graž',
  'gražius:graž gražiu:graž gražiais:graž gražiame:graž gražiuose:graž graži:graž gražios:graž',
  'gražiai:graž gražioms:graž gražią:graž gražias:graž gražia:graž gražiomis:graž gražioje:graž',
  'gražiose:graž',
  'vidutinis:vidutin vidutiniai:vidutin vidutinio:vidutin vidutinių:vidutin vidutiniam:vidutin',
  'vidutiniams:vidutin vidutinį:vidutin vidutinius:vidutin vidutiniu:vidutin vidutiniais:vidutin',
  'vidutiniame:vidutin vidutiniuose:vidutin vidutinė:vidutin vidutinės:vidutin vidutinei:vidutin',
  'vidutinėms:vidutin vidutinę:vidutin vidutines:vidutin vidutine:vidutin vidutinėmis:vidutin',
  'vidutinėje:vidutin vidutinėse:vidutin',
  'ir:ir kad:kad į:į tai:tai su:su o:o iš:iš kaip:kaip bet:bet yra:yr buvo:buv tik:tik ne:ne',
  'taip:taip ar:ar dar:dar jau:jau savo:sav apie:ap kai:kai aš:aš per:per nuo:nuo po:po jis:jis',
  'kas:kas d:d labai:lab man:man dėl:dėl',
])

const ARMENIAN = pairs([
  // TestArmenianAnalyzer
  'արծիվ:արծ արծիվներ:արծ',
  // adjective suffix -իվ, ending -ներ in R2
  'արծիվների:արծ ուսանողներ:ուսանող ուսանող:ուսանող երեխաներ:երեխ երեխա:երեխ',
  // endings outside R2 stay
  'գրքեր:գրքեր գրքերը:գրքերը գրքերի:գրքերի տները:տները տուն:տուն մարդ:մարդ լավը:լավը տան:տան',
  // verb suffixes
  'տներում:տներ խոսել:խոս խոսում:խոս սիրում:սիր կարդալ:կարդ կարդում:կարդ կարդացի:կարդ',
  'քաղաք:քաղ քաղաքներ:քաղ քաղաքի:քաղ գնացին:գնաց սեղան:սեղ սեղանը:սեղանը',
  // noun suffixes
  'գիրք:գիր քաղաքում:քաղա գնացի:գնա մարդիկ:մարդ մարդկանց:մարդկ գեղեցիկ:գեղեց',
  'աշխատանք:աշխ լավագույն:լավագույ գրել:գրել լավ:լավ գրքի:գրքի',
])

const BASQUE = pairs([
  // TestBasqueAnalyzer
  'zaldi:zaldi zaldiak:zaldi mendiari:mendi izan:izan',
  // noun suffixes, repeated while one is found
  'zaldiaren:zaldiaren etxeko:etxeko etxera:etxe gizona:gizo gizonak:gizon gizonaren:gizo',
  'liburua:liburua liburuak:liburu liburutegi:liburu ikastolak:ikastol euskara:eusk euskaraz:eusk',
  'euskal:euskal hiriko:hiri hiritarrak:hiritarr zuhaitzak:zuhai emakumeak:ema ikaslea:ikaslea',
  'ikasleak:ikasle herriko:herri mendira:mendi mendiko:mendi etxeetako:etxe mendiak:mendi',
  // verb suffixes first
  'umeentzat:ume herrian:herri etxeetan:etxe liburuan:liburu ikastolan:ikastol ikastola:ikas',
  // the kept words and rewrites: a rewrite leaves the cursor before the rewritten text
  'atseden:atseden atsedenak:atsed baditu:baditu joka:jok aurkako:aurka',
])

describe('Snowball lithuanian stemmer (Lucene TestLithuanianStemming)', () => {
  it.each(LITHUANIAN)('%s -> %s', (word, stem) => {
    expect(snowballLithuanianStem(word)).toBe(stem)
  })
})

describe('Snowball lithuanian stemmer: rewrites traced by hand', () => {
  it.each([
    ['mergaite', 'mergait'], // fix_conflicts -aite -> aitė, then step 1 removes ė in R1
    ['mergaitė', 'mergait'],
    ['medžio', 'med'], // step 1 removes -io, then dž -> d at the end
  ])('%s -> %s', (word, stem) => {
    expect(snowballLithuanianStem(word)).toBe(stem)
  })
})

describe('Snowball armenian stemmer', () => {
  it.each(ARMENIAN)('%s -> %s', (word, stem) => {
    expect(snowballArmenianStem(word)).toBe(stem)
  })
})

describe('Snowball basque stemmer', () => {
  it.each(BASQUE)('%s -> %s', (word, stem) => {
    expect(snowballBasqueStem(word)).toBe(stem)
  })
})

describe('armenian, basque and lithuanian analyzers', () => {
  it('stem, drop the default stop words and leave position gaps', () => {
    const armenian = getAnalyzer('armenian')!.analyze('Արծիվներ է')
    expect(armenian.map((t) => [t.token, t.position])).toEqual([['արծ', 0]])
    const basque = getAnalyzer('basque')!.analyze('izan Zaldiak')
    expect(basque.map((t) => [t.token, t.start_offset, t.end_offset, t.position])).toEqual([
      ['zaldi', 5, 12, 1],
    ])
    expect(terms(getAnalyzer('lithuanian')!, 'Vaikas ir brolis')).toEqual(['vaik', 'brol'])
  })

  // TestArmenianAnalyzer.testExclude, TestBasqueAnalyzer.testExclude
  it('leave `stem_exclusion` words unstemmed', () => {
    expect(terms(getAnalyzer('armenian', { stem_exclusion: ['արծիվներ'] })!, 'արծիվներ արծիվ')).toEqual([
      'արծիվներ',
      'արծ',
    ])
    expect(terms(getAnalyzer('basque', { stem_exclusion: ['zaldiak'] })!, 'zaldiak mendiari')).toEqual([
      'zaldiak',
      'mendi',
    ])
  })

  it('take `stopwords`', () => {
    expect(terms(getAnalyzer('lithuanian', { stopwords: ['vaikas'] })!, 'vaikas ir')).toEqual(['ir'])
  })
})

describe('stemmer and snowball filters, stop sets', () => {
  it('name the three programs', () => {
    expect(terms(whitespace(filter('stemmer', { language: 'lithuanian' })), 'vaikams')).toEqual(['vaik'])
    expect(terms(whitespace(filter('snowball', { language: 'Lithuanian' })), 'vaikams')).toEqual(['vaik'])
    expect(terms(whitespace(filter('stemmer', { language: 'basque' })), 'zaldiak')).toEqual(['zaldi'])
    expect(terms(whitespace(filter('snowball', { language: 'basque' })), 'zaldiak')).toEqual(['zaldi'])
    expect(terms(whitespace(filter('stemmer', { language: 'armenian' })), 'արծիվ')).toEqual(['արծ'])
    expect(terms(whitespace(filter('snowball', { language: 'Armenian' })), 'արծիվ')).toEqual(['արծ'])
  })

  it('name the three stop sets', () => {
    const stop = (set: string, text: string): string[] =>
      terms(whitespace(filter('stop', { stopwords: set })), text)
    expect(stop('_armenian_', 'և արծիվ')).toEqual(['արծիվ'])
    expect(stop('_basque_', 'eta zaldi zituen')).toEqual(['zaldi'])
    expect(stop('_lithuanian_', 'ir vaikas tiek')).toEqual(['vaikas'])
  })
})
