/**
 * Lucene's SimpleQueryParser: the forgiving syntax of `simple_query_string`. `+` AND, `|` OR, `-` NOT,
 * `"..."` phrase (`"..."~N` slop), `word*` prefix, `word~N` fuzzy (`~` alone is 2), `(...)` precedence,
 * `\` escapes, whitespace separates; each operator only when its flag is on. It never fails: unmatched quotes
 * and parentheses are ignored. Operators combine left to right: a change of operator wraps everything so far
 * into a new boolean node (so `a b +c` is `+(a b) +c`), a NOT wraps its operand as `-x *:*`.
 * The leaf queries come from a SimpleQueryFactory; a leaf of null (no tokens) is skipped.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'

export const SimpleQueryFlags = {
  ALL: -1,
  NONE: 0,
  AND: 1 << 0,
  NOT: 1 << 1,
  OR: 1 << 2,
  PREFIX: 1 << 3,
  PHRASE: 1 << 4,
  PRECEDENCE: 1 << 5,
  ESCAPE: 1 << 6,
  WHITESPACE: 1 << 7,
  FUZZY: 1 << 8,
  NEAR: 1 << 9,
  SLOP: 1 << 9,
} as const

export interface SimpleQueryFactory {
  defaultQuery(text: string): IndexQuery | null
  fuzzyQuery(text: string, maxEdits: number): IndexQuery | null
  phraseQuery(text: string, slop: number): IndexQuery | null
  prefixQuery(text: string): IndexQuery | null
}

type Occur = 'must' | 'should'

interface State {
  end: number
  index: number
  top: IndexQuery | null
  not: number
  current: Occur | null
  previous: Occur | null
}

const WHITESPACE = ' \t\n\r'

function bool(must: IndexQuery[], should: IndexQuery[], mustNot: IndexQuery[] = []): IndexQuery {
  return { type: 'bool', must, should, mustNot, filter: [], minimumShouldMatch: 0, boost: 1 }
}

export class SimpleQueryParser {
  constructor(
    private readonly text: string,
    private readonly flags: number,
    private readonly defaultOperator: Occur,
    private readonly factory: SimpleQueryFactory,
  ) {}

  /** The query, or null when the text has no searchable part ("empty string passed to query parser"). */
  parse(): IndexQuery | null {
    return this.subQuery(0, this.text.length)
  }

  private on(flag: number): boolean {
    return (this.flags & flag) !== 0
  }

  private at(state: State, c: string): boolean {
    return this.text[state.index] === c
  }

  private subQuery(start: number, end: number): IndexQuery | null {
    const state: State = { end, index: start, top: null, not: 0, current: null, previous: null }
    while (state.index < state.end) {
      const c = this.text[state.index]!
      if (c === '(' && this.on(SimpleQueryFlags.PRECEDENCE)) this.consumeSubQuery(state)
      else if (c === ')' && this.on(SimpleQueryFlags.PRECEDENCE)) state.index++
      else if (c === '"' && this.on(SimpleQueryFlags.PHRASE)) this.consumePhrase(state)
      else if ((c === '+' && this.on(SimpleQueryFlags.AND)) || (c === '|' && this.on(SimpleQueryFlags.OR))) {
        if (state.current === null && state.top !== null) state.current = c === '+' ? 'must' : 'should'
        state.index++
      } else if (c === '-' && this.on(SimpleQueryFlags.NOT)) {
        state.not++
        state.index++
        continue
      } else if (WHITESPACE.includes(c) && this.on(SimpleQueryFlags.WHITESPACE)) state.index++
      else this.consumeToken(state)
      state.not = 0
    }
    return state.top
  }

  /** Scans to the matching `)` or closing `"`; returns the index of the closer or -1, and the copied text. */
  private scan(state: State, closer: string): { at: number; copied: string } {
    let copied = ''
    let depth = 1
    let escaped = false
    for (let i = state.index; i < state.end; i++) {
      const c = this.text[i]!
      if (!escaped) {
        if (c === '\\' && this.on(SimpleQueryFlags.ESCAPE)) {
          escaped = true
          if (closer === ')') copied += c
          continue
        }
        if (closer === ')' && c === '(') depth++
        else if (c === closer && --depth === 0) return { at: i, copied }
      }
      escaped = false
      copied += c
    }
    return { at: -1, copied }
  }

  private consumeSubQuery(state: State): void {
    const start = ++state.index
    const { at } = this.scan(state, ')')
    if (at < 0) return
    state.index = at + 1
    if (at === start) state.current = null
    else this.buildQueryTree(state, this.subQuery(start, at))
  }

  private consumePhrase(state: State): void {
    const start = ++state.index
    const { at, copied } = this.scan(state, '"')
    if (at < 0) return
    state.index = at
    if (at === start) {
      state.current = null
      state.index++
      return
    }
    let slop = 0
    if (this.text[at + 1] === '~' && this.on(SimpleQueryFlags.NEAR)) {
      state.index++
      if (state.index + 1 < state.end) slop = this.parseFuzziness(state)
    }
    this.buildQueryTree(state, this.factory.phraseQuery(copied, slop))
    state.index++
  }

  private tokenFinished(state: State): boolean {
    const c = this.text[state.index]!
    return (
      (c === '"' && this.on(SimpleQueryFlags.PHRASE)) ||
      (c === '|' && this.on(SimpleQueryFlags.OR)) ||
      (c === '+' && this.on(SimpleQueryFlags.AND)) ||
      ((c === '(' || c === ')') && this.on(SimpleQueryFlags.PRECEDENCE)) ||
      (WHITESPACE.includes(c) && this.on(SimpleQueryFlags.WHITESPACE))
    )
  }

  private consumeToken(state: State): void {
    let copied = ''
    let escaped = false
    let prefix = false
    let fuzzy = false
    while (state.index < state.end) {
      if (!escaped) {
        if (this.at(state, '\\') && this.on(SimpleQueryFlags.ESCAPE)) {
          escaped = true
          prefix = false
          state.index++
          continue
        }
        if (this.tokenFinished(state)) break
        if (copied.length > 0 && this.at(state, '~') && this.on(SimpleQueryFlags.FUZZY)) {
          fuzzy = true
          break
        }
        prefix = copied.length > 0 && this.at(state, '*') && this.on(SimpleQueryFlags.PREFIX)
      }
      escaped = false
      copied += this.text[state.index++]!
    }
    if (copied.length === 0) return
    let branch: IndexQuery | null
    if (fuzzy) {
      const edits = Math.min(this.parseFuzziness(state), 2)
      branch = edits === 0 ? this.factory.defaultQuery(copied) : this.factory.fuzzyQuery(copied, edits)
    } else if (prefix) branch = this.factory.prefixQuery(copied.slice(0, -1))
    else branch = this.factory.defaultQuery(copied)
    this.buildQueryTree(state, branch)
  }

  /** The digits after `~` up to the end of the token: empty is 2, unparsable is 0, negative is 0. */
  private parseFuzziness(state: State): number {
    let digits = ''
    while (state.index < state.end) {
      state.index++
      if (state.index < state.end) {
        if (this.tokenFinished(state)) break
        digits += this.text[state.index]
      }
    }
    if (digits === '') return 2
    return /^[+-]?\d+$/.test(digits) ? Math.max(0, Number(digits)) : 0
  }

  private buildQueryTree(state: State, query: IndexQuery | null): void {
    if (query === null) return
    const branch = state.not % 2 === 1 ? bool([], [{ type: 'matchAll', boost: 1 }], [query]) : query
    if (state.top === null) state.top = branch
    else {
      const occur = state.current ?? this.defaultOperator
      let top = state.top
      if (state.previous !== occur || top.type !== 'bool')
        top = occur === 'must' ? bool([top], []) : bool([], [top])
      if (top.type === 'bool') {
        top =
          occur === 'must'
            ? { ...top, must: [...top.must, branch] }
            : { ...top, should: [...top.should, branch] }
      }
      state.top = top
      state.previous = occur
    }
    state.current = null
  }
}
