// Lucene's ClassicTokenizer, Elasticsearch's `classic` tokenizer: the grammar of classic-tokenizer-grammar.ts
// run with JFlex's semantics (at each position the longest match of any rule wins, the first-listed rule on a
// tie; a match of the catch-all rule is skipped). A token longer than max_token_length (default 255, at
// least 1) UTF-16 chars is dropped whole and its position left empty (the next token's increment counts it).
// An <ACRONYM_DEP> match ("1.2.3.") is reported as <HOST> without its final dot; its end offset still counts
// the dot, as ClassicTokenizer sets the offsets before it shortens the term.
import { DEAD, LazyDfa, UNKNOWN } from '../standard/lazy-dfa.ts'
import { compileRules } from '../standard/regex-nfa.ts'
import {
  CLASSIC_ACRONYM_DEP,
  CLASSIC_CLASS_COUNT,
  CLASSIC_RULES,
  CLASSIC_RULE_TYPES,
  CLASSIC_SKIP_RULE,
  classicClassOf,
} from '../standard/classic-tokenizer-grammar.ts'
import { emptyTokenList, IllegalArgumentException, type TokenList, type Tokenizer } from '../token-list.ts'

export const CLASSIC_DEFAULT_MAX_TOKEN_LENGTH = 255

let dfa: LazyDfa | null = null

/** The longest match at `position` as [end, rule]; every code point matches the catch-all rule. */
function matchAt(text: string, position: number): [number, number] {
  dfa ??= new LazyDfa(compileRules(CLASSIC_RULES), CLASSIC_CLASS_COUNT)
  let state = 0
  let matched: [number, number] = [position + 1, CLASSIC_SKIP_RULE]
  let cursor = position
  while (cursor < text.length) {
    const codePoint = text.codePointAt(cursor) ?? 0
    const classId = classicClassOf(codePoint)
    let successor = dfa.table[state * CLASSIC_CLASS_COUNT + classId] ?? UNKNOWN
    if (successor === UNKNOWN) successor = dfa.compute(state, classId)
    if (successor === DEAD) break
    state = successor
    cursor += codePoint > 0xffff ? 2 : 1
    const rule = dfa.accepts[state] ?? -1
    if (rule >= 0) matched = [cursor, rule]
  }
  return matched
}

export class ClassicTokenizer implements Tokenizer {
  readonly name = 'classic'

  constructor(private readonly maxTokenLength = CLASSIC_DEFAULT_MAX_TOKEN_LENGTH) {
    if (maxTokenLength < 1) throw new IllegalArgumentException('maxTokenLength must be greater than zero')
  }

  tokenize(text: string): TokenList {
    const tokens = emptyTokenList()
    let position = 0
    let next = 0
    while (position < text.length) {
      const [end, rule] = matchAt(text, position)
      const start = position
      position = end
      if (rule === CLASSIC_SKIP_RULE) continue
      if (end - start > this.maxTokenLength) {
        next++
        continue
      }
      const dep = rule === CLASSIC_ACRONYM_DEP
      tokens.terms.push(text.slice(start, dep ? end - 1 : end))
      tokens.startOffsets.push(start)
      tokens.endOffsets.push(end)
      tokens.types.push(dep ? '<HOST>' : (CLASSIC_RULE_TYPES[rule] ?? '<ALPHANUM>'))
      tokens.positions.push(next++)
    }
    return tokens
  }
}
