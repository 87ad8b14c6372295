/**
 * A backtracking matcher over an Oniguruma tree (onig-parser.ts), searching as Joni's Matcher.search does:
 * from each start position in turn, the first (leftmost) match by priority order (greedy, lazy, possessive
 * and atomic groups as written). Positions are code point indices into the text.
 *
 * Interruption: every node visit spends one step of a budget; a search that spends it all throws
 * OnigInterrupted. The budget stands in for ES's MatcherWatchdog, which interrupts a grok match that runs
 * longer than `ingest.grok.watchdog.max_execution_time` (1 s): a catastrophic pattern ends with the same
 * error instead of holding the node. Recursion deeper than the JavaScript stack also ends as interrupted.
 */
import type { OnigNode, OnigProgram } from './onig-parser.ts'
import { OnigSyntaxError } from './onig-parser.ts'
import { isWord } from './onig-chars.ts'

export class OnigInterrupted extends Error {
  override readonly name = 'OnigInterrupted'
}

/** Steps a search may take: 20M steps measured at 0.3-0.35 s of CPU in Node, so this is about a second. */
export const DEFAULT_STEP_BUDGET = 50_000_000

type Cont = (pos: number) => boolean
type Matcher = (pos: number, k: Cont) => boolean

interface State {
  text: Int32Array
  caps: Int32Array
  steps: number
}

export interface OnigMatch {
  /** Start and end (code point indices) of each group, -1 where the group did not take part. */
  readonly starts: Int32Array
  readonly ends: Int32Array
}

export class OnigRegex {
  private readonly state: State = { text: new Int32Array(0), caps: new Int32Array(0), steps: 0 }
  private readonly matcher: Matcher

  constructor(readonly program: OnigProgram) {
    this.matcher = compile(program.root, this.state)
  }

  /**
   * The leftmost match in `text` (code points), or null; throws OnigInterrupted past the budget. With
   * `notEmpty` (ONIG_OPTION_FIND_NOT_EMPTY) an empty match is refused and the search backtracks past it.
   */
  search(text: Int32Array, budget = DEFAULT_STEP_BUDGET, notEmpty = false): OnigMatch | null {
    const state = this.state
    const slots = (this.program.groupCount + 1) * 2
    state.text = text
    state.caps = new Int32Array(slots)
    state.steps = budget
    let end = -1
    let start = 0
    const accept: Cont = (p) => {
      if (notEmpty && p === start) return false
      end = p
      return true
    }
    try {
      for (; start <= text.length; start++) {
        state.caps.fill(-1)
        if (this.matcher(start, accept)) {
          state.caps[0] = start
          state.caps[1] = end
          const starts = new Int32Array(slots / 2)
          const ends = new Int32Array(slots / 2)
          for (let g = 0; g < slots / 2; g++) {
            starts[g] = state.caps[g * 2]!
            ends[g] = state.caps[g * 2 + 1]!
          }
          return { starts, ends }
        }
      }
    } catch (error) {
      if (error instanceof RangeError) throw new OnigInterrupted('stack')
      throw error
    }
    return null
  }
}

function tick(state: State): void {
  if (--state.steps < 0) throw new OnigInterrupted('budget')
}

function compile(node: OnigNode, state: State): Matcher {
  switch (node.kind) {
    case 'char': {
      const test = node.test
      return (pos, k) => {
        tick(state)
        return pos < state.text.length && test(state.text[pos]!) && k(pos + 1)
      }
    }
    case 'seq': {
      const items = node.items.map((item) => compile(item, state))
      const run = (i: number, pos: number, k: Cont): boolean =>
        i === items.length ? k(pos) : items[i]!(pos, (p) => run(i + 1, p, k))
      return (pos, k) => run(0, pos, k)
    }
    case 'alt': {
      const options = node.options.map((option) => compile(option, state))
      return (pos, k) => {
        tick(state)
        for (const option of options) if (option(pos, k)) return true
        return false
      }
    }
    case 'group':
      return captureGroup(node.capture, compile(node.body, state), state)
    case 'atomic': {
      const body = compile(node.body, state)
      return (pos, k) => {
        const saved = state.caps.slice()
        let end = -1
        if (!body(pos, (p) => ((end = p), true))) return false
        if (k(end)) return true
        state.caps.set(saved)
        return false
      }
    }
    case 'look':
      return node.behind
        ? lookBehind(node.body, node.negate, state)
        : lookAhead(node.body, node.negate, state)
    case 'repeat':
      return repeat(node, state)
    case 'assert':
      return assertion(node.assert, state)
    case 'backref':
      return backref(node.groups, node.ignoreCase, state)
  }
}

function captureGroup(group: number, body: Matcher, state: State): Matcher {
  return (pos, k) =>
    body(pos, (p) => {
      const caps = state.caps
      const oldStart = caps[group * 2]!
      const oldEnd = caps[group * 2 + 1]!
      caps[group * 2] = pos
      caps[group * 2 + 1] = p
      if (k(p)) return true
      caps[group * 2] = oldStart
      caps[group * 2 + 1] = oldEnd
      return false
    })
}

function lookAhead(node: OnigNode, negate: boolean, state: State): Matcher {
  const body = compile(node, state)
  return (pos, k) => {
    const saved = state.caps.slice()
    const found = body(pos, () => true)
    return lookaroundResult(state, saved, found, negate, pos, k)
  }
}

/** Oniguruma's look-behind: each top-level alternative has a fixed width and must end where we stand. */
function lookBehind(node: OnigNode, negate: boolean, state: State): Matcher {
  const options = (node.kind === 'alt' ? node.options : [node]).map((option) => {
    const w = width(option)
    if (w === null) throw new OnigSyntaxError('invalid pattern in look-behind')
    return { width: w, body: compile(option, state) }
  })
  return (pos, k) => {
    const saved = state.caps.slice()
    let found = false
    for (const option of options) {
      const from = pos - option.width
      if (from >= 0 && option.body(from, (p) => p === pos)) {
        found = true
        break
      }
    }
    return lookaroundResult(state, saved, found, negate, pos, k)
  }
}

/** The fixed width of a node in code points, or null when it can vary. */
function width(node: OnigNode): number | null {
  switch (node.kind) {
    case 'char':
      return 1
    case 'seq': {
      let total = 0
      for (const item of node.items) {
        const w = width(item)
        if (w === null) return null
        total += w
      }
      return total
    }
    case 'alt': {
      const widths = node.options.map(width)
      return widths.every((w) => w !== null && w === widths[0]) ? widths[0]! : null
    }
    case 'group':
    case 'atomic': {
      return width(node.body)
    }
    case 'look':
    case 'assert':
      return 0
    case 'repeat': {
      const w = width(node.body)
      return w !== null && node.min === node.max ? w * node.min : null
    }
    case 'backref':
      return null
  }
}

function repeat(node: Extract<OnigNode, { kind: 'repeat' }>, state: State): Matcher {
  const { min, max, mode } = node
  if (node.body.kind === 'char') return repeatChar(node.body.test, min, max, mode, state)
  const body = compile(node.body, state)
  const greedy = (count: number, pos: number, k: Cont): boolean => {
    tick(state)
    if (count < max && body(pos, (p) => (p === pos && count >= min ? false : greedy(count + 1, p, k))))
      return true
    return count >= min && k(pos)
  }
  const lazy = (count: number, pos: number, k: Cont): boolean => {
    tick(state)
    if (count >= min && k(pos)) return true
    return count < max && body(pos, (p) => (p === pos && count >= min ? false : lazy(count + 1, p, k)))
  }
  if (mode === 'lazy') return (pos, k) => lazy(0, pos, k)
  if (mode === 'greedy') return (pos, k) => greedy(0, pos, k)
  return (pos, k) => {
    const saved = state.caps.slice()
    let end = -1
    if (!greedy(0, pos, (p) => ((end = p), true))) return false
    if (k(end)) return true
    state.caps.set(saved)
    return false
  }
}

/** A repeated single character: counted in a loop, then backtracked by position without recursion. */
function repeatChar(
  test: (c: number) => boolean,
  min: number,
  max: number,
  mode: 'greedy' | 'lazy' | 'possessive',
  state: State,
): Matcher {
  return (pos, k) => {
    const text = state.text
    const limit = Math.min(text.length, max === Infinity ? text.length : pos + max)
    if (mode === 'lazy') {
      for (let end = pos; ; end++) {
        tick(state)
        if (end - pos >= min && k(end)) return true
        if (end >= limit || !test(text[end]!)) return false
      }
    }
    let end = pos
    while (end < limit && test(text[end]!)) {
      tick(state)
      end++
    }
    if (end - pos < min) return false
    if (mode === 'possessive') return k(end)
    for (; end - pos >= min; end--) {
      tick(state)
      if (k(end)) return true
    }
    return false
  }
}

function assertion(kind: Extract<OnigNode, { kind: 'assert' }>['assert'], state: State): Matcher {
  const at = (pos: number): boolean => {
    const text = state.text
    const n = text.length
    switch (kind) {
      case 'bol':
        return pos === 0 || text[pos - 1] === 10
      case 'eol':
        return pos === n || text[pos] === 10
      case 'start':
        return pos === 0
      case 'end':
        return pos === n
      case 'endOrNewline':
        return pos === n || (pos === n - 1 && text[pos] === 10)
      case 'wordBoundary':
      case 'notWordBoundary': {
        const before = pos > 0 && isWord(text[pos - 1]!)
        const after = pos < n && isWord(text[pos]!)
        return (before !== after) === (kind === 'wordBoundary')
      }
    }
  }
  return (pos, k) => {
    tick(state)
    return at(pos) && k(pos)
  }
}

/** `\k<name>`: the most recent of the named groups that took part, matched again. */
function backref(groups: number[], ignoreCase: boolean, state: State): Matcher {
  const fold = (c: number) => (ignoreCase ? String.fromCodePoint(c).toLowerCase() : String.fromCodePoint(c))
  return (pos, k) => {
    tick(state)
    const caps = state.caps
    const group = [...groups].reverse().find((g) => caps[g * 2]! >= 0)
    if (group === undefined) return false
    const start = caps[group * 2]!
    const length = caps[group * 2 + 1]! - start
    if (pos + length > state.text.length) return false
    for (let i = 0; i < length; i++) {
      if (fold(state.text[start + i]!) !== fold(state.text[pos + i]!)) return false
    }
    return k(pos + length)
  }
}

/**
 * A look-around's outcome: a negative one succeeds when its body failed, with the captures as they were; a positive
 * one keeps its body's captures when the rest matches, else restores them.
 */
function lookaroundResult(
  state: State,
  saved: Int32Array,
  found: boolean,
  negate: boolean,
  pos: number,
  k: Cont,
): boolean {
  if (negate) {
    state.caps.set(saved)
    return !found && k(pos)
  }
  if (found && k(pos)) return true
  state.caps.set(saved)
  return false
}
