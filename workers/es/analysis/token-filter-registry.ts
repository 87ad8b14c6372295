// The built-in token filters by their Elasticsearch names (AnalysisModule's token filters), each built from
// the settings its ES factory reads; an unknown name gives null (the caller answers with ES's error), bad
// settings throw IllegalArgumentException with the text of the ES factory or Lucene constructor. The ngram and
// shingle filters are bounded by the index's analysis limits (analysis-limits.ts).
import {
  boolSetting,
  intSetting,
  listSetting,
  stringSetting,
  type AnalysisSettings,
} from './custom/analysis-settings.ts'
import { AsciiFoldingFilter } from './filters/ascii-folding-filter.ts'
import { cjkBigramFilter } from './filters/cjk-bigram-filter.ts'
import { cjkWidthFilter } from './filters/cjk-width-filter.ts'
import { commonGramsFilter } from './filters/common-grams-filter.ts'
import { DEFAULT_MAX_OUTPUT_SIZE, FingerprintFilter } from './filters/fingerprint-filter.ts'
import { elisionTokenFilter } from './filters/elision-filter.ts'
import { GermanNormalizationFilter } from './filters/german-normalization-filter.ts'
import { LengthFilter } from './filters/length-filter.ts'
import { lowercaseTokenFilter } from './filters/language-lowercase-filters.ts'
import { multiplexerFilter } from './filters/multiplexer-filter.ts'
import { NGramTokenFilter } from './filters/ngram-token-filters.ts'
import { patternCaptureFilter } from './filters/pattern-capture-filter.ts'
import { conditionFilter, predicateTokenFilter } from './filters/script-condition-filters.ts'
import { ShingleFilter } from './filters/shingle-filter.ts'
import { StopFilter } from './filters/stop-filter.ts'
import { SynonymFilterFactory } from './filters/synonym-filter.ts'
import { ENGLISH_STOP_WORDS, stopWordsSetting } from './filters/stop-words.ts'
import {
  apostropheFilter,
  classicFilter,
  decimalDigitFilter,
  reverseFilter,
  trimFilter,
  truncateFilter,
  upperCaseFilter,
} from './filters/term-rewrite-filters.ts'
import { UniqueFilter } from './filters/unique-filter.ts'
import { NORMALIZATION_FILTERS } from './filters/normalization-filters.ts'
import { minHashTokenFilter } from './filters/min-hash-filter.ts'
import { FlattenGraphFilter } from './filters/flatten-graph-filter.ts'
import { wordDelimiterFilter, wordDelimiterGraphFilter } from './filters/word-delimiter-factory.ts'
import {
  keepTypesFilter,
  keepWordFilter,
  limitTokenCountFilter,
  removeDuplicatesFilter,
} from './filters/token-selection-filters.ts'
import { arabicStem } from './stemmers/arabic-stemmer.ts'
import { czechStem } from './stemmers/czech-stemmer.ts'
import { keywordMarkerTokenFilter } from './stemmers/keyword-marker-filter.ts'
import {
  kstemTokenFilter,
  porterStemTokenFilter,
  snowballTokenFilter,
  stemmerTokenFilter,
} from './stemmers/stemmer-token-filters.ts'
import { StemFilter } from './stemmers/stem-filter.ts'
import { stemmerOverrideTokenFilter } from './stemmers/stemmer-override-filter.ts'
import { IllegalArgumentException, type TokenFilter } from './token-list.ts'

import { checkNgramDiff, gramSizes, DEFAULT_ANALYSIS_LIMITS, type AnalysisLimits } from './analysis-limits.ts'

function shingleFilter(settings: AnalysisSettings, limits: AnalysisLimits): TokenFilter {
  const maxShingleSize = intSetting(settings, 'max_shingle_size', 2)
  const minShingleSize = intSetting(settings, 'min_shingle_size', 2)
  const outputUnigrams = boolSetting(settings, 'output_unigrams', true)
  const diff = maxShingleSize - minShingleSize + (outputUnigrams ? 1 : 0)
  if (diff > limits.maxShingleDiff) {
    throw new IllegalArgumentException(
      'In Shingle TokenFilter the difference between max_shingle_size and min_shingle_size (and +1 if ' +
        `outputting unigrams) must be less than or equal to: [${limits.maxShingleDiff}] but was [${diff}]. ` +
        'This limit can be set by changing the [index.max_shingle_diff] index level setting.',
    )
  }
  if (maxShingleSize < 2) throw new IllegalArgumentException('Max shingle size must be >= 2')
  if (minShingleSize < 2) throw new IllegalArgumentException('Min shingle size must be >= 2')
  if (minShingleSize > maxShingleSize) {
    throw new IllegalArgumentException('Min shingle size must be <= max shingle size')
  }
  return new ShingleFilter({
    minShingleSize,
    maxShingleSize,
    outputUnigrams,
    outputUnigramsIfNoShingles: boolSetting(settings, 'output_unigrams_if_no_shingles', false),
    tokenSeparator: stringSetting(settings, 'token_separator') ?? ' ',
    fillerToken: stringSetting(settings, 'filler_token') ?? '_',
  })
}

/** The rules of a synonyms set by its id (an empty list for a set that does not exist). */
export type SynonymsSetRules = (setId: string) => readonly string[]

export const NO_SYNONYMS_SETS: SynonymsSetRules = () => []

/**
 * SynonymTokenFilterFactory: rules from `synonyms` first, then from `synonyms_set` (the cluster's synonyms sets,
 * only for `updateable: true` filters, which make the filter search-time only and lenient by default: ES reads the
 * set when the analyzer chain is built), then `synonyms_path` (refused: no config directory).
 */
function synonymFilter(
  name: 'synonym' | 'synonym_graph',
  settings: AnalysisSettings,
  synonymsSets: SynonymsSetRules,
): TokenFilter {
  const format = stringSetting(settings, 'format') ?? 'solr'
  if (format !== 'solr')
    throw new IllegalArgumentException(`synonym format [${format}] is not supported: use solr`)
  const updateable = boolSetting(settings, 'updateable', false)
  const inline = listSetting(settings, 'synonyms')
  const setId = stringSetting(settings, 'synonyms_set')
  let rules: () => readonly string[]
  if (inline) rules = () => inline
  else if (setId !== undefined) {
    rules = () => {
      if (!updateable) {
        throw new IllegalArgumentException(
          "Can't apply [synonyms_set]! Loading synonyms from index is supported only for search time synonyms!",
        )
      }
      return synonymsSets(setId)
    }
  } else if (settings['synonyms_path'] !== undefined) {
    throw new IllegalArgumentException(
      '[synonyms_path] is not supported: the playground takes inline [synonyms] or a [synonyms_set] only',
    )
  } else {
    throw new IllegalArgumentException(
      'synonym requires either `synonyms`,`synonyms_set`, or `synonyms_path` to be configured',
    )
  }
  return new SynonymFilterFactory(name, {
    rules,
    expand: boolSetting(settings, 'expand', true),
    lenient: boolSetting(settings, 'lenient', updateable),
  })
}

function refuse(message: string): never {
  throw new IllegalArgumentException(message)
}

function keepFilter(settings: AnalysisSettings): TokenFilter {
  const words = listSetting(settings, 'keep_words')
  const path = stringSetting(settings, 'keep_words_path')
  if ((words === undefined) === (path === undefined)) {
    refuse('keep requires either `keep_words` or `keep_words_path` to be configured')
  }
  if (settings['enable_position_increments'] !== undefined) {
    refuse('enable_position_increments is not supported anymore. Please fix your analysis chain')
  }
  if (words === undefined) {
    refuse('[keep_words_path] is not supported: the playground has no config directory')
  }
  return keepWordFilter(words, boolSetting(settings, 'keep_words_case', false))
}

function keepTypesMode(settings: AnalysisSettings): boolean {
  const mode = stringSetting(settings, 'mode') ?? 'include'
  const lowered = mode.toLowerCase()
  if (lowered !== 'include' && lowered !== 'exclude') {
    refuse(`\`keep_types\` tokenfilter mode can only be [include] or [exclude] but was [${mode}].`)
  }
  return lowered === 'include'
}

function limitFilter(settings: AnalysisSettings): TokenFilter {
  const maxTokenCount = intSetting(settings, 'max_token_count', 1)
  // Parsed for its errors only: reading the rest of the stream shows nowhere in a token list.
  boolSetting(settings, 'consume_all_tokens', false)
  return limitTokenCountFilter(maxTokenCount)
}

/** FingerprintAnalyzerProvider.parseSeparator and max_output_size, shared by the filter and analyzer. */
export function fingerprintFilter(settings: AnalysisSettings): FingerprintFilter {
  const separator = stringSetting(settings, 'separator') ?? ' '
  if (separator.length !== 1) {
    refuse(`Setting [separator] must be a single, non-null character. [${separator}] was provided.`)
  }
  return new FingerprintFilter(separator, intSetting(settings, 'max_output_size', DEFAULT_MAX_OUTPUT_SIZE))
}

export function getTokenFilter(
  name: string,
  settings: AnalysisSettings = {},
  limits: AnalysisLimits = DEFAULT_ANALYSIS_LIMITS,
  synonymsSets: SynonymsSetRules = NO_SYNONYMS_SETS,
): TokenFilter | null {
  switch (name) {
    case 'lowercase':
      return lowercaseTokenFilter(settings)
    case 'uppercase':
      return upperCaseFilter()
    case 'stop':
      return new StopFilter({
        stopWords: stopWordsSetting(settings, ENGLISH_STOP_WORDS),
        ignoreCase: boolSetting(settings, 'ignore_case', false),
        removeTrailing: boolSetting(settings, 'remove_trailing', true),
      })
    case 'asciifolding':
      return new AsciiFoldingFilter(boolSetting(settings, 'preserve_original', false))
    case 'trim':
      return trimFilter()
    case 'reverse':
      return reverseFilter()
    case 'truncate': {
      const length = intSetting(settings, 'length', 10)
      if (length <= 0) throw new IllegalArgumentException('length parameter must be provided')
      return truncateFilter(length)
    }
    case 'unique':
      return new UniqueFilter(boolSetting(settings, 'only_on_same_position', false))
    case 'length': {
      const min = intSetting(settings, 'min', 0)
      const max = intSetting(settings, 'max', 2147483647)
      if (min > max)
        throw new IllegalArgumentException('maximum length must not be greater than minimum length')
      return new LengthFilter(min, max)
    }
    case 'ngram':
    case 'edge_ngram': {
      const { minGram, maxGram } = gramSizes(settings)
      if (name === 'ngram') checkNgramDiff(minGram, maxGram, limits)
      return new NGramTokenFilter(name, minGram, maxGram, boolSetting(settings, 'preserve_original', false))
    }
    case 'shingle':
      return shingleFilter(settings, limits)
    case 'synonym':
    case 'synonym_graph':
      return synonymFilter(name, settings, synonymsSets)
    case 'porter_stem':
      return porterStemTokenFilter()
    case 'kstem':
      return kstemTokenFilter()
    case 'snowball':
      return snowballTokenFilter(settings)
    case 'stemmer':
      return stemmerTokenFilter(settings)
    case 'keyword_marker':
      return keywordMarkerTokenFilter(settings)
    case 'stemmer_override':
      return stemmerOverrideTokenFilter(settings)
    case 'apostrophe':
      return apostropheFilter()
    case 'decimal_digit':
      return decimalDigitFilter()
    case 'classic':
      return classicFilter()
    case 'cjk_width':
      return cjkWidthFilter()
    case 'keep':
      return keepFilter(settings)
    case 'keep_types':
      return keepTypesFilter(
        listSetting(settings, 'types') ?? refuse('keep_types requires `types` to be configured'),
        keepTypesMode(settings),
      )
    case 'limit':
      return limitFilter(settings)
    case 'remove_duplicates':
      return removeDuplicatesFilter()
    case 'fingerprint':
      return fingerprintFilter(settings)
    case 'elision':
      return elisionTokenFilter(settings)
    case 'german_normalization':
      return new GermanNormalizationFilter()
    case 'multiplexer':
      return multiplexerFilter(settings)
    case 'condition':
      return conditionFilter(settings)
    case 'predicate_token_filter':
      return predicateTokenFilter(settings)
    case 'pattern_capture':
      return patternCaptureFilter(settings)
    case 'cjk_bigram':
      return cjkBigramFilter(settings)
    case 'common_grams':
      return commonGramsFilter(settings)
    case 'word_delimiter':
      return wordDelimiterFilter(settings)
    case 'word_delimiter_graph':
      return wordDelimiterGraphFilter(settings)
    case 'arabic_stem':
      return new StemFilter('arabic_stem', arabicStem)
    case 'min_hash':
      return minHashTokenFilter(settings)
    case 'flatten_graph':
      return new FlattenGraphFilter()
    case 'czech_stem':
      return new StemFilter('czech_stem', czechStem)
    default:
      return NORMALIZATION_FILTERS.get(name)?.() ?? null
  }
}
