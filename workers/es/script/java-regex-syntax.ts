/**
 * java.util.regex.Pattern's syntax, parsed into the tree java-regex.ts matches (our own engine: a JavaScript RegExp
 * could backtrack without end, where this one reads every character through a counter the regex limit guards).
 *
 * Built: literals and escapes (`\t \n \r \f \a \e \0oct \xhh \x{h..} \uhhhh \cX`, `\Q...\E`), `.`, classes with
 * ranges, negation, nesting and `&&` intersection, `\d \D \w \W \s \S \h \H \v \V`, the POSIX `\p{Lower}` ...
 * `\p{XDigit}` classes and the Unicode `\p{L}` / `\p{IsAlphabetic}` / `\p{javaLowerCase}`-style ones JavaScript's
 * `\p{...}` can test, `^ $ \b \B \A \Z \z`, groups (capturing, `(?:`, `(?<name>`, `(?>` atomic, inline flags
 * `(?imsux-imsux)` and `(?i:...)`), look-ahead `(?= (?!` and look-behind `(?<= (?<!`, back references `\1`
 * and `\k<name>`, the quantifiers `* + ? {n} {n,} {n,m}` greedy, lazy (`?`) and possessive (`+`); the flags
 * CASE_INSENSITIVE (ASCII unless UNICODE_CASE), MULTILINE, DOTALL, COMMENTS, LITERAL and UNICODE_CHARACTER_CLASS.
 * Refused with RegexUnsupported (never guessed): CANON_EQ, UNIX_LINES, `\G`, `\X`, `\R`, `\N{...}`, `\b{g}`, and
 * property names JavaScript has no test for.
 *
 * A malformed pattern is a PatternSyntaxError with the JDK's description ("Unclosed group", "Dangling meta
 * character '*'", ...) and index.
 */

export const CASE_INSENSITIVE = 0x02
export const COMMENTS = 0x04
export const MULTILINE = 0x08
export const LITERAL = 0x10
export const DOTALL = 0x20
export const UNICODE_CASE = 0x40
export const CANON_EQ = 0x80
export const UNICODE_CHARACTER_CLASS = 0x100

export type CharTest = (c: number) => boolean

export type RegexNode =
  | { t: 'char'; test: CharTest }
  | { t: 'seq'; items: RegexNode[] }
  | { t: 'alt'; options: RegexNode[] }
  | { t: 'group'; index: number | null; body: RegexNode }
  | { t: 'atomic'; body: RegexNode }
  | { t: 'repeat'; body: RegexNode; min: number; max: number; mode: 'greedy' | 'lazy' | 'possessive' }
  | {
      t: 'assert'
      kind: 'lineStart' | 'lineEnd' | 'inputStart' | 'inputEnd' | 'endZ' | 'word' | 'notWord'
      flags: number
    }
  | { t: 'backref'; index: number; flags: number }
  | { t: 'look'; behind: boolean; negate: boolean; body: RegexNode }

export interface ParsedRegex {
  root: RegexNode
  groupCount: number
  names: Map<string, number>
}

/** java.util.regex.PatternSyntaxException: its description and index. */
export class PatternSyntaxError extends Error {
  constructor(
    readonly description: string,
    readonly index: number,
  ) {
    super(description)
  }
}

/** A Java construct this engine does not build. */
export class RegexUnsupported extends Error {}

const LINE_TERMINATORS: ReadonlySet<number> = new Set([0x0a, 0x0d, 0x85, 0x2028, 0x2029])

export function isLineTerminator(c: number): boolean {
  return LINE_TERMINATORS.has(c)
}

function range(from: number, to: number): CharTest {
  return (c) => c >= from && c <= to
}

function unicode(pattern: string): CharTest {
  const re = new RegExp(pattern, 'u')
  return (c) => re.test(String.fromCharCode(c))
}

const ASCII_DIGIT = range(0x30, 0x39)
const ASCII_WORD: CharTest = (c) =>
  ASCII_DIGIT(c) || range(0x41, 0x5a)(c) || range(0x61, 0x7a)(c) || c === 0x5f
const ASCII_SPACE: CharTest = (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d)
const UNICODE_WORD = unicode('[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]')
const UNICODE_DIGIT = unicode('\\p{Nd}')
const UNICODE_SPACE = unicode('\\p{White_Space}')
const HORIZONTAL: CharTest = (c) =>
  c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x1680 || c === 0x180e || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x202f || c === 0x205f || c === 0x3000 // prettier-ignore
const VERTICAL: CharTest = (c) => (c >= 0x0a && c <= 0x0d) || c === 0x85 || c === 0x2028 || c === 0x2029

export function isWordChar(c: number, flags: number): boolean {
  return (flags & UNICODE_CHARACTER_CLASS) !== 0 ? UNICODE_WORD(c) : ASCII_WORD(c)
}

const POSIX: Readonly<Record<string, string>> = {
  Lower: '[a-z]', Upper: '[A-Z]', ASCII: '[\\x00-\\x7F]', Alpha: '[a-zA-Z]', Digit: '[0-9]', Alnum: '[a-zA-Z0-9]',
  Punct: '[!-\\/:-@\\[-`{-~]', Graph: '[!-~]', Print: '[ -~]', Blank: '[ \\t]', Cntrl: '[\\x00-\\x1F\\x7F]',
  XDigit: '[0-9a-fA-F]', Space: '[ \\t\\n\\x0B\\f\\r]',
} // prettier-ignore
const POSIX_UNICODE: Readonly<Record<string, string>> = {
  Lower: '\\p{Lowercase}', Upper: '\\p{Uppercase}', Alpha: '\\p{Alphabetic}', Digit: '\\p{Nd}',
  Alnum: '[\\p{Alphabetic}\\p{Nd}]', Punct: '\\p{P}', Space: '\\p{White_Space}', Cntrl: '\\p{Cc}',
  XDigit: '[\\p{Nd}\\p{Hex_Digit}]', Blank: '[\\p{Zs}\\t]',
} // prettier-ignore
const JAVA_PROPERTIES: Readonly<Record<string, string>> = {
  javaLowerCase: '\\p{Lowercase}', javaUpperCase: '\\p{Uppercase}', javaWhitespace: '[\\t-\\r\\x1C-\\x1F\\p{Zs}\\p{Zl}\\p{Zp}]',
  javaLetter: '\\p{L}', javaDigit: '\\p{Nd}', javaLetterOrDigit: '[\\p{L}\\p{Nd}]', javaAlphabetic: '\\p{Alphabetic}',
} // prettier-ignore
const BINARY_PROPERTIES = ['Alphabetic', 'Ideographic', 'Letter', 'Lowercase', 'Uppercase', 'Titlecase', 'Punctuation',
  'Control', 'White_Space', 'WhiteSpace', 'Digit', 'Hex_Digit', 'HexDigit', 'Join_Control', 'JoinControl',
  'Noncharacter_Code_Point', 'Assigned', 'Emoji'] // prettier-ignore

function property(name: string, flags: number): CharTest {
  const posix = ((flags & UNICODE_CHARACTER_CLASS) !== 0 ? POSIX_UNICODE[name] : undefined) ?? POSIX[name]
  if (posix !== undefined) return unicode(posix)
  const javaProperty = JAVA_PROPERTIES[name]
  if (javaProperty !== undefined) return unicode(javaProperty)
  let jsName = name
  if (/^Is/.test(name) && BINARY_PROPERTIES.includes(name.slice(2)))
    jsName = name.slice(2).replace(/([a-z])([A-Z])/, '$1_$2')
  else if (/^(Is|gc=|general_category=)/.test(name)) jsName = name.replace(/^(Is|gc=|general_category=)/, '')
  if (jsName === 'Letter') jsName = 'L'
  try {
    return unicode(`\\p{${jsName}}`)
  } catch {
    throw new RegexUnsupported(`the character property [${name}]`)
  }
}

/** A case-insensitive variant of a char test, as Pattern folds ASCII (or every letter with UNICODE_CASE). */
function folded(test: CharTest, flags: number): CharTest {
  if ((flags & CASE_INSENSITIVE) === 0) return test
  const unicodeCase = (flags & UNICODE_CASE) !== 0
  return (c) => {
    if (test(c)) return true
    if (!unicodeCase && c > 0x7f) return false
    const s = String.fromCharCode(c)
    const lower = s.toLowerCase()
    const upper = s.toUpperCase()
    return (
      (lower.length === 1 && (unicodeCase || lower.charCodeAt(0) <= 0x7f) && test(lower.charCodeAt(0))) ||
      (upper.length === 1 && (unicodeCase || upper.charCodeAt(0) <= 0x7f) && test(upper.charCodeAt(0)))
    )
  }
}

function literal(code: number, flags: number): RegexNode {
  return { t: 'char', test: folded((c) => c === code, flags) }
}

export function parseJavaRegex(pattern: string, flags: number): ParsedRegex {
  if ((flags & CANON_EQ) !== 0) throw new RegexUnsupported('the CANON_EQ flag [c]')
  if ((flags & LITERAL) !== 0) {
    const items = [...pattern].flatMap((ch) =>
      [...Array(ch.length).keys()].map((k) => literal(ch.charCodeAt(k), flags)),
    )
    return { root: { t: 'seq', items }, groupCount: 0, names: new Map() }
  }
  return new RegexParser(pattern, flags).parse()
}

class RegexParser {
  private at = 0
  private groups = 0
  private readonly names = new Map<string, number>()

  constructor(
    private readonly pattern: string,
    private flags: number,
  ) {}

  parse(): ParsedRegex {
    const root = this.alternation()
    if (this.at < this.pattern.length) throw new PatternSyntaxError("Unmatched closing ')'", this.at - 1)
    return { root, groupCount: this.groups, names: this.names }
  }

  private peek(): string | undefined {
    return this.pattern[this.at]
  }

  private error(description: string, index = this.at): never {
    throw new PatternSyntaxError(description, index)
  }

  private alternation(): RegexNode {
    const options = [this.sequence()]
    while (this.peek() === '|') {
      this.at++
      options.push(this.sequence())
    }
    return options.length === 1 ? options[0]! : { t: 'alt', options }
  }

  private skipComments(): void {
    if ((this.flags & COMMENTS) === 0) return
    for (;;) {
      const c = this.peek()
      if (c !== undefined && /\s/.test(c)) this.at++
      else if (c === '#') {
        while (this.at < this.pattern.length && !isLineTerminator(this.pattern.charCodeAt(this.at))) this.at++
      } else return
    }
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = []
    for (;;) {
      this.skipComments()
      const c = this.peek()
      if (c === undefined || c === '|' || c === ')') break
      const atom = this.atom()
      if (atom !== null) items.push(this.quantified(atom))
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items }
  }

  private quantified(atom: RegexNode): RegexNode {
    this.skipComments()
    const c = this.peek()
    let min: number
    let max: number
    if (c === '*' || c === '+' || c === '?') {
      this.at++
      ;[min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1]
    } else if (c === '{') {
      const counted = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.at))
      if (counted === null)
        this.error(
          /^\{\d/.test(this.pattern.slice(this.at)) ? 'Unclosed counted closure' : 'Illegal repetition',
        )
      min = Number(counted[1])
      max = counted[2] === undefined ? min : counted[3] === '' ? Infinity : Number(counted[3])
      if (max < min) this.error('Illegal repetition range', this.at + counted[0].length - 1)
      this.at += counted[0].length
    } else {
      return atom
    }
    let mode: 'greedy' | 'lazy' | 'possessive' = 'greedy'
    if (this.peek() === '?') mode = 'lazy'
    else if (this.peek() === '+') mode = 'possessive'
    if (mode !== 'greedy') this.at++
    return { t: 'repeat', body: atom, min, max, mode }
  }

  private atom(): RegexNode | null {
    const start = this.at
    const c = this.pattern[this.at++]!
    switch (c) {
      case '(':
        return this.group()
      case '[':
        return { t: 'char', test: folded(this.characterClass(), this.flags) }
      case '.': {
        const dotAll = (this.flags & DOTALL) !== 0
        return { t: 'char', test: dotAll ? () => true : (x) => !isLineTerminator(x) }
      }
      case '^':
        return {
          t: 'assert',
          kind: (this.flags & MULTILINE) !== 0 ? 'lineStart' : 'inputStart',
          flags: this.flags,
        }
      case '$':
        return { t: 'assert', kind: (this.flags & MULTILINE) !== 0 ? 'lineEnd' : 'endZ', flags: this.flags }
      case '*':
      case '+':
      case '?':
        return this.error(`Dangling meta character '${c}'`, start)
      case '{':
        return this.error('Illegal repetition', start)
      case '\\':
        return this.escape(false)
    }
    const code = this.pattern.charCodeAt(start)
    return literal(code, this.flags)
  }

  private group(): RegexNode | null {
    let node: (body: RegexNode) => RegexNode = (body) => ({ t: 'group', index: null, body })
    const saved = this.flags
    if (this.peek() === '?') {
      this.at++
      const kind = this.peek()
      if (kind === ':') this.at++
      else if (kind === '>') {
        this.at++
        node = (body) => ({ t: 'atomic', body })
      } else if (kind === '=' || kind === '!') {
        this.at++
        node = (body) => ({ t: 'look', behind: false, negate: kind === '!', body })
      } else if (kind === '<' && (this.pattern[this.at + 1] === '=' || this.pattern[this.at + 1] === '!')) {
        const negate = this.pattern[this.at + 1] === '!'
        this.at += 2
        node = (body) => ({ t: 'look', behind: true, negate, body })
      } else if (kind === '<') {
        const named = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.pattern.slice(this.at))
        if (named === null) this.error("named capturing group is missing trailing '>'")
        if (this.names.has(named[1]!)) this.error(`Named capturing group <${named[1]}> is already defined`)
        this.at += named[0].length
        const index = ++this.groups
        this.names.set(named[1]!, index)
        node = (body) => ({ t: 'group', index, body })
      } else {
        const inline = this.inlineFlags()
        if (this.peek() === ')') {
          this.at++
          this.flags = inline
          return null
        }
        if (this.peek() !== ':') this.error('Unknown inline modifier')
        this.at++
        this.flags = inline
      }
    } else {
      const index = ++this.groups
      node = (body) => ({ t: 'group', index, body })
    }
    const body = this.alternation()
    if (this.peek() !== ')') this.error('Unclosed group', this.pattern.length)
    this.at++
    this.flags = saved
    return node(body)
  }

  private inlineFlags(): number {
    let flags = this.flags
    let on = true
    for (;;) {
      const c = this.peek()
      const bit = c === 'i' ? CASE_INSENSITIVE : c === 'm' ? MULTILINE : c === 's' ? DOTALL : c === 'x' ? COMMENTS
        : c === 'u' ? UNICODE_CASE : c === 'U' ? UNICODE_CHARACTER_CLASS : c === 'd' || c === 'c' ? -1 : 0 // prettier-ignore
      if (c === '-') on = false
      else if (bit === -1) throw new RegexUnsupported(`the inline flag [${c}]`)
      else if (bit === 0) return flags
      else flags = on ? flags | bit : flags & ~bit
      this.at++
    }
  }

  /** After a backslash: a character test, an assertion or a back reference (`inClass`: inside `[...]`). */
  private escape(inClass: boolean): RegexNode {
    const start = this.at - 1
    const c = this.pattern[this.at++]
    if (c === undefined) this.error('Unexpected internal error', this.pattern.length)
    const unicodeClasses = (this.flags & UNICODE_CHARACTER_CLASS) !== 0
    const set = (test: CharTest): RegexNode => ({ t: 'char', test })
    switch (c) {
      case 'd':
      case 'D': {
        const test = unicodeClasses ? UNICODE_DIGIT : ASCII_DIGIT
        return set(c === 'd' ? test : (x) => !test(x))
      }
      case 'w':
      case 'W': {
        const flags = this.flags
        return set(c === 'w' ? (x) => isWordChar(x, flags) : (x) => !isWordChar(x, flags))
      }
      case 's':
      case 'S': {
        const test = unicodeClasses ? UNICODE_SPACE : ASCII_SPACE
        return set(c === 's' ? test : (x) => !test(x))
      }
      case 'h':
        return set(HORIZONTAL)
      case 'H':
        return set((x) => !HORIZONTAL(x))
      case 'v':
        return set(VERTICAL)
      case 'V':
        return set((x) => !VERTICAL(x))
      case 'p':
      case 'P': {
        const braced = /^\{([^}]*)\}/.exec(this.pattern.slice(this.at))
        let name: string
        if (braced !== null) {
          name = braced[1]!
          this.at += braced[0].length
        } else {
          name = this.pattern[this.at++] ?? ''
        }
        const test = folded(property(name, this.flags), this.flags)
        return set(c === 'p' ? test : (x) => !test(x))
      }
      case 'Q': {
        const end = this.pattern.indexOf('\\E', this.at)
        const text = this.pattern.slice(this.at, end < 0 ? undefined : end)
        this.at = end < 0 ? this.pattern.length : end + 2
        if (inClass) throw new RegexUnsupported('\\Q...\\E inside a character class')
        return { t: 'seq', items: [...text].map((ch) => literal(ch.charCodeAt(0), this.flags)) }
      }
    }
    if (!inClass) {
      switch (c) {
        case 'b':
          if (this.peek() === '{') throw new RegexUnsupported('\\b{g}')
          return { t: 'assert', kind: 'word', flags: this.flags }
        case 'B':
          return { t: 'assert', kind: 'notWord', flags: this.flags }
        case 'A':
          return { t: 'assert', kind: 'inputStart', flags: this.flags }
        case 'z':
          return { t: 'assert', kind: 'inputEnd', flags: this.flags }
        case 'Z':
          return { t: 'assert', kind: 'endZ', flags: this.flags }
        case 'k': {
          const named = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.pattern.slice(this.at))
          if (named === null) this.error("\\k is not followed by '<' for named capturing group")
          const index = this.names.get(named[1]!)
          if (index === undefined) this.error(`named capturing group <${named[1]}> does not exist`)
          this.at += named[0].length
          return { t: 'backref', index, flags: this.flags }
        }
        case 'G':
        case 'X':
        case 'R':
        case 'N':
          throw new RegexUnsupported(`\\${c}`)
      }
      if (c >= '1' && c <= '9') {
        // Pattern takes the longest group number that exists, at least one digit
        let index = Number(c)
        while (/[0-9]/.test(this.peek() ?? '') && index * 10 + Number(this.peek()) <= this.groups) {
          index = index * 10 + Number(this.pattern[this.at++])
        }
        return { t: 'backref', index, flags: this.flags }
      }
    }
    return literal(this.escapedChar(c, start), this.flags)
  }

  /** The character an escape stands for (`\n`, `\x41`, `\.`); an alphabetic one without meaning is an error. */
  private escapedChar(c: string, start: number): number {
    const hex = (digits: string | undefined, index: number): number => {
      if (digits === undefined) this.error('Illegal hexadecimal escape sequence', index)
      return parseInt(digits, 16)
    }
    switch (c) {
      case 't':
        return 0x09
      case 'n':
        return 0x0a
      case 'r':
        return 0x0d
      case 'f':
        return 0x0c
      case 'a':
        return 0x07
      case 'e':
        return 0x1b
      case '0': {
        const octal = /^[0-7]{1,3}/.exec(this.pattern.slice(this.at))
        if (octal === null) this.error('Illegal octal escape sequence')
        const digits = Number.parseInt(octal[0], 8) > 0o377 ? octal[0].slice(0, 2) : octal[0]
        this.at += digits.length
        return Number.parseInt(digits, 8)
      }
      case 'x': {
        const braced = /^\{([0-9a-fA-F]+)\}/.exec(this.pattern.slice(this.at))
        if (braced !== null) {
          this.at += braced[0].length
          const code = parseInt(braced[1]!, 16)
          if (code > 0xffff) throw new RegexUnsupported('a supplementary character escape')
          return code
        }
        const digits = /^[0-9a-fA-F]{2}/.exec(this.pattern.slice(this.at))?.[0]
        this.at += 2
        return hex(digits, this.at)
      }
      case 'u': {
        const digits = /^[0-9a-fA-F]{4}/.exec(this.pattern.slice(this.at))?.[0]
        this.at += 4
        if (digits === undefined) this.error('Illegal Unicode escape sequence', this.at)
        return hex(digits, this.at)
      }
      case 'c': {
        const control = this.pattern.charCodeAt(this.at++)
        if (Number.isNaN(control)) this.error('Illegal control escape sequence')
        return control ^ 64
      }
    }
    if (/[a-zA-Z]/.test(c)) this.error('Illegal/unsupported escape sequence', start + 1)
    return c.charCodeAt(0)
  }

  /** A `[...]` class (after its `[`): union of items and nested classes, `&&` intersections, `^` negation. */
  private characterClass(): CharTest {
    const negate = this.peek() === '^'
    if (negate) this.at++
    let result: CharTest | null = null
    let union: CharTest[] = []
    let first = true
    const closeUnion = () => {
      const parts = union
      const test: CharTest = (x) => parts.some((part) => part(x))
      result =
        result === null
          ? test
          : (
              (prev) => (x: number) =>
                prev(x) && test(x)
            )(result)
      union = []
    }
    for (;;) {
      if ((this.flags & COMMENTS) !== 0) this.skipComments()
      const c = this.peek()
      if (c === undefined) this.error('Unclosed character class', this.pattern.length - 1)
      if (c === ']' && !first) {
        this.at++
        break
      }
      first = false
      if (c === '[') {
        this.at++
        union.push(this.characterClass())
        continue
      }
      if (c === '&' && this.pattern[this.at + 1] === '&') {
        this.at += 2
        closeUnion()
        continue
      }
      const from = this.classChar()
      if (typeof from !== 'number') {
        union.push(from)
        continue
      }
      if (
        this.peek() === '-' &&
        this.pattern[this.at + 1] !== ']' &&
        this.pattern[this.at + 1] !== undefined
      ) {
        this.at++
        if (this.peek() === '[') this.error('Illegal character range')
        const to = this.classChar()
        if (typeof to !== 'number' || to < from) this.error('Illegal character range', this.at - 1)
        union.push(range(from, to))
      } else {
        union.push((x) => x === from)
      }
    }
    closeUnion()
    const test = result!
    return negate ? (x) => !test(x) : test
  }

  /** One class member: a character's code, or a test for a class escape such as `\d` or `\p{L}`. */
  private classChar(): number | CharTest {
    const c = this.pattern[this.at++]!
    if (c !== '\\') return c.charCodeAt(0)
    const next = this.peek()
    if (next === undefined) this.error('Unclosed character class', this.pattern.length - 1)
    if (/[dDwWsShHvVpPQ]/.test(next)) {
      const node = this.escape(true)
      if (node.t !== 'char') throw new RegexUnsupported(`\\${next} inside a character class`)
      return node.test
    }
    this.at++
    return this.escapedChar(next, this.at - 2)
  }
}
