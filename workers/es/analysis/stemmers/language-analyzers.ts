// The built-in language analyzers other than `english` (stemmers/english-analyzers.ts), each built as
// its Elasticsearch 8 <Language>AnalyzerProvider builds Lucene 9's <Language>Analyzer:
//   french (FrenchAnalyzer): standard tokenizer -> elision (FrenchAnalyzer.DEFAULT_ARTICLES, ignoring
//          case) -> lowercase -> stop (`stopwords`, default _french_) -> keyword marker (`stem_exclusion`,
//          only when non-empty) -> FrenchLightStemFilter.
//   german (GermanAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default _german_) ->
//          keyword marker (`stem_exclusion`) -> GermanNormalizationFilter -> GermanLightStemFilter.
//   spanish (SpanishAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default _spanish_)
//          -> keyword marker (`stem_exclusion`, only when non-empty) -> SpanishLightStemFilter.
//   italian (ItalianAnalyzer): standard tokenizer -> elision (ItalianAnalyzer.DEFAULT_ARTICLES, ignoring
//          case) -> lowercase -> stop (`stopwords`, default _italian_) -> keyword marker
//          (`stem_exclusion`, only when non-empty) -> ItalianLightStemFilter.
//   portuguese (PortugueseAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default
//          _portuguese_) -> keyword marker (`stem_exclusion`, only when non-empty) ->
//          PortugueseLightStemFilter.
//   dutch (DutchAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default _dutch_) ->
//          keyword marker (`stem_exclusion`, only when non-empty) -> StemmerOverrideFilter (the default
//          dictionary: fiets -> fiets, bromfiets -> bromfiets, ei -> eier, kind -> kinder) ->
//          SnowballFilter(DutchStemmer).
//   russian (RussianAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default _russian_)
//          -> keyword marker (`stem_exclusion`, only when non-empty) -> SnowballFilter(RussianStemmer).
//   czech (CzechAnalyzer), latvian (LatvianAnalyzer), bulgarian (BulgarianAnalyzer), indonesian
//          (IndonesianAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default _czech_,
//          _latvian_, _bulgarian_, _indonesian_) -> keyword marker (`stem_exclusion`, only when non-empty)
//          -> the language's Lucene stemmer (czech-stemmer.ts, latvian-stemmer.ts, bulgarian-stemmer.ts,
//          indonesian-stemmer.ts, derivational stemming on).
//   danish (DanishAnalyzer), swedish (SwedishAnalyzer), norwegian (NorwegianAnalyzer), finnish
//          (FinnishAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default _danish_,
//          _swedish_, _norwegian_, _finnish_) -> keyword marker (`stem_exclusion`, only when non-empty) ->
//          SnowballFilter(DanishStemmer, SwedishStemmer, NorwegianStemmer, FinnishStemmer).
//   romanian (RomanianAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default _romanian_) ->
//          keyword marker (`stem_exclusion`, only when non-empty) -> SnowballFilter(RomanianStemmer).
//   catalan (CatalanAnalyzer): standard tokenizer -> elision (CatalanAnalyzer.DEFAULT_ARTICLES d l m n s t,
//          ignoring case) -> lowercase -> stop (`stopwords`, default _catalan_) -> keyword marker
//          (`stem_exclusion`, only when non-empty) -> SnowballFilter(CatalanStemmer).
//   hungarian (HungarianAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default _hungarian_)
//          -> keyword marker (`stem_exclusion`, only when non-empty) -> SnowballFilter(HungarianStemmer).
//   turkish (TurkishAnalyzer): standard tokenizer -> apostrophe (ApostropheFilter) -> TurkishLowerCaseFilter ->
//          stop (`stopwords`, default _turkish_) -> keyword marker (`stem_exclusion`, only when non-empty) ->
//          SnowballFilter(TurkishStemmer).
//   greek (GreekAnalyzer; ES's provider passes only `stopwords`, no stem exclusion): standard tokenizer ->
//          GreekLowerCaseFilter -> stop (`stopwords`, default _greek_) -> GreekStemFilter.
//   brazilian (BrazilianAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default
//          _brazilian_) -> keyword marker (`stem_exclusion`, only when non-empty) -> BrazilianStemFilter.
//   irish (IrishAnalyzer): standard tokenizer -> stop of the hyphenation prefixes h, n, t (ignoring case,
//          so "n-athair" loses its "n" token and leaves a position gap) -> elision (articles d, m, b,
//          ignoring case) -> IrishLowerCaseFilter -> stop (`stopwords`, default _irish_) -> keyword marker
//          (`stem_exclusion`, only when non-empty) -> SnowballFilter(IrishStemmer).
//   armenian (ArmenianAnalyzer), basque (BasqueAnalyzer), lithuanian (LithuanianAnalyzer): standard
//          tokenizer -> lowercase -> stop (`stopwords`, default _armenian_, _basque_, _lithuanian_) ->
//          keyword marker (`stem_exclusion`, only when non-empty) -> SnowballFilter(ArmenianStemmer,
//          BasqueStemmer, LithuanianStemmer).
//   galician (GalicianAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default _galician_)
//          -> keyword marker (`stem_exclusion`, only when non-empty) -> GalicianStemFilter (rslp-stemmers.ts).
//   serbian (SerbianAnalyzer): standard tokenizer -> lowercase -> stop (`stopwords`, default _serbian_) ->
//          keyword marker (`stem_exclusion`, only when non-empty) -> SnowballFilter(SerbianStemmer) ->
//          SerbianNormalizationFilter (which rewrites keywords too).
// The Arabic-script, Indic and CJK analyzers are in asian-analyzers.ts.
// `stopwords` takes the forms stop-words.ts resolves; `stopwords_path` is refused there. All use the
// standard tokenizer's default max_token_length (255).
import { Analyzer } from '../analyzer.ts'
import type { AnalysisSettings } from '../custom/analysis-settings.ts'
import { ElisionFilter, FRENCH_ARTICLES, ITALIAN_ARTICLES } from '../filters/elision-filter.ts'
import {
  DUTCH_STOP_WORDS,
  FRENCH_STOP_WORDS,
  GERMAN_STOP_WORDS,
  ITALIAN_STOP_WORDS,
  PORTUGUESE_STOP_WORDS,
  RUSSIAN_STOP_WORDS,
  SPANISH_STOP_WORDS,
} from '../filters/language-stop-words.ts'
import { GermanNormalizationFilter } from '../filters/german-normalization-filter.ts'
import {
  BULGARIAN_STOP_WORDS,
  CZECH_STOP_WORDS,
  INDONESIAN_STOP_WORDS,
  LATVIAN_STOP_WORDS,
} from '../filters/light-stemmer-stop-words.ts'
import { LowerCaseFilter } from '../filters/lowercase-filter.ts'
import { StopFilter } from '../filters/stop-filter.ts'
import { stopWordsSetting } from '../filters/stop-words.ts'
import type { TokenFilter } from '../token-list.ts'
import { StandardTokenizer } from '../tokenizers/standard-tokenizer.ts'
import { bulgarianStem } from './bulgarian-stemmer.ts'
import { czechStem } from './czech-stemmer.ts'
import { stemExclusionSetting } from './english-analyzers.ts'
import { indonesianStem } from './indonesian-stemmer.ts'
import { latvianStem } from './latvian-stemmer.ts'
import { frenchLightStem } from './french-light-stemmer.ts'
import { germanLightStem } from './german-light-stemmer.ts'
import { italianLightStem } from './italian-light-stemmer.ts'
import { setKeywordMarkerFilter } from './keyword-marker-filter.ts'
import { snowballDutchStem } from './snowball-dutch-stemmer.ts'
import { snowballRussianStem } from './snowball-russian-stemmer.ts'
import { snowballDanishStem } from './snowball-danish-stemmer.ts'
import { snowballSwedishStem } from './snowball-swedish-stemmer.ts'
import { snowballNorwegianStem } from './snowball-norwegian-stemmer.ts'
import { snowballFinnishStem } from './snowball-finnish-stemmer.ts'
import {
  DANISH_STOP_WORDS,
  FINNISH_STOP_WORDS,
  NORWEGIAN_STOP_WORDS,
  SWEDISH_STOP_WORDS,
} from '../filters/nordic-stop-words.ts'
import { portugueseLightStem } from './portuguese-light-stemmer.ts'
import { spanishLightStem } from './spanish-light-stemmer.ts'
import { StemFilter } from './stem-filter.ts'
import { StemmerOverrideFilter } from './stemmer-override-filter.ts'
import {
  CATALAN_STOP_WORDS,
  HUNGARIAN_STOP_WORDS,
  ROMANIAN_STOP_WORDS,
  TURKISH_STOP_WORDS,
} from '../filters/romanian-catalan-hungarian-turkish-stop-words.ts'
import { snowballCatalanStem } from './snowball-catalan-stemmer.ts'
import { snowballHungarianStem } from './snowball-hungarian-stemmer.ts'
import { apostropheFilter } from '../filters/term-rewrite-filters.ts'
import { snowballTurkishStem } from './snowball-turkish-stemmer.ts'
import { snowballRomanianStem } from './snowball-romanian-stemmer.ts'
import {
  BRAZILIAN_STOP_WORDS,
  GREEK_STOP_WORDS,
  IRISH_STOP_WORDS,
} from '../filters/greek-brazilian-irish-stop-words.ts'
import {
  greekLowerCaseFilter,
  irishLowerCaseFilter,
  turkishLowerCaseFilter,
} from '../filters/language-lowercase-filters.ts'
import { snowballIrishStem } from './snowball-irish-stemmer.ts'
import {
  ARMENIAN_STOP_WORDS,
  BASQUE_STOP_WORDS,
  LITHUANIAN_STOP_WORDS,
} from '../filters/armenian-basque-lithuanian-stop-words.ts'
import { snowballArmenianStem } from './snowball-armenian-stemmer.ts'
import { snowballBasqueStem } from './snowball-basque-stemmer.ts'
import { snowballLithuanianStem } from './snowball-lithuanian-stemmer.ts'
import { greekStem } from './greek-stemmer.ts'
import { brazilianStem } from './brazilian-stemmer.ts'
import { GALICIAN_STOP_WORDS, SERBIAN_STOP_WORDS } from '../filters/galician-serbian-stop-words.ts'
import { serbianNormalizationFilter } from '../filters/normalization-filters.ts'
import { snowballSerbianStem } from './snowball-serbian-stemmer.ts'
import { galicianStem } from './rslp-stemmers.ts'

/** The stop filter, the keyword marker when `stem_exclusion` is non-empty, then the stemming filters. */
function stopMarkStem(
  settings: AnalysisSettings,
  defaultStopWords: readonly string[],
  ...stemming: TokenFilter[]
): TokenFilter[] {
  const filters: TokenFilter[] = [new StopFilter({ stopWords: stopWordsSetting(settings, defaultStopWords) })]
  const stemExclusion = stemExclusionSetting(settings)
  if (stemExclusion.length > 0) filters.push(setKeywordMarkerFilter(stemExclusion))
  return [...filters, ...stemming]
}

export function frenchAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('french', new StandardTokenizer(), [
    new ElisionFilter(FRENCH_ARTICLES, true),
    new LowerCaseFilter(),
    ...stopMarkStem(settings, FRENCH_STOP_WORDS, new StemFilter('stemmer', frenchLightStem)),
  ])
}

export function germanAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('german', new StandardTokenizer(), [
    new LowerCaseFilter(),
    ...stopMarkStem(
      settings,
      GERMAN_STOP_WORDS,
      new GermanNormalizationFilter(),
      new StemFilter('stemmer', germanLightStem),
    ),
  ])
}

export function spanishAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('spanish', new StandardTokenizer(), [
    new LowerCaseFilter(),
    ...stopMarkStem(settings, SPANISH_STOP_WORDS, new StemFilter('stemmer', spanishLightStem)),
  ])
}

export function italianAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('italian', new StandardTokenizer(), [
    new ElisionFilter(ITALIAN_ARTICLES, true),
    new LowerCaseFilter(),
    ...stopMarkStem(settings, ITALIAN_STOP_WORDS, new StemFilter('stemmer', italianLightStem)),
  ])
}

export function portugueseAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('portuguese', new StandardTokenizer(), [
    new LowerCaseFilter(),
    ...stopMarkStem(settings, PORTUGUESE_STOP_WORDS, new StemFilter('stemmer', portugueseLightStem)),
  ])
}

/** DutchAnalyzer's DEFAULT_STEM_DICT, which ES's `dutch` analyzer always applies. */
const DUTCH_STEM_OVERRIDES: ReadonlyMap<string, string> = new Map([
  ['fiets', 'fiets'],
  ['bromfiets', 'bromfiets'],
  ['ei', 'eier'],
  ['kind', 'kinder'],
])

export function dutchAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('dutch', new StandardTokenizer(), [
    new LowerCaseFilter(),
    ...stopMarkStem(
      settings,
      DUTCH_STOP_WORDS,
      new StemmerOverrideFilter(DUTCH_STEM_OVERRIDES),
      new StemFilter('snowball', snowballDutchStem),
    ),
  ])
}

export function russianAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('russian', new StandardTokenizer(), [
    new LowerCaseFilter(),
    ...stopMarkStem(settings, RUSSIAN_STOP_WORDS, new StemFilter('snowball', snowballRussianStem)),
  ])
}

/** The analyzers that are lowercase, stop, stem exclusion and one stemmer (a light one or a Snowball program). */
function lightStemmerAnalyzer(
  name: string,
  stopWords: readonly string[],
  stem: (term: string) => string,
): (settings?: AnalysisSettings) => Analyzer {
  return (settings = {}) =>
    new Analyzer(name, new StandardTokenizer(), [
      new LowerCaseFilter(),
      ...stopMarkStem(settings, stopWords, new StemFilter('stemmer', stem)),
    ])
}

export const czechAnalyzer = lightStemmerAnalyzer('czech', CZECH_STOP_WORDS, czechStem)
export const latvianAnalyzer = lightStemmerAnalyzer('latvian', LATVIAN_STOP_WORDS, latvianStem)
export const bulgarianAnalyzer = lightStemmerAnalyzer('bulgarian', BULGARIAN_STOP_WORDS, bulgarianStem)
export const indonesianAnalyzer = lightStemmerAnalyzer('indonesian', INDONESIAN_STOP_WORDS, indonesianStem)

export const danishAnalyzer = lightStemmerAnalyzer('danish', DANISH_STOP_WORDS, snowballDanishStem)
export const swedishAnalyzer = lightStemmerAnalyzer('swedish', SWEDISH_STOP_WORDS, snowballSwedishStem)
export const norwegianAnalyzer = lightStemmerAnalyzer(
  'norwegian',
  NORWEGIAN_STOP_WORDS,
  snowballNorwegianStem,
)
export const finnishAnalyzer = lightStemmerAnalyzer('finnish', FINNISH_STOP_WORDS, snowballFinnishStem)
export const romanianAnalyzer = lightStemmerAnalyzer('romanian', ROMANIAN_STOP_WORDS, snowballRomanianStem)

/** CatalanAnalyzer.DEFAULT_ARTICLES (Lucene 9), an ignore-case set. */
const CATALAN_ARTICLES: readonly string[] = ['d', 'l', 'm', 'n', 's', 't']

export function catalanAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('catalan', new StandardTokenizer(), [
    new ElisionFilter(CATALAN_ARTICLES, true),
    new LowerCaseFilter(),
    ...stopMarkStem(settings, CATALAN_STOP_WORDS, new StemFilter('snowball', snowballCatalanStem)),
  ])
}

export const hungarianAnalyzer = lightStemmerAnalyzer(
  'hungarian',
  HUNGARIAN_STOP_WORDS,
  snowballHungarianStem,
)

export function turkishAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('turkish', new StandardTokenizer(), [
    apostropheFilter(),
    turkishLowerCaseFilter(),
    ...stopMarkStem(settings, TURKISH_STOP_WORDS, new StemFilter('snowball', snowballTurkishStem)),
  ])
}
export function greekAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('greek', new StandardTokenizer(), [
    greekLowerCaseFilter(),
    new StopFilter({ stopWords: stopWordsSetting(settings, GREEK_STOP_WORDS) }),
    new StemFilter('stemmer', greekStem),
  ])
}

export const brazilianAnalyzer = lightStemmerAnalyzer('brazilian', BRAZILIAN_STOP_WORDS, brazilianStem)

/** IrishAnalyzer.HYPHENATIONS and DEFAULT_ARTICLES, both ignore-case sets. */
const IRISH_HYPHENATIONS: readonly string[] = ['h', 'n', 't']
const IRISH_ARTICLES: readonly string[] = ['d', 'm', 'b']

export function irishAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('irish', new StandardTokenizer(), [
    new StopFilter({ stopWords: IRISH_HYPHENATIONS, ignoreCase: true }),
    new ElisionFilter(IRISH_ARTICLES, true),
    irishLowerCaseFilter(),
    ...stopMarkStem(settings, IRISH_STOP_WORDS, new StemFilter('snowball', snowballIrishStem)),
  ])
}

export const armenianAnalyzer = lightStemmerAnalyzer('armenian', ARMENIAN_STOP_WORDS, snowballArmenianStem)
export const basqueAnalyzer = lightStemmerAnalyzer('basque', BASQUE_STOP_WORDS, snowballBasqueStem)
export const lithuanianAnalyzer = lightStemmerAnalyzer(
  'lithuanian',
  LITHUANIAN_STOP_WORDS,
  snowballLithuanianStem,
)

export const galicianAnalyzer = lightStemmerAnalyzer('galician', GALICIAN_STOP_WORDS, galicianStem)

export function serbianAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('serbian', new StandardTokenizer(), [
    new LowerCaseFilter(),
    ...stopMarkStem(
      settings,
      SERBIAN_STOP_WORDS,
      new StemFilter('snowball', snowballSerbianStem),
      serbianNormalizationFilter(),
    ),
  ])
}
