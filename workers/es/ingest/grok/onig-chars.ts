/**
 * Character predicates of Oniguruma's Ruby syntax over UTF-8 text (as Joni, the Java port ES's grok runs on,
 * applies them): `\w \d \s \h` and their negations, POSIX brackets (`[:alnum:]`), `\p{Name}` properties,
 * and case folding for `(?i)`. A predicate tests one Unicode code point. Without ONIG_OPTION_ASCII_RANGE the
 * shorthands are Unicode-wide: `\w` is letters, marks, decimal digits and connector punctuation; `\d` is
 * decimal digits; `\s` is the Unicode white space; `\h` is an ASCII hexadecimal digit.
 */

export type CharTest = (c: number) => boolean

function unicode(property: string): CharTest {
  const re = new RegExp(`^\\p{${property}}$`, 'u')
  return (c) => re.test(String.fromCodePoint(c))
}

const LETTER = unicode('L')
const MARK = unicode('M')
const DIGIT = unicode('Nd')
const CONNECTOR = unicode('Pc')
const SEPARATOR = unicode('Z')
const PUNCT = unicode('P')
const SYMBOL = unicode('S')
const UPPER = unicode('Lu')
const LOWER = unicode('Ll')
const CONTROL = unicode('Cc')

export const isWord: CharTest = (c) =>
  c < 128
    ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
    : LETTER(c) || MARK(c) || DIGIT(c) || CONNECTOR(c)
export const isDigit: CharTest = (c) => (c < 128 ? c >= 48 && c <= 57 : DIGIT(c))
export const isSpace: CharTest = (c) =>
  (c >= 9 && c <= 13) || c === 32 || c === 0x85 || (c > 127 && SEPARATOR(c))
export const isHex: CharTest = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)

const isAlpha: CharTest = (c) => LETTER(c) || MARK(c)
const isGraph: CharTest = (c) => c > 32 && !isSpace(c) && !CONTROL(c)

/** POSIX bracket classes (`[[:name:]]`), Unicode-wide as in Oniguruma's UTF-8 encoding. */
export const POSIX_BRACKETS: ReadonlyMap<string, CharTest> = new Map<string, CharTest>([
  ['alnum', (c) => isAlpha(c) || DIGIT(c)],
  ['alpha', isAlpha],
  ['ascii', (c) => c < 128],
  ['blank', (c) => c === 9 || c === 32 || (c > 127 && SEPARATOR(c))],
  ['cntrl', CONTROL],
  ['digit', isDigit],
  ['graph', isGraph],
  ['lower', LOWER],
  ['print', (c) => isGraph(c) || c === 32],
  ['punct', (c) => PUNCT(c) || (c < 128 && SYMBOL(c))],
  ['space', isSpace],
  ['upper', UPPER],
  ['xdigit', isHex],
  ['word', isWord],
])

/** `\p{Name}` / `\p{^Name}`: the POSIX names and JavaScript's Unicode properties; null for an unknown one. */
export function propertyTest(name: string): CharTest | null {
  const posix = POSIX_BRACKETS.get(name.toLowerCase())
  if (posix !== undefined) return posix
  try {
    return unicode(name)
  } catch {
    return null
  }
}

/** The code points `(?i)` treats as one: the character and its simple lower and upper case forms. */
export function caseVariants(c: number): number[] {
  const s = String.fromCodePoint(c)
  const variants = new Set([c])
  for (const v of [s.toLowerCase(), s.toUpperCase()]) {
    if ([...v].length === 1) variants.add(v.codePointAt(0)!)
  }
  return [...variants]
}

/** A test that also accepts the case variants of a code point, for `(?i)`. */
export function ignoringCase(test: CharTest): CharTest {
  return (c) => test(c) || caseVariants(c).some((v) => v !== c && test(v))
}
