// Lucene's EnglishPossessiveFilter: a term that ends in an apostrophe (U+0027 ', U+2019 ’ or U+FF07 ＇)
// followed by 's' or 'S' loses those two characters ("dog's" -> "dog", "JAMES'S" -> "JAMES"). It does not
// look at the keyword marker, and offsets stay those of the whole token.
import type { TokenFilter } from '../token-list.ts'
import type { KeywordTokenList } from './keyword-attribute.ts'

const APOSTROPHES = new Set(["'", '\u2019', '\uff07'])

export function removePossessive(term: string): string {
  const length = term.length
  if (length < 2) return term
  const last = term.charAt(length - 1)
  if ((last === 's' || last === 'S') && APOSTROPHES.has(term.charAt(length - 2))) return term.slice(0, -2)
  return term
}

export class EnglishPossessiveFilter implements TokenFilter {
  readonly name = 'possessive_english'

  filter(tokens: KeywordTokenList): KeywordTokenList {
    return { ...tokens, terms: tokens.terms.map(removePossessive) }
  }
}
