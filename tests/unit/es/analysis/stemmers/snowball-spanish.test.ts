// The Snowball spanish stemmer (Snowball 2.0.0 as Lucene 9 ships it, before 3.0 added -acion and -ucion)
// against pairs of the sample vocabulary of https://snowballstem.org/algorithms/spanish/stemmer.html
// (snowball-data's spanish/diffs.txt, demostró to desempeñarse), and as the `stemmer` filter's language
// spanish and the `snowball` filter's Spanish. (The `spanish` analyzer keeps the light stemmer, as Lucene
// 9's SpanishAnalyzer does: spanish.test.ts.)
import { describe, expect, it } from 'vitest'
import { getAnalyzer } from '../../../../../workers/es/analysis/registry.ts'
import { snowballSpanishStem } from '../../../../../workers/es/analysis/stemmers/snowball-spanish-stemmer.ts'
import { filter, terms, whitespace } from './chain-fixture.ts'

/** snowballstem.org's Spanish sample: each word and its stem. */
const SAMPLE_VOCABULARY: readonly (readonly [string, string])[] = [
  ['demostró', 'demostr'],
  ['demuestra', 'demuestr'],
  ['demuestran', 'demuestr'],
  ['den', 'den'],
  ['denomina', 'denomin'],
  ['denominada', 'denomin'],
  ['denostada', 'denost'],
  ['denotan', 'denot'],
  ['denotó', 'denot'],
  ['densa', 'dens'],
  ['densidad', 'densid'],
  ['dental', 'dental'],
  ['dentales', 'dental'],
  ['dentelladas', 'dentell'],
  ['dentista', 'dentist'],
  ['dentro', 'dentr'],
  ['denunciante', 'denunci'],
  ['denunciantes', 'denunci'],
  ['denunciará', 'denunci'],
  ['denunciarán', 'denunci'],
  ['denuncias', 'denunci'],
  ['denuncie', 'denunci'],
  ['denuncié', 'denunci'],
  ['denúncielo', 'denunciel'],
  ['denunció', 'denunc'],
  ['departamentales', 'departamental'],
  ['departamento', 'departament'],
  ['departió', 'depart'],
  ['dependencia', 'dependent'],
  ['dependencias', 'dependent'],
  ['dependerá', 'depend'],
  ['dependía', 'depend'],
  ['dependiendo', 'depend'],
  ['dependiente', 'dependient'],
  ['deplazamiento', 'deplaz'],
  ['deportaciones', 'deport'],
  ['deporte', 'deport'],
  ['deportista', 'deport'],
  ['deportiva', 'deport'],
  ['deportivos', 'deport'],
  ['depositario', 'depositari'],
  ['depositarse', 'deposit'],
  ['deposítele', 'depositel'],
  ['depósitos', 'deposit'],
  ['depredadora', 'depred'],
  ['depredadores', 'depred'],
  ['depresión', 'depresion'],
  ['deprimente', 'depriment'],
  ['depuracion', 'depuracion'],
  ['depuración', 'depur'],
  ['depuradísima', 'depuradisim'],
  ['derechazo', 'derechaz'],
  ['derechohabientes', 'derechohabient'],
  ['deriva', 'deriv'],
  ['derivación', 'deriv'],
  ['dermatitis', 'dermatitis'],
  ['dermatología', 'dermatolog'],
  ['dermatológica', 'dermatolog'],
  ['derramamiento', 'derram'],
  ['derrapante', 'derrap'],
  ['derredor', 'derredor'],
  ['derretirse', 'derret'],
  ['derrotarlo', 'derrot'],
  ['derrotero', 'derroter'],
  ['desaceleración', 'desaceler'],
  ['desafío', 'desafi'],
  ['desafió', 'desaf'],
  ['desafortunadamente', 'desafortun'],
  ['desagradable', 'desagrad'],
  ['desagüe', 'desagü'],
  ['desahucio', 'desahuci'],
  ['desánimo', 'desanim'],
  ['desaparezcan', 'desaparezc'],
  ['desaparición', 'desaparicion'],
  ['desarme', 'des'],
  ['desarrollarnos', 'desarroll'],
  ['desarrolle', 'desarroll'],
  ['desayuno', 'desayun'],
  ['descalificada', 'descalific'],
  ['descarrilamiento', 'descarril'],
  ['descargue', 'descarg'],
  ['descendencia', 'descendent'],
  ['descentralización', 'descentraliz'],
  ['desconfianza', 'desconfi'],
  ['desconocerlos', 'desconoc'],
  ['desconocimiento', 'desconoc'],
  ['descrédito', 'descredit'],
  ['descreído', 'descreid'],
  ['descubridor', 'descubridor'],
  ['descuido', 'descu'],
  ['dése', 'des'],
  ['desea', 'dese'],
  ['deseable', 'deseabl'],
  ['deseándolo', 'des'],
  ['desee', 'dese'],
  ['desembarque', 'desembarqu'],
  ['desempeñarse', 'desempeñ'],
]

describe('Snowball spanish stemmer (snowballstem.org sample vocabulary)', () => {
  it.each(SAMPLE_VOCABULARY)('%s -> %s', (word, stem) => {
    expect(snowballSpanishStem(word)).toBe(stem)
  })

  it.each([
    // an attached pronoun after -iéndo in RV: -iéndo -> -iendo, then the verb ending
    ['haciéndolo', 'hac'],
    // -en after gu takes the u with it
    ['siguen', 'sig'],
    ['', ''],
  ])('%s -> %s', (word, stem) => {
    expect(snowballSpanishStem(word)).toBe(stem)
  })
})

describe('stemmer language spanish and snowball Spanish', () => {
  it.each([{ language: 'spanish' }, { language: 'Spanish' }, { name: 'spanish' }])(
    'stemmer %j',
    (settings) => {
      expect(terms(whitespace(filter('stemmer', settings)), 'dependencias denúncielo')).toEqual([
        'dependent',
        'denunciel',
      ])
    },
  )

  it.each([{ language: 'Spanish' }, { language: 'spanish' }])('snowball %j', (settings) => {
    expect(terms(whitespace(filter('snowball', settings)), 'desafortunadamente')).toEqual(['desafortun'])
  })

  it('the spanish analyzer still stems with SpanishLightStemFilter', () => {
    expect(
      getAnalyzer('spanish')
        ?.analyze('dependencias')
        .map((t) => t.token),
    ).toEqual(['dependenci'])
  })
})
