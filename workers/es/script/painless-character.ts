/**
 * java.lang.Character as Painless' java.lang allowlist offers it, over `char` values (Num of kind `char`):
 *
 * - statics: the tests of a code point (isDigit, isLetter, isLetterOrDigit, isAlphabetic, isUpperCase,
 *   isLowerCase, isWhitespace, isSpaceChar: the JDK's Unicode categories and properties, which JavaScript's `\p{..}`
 *   classes name), toUpperCase / toLowerCase of a char (the simple mapping: a char whose case maps to more than
 *   one char stays as it is), toString, valueOf, compare, MIN_VALUE and MAX_VALUE;
 * - a Character's methods: charValue, compareTo, equals (another Character of the same value), hashCode.
 *
 * An `int` argument is a code point; a char widens to one. Utility.StringTochar's cast of a one-character String
 * is here too.
 */
import { Num, className, type Value } from './painless-values.ts'
import { classCast } from './script-errors.ts'

export const CHARACTER_CONSTANTS: Readonly<Record<string, Value>> = {
  'Character.MIN_VALUE': Num.char(0),
  'Character.MAX_VALUE': Num.char(0xffff),
}

/** Utility.StringTochar: `(char) "c"`. */
export function stringToChar(value: string): Num {
  if (value.length !== 1) {
    throw classCast('Cannot cast [String] with length greater than one to [char].')
  }
  return Num.char(value.charCodeAt(0))
}

function codePoint(value: Value, type: 'int' | 'char'): number {
  if (value instanceof Num && (value.kind === 'char' || (type === 'int' && value.kind === 'int'))) {
    return value.value
  }
  throw classCast(`Cannot cast ${className(value)} to ${type}`)
}

/** Character.isWhitespace: a Unicode space separator other than the no-break ones, or one of nine controls. */
function isWhitespace(cp: number): boolean {
  if ((cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f)) return true
  if (cp === 0xa0 || cp === 0x2007 || cp === 0x202f) return false
  return /^[\p{Zs}\p{Zl}\p{Zp}]$/u.test(String.fromCodePoint(cp))
}

const CODE_POINT_TESTS: ReadonlyMap<string, (cp: number) => boolean> = new Map(
  Object.entries({
    isDigit: (cp) => /^\p{Nd}$/u.test(String.fromCodePoint(cp)),
    isLetter: (cp) => /^\p{L}$/u.test(String.fromCodePoint(cp)),
    isLetterOrDigit: (cp) => /^[\p{L}\p{Nd}]$/u.test(String.fromCodePoint(cp)),
    isAlphabetic: (cp) => /^\p{Alphabetic}$/u.test(String.fromCodePoint(cp)),
    isUpperCase: (cp) => /^\p{Uppercase}$/u.test(String.fromCodePoint(cp)),
    isLowerCase: (cp) => /^\p{Lowercase}$/u.test(String.fromCodePoint(cp)),
    isSpaceChar: (cp) => /^[\p{Zs}\p{Zl}\p{Zp}]$/u.test(String.fromCodePoint(cp)),
    isWhitespace,
  }),
)

/** Character.toUpperCase(char) / toLowerCase(char): the one-char mapping, or the char itself. */
function simpleCase(c: number, upper: boolean): Num {
  const text = String.fromCharCode(c)
  const mapped = upper ? text.toUpperCase() : text.toLowerCase()
  return Num.char(mapped.length === 1 ? mapped.charCodeAt(0) : c)
}

/** A static Character method, or undefined when the allowlist's part built here has none of that name and arity. */
export function characterStatic(name: string, args: readonly Value[]): Value | undefined {
  const [a = null, b = null] = args
  const test = CODE_POINT_TESTS.get(name)
  if (test !== undefined && args.length === 1) {
    const cp = codePoint(a, 'int')
    return cp >= 0 && cp <= 0x10ffff && test(cp)
  }
  switch (`${name}/${args.length}`) {
    case 'toUpperCase/1':
    case 'toLowerCase/1':
      return simpleCase(codePoint(a, 'char'), name === 'toUpperCase')
    case 'toString/1':
      return String.fromCharCode(codePoint(a, 'char'))
    case 'valueOf/1':
      return Num.char(codePoint(a, 'char'))
    case 'compare/2':
      return Num.int(codePoint(a, 'char') - codePoint(b, 'char'))
  }
  return undefined
}

/** A Character's own method, or undefined. */
export function characterMethod(self: Num, name: string, args: readonly Value[]): Value | undefined {
  const [a = null] = args
  switch (`${name}/${args.length}`) {
    case 'charValue/0':
      return self
    case 'hashCode/0':
      return Num.int(self.value)
    case 'compareTo/1':
      return Num.int(self.value - codePoint(a, 'char'))
    case 'equals/1':
      return a instanceof Num && a.kind === 'char' && a.value === self.value
  }
  return undefined
}
