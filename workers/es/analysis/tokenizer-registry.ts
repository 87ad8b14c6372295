// The built-in tokenizers by their Elasticsearch names (AnalysisModule's tokenizers), each built from the
// settings its ES factory reads; an unknown name gives null (the caller answers with ES's error), bad settings
// throw IllegalArgumentException with the text of the ES factory or Lucene constructor.
import {
  boolSetting,
  intSetting,
  listSetting,
  stringSetting,
  type AnalysisSettings,
} from './custom/analysis-settings.ts'
import { compileJavaPattern } from './custom/java-pattern.ts'
import { charGroupTokenizer } from './tokenizers/char-group-tokenizer.ts'
import { CLASSIC_DEFAULT_MAX_TOKEN_LENGTH, ClassicTokenizer } from './tokenizers/classic-tokenizer.ts'
import { letterTokenizer, lowercaseTokenizer, whitespaceTokenizer } from './tokenizers/char-tokenizer.ts'
import { KeywordTokenizer } from './tokenizers/keyword-tokenizer.ts'
import { NGramTokenizer } from './tokenizers/ngram-tokenizer.ts'
import { PathHierarchyTokenizer } from './tokenizers/path-hierarchy-tokenizer.ts'
import { PatternTokenizer } from './tokenizers/pattern-tokenizer.ts'
import { SimplePatternTokenizer } from './tokenizers/simple-pattern-tokenizers.ts'
import { DEFAULT_MAX_TOKEN_LENGTH, StandardTokenizer } from './tokenizers/standard-tokenizer.ts'
import { tokenCharsMatcher } from './tokenizers/token-chars.ts'
import { UAX29URLEmailTokenizer } from './tokenizers/uax-url-email-tokenizer.ts'
import { IllegalArgumentException, type Tokenizer } from './token-list.ts'

import { checkNgramDiff, gramSizes, DEFAULT_ANALYSIS_LIMITS, type AnalysisLimits } from './analysis-limits.ts'

function ngramTokenizer(
  name: 'ngram' | 'edge_ngram',
  settings: AnalysisSettings,
  limits: AnalysisLimits,
): Tokenizer {
  const { minGram, maxGram } = gramSizes(settings)
  if (name === 'ngram') checkNgramDiff(minGram, maxGram, limits)
  const matcher = tokenCharsMatcher(
    listSetting(settings, 'token_chars') ?? [],
    stringSetting(settings, 'custom_token_chars') ?? '',
  )
  return new NGramTokenizer(name, minGram, maxGram, matcher)
}

function oneCharSetting(settings: AnalysisSettings, key: string, fallback: string): string {
  const value = stringSetting(settings, key)
  if (value === undefined) return fallback
  if (value.length !== 1) throw new IllegalArgumentException(`${key} must be a one char value`)
  return value
}

function pathHierarchyTokenizer(settings: AnalysisSettings): Tokenizer {
  const delimiter = oneCharSetting(settings, 'delimiter', '/')
  return new PathHierarchyTokenizer({
    delimiter,
    replacement: oneCharSetting(settings, 'replacement', delimiter),
    skip: intSetting(settings, 'skip', 0),
    bufferSize: intSetting(settings, 'buffer_size', 1024),
    reverse: boolSetting(settings, 'reverse', false),
  })
}

export function getTokenizer(
  name: string,
  settings: AnalysisSettings = {},
  limits: AnalysisLimits = DEFAULT_ANALYSIS_LIMITS,
): Tokenizer | null {
  switch (name) {
    case 'standard':
      return new StandardTokenizer(intSetting(settings, 'max_token_length', DEFAULT_MAX_TOKEN_LENGTH))
    case 'whitespace':
      return whitespaceTokenizer(intSetting(settings, 'max_token_length', DEFAULT_MAX_TOKEN_LENGTH))
    case 'letter':
      return letterTokenizer()
    case 'lowercase':
      return lowercaseTokenizer()
    case 'keyword': {
      const bufferSize = intSetting(settings, 'buffer_size', 256)
      if (bufferSize <= 0 || bufferSize > 1024 * 1024) {
        throw new IllegalArgumentException(
          `maxTokenLen must be greater than 0 and less than 1048576 passed: ${bufferSize}`,
        )
      }
      return new KeywordTokenizer()
    }
    case 'pattern':
      return new PatternTokenizer(
        compileJavaPattern(stringSetting(settings, 'pattern') ?? '\\W+', stringSetting(settings, 'flags')),
        intSetting(settings, 'group', -1),
      )
    case 'ngram':
    case 'edge_ngram':
      return ngramTokenizer(name, settings, limits)
    case 'path_hierarchy':
    case 'PathHierarchy':
      return pathHierarchyTokenizer(settings)
    case 'simple_pattern':
    case 'simple_pattern_split':
      return new SimplePatternTokenizer(name, stringSetting(settings, 'pattern') ?? '')
    case 'uax_url_email':
      return new UAX29URLEmailTokenizer(intSetting(settings, 'max_token_length', DEFAULT_MAX_TOKEN_LENGTH))
    case 'classic':
      return new ClassicTokenizer(intSetting(settings, 'max_token_length', CLASSIC_DEFAULT_MAX_TOKEN_LENGTH))
    case 'char_group':
      return charGroupTokenizer(
        listSetting(settings, 'tokenize_on_chars') ?? [],
        intSetting(settings, 'max_token_length', DEFAULT_MAX_TOKEN_LENGTH),
      )
    default:
      return null
  }
}
