// The Snowball portuguese stemmer (Snowball 2.0.0 as Lucene 9 ships it) against word/stem pairs of Snowball's
// published sample (snowballstem/snowball-data portuguese/diffs.txt), and as the `stemmer` filter's language
// portuguese and the `snowball` filter's Portuguese (the `portuguese` analyzer keeps the light stemmer:
// portuguese.test.ts).
import { describe, expect, it } from 'vitest'
import { snowballPortugueseStem } from '../../../../../workers/es/analysis/stemmers/snowball-portuguese-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** Snowball's Portuguese sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['ceará', 'cear'],
  ['cearense', 'cearens'],
  ['cebolas', 'cebol'],
  ['cecília', 'cecíl'],
  ['cedendo', 'ced'],
  ['cedeu', 'ced'],
  ['cefaléia', 'cefal'],
  ['cegamente', 'ceg'],
  ['cegueira', 'cegueir'],
  ['celebração', 'celebr'],
  ['celebrações', 'celebr'],
  ['celebraram', 'celebr'],
  ['celebridades', 'celebr'],
  ['celebrizaram', 'celebriz'],
  ['celeste', 'cel'],
  ['celulari', 'celular'],
  ['celulose', 'celulos'],
  ['cemitério', 'cemitéri'],
  ['cenimar', 'cenim'],
  ['censurá', 'censur'],
  ['centenária', 'centenár'],
  ['centígrados', 'centígr'],
  ['centralização', 'centraliz'],
  ['centroavante', 'centroav'],
  ['cerâmica', 'cerâm'],
  ['cercanias', 'cercan'],
  ['cereais', 'cer'],
  ['cerimônia', 'cerimôn'],
  ['cerqueira', 'cerqueir'],
  ['certamente', 'cert'],
  ['certeiramente', 'certeir'],
  ['certidão', 'certidã'],
  ['certifica', 'certif'],
  ['certificação', 'certific'],
  ['cesarismo', 'cesar'],
  ['ceticismo', 'cetic'],
  ['chamativas', 'chamat'],
  ['chamarizes', 'chamariz'],
  ['chantagista', 'chantag'],
  ['charlatães', 'charlatã'],
  ['chatíssimas', 'chatíssim'],
  ['checagem', 'checag'],
  ['chefões', 'chefõ'],
  ['chegávamos', 'cheg'],
  ['chegarão', 'cheg'],
  ['chegue', 'cheg'],
  ['cheguei', 'chegu'],
  ['cheque', 'chequ'],
  ['chiquérrima', 'chiquérrim'],
  ['chocante', 'chocant'],
  ['chispasse', 'chisp'],
  ['chalés', 'chalés'],
  ['céus', 'céus'],
  ['celebration', 'celebration'],
  ['chapeuzinho', 'chapeuzinh'],
  ['cheia', 'che'],
  ['chefiei', 'chefi'],
]

describe('Snowball portuguese stemmer (Snowball sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballPortugueseStem(word)).toBe(stem)
  })

  // Derived from the algorithm's description (not in the sample)
  it.each([
    // a final ç becomes c whatever the regions
    ['faç', 'fac'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballPortugueseStem(word)).toBe(stem)
  })
})

describe('stemmer language portuguese and snowball Portuguese', () => {
  it.each([{ language: 'portuguese' }, { language: 'Portuguese' }, { name: 'portuguese' }])(
    'stemmer %j',
    (settings) => {
      expect(terms(whitespace(filter('stemmer', settings)), 'celebrações chegue')).toEqual(['celebr', 'cheg'])
    },
  )

  it('snowball Portuguese', () => {
    expect(terms(whitespace(filter('snowball', { language: 'Portuguese' })), 'certidão')).toEqual(['certidã'])
  })
})
