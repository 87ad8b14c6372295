/**
 * A Thompson NFA compiled from a RegexNode, and its simulation (never backtracking: time is linear in the
 * line's length times the number of states, so no pattern can freeze the tab). States are numbered; a
 * `chars` state consumes one code point that passes its test, a `split` state forks without consuming, an
 * `assert` state passes only where its assertion holds, `match` accepts. Searches give POSIX leftmost-longest
 * matches: among the threads alive at a position, one per state, the one with the earliest start is kept,
 * so the first match found fixes the start and the simulation then runs on for the longest end.
 */
import { isWordChar, type Assertion, type RegexNode } from './regex-syntax.ts'

type State =
  | { kind: 'chars'; test: (code: number) => boolean; next: number }
  | { kind: 'split'; next: number[] }
  | { kind: 'assert'; assertion: Assertion; next: number }
  | { kind: 'match' }

/** The most states a pattern compiles to (`x{1000}{1000}` would be a million). */
export const MAX_STATES = 200_000

export class TooBigError extends Error {}

export interface Match {
  readonly start: number
  readonly end: number
}

function holds(assertion: Assertion, line: readonly number[], at: number): boolean {
  const before = at > 0 && isWordChar(line[at - 1]!)
  const after = at < line.length && isWordChar(line[at]!)
  switch (assertion) {
    case 'line-start':
      return at === 0
    case 'line-end':
      return at === line.length
    case 'word-boundary':
      return before !== after
    case 'not-word-boundary':
      return before === after
    case 'word-start':
      return !before && after
    case 'word-end':
      return before && !after
  }
}

export class Nfa {
  private readonly states: State[] = []
  private readonly start: number

  /** Throws TooBigError when the pattern needs more than MAX_STATES states. */
  constructor(node: RegexNode) {
    const match = this.add({ kind: 'match' })
    this.start = this.compile(node, match)
  }

  private add(state: State): number {
    if (this.states.length >= MAX_STATES) throw new TooBigError('Regular expression too big')
    this.states.push(state)
    return this.states.length - 1
  }

  /** Compiles `node` so that it continues at `next`; returns its entry state. */
  private compile(node: RegexNode, next: number): number {
    switch (node.type) {
      case 'empty':
        return next
      case 'chars':
        return this.add({ kind: 'chars', test: node.test, next })
      case 'assert':
        return this.add({ kind: 'assert', assertion: node.assertion, next })
      case 'concat':
        return node.parts.reduceRight((after, part) => this.compile(part, after), next)
      case 'alternation':
        return this.add({ kind: 'split', next: node.options.map((option) => this.compile(option, next)) })
      case 'repeat': {
        let entry = next
        if (node.max === Infinity) {
          const loop = this.add({ kind: 'split', next: [] })
          const body = this.compile(node.node, loop)
          ;(this.states[loop] as { next: number[] }).next.push(body, next)
          entry = loop
        } else {
          for (let i = node.min; i < node.max; i++) {
            entry = this.add({ kind: 'split', next: [this.compile(node.node, entry), next] })
          }
        }
        for (let i = 0; i < node.min; i++) entry = this.compile(node.node, entry)
        return entry
      }
    }
  }

  /**
   * Adds `state` and the states reachable from it without consuming, at position `at`, to the thread list,
   * each with `start` unless it already has a thread with an earlier one.
   */
  private addThread(
    list: ThreadList,
    state: number,
    start: number,
    line: readonly number[],
    at: number,
  ): void {
    const stack = this.stack
    stack.length = 0
    stack.push(state)
    while (stack.length > 0) {
      const s = stack.pop()!
      if (!list.offer(s, start)) continue
      const st = this.states[s]!
      if (st.kind === 'split') for (let i = st.next.length - 1; i >= 0; i--) stack.push(st.next[i]!)
      else if (st.kind === 'assert' && holds(st.assertion, line, at)) stack.push(st.next)
    }
  }

  private readonly stack: number[] = []
  private lists: [ThreadList, ThreadList] | null = null

  private threadLists(): [ThreadList, ThreadList] {
    this.lists ??= [new ThreadList(this.states.length), new ThreadList(this.states.length)]
    return this.lists
  }

  /**
   * The tests of the characters a match can begin with, or null when the start needs no character (an
   * assertion or an empty match): where no thread is alive, positions whose character none of them accepts
   * are skipped at once.
   */
  private firstCharacters(): ((code: number) => boolean)[] | null {
    if (this.first === undefined) {
      const list = new ThreadList(this.states.length)
      list.clear()
      const stack = [this.start]
      const tests: ((code: number) => boolean)[] = []
      let plain = true
      while (stack.length > 0) {
        const s = stack.pop()!
        if (!list.offer(s, 0)) continue
        const st = this.states[s]!
        if (st.kind === 'split') stack.push(...st.next)
        else if (st.kind === 'chars') tests.push(st.test)
        else plain = false
      }
      this.first = plain ? tests : null
    }
    return this.first
  }

  private first: ((code: number) => boolean)[] | null | undefined = undefined

  /** The first position from `at` where a match could begin (at once when the start needs no character). */
  private skip(line: readonly number[], at: number): number {
    const tests = this.firstCharacters()
    if (tests === null) return at
    while (at < line.length && !tests.some((test) => test(line[at]!))) at++
    return at
  }

  /** Whether the line has a match anywhere (the search stops at the first match state reached). */
  matches(line: readonly number[]): boolean {
    let [threads, next] = this.threadLists()
    threads.clear()
    for (let at = 0; at <= line.length; at++) {
      if (threads.size === 0) at = this.skip(line, at)
      this.addThread(threads, this.start, at, line, at)
      for (let i = 0; i < threads.size; i++)
        if (this.states[threads.states[i]!]!.kind === 'match') return true
      if (at === line.length) break
      next.clear()
      const code = line[at]!
      for (let i = 0; i < threads.size; i++) {
        const st = this.states[threads.states[i]!]!
        if (st.kind === 'chars' && st.test(code)) this.addThread(next, st.next, 0, line, at + 1)
      }
      ;[threads, next] = [next, threads]
    }
    return false
  }

  /** The leftmost-longest match starting at `from` or later, or null. */
  search(line: readonly number[], from = 0): Match | null {
    let [threads, next] = this.threadLists()
    threads.clear()
    let best: Match | null = null
    for (let at = from; at <= line.length; at++) {
      if (best === null && threads.size === 0) at = this.skip(line, at)
      if (best === null) this.addThread(threads, this.start, at, line, at)
      for (let i = 0; i < threads.size; i++) {
        if (this.states[threads.states[i]!]!.kind !== 'match') continue
        const start = threads.starts[i]!
        if (best === null || start < best.start || (start === best.start && at > best.end))
          best = { start, end: at }
      }
      if (at === line.length) break
      next.clear()
      const code = line[at]!
      for (let i = 0; i < threads.size; i++) {
        const st = this.states[threads.states[i]!]!
        const start = threads.starts[i]!
        if (best !== null && start > best.start) continue
        if (st.kind === 'chars' && st.test(code)) this.addThread(next, st.next, start, line, at + 1)
      }
      ;[threads, next] = [next, threads]
      if (threads.size === 0 && best !== null) break
    }
    return best
  }

  /** The ends of the matches that start exactly at `start`, longest first. */
  endsFrom(line: readonly number[], start: number): number[] {
    const ends: number[] = []
    let [threads, next] = this.threadLists()
    threads.clear()
    this.addThread(threads, this.start, start, line, start)
    for (let at = start; ; at++) {
      for (let i = 0; i < threads.size; i++)
        if (this.states[threads.states[i]!]!.kind === 'match') ends.push(at)
      if (at === line.length || threads.size === 0) break
      next.clear()
      const code = line[at]!
      for (let i = 0; i < threads.size; i++) {
        const st = this.states[threads.states[i]!]!
        if (st.kind === 'chars' && st.test(code)) this.addThread(next, st.next, start, line, at + 1)
      }
      ;[threads, next] = [next, threads]
    }
    return ends.reverse()
  }
}

/**
 * The threads alive at one position: each NFA state at most once, with the earliest start that reached it
 * (a sparse set over the state numbers, cleared in O(1) by moving to a new generation).
 */
class ThreadList {
  readonly states: Int32Array
  readonly starts: Int32Array
  size = 0
  private readonly slot: Int32Array
  private readonly stamp: Int32Array
  private generation = 0

  constructor(stateCount: number) {
    this.states = new Int32Array(stateCount)
    this.starts = new Int32Array(stateCount)
    this.slot = new Int32Array(stateCount)
    this.stamp = new Int32Array(stateCount)
  }

  clear(): void {
    this.size = 0
    this.generation++
  }

  /** Adds the state with its start; false when it is there already with a start as early. */
  offer(state: number, start: number): boolean {
    if (this.stamp[state] === this.generation) {
      const slot = this.slot[state]!
      if (this.starts[slot]! <= start) return false
      this.starts[slot] = start
      return true
    }
    this.stamp[state] = this.generation
    this.slot[state] = this.size
    this.states[this.size] = state
    this.starts[this.size] = start
    this.size++
    return true
  }
}
