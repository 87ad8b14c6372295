// Lucene's CharTokenizer family: a token is a maximal run of code points that pass a test, normalized
// code point by code point; a run reaching max_token_length UTF-16 units is emitted and the next token
// starts right after it. Offsets are those of the original text; the type is always "word".
// whitespace: not Character.isWhitespace; letter: Character.isLetter; lowercase: letter, then
// Character.toLowerCase (the LowerCaseTokenizer Elasticsearch keeps in its analysis-common module).
import { isLetter, isWhitespace, toLowerCase } from '../unicode/character.ts'
import { checkMaxTokenLength, DEFAULT_MAX_TOKEN_LENGTH } from './standard-tokenizer.ts'
import {
  DEFAULT_TOKEN_TYPE,
  emptyTokenList,
  pushToken,
  type TokenList,
  type Tokenizer,
} from '../token-list.ts'

export class CharTokenizer implements Tokenizer {
  readonly maxTokenLength: number

  constructor(
    readonly name: string,
    private readonly isTokenChar: (codePoint: number) => boolean,
    private readonly normalize: ((codePoint: number) => number) | null,
    maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH,
  ) {
    this.maxTokenLength = checkMaxTokenLength(maxTokenLength)
  }

  tokenize(text: string): TokenList {
    const tokens = emptyTokenList()
    const length = text.length
    let start = -1
    let term = ''
    let termLength = 0
    const emit = (end: number): void => {
      pushToken(tokens, this.normalize ? term : text.slice(start, end), start, end, DEFAULT_TOKEN_TYPE)
      start = -1
      term = ''
      termLength = 0
    }
    for (let i = 0; i < length;) {
      const codePoint = text.codePointAt(i) ?? 0
      const width = codePoint > 0xffff ? 2 : 1
      if (this.isTokenChar(codePoint)) {
        if (start < 0) start = i
        if (this.normalize) {
          const normalized = this.normalize(codePoint)
          term += String.fromCodePoint(normalized)
          termLength += normalized > 0xffff ? 2 : 1
        } else {
          termLength += width
        }
        i += width
        // Lucene checks after appending, so a surrogate pair may take a token to max_token_length + 1.
        if (termLength >= this.maxTokenLength) emit(i)
      } else {
        if (start >= 0) emit(i)
        i += width
      }
    }
    if (start >= 0) emit(length)
    return tokens
  }
}

export const notWhitespace = (codePoint: number): boolean => !isWhitespace(codePoint)

export function whitespaceTokenizer(maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH): CharTokenizer {
  return new CharTokenizer('whitespace', notWhitespace, null, maxTokenLength)
}

export function letterTokenizer(): CharTokenizer {
  return new CharTokenizer('letter', isLetter, null)
}

export function lowercaseTokenizer(): CharTokenizer {
  return new CharTokenizer('lowercase', isLetter, toLowerCase)
}
