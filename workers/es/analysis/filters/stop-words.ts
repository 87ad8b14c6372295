// Named stop word lists that Elasticsearch's `stopwords` setting accepts.
// _english_ is Lucene's EnglishAnalyzer.ENGLISH_STOP_WORDS_SET (33 words), the default of the `stop`
// token filter and the `stop` analyzer; _none_ is the empty set, the `standard` analyzer's default; the
// language sets (_french_, ...) are in language-stop-words.ts, the Arabic-script, Indic and CJK ones
// (_arabic_, _persian_, _sorani_, _hindi_, _bengali_) in asian-stop-words.ts, _czech_, _latvian_,
// _bulgarian_ and _indonesian_ in light-stemmer-stop-words.ts, _danish_, _swedish_,
// _norwegian_ and _finnish_ in nordic-stop-words.ts, _romanian_, _catalan_, _hungarian_ and _turkish_ in
// romanian-catalan-hungarian-turkish-stop-words.ts, _greek_, _brazilian_ and _irish_ in
// greek-brazilian-irish-stop-words.ts, _armenian_, _basque_ and _lithuanian_ in
// armenian-basque-lithuanian-stop-words.ts, _galician_ and _serbian_ in
// galician-serbian-stop-words.ts.
import { listSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import { IllegalArgumentException } from '../token-list.ts'
import {
  ARABIC_STOP_WORDS,
  BENGALI_STOP_WORDS,
  HINDI_STOP_WORDS,
  PERSIAN_STOP_WORDS,
  SORANI_STOP_WORDS,
} from './asian-stop-words.ts'
import {
  BULGARIAN_STOP_WORDS,
  CZECH_STOP_WORDS,
  INDONESIAN_STOP_WORDS,
  LATVIAN_STOP_WORDS,
} from './light-stemmer-stop-words.ts'
import {
  DUTCH_STOP_WORDS,
  FRENCH_STOP_WORDS,
  GERMAN_STOP_WORDS,
  ITALIAN_STOP_WORDS,
  PORTUGUESE_STOP_WORDS,
  RUSSIAN_STOP_WORDS,
  SPANISH_STOP_WORDS,
} from './language-stop-words.ts'
import {
  DANISH_STOP_WORDS,
  FINNISH_STOP_WORDS,
  NORWEGIAN_STOP_WORDS,
  SWEDISH_STOP_WORDS,
} from './nordic-stop-words.ts'
import {
  CATALAN_STOP_WORDS,
  HUNGARIAN_STOP_WORDS,
  ROMANIAN_STOP_WORDS,
  TURKISH_STOP_WORDS,
} from './romanian-catalan-hungarian-turkish-stop-words.ts'
import {
  BRAZILIAN_STOP_WORDS,
  GREEK_STOP_WORDS,
  IRISH_STOP_WORDS,
} from './greek-brazilian-irish-stop-words.ts'
import {
  ARMENIAN_STOP_WORDS,
  BASQUE_STOP_WORDS,
  LITHUANIAN_STOP_WORDS,
} from './armenian-basque-lithuanian-stop-words.ts'
import { GALICIAN_STOP_WORDS, SERBIAN_STOP_WORDS } from './galician-serbian-stop-words.ts'

export const ENGLISH_STOP_WORDS: readonly string[] = [
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'but',
  'by',
  'for',
  'if',
  'in',
  'into',
  'is',
  'it',
  'no',
  'not',
  'of',
  'on',
  'or',
  'such',
  'that',
  'the',
  'their',
  'then',
  'there',
  'these',
  'they',
  'this',
  'to',
  'was',
  'will',
  'with',
]

const NAMED_STOP_WORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['_english_', ENGLISH_STOP_WORDS],
  ['_french_', FRENCH_STOP_WORDS],
  ['_german_', GERMAN_STOP_WORDS],
  ['_spanish_', SPANISH_STOP_WORDS],
  ['_italian_', ITALIAN_STOP_WORDS],
  ['_portuguese_', PORTUGUESE_STOP_WORDS],
  ['_dutch_', DUTCH_STOP_WORDS],
  ['_russian_', RUSSIAN_STOP_WORDS],
  ['_danish_', DANISH_STOP_WORDS],
  ['_swedish_', SWEDISH_STOP_WORDS],
  ['_norwegian_', NORWEGIAN_STOP_WORDS],
  ['_finnish_', FINNISH_STOP_WORDS],
  ['_arabic_', ARABIC_STOP_WORDS],
  ['_persian_', PERSIAN_STOP_WORDS],
  ['_sorani_', SORANI_STOP_WORDS],
  ['_hindi_', HINDI_STOP_WORDS],
  ['_bengali_', BENGALI_STOP_WORDS],
  ['_czech_', CZECH_STOP_WORDS],
  ['_latvian_', LATVIAN_STOP_WORDS],
  ['_bulgarian_', BULGARIAN_STOP_WORDS],
  ['_indonesian_', INDONESIAN_STOP_WORDS],
  ['_romanian_', ROMANIAN_STOP_WORDS],
  ['_catalan_', CATALAN_STOP_WORDS],
  ['_hungarian_', HUNGARIAN_STOP_WORDS],
  ['_turkish_', TURKISH_STOP_WORDS],
  ['_greek_', GREEK_STOP_WORDS],
  ['_brazilian_', BRAZILIAN_STOP_WORDS],
  ['_irish_', IRISH_STOP_WORDS],
  ['_armenian_', ARMENIAN_STOP_WORDS],
  ['_basque_', BASQUE_STOP_WORDS],
  ['_lithuanian_', LITHUANIAN_STOP_WORDS],
  ['_galician_', GALICIAN_STOP_WORDS],
  ['_serbian_', SERBIAN_STOP_WORDS],
])

/**
 * Resolves a `stopwords` setting as Elasticsearch's Analysis.parseWords does: "_none_" is the empty list;
 * any other value (a string or an array) is a list in which each known `_name_` expands to its list and
 * every other entry is a literal word.
 */
export function resolveStopWords(setting: string | readonly string[]): string[] {
  if (setting === '_none_') return []
  const entries = typeof setting === 'string' ? [setting] : setting
  return entries.flatMap((entry) => NAMED_STOP_WORDS.get(entry) ?? [entry])
}

/**
 * Analysis.parseStopWords: `stopwords` as "_none_", a named list, a word, or an array of both.
 * `stopwords_path` (a file on the node) is refused: the playground has no config directory.
 */
export function stopWordsSetting(settings: AnalysisSettings, fallback: readonly string[]): readonly string[] {
  if (settings['stopwords_path'] !== undefined) {
    throw new IllegalArgumentException(
      '[stopwords_path] is not supported: the playground has no config directory',
    )
  }
  const words = listSetting(settings, 'stopwords')
  if (words === undefined) return fallback
  return resolveStopWords(words.length === 1 && words[0] === '_none_' ? '_none_' : words)
}
