// Lucene's UAX29URLEmailTokenizer, Elasticsearch's `uax_url_email` tokenizer: the standard tokenizer's UAX#29
// word breaks plus <URL> and <EMAIL> tokens (url-email-grammar.ts), scanned with JFlex's semantics: the longest
// match of any rule wins, the first-listed rule on a tie. A rule with a one-char trailing context matches when
// the char after its text is (or is not) '-' or a word char (JFlex's \w: Alphabetic, Mark, Nd, Pc,
// Join_Control); that char counts towards the match length but is not part of the token. When the rule that
// wins is a host that runs on into a word char ("example.comx"), nothing is emitted and the scan restarts at the
// same place without the six host rules, until the next token is taken. A catch-all match is skipped.
// max_token_length (default 255, 1..1048576) is the JFlex buffer size, as for the standard tokenizer: no match,
// trailing char included, extends further than that many UTF-16 chars past its start.
import { DEAD, LazyDfa, UNKNOWN } from '../standard/lazy-dfa.ts'
import { compileRules } from '../standard/regex-nfa.ts'
import { URL_EMAIL_CLASS_COUNT, URL_EMAIL_RULES } from '../standard/url-email-grammar.ts'
import { BMP_CLASSES, CLASS_COUNT, wordBreakClassOf } from '../unicode/word-break-class-table.ts'
import { emptyTokenList, pushToken, type TokenList, type Tokenizer } from '../token-list.ts'
import { checkMaxTokenLength, DEFAULT_MAX_TOKEN_LENGTH } from './standard-tokenizer.ts'

const WORD_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u
const isDashOrWordChar = (codePoint: number): boolean =>
  codePoint === 0x2d || WORD_CHAR.test(String.fromCodePoint(codePoint))

let dfa: LazyDfa | null = null

function automaton(): LazyDfa {
  dfa ??= new LazyDfa(compileRules(URL_EMAIL_RULES.map((rule) => rule.regex)), URL_EMAIL_CLASS_COUNT)
  return dfa
}

interface Match {
  /** The end of the match with its trailing char, for the longest-match comparison. */
  reach: number
  rule: number
  end: number
}

/** The class of the code point at `cursor` and its width in UTF-16 chars. */
function classAt(text: string, cursor: number): [number, number] {
  const unit = text.charCodeAt(cursor)
  if (unit < 0x80) return [CLASS_COUNT + unit, 1]
  if (unit >= 0xd800 && unit <= 0xdbff && cursor + 1 < text.length) {
    const low = text.charCodeAt(cursor + 1)
    if (low >= 0xdc00 && low <= 0xdfff)
      return [wordBreakClassOf(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000), 2]
  }
  return [BMP_CLASSES[unit] ?? 0, 1]
}

/** The winning match at `position` within `limit`; `avoiding` turns the six host rules off. */
function matchAt(text: string, position: number, limit: number, avoiding: boolean): Match | null {
  const machine = automaton()
  let state = 0
  let best: Match | null = null
  let cursor = position
  while (cursor < limit) {
    const [classId, width] = classAt(text, cursor)
    if (cursor + width > limit) break
    let successor = machine.table[state * URL_EMAIL_CLASS_COUNT + classId] ?? UNKNOWN
    if (successor === UNKNOWN) successor = machine.compute(state, classId)
    if (successor === DEAD) break
    state = successor
    cursor += width
    const mask = machine.acceptMasks[state] ?? 0
    for (let rule = 0; mask >>> rule !== 0; rule++) {
      if (((mask >>> rule) & 1) === 0) continue
      const candidate = candidateAt(text, position, cursor, limit, rule, avoiding)
      if (
        candidate &&
        (!best || candidate.reach > best.reach || (candidate.reach === best.reach && rule < best.rule))
      ) {
        best = candidate
      }
    }
  }
  return best
}

function candidateAt(
  text: string,
  position: number,
  end: number,
  limit: number,
  rule: number,
  avoiding: boolean,
): Match | null {
  const kind = URL_EMAIL_RULES[rule]?.kind
  if (avoiding && (kind === 'avoid-before-word' || kind === 'initial-token')) return null
  if (kind === 'before-non-word' || kind === 'avoid-before-word') {
    if (end >= limit) return null
    const next = text.codePointAt(end) ?? 0
    const width = next > 0xffff ? 2 : 1
    if (end + width > limit || isDashOrWordChar(next) !== (kind === 'avoid-before-word')) return null
    return { reach: end + width, rule, end }
  }
  return { reach: end, rule, end: kind === 'mailto' ? position + 6 : end }
}

export class UAX29URLEmailTokenizer implements Tokenizer {
  readonly name = 'uax_url_email'
  private readonly maxTokenLength: number

  constructor(maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH) {
    this.maxTokenLength = checkMaxTokenLength(maxTokenLength)
  }

  tokenize(text: string): TokenList {
    const tokens = emptyTokenList()
    let position = 0
    let avoiding = false
    while (position < text.length) {
      const match = matchAt(text, position, Math.min(text.length, position + this.maxTokenLength), avoiding)
      if (!match) {
        // Only a surrogate pair cut by a 1-char buffer gets here: its high surrogate is skipped alone.
        position++
        continue
      }
      const rule = URL_EMAIL_RULES[match.rule]
      if (rule?.kind === 'avoid-before-word') {
        avoiding = true
        continue
      }
      if (rule?.kind !== 'skip') {
        pushToken(tokens, text.slice(position, match.end), position, match.end, rule?.type ?? '<ALPHANUM>')
        avoiding = false
      }
      position = match.end
    }
    return tokens
  }
}
