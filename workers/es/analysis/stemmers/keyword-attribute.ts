// Lucene's KeywordAttribute for the column-wise token stream: an optional `keywords` column, one boolean
// per token, true where a keyword marker filter protected the token from stemming.
// The column is optional so that every existing TokenList is a KeywordTokenList with no keywords. Filters
// that map terms one to one (lowercase, the stemmers, the possessive filter) keep it by spreading the list;
// StopFilter keeps it for the tokens it keeps; other filters that build a fresh list drop it.
// Invariant: when present, keywords has the same length as terms.
import type { TokenList } from '../token-list.ts'

export interface KeywordTokenList extends TokenList {
  readonly keywords?: readonly boolean[]
}

export function isKeyword(tokens: KeywordTokenList, index: number): boolean {
  return tokens.keywords?.[index] ?? false
}

/** The stream with each non-keyword term mapped through `stem`; every other column is kept. */
export function stemTerms(tokens: KeywordTokenList, stem: (term: string) => string): KeywordTokenList {
  return { ...tokens, terms: tokens.terms.map((term, i) => (isKeyword(tokens, i) ? term : stem(term))) }
}
