// Lucene's StandardTokenizer: the UAX#29 grammar (standard-tokenizer-grammar.ts) run with JFlex's
// semantics: at each position the longest match of any rule wins, the first-listed rule on a tie, and a
// match of the catch-all rule (one code point that starts no token) is skipped.
// max_token_length (default 255, 1..1048576) is the JFlex buffer size: a match may not extend more than
// that many UTF-16 code units past its start, so a longer run is cut into pieces of at most that length
// ("toolong" with 5 -> "toolo", "ng"), and no token is ever dropped.
import { BMP_CLASSES, CLASS_COUNT, wordBreakClassOf } from '../unicode/word-break-class-table.ts'
import { DEAD, LazyDfa, UNKNOWN } from '../standard/lazy-dfa.ts'
import { compileRules } from '../standard/regex-nfa.ts'
import { RULE_TYPES, SKIP_RULE, STANDARD_RULES } from '../standard/standard-tokenizer-grammar.ts'
import {
  emptyTokenList,
  IllegalArgumentException,
  pushToken,
  type TokenList,
  type Tokenizer,
} from '../token-list.ts'

export const DEFAULT_MAX_TOKEN_LENGTH = 255
export const MAX_TOKEN_LENGTH_LIMIT = 1024 * 1024

const dfa = new LazyDfa(compileRules(STANDARD_RULES), CLASS_COUNT)

/**
 * Calls `onToken` for each token of `text` in order: [start, end) in UTF-16 code units and the index of
 * its type in RULE_TYPES.
 */
export function scanStandardTokens(
  text: string,
  maxTokenLength: number,
  onToken: (start: number, end: number, typeIndex: number) => void,
): void {
  const length = text.length
  const classCount = dfa.classCount
  let table = dfa.table
  let accepts = dfa.accepts
  let position = 0
  while (position < length) {
    const limit = Math.min(length, position + maxTokenLength)
    let state = 0
    let matchedRule = -1
    let matchedEnd = position
    let cursor = position
    while (cursor < limit) {
      const codeUnit = text.charCodeAt(cursor)
      let classId = BMP_CLASSES[codeUnit]!
      let width = 1
      if (codeUnit >= 0xd800 && codeUnit <= 0xdbff && cursor + 1 < length) {
        const low = text.charCodeAt(cursor + 1)
        if (low >= 0xdc00 && low <= 0xdfff) {
          // A surrogate pair that does not fit in the buffer is left for the next match.
          if (cursor + 2 > limit) break
          classId = wordBreakClassOf(((codeUnit - 0xd800) << 10) + (low - 0xdc00) + 0x10000)
          width = 2
        }
      }
      let successor = table[state * classCount + classId]!
      if (successor === UNKNOWN) {
        successor = dfa.compute(state, classId)
        table = dfa.table
        accepts = dfa.accepts
      }
      if (successor === DEAD) break
      state = successor
      cursor += width
      const rule = accepts[state]!
      if (rule >= 0) {
        matchedRule = rule
        matchedEnd = cursor
      }
    }
    if (matchedRule < 0) {
      // Only a surrogate pair cut by a 1-unit buffer gets here: take its high surrogate alone.
      position += 1
    } else {
      if (matchedRule !== SKIP_RULE) onToken(position, matchedEnd, matchedRule)
      position = matchedEnd
    }
  }
}

export function checkMaxTokenLength(maxTokenLength: number): number {
  if (!Number.isInteger(maxTokenLength) || maxTokenLength < 1) {
    throw new IllegalArgumentException('maxTokenLength must be greater than zero')
  }
  if (maxTokenLength > MAX_TOKEN_LENGTH_LIMIT) {
    throw new IllegalArgumentException(`maxTokenLength may not exceed ${MAX_TOKEN_LENGTH_LIMIT}`)
  }
  return maxTokenLength
}

export class StandardTokenizer implements Tokenizer {
  readonly name = 'standard'
  readonly maxTokenLength: number

  constructor(maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH) {
    this.maxTokenLength = checkMaxTokenLength(maxTokenLength)
  }

  tokenize(text: string): TokenList {
    const tokens = emptyTokenList()
    scanStandardTokens(text, this.maxTokenLength, (start, end, typeIndex) => {
      pushToken(tokens, text.slice(start, end), start, end, RULE_TYPES[typeIndex] ?? '<ALPHANUM>')
    })
    return tokens
  }
}
