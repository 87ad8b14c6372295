// The `token_chars` setting of the ngram and edge_ngram tokenizers (Elasticsearch's CharMatcher): the
// classes of characters kept in tokens; any other character splits. An empty list keeps every character.
// letter = Character.isLetter, digit = Unicode Nd, whitespace = Character.isWhitespace, punctuation =
// the Unicode P* categories, symbol = the S* categories, custom = the chars of `custom_token_chars`.
import { isLetter, isWhitespace } from '../unicode/character.ts'
import { IllegalArgumentException } from '../token-list.ts'

export type CodePointMatcher = (codePoint: number) => boolean

const DIGIT = /^\p{Nd}$/u
const PUNCTUATION = /^\p{P}$/u
const SYMBOL = /^\p{S}$/u
const test = (pattern: RegExp) => (codePoint: number) => pattern.test(String.fromCodePoint(codePoint))

/** The named classes; char_group's `tokenize_on_chars` splits on the same ones. */
export const TOKEN_CHAR_CLASSES: ReadonlyMap<string, CodePointMatcher> = new Map([
  ['letter', isLetter],
  ['digit', test(DIGIT)],
  ['whitespace', isWhitespace],
  ['punctuation', test(PUNCTUATION)],
  ['symbol', test(SYMBOL)],
])

export function tokenCharsMatcher(classes: readonly string[], customTokenChars: string): CodePointMatcher {
  if (classes.length === 0) return () => true
  const matchers: CodePointMatcher[] = []
  for (const name of classes) {
    const key = name.toLowerCase()
    if (key === 'custom') {
      if (customTokenChars === '') {
        throw new IllegalArgumentException('Token type: [custom] requires setting `custom_token_chars`')
      }
      const chars = new Set([...customTokenChars].map((ch) => ch.codePointAt(0) ?? 0))
      matchers.push((codePoint) => chars.has(codePoint))
      continue
    }
    const matcher = TOKEN_CHAR_CLASSES.get(key)
    if (!matcher) {
      throw new IllegalArgumentException(
        `Unknown token type: '${key}', must be one of [letter, digit, whitespace, punctuation, symbol, custom]`,
      )
    }
    matchers.push(matcher)
  }
  return (codePoint) => matchers.some((matcher) => matcher(codePoint))
}
