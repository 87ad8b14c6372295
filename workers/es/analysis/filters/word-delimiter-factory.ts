// Elasticsearch's WordDelimiterTokenFilterFactory and WordDelimiterGraphTokenFilterFactory: the settings of
// `word_delimiter` and `word_delimiter_graph`, with their defaults: generate_word_parts, generate_number_parts,
// split_on_case_change, split_on_numerics, stem_english_possessive true; catenate_words, catenate_numbers,
// catenate_all, preserve_original false; protected_words (a case-sensitive set) and type_table (rules, see
// word-delimiter-iterator.ts) unset. The graph filter also reads ignore_keywords (false) and adjust_offsets
// (true). protected_words_path and type_table_path name files on the node, which the playground has not.
import { boolSetting, listSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import { IllegalArgumentException, type TokenFilter } from '../token-list.ts'
import { WordDelimiterGraphFilter } from './word-delimiter-graph-filter.ts'
import {
  CATENATE_ALL,
  CATENATE_NUMBERS,
  CATENATE_WORDS,
  GENERATE_NUMBER_PARTS,
  GENERATE_WORD_PARTS,
  IGNORE_KEYWORDS,
  PRESERVE_ORIGINAL,
  SPLIT_ON_CASE_CHANGE,
  SPLIT_ON_NUMERICS,
  STEM_ENGLISH_POSSESSIVE,
  WordDelimiterFilter,
  type WordDelimiterOptions,
} from './word-delimiter-filter.ts'
import { DEFAULT_WORD_DELIM_TABLE, parseTypeTable } from './word-delimiter-iterator.ts'

const FLAG_SETTINGS: ReadonlyArray<[string, number, boolean]> = [
  ['generate_word_parts', GENERATE_WORD_PARTS, true],
  ['generate_number_parts', GENERATE_NUMBER_PARTS, true],
  ['catenate_words', CATENATE_WORDS, false],
  ['catenate_numbers', CATENATE_NUMBERS, false],
  ['catenate_all', CATENATE_ALL, false],
  ['split_on_case_change', SPLIT_ON_CASE_CHANGE, true],
  ['preserve_original', PRESERVE_ORIGINAL, false],
  ['split_on_numerics', SPLIT_ON_NUMERICS, true],
  ['stem_english_possessive', STEM_ENGLISH_POSSESSIVE, true],
]

/** Analysis.getWordList's inline list; the `_path` form is refused. */
function wordList(settings: AnalysisSettings, key: string): string[] | undefined {
  if (settings[`${key}_path`] !== undefined) {
    throw new IllegalArgumentException(
      `[${key}_path] is not supported: the playground has no config directory`,
    )
  }
  return listSetting(settings, key)
}

function options(settings: AnalysisSettings, graph: boolean): WordDelimiterOptions {
  const rules = wordList(settings, 'type_table')
  const table = rules === undefined ? DEFAULT_WORD_DELIM_TABLE : parseTypeTable(rules)
  let flags = 0
  for (const [key, flag, fallback] of FLAG_SETTINGS) if (boolSetting(settings, key, fallback)) flags |= flag
  if (graph && boolSetting(settings, 'ignore_keywords', false)) flags |= IGNORE_KEYWORDS
  const words = wordList(settings, 'protected_words')
  return { flags, table, protectedWords: words === undefined ? null : new Set(words) }
}

export function wordDelimiterFilter(settings: AnalysisSettings): TokenFilter {
  return new WordDelimiterFilter(options(settings, false))
}

export function wordDelimiterGraphFilter(settings: AnalysisSettings): TokenFilter {
  const built = options(settings, true)
  return new WordDelimiterGraphFilter(built, boolSetting(settings, 'adjust_offsets', true))
}
