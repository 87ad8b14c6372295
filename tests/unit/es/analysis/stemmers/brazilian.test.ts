// The Brazilian analysis components: BrazilianStemmer through the `brazilian` analyzer against Lucene 9's
// TestBrazilianAnalyzer (snowball-sample words, normalization, stem exclusion, keyword marks), rules read
// from BrazilianStemmer.java, the `stemmer` filter's "brazilian" and `_brazilian_` (Lucene's br/stopwords.txt).
import { describe, expect, it } from 'vitest'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { brazilianStem } from '../../../../../workers/es/analysis/stemmers/brazilian-stemmer.ts'
import { brazilianAnalyzer } from '../../../../../workers/es/analysis/stemmers/language-analyzers.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** TestBrazilianAnalyzer.testWithSnowballExamples and testNormalization: word and the one term it gives. */
const LUCENE_CASES: readonly (readonly [string, string])[] = [
  ['boa', 'boa'],
  ['boainain', 'boainain'],
  ['boas', 'boas'],
  ['bôas', 'boas'],
  ['boassu', 'boassu'],
  ['boataria', 'boat'],
  ['boate', 'boat'],
  ['boates', 'boat'],
  ['boatos', 'boat'],
  ['bob', 'bob'],
  ['boba', 'bob'],
  ['bobagem', 'bobag'],
  ['bobagens', 'bobagens'],
  ['bobalhões', 'bobalho'],
  ['bobear', 'bob'],
  ['bobeira', 'bobeir'],
  ['bobinho', 'bobinh'],
  ['bobinhos', 'bobinh'],
  ['bobo', 'bob'],
  ['bobs', 'bobs'],
  ['boca', 'boc'],
  ['bocadas', 'boc'],
  ['bocadinho', 'bocadinh'],
  ['bocado', 'boc'],
  ['bocaiúva', 'bocaiuv'],
  ['boçal', 'bocal'],
  ['bocarra', 'bocarr'],
  ['bocas', 'boc'],
  ['bode', 'bod'],
  ['bodoque', 'bodoqu'],
  ['body', 'body'],
  ['boeing', 'boeing'],
  ['boem', 'boem'],
  ['boemia', 'boem'],
  ['boêmio', 'boemi'],
  ['bogotá', 'bogot'],
  ['boi', 'boi'],
  ['bóia', 'boi'],
  ['boiando', 'boi'],
  ['quiabo', 'quiab'],
  ['quicaram', 'quic'],
  ['quickly', 'quickly'],
  ['quieto', 'quiet'],
  ['quietos', 'quiet'],
  ['quilate', 'quilat'],
  ['quilates', 'quilat'],
  ['quilinhos', 'quilinh'],
  ['quilo', 'quil'],
  ['quilombo', 'quilomb'],
  ['quilométricas', 'quilometr'],
  ['quilométricos', 'quilometr'],
  ['quilômetro', 'quilometr'],
  ['quilômetros', 'quilometr'],
  ['quilos', 'quil'],
  ['quimica', 'quimic'],
  ['quimicas', 'quimic'],
  ['quimico', 'quimic'],
  ['quimicos', 'quimic'],
  ['quimioterapia', 'quimioterap'],
  ['quimioterápicos', 'quimioterap'],
  ['quimono', 'quimon'],
  ['quincas', 'quinc'],
  ['quinhão', 'quinha'],
  ['quinhentos', 'quinhent'],
  ['quinn', 'quinn'],
  ['quino', 'quin'],
  ['quinta', 'quint'],
  ['quintal', 'quintal'],
  ['quintana', 'quintan'],
  ['quintanilha', 'quintanilh'],
  ['quintão', 'quinta'],
  ['quintessência', 'quintessente'],
  ['quintino', 'quintin'],
  ['quinto', 'quint'],
  ['quintos', 'quint'],
  ['quintuplicou', 'quintuplic'],
  ['quinze', 'quinz'],
  ['quinzena', 'quinzen'],
  ['quiosque', 'quiosqu'],
  // testNormalization
  ['Brasil', 'brasil'],
  ['Brasília', 'brasil'],
  ['quimio5terápicos', 'quimio5terapicos'],
  ['áá', 'áá'],
  ['ááá', 'aaa'],
]

describe('BrazilianStemmer through the brazilian analyzer (Lucene TestBrazilianAnalyzer)', () => {
  it.each(LUCENE_CASES)('%s -> %s', (word, stem) => {
    expect(terms(brazilianAnalyzer(), word)).toEqual([stem])
  })
})

describe('BrazilianStemmer rules read from Lucene 9 BrazilianStemmer.java', () => {
  it.each([
    ['', ''], // TestBrazilianAnalyzer.testEmptyTerm: not indexable, kept
    ['a'.repeat(30), 'a'.repeat(30)], // 30 chars: not indexable, kept
    ['-casas', 'cas'], // one leading punctuation char is dropped before stemming
    ['paleontologias', 'paleontologias'], // step 1 "logias" in R2 reports a change but leaves the word
    ['paleontologia', 'paleontolog'], // step 1 "logia" in R2 -> "log"
    ['arqueologias', 'arqueolog'], // "logias" not in R2: step 2 removes "ias"
    ['mentira', 'mentira'], // step 2 "ira" removes nothing (Lucene removes "ava"), step 4 is skipped
    ['felizmente', 'feliz'], // step 1 "mente" in R2
  ])('%j -> %j', (word, stem) => {
    expect(brazilianStem(word)).toBe(stem)
  })
})

describe('brazilian analyzer', () => {
  it('drops _brazilian_ stop words, keeping positions and offsets', () => {
    const tokens = getAnalyzer('brazilian')!.analyze('Os quilos de quinta')
    expect(tokens.map((t) => [t.token, t.start_offset, t.end_offset, t.position])).toEqual([
      ['quil', 3, 9, 1],
      ['quint', 13, 19, 3],
    ])
  })

  it('leaves `stem_exclusion` words unchanged (TestBrazilianAnalyzer.testStemExclusionTable)', () => {
    const analyzer = getAnalyzer('brazilian', { stopwords: '_none_', stem_exclusion: ['quintessência'] })!
    expect(terms(analyzer, 'quintessência quintos')).toEqual(['quintessência', 'quint'])
  })
})

describe('stemmer filter "brazilian" and _brazilian_', () => {
  // TestBrazilianAnalyzer.testWithKeywordAttribute
  it('leaves keyword-marked terms alone', () => {
    const chain = whitespace(
      filter('lowercase'),
      filter('keyword_marker', { keywords: ['brasília'] }),
      filter('stemmer', { language: 'Brazilian' }),
    )
    expect(terms(chain, 'Brasília Brasilia')).toEqual(['brasília', 'brasil'])
  })

  it('names the brazilian stop set', () => {
    expect(terms(whitespace(filter('stop', { stopwords: '_brazilian_' })), 'os quilos de quinta')).toEqual([
      'quilos',
      'quinta',
    ])
  })
})
