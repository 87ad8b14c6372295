// The Snowball german stemmer (Snowball 2.0.0 as Lucene 9 ships it, before 3.0 merged german2) against
// the sample vocabulary of https://snowballstem.org/algorithms/german/stemmer.html, and as the `stemmer`
// filter's language german and the `snowball` filter's German.
import { describe, expect, it } from 'vitest'
import { getTokenFilter } from '../../../../../workers/es/analysis/token-filter-registry.ts'
import { snowballGermanStem } from '../../../../../workers/es/analysis/stemmers/snowball-german-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** snowballstem.org's German sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['aufeinander', 'aufeinand'],
  ['aufeinanderbiss', 'aufeinanderbiss'],
  ['aufeinanderfolge', 'aufeinanderfolg'],
  ['aufeinanderfolgen', 'aufeinanderfolg'],
  ['aufeinanderfolgend', 'aufeinanderfolg'],
  ['aufeinanderfolgende', 'aufeinanderfolg'],
  ['aufeinanderfolgenden', 'aufeinanderfolg'],
  ['aufeinanderfolgender', 'aufeinanderfolg'],
  ['aufeinanderfolgt', 'aufeinanderfolgt'],
  ['aufeinanderfolgten', 'aufeinanderfolgt'],
  ['aufeinanderschlügen', 'aufeinanderschlug'],
  ['aufenthalt', 'aufenthalt'],
  ['aufenthalten', 'aufenthalt'],
  ['aufenthaltes', 'aufenthalt'],
  ['auferlegen', 'auferleg'],
  ['auferlegt', 'auferlegt'],
  ['auferlegten', 'auferlegt'],
  ['auferstand', 'auferstand'],
  ['auferstanden', 'auferstand'],
  ['auferstehen', 'aufersteh'],
  ['aufersteht', 'aufersteht'],
  ['auferstehung', 'aufersteh'],
  ['auferstünde', 'auferstund'],
  ['auferwecken', 'auferweck'],
  ['auferweckt', 'auferweckt'],
  ['auferzogen', 'auferzog'],
  ['aufessen', 'aufess'],
  ['auffa', 'auffa'],
  ['auffallen', 'auffall'],
  ['auffallend', 'auffall'],
  ['auffallenden', 'auffall'],
  ['auffallender', 'auffall'],
  ['auffällig', 'auffall'],
  ['auffälligen', 'auffall'],
  ['auffälliges', 'auffall'],
  ['auffassen', 'auffass'],
  ['auffasst', 'auffasst'],
  ['auffaßt', 'auffasst'],
  ['auffassung', 'auffass'],
  ['auffassungsvermögen', 'auffassungsvermog'],
  ['kategorie', 'kategori'],
  ['kategorien', 'kategori'],
  ['kategorisch', 'kategor'],
  ['kategorische', 'kategor'],
  ['kategorischen', 'kategor'],
  ['kategorischer', 'kategor'],
  ['kater', 'kat'],
  ['katerliede', 'katerlied'],
  ['katern', 'kat'],
  ['katers', 'kat'],
  ['käthchen', 'kathch'],
  ['kathedrale', 'kathedral'],
  ['kathinka', 'kathinka'],
  ['katholik', 'kathol'],
  ['katholische', 'kathol'],
  ['katholischen', 'kathol'],
  ['katholischer', 'kathol'],
  ['kattun', 'kattun'],
  ['kattunhalstücher', 'kattunhalstuch'],
  ['katz', 'katz'],
  ['kätzchen', 'katzch'],
  ['kätzchens', 'katzch'],
  ['katze', 'katz'],
  ['katzen', 'katz'],
  ['katzenschmer', 'katzenschm'],
  ['katzensprung', 'katzenspr'],
  ['katzenwürde', 'katzenwurd'],
  ['kätzin', 'katzin'],
  ['kätzlein', 'katzlein'],
  ['katzmann', 'katzmann'],
  ['kauen', 'kau'],
  ['kauerte', 'kauert'],
  ['kauf', 'kauf'],
  ['kaufe', 'kauf'],
  ['kaufen', 'kauf'],
  ['käufer', 'kauf'],
  ['kauffahrer', 'kauffahr'],
  ['kaufherr', 'kaufherr'],
  ['kaufleute', 'kaufleut'],
  ['käuflich', 'kauflich'],
]

describe('Snowball german stemmer (snowballstem.org sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballGermanStem(word)).toBe(stem)
  })

  it.each([
    // -nisse: the s of -niss goes with the -e
    ['ergebnisse', 'ergebnis'],
    // ß is ss; a u between vowels is no vowel
    ['straße', 'strass'],
    ['bauen', 'bau'],
    // -st needs one of b d f g h k l m n t and three more letters before it
    ['kommst', 'komm'],
    ['lebst', 'lebst'],
    // -heit, then -er/-en in R1; -keit, then -ig/-lich in R2; -ung, then -ig in R2
    ['sicherheit', 'sich'],
    ['freundlichkeit', 'freundlich'],
    ['beschleunigung', 'beschleun'],
    // words under three letters have no regions
    ['es', 'es'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballGermanStem(word)).toBe(stem)
  })
})

describe('stemmer language german and snowball German', () => {
  it.each([{ language: 'german' }, { language: 'German' }, { name: 'german' }])('stemmer %j', (settings) => {
    expect(terms(whitespace(filter('stemmer', settings)), 'aufeinanderfolgenden katzen')).toEqual([
      'aufeinanderfolg',
      'katz',
    ])
  })

  it('snowball German', () => {
    expect(terms(whitespace(filter('snowball', { language: 'German' })), 'kaufleute')).toEqual(['kaufleut'])
  })

  it('german2 is still refused', () => {
    expect(() => getTokenFilter('stemmer', { language: 'german2' })).toThrow(
      'Invalid stemmer class specified',
    )
  })
})
