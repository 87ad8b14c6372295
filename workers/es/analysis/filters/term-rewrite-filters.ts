// Token filters that rewrite each term alone and leave offsets, types and positions as they are:
// trim (Lucene TrimFilter: leading and trailing Character.isWhitespace removed; offsets kept),
// uppercase (Character.toUpperCase per code point: a code point whose upper case is several chars, such
// as 'ß', stays), reverse (ReverseStringFilter: code points reversed, surrogate pairs kept whole),
// truncate (TruncateTokenFilter: the first `length` UTF-16 chars), apostrophe (ApostropheFilter: cut at
// the first ' or U+2019), decimal_digit (DecimalDigitFilter: each non-ASCII Unicode Nd digit becomes its
// ASCII digit), classic (ClassicFilter: a trailing 's or 'S cut from <APOSTROPHE> tokens, the dots
// removed from <ACRONYM> tokens; other types untouched).
import { isWhitespace } from '../unicode/character.ts'
import type { TokenFilter, TokenList } from '../token-list.ts'

export class TermRewriteFilter implements TokenFilter {
  constructor(
    readonly name: string,
    private readonly rewrite: (term: string, type: string) => string,
  ) {}

  filter(tokens: TokenList): TokenList {
    return { ...tokens, terms: tokens.terms.map((term, i) => this.rewrite(term, tokens.types[i] ?? '')) }
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

function cutAtApostrophe(term: string): string {
  const cut = term.search(/['\u2019]/)
  return cut < 0 ? term : term.slice(0, cut)
}

const DECIMAL_DIGIT = /\p{Nd}/u
const isDecimalDigit = (codePoint: number): boolean => DECIMAL_DIGIT.test(String.fromCodePoint(codePoint))

/** Character.getNumericValue of an Nd code point: Unicode puts every Nd digit in runs of ten from 0 to 9. */
function digitValue(codePoint: number): number {
  let offset = 0
  while (isDecimalDigit(codePoint - offset - 1)) offset++
  return offset % 10
}

function foldDigits(term: string): string {
  let out = ''
  for (const ch of term) {
    const codePoint = ch.codePointAt(0) ?? 0
    out += codePoint > 0x7f && isDecimalDigit(codePoint) ? String(digitValue(codePoint)) : ch
  }
  return out
}

function classic(term: string, type: string): string {
  if (type === '<APOSTROPHE>') return /'[sS]$/.test(term) ? term.slice(0, -2) : term
  if (type === '<ACRONYM>') return term.replaceAll('.', '')
  return term
}

export const apostropheFilter = (): TokenFilter => new TermRewriteFilter('apostrophe', cutAtApostrophe)
export const decimalDigitFilter = (): TokenFilter => new TermRewriteFilter('decimal_digit', foldDigits)
export const classicFilter = (): TokenFilter => new TermRewriteFilter('classic', classic)
