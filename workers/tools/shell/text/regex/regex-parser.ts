/**
 * Parses a POSIX basic (BRE) or extended (ERE) regular expression as GNU grep reads it into a RegexNode tree.
 * BRE: `\( \)` groups, `\{m,n\}` intervals, `*`, and GNU's `\|`, `\+`, `\?`; `^` anchors at the start of a
 * branch and `$` at its end, literal elsewhere; `*` at a branch's start is literal. ERE: `( ) | + ? {m,n}`;
 * a `{` that starts no interval is literal, and a repetition at the start of a branch repeats nothing (grep
 * warns `* at start of expression`). Both: bracket expressions with ranges, `[:class:]`, `[=c=]`, `[.c.]`;
 * GNU's `\< \> \b \B \w \W \s \S` and `` \` `` `\'`; `\` before another character is that character, with
 * grep's `stray \ before c` warning; an ERE `)` that closes no group and a BRE `\{` with nothing before it
 * are literal (grep 3.8). Errors are glibc's regerror texts (`Invalid regular expression` for a `[` or `[^`
 * ending the pattern, `Unmatched [, [^, [:, [., or [=`, `Unmatched ( or \(`, `Unmatched ) or \)` (BRE),
 * `Invalid content of \{\}`, `Invalid range end`, `Trailing
 * backslash`, `Invalid character class name`, `Invalid back reference`, `Regular expression too big`) and
 * grep's `character class syntax is [[:space:]], not [:space:]`. Back-references parse but are refused
 * (nfa.ts cannot match them without backtracking).
 */
import { CHARACTER_CLASSES, isWordChar, otherCases, type RegexNode } from './regex-syntax.ts'

export interface RegexOptions {
  readonly extended: boolean
  readonly ignoreCase: boolean
}

export type ParsedRegex = { node: RegexNode; warnings: string[] } | { error: string }

/** glibc's RE_DUP_MAX. */
const DUP_MAX = 32767

const BACK_REFERENCES_REFUSED = 'back-references (\\1 ... \\9) are not supported in the playground'

class RegexSyntaxError extends Error {}

const SPACE = CHARACTER_CLASSES.space!

export function parseRegex(pattern: string, options: RegexOptions): ParsedRegex {
  try {
    const parser = new Parser(
      [...pattern].map((c) => c.codePointAt(0)!),
      options,
    )
    const node = parser.parse()
    return { node, warnings: parser.warnings }
  } catch (error) {
    if (error instanceof RegexSyntaxError) return { error: error.message }
    throw error
  }
}

const c = (char: string) => char.codePointAt(0)!

class Parser {
  readonly warnings: string[] = []
  private at = 0
  private groups = 0
  private depth = 0

  constructor(
    private readonly codes: readonly number[],
    private readonly options: RegexOptions,
  ) {}

  parse(): RegexNode {
    const node = this.alternation()
    if (this.at < this.codes.length) throw new RegexSyntaxError('Unmatched ) or \\)')
    return node
  }

  private peek(offset = 0): number | undefined {
    return this.codes[this.at + offset]
  }

  /** True when the input at the cursor is the operator written `text` (`\(` in BRE, `(` in ERE). */
  private isOperator(char: string): boolean {
    const extendedForm = '(|)+?{'.includes(char)
    const escaped = this.peek() === c('\\') && this.peek(1) === c(char)
    if (char === '*') return this.peek() === c('*')
    if (this.options.extended) return extendedForm && this.peek() === c(char)
    return escaped
  }

  private operatorLength(): number {
    return this.options.extended || this.peek() === c('*') ? 1 : 2
  }

  private alternation(): RegexNode {
    const options = [this.branch()]
    while (this.isOperator('|')) {
      this.at += this.operatorLength()
      options.push(this.branch())
    }
    return options.length === 1 ? options[0]! : { type: 'alternation', options }
  }

  private atBranchEnd(): boolean {
    return this.at >= this.codes.length || this.isOperator('|') || (this.depth > 0 && this.isOperator(')'))
  }

  private branch(): RegexNode {
    const parts: RegexNode[] = []
    const start = this.at
    while (!this.atBranchEnd()) {
      const first = this.at === start
      const atom = this.atom(first)
      // In a BRE, a `*` right after the leading `^` is a literal star, not a repetition of the anchor.
      const leadingAnchor = !this.options.extended && first && atom.type === 'assert'
      parts.push(leadingAnchor ? atom : this.repetitions(atom))
    }
    return parts.length === 0 ? { type: 'empty' } : parts.length === 1 ? parts[0]! : { type: 'concat', parts }
  }

  private repetitions(node: RegexNode): RegexNode {
    let result = node
    for (;;) {
      if (this.isOperator('*')) {
        this.at += 1
        result = { type: 'repeat', node: result, min: 0, max: Infinity }
      } else if (this.isOperator('+') || this.isOperator('?')) {
        const plus = this.peek(this.operatorLength() - 1) === c('+')
        this.at += this.operatorLength()
        result = { type: 'repeat', node: result, min: plus ? 1 : 0, max: plus ? Infinity : 1 }
      } else if (this.isOperator('{')) {
        const interval = this.interval()
        if (interval === null) return result
        result = { type: 'repeat', node: result, min: interval[0], max: interval[1] }
      } else return result
    }
  }

  /** `{m}`, `{m,}`, `{,n}`, `{m,n}`; null when an ERE `{` starts no interval (it is then a literal). */
  private interval(): [number, number] | null {
    const open = this.at
    this.at += this.operatorLength()
    const digits = () => {
      let text = ''
      while (this.peek() !== undefined && this.peek()! >= 48 && this.peek()! <= 57)
        text += String.fromCodePoint(this.codes[this.at++]!)
      return text
    }
    const low = digits()
    let high = low
    if (this.peek() === c(',')) {
      this.at++
      high = digits()
      if (high === '') high = 'inf'
    }
    const closed = this.options.extended
      ? this.peek() === c('}')
      : this.peek() === c('\\') && this.peek(1) === c('}')
    if (!closed || (low === '' && high === '')) {
      if (this.options.extended) {
        this.at = open
        return null
      }
      throw new RegexSyntaxError(closed ? 'Invalid content of \\{\\}' : 'Unmatched \\{')
    }
    this.at += this.options.extended ? 1 : 2
    const min = low === '' ? 0 : Number(low)
    const max = high === 'inf' ? Infinity : Number(high)
    if (min > max) throw new RegexSyntaxError('Invalid content of \\{\\}')
    if (Math.max(min, max === Infinity ? 0 : max) > DUP_MAX)
      throw new RegexSyntaxError('Regular expression too big')
    return [min, max]
  }

  private atom(branchStart: boolean): RegexNode {
    const code = this.peek()!
    const { extended } = this.options
    if (this.isOperator('(')) {
      this.at += this.operatorLength()
      this.depth++
      const inner = this.alternation()
      if (!this.isOperator(')')) throw new RegexSyntaxError('Unmatched ( or \\(')
      this.at += this.operatorLength()
      this.depth--
      this.groups++
      return inner
    }
    if (this.isOperator(')')) {
      // grep 3.8: an ERE `)` that closes no group is a literal `)`; a BRE `\)` is an error.
      if (!extended) throw new RegexSyntaxError('Unmatched ) or \\)')
      this.at++
      return this.literal(code)
    }
    if (extended && this.isOperator('{')) {
      const open = this.at
      const interval = this.interval()
      this.at = open
      if (interval === null) {
        this.at++
        return this.literal(code)
      }
    }
    if (
      this.isOperator('*') ||
      this.isOperator('+') ||
      this.isOperator('?') ||
      (extended && this.isOperator('{'))
    ) {
      if (extended) {
        // A repetition with nothing before it repeats the empty string (repetitions() takes the operator).
        this.warnings.push(`${code === c('{') ? '{...}' : String.fromCodePoint(code)} at start of expression`)
        return { type: 'empty' }
      }
      // In a BRE, `*`, `\+` and `\?` with nothing before them are literal characters.
      this.at += this.operatorLength()
      return this.literal(this.codes[this.at - 1]!)
    }
    if (!extended && this.isOperator('{')) {
      // grep 3.8: a BRE `\{` with nothing before it to repeat is a literal `{` (`grep '\{1'` matches `{1`).
      this.at += 2
      return this.literal(c('{'))
    }
    this.at++
    switch (code) {
      case c('.'):
        return { type: 'chars', test: (x) => x !== 10 }
      case c('['):
        return this.bracket()
      case c('^'):
        return extended || branchStart ? { type: 'assert', assertion: 'line-start' } : this.literal(code)
      case c('$'):
        return extended || this.atBranchEnd() ? { type: 'assert', assertion: 'line-end' } : this.literal(code)
      case c('\\'):
        return this.escape()
      default:
        return this.literal(code)
    }
  }

  private escape(): RegexNode {
    const code = this.peek()
    if (code === undefined) throw new RegexSyntaxError('Trailing backslash')
    this.at++
    const char = String.fromCodePoint(code)
    if (char >= '1' && char <= '9') {
      if (Number(char) > this.groups) throw new RegexSyntaxError('Invalid back reference')
      throw new RegexSyntaxError(BACK_REFERENCES_REFUSED)
    }
    switch (char) {
      case '<':
        return { type: 'assert', assertion: 'word-start' }
      case '>':
        return { type: 'assert', assertion: 'word-end' }
      case 'b':
        return { type: 'assert', assertion: 'word-boundary' }
      case 'B':
        return { type: 'assert', assertion: 'not-word-boundary' }
      case '`':
        return { type: 'assert', assertion: 'line-start' }
      case "'":
        return { type: 'assert', assertion: 'line-end' }
      case 'w':
        return { type: 'chars', test: isWordChar }
      case 'W':
        return { type: 'chars', test: (x) => !isWordChar(x) }
      case 's':
        return { type: 'chars', test: SPACE }
      case 'S':
        return { type: 'chars', test: (x) => !SPACE(x) }
    }
    if (!'^$.*[]}\\(){|+?'.includes(char)) {
      const what = SPACE(code) ? 'white space' : code < 32 || code === 127 ? 'unprintable character' : char
      this.warnings.push(`stray \\ before ${what}`)
    }
    return this.literal(code)
  }

  private literal(code: number): RegexNode {
    if (!this.options.ignoreCase) return { type: 'chars', test: (x) => x === code }
    const cases = otherCases(code)
    return { type: 'chars', test: (x) => cases.includes(x) }
  }

  /** After `[`: the bracket expression up to its `]`. */
  private bracket(): RegexNode {
    const unmatched = () => new RegexSyntaxError('Unmatched [, [^, [:, [., or [=')
    const negated = this.peek() === c('^')
    if (negated) this.at++
    // glibc: a `[` or `[^` that ends the pattern is REG_BADPAT (`grep '['`), not an unmatched bracket.
    if (this.peek() === undefined) throw new RegexSyntaxError('Invalid regular expression')
    const tests: ((x: number) => boolean)[] = []
    const start = this.at
    const element = (): number | ((x: number) => boolean) => {
      const code = this.peek()
      if (code === undefined) throw unmatched()
      if (code === c('[') && [c(':'), c('='), c('.')].includes(this.peek(1)!)) {
        const kind = String.fromCodePoint(this.peek(1)!)
        const close = this.codes.findIndex(
          (x, i) => i > this.at + 1 && x === c(kind) && this.codes[i + 1] === c(']'),
        )
        if (close < 0) throw unmatched()
        const name = String.fromCodePoint(...this.codes.slice(this.at + 2, close))
        this.at = close + 2
        if (kind === ':') {
          const test = CHARACTER_CLASSES[name]
          if (!test) throw new RegexSyntaxError('Invalid character class name')
          if (this.options.ignoreCase && (name === 'upper' || name === 'lower'))
            return CHARACTER_CLASSES.alpha!
          return test
        }
        if ([...name].length !== 1) throw new RegexSyntaxError('Invalid collation character')
        return name.codePointAt(0)!
      }
      this.at++
      return code
    }
    while (this.peek() !== c(']') || this.at === start) {
      const first = element()
      if (this.peek() === c('-') && this.peek(1) !== c(']') && this.peek(1) !== undefined) {
        this.at++
        const last = element()
        if (typeof first !== 'number' || typeof last !== 'number' || last < first) {
          throw new RegexSyntaxError('Invalid range end')
        }
        tests.push((x) => x >= first && x <= last)
      } else tests.push(typeof first === 'number' ? (x) => x === first : first)
    }
    this.at++
    const body = this.codes.slice(start, this.at - 1)
    if (body.length >= 2 && body[0] === c(':') && body[body.length - 1] === c(':')) {
      throw new RegexSyntaxError('character class syntax is [[:space:]], not [:space:]')
    }
    const matches = (x: number) => tests.some((test) => test(x))
    const folded = this.options.ignoreCase ? (x: number) => otherCases(x).some(matches) : matches
    return { type: 'chars', test: negated ? (x) => x !== 10 && !folded(x) : folded }
  }
}
