// The `english` and `snowball` built-in analyzers, built as Elasticsearch 8 builds them:
//   english  (EnglishAnalyzerProvider -> Lucene's EnglishAnalyzer): standard tokenizer -> english
//            possessive -> lowercase -> stop (`stopwords`, default _english_) -> keyword marker
//            (`stem_exclusion`, only when non-empty; "_none_" is empty) -> porter_stem.
//   snowball (SnowballAnalyzerProvider -> Elasticsearch's SnowballAnalyzer): standard tokenizer ->
//            english possessive (only for the languages English, Porter and Lovins) -> lowercase ->
//            stop (`stopwords`, default _english_ for English, empty otherwise) -> snowball(language).
//            `language` (or `name`, default "English") is taken as written, not capitalized as the token
//            filter does, so "english" fails with "Invalid stemmer class specified: english".
// Both use the standard tokenizer's default max_token_length (255).
import { Analyzer } from '../analyzer.ts'
import { LowerCaseFilter } from '../filters/lowercase-filter.ts'
import { StopFilter } from '../filters/stop-filter.ts'
import { ENGLISH_STOP_WORDS, stopWordsSetting } from '../filters/stop-words.ts'
import { listSetting, stringSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import type { TokenFilter } from '../token-list.ts'
import { StandardTokenizer } from '../tokenizers/standard-tokenizer.ts'
import { EnglishPossessiveFilter } from './english-possessive-filter.ts'
import { setKeywordMarkerFilter } from './keyword-marker-filter.ts'
import { porterStemTokenFilter, snowballFilter } from './stemmer-token-filters.ts'

/** Analysis.parseStemExclusion: "_none_" or absent is empty, otherwise the list (case-sensitive). */
export function stemExclusionSetting(settings: AnalysisSettings): string[] {
  const words = listSetting(settings, 'stem_exclusion') ?? []
  return words.length === 1 && words[0] === '_none_' ? [] : words
}

export function englishAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  const filters: TokenFilter[] = [
    new EnglishPossessiveFilter(),
    new LowerCaseFilter(),
    new StopFilter({ stopWords: stopWordsSetting(settings, ENGLISH_STOP_WORDS) }),
  ]
  const stemExclusion = stemExclusionSetting(settings)
  if (stemExclusion.length > 0) filters.push(setKeywordMarkerFilter(stemExclusion))
  filters.push(porterStemTokenFilter())
  return new Analyzer('english', new StandardTokenizer(), filters)
}

/** SnowballAnalyzerProvider's default stop words by language; the playground has the English list only. */
const SNOWBALL_DEFAULT_STOP_WORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['English', ENGLISH_STOP_WORDS],
])

const POSSESSIVE_LANGUAGES = new Set(['English', 'Porter', 'Lovins'])

export function snowballAnalyzer(settings: AnalysisSettings = {}): Analyzer {
  const language = stringSetting(settings, 'language') ?? stringSetting(settings, 'name') ?? 'English'
  const stemmer = snowballFilter(language)
  const filters: TokenFilter[] = POSSESSIVE_LANGUAGES.has(language) ? [new EnglishPossessiveFilter()] : []
  filters.push(
    new LowerCaseFilter(),
    new StopFilter({
      stopWords: stopWordsSetting(settings, SNOWBALL_DEFAULT_STOP_WORDS.get(language) ?? []),
    }),
    stemmer,
  )
  return new Analyzer('snowball', new StandardTokenizer(), filters)
}
