/**
 * Lucene's RegExp syntax (all flags, as Elasticsearch's `regexp` query and query_string `/.../` use by default),
 * compiled to a Dfa with no backtracking anywhere:
 *   union  a|b     intersection  a&b     concatenation  ab     repeat  a?  a*  a+  a{n}  a{n,}  a{n,m}
 *   complement ~a   class [a-z_] [^a-z]   any char .   empty language #   any string @   literal "..."
 *   group (a) and ()   numeric interval <n-m>   escape \c   \d \D \s \S \w \W (Lucene 9 shorthands)
 * Operators are special only where the grammar expects them (a leading `*` is a literal, as in RegExp.java).
 * Flags (RegExp's syntax flags) switch the optional operators on: INTERSECTION `&`, COMPLEMENT `~`, EMPTY `#`,
 * ANYSTRING `@`, INTERVAL `<n-m>`; without its flag the character is a literal. caseInsensitive folds ASCII
 * letters (ASCII_CASE_INSENSITIVE).
 * Syntax errors throw RegexpSyntaxError with RegExp's IllegalArgumentException messages and positions.
 */
import { complement, determinize, embed, intersection, type Dfa } from './determinize.ts'
import { MAX_CODE_POINT, Nfa, type Fragment } from './nfa.ts'

export const RegexpFlags = {
  NONE: 0,
  INTERSECTION: 0x01,
  COMPLEMENT: 0x02,
  EMPTY: 0x04,
  ANYSTRING: 0x08,
  AUTOMATON: 0x10,
  INTERVAL: 0x20,
  ALL: 0xff,
} as const

export class RegexpSyntaxError extends Error {
  override readonly name = 'RegexpSyntaxError'
}

type Ranges = Array<[number, number]>

const SHORTHANDS: Record<string, Ranges> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
}

function negate(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: Ranges = []
  let next = 0
  for (const [min, max] of sorted) {
    if (min > next) out.push([next, min - 1])
    next = Math.max(next, max + 1)
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT])
  return out
}

class RegexpParser {
  private pos = 0
  private readonly chars: number[]

  constructor(
    private readonly nfa: Nfa,
    pattern: string,
    private readonly maxStates: number,
    private readonly flags: number,
  ) {
    this.chars = [...pattern].map((c) => c.codePointAt(0)!)
  }

  parse(): Fragment {
    const e = this.union()
    if (this.more()) throw new RegexpSyntaxError(`end-of-string expected at position ${this.pos}`)
    return e
  }

  private more(): boolean {
    return this.pos < this.chars.length
  }

  private peek(set: string): boolean {
    return this.more() && set.includes(String.fromCodePoint(this.chars[this.pos]!))
  }

  private check(flag: number): boolean {
    return (this.flags & flag) !== 0
  }

  private match(c: string): boolean {
    if (!this.peek(c)) return false
    this.pos++
    return true
  }

  private next(): number {
    if (!this.more()) throw new RegexpSyntaxError('unexpected end-of-string')
    return this.chars[this.pos++]!
  }

  private dfa(fragment: Fragment): Dfa {
    return determinize(this.nfa, fragment, this.maxStates)
  }

  private union(): Fragment {
    const parts = [this.inter()]
    while (this.match('|')) parts.push(this.inter())
    return parts.length === 1 ? parts[0]! : this.nfa.union(parts)
  }

  private inter(): Fragment {
    const e = this.concat()
    if (!this.check(RegexpFlags.INTERSECTION) || !this.match('&')) return e
    return embed(this.nfa, intersection(this.dfa(e), this.dfa(this.inter())))
  }

  private concat(): Fragment {
    const parts = [this.repeat()]
    const stops = this.check(RegexpFlags.INTERSECTION) ? ')|&' : ')|'
    while (this.more() && !this.peek(stops)) parts.push(this.repeat())
    return this.nfa.concat(parts)
  }

  private repeat(): Fragment {
    const start = this.pos
    let e = this.compl()
    while (this.peek('?*+{')) {
      if (this.match('?')) e = this.nfa.optional(e)
      else if (this.match('*')) e = this.nfa.star(e)
      else if (this.match('+')) e = this.nfa.repeat(() => this.reparse(start), 1, -1)
      else {
        this.pos++
        const min = this.integer()
        let max = min
        if (this.match(',')) max = this.peek('}') ? -1 : this.integer()
        if (!this.match('}')) throw new RegexpSyntaxError(`expected '}' at position ${this.pos}`)
        const end = this.pos
        e = this.nfa.repeat(() => this.reparse(start), min, max)
        this.pos = end
      }
    }
    return e
  }

  /** A fresh copy of the operand that starts at `start` (Thompson fragments cannot be shared). */
  private reparse(start: number): Fragment {
    const saved = this.pos
    this.pos = start
    const copy = this.compl()
    this.pos = saved
    return copy
  }

  private integer(): number {
    const start = this.pos
    while (this.peek('0123456789')) this.pos++
    if (start === this.pos) throw new RegexpSyntaxError(`integer expected at position ${this.pos}`)
    return Number(String.fromCodePoint(...this.chars.slice(start, this.pos)))
  }

  private compl(): Fragment {
    if (this.check(RegexpFlags.COMPLEMENT) && this.match('~'))
      return embed(this.nfa, complement(this.dfa(this.compl())))
    return this.charClassExp()
  }

  private charClassExp(): Fragment {
    if (!this.match('[')) return this.simple()
    const negated = this.match('^')
    const ranges: Ranges = [...this.charClass()]
    while (this.more() && !this.peek(']')) ranges.push(...this.charClass())
    if (!this.match(']')) throw new RegexpSyntaxError(`expected ']' at position ${this.pos}`)
    return this.nfa.ranges(negated ? negate(ranges) : ranges)
  }

  private charClass(): Ranges {
    const shorthand = this.shorthand()
    if (shorthand) return shorthand
    const from = this.charExp()
    if (!this.match('-')) return [[from, from]]
    const to = this.charExp()
    if (from > to) {
      const show = (c: number): string => String.fromCodePoint(c)
      throw new RegexpSyntaxError(`invalid range: from (${show(from)}) cannot be > to (${show(to)})`)
    }
    return [[from, to]]
  }

  private shorthand(): Ranges | null {
    if (!this.peek('\\') || this.pos + 1 >= this.chars.length) return null
    const letter = String.fromCodePoint(this.chars[this.pos + 1]!)
    const ranges = SHORTHANDS[letter.toLowerCase()]
    if (!ranges || !'dswDSW'.includes(letter)) return null
    this.pos += 2
    return letter === letter.toUpperCase() ? negate(ranges) : ranges
  }

  private charExp(): number {
    this.match('\\')
    return this.next()
  }

  private simple(): Fragment {
    const nfa = this.nfa
    if (this.match('.')) return nfa.anyChar()
    if (this.check(RegexpFlags.EMPTY) && this.match('#')) return nfa.nothing()
    if (this.check(RegexpFlags.ANYSTRING) && this.match('@')) return nfa.star(nfa.anyChar())
    if (this.match('"')) {
      const start = this.pos
      while (this.more() && !this.peek('"')) this.pos++
      if (!this.match('"')) throw new RegexpSyntaxError(`expected '"' at position ${this.pos}`)
      return nfa.string(String.fromCodePoint(...this.chars.slice(start, this.pos - 1)))
    }
    if (this.match('(')) {
      if (this.match(')')) return nfa.empty()
      const e = this.union()
      if (!this.match(')')) throw new RegexpSyntaxError(`expected ')' at position ${this.pos}`)
      return e
    }
    if (this.check(RegexpFlags.AUTOMATON | RegexpFlags.INTERVAL) && this.match('<')) return this.interval()
    const shorthand = this.shorthand()
    return shorthand ? nfa.ranges(shorthand) : nfa.char(this.charExp())
  }

  /** <n-m>: the decimal numbers from n to m, without leading zeros (after `<`). */
  private interval(): Fragment {
    const start = this.pos
    const min = this.peek('0123456789') ? this.integer() : NaN
    const dash = this.match('-')
    const max = dash && this.peek('0123456789') ? this.integer() : NaN
    if (Number.isNaN(min) || Number.isNaN(max) || !this.match('>')) {
      throw new RegexpSyntaxError(`interval syntax error at position ${start - 1}`)
    }
    const [lo, hi] = min <= max ? [min, max] : [max, min]
    return this.nfa.union(this.decimalRange(lo, hi))
  }

  private decimalRange(lo: number, hi: number): Fragment[] {
    const parts: Fragment[] = []
    for (let n = lo; n <= hi; n++) parts.push(this.nfa.string(String(n)))
    return parts
  }
}

/** RegExp(pattern, flags).toAutomaton() then determinize under the limit. */
export function compileRegexp(
  pattern: string,
  maxDeterminizedStates: number,
  flags: number = RegexpFlags.ALL,
  caseInsensitive = false,
): Dfa {
  const nfa = new Nfa(caseInsensitive ? 'ascii' : 'none')
  const fragment = new RegexpParser(nfa, pattern, maxDeterminizedStates, flags).parse()
  return determinize(nfa, fragment, maxDeterminizedStates)
}
