// The built-in analyzers and char filters by their Elasticsearch names, with the settings each accepts, so that
// `_analyze` ({analyzer} or {tokenizer, filter: [...]}) and index settings can build chains; the tokenizers are
// tokenizer-registry.ts's and the token filters token-filter-registry.ts's. Unknown names give null (the caller
// answers with Elasticsearch's error); bad settings throw IllegalArgumentException with the text of the ES factory
// or Lucene constructor.
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
import { LowerCaseFilter } from './filters/lowercase-filter.ts'
import { StopFilter } from './filters/stop-filter.ts'
import { ENGLISH_STOP_WORDS, stopWordsSetting } from './filters/stop-words.ts'
import {
  arabicAnalyzer,
  bengaliAnalyzer,
  cjkAnalyzer,
  hindiAnalyzer,
  persianAnalyzer,
  soraniAnalyzer,
} from './stemmers/asian-analyzers.ts'
import { englishAnalyzer, snowballAnalyzer } from './stemmers/english-analyzers.ts'
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
import { letterTokenizer, whitespaceTokenizer } from './tokenizers/char-tokenizer.ts'
import { KeywordTokenizer } from './tokenizers/keyword-tokenizer.ts'
import { PatternTokenizer } from './tokenizers/pattern-tokenizer.ts'
import { DEFAULT_MAX_TOKEN_LENGTH, StandardTokenizer } from './tokenizers/standard-tokenizer.ts'
import { IllegalArgumentException, type TokenFilter } from './token-list.ts'

import { fingerprintFilter } from './token-filter-registry.ts'

export type { AnalysisSettings } from './custom/analysis-settings.ts'

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
