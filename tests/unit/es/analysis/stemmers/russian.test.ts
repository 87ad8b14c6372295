// The Russian analysis components: the Snowball russian stemmer (Snowball 2.0.0 as Lucene 9 ships it)
// against the sample vocabulary of https://snowballstem.org/algorithms/russian/stemmer.html, the light
// stemmer (Lucene's RussianLightStemmer), the `russian` analyzer against Lucene's TestRussianAnalyzer,
// the `stemmer` and `snowball` filters' Russian, and `_russian_` (Lucene's snowball russian_stop.txt).
import { describe, expect, it } from 'vitest'
import { RUSSIAN_STOP_WORDS } from '../../../../../workers/es/analysis/filters/language-stop-words.ts'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { russianAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { russianLightStem } from '../../../../../workers/es/analysis/stemmers/russian-light-stemmer.ts'
import { snowballRussianStem } from '../../../../../workers/es/analysis/stemmers/snowball-russian-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** snowballstem.org's Russian sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['в', 'в'],
  ['вавиловка', 'вавиловк'],
  ['вагнера', 'вагнер'],
  ['вагон', 'вагон'],
  ['вагона', 'вагон'],
  ['вагоне', 'вагон'],
  ['вагонов', 'вагон'],
  ['вагоном', 'вагон'],
  ['вагоны', 'вагон'],
  ['важная', 'важн'],
  ['важнее', 'важн'],
  ['важнейшие', 'важн'],
  ['важнейшими', 'важн'],
  ['важничал', 'важнича'],
  ['важно', 'важн'],
  ['важного', 'важн'],
  ['важное', 'важн'],
  ['важной', 'важн'],
  ['важном', 'важн'],
  ['важному', 'важн'],
  ['важности', 'важност'],
  ['важностию', 'важност'],
  ['важность', 'важност'],
  ['важностью', 'важност'],
  ['важную', 'важн'],
  ['важны', 'важн'],
  ['важные', 'важн'],
  ['важный', 'важн'],
  ['важным', 'важн'],
  ['важных', 'важн'],
  ['вазах', 'ваз'],
  ['вазы', 'ваз'],
  ['вакса', 'вакс'],
  ['вакханка', 'вакханк'],
  ['вал', 'вал'],
  ['валандался', 'валанда'],
  ['валентина', 'валентин'],
  ['валериановых', 'валерианов'],
  ['валерию', 'валер'],
  ['валетами', 'валет'],
  ['вали', 'вал'],
  ['валил', 'вал'],
  ['валился', 'вал'],
  ['валится', 'вал'],
  ['валов', 'вал'],
  ['вальдшнепа', 'вальдшнеп'],
  ['вальс', 'вальс'],
  ['вальса', 'вальс'],
  ['вальсе', 'вальс'],
  ['вальсишку', 'вальсишк'],
  ['вальтера', 'вальтер'],
  ['валяется', 'валя'],
  ['валялась', 'валя'],
  ['валялись', 'валя'],
  ['валялось', 'валя'],
  ['валялся', 'валя'],
  ['валять', 'валя'],
  ['валяются', 'валя'],
  ['вам', 'вам'],
  ['вами', 'вам'],
]

describe('Snowball russian stemmer (snowballstem.org sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballRussianStem(word)).toBe(stem)
  })

  it.each([
    // ё is е; a perfective gerund of group 1 needs а or я before it, inside RV
    ['мёдом', 'мед'],
    ['прочитав', 'прочита'],
    ['прочитавши', 'прочита'],
    ['выпив', 'вып'],
    // reflexive, then a verb ending; a participle before an adjective ending
    ['улыбаться', 'улыба'],
    ['читающий', 'чита'],
    // derivational -ость only in R2; superlative -ейш with нн undoubled; a final ь
    ['радость', 'радост'],
    ['длиннейший', 'длин'],
    ['злейший', 'злейш'],
    ['жизнь', 'жизн'],
    // no vowel: nothing is in RV
    ['вдрызг', 'вдрызг'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballRussianStem(word)).toBe(stem)
  })
})

describe('RussianLightStemmer', () => {
  it.each([
    ['журналы', 'журнал'],
    ['книгами', 'книг'],
    ['линиями', 'лин'],
    ['красного', 'красн'],
    ['стола', 'стол'],
    ['длинный', 'длин'],
    ['тетради', 'тетрад'],
    ['кот', 'кот'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(russianLightStem(word)).toBe(stem)
  })
})

describe('russian analyzer (TestRussianAnalyzer)', () => {
  const a = russianAnalyzer()
  const text = 'Вместе с тем о силе электромагнитной энергии имели представление еще'

  it.each([
    ['text 1000', ['text', '1000']],
    [text, ['вмест', 'сил', 'электромагнитн', 'энерг', 'имел', 'представлен']],
    ['Но знание это хранилось в тайне', ['знан', 'эт', 'хран', 'тайн']],
  ])('%s -> %j', (input, expected) => {
    expect(terms(a, input)).toEqual(expected)
  })

  it('stem_exclusion keeps a word unstemmed (testWithStemExclusionSet)', () => {
    expect(terms(russianAnalyzer({ stem_exclusion: ['представление'] }), text)).toEqual([
      'вмест',
      'сил',
      'электромагнитн',
      'энерг',
      'имел',
      'представление',
    ])
  })

  it('is the built-in analyzer `russian`', () => {
    expect(getAnalyzer('russian')?.name).toBe('russian')
  })
})

describe('stemmer languages russian and light_russian, snowball Russian', () => {
  it.each(['russian', 'Russian'])('stemmer %s is the Snowball program', (language) => {
    expect(terms(whitespace(filter('stemmer', { language })), 'важнейшими журналы')).toEqual([
      'важн',
      'журнал',
    ])
  })

  it.each(['light_russian', 'lightRussian'])('stemmer %s is the light stemmer', (language) => {
    expect(terms(whitespace(filter('stemmer', { language })), 'важнейшими журналы')).toEqual([
      'важнейш',
      'журнал',
    ])
  })

  it('snowball Russian', () => {
    expect(terms(whitespace(filter('snowball', { language: 'Russian' })), 'вагонов')).toEqual(['вагон'])
  })
})

describe('_russian_ stop words', () => {
  it('has the 159 words of russian_stop.txt', () => {
    expect(RUSSIAN_STOP_WORDS).toHaveLength(159)
    expect(new Set(RUSSIAN_STOP_WORDS).size).toBe(159)
  })

  it('is a named set of the stop filter', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_russian_' })), 'я и ты кот')).toEqual(['кот'])
  })
})
