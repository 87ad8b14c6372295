// Lucene's StopFilter as Elasticsearch's `stop` token filter configures it: drops the tokens whose term is
// in the set (compared after Character.toLowerCase per code point when ignore_case), keeping the survivors'
// positions so that position increments across removed tokens are preserved. A keywords column (Lucene's
// KeywordAttribute, set by a keyword marker before the stop filter) is kept for the survivors.
// remove_trailing: false is Lucene's SuggestStopFilter: a stop word that is the last token and is not
// followed by any character (its end offset is the text's length) is kept.
import { lowerCaseTerm } from '../unicode/character.ts'
import type { KeywordTokenList } from '../stemmers/keyword-attribute.ts'
import { emptyTokenList, type TokenFilter } from '../token-list.ts'
import { ENGLISH_STOP_WORDS } from './stop-words.ts'

export interface StopFilterOptions {
  stopWords?: readonly string[]
  ignoreCase?: boolean
  removeTrailing?: boolean
}

export class StopFilter implements TokenFilter {
  readonly name = 'stop'
  private readonly stopWords: ReadonlySet<string>
  private readonly ignoreCase: boolean
  private readonly removeTrailing: boolean

  constructor(options: StopFilterOptions = {}) {
    this.ignoreCase = options.ignoreCase ?? false
    this.removeTrailing = options.removeTrailing ?? true
    const words = options.stopWords ?? ENGLISH_STOP_WORDS
    this.stopWords = new Set(this.ignoreCase ? words.map(lowerCaseTerm) : words)
  }

  isStopWord(term: string): boolean {
    return this.stopWords.has(this.ignoreCase ? lowerCaseTerm(term) : term)
  }

  filter(tokens: KeywordTokenList, text: string): KeywordTokenList {
    const kept = emptyTokenList()
    const keywords: boolean[] = []
    const last = tokens.terms.length - 1
    tokens.terms.forEach((term, i) => {
      const keptAsTrailing = !this.removeTrailing && i === last && tokens.endOffsets[i] === text.length
      if (this.isStopWord(term) && !keptAsTrailing) return
      kept.terms.push(term)
      kept.startOffsets.push(tokens.startOffsets[i] ?? 0)
      kept.endOffsets.push(tokens.endOffsets[i] ?? 0)
      kept.types.push(tokens.types[i] ?? '')
      kept.positions.push(tokens.positions[i] ?? 0)
      keywords.push(tokens.keywords?.[i] ?? false)
    })
    return tokens.keywords === undefined ? kept : { ...kept, keywords }
  }
}
