// The built-in analyzers, tokenizers, token filters and char filters by their Elasticsearch names, with
// the settings each accepts, so that `_analyze` ({analyzer} or {tokenizer, filter: [...]}) and index
// settings can build chains. Unknown names give null (the caller answers with Elasticsearch's error);
// bad settings throw IllegalArgumentException with the text of the ES factory or Lucene constructor.
// Analyzers (Elasticsearch 8.17 reference, "Built-in analyzer reference"):
//   standard   = standard tokenizer(max_token_length) + lowercase + stop(stopwords, default _none_)
//   simple     = lowercase letter tokenizer (Lucene SimpleAnalyzer: LetterTokenizer + LowerCaseFilter)
//   whitespace = whitespace tokenizer
//   stop       = simple + stop(stopwords, default _english_)
//   keyword    = keyword tokenizer
//   english, snowball: stemmers/english-analyzers.ts
//   french, german, spanish, italian, portuguese: stemmers/language-analyzers.ts
//   dutch: stemmers/language-analyzers.ts
//   russian: stemmers/language-analyzers.ts
//   danish, swedish, norwegian, finnish: stemmers/language-analyzers.ts
//   arabic, persian, sorani, hindi, bengali, cjk: stemmers/asian-analyzers.ts
//   czech, latvian, bulgarian, indonesian: stemmers/language-analyzers.ts
//   romanian, catalan, hungarian, turkish, greek, brazilian, irish, armenian, basque, lithuanian: stemmers/language-analyzers.ts
//   galician, serbian: stemmers/language-analyzers.ts
//   pattern    = pattern tokenizer(pattern, default \W+; flags) + lowercase (if lowercase, default true) +
//                stop(stopwords, default _none_) (ES's PatternAnalyzer)
//   fingerprint = standard tokenizer + lowercase + asciifolding + stop(stopwords, default _none_) +
//                fingerprint(separator, max_output_size) (Lucene FingerprintAnalyzer)
// index.max_ngram_diff (default 1) and index.max_shingle_diff (default 3) bound the ngram tokenizer and
// filter and the shingle filter, as NGramTokenizerFactory and ShingleTokenFilterFactory check them.
import { Analyzer } from './analyzer.ts'
import { HtmlStripCharFilter } from './char-filters/html-strip-char-filter.ts'
import { MappingCharFilter, parseMappingRules } from './char-filters/mapping-char-filter.ts'
import { PatternReplaceCharFilter } from './char-filters/pattern-replace-char-filter.ts'
import {
  boolSetting,
  intSetting,
  listSetting,
  stringSetting,
  type AnalysisSettings,
} from './custom/analysis-settings.ts'
import type { CharFilter } from './custom/char-filter.ts'
import { compileJavaPattern } from './custom/java-pattern.ts'
import { AsciiFoldingFilter } from './filters/ascii-folding-filter.ts'
import { cjkBigramFilter } from './filters/cjk-bigram-filter.ts'
import { cjkWidthFilter } from './filters/cjk-width-filter.ts'
import { commonGramsFilter } from './filters/common-grams-filter.ts'
import { DEFAULT_MAX_OUTPUT_SIZE, FingerprintFilter } from './filters/fingerprint-filter.ts'
import { elisionTokenFilter } from './filters/elision-filter.ts'
import { GermanNormalizationFilter } from './filters/german-normalization-filter.ts'
import { LengthFilter } from './filters/length-filter.ts'
import { LowerCaseFilter } from './filters/lowercase-filter.ts'
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
import {
  arabicAnalyzer,
  bengaliAnalyzer,
  cjkAnalyzer,
  hindiAnalyzer,
  persianAnalyzer,
  soraniAnalyzer,
} from './stemmers/asian-analyzers.ts'
import { englishAnalyzer, snowballAnalyzer } from './stemmers/english-analyzers.ts'
import { keywordMarkerTokenFilter } from './stemmers/keyword-marker-filter.ts'
import {
  bulgarianAnalyzer,
  czechAnalyzer,
  danishAnalyzer,
  dutchAnalyzer,
  finnishAnalyzer,
  frenchAnalyzer,
  germanAnalyzer,
  indonesianAnalyzer,
  italianAnalyzer,
  latvianAnalyzer,
  norwegianAnalyzer,
  portugueseAnalyzer,
  russianAnalyzer,
  spanishAnalyzer,
  swedishAnalyzer,
} from './stemmers/language-analyzers.ts'
import {
  catalanAnalyzer,
  hungarianAnalyzer,
  romanianAnalyzer,
  turkishAnalyzer,
} from './stemmers/language-analyzers.ts'
import { greekAnalyzer } from './stemmers/language-analyzers.ts'
import { brazilianAnalyzer } from './stemmers/language-analyzers.ts'
import { irishAnalyzer } from './stemmers/language-analyzers.ts'
import { armenianAnalyzer, basqueAnalyzer, lithuanianAnalyzer } from './stemmers/language-analyzers.ts'
import { galicianAnalyzer, serbianAnalyzer } from './stemmers/language-analyzers.ts'
import {
  kstemTokenFilter,
  porterStemTokenFilter,
  snowballTokenFilter,
  stemmerTokenFilter,
} from './stemmers/stemmer-token-filters.ts'
import { StemFilter } from './stemmers/stem-filter.ts'
import { stemmerOverrideTokenFilter } from './stemmers/stemmer-override-filter.ts'
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
import { IllegalArgumentException, type TokenFilter, type Tokenizer } from './token-list.ts'

export type { AnalysisSettings } from './custom/analysis-settings.ts'

/** The index-level settings that bound some components. */
export interface AnalysisLimits {
  maxNgramDiff: number
  maxShingleDiff: number
}

export const DEFAULT_ANALYSIS_LIMITS: AnalysisLimits = { maxNgramDiff: 1, maxShingleDiff: 3 }

function gramSizes(settings: AnalysisSettings): { minGram: number; maxGram: number } {
  const minGram = intSetting(settings, 'min_gram', 1)
  const maxGram = intSetting(settings, 'max_gram', 2)
  if (minGram < 1) throw new IllegalArgumentException('minGram must be greater than zero')
  if (minGram > maxGram) throw new IllegalArgumentException('minGram must not be greater than maxGram')
  return { minGram, maxGram }
}

function checkNgramDiff(minGram: number, maxGram: number, limits: AnalysisLimits): void {
  const diff = maxGram - minGram
  if (diff > limits.maxNgramDiff) {
    throw new IllegalArgumentException(
      `The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ` +
        `[${limits.maxNgramDiff}] but was [${diff}]. This limit can be set by changing the ` +
        `[index.max_ngram_diff] index level setting.`,
    )
  }
}

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
function fingerprintFilter(settings: AnalysisSettings): FingerprintFilter {
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

export function getCharFilter(name: string, settings: AnalysisSettings = {}): CharFilter | null {
  switch (name) {
    case 'html_strip':
      return new HtmlStripCharFilter(name, listSetting(settings, 'escaped_tags') ?? [])
    case 'mapping': {
      if (settings['mappings_path'] !== undefined) {
        throw new IllegalArgumentException(
          '[mappings_path] is not supported: the playground has no config directory',
        )
      }
      const rules = listSetting(settings, 'mappings')
      if (!rules) {
        throw new IllegalArgumentException(
          'mapping requires either `mappings` or `mappings_path` to be configured',
        )
      }
      return new MappingCharFilter(name, parseMappingRules(rules))
    }
    case 'pattern_replace': {
      const pattern = stringSetting(settings, 'pattern')
      if (pattern === undefined) {
        throw new IllegalArgumentException(
          `pattern is missing for [${name}] char filter of type 'pattern_replace'`,
        )
      }
      return new PatternReplaceCharFilter(
        name,
        compileJavaPattern(pattern, stringSetting(settings, 'flags')),
        stringSetting(settings, 'replacement') ?? '',
      )
    }
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
    case 'english':
      return englishAnalyzer(settings)
    case 'pattern': {
      const filters: TokenFilter[] = boolSetting(settings, 'lowercase', true) ? [new LowerCaseFilter()] : []
      filters.push(new StopFilter({ stopWords: stopWordsSetting(settings, []) }))
      const pattern = stringSetting(settings, 'pattern') ?? '\\W+'
      return new Analyzer(
        name,
        new PatternTokenizer(compileJavaPattern(pattern, stringSetting(settings, 'flags')), -1),
        filters,
      )
    }
    case 'fingerprint':
      return new Analyzer(name, new StandardTokenizer(DEFAULT_MAX_TOKEN_LENGTH), [
        new LowerCaseFilter(),
        new AsciiFoldingFilter(false),
        new StopFilter({ stopWords: stopWordsSetting(settings, []) }),
        fingerprintFilter(settings),
      ])
    case 'snowball':
      return snowballAnalyzer(settings)
    case 'french':
      return frenchAnalyzer(settings)
    case 'german':
      return germanAnalyzer(settings)
    case 'spanish':
      return spanishAnalyzer(settings)
    case 'italian':
      return italianAnalyzer(settings)
    case 'portuguese':
      return portugueseAnalyzer(settings)
    case 'dutch':
      return dutchAnalyzer(settings)
    case 'russian':
      return russianAnalyzer(settings)
    case 'danish':
      return danishAnalyzer(settings)
    case 'swedish':
      return swedishAnalyzer(settings)
    case 'norwegian':
      return norwegianAnalyzer(settings)
    case 'finnish':
      return finnishAnalyzer(settings)
    case 'arabic':
      return arabicAnalyzer(settings)
    case 'persian':
      return persianAnalyzer(settings)
    case 'sorani':
      return soraniAnalyzer(settings)
    case 'hindi':
      return hindiAnalyzer(settings)
    case 'bengali':
      return bengaliAnalyzer(settings)
    case 'cjk':
      return cjkAnalyzer(settings)
    case 'czech':
      return czechAnalyzer(settings)
    case 'latvian':
      return latvianAnalyzer(settings)
    case 'bulgarian':
      return bulgarianAnalyzer(settings)
    case 'indonesian':
      return indonesianAnalyzer(settings)
    case 'romanian':
      return romanianAnalyzer(settings)
    case 'catalan':
      return catalanAnalyzer(settings)
    case 'hungarian':
      return hungarianAnalyzer(settings)
    case 'turkish':
      return turkishAnalyzer(settings)
    case 'greek':
      return greekAnalyzer(settings)
    case 'brazilian':
      return brazilianAnalyzer(settings)
    case 'irish':
      return irishAnalyzer(settings)
    case 'armenian':
      return armenianAnalyzer(settings)
    case 'basque':
      return basqueAnalyzer(settings)
    case 'lithuanian':
      return lithuanianAnalyzer(settings)
    case 'galician':
      return galicianAnalyzer(settings)
    case 'serbian':
      return serbianAnalyzer(settings)
    default:
      return null
  }
}
