// Lucene's CommonGramsFilter and CommonGramsQueryFilter, Elasticsearch's `common_grams` token filter: every token
// is kept, and where a token or the token before it is a common word, a bigram "<previous>_<token>" of type
// "gram" is output before the token, at the previous token's position (increment 0, positionLength 2), spanning
// both tokens' offsets. The first token forms no bigram with what is before it. Common words are compared as
// they are, or after Character.toLowerCase per code point with ignore_case.
// query_mode (CommonGramsQueryFilter) keeps the bigrams and only the unigrams that start none: a unigram followed
// by a bigram is dropped, a bigram goes out with increment 1 and positionLength 1, and the last token is dropped
// when the token output before it was a bigram (Lucene tests the type of the token it last returned).
// Settings (CommonGramsTokenFilterFactory): common_words (required; a list in which _english_ and the other
// named sets expand, or "_none_"), ignore_case, query_mode (false); common_words_path is refused. Named without
// a definition (settings without a `type`), it is CommonAnalysisPlugin's pre-configured filter: no common words.
import { listSetting, boolSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import { positionIncrementOf, positionLengthOf, type GraphTokenList } from '../custom/token-graph.ts'
import { isKeyword, type KeywordTokenList } from '../stemmers/keyword-attribute.ts'
import { lowerCaseTerm } from '../unicode/character.ts'
import { IllegalArgumentException, type TokenFilter } from '../token-list.ts'
import { IncrementOutput } from './word-delimiter-filter.ts'
import { resolveStopWords } from './stop-words.ts'

interface Token {
  term: string
  start: number
  end: number
  type: string
  increment: number
  length: number
  keyword: boolean
}

const GRAM_TYPE = 'gram'

export class CommonGramsFilter implements TokenFilter {
  readonly name = 'common_grams'
  private readonly words: ReadonlySet<string>

  constructor(
    words: readonly string[],
    private readonly ignoreCase: boolean,
    private readonly queryMode: boolean,
  ) {
    this.words = new Set(ignoreCase ? words.map(lowerCaseTerm) : words)
  }

  private isCommon(term: string): boolean {
    return this.words.has(this.ignoreCase ? lowerCaseTerm(term) : term)
  }

  /** CommonGramsFilter's stream. */
  private grams(tokens: GraphTokenList & KeywordTokenList): Token[] {
    const out: Token[] = []
    let previous: Token | null = null
    tokens.terms.forEach((term, i) => {
      const token: Token = {
        term,
        start: tokens.startOffsets[i] ?? 0,
        end: tokens.endOffsets[i] ?? 0,
        type: tokens.types[i] ?? '',
        increment: positionIncrementOf(tokens, i),
        length: positionLengthOf(tokens, i),
        keyword: isKeyword(tokens, i),
      }
      if (previous && (this.isCommon(previous.term) || this.isCommon(term))) {
        const gram = `${previous.term}_${term}`
        out.push({
          term: gram,
          start: previous.start,
          end: token.end,
          type: GRAM_TYPE,
          increment: 0,
          length: 2,
          keyword: false,
        })
      }
      out.push(token)
      previous = token
    })
    return out
  }

  /** CommonGramsQueryFilter over the grams. */
  private query(stream: Token[]): Token[] {
    const out: Token[] = []
    const asQueryToken = (token: Token): Token =>
      token.type === GRAM_TYPE ? { ...token, increment: 1, length: 1 } : token
    let previous: Token | null = null
    let lastOutputType: string | null = null
    for (const current of stream) {
      if (previous && current.type !== GRAM_TYPE) {
        out.push(asQueryToken(previous))
        lastOutputType = previous.type
      }
      previous = current
    }
    if (previous && lastOutputType !== GRAM_TYPE) out.push(asQueryToken(previous))
    return out
  }

  filter(tokens: GraphTokenList & KeywordTokenList): GraphTokenList & KeywordTokenList {
    const stream = this.grams(tokens)
    const out = new IncrementOutput()
    for (const token of this.queryMode ? this.query(stream) : stream) {
      out.emit(token.term, token.start, token.end, token.type, token.increment, token.length, token.keyword)
    }
    return out.list
  }
}

export function commonGramsFilter(settings: AnalysisSettings): TokenFilter {
  if (settings['type'] === undefined) return new CommonGramsFilter([], false, false)
  const ignoreCase = boolSetting(settings, 'ignore_case', false)
  const queryMode = boolSetting(settings, 'query_mode', false)
  if (settings['common_words_path'] !== undefined) {
    throw new IllegalArgumentException(
      '[common_words_path] is not supported: the playground has no config directory',
    )
  }
  const words = listSetting(settings, 'common_words')
  if (words === undefined) {
    throw new IllegalArgumentException(
      'missing or empty [common_words] or [common_words_path] configuration for common_grams token filter',
    )
  }
  return new CommonGramsFilter(
    resolveStopWords(words.length === 1 && words[0] === '_none_' ? '_none_' : words),
    ignoreCase,
    queryMode,
  )
}
