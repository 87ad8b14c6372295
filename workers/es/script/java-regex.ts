/**
 * A backtracking matcher for the trees of java-regex-syntax.ts, with java.util.regex.Matcher's semantics: leftmost
 * match, alternatives in order, greedy / lazy / possessive quantifiers, an empty iteration ending a loop, groups
 * keeping their last iteration's text, `$` before a final line terminator, MULTILINE `^` not after the input's last
 * terminator.
 *
 * Every character the matcher looks at is read through `CharReader.charAt`, which the caller counts (Painless'
 * regex limit: the reader throws once it has read more than its limit, so no pattern runs without end). A pattern
 * that nests deeper than JavaScript's stack allows ends with the StackOverflowError Java's matcher also raises.
 * Groups are `int[]` pairs (start, end) with -1 for a group that took no part, index 0 the whole match.
 */
import {
  CASE_INSENSITIVE,
  UNICODE_CASE,
  isLineTerminator,
  isWordChar,
  parseJavaRegex,
  type ParsedRegex,
  type RegexNode,
} from './java-regex-syntax.ts'
import { JavaException } from './script-errors.ts'

export interface CharReader {
  readonly length: number
  charAt(index: number): number
}

type Continuation = (at: number) => boolean

export class JavaRegex {
  private readonly parsed: ParsedRegex

  constructor(
    readonly pattern: string,
    readonly flags: number,
  ) {
    this.parsed = parseJavaRegex(pattern, flags)
  }

  get groupCount(): number {
    return this.parsed.groupCount
  }

  /** The group number of a named group, or undefined. */
  groupIndex(name: string): number | undefined {
    return this.parsed.names.get(name)
  }

  /**
   * Matches at `from` (`anchored`: only there, else the first position from `from` on); `whole`: the match must
   * end at the input's end (Matcher.matches). The groups' bounds, or null.
   */
  match(input: CharReader, from: number, anchored: boolean, whole: boolean): number[] | null {
    const run = new Run(input, this.parsed.groupCount)
    for (let start = from; start <= input.length; start++) {
      const groups = run.at(this.parsed.root, start, whole)
      if (groups !== null || anchored) return groups
    }
    return null
  }
}

class Run {
  private groups: number[]

  constructor(
    private readonly input: CharReader,
    private readonly groupCount: number,
  ) {
    this.groups = new Array<number>((groupCount + 1) * 2).fill(-1)
  }

  at(root: RegexNode, start: number, whole: boolean): number[] | null {
    this.groups.fill(-1)
    try {
      const matched = this.m(root, start, (end) => {
        if (whole && end !== this.input.length) return false
        this.groups[0] = start
        this.groups[1] = end
        return true
      })
      return matched ? [...this.groups] : null
    } catch (error) {
      if (error instanceof RangeError) throw new JavaException('StackOverflowError', '')
      throw error
    }
  }

  private read(at: number): number {
    return this.input.charAt(at)
  }

  private m(node: RegexNode, at: number, k: Continuation): boolean {
    switch (node.t) {
      case 'char':
        return at < this.input.length && node.test(this.read(at)) && k(at + 1)
      case 'seq':
        return this.sequence(node.items, 0, at, k)
      case 'alt':
        return node.options.some((option) => this.m(option, at, k))
      case 'group': {
        if (node.index === null) return this.m(node.body, at, k)
        const slot = node.index * 2
        const [oldStart, oldEnd] = [this.groups[slot]!, this.groups[slot + 1]!]
        const matched = this.m(node.body, at, (end) => {
          const [innerStart, innerEnd] = [this.groups[slot]!, this.groups[slot + 1]!]
          this.groups[slot] = at
          this.groups[slot + 1] = end
          if (k(end)) return true
          this.groups[slot] = innerStart
          this.groups[slot + 1] = innerEnd
          return false
        })
        if (!matched) {
          this.groups[slot] = oldStart
          this.groups[slot + 1] = oldEnd
        }
        return matched
      }
      case 'atomic': {
        let end = -1
        if (!this.m(node.body, at, (e) => ((end = e), true))) return false
        return k(end)
      }
      case 'look':
        return this.look(node, at) && k(at)
      case 'repeat':
        return this.repeat(node, at, k)
      case 'assert':
        return this.assertion(node, at) && k(at)
      case 'backref': {
        const [start, end] = [this.groups[node.index * 2]!, this.groups[node.index * 2 + 1]!]
        if (start < 0) return false
        const length = end - start
        if (at + length > this.input.length) return false
        for (let i = 0; i < length; i++) {
          const a = this.read(start + i)
          const b = this.read(at + i)
          if (a !== b && !sameIgnoringCase(a, b, node.flags)) return false
        }
        return k(at + length)
      }
    }
  }

  private sequence(items: readonly RegexNode[], i: number, at: number, k: Continuation): boolean {
    if (i === items.length) return k(at)
    return this.m(items[i]!, at, (next) => this.sequence(items, i + 1, next, k))
  }

  private look(node: RegexNode & { t: 'look' }, at: number): boolean {
    const saved = [...this.groups]
    let found: boolean
    if (node.behind) {
      found = false
      for (let start = at; start >= 0 && !found; start--)
        found = this.m(node.body, start, (end) => end === at)
    } else {
      found = this.m(node.body, at, () => true)
    }
    if (node.negate || !found) this.groups = saved
    return found !== node.negate
  }

  private repeat(node: RegexNode & { t: 'repeat' }, at: number, k: Continuation): boolean {
    const { body, min, max, mode } = node
    if (body.t === 'char') return this.repeatChar(body.test, min, max, mode, at, k)
    if (mode === 'possessive') {
      let end = at
      let count = 0
      while (count < max) {
        let next = -1
        if (!this.m(body, end, (e) => ((next = e), true)) || (next === end && count >= min)) break
        end = next
        count++
      }
      return count >= min && k(end)
    }
    const step = (count: number, position: number): boolean => {
      const more = (): boolean =>
        count < max &&
        this.m(body, position, (next) => (next === position && count >= min ? false : step(count + 1, next)))
      if (count < min) return more()
      return mode === 'greedy' ? more() || k(position) : k(position) || more()
    }
    return step(0, at)
  }

  /** A quantified single character, run as a loop: the character tests read each position once. */
  private repeatChar(
    test: (c: number) => boolean,
    min: number,
    max: number,
    mode: 'greedy' | 'lazy' | 'possessive',
    at: number,
    k: Continuation,
  ): boolean {
    const matches = (position: number) => position < this.input.length && test(this.read(position))
    if (mode === 'lazy') {
      let count = 0
      while (count < min) {
        if (!matches(at + count)) return false
        count++
      }
      for (;;) {
        if (k(at + count)) return true
        if (count >= max || !matches(at + count)) return false
        count++
      }
    }
    let count = 0
    while (count < max && matches(at + count)) count++
    if (count < min) return false
    if (mode === 'possessive') return k(at + count)
    for (; count >= min; count--) if (k(at + count)) return true
    return false
  }

  private assertion(node: RegexNode & { t: 'assert' }, at: number): boolean {
    const length = this.input.length
    switch (node.kind) {
      case 'inputStart':
        return at === 0
      case 'inputEnd':
        return at === length
      case 'lineStart':
        if (at === 0) return true
        if (at === length) return false
        return isLineTerminator(this.read(at - 1)) && !(this.read(at - 1) === 0x0d && this.read(at) === 0x0a)
      case 'lineEnd':
        if (at === length) return true
        return (
          isLineTerminator(this.read(at)) && !(this.read(at) === 0x0a && at > 0 && this.read(at - 1) === 0x0d)
        )
      case 'endZ': {
        if (at === length) return true
        const rest = length - at
        if (rest === 1) return isLineTerminator(this.read(at))
        return rest === 2 && this.read(at) === 0x0d && this.read(at + 1) === 0x0a
      }
      case 'word':
      case 'notWord': {
        const before = at > 0 && isWordChar(this.read(at - 1), node.flags)
        const after = at < length && isWordChar(this.read(at), node.flags)
        return (before !== after) === (node.kind === 'word')
      }
    }
  }
}

function sameIgnoringCase(a: number, b: number, flags: number): boolean {
  if ((flags & CASE_INSENSITIVE) === 0) return false
  const [x, y] = [String.fromCharCode(a), String.fromCharCode(b)]
  if ((flags & UNICODE_CASE) === 0 && (a > 0x7f || b > 0x7f)) return false
  return x.toLowerCase() === y.toLowerCase() || x.toUpperCase() === y.toUpperCase()
}
