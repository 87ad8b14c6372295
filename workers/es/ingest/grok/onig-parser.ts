/**
 * A parser for the Oniguruma Ruby-syntax regular expressions grok builds (Joni, Syntax.DEFAULT), into a tree
 * the backtracking matcher (onig-matcher.ts) runs. Supported: literals and escapes (`\t \n \r \f \v \a \e
 * \xHH \x{H..} \uHHHH \0oo`), `.`, classes (ranges, negation, nesting, `&&`, POSIX brackets, `\w \d \s \h`
 * and negations, `\p{..}`), anchors (`^ $` are line anchors as in Ruby, `\A \z \Z \G \b \B`), groups
 * (`(...)`, `(?:...)`, `(?<name>...)`, `(?'name'...)`, atomic `(?>...)`, look-ahead `(?=` `(?!`, fixed-width
 * look-behind `(?<=` `(?<!`, options `(?imx-imx)` and `(?imx-imx:...)`), quantifiers (`* + ? {n} {n,}
 * {,m} {n,m}`, lazy `?`, possessive `+` after `* + ?`) and backreferences (`\k<name>`, `\n`).
 * Captures: as Ruby (ONIG_SYN_CAPTURE_ONLY_NAMED_GROUP), once a pattern has a named group its plain groups
 * do not capture. With the `perl` option the pattern is read as jq compiles it (ONIG_SYNTAX_PERL_NT with
 * ONIG_OPTION_SINGLELINE and ONIG_OPTION_CAPTURE_GROUP): `^` is `\A`, `$` is `\Z`, `(?s)` is dot-all and
 * `(?m)` changes nothing this tree can express, plain groups always capture; the options' flags apply from
 * the start. Group numbers start at 1 in the order the groups open. Syntax errors are thrown as
 * OnigSyntaxError with Joni's messages (`premature end of char-class`, `end pattern with unmatched
 * parenthesis`, `unmatched close parenthesis`, `target of repeat operator is not specified`, ...).
 */
import {
  type CharTest,
  caseVariants,
  ignoringCase,
  isDigit,
  isHex,
  isSpace,
  isWord,
  POSIX_BRACKETS,
  propertyTest,
} from './onig-chars.ts'

export class OnigSyntaxError extends Error {
  override readonly name = 'OnigSyntaxError'
}

export type AssertKind = 'bol' | 'eol' | 'start' | 'end' | 'endOrNewline' | 'wordBoundary' | 'notWordBoundary'

export type OnigNode =
  | { kind: 'char'; test: CharTest }
  | { kind: 'seq'; items: OnigNode[] }
  | { kind: 'alt'; options: OnigNode[] }
  | { kind: 'group'; capture: number; body: OnigNode }
  | { kind: 'atomic'; body: OnigNode }
  | { kind: 'look'; behind: boolean; negate: boolean; body: OnigNode }
  | { kind: 'repeat'; body: OnigNode; min: number; max: number; mode: 'greedy' | 'lazy' | 'possessive' }
  | { kind: 'assert'; assert: AssertKind }
  | { kind: 'backref'; groups: number[]; ignoreCase: boolean }

export interface OnigProgram {
  readonly root: OnigNode
  /** Capture group count; group numbers run 1..groupCount. */
  readonly groupCount: number
  /** Each name with its group numbers, in the order the names first appear. */
  readonly names: ReadonlyMap<string, number[]>
}

interface Flags {
  ignoreCase: boolean
  dotAll: boolean
  extended: boolean
}

const MAX_REPEAT = 100000

/** How a pattern is read: Joni's Ruby syntax (grok) unless `perl`; the flags hold from its start. */
export interface OnigOptions {
  readonly perl?: boolean
  readonly ignoreCase?: boolean
  readonly dotAll?: boolean
  readonly extended?: boolean
}

export function parseOnig(pattern: string, options: OnigOptions = {}): OnigProgram {
  return new Parser(pattern, options).parse()
}

class Parser {
  private readonly cps: number[]
  private pos = 0
  private groupCount = 0
  private readonly names = new Map<string, number[]>()
  private readonly onlyNamed: boolean
  private readonly backrefNames: string[] = []
  /** Backreferences resolve once the whole pattern is read (a reference may precede its group's end). */
  private readonly pending: Array<() => void> = []

  private readonly perl: boolean
  private readonly initial: Flags

  constructor(pattern: string, options: OnigOptions) {
    this.cps = [...pattern].map((ch) => ch.codePointAt(0)!)
    this.perl = options.perl === true
    this.onlyNamed = !this.perl && /\(\?(<[^=!]|')/.test(pattern)
    this.initial = {
      ignoreCase: options.ignoreCase === true,
      dotAll: options.dotAll === true,
      extended: options.extended === true,
    }
  }

  parse(): OnigProgram {
    const root = this.alternation({ ...this.initial })
    if (this.pos < this.cps.length) throw new OnigSyntaxError('unmatched close parenthesis')
    for (const name of this.backrefNames) {
      if (!this.names.has(name)) throw new OnigSyntaxError(`undefined name <${name}> reference`)
    }
    for (const task of this.pending) task()
    return { root, groupCount: this.groupCount, names: this.names }
  }

  private peek(offset = 0): number {
    return this.cps[this.pos + offset] ?? -1
  }

  /** The character at the cursor, '' at the end. */
  private peekChar(): string {
    const c = this.peek()
    return c < 0 ? '' : String.fromCodePoint(c)
  }

  private eat(ch: string): boolean {
    if (this.peek() !== ch.codePointAt(0)) return false
    this.pos++
    return true
  }

  private alternation(flags: Flags): OnigNode {
    const options = [this.sequence(flags)]
    while (this.eat('|')) options.push(this.sequence(flags))
    return options.length === 1 ? options[0]! : { kind: 'alt', options }
  }

  private sequence(outer: Flags): OnigNode {
    const flags = { ...outer }
    const items: OnigNode[] = []
    while (this.pos < this.cps.length) {
      const c = this.peek()
      if (c === 0x7c /* | */ || c === 0x29 /* ) */) break
      if (flags.extended && this.skipExtended()) continue
      const option = this.inlineOptions(flags)
      if (option === 'rest') {
        // `(?i)` applies to the rest of the enclosing group, alternatives included.
        items.push(this.alternation(flags))
        break
      }
      const atom = this.atom(flags)
      items.push(this.quantifiers(atom, flags))
    }
    return items.length === 1 ? items[0]! : { kind: 'seq', items }
  }

  private skipExtended(): boolean {
    const c = this.peek()
    if (isSpace(c)) {
      this.pos++
      return true
    }
    if (c === 0x23 /* # */) {
      while (this.pos < this.cps.length && this.peek() !== 10) this.pos++
      return true
    }
    return false
  }

  /** `(?imx-imx)` changes `flags` and returns 'rest'; anything else returns null and consumes nothing. */
  private inlineOptions(flags: Flags): 'rest' | null {
    if (this.peek() !== 0x28 || this.peek(1) !== 0x3f) return null
    let i = this.pos + 2
    let on = true
    const changes: Array<[keyof Flags, boolean]> = []
    for (; i < this.cps.length; i++) {
      const ch = String.fromCodePoint(this.cps[i]!)
      const flag = this.optionFlag(ch)
      if (ch === '-') on = false
      else if (flag === undefined) break
      else if (flag !== null) changes.push([flag, on])
    }
    if (i === this.pos + 2 || this.cps[i] !== 0x29) return null
    for (const [flag, value] of changes) flags[flag] = value
    this.pos = i + 1
    return 'rest'
  }

  /** The flag an option letter sets: Ruby's `i m x` (`m` dot-all), Perl's `i s x` (`s` dot-all; `m` none). */
  private optionFlag(letter: string): keyof Flags | null | undefined {
    if (letter === 'i') return 'ignoreCase'
    if (letter === 'x') return 'extended'
    if (letter === (this.perl ? 's' : 'm')) return 'dotAll'
    return this.perl && letter === 'm' ? null : undefined
  }

  private atom(flags: Flags): OnigNode {
    const c = this.peek()
    this.pos++
    switch (c) {
      case 0x28 /* ( */:
        return this.group(flags)
      case 0x5b /* [ */:
        return { kind: 'char', test: this.caseFold(this.charClass(flags), flags) }
      case 0x2e /* . */:
        return { kind: 'char', test: flags.dotAll ? () => true : (ch) => ch !== 10 }
      case 0x5e /* ^ */:
        return { kind: 'assert', assert: this.perl ? 'start' : 'bol' }
      case 0x24 /* $ */:
        return { kind: 'assert', assert: this.perl ? 'endOrNewline' : 'eol' }
      case 0x5c /* \ */:
        return this.escape(flags)
      case 0x2a /* * */:
      case 0x2b /* + */:
      case 0x3f /* ? */:
        throw new OnigSyntaxError('target of repeat operator is not specified')
      case 0x7b /* { */:
        if (this.interval() !== null) throw new OnigSyntaxError('target of repeat operator is not specified')
        return this.literal(c, flags)
      default:
        return this.literal(c, flags)
    }
  }

  private literal(c: number, flags: Flags): OnigNode {
    if (!flags.ignoreCase) return { kind: 'char', test: (ch) => ch === c }
    const variants = caseVariants(c)
    return { kind: 'char', test: (ch) => variants.includes(ch) }
  }

  private caseFold(test: CharTest, flags: Flags): CharTest {
    return flags.ignoreCase ? ignoringCase(test) : test
  }

  private group(flags: Flags): OnigNode {
    const inner = { ...flags }
    let node: OnigNode
    if (this.eat('?')) {
      const c = this.peekChar()
      this.pos++
      if (c === ':') node = this.alternation(inner)
      else if (c === '>') node = { kind: 'atomic', body: this.alternation(inner) }
      else if (c === '=' || c === '!')
        node = { kind: 'look', behind: false, negate: c === '!', body: this.alternation(inner) }
      else if (c === '<' && (this.peek() === 0x3d || this.peek() === 0x21)) {
        const negate = this.peek() === 0x21
        this.pos++
        node = { kind: 'look', behind: true, negate, body: this.alternation(inner) }
      } else if (c === '<' || c === "'") node = this.namedGroup(c === '<' ? '>' : "'", inner)
      else {
        this.pos--
        node = this.scopedOptions(inner)
      }
    } else if (this.onlyNamed) node = this.alternation(inner)
    else {
      const capture = ++this.groupCount
      node = { kind: 'group', capture, body: this.alternation(inner) }
    }
    if (!this.eat(')')) throw new OnigSyntaxError('end pattern with unmatched parenthesis')
    return node
  }

  private namedGroup(close: string, flags: Flags): OnigNode {
    const start = this.pos
    while (this.pos < this.cps.length && this.peek() !== close.codePointAt(0)) this.pos++
    const name = String.fromCodePoint(...this.cps.slice(start, this.pos))
    if (this.pos >= this.cps.length || name === '' || /^\d/.test(name)) {
      throw new OnigSyntaxError(`invalid group name <${name}>`)
    }
    this.pos++
    const capture = ++this.groupCount
    const numbers = this.names.get(name) ?? []
    numbers.push(capture)
    this.names.set(name, numbers)
    return { kind: 'group', capture, body: this.alternation(flags) }
  }

  /** `(?imx-imx:...)`. */
  private scopedOptions(flags: Flags): OnigNode {
    let on = true
    for (;;) {
      const ch = this.peekChar()
      this.pos++
      const flag = this.optionFlag(ch)
      if (ch === '-') on = false
      else if (ch === ':') return this.alternation(flags)
      else if (flag === undefined) throw new OnigSyntaxError('undefined group option')
      else if (flag !== null) flags[flag] = on
    }
  }

  private quantifiers(atom: OnigNode, flags: Flags): OnigNode {
    let node = atom
    for (;;) {
      if (flags.extended) while (this.skipExtended());
      const c = this.peek()
      let min: number
      let max: number
      let interval = false
      if (c === 0x2a) [min, max] = [0, Infinity]
      else if (c === 0x2b) [min, max] = [1, Infinity]
      else if (c === 0x3f) [min, max] = [0, 1]
      else if (c === 0x7b) {
        const range = this.interval()
        if (range === null) return node
        ;[min, max] = range
        interval = true
      } else return node
      if (!interval) this.pos++
      if (node.kind === 'assert') throw new OnigSyntaxError('target of repeat operator is invalid')
      let mode: 'greedy' | 'lazy' | 'possessive' = 'greedy'
      if (this.eat('?')) mode = 'lazy'
      else if (!interval && this.eat('+')) mode = 'possessive'
      node = { kind: 'repeat', body: node, min, max, mode }
    }
  }

  /** `{n}`, `{n,}`, `{,m}`, `{n,m}` at the cursor (consumed), or null (a literal `{`) leaving the cursor. */
  private interval(): [number, number] | null {
    const rest = String.fromCodePoint(...this.cps.slice(this.pos, this.pos + 24))
    const m = /^\{(\d*)(,?)(\d*)\}/.exec(rest)
    if (m === null || (m[1] === '' && (m[2] === '' || m[3] === ''))) return null
    const min = m[1] === '' ? 0 : Number(m[1])
    const max = m[2] === '' ? min : m[3] === '' ? Infinity : Number(m[3])
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
      throw new OnigSyntaxError('too big number for repeat range')
    }
    if (max < min) throw new OnigSyntaxError('upper is smaller than lower in repeat range')
    this.pos += m[0].length
    return [min, max]
  }

  private escape(flags: Flags): OnigNode {
    if (this.pos >= this.cps.length) throw new OnigSyntaxError('end pattern at escape')
    const c = this.peekChar()
    const assert = ESCAPE_ASSERTS.get(c)
    if (assert !== undefined) {
      this.pos++
      return { kind: 'assert', assert }
    }
    if (c === 'k' && this.peek(1) === 0x3c) {
      this.pos += 2
      const start = this.pos
      while (this.pos < this.cps.length && this.peek() !== 0x3e) this.pos++
      const name = String.fromCodePoint(...this.cps.slice(start, this.pos))
      this.pos++
      this.backrefNames.push(name)
      return this.backref(() => this.names.get(name) ?? [], flags)
    }
    if (/[1-9]/.test(c)) {
      let digits = ''
      while (/[0-9]/.test(this.peekChar())) digits += String.fromCodePoint(this.cps[this.pos++]!)
      const number = Number(digits)
      if (this.onlyNamed) throw new OnigSyntaxError('numbered backref/call is not allowed. (use name)')
      return this.backref(() => {
        if (number > this.groupCount) throw new OnigSyntaxError('invalid backref number/name')
        return [number]
      }, flags)
    }
    return { kind: 'char', test: this.caseFold(this.escapeTest(), flags) }
  }

  private backref(groups: () => number[], flags: Flags): OnigNode {
    const node: OnigNode = { kind: 'backref', groups: [], ignoreCase: flags.ignoreCase }
    this.pending.push(() => node.groups.push(...groups()))
    return node
  }

  /** The character test of an escape at the cursor (after the backslash), consumed. */
  private escapeTest(): CharTest {
    const c = String.fromCodePoint(this.cps[this.pos++]!)
    const shorthand = SHORTHANDS.get(c)
    if (shorthand !== undefined) return shorthand
    if (c === 'p' || c === 'P') {
      const m = /^\{(\^?)([A-Za-z_ =-]+)\}/.exec(
        String.fromCodePoint(...this.cps.slice(this.pos, this.pos + 40)),
      )
      if (m === null) throw new OnigSyntaxError('invalid character property name {' + c + '}')
      const test = propertyTest(m[2]!)
      if (test === null) throw new OnigSyntaxError(`invalid character property name {${m[2]!}}`)
      this.pos += m[0].length
      const negate = (c === 'P') !== (m[1] === '^')
      return negate ? (ch) => !test(ch) : test
    }
    const code = this.escapedCode(c)
    return (ch) => ch === code
  }

  private escapedCode(c: string): number {
    const simple = CONTROL_ESCAPES.get(c)
    if (simple !== undefined) return simple
    if (c === 'x') {
      if (this.eat('{')) return this.hexDigits(8, '}')
      return this.hexDigits(2, null)
    }
    if (c === 'u') return this.hexDigits(4, null)
    if (c === '0') {
      let value = 0
      for (let i = 0; i < 2 && /[0-7]/.test(this.peekChar()); i++) {
        value = value * 8 + (this.cps[this.pos++]! - 48)
      }
      return value
    }
    return c.codePointAt(0)!
  }

  private hexDigits(max: number, close: string | null): number {
    let value = 0
    let count = 0
    while (count < max && isHex(this.peek())) {
      value = value * 16 + parseInt(String.fromCodePoint(this.cps[this.pos++]!), 16)
      count++
    }
    if (close !== null && !this.eat(close)) throw new OnigSyntaxError('invalid code point value')
    if (count === 0 && close === null) throw new OnigSyntaxError('too short digits')
    return value
  }

  /** A bracket class after its `[`, through its `]`. */
  private charClass(flags: Flags): CharTest {
    const negate = this.eat('^')
    let terms: CharTest[] = []
    let intersection: CharTest | null = null
    let first = true
    for (;;) {
      if (this.pos >= this.cps.length) throw new OnigSyntaxError('premature end of char-class')
      const c = this.peek()
      if (c === 0x5d /* ] */ && !first) {
        this.pos++
        break
      }
      first = false
      if (c === 0x26 && this.peek(1) === 0x26) {
        this.pos += 2
        const left = union(terms)
        intersection = intersection === null ? left : both(intersection, left)
        terms = []
        continue
      }
      if (c === 0x5b /* [ */) {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(
          String.fromCodePoint(...this.cps.slice(this.pos, this.pos + 12)),
        )
        const test = posix === null ? undefined : POSIX_BRACKETS.get(posix[2]!)
        if (posix !== null && test !== undefined) {
          this.pos += posix[0].length
          terms.push(posix[1] === '^' ? (ch) => !test(ch) : test)
        } else {
          this.pos++
          terms.push(this.charClass(flags))
        }
        continue
      }
      terms.push(this.classMember())
    }
    const all = intersection === null ? union(terms) : both(intersection, union(terms))
    return negate ? (ch) => !all(ch) : all
  }

  /** One member of a class: a character, an escape, or a range `a-z`. */
  private classMember(): CharTest {
    const low = this.classChar()
    if (typeof low === 'function') return low
    if (this.peek() === 0x2d /* - */ && this.peek(1) !== 0x5d && this.peek(1) !== -1) {
      const save = this.pos
      this.pos++
      if (this.peek() === 0x5b) {
        this.pos = save
        return (ch) => ch === low
      }
      const high = this.classChar()
      if (typeof high === 'function') throw new OnigSyntaxError('char-class value at end of range')
      if (high < low) throw new OnigSyntaxError('empty range in char class')
      return (ch) => ch >= low && ch <= high
    }
    return (ch) => ch === low
  }

  private classChar(): number | CharTest {
    const c = this.cps[this.pos++]!
    if (c !== 0x5c) return c
    if (this.pos >= this.cps.length) throw new OnigSyntaxError('premature end of char-class')
    const e = this.peekChar()
    if (SHORTHANDS.has(e) || e === 'p' || e === 'P') return this.escapeTest()
    this.pos++
    if (e === 'b') return 8
    return this.escapedCode(e)
  }
}

function union(terms: CharTest[]): CharTest {
  return (ch) => terms.some((t) => t(ch))
}

function both(a: CharTest, b: CharTest): CharTest {
  return (ch) => a(ch) && b(ch)
}

const SHORTHANDS: ReadonlyMap<string, CharTest> = new Map<string, CharTest>([
  ['w', isWord],
  ['W', (c) => !isWord(c)],
  ['d', isDigit],
  ['D', (c) => !isDigit(c)],
  ['s', isSpace],
  ['S', (c) => !isSpace(c)],
  ['h', isHex],
  ['H', (c) => !isHex(c)],
])

const CONTROL_ESCAPES: ReadonlyMap<string, number> = new Map([
  ['t', 9],
  ['n', 10],
  ['r', 13],
  ['f', 12],
  ['v', 11],
  ['a', 7],
  ['e', 27],
])

const ESCAPE_ASSERTS: ReadonlyMap<string, AssertKind> = new Map<string, AssertKind>([
  ['A', 'start'],
  ['G', 'start'],
  ['z', 'end'],
  ['Z', 'endOrNewline'],
  ['b', 'wordBoundary'],
  ['B', 'notWordBoundary'],
])
