// The rules of Lucene 9's ClassicTokenizerImpl.jflex (the StandardTokenizer grammar of Lucene before 3.1) as
// Regex values over a small alphabet of its own, in the grammar's order: ALPHANUM, APOSTROPHE, ACRONYM, COMPANY,
// EMAIL, HOST, NUM, CJ, ACRONYM_DEP, then the catch-all single code point that the scanner skips. Read from
// apache/lucene lucene/analysis/common/src/java/org/apache/lucene/analysis/classic/ClassicTokenizerImpl.jflex;
// written anew.
// Alphabet (classicClassOf): LETTER is a letter ([:letter:]) outside the CJ ranges; DIGIT a decimal digit
// ([:digit:]); THAI another char of U+0E00..U+0E59 (the grammar's THAI range, whose letters and digits are
// LETTER and DIGIT); CJ a char of the CJ ranges (Chinese and Japanese, not Korean); the eight punctuation
// chars the rules name have a class each; everything else is OTHER. Supplementary code points are OTHER:
// the grammar is compiled for Unicode 3.0, which assigned no letters or digits outside the BMP.
import { alt, plus, seq, star, type Regex } from './regex-nfa.ts'

export const OTHER = 0
export const LETTER = 1
export const DIGIT = 2
export const THAI = 3
export const CJ = 4
const PUNCTUATION = ".-_/,'&@"
export const CLASSIC_CLASS_COUNT = 5 + PUNCTUATION.length

const CJ_RANGES: ReadonlyArray<[number, number]> = [
  [0x3100, 0x312f],
  [0x3040, 0x309f],
  [0x30a0, 0x30ff],
  [0x31f0, 0x31ff],
  [0x3300, 0x337f],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0xff65, 0xff9f],
]

const LETTER_CHAR = /\p{L}/u
const DIGIT_CHAR = /\p{Nd}/u

/** The class of a code point in the classic grammar's alphabet. */
export function classicClassOf(codePoint: number): number {
  const punctuation = codePoint < 0x80 ? PUNCTUATION.indexOf(String.fromCharCode(codePoint)) : -1
  if (punctuation >= 0) return 5 + punctuation
  if (codePoint > 0xffff) return OTHER
  if (CJ_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high)) return CJ
  const text = String.fromCharCode(codePoint)
  if (LETTER_CHAR.test(text)) return LETTER
  if (DIGIT_CHAR.test(text)) return DIGIT
  return codePoint >= 0x0e00 && codePoint <= 0x0e59 ? THAI : OTHER
}

const set = (...classes: number[]): Regex => ({
  kind: 'set',
  classes: Array.from({ length: CLASSIC_CLASS_COUNT }, (_, classId) => classes.includes(classId)),
})
const char = (ch: string): number => 5 + PUNCTUATION.indexOf(ch)

const letter = set(LETTER)
const alphanum = plus(set(LETTER, THAI, DIGIT))
const alpha = plus(letter)
const dot = set(char('.'))
const p = set(char('_'), char('-'), char('/'), char('.'), char(','))
const hasDigit = seq(star(set(LETTER, DIGIT)), set(DIGIT), star(set(LETTER, DIGIT)))

const num = alt(
  seq(alphanum, p, hasDigit),
  seq(hasDigit, p, alphanum),
  seq(alphanum, plus(seq(p, hasDigit, p, alphanum))),
  seq(hasDigit, plus(seq(p, alphanum, p, hasDigit))),
  seq(alphanum, p, hasDigit, plus(seq(p, alphanum, p, hasDigit))),
  seq(hasDigit, p, alphanum, plus(seq(p, hasDigit, p, alphanum))),
)

/** Token types in rule order; the index of ACRONYM_DEP is reported as <HOST> without its last dot. */
export const CLASSIC_RULE_TYPES = [
  '<ALPHANUM>',
  '<APOSTROPHE>',
  '<ACRONYM>',
  '<COMPANY>',
  '<EMAIL>',
  '<HOST>',
  '<NUM>',
  '<CJ>',
  '<ACRONYM_DEP>',
] as const
export const CLASSIC_ACRONYM_DEP = CLASSIC_RULE_TYPES.indexOf('<ACRONYM_DEP>')
export const CLASSIC_SKIP_RULE = CLASSIC_RULE_TYPES.length

/** The rules, indexed as CLASSIC_RULE_TYPES, with CLASSIC_SKIP_RULE last. */
export const CLASSIC_RULES: readonly Regex[] = [
  alphanum,
  seq(alpha, plus(seq(set(char("'")), alpha))),
  seq(letter, dot, plus(seq(letter, dot))),
  seq(alpha, set(char('&'), char('@')), alpha),
  seq(
    alphanum,
    star(seq(set(char('.'), char('-'), char('_')), alphanum)),
    set(char('@')),
    alphanum,
    plus(seq(set(char('.'), char('-')), alphanum)),
  ),
  seq(alphanum, plus(seq(dot, alphanum))),
  num,
  set(CJ),
  seq(alphanum, dot, plus(seq(alphanum, dot))),
  set(...Array.from({ length: CLASSIC_CLASS_COUNT }, (_, classId) => classId)),
]
