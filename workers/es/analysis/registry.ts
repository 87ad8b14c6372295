// The built-in analyzers, tokenizers and token filters by their Elasticsearch names, with the settings
// each accepts, so that `_analyze` ({analyzer} or {tokenizer, filter: [...]}) and index mappings can
// build chains. Unknown names give null (the caller answers with Elasticsearch's error); bad settings
// throw IllegalArgumentException.
// Analyzers (Elasticsearch 8.17 reference, "Built-in analyzer reference"):
//   standard   = standard tokenizer(max_token_length) + lowercase + stop(stopwords, default _none_)
//   simple     = lowercase letter tokenizer (Lucene SimpleAnalyzer: LetterTokenizer + LowerCaseFilter)
//   whitespace = whitespace tokenizer
//   stop       = simple + stop(stopwords, default _english_)
//   keyword    = keyword tokenizer
import { Analyzer } from './analyzer.ts'
import { LowerCaseFilter } from './filters/lowercase-filter.ts'
import { StopFilter } from './filters/stop-filter.ts'
import { ENGLISH_STOP_WORDS, resolveStopWords } from './filters/stop-words.ts'
import { letterTokenizer, lowercaseTokenizer, whitespaceTokenizer } from './tokenizers/char-tokenizer.ts'
import { KeywordTokenizer } from './tokenizers/keyword-tokenizer.ts'
import { DEFAULT_MAX_TOKEN_LENGTH, StandardTokenizer } from './tokenizers/standard-tokenizer.ts'
import { IllegalArgumentException, type TokenFilter, type Tokenizer } from './token-list.ts'

/** Settings as they arrive in JSON: `{ "max_token_length": 5, "stopwords": "_english_" }`. */
export type AnalysisSettings = Readonly<Record<string, unknown>>

/** A setting's value as ES would print it back: scalars as text, anything else as JSON. */
function settingText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
}

function intSetting(settings: AnalysisSettings, key: string, fallback: number): number {
  const value = settings[key]
  if (value === undefined) return fallback
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof parsed !== 'number' || !Number.isInteger(parsed)) {
    throw new IllegalArgumentException(`Failed to parse value [${settingText(value)}] for setting [${key}]`)
  }
  return parsed
}

function boolSetting(settings: AnalysisSettings, key: string, fallback: boolean): boolean {
  const value = settings[key]
  if (value === undefined) return fallback
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  throw new IllegalArgumentException(
    `Failed to parse value [${settingText(value)}] as only [true] or [false] are allowed.`,
  )
}

function stopWordsSetting(settings: AnalysisSettings, fallback: readonly string[]): readonly string[] {
  const value = settings['stopwords']
  if (value === undefined) return fallback
  if (typeof value === 'string') return resolveStopWords(value)
  if (Array.isArray(value) && value.every((word): word is string => typeof word === 'string')) {
    return resolveStopWords(value)
  }
  throw new IllegalArgumentException(`Failed to parse value for setting [stopwords]`)
}

export function getTokenizer(name: string, settings: AnalysisSettings = {}): Tokenizer | null {
  switch (name) {
    case 'standard':
      return new StandardTokenizer(intSetting(settings, 'max_token_length', DEFAULT_MAX_TOKEN_LENGTH))
    case 'whitespace':
      return whitespaceTokenizer(intSetting(settings, 'max_token_length', DEFAULT_MAX_TOKEN_LENGTH))
    case 'letter':
      return letterTokenizer()
    case 'lowercase':
      return lowercaseTokenizer()
    case 'keyword':
      return new KeywordTokenizer()
    default:
      return null
  }
}

export function getTokenFilter(name: string, settings: AnalysisSettings = {}): TokenFilter | null {
  switch (name) {
    case 'lowercase':
      return new LowerCaseFilter()
    case 'stop':
      return new StopFilter({
        stopWords: stopWordsSetting(settings, ENGLISH_STOP_WORDS),
        ignoreCase: boolSetting(settings, 'ignore_case', false),
        removeTrailing: boolSetting(settings, 'remove_trailing', true),
      })
    default:
      return null
  }
}

export function getAnalyzer(name: string, settings: AnalysisSettings = {}): Analyzer | null {
  switch (name) {
    case 'standard': {
      const tokenizer = new StandardTokenizer(
        intSetting(settings, 'max_token_length', DEFAULT_MAX_TOKEN_LENGTH),
      )
      const stopWords = stopWordsSetting(settings, [])
      const filters: TokenFilter[] = [new LowerCaseFilter()]
      if (stopWords.length > 0) filters.push(new StopFilter({ stopWords }))
      return new Analyzer(name, tokenizer, filters)
    }
    case 'simple':
      return new Analyzer(name, letterTokenizer(), [new LowerCaseFilter()])
    case 'whitespace':
      return new Analyzer(name, whitespaceTokenizer())
    case 'stop':
      return new Analyzer(name, letterTokenizer(), [
        new LowerCaseFilter(),
        new StopFilter({ stopWords: stopWordsSetting(settings, ENGLISH_STOP_WORDS) }),
      ])
    case 'keyword':
      return new Analyzer(name, new KeywordTokenizer())
    default:
      return null
  }
}
