// Lucene's LowerCaseFilter: Character.toLowerCase on each code point of each term (no locale, no
// context: 'İ' -> 'i', final 'Σ' -> 'σ'); offsets, types and positions pass through unchanged.
import { lowerCaseTerm } from '../unicode/character.ts'
import type { TokenFilter, TokenList } from '../token-list.ts'

export class LowerCaseFilter implements TokenFilter {
  readonly name = 'lowercase'

  filter(tokens: TokenList): TokenList {
    return { ...tokens, terms: tokens.terms.map(lowerCaseTerm) }
  }
}
