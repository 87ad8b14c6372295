// Lucene's StemmerOverrideFilter (case-sensitive, as DutchAnalyzer builds it): a term not yet marked as a
// keyword that the dictionary holds is replaced by its listed stem and marked as a keyword, so that the
// stemmers after it leave it alone. Other terms and every other column pass through unchanged.
// Invariant: the result's keywords column has one entry per term.
import type { TokenFilter } from '../token-list.ts'
import { isKeyword, type KeywordTokenList } from './keyword-attribute.ts'

export class StemmerOverrideFilter implements TokenFilter {
  readonly name = 'stemmer_override'

  constructor(private readonly dictionary: ReadonlyMap<string, string>) {}

  filter(tokens: KeywordTokenList): KeywordTokenList {
    const overridden = tokens.terms.map((term, i) =>
      isKeyword(tokens, i) ? undefined : this.dictionary.get(term),
    )
    return {
      ...tokens,
      terms: tokens.terms.map((term, i) => overridden[i] ?? term),
      keywords: tokens.terms.map((_, i) => isKeyword(tokens, i) || overridden[i] !== undefined),
    }
  }
}
