// Lucene's SetKeywordMarkerFilter and PatternKeywordMarkerFilter, Elasticsearch's `keyword_marker` token
// filter: marks the tokens whose term is in the set (compared after Character.toLowerCase per code point
// when ignore_case), or whose whole term matches the pattern, as keywords, so that the stemmers after it
// leave them alone. A token already marked stays marked. Terms are never changed.
// keywords_pattern is a Java regular expression (translated by custom/java-pattern.ts) that must match the
// whole term, as Matcher.matches() requires. keywords_path (a file on the node) is not available.
import { lowerCaseTerm } from '../unicode/character.ts'
import {
  boolSetting,
  listSetting,
  stringSetting,
  type AnalysisSettings,
} from '../custom/analysis-settings.ts'
import { compileJavaPattern } from '../custom/java-pattern.ts'
import { IllegalArgumentException, type TokenFilter } from '../token-list.ts'
import { isKeyword, type KeywordTokenList } from './keyword-attribute.ts'

export class KeywordMarkerFilter implements TokenFilter {
  readonly name = 'keyword_marker'

  constructor(private readonly matches: (term: string) => boolean) {}

  filter(tokens: KeywordTokenList): KeywordTokenList {
    return { ...tokens, keywords: tokens.terms.map((term, i) => isKeyword(tokens, i) || this.matches(term)) }
  }
}

/** SetKeywordMarkerFilter over a CharArraySet of the words. */
export function setKeywordMarkerFilter(words: readonly string[], ignoreCase = false): KeywordMarkerFilter {
  const fold = (term: string): string => (ignoreCase ? lowerCaseTerm(term) : term)
  const set = new Set(words.map(fold))
  return new KeywordMarkerFilter((term) => set.has(fold(term)))
}

/** Pattern.compile(pattern).matcher(term).matches(): the translated pattern anchored to the whole term. */
function wholeTermPattern(pattern: string): RegExp {
  const compiled = compileJavaPattern(pattern)
  return new RegExp(`^(?:${compiled.source})$`, compiled.flags.replace('g', ''))
}

/** The `keyword_marker` token filter from its settings, as KeywordMarkerTokenFilterFactory builds it. */
export function keywordMarkerTokenFilter(settings: AnalysisSettings): KeywordMarkerFilter {
  const ignoreCase = boolSetting(settings, 'ignore_case', false)
  const pattern = stringSetting(settings, 'keywords_pattern')
  if (pattern !== undefined) {
    if (settings['keywords'] !== undefined || settings['keywords_path'] !== undefined) {
      throw new IllegalArgumentException(
        'cannot specify both `keywords_pattern` and `keywords` or `keywords_path`',
      )
    }
    const regex = wholeTermPattern(pattern)
    return new KeywordMarkerFilter((term) => regex.test(term))
  }
  const words = listSetting(settings, 'keywords')
  if (words === undefined) {
    throw new IllegalArgumentException(
      'keyword filter requires either `keywords`, `keywords_path`, or `keywords_pattern` to be configured',
    )
  }
  return setKeywordMarkerFilter(words, ignoreCase)
}
