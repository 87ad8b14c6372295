// Token filters that rewrite each term alone and leave offsets, types and positions as they are:
// trim (Lucene TrimFilter: leading and trailing Character.isWhitespace removed; offsets kept),
// uppercase (Character.toUpperCase per code point: a code point whose upper case is several chars, such
// as 'ß', stays), reverse (ReverseStringFilter: code points reversed, surrogate pairs kept whole),
// truncate (TruncateTokenFilter: the first `length` UTF-16 chars).
import { isWhitespace } from '../unicode/character.ts'
import type { TokenFilter, TokenList } from '../token-list.ts'

export class TermRewriteFilter implements TokenFilter {
  constructor(
    readonly name: string,
    private readonly rewrite: (term: string) => string,
  ) {}

  filter(tokens: TokenList): TokenList {
    return { ...tokens, terms: tokens.terms.map(this.rewrite) }
  }
}

function trim(term: string): string {
  const points = [...term]
  const blank = (ch: string | undefined): boolean => ch !== undefined && isWhitespace(ch.codePointAt(0) ?? 0)
  let start = 0
  let end = points.length
  while (start < end && blank(points[start])) start++
  while (end > start && blank(points[end - 1])) end--
  return points.slice(start, end).join('')
}

function upperCase(term: string): string {
  let out = ''
  for (const ch of term) {
    const upper = ch.toUpperCase()
    out += [...upper].length === 1 ? upper : ch
  }
  return out
}

export const trimFilter = (): TokenFilter => new TermRewriteFilter('trim', trim)
export const upperCaseFilter = (): TokenFilter => new TermRewriteFilter('uppercase', upperCase)
export const reverseFilter = (): TokenFilter =>
  new TermRewriteFilter('reverse', (term) => [...term].reverse().join(''))
export const truncateFilter = (length: number): TokenFilter =>
  new TermRewriteFilter('truncate', (term) => (term.length > length ? term.slice(0, length) : term))
