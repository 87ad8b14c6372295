// The Snowball french stemmer (Snowball 2.0.0 as Lucene 9 ships it, before 3.0 added elisions, -aise and
// -oux) against a run of the sample vocabulary of https://snowballstem.org/algorithms/french/stemmer.html
// (snowball-data's french/voc.txt and output.txt, reprenaient to ressuscité), and as the `stemmer` filter's
// language french and the `snowball` filter's French. (The `french` analyzer keeps the light stemmer, as
// Lucene 9's FrenchAnalyzer does: french.test.ts.)
import { describe, expect, it } from 'vitest'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { snowballFrenchStem } from '../../../../../workers/es/analysis/stemmers/snowball-french-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** snowballstem.org's French sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['reprenaient', 'repren'],
  ['reprenait', 'repren'],
  ['reprenant', 'repren'],
  ['reprend', 'reprend'],
  ['reprendra', 'reprendr'],
  ['reprendrai', 'reprendr'],
  ['reprendrait', 'reprendr'],
  ['reprendre', 'reprendr'],
  ['reprendrons', 'reprendron'],
  ['reprends', 'reprend'],
  ['reprenez', 'repren'],
  ['representations', 'represent'],
  ['reprirent', 'repr'],
  ['repris', 'repr'],
  ['reprise', 'repris'],
  ['reprises', 'repris'],
  ['reprit', 'repr'],
  ['reprocha', 'reproch'],
  ['reprochaient', 'reproch'],
  ['reprochait', 'reproch'],
  ['reprochant', 'reproch'],
  ['reproche', 'reproch'],
  ['reprocher', 'reproch'],
  ['reprochera', 'reproch'],
  ['reprocherai', 'reproch'],
  ['reprocherais', 'reproch'],
  ['reproches', 'reproch'],
  ['reprochons', 'reprochon'],
  ['reproché', 'reproch'],
  ['reprochée', 'reproch'],
  ['reproduire', 'reproduir'],
  ['reproduisait', 'reproduis'],
  ['reproduisent', 'reproduisent'],
  ['reproduisirent', 'reproduis'],
  ['reproduisit', 'reproduis'],
  ['reproduit', 'reproduit'],
  ['reprouvez', 'reprouv'],
  ['représenta', 'représent'],
  ['représentaient', 'représent'],
  ['représentait', 'représent'],
  ['représentant', 'représent'],
  ['représentation', 'représent'],
  ['représentations', 'représent'],
  ['représente', 'représent'],
  ['représenter', 'représent'],
  ['représenté', 'représent'],
  ['reprît', 'repr'],
  ['reptation', 'reptat'],
  ['reptiles', 'reptil'],
  ['republican', 'republican'],
  ['requiers', 'requi'],
  ['requise', 'requis'],
  ['rescousse', 'rescouss'],
  ['rescrit', 'rescr'],
  ['resegon', 'resegon'],
  ['resembleth', 'resembleth'],
  ['respect', 'respect'],
  ['respecta', 'respect'],
  ['respectable', 'respect'],
  ['respectables', 'respect'],
  ['respectais', 'respect'],
  ['respectait', 'respect'],
  ['respectant', 'respect'],
  ['respectante', 'respect'],
  ['respecte', 'respect'],
  ['respecter', 'respect'],
  ['respecterais', 'respect'],
  ['respective', 'respect'],
  ['respects', 'respect'],
  ['respectueuse', 'respectu'],
  ['respectueusement', 'respectu'],
  ['respectueuses', 'respectu'],
  ['respectueux', 'respectu'],
  ['respecté', 'respect'],
  ['respectés', 'respect'],
  ['respira', 'resp'],
  ['respiraient', 'resp'],
  ['respirait', 'resp'],
  ['respirant', 'respir'],
  ['respiration', 'respir'],
  ['respire', 'respir'],
  ['respirer', 'respir'],
  ['respirerai', 'respir'],
  ['respirons', 'resp'],
  ['resplendissant', 'resplend'],
  ['resplendissante', 'resplend'],
  ['resplendissent', 'resplend'],
  ['responsable', 'respons'],
  ['ressemblaient', 'ressembl'],
  ['ressemblait', 'ressembl'],
  ['ressemblance', 'ressembl'],
  ['ressemblant', 'ressembl'],
  ['ressemble', 'ressembl'],
  ['ressemblent', 'ressemblent'],
  ['ressembler', 'ressembl'],
  ['ressemblera', 'ressembl'],
  ['ressemblez', 'ressembl'],
  ['ressemblât', 'ressembl'],
  ['ressemblé', 'ressembl'],
  ['ressens', 'ressen'],
  ['ressentait', 'ressent'],
  ['ressentir', 'ressent'],
  ['ressentit', 'ressent'],
  ['resserré', 'resserr'],
  ['ressort', 'ressort'],
  ['ressorti', 'ressort'],
  ['ressortir', 'ressort'],
  ['ressorts', 'ressort'],
  ['ressource', 'ressourc'],
  ['ressources', 'ressourc'],
  ['ressuscitèrent', 'ressuscit'],
  ['ressuscité', 'ressusc'],
]

describe('Snowball french stemmer (snowballstem.org sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballFrenchStem(word)).toBe(stem)
  })

  it.each([
    // Snowball 2.0 has no -aise rule: -e goes in step 4; -ais is a verb ending, then ç -> c
    ['française', 'français'],
    ['français', 'franc'],
    // -aux in R1 -> -al, -eaux -> -eau
    ['chevaux', 'cheval'],
    ['châteaux', 'château'],
    // ë and ï are marked He and Hi in the prelude and come back in the postlude
    ['ambiguë', 'ambigu'],
    ['naïve', 'naïv'],
    // a y before a vowel is no vowel
    ['yeux', 'yeux'],
    // -amment -> -ant counts as no removal, so the verb ending -ant goes next
    ['constamment', 'const'],
    // -issement after a non-vowel in R1
    ['établissement', 'établ'],
    // -e in RV, then è before the final consonants -> e
    ['achève', 'achev'],
    // s after e deleted, then -ière -> i
    ['premières', 'premi'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballFrenchStem(word)).toBe(stem)
  })
})

describe('stemmer language french and snowball French', () => {
  it.each([{ language: 'french' }, { language: 'French' }, { name: 'french' }])('stemmer %j', (settings) => {
    expect(terms(whitespace(filter('stemmer', settings)), 'représentations chevaux')).toEqual([
      'représent',
      'cheval',
    ])
  })

  it.each([{ language: 'French' }, { language: 'french' }])('snowball %j', (settings) => {
    expect(terms(whitespace(filter('snowball', settings)), 'respectueusement')).toEqual(['respectu'])
  })

  it('the french analyzer still stems with FrenchLightStemFilter, which also drops accents', () => {
    expect(
      getAnalyzer('french')
        ?.analyze('représentations')
        .map((t) => t.token),
    ).toEqual(['represent'])
  })
})
