/**
 * The tree of a POSIX regular expression (regex-parser.ts builds it, nfa.ts compiles it). Characters are
 * Unicode code points; a bracket expression is kept as a predicate on one code point (case folding already
 * applied); assertions test the position between two characters of the line.
 */

export type Assertion =
  'line-start' | 'line-end' | 'word-boundary' | 'not-word-boundary' | 'word-start' | 'word-end'

export type RegexNode =
  | { readonly type: 'empty' }
  | { readonly type: 'chars'; readonly test: (code: number) => boolean }
  | { readonly type: 'concat'; readonly parts: readonly RegexNode[] }
  | { readonly type: 'alternation'; readonly options: readonly RegexNode[] }
  | { readonly type: 'repeat'; readonly node: RegexNode; readonly min: number; readonly max: number }
  | { readonly type: 'assert'; readonly assertion: Assertion }

/** A word constituent for `\<`, `\b`, `\w` and grep -w: a letter, a digit or `_`. */
export function isWordChar(code: number): boolean {
  return code === 95 || /[\p{L}\p{N}]/u.test(String.fromCodePoint(code))
}

/** The POSIX character classes in the C.UTF-8 locale: ASCII ones, and letters and digits of any script. */
export const CHARACTER_CLASSES: Readonly<Record<string, (code: number) => boolean>> = {
  alpha: (c) => /\p{L}/u.test(String.fromCodePoint(c)),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => (c >= 48 && c <= 57) || /\p{L}/u.test(String.fromCodePoint(c)),
  upper: (c) => /\p{Lu}/u.test(String.fromCodePoint(c)),
  lower: (c) => /\p{Ll}/u.test(String.fromCodePoint(c)),
  space: (c) =>
    (c >= 9 && c <= 13) ||
    c === 32 ||
    /[\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]/.test(String.fromCodePoint(c)),
  blank: (c) =>
    c === 9 || c === 32 || /[\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]/.test(String.fromCodePoint(c)),
  punct: (c) =>
    (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
  print: (c) => c >= 32 && c !== 127 && !(c >= 128 && c < 160),
  graph: (c) => c > 32 && c !== 127 && !(c >= 128 && c <= 160),
  cntrl: (c) => c < 32 || c === 127 || (c >= 128 && c < 160),
  xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
}

/** The code point with its other case, for -i (simple case mapping). */
export function otherCases(code: number): number[] {
  const char = String.fromCodePoint(code)
  const cases = new Set([code])
  for (const other of [char.toLowerCase(), char.toUpperCase()]) {
    if ([...other].length === 1) cases.add(other.codePointAt(0)!)
  }
  return [...cases]
}
