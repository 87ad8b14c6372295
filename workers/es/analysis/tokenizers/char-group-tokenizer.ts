// The `char_group` tokenizer (Elasticsearch's CharGroupTokenizerFactory): a Lucene CharTokenizer whose
// token characters are all but those `tokenize_on_chars` lists. Each entry is one UTF-16 char, an escape
// (\\ \n \t \r \b \f, or \uXXXX parsed as a Java hex int, at most 4 digits), or a class name of
// token-chars.ts (whitespace, letter, digit, punctuation, symbol). max_token_length (default 255) cuts
// long runs as every CharTokenizer does. The factory's errors are RuntimeExceptions in ES; they are raised
// here as IllegalArgumentException with the same messages.
import { IllegalArgumentException } from '../token-list.ts'
import { CharTokenizer } from './char-tokenizer.ts'
import { DEFAULT_MAX_TOKEN_LENGTH } from './standard-tokenizer.ts'
import { TOKEN_CHAR_CLASSES, type CodePointMatcher } from './token-chars.ts'

const MAX_TOKEN_LENGTH_LIMIT = 1024 * 1024
const ESCAPES: ReadonlyMap<string, number> = new Map([
  ['\\', 0x5c],
  ['n', 0x0a],
  ['t', 0x09],
  ['r', 0x0d],
  ['b', 0x08],
  ['f', 0x0c],
])

/** Java's Integer.parseInt(hex, 16), cast to char as the factory does. */
function parseHexChar(hex: string): number {
  if (!/^[+-]?[0-9a-fA-F]+$/.test(hex)) {
    throw new IllegalArgumentException(`For input string: "${hex}" under radix 16`)
  }
  return Number.parseInt(hex, 16) & 0xffff
}

function parseEscapedChar(entry: string): number {
  if (entry.length <= 1) throw new IllegalArgumentException(`Invalid escaped char in [${entry}]`)
  const kind = entry.charAt(1)
  if (kind === 'u') {
    if (entry.length > 6) throw new IllegalArgumentException(`Invalid escaped char in [${entry}]`)
    return parseHexChar(entry.slice(2))
  }
  const escaped = ESCAPES.get(kind)
  if (escaped === undefined) {
    throw new IllegalArgumentException(`Invalid escaped char ${kind} in [${entry}]`)
  }
  return escaped
}

export function charGroupTokenizer(
  tokenizeOnChars: readonly string[],
  maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH,
): CharTokenizer {
  const chars = new Set<number>()
  const classes: CodePointMatcher[] = []
  for (const entry of tokenizeOnChars) {
    if (entry.length === 0) {
      throw new IllegalArgumentException('[tokenize_on_chars] cannot contain empty characters')
    }
    if (entry.length === 1) {
      chars.add(entry.charCodeAt(0))
    } else if (entry.charAt(0) === '\\') {
      chars.add(parseEscapedChar(entry))
    } else {
      const matcher = TOKEN_CHAR_CLASSES.get(entry)
      if (!matcher) throw new IllegalArgumentException(`Invalid escaped char in [${entry}]`)
      classes.push(matcher)
    }
  }
  if (maxTokenLength <= 0 || maxTokenLength > MAX_TOKEN_LENGTH_LIMIT) {
    throw new IllegalArgumentException(
      `maxTokenLen must be greater than 0 and less than ${MAX_TOKEN_LENGTH_LIMIT} passed: ${maxTokenLength}`,
    )
  }
  const isTokenChar = (codePoint: number): boolean =>
    !chars.has(codePoint) && !classes.some((matcher) => matcher(codePoint))
  return new CharTokenizer('char_group', isTokenChar, null, maxTokenLength)
}
