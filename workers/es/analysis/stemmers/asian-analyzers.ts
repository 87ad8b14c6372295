// The Arabic-script, Indic and CJK language analyzers, each built as its Elasticsearch 8
// <Language>AnalyzerProvider builds Lucene 9's <Language>Analyzer (`stopwords` as stop-words.ts resolves
// it; `stem_exclusion` a keyword marker, only when non-empty); the standard tokenizer throughout:
//   arabic (ArabicAnalyzer): lowercase -> decimal_digit -> stop (default _arabic_, before normalization:
//          the list is not normalized) -> arabic_normalization -> keyword marker -> ArabicStemFilter.
//   persian (ES's pre-Lucene-10 PersianAnalyzer): PersianCharFilter (ZWNJ read as a space, so it splits
//          words; one char for one, offsets unchanged) -> lowercase -> decimal_digit ->
//          arabic_normalization -> persian_normalization -> stop (default _persian_). No stemmer, and no
//          stem_exclusion (the provider does not read it).
//   sorani (SoraniAnalyzer): sorani_normalization -> lowercase -> decimal_digit -> stop (default _sorani_)
//          -> keyword marker -> SoraniStemFilter.
//   hindi (HindiAnalyzer): lowercase -> decimal_digit -> keyword marker -> indic_normalization ->
//          hindi_normalization -> stop (default _hindi_) -> HindiStemFilter.
//   bengali (BengaliAnalyzer): lowercase -> decimal_digit -> keyword marker -> indic_normalization ->
//          bengali_normalization -> stop (default _bengali_) -> BengaliStemFilter.
//   cjk (CJKAnalyzer): cjk_width -> lowercase -> cjk_bigram (all four scripts, no unigrams) -> stop
//          (default _cjk_). No stem_exclusion.
import { Analyzer } from '../analyzer.ts'
import type { AnalysisSettings } from '../custom/analysis-settings.ts'
import {
  ARABIC_STOP_WORDS,
  BENGALI_STOP_WORDS,
  CJK_STOP_WORDS,
  HINDI_STOP_WORDS,
  PERSIAN_STOP_WORDS,
  SORANI_STOP_WORDS,
} from '../filters/asian-stop-words.ts'
import { cjkBigramFilter } from '../filters/cjk-bigram-filter.ts'
import { cjkWidthFilter } from '../filters/cjk-width-filter.ts'
import { LowerCaseFilter } from '../filters/lowercase-filter.ts'
import {
  arabicNormalizationFilter,
  bengaliNormalizationFilter,
  hindiNormalizationFilter,
  indicNormalizationFilter,
  persianNormalizationFilter,
  soraniNormalizationFilter,
} from '../filters/normalization-filters.ts'
import { StopFilter } from '../filters/stop-filter.ts'
import { stopWordsSetting } from '../filters/stop-words.ts'
import { decimalDigitFilter } from '../filters/term-rewrite-filters.ts'
import type { TokenFilter, TokenList, Tokenizer } from '../token-list.ts'
import { StandardTokenizer } from '../tokenizers/standard-tokenizer.ts'
import { arabicStem } from './arabic-stemmer.ts'
import { stemExclusionSetting } from './english-analyzers.ts'
import { bengaliStem, hindiStem } from './indic-light-stemmers.ts'
import { setKeywordMarkerFilter } from './keyword-marker-filter.ts'
import { soraniStem } from './sorani-stemmer.ts'
import { StemFilter } from './stem-filter.ts'

const stop = (settings: AnalysisSettings, defaults: readonly string[]): TokenFilter =>
  new StopFilter({ stopWords: stopWordsSetting(settings, defaults) })

/** The keyword marker of a non-empty `stem_exclusion`, as a list of zero or one filter. */
function stemExclusion(settings: AnalysisSettings): TokenFilter[] {
  const words = stemExclusionSetting(settings)
  return words.length > 0 ? [setKeywordMarkerFilter(words)] : []
}

export function arabicAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('arabic', new StandardTokenizer(), [
    new LowerCaseFilter(),
    decimalDigitFilter(),
    stop(settings, ARABIC_STOP_WORDS),
    arabicNormalizationFilter(),
    ...stemExclusion(settings),
    new StemFilter('arabic_stem', arabicStem),
  ])
}

/** PersianCharFilter before the standard tokenizer: ZWNJ (U+200C) becomes a space. */
class PersianTokenizer implements Tokenizer {
  readonly name = 'standard'
  private readonly standard = new StandardTokenizer()

  tokenize(text: string): TokenList {
    return this.standard.tokenize(text.replaceAll('\u200c', ' '))
  }
}

export function persianAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('persian', new PersianTokenizer(), [
    new LowerCaseFilter(),
    decimalDigitFilter(),
    arabicNormalizationFilter(),
    persianNormalizationFilter(),
    stop(settings, PERSIAN_STOP_WORDS),
  ])
}

export function soraniAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('sorani', new StandardTokenizer(), [
    soraniNormalizationFilter(),
    new LowerCaseFilter(),
    decimalDigitFilter(),
    stop(settings, SORANI_STOP_WORDS),
    ...stemExclusion(settings),
    new StemFilter('stemmer', soraniStem),
  ])
}

export function hindiAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('hindi', new StandardTokenizer(), [
    new LowerCaseFilter(),
    decimalDigitFilter(),
    ...stemExclusion(settings),
    indicNormalizationFilter(),
    hindiNormalizationFilter(),
    stop(settings, HINDI_STOP_WORDS),
    new StemFilter('stemmer', hindiStem),
  ])
}

export function bengaliAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('bengali', new StandardTokenizer(), [
    new LowerCaseFilter(),
    decimalDigitFilter(),
    ...stemExclusion(settings),
    indicNormalizationFilter(),
    bengaliNormalizationFilter(),
    stop(settings, BENGALI_STOP_WORDS),
    new StemFilter('stemmer', bengaliStem),
  ])
}

export function cjkAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  return new Analyzer('cjk', new StandardTokenizer(), [
    cjkWidthFilter(),
    new LowerCaseFilter(),
    cjkBigramFilter({}),
    stop(settings, CJK_STOP_WORDS),
  ])
}
