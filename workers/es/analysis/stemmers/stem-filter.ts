// A stemming token filter: Lucene's PorterStemFilter, SnowballFilter and EnglishMinimalStemFilter share
// this shape. Each term not marked as a keyword is replaced by its stem; offsets, types, positions and the
// keywords column pass through unchanged.
import type { TokenFilter } from '../token-list.ts'
import { stemTerms, type KeywordTokenList } from './keyword-attribute.ts'

export class StemFilter implements TokenFilter {
  constructor(
    readonly name: string,
    private readonly stem: (term: string) => string,
  ) {}

  filter(tokens: KeywordTokenList): KeywordTokenList {
    return stemTerms(tokens, this.stem)
  }
}
