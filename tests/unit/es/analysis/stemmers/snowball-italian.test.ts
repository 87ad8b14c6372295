// The Snowball italian stemmer (Snowball 2.0.0 as Lucene 9 ships it) against word/stem pairs of Snowball's
// published sample (snowballstem/snowball-data italian/diffs.txt), and as the `stemmer` filter's language
// italian and the `snowball` filter's Italian (the `italian` analyzer keeps the light stemmer: italian.test.ts).
import { describe, expect, it } from 'vitest'
import { snowballItalianStem } from '../../../../../workers/es/analysis/stemmers/snowball-italian-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** Snowball's Italian sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['abbandonarla', 'abbandon'],
  ['abbandonarsi', 'abbandon'],
  ['abbandonerà', 'abbandon'],
  ['abbandono', 'abband'],
  ['abbandonò', 'abbandon'],
  ['abbassamento', 'abbass'],
  ['abbassandola', 'abbass'],
  ['abbastanza', 'abbast'],
  ['abbatté', 'abbatt'],
  ['abbattesse', 'abbattess'],
  ['abbattimento', 'abbatt'],
  ['abbenché', 'abbenc'],
  ['abbiam', 'abbiam'],
  ['abbiano', 'abbi'],
  ['abbiccì', 'abbicc'],
  ['abbondantemente', 'abbondant'],
  ['abbondanza', 'abbond'],
  ['abbreviarli', 'abbrev'],
  ['abbruciacchiato', 'abbruciacc'],
  ['abburattavan', 'abburattavan'],
  ['abile', 'abil'],
  ['abilità', 'abil'],
  ['abilitazione', 'abilit'],
  ['abitatori', 'abit'],
  ['abitualmente', 'abitual'],
  ['abituarci', 'abitu'],
  ['abitudine', 'abitudin'],
  ['accademicamente', 'accadem'],
  ['accaderà', 'accad'],
  ['accaddero', 'accadder'],
  ['accessòri', 'accessòr'],
  ['accoglienza', 'accoglient'],
  ['accomodarcisi', 'accomodarcis'],
  ['accompagnatolo', 'accompagnatol'],
  ['acciai', 'accia'],
  ['acciò', 'acci'],
  ['acciocché', 'acciocc'],
  ['acciughe', 'acciug'],
  ['acclamazione', 'acclam'],
  ['accluderla', 'acclud'],
  ['accetteresti', 'accett'],
  ['accettabile', 'accett'],
  ['acchiappatolo', 'acchiappatol'],
  ['accigliato', 'accigl'],
  ['accidentalmente', 'accidental'],
  ['abolizione', 'abolizion'],
  ['accennarono', 'accenn'],
  ['accordasse', 'accord'],
  ['accartocciava', 'accartocc'],
  ['aalst', 'aalst'],
  ['à', 'à'],
  ['abbaiar', 'abbai'],
  ['abbiate', 'abbi'],
  ['abbominevole', 'abbominevol'],
  ['accantonamenti', 'accanton'],
]

describe('Snowball italian stemmer (Snowball sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballItalianStem(word)).toBe(stem)
  })

  // Derived from the algorithm's description (not in the sample)
  it.each([
    // an acute accent becomes grave; qu's u and a u or i between vowels are no vowels
    ['perché', 'perc'],
    // (qU leaves RV to the word's end, so the final a stays)
    ['acqua', 'acqua'],
    ['aiuola', 'aiuol'],
    // a pronoun after -ar is replaced by e, after -endo deleted, only when that ending lies in RV
    ['mangiarlo', 'mang'],
    ['dicendolo', 'dic'],
    // -logia becomes log in R2; -uzione starting before R2 stays for the vowel step
    ['biologia', 'biolog'],
    ['soluzione', 'soluzion'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballItalianStem(word)).toBe(stem)
  })
})

describe('stemmer language italian and snowball Italian', () => {
  it.each([{ language: 'italian' }, { language: 'Italian' }, { name: 'italian' }])(
    'stemmer %j',
    (settings) => {
      expect(terms(whitespace(filter('stemmer', settings)), 'abbandonarla accoglienza')).toEqual([
        'abbandon',
        'accoglient',
      ])
    },
  )

  it('snowball Italian', () => {
    expect(terms(whitespace(filter('snowball', { language: 'Italian' })), 'abitualmente')).toEqual([
      'abitual',
    ])
  })
})
