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
import { portugueseLightStem } from './portuguese-light-stemmer.ts'
import { spanishLightStem } from './spanish-light-stemmer.ts'
import { StemFilter } from './stem-filter.ts'
import { StemmerOverrideFilter } from './stemmer-override-filter.ts'

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

/** The analyzers that are lowercase, stop, stem exclusion and one Lucene light stemmer. */
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
