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

/** The word rule's index in RULE_TYPES: `<ALPHANUM>`. */
const ALPHANUM_RULE = RULE_TYPES.indexOf('<ALPHANUM>')
const SPACE = 0x20

/**
 * The standard tokenizer's scan of one text, token by token (JFlex's getNextToken): after next() answers true,
 * [start, end) in UTF-16 code units is the token and typeIndex the index of its type in RULE_TYPES.
 * A run of ASCII letters followed by a space or the end of the text is a whole `<ALPHANUM>` token by UAX#29
 * (no rule joins letters across a space, and no rule listed before the word rule matches letters), and a
 * space before an ASCII letter is skipped alone: those are taken without the DFA; everything else goes
 * through matchAt. Given a `lowered` buffer of at least min(text length, maxTokenLength) code units, a token
 * of ASCII letters is also written there lower-cased while it is scanned (LowerCaseFilter's output for it):
 * loweredLength is then its length, else -1 (a token the caller lowers itself).
 */
export class StandardTokenScan {
  start = 0
  end = 0
  typeIndex = 0
  loweredLength = -1
  private position = 0

  constructor(
    private readonly text: string,
    private readonly maxTokenLength: number,
    private readonly lowered: Uint16Array | null = null,
  ) {}

  next(): boolean {
    const text = this.text
    const length = text.length
    let position = this.position
    while (position < length) {
      const limit = Math.min(length, position + this.maxTokenLength)
      const end = this.asciiWordEnd(position, limit)
      if (end > 0) {
        this.loweredLength = this.lowered === null ? -1 : end - position
        return this.take(position, end, ALPHANUM_RULE)
      }
      if (
        text.charCodeAt(position) === SPACE &&
        position + 1 < length &&
        isAsciiLetter(text.charCodeAt(position + 1))
      ) {
        position++
        continue
      }
      const match = matchAt(text, position, limit)
      if (match < 0) {
        // Only a surrogate pair cut by a 1-unit buffer gets here: take its high surrogate alone.
        position += 1
        continue
      }
      const rule = match % MATCH_RULES
      const matchedEnd = (match - rule) / MATCH_RULES
      if (rule !== SKIP_RULE) {
        this.loweredLength = -1
        return this.take(position, matchedEnd, rule)
      }
      position = matchedEnd
    }
    this.position = position
    return false
  }

  private take(start: number, end: number, typeIndex: number): true {
    this.start = start
    this.end = end
    this.typeIndex = typeIndex
    this.position = end
    return true
  }

  /**
   * The end of the ASCII-letter token at `position`, or -1 when there is none; its letters lower-cased into
   * `lowered` (when given) as they are read.
   */
  private asciiWordEnd(position: number, limit: number): number {
    const text = this.text
    const lowered = this.lowered
    let cursor = position
    for (; cursor < limit; cursor++) {
      const lower = text.charCodeAt(cursor) | 0x20
      if (lower < 0x61 || lower > 0x7a) break
      if (lowered !== null) lowered[cursor - position] = lower
    }
    if (cursor === position) return -1
    if (cursor === text.length) return cursor
    return cursor < limit && text.charCodeAt(cursor) === SPACE ? cursor : -1
  }
}

function isAsciiLetter(codeUnit: number): boolean {
  const lower = codeUnit | 0x20
  return lower >= 0x61 && lower <= 0x7a
}

/** matchAt's answer is end * MATCH_RULES + rule. */
const MATCH_RULES = SKIP_RULE + 1

/**
 * JFlex's match at `position`: the longest match of any rule that ends by `limit` (the first-listed rule on a
 * tie), as end * MATCH_RULES + rule; -1 when nothing matches (a surrogate pair cut by the limit).
 */
export function matchAt(text: string, position: number, limit: number): number {
  const length = text.length
  const classCount = dfa.classCount
  let table = dfa.table
  let accepts = dfa.accepts
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
  return matchedRule < 0 ? -1 : matchedEnd * MATCH_RULES + matchedRule
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
    const scan = new StandardTokenScan(text, this.maxTokenLength)
    while (scan.next()) {
      const { start, end } = scan
      pushToken(tokens, text.slice(start, end), start, end, RULE_TYPES[scan.typeIndex] ?? '<ALPHANUM>')
    }
    return tokens
  }
}
