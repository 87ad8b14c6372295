// The Finnish analysis components: the Snowball finnish stemmer (Snowball 2.0.0 as Lucene 9 ships it)
// against a run of the sample vocabulary of https://snowballstem.org/algorithms/finnish/stemmer.html
// (snowball-data's finnish/voc.txt and output.txt, este to estääkseen), the `finnish` analyzer
// (FinnishAnalyzer, the cases of Lucene's TestFinnishAnalyzer), the `stemmer` and `snowball` filters'
// Finnish, and `_finnish_` (Lucene's snowball finnish_stop.txt).
import { describe, expect, it } from 'vitest'
import { FINNISH_STOP_WORDS } from '../../../../../workers/es/analysis/filters/nordic-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { finnishAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { snowballFinnishStem } from '../../../../../workers/es/analysis/stemmers/snowball-finnish-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** snowballstem.org's Finnish sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['este', 'est'],
  ['esteeksi', 'est'],
  ['esteellinen', 'esteellin'],
  ['esteelliseksi', 'esteellis'],
  ['esteellisiä', 'esteellis'],
  ['esteellisyyden', 'esteellisyyd'],
  ['esteellisyydestä', 'esteellisyyd'],
  ['esteellisyydet', 'esteellisyyd'],
  ['esteellisyys', 'esteellisyys'],
  ['esteellisyyskysymyksissä', 'esteellisyyskysymyks'],
  ['esteellisyyskysymyksiä', 'esteellisyyskysymyks'],
  ['esteellisyyskysymysten', 'esteellisyyskysymyst'],
  ['esteellisyysperusteita', 'esteellisyysperust'],
  ['esteellisyyssäännöksiä', 'esteellisyyssäännöks'],
  ['esteellisyyssäännösten', 'esteellisyyssäännöst'],
  ['esteellisyyteen', 'esteellisyyt'],
  ['esteellisyytensä', 'esteellisyyt'],
  ['esteellisyyttä', 'esteellisyyt'],
  ['esteellä', 'est'],
  ['esteen', 'est'],
  ['esteenä', 'est'],
  ['esteeseen', 'est'],
  ['esteestä', 'est'],
  ['esteet', 'est'],
  ['esteetikko', 'esteetiko'],
  ['esteettinen', 'esteettin'],
  ['esteettiseen', 'esteettis'],
  ['esteettiseksi', 'esteettis'],
  ['esteettisellä', 'esteettis'],
  ['esteettisen', 'esteettis'],
  ['esteettisesti', 'esteettis'],
  ['esteettisestä', 'esteettis'],
  ['esteettiset', 'esteettis'],
  ['esteettisiin', 'esteettis'],
  ['esteettisistä', 'esteettis'],
  ['esteettisiä', 'esteettis'],
  ['esteettisten', 'esteettist'],
  ['esteettistä', 'esteet'],
  ['esteettisyyden', 'esteettisyyd'],
  ['esteettisyys', 'esteettisyys'],
  ['esteettisyyteen', 'esteettisyyt'],
  ['esteettisyyttä', 'esteettisyyt'],
  ['esteettä', 'est'],
  ['esteettömyys', 'esteettömyys'],
  ['esteettömän', 'esteettöm'],
  ['esteettömästi', 'esteettöm'],
  ['esteettömät', 'esteettöm'],
  ['esteetön', 'esteetö'],
  ['esteetöntä', 'esteetön'],
  ['esteiden', 'est'],
  ['esteiksi', 'est'],
  ['esteillä', 'est'],
  ['esteinä', 'est'],
  ['esteisiin', 'est'],
  ['esteissä', 'est'],
  ['esteistä', 'est'],
  ['esteittä', 'esteit'],
  ['esteitä', 'est'],
  ['estejuoksija', 'estejuoksij'],
  ['estejuoksijan', 'estejuoksij'],
  ['estejuoksu', 'estejuoksu'],
  ['estejuoksun', 'estejuoksu'],
  ['estejuoksussa', 'estejuoksu'],
  ['estelee', 'estel'],
  ['esteli', 'estel'],
  ['estellä', 'est'],
  ['ester', 'ester'],
  ['esteratsastaja', 'esteratsastaj'],
  ['esteratsastajien', 'esteratsastaj'],
  ['esteratsastuksen', 'esteratsastuks'],
  ['esteratsastus', 'esteratsastus'],
  ['esteratsastusta', 'esteratsastu'],
  ['esteri', 'ester'],
  ['estes', 'estes'],
  ['estetiikalle', 'estetiik'],
  ['estetiikan', 'estetiik'],
  ['estetiikasta', 'estetiik'],
  ['estetiikka', 'estetiik'],
  ['estetiikkaa', 'estetiik'],
  ['estetiikkaan', 'estetiik'],
  ['estettiin', 'estet'],
  ['estetty', 'estety'],
  ['estettyä', 'estety'],
  ['estettä', 'est'],
  ['estettäisiin', 'estet'],
  ['estettävissä', 'estettäv'],
  ['estettävä', 'estettäv'],
  ['estetyksi', 'estety'],
  ['estetä', 'est'],
  ['estetään', 'est'],
  ['estevez', 'estevez'],
  ['esther', 'esther'],
  ['esti', 'est'],
  ['estin', 'est'],
  ['estivät', 'estiv'],
  ['estk', 'estk'],
  ['estline', 'estl'],
  ['estlinella', 'estlin'],
  ['estlinelle', 'estlin'],
  ['estlinen', 'estlin'],
  ['esto', 'esto'],
  ['estoitta', 'estoit'],
  ['estoja', 'esto'],
  ['estojen', 'esto'],
  ['estola', 'estol'],
  ['estolääkityksen', 'estolääkityks'],
  ['eston', 'esto'],
  ['estoni', 'esto'],
  ['estonia', 'eston'],
  ['estoniaa', 'estonia'],
  ['estoniaan', 'estonia'],
  ['estonialla', 'estonia'],
  ['estonialle', 'estonia'],
  ['estonialta', 'estonia'],
  ['estonian', 'estonia'],
  ['estoniassa', 'estonia'],
  ['estoniasta', 'estonia'],
  ['estoril', 'estoril'],
  ['estorilin', 'estoril'],
  ['estorilissa', 'estoril'],
  ['estot', 'esto'],
  ['estoton', 'estoto'],
  ['estotonta', 'estoton'],
  ['estotta', 'estot'],
  ['estottoman', 'estottom'],
  ['estottomasti', 'estottom'],
  ['estradeilla', 'estrad'],
  ['estradi', 'estrad'],
  ['estradilla', 'estrad'],
  ['estradille', 'estrad'],
  ['estradin', 'estrad'],
  ['estradiviihteen', 'estradiviiht'],
  ['estrogeeni', 'estrog'],
  ['estrogeenien', 'estrogeen'],
  ['estrogeenin', 'estrogeen'],
  ['estudio', 'estudio'],
  ['estyi', 'estyi'],
  ['estyisi', 'estyi'],
  ['estyneitä', 'estyn'],
  ['estynyt', 'estyny'],
  ['estyvät', 'estyv'],
  ['estyy', 'estyy'],
  ['estä', 'es'],
  ['estäen', 'estäe'],
  ['estäessään', 'estäe'],
  ['estäisi', 'estäi'],
  ['estäjänä', 'estäj'],
  ['estäminen', 'estämin'],
  ['estämiseen', 'estämis'],
  ['estämiseksi', 'estämis'],
  ['estämiselle', 'estämis'],
  ['estämisen', 'estämis'],
  ['estämisessä', 'estämis'],
  ['estämisestä', 'estämis'],
  ['estämistä', 'estäm'],
  ['estämme', 'es'],
  ['estämällä', 'estäm'],
  ['estämässä', 'estäm'],
  ['estämättä', 'estämät'],
  ['estämään', 'estäm'],
  ['estäneen', 'estän'],
  ['estäneet', 'estän'],
  ['estänyt', 'estäny'],
  ['estävien', 'estäv'],
  ['estäviä', 'estäv'],
  ['estävä', 'estäv'],
  ['estävän', 'estäv'],
  ['estävänsä', 'estäv'],
  ['estävät', 'estäv'],
  ['estävää', 'estäv'],
  ['estää', 'est'],
  ['estääkseen', 'estääks'],
]

describe('Snowball finnish stemmer (snowballstem.org sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballFinnishStem(word)).toBe(stem)
  })

  it.each([
    // a particle after a vowel, then tidying's final a after a consonant
    ['kirjakin', 'kirj'],
    ['kaupungissakin', 'kaupung'],
    // a possessive, then the case ending, then the plural i
    ['talossani', 'talo'],
    ['taloissamme', 'talo'],
    // no case ending removed: the t plural
    ['talot', 'talo'],
    // -ni after -kse: kse -> ksi, and then the case ending -ksi goes
    ['talokseni', 'talo'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballFinnishStem(word)).toBe(stem)
  })
})

describe('finnish analyzer (FinnishAnalyzer)', () => {
  const a = finnishAnalyzer()

  it('stems and drops stop words (TestFinnishAnalyzer.testBasics)', () => {
    expect(terms(a, 'edeltäjiinsä edeltäjistään olla')).toEqual(['edeltäj', 'edeltäj'])
  })

  it('lowercases first and keeps offsets and positions', () => {
    expect(a.analyze('Esteettisyyden ja ESTONIASSA')).toEqual([
      { token: 'esteettisyyd', start_offset: 0, end_offset: 14, type: '<ALPHANUM>', position: 0 },
      { token: 'estonia', start_offset: 18, end_offset: 28, type: '<ALPHANUM>', position: 2 },
    ])
  })

  it('stem_exclusion keeps a word unstemmed (TestFinnishAnalyzer.testExclude)', () => {
    const excluding = finnishAnalyzer({ stem_exclusion: ['edeltäjistään'] })
    expect(terms(excluding, 'edeltäjiinsä edeltäjistään')).toEqual(['edeltäj', 'edeltäjistään'])
  })

  it('takes a stopwords setting', () => {
    expect(terms(finnishAnalyzer({ stopwords: '_none_' }), 'olla')).toEqual(['ol'])
  })

  it('is the built-in analyzer `finnish`', () => {
    expect(getAnalyzer('finnish')?.name).toBe('finnish')
  })
})

describe('stemmer language finnish and snowball Finnish', () => {
  it.each([{ language: 'finnish' }, { language: 'Finnish' }, { name: 'finnish' }])(
    'stemmer %j',
    (settings) => {
      expect(terms(whitespace(filter('stemmer', settings)), 'estämiseksi esteitä')).toEqual([
        'estämis',
        'est',
      ])
    },
  )

  it.each([{ language: 'Finnish' }, { language: 'finnish' }])('snowball %j', (settings) => {
    expect(terms(whitespace(filter('snowball', settings)), 'estradilla')).toEqual(['estrad'])
  })
})

describe('_finnish_ stop words', () => {
  it('has the 229 distinct words of finnish_stop.txt', () => {
    expect(FINNISH_STOP_WORDS).toHaveLength(229)
    expect(new Set(FINNISH_STOP_WORDS).size).toBe(229)
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_finnish_' })), 'minä ja koira')).toEqual(['koira'])
  })
})
